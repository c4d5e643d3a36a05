#include "devices/sim/passports/page_camera.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace kiosk::sim {
namespace {

constexpr double kMaxVignetting = 0.95;
constexpr double kMinBlurSigmaPx = 0.05;  // below this a blur changes nothing measurable

GainMap makeGain(const PageCameraOptions& o) {
    GainMap map;
    map.width = o.width;
    map.height = o.height;
    map.values.resize(static_cast<std::size_t>(o.width) * static_cast<std::size_t>(o.height));
    const double strength = std::clamp(o.vignettingStrength, 0.0, kMaxVignetting);
    // cos^4(atan(k)) = 1 / (1 + k^2)^2 = 1 - strength at the corners (r = 1).
    const double k = std::sqrt(1.0 / std::sqrt(1.0 - strength) - 1.0);
    const double cx = (o.width - 1) / 2.0 + o.opticalCentreOffsetPx[0];
    const double cy = (o.height - 1) / 2.0 + o.opticalCentreOffsetPx[1];
    const double halfDiagonal = std::hypot(o.width / 2.0, o.height / 2.0);
    const double tilt = std::clamp(o.illuminationTilt, -0.5, 0.5);
    double peak = 0.0;
    for (int y = 0; y < o.height; ++y) {
        for (int x = 0; x < o.width; ++x) {
            const double r = std::hypot(x - cx, y - cy) / halfDiagonal;
            const double t = 1.0 + k * k * r * r;
            const double light = 1.0 + tilt * (x / std::max(1.0, o.width - 1.0) - 0.5);
            const double g = light / (t * t);
            peak = std::max(peak, g);
            map.values[static_cast<std::size_t>(y) * static_cast<std::size_t>(o.width) + static_cast<std::size_t>(x)] =
                static_cast<float>(g);
        }
    }
    for (auto& v : map.values) v = static_cast<float>(v / peak);
    return map;
}

}  // namespace

SimulatedPageCamera::SimulatedPageCamera(PageCameraOptions options) : options_(options), focusStep_(0), gain_() {
    options_.width = std::max(16, options_.width);
    options_.height = std::max(16, options_.height);
    if (options_.maxFocusStep < options_.minFocusStep) std::swap(options_.minFocusStep, options_.maxFocusStep);
    options_.bestFocusStep = std::clamp(options_.bestFocusStep, options_.minFocusStep, options_.maxFocusStep);
    focusStep_ = std::clamp(options_.initialFocusStep, options_.minFocusStep, options_.maxFocusStep);
    gain_ = makeGain(options_);
}

void SimulatedPageCamera::setFocus(int step) {
    focusStep_ = std::clamp(step, options_.minFocusStep, options_.maxFocusStep);
}

double SimulatedPageCamera::currentBlurSigmaPx() const {
    return options_.defocusSigmaPerStepPx * std::abs(focusStep_ - options_.bestFocusStep);
}

std::array<double, 6> SimulatedPageCamera::truePageToFrame() const {
    const double a = options_.rotationDeg * std::numbers::pi / 180.0;
    const double c = std::cos(a) * options_.scale, s = std::sin(a) * options_.scale;
    const double cx = (options_.width - 1) / 2.0, cy = (options_.height - 1) / 2.0;
    // Rotate and scale about the frame centre, then shift.
    return {c, -s, cx - c * cx + s * cy + options_.offsetPx[0], s, c, cy - s * cx - c * cy + options_.offsetPx[1]};
}

GreyImage SimulatedPageCamera::capture(const GreyImage& page) {
    return photograph(&page);
}

GreyImage SimulatedPageCamera::captureBlankCard() {
    return photograph(nullptr);
}

GreyImage SimulatedPageCamera::photograph(const GreyImage* page) {
    const cv::Size size(options_.width, options_.height);
    cv::Mat reflectance(size, CV_32F, cv::Scalar(1.0));
    if (page != nullptr && page->isValid()) {
        const cv::Mat source(page->height, page->width, CV_8U, const_cast<std::uint8_t*>(page->pixels.data()));
        const auto m = truePageToFrame();
        const cv::Matx23d toFrame(m[0], m[1], m[2], m[3], m[4], m[5]);
        cv::Mat placed;
        cv::warpAffine(source, placed, toFrame, size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        placed.convertTo(reflectance, CV_32F, 1.0 / 255.0);
        if (const double sigma = currentBlurSigmaPx(); sigma > kMinBlurSigmaPx) {
            cv::GaussianBlur(reflectance, reflectance, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
        }
    }
    const cv::Mat gain(size, CV_32F, gain_.values.data());
    cv::Mat signal = reflectance.mul(gain) * options_.whiteGreyLevel;
    if (options_.noiseSigma > 0.0) {
        // A new draw per frame, reproducible from the seed and the frame count.
        cv::RNG random(options_.seed * 0x9E3779B97F4A7C15ULL + ++frames_);
        cv::Mat noise(size, CV_32F);
        random.fill(noise, cv::RNG::NORMAL, 0.0, options_.noiseSigma);
        signal += noise;
    }
    cv::Mat out;
    signal.convertTo(out, CV_8U);  // rounds and saturates
    GreyImage image;
    image.width = options_.width;
    image.height = options_.height;
    image.dpi = options_.dpi;
    image.pixels.assign(out.datastart, out.dataend);
    return image;
}

}  // namespace kiosk::sim
