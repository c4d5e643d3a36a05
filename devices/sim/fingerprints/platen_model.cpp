#include "devices/sim/fingerprints/platen_model.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kiosk::sim {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kLatentRidgePeriodPx = 9.0;  // a finger's ridge period at 500 dpi
constexpr std::uint8_t kDeadValueMax = 6;     // dead pixels read (almost) black
constexpr int kMaxPlatenSidePx = 4096;

// Each imperfection draws from its own generator, so switching one off (or cleaning) does not move
// the others.
std::mt19937_64 streamFor(std::uint64_t seed, std::uint64_t stream) {
    return std::mt19937_64(seed * 0x9E3779B97F4A7C15ULL + stream * 0xBF58476D1CE4E5B9ULL + 0x51ULL);
}

std::size_t indexOf(int x, int y, int w) {
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x);
}

}  // namespace

GreyImage makeTestTarget(int widthPx, int heightPx, const TestTargetOptions& options) {
    GreyImage img;
    if (widthPx <= 0 || heightPx <= 0 || widthPx > kMaxPlatenSidePx || heightPx > kMaxPlatenSidePx) return img;
    img.width = widthPx;
    img.height = heightPx;
    const double c = std::clamp(options.michelson, 0.0, 0.99);
    const double light = 255.0, dark = 255.0 * (1.0 - c) / (1.0 + c);
    const double period = std::max(2.0, options.periodPx);
    cv::Mat bars(heightPx, widthPx, CV_32F);
    for (int x = 0; x < widthPx; ++x) {
        const double phase = std::fmod(x + 0.5, period) / period;
        const float v = static_cast<float>(phase < 0.5 ? light : dark);
        for (int y = 0; y < heightPx; ++y) bars.at<float>(y, x) = v;
    }
    if (options.opticsBlurPx > 0) cv::GaussianBlur(bars, bars, cv::Size(0, 0), options.opticsBlurPx, 0, cv::BORDER_REFLECT);
    img.pixels.resize(static_cast<std::size_t>(widthPx) * static_cast<std::size_t>(heightPx));
    cv::Mat out(heightPx, widthPx, CV_8U, img.pixels.data());
    bars.convertTo(out, CV_8U);
    return img;
}

PlatenModel::PlatenModel() : PlatenModel(PlatenOptions{}) {}

PlatenModel::PlatenModel(const PlatenOptions& options) : options_(options) {
    options_.widthPx = std::clamp(options_.widthPx, 1, kMaxPlatenSidePx);
    options_.heightPx = std::clamp(options_.heightPx, 1, kMaxPlatenSidePx);
    build();
}

bool PlatenModel::isIdeal() const {
    const PlatenOptions& o = options_;
    return o.whiteLevelGrey >= 255 && o.falloffPercent == 0 && o.gradientPercent == 0 && o.gainNoisePercent == 0 &&
           o.temporalNoiseGrey == 0 && dust_.empty() && !latentPresent_ && stuck_.empty();
}

