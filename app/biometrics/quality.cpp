// Fingerprint image quality — FIRST STAGE. A simple score from three measurements on the image as given:
// foreground coverage (local grey-level variance), ridge/valley contrast and orientation coherence
// (how clearly ridges run in one direction locally). Not NFIQ 2 and not calibrated against match
// performance yet; flags say why an image is poor so the kiosk can tell the traveller what to do.
#include "app/biometrics/quality.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace kiosk::biometrics {
namespace {
constexpr int kWindowPx = 17;
constexpr double kMinRidgeStdGrey = 9.0;
constexpr double kNoFingerForeground = 0.08;
constexpr double kPartialForeground = 0.35;
constexpr double kTooLightMeanGrey = 200.0;
constexpr double kTooDarkMeanGrey = 60.0;
constexpr double kSmudgedCoherence = 0.35;
constexpr double kCoherenceSigmaPx = 7.0;
constexpr double kGoodForeground = 0.55;
constexpr double kGoodRidgeStdGrey = 35.0;
}  // namespace

QualityReport assessQuality(const kiosk::GreyImage& image) {
    QualityReport r;
    if (!image.isValid() || image.width < 16 || image.height < 16) {
        r.flags = static_cast<std::uint8_t>(QualityFlag::NoFinger);
        return r;
    }
    cv::Mat grey(image.height, image.width, CV_8U, const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat f, mean, meanSq;
    grey.convertTo(f, CV_32F);
    const cv::Size win(kWindowPx, kWindowPx);
    cv::boxFilter(f, mean, CV_32F, win);
    cv::boxFilter(f.mul(f), meanSq, CV_32F, win);
    cv::Mat var = meanSq - mean.mul(mean);
    cv::max(var, 0.0, var);
    cv::Mat sd;
    cv::sqrt(var, sd);
    const cv::Mat fg = sd > kMinRidgeStdGrey;
    const double foreground = cv::countNonZero(fg) / static_cast<double>(fg.total());
    if (foreground < kNoFingerForeground) {
        r.flags = static_cast<std::uint8_t>(QualityFlag::NoFinger);
        return r;
    }
    const double meanGrey = cv::mean(f, fg)[0];
    const double contrast = cv::mean(sd, fg)[0];
    cv::Mat gx, gy;
    cv::Sobel(f, gx, CV_32F, 1, 0, 3);
    cv::Sobel(f, gy, CV_32F, 0, 1, 3);
    cv::Mat gxx = gx.mul(gx), gyy = gy.mul(gy), gxy = gx.mul(gy);
    cv::GaussianBlur(gxx, gxx, cv::Size(0, 0), kCoherenceSigmaPx);
    cv::GaussianBlur(gyy, gyy, cv::Size(0, 0), kCoherenceSigmaPx);
    cv::GaussianBlur(gxy, gxy, cv::Size(0, 0), kCoherenceSigmaPx);
    cv::Mat d = gxx - gyy, num, den = gxx + gyy + 1e-3f;
    cv::sqrt(d.mul(d) + 4 * gxy.mul(gxy), num);
    const cv::Mat coherence = num / den;
    const double coh = cv::mean(coherence, fg)[0];

    std::uint8_t flags = 0;
    if (meanGrey > kTooLightMeanGrey) flags |= static_cast<std::uint8_t>(QualityFlag::TooLight);
    if (meanGrey < kTooDarkMeanGrey) flags |= static_cast<std::uint8_t>(QualityFlag::TooDark);
    if (foreground < kPartialForeground) flags |= static_cast<std::uint8_t>(QualityFlag::Partial);
    if (coh < kSmudgedCoherence) flags |= static_cast<std::uint8_t>(QualityFlag::Smudged);
    const double coverage = std::clamp(foreground / kGoodForeground, 0.0, 1.0);
    const double clarity = std::clamp((coh - 0.2) / 0.5, 0.0, 1.0);
    const double contrastScore = std::clamp(contrast / kGoodRidgeStdGrey, 0.0, 1.0);
    r.score = static_cast<int>(std::lround(100.0 * coverage * (0.6 * clarity + 0.4 * contrastScore)));
    r.flags = flags;
    return r;
}

}  // namespace kiosk::biometrics
