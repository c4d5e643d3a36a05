#include "app/calibration/fingerprint/target_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace kiosk::calibration::fingerprint {
namespace {

double percentileOf(std::vector<float>& v, double p) {
    const auto k = static_cast<std::size_t>(std::clamp(p / 100.0, 0.0, 1.0) * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

double median(std::vector<float> v) { return v.empty() ? 0.0 : percentileOf(v, 50); }

std::string fixed(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace

Result<TargetMeasurement> measureTestTarget(const GreyImage& frame, const TargetLimits& limits) {
    const int b = std::max(8, limits.blockPx);
    if (!frame.isValid() || frame.width < b + 2 || frame.height < b + 2)
        return fail(Error::Code::InvalidInput, "frame too small for the target check", "target check");
    const int w = frame.width, h = frame.height;
    auto at = [&](int x, int y) { return static_cast<float>(frame.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)]); };
    std::vector<float> michelson, modulation, sharpness, values, steps;
    // Blocks inside a one-pixel frame, so central differences never leave the image.
    for (int by = 1; by + b <= h - 1; by += b) {
        for (int bx = 1; bx + b <= w - 1; bx += b) {
            values.clear();
            steps.clear();
            for (int y = by; y < by + b; ++y) {
                for (int x = bx; x < bx + b; ++x) {
                    values.push_back(at(x, y));
                    const float dx = std::abs(at(x + 1, y) - at(x - 1, y)) / 2, dy = std::abs(at(x, y + 1) - at(x, y - 1)) / 2;
                    steps.push_back(std::max(dx, dy));
                }
            }
            const double lo = percentileOf(values, 5), hi = percentileOf(values, 95);
            const double amplitude = hi - lo;
            modulation.push_back(static_cast<float>(amplitude));
            michelson.push_back(hi + lo > 0 ? static_cast<float>(amplitude / (hi + lo)) : 0.0f);
            sharpness.push_back(amplitude > 1 ? static_cast<float>(percentileOf(steps, 95) / amplitude) : 0.0f);
        }
    }
    if (modulation.empty()) return fail(Error::Code::InvalidInput, "frame too small for the target check", "target check");
    TargetMeasurement m;
    m.blocks = static_cast<int>(modulation.size());
    if (median(modulation) < limits.minMedianModulationGrey)
        return fail(Error::Code::InvalidInput, "no test target on the platen (no bars seen)", "target check");
    m.michelson = median(michelson);
    m.sharpness = median(sharpness);
    m.weakestModulationGrey = *std::min_element(modulation.begin(), modulation.end());
    return m;
}

std::vector<std::string> targetProblems(const TargetMeasurement& m, const TargetLimits& limits) {
    std::vector<std::string> problems;
    if (m.michelson < limits.minMichelson)
        problems.push_back("target contrast " + fixed(m.michelson, 2) + " below " + fixed(limits.minMichelson, 2) +
                           ": check the prism, the LED and the target");
    if (m.sharpness < limits.minSharpness)
        problems.push_back("target sharpness " + fixed(m.sharpness, 2) + " below " + fixed(limits.minSharpness, 2) +
                           ": the optics are out of focus or the platen is fogged");
    if (m.weakestModulationGrey < limits.minWeakestModulationGrey)
        problems.push_back("bar amplitude " + fixed(m.weakestModulationGrey, 0) + " grey levels in the dimmest part, below " +
                           fixed(limits.minWeakestModulationGrey, 0) + ": illumination too weak there");
    return problems;
}

}  // namespace kiosk::calibration::fingerprint