void PlatenModel::build() {
    const int w = options_.widthPx, h = options_.heightPx;
    const std::size_t n = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    noiseRng_ = streamFor(options_.seed, 1);

    // Illumination: a cos^4-like vignetting 1/(1+(r/f)^2)^2, f chosen so the corners are
    // falloffPercent below the centre, times a linear gradient; normalised to 1 at its brightest.
    illumination_.assign(n, 1.0f);
    const double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
    const double rCorner = std::hypot(cx, cy);
    const double a = std::clamp(options_.falloffPercent / 100.0, 0.0, 0.95);
    const double rOverF2 = a > 0 ? 1.0 / std::sqrt(1.0 - a) - 1.0 : 0.0;  // (rCorner/f)^2
    const double g = options_.gradientPercent / 100.0;
    const double ang = options_.gradientAngleDeg * kPi / 180.0;
    const double extent = std::abs(std::cos(ang)) * w + std::abs(std::sin(ang)) * h;
    double peak = 0;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const double r2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (rCorner * rCorner);
            const double q = 1.0 + rOverF2 * r2;
            const double t = ((x - cx) * std::cos(ang) + (y - cy) * std::sin(ang)) / extent;  // -0.5 .. 0.5
            const double v = (1.0 / (q * q)) * (1.0 + g * t);
            illumination_[indexOf(x, y, w)] = static_cast<float>(v);
            peak = std::max(peak, v);
        }
    }
    for (float& v : illumination_) v = static_cast<float>(v / peak * options_.whiteLevelGrey);

    // Fixed-pattern gain.
    gain_.assign(n, 1.0f);
    if (options_.gainNoisePercent > 0) {
        auto rng = streamFor(options_.seed, 2);
        std::normal_distribution<double> nd(0.0, options_.gainNoisePercent / 100.0);
        for (float& v : gain_) v = static_cast<float>(std::clamp(1.0 + nd(rng), 0.5, 1.5));
    }

    // Dust: soft-edged dark discs.
    transmission_.assign(n, 1.0f);
    dust_.clear();
    {
        auto rng = streamFor(options_.seed, 3);
        std::uniform_real_distribution<double> ux(8.0, std::max(9.0, w - 8.0)), uy(8.0, std::max(9.0, h - 8.0));
        std::uniform_real_distribution<double> ur(options_.dustMinRadiusPx,
                                                  std::max(options_.dustMinRadiusPx, options_.dustMaxRadiusPx));
        for (int i = 0; i < options_.dustSpecks; ++i) dust_.push_back({ux(rng), uy(rng), ur(rng)});
        const double t0 = std::clamp(options_.dustTransmission, 0.0, 1.0);
        for (const DustSpeck& d : dust_) {
            const int r = static_cast<int>(std::ceil(d.radiusPx + 2));
            for (int y = std::max(0, static_cast<int>(d.y) - r); y <= std::min(h - 1, static_cast<int>(d.y) + r); ++y) {
                for (int x = std::max(0, static_cast<int>(d.x) - r); x <= std::min(w - 1, static_cast<int>(d.x) + r); ++x) {
                    const double dist = std::hypot(x - d.x, y - d.y);
                    const double cover = std::clamp(d.radiusPx + 0.5 - dist, 0.0, 1.0);  // 1 px soft edge
                    float& tr = transmission_[indexOf(x, y, w)];
                    tr = static_cast<float>(tr * (1.0 - cover * (1.0 - t0)));
                }
            }
        }
    }

    // Latent print: faint curved ridges of residue (arcs around a point outside the patch, as on a
    // fingertip's side), in a soft round patch.
    latentPresent_ = options_.latentPrint;
    if (latentPresent_) {
        auto rng = streamFor(options_.seed, 4);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const double rad = std::max(5.0, options_.latentRadiusPx);
        latentX_ = options_.latentCentreXPx >= 0 ? options_.latentCentreXPx : rad + u(rng) * std::max(1.0, w - 2 * rad);
        latentY_ = options_.latentCentreYPx >= 0 ? options_.latentCentreYPx : rad + u(rng) * std::max(1.0, h - 2 * rad);
        const double arcAngle = u(rng) * 2 * kPi;
        const double ox = latentX_ + 2.5 * rad * std::cos(arcAngle), oy = latentY_ + 2.5 * rad * std::sin(arcAngle);
        const double depth = std::clamp(options_.latentDepthPercent / 100.0, 0.0, 1.0);
        const int r = static_cast<int>(std::ceil(rad));
        for (int y = std::max(0, static_cast<int>(latentY_) - r); y <= std::min(h - 1, static_cast<int>(latentY_) + r); ++y) {
            for (int x = std::max(0, static_cast<int>(latentX_) - r); x <= std::min(w - 1, static_cast<int>(latentX_) + r); ++x) {
                const double d = std::hypot(x - latentX_, y - latentY_) / rad;
                if (d >= 1.0) continue;
                const double envelope = 1.0 - d * d * d * d;
                const double ridge = 0.5 + 0.5 * std::cos(2 * kPi * std::hypot(x - ox, y - oy) / kLatentRidgePeriodPx);
                float& tr = transmission_[indexOf(x, y, w)];
                tr = static_cast<float>(tr * (1.0 - depth * envelope * ridge));
            }
        }
    }

    // Stuck pixels, at distinct positions.
    stuck_.clear();
    {
        auto rng = streamFor(options_.seed, 5);
        std::uniform_int_distribution<int> ux(0, w - 1), uy(0, h - 1);
        std::uniform_int_distribution<int> dark(0, kDeadValueMax);
        const int total = std::clamp(options_.deadPixels + options_.hotPixels, 0, w * h / 4);
        std::vector<std::uint8_t> taken(n, 0);
        for (int i = 0; i < total;) {
            const int x = ux(rng), y = uy(rng);
            if (taken[indexOf(x, y, w)]) continue;
            taken[indexOf(x, y, w)] = 1;
            const bool hot = i >= options_.deadPixels;
            stuck_.push_back({x, y, hot ? std::uint8_t{255} : static_cast<std::uint8_t>(dark(rng)), hot});
            ++i;
        }
    }
}

void PlatenModel::clean() {
    dust_.clear();
    latentPresent_ = false;
    std::fill(transmission_.begin(), transmission_.end(), 1.0f);
    options_.dustSpecks = 0;
    options_.latentPrint = false;
}

std::optional<PlatenRect> PlatenModel::latentPrintBounds() const {
    if (!latentPresent_) return std::nullopt;
    const double rad = std::max(5.0, options_.latentRadiusPx);
    const int x0 = std::max(0, static_cast<int>(std::floor(latentX_ - rad)));
    const int y0 = std::max(0, static_cast<int>(std::floor(latentY_ - rad)));
    const int x1 = std::min(options_.widthPx, static_cast<int>(std::ceil(latentX_ + rad)) + 1);
    const int y1 = std::min(options_.heightPx, static_cast<int>(std::ceil(latentY_ + rad)) + 1);
    return PlatenRect{x0, y0, x1 - x0, y1 - y0};
}

GreyImage PlatenModel::render(const GreyImage* onPlaten) {
    const bool withObject = onPlaten != nullptr && onPlaten->isValid();
    if (withObject && isIdeal()) return *onPlaten;
    if (withObject && (onPlaten->width != options_.widthPx || onPlaten->height != options_.heightPx)) {
        PlatenOptions sized = options_;
        sized.widthPx = onPlaten->width;
        sized.heightPx = onPlaten->height;
        sized.seed = options_.seed;
        PlatenModel other(sized);
        other.noiseRng_.seed(noiseRng_());
        return other.render(onPlaten);
    }
    const int w = options_.widthPx, h = options_.heightPx;
    GreyImage out;
    out.width = w;
    out.height = h;
    out.dpi = withObject ? onPlaten->dpi : 500;
    out.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    std::normal_distribution<double> noise(0.0, std::max(0.0, options_.temporalNoiseGrey));
    const bool noisy = options_.temporalNoiseGrey > 0;
    for (std::size_t i = 0; i < out.pixels.size(); ++i) {
        const double reflectance = withObject ? onPlaten->pixels[i] / 255.0 : 1.0;
        double v = illumination_[i] * gain_[i] * transmission_[i] * reflectance;
        if (noisy) v += noise(noiseRng_);
        out.pixels[i] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
    }
    for (const StuckPixel& s : stuck_) out.pixels[indexOf(s.x, s.y, w)] = s.value;
    return out;
}

std::optional<PlatenOptions> platenPreset(std::string_view name) {
    PlatenOptions o;
    if (name == "ideal") return o;
    if (name != "worn" && name != "dirty") return std::nullopt;
    o.whiteLevelGrey = 235;
    o.falloffPercent = 35;
    o.gradientPercent = 10;
    o.gradientAngleDeg = 30;
    o.gainNoisePercent = 2;
    o.temporalNoiseGrey = 1.5;
    o.deadPixels = 6;
    o.hotPixels = 3;
    o.seed = 2026;
    if (name == "dirty") {
        o.dustSpecks = 10;
        o.latentPrint = true;
    }
    return o;
}

}  // namespace kiosk::sim
