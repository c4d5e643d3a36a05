// Minutiae extraction, one named stage per function, run in order by extractTemplate() at the bottom:
//   rescaleTo500Dpi -> normalise -> segment -> estimateOrientation (two scales) -> estimateRidgePeriod(Map) ->
//   enhanceWithGabor -> binarise -> thin -> detectMinutiae (crossing number + skeleton tracing) ->
//   removeFalseMinutiae.
// Conventions: internally angles are in image axes (y down); the template stores the ISO/IEC 19794-2
// convention (counter-clockwise, y up). Direction of a minutia as this extractor points it (the ISO/IEC
// 19794-2 one, checked against the SecuGen records of FVC2002): a ridge ending points along its ridge INTO
// the ridge body; a bifurcation points away from its stem, into the valley between the two branches. The
// two agree when pressure turns an ending into a bifurcation (the ridge touches its neighbour: the ending's
// body becomes one of the two branches, so both directions point the same way along the ridges).
#include "app/biometrics/feature_extractor.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace kiosk::biometrics {
namespace {

// ---- tunables, all at 500 dpi ----
namespace tune {
constexpr int kMinImageSidePx = 64;
constexpr int kMaxImageSidePx = 2000;
constexpr int kMinDpi = 200, kMaxDpi = 2000;
constexpr double kNormaliseSigmaPx = 10.0;            // local mean/contrast window (Gaussian sigma)
constexpr int kSegmentationWindowPx = 17;             // local standard deviation window
constexpr double kSegmentationHighPassSigmaPx = 6.0;  // slower grey-level changes are not ridges
constexpr double kSegmentationMinStdGrey = 9.0;       // absolute: below this no ridges are visible
constexpr double kSegmentationRelStd = 0.25;          // relative to the 90th percentile local std
constexpr int kSegmentationCloseRadiusPx = 8;
constexpr double kMinForegroundFraction = 0.08;
constexpr double kOrientationSmoothSigmaPx = 7.0;     // Gaussian sigma over gradient moments (fine scale)
constexpr double kOrientationCoarseExtraSigmaPx = 12.0;  // further smoothing for the coarse scale (total ~14 px)
constexpr double kMinRidgePeriodPx = 5.5, kMaxRidgePeriodPx = 15.0, kDefaultRidgePeriodPx = 9.0;
constexpr int kGaborOrientations = 16;
constexpr int kPeriodBlockPx = 32;                    // local ridge-period blocks (step: half of it)
constexpr int kGaborRadiusPx = 8;
constexpr double kGaborSigmaAlongPx = 4.5;
constexpr double kGaborSigmaAcrossPx = 3.5;
constexpr int kTraceLengthPx = 14;                    // how far to follow a ridge from a minutia
constexpr int kDirectionSamplePx = 9;                 // point along the ridge that defines direction
constexpr int kSpurLengthPx = 10;                     // shorter ridge pieces are noise
constexpr double kBorderMarginPx = 10.0;              // minutiae this close to the segmentation border go
constexpr double kMinPairDistancePx = 7.0;            // two minutiae this close: both false
constexpr double kBrokenRidgeDistancePx = 10.0;       // facing endings this close (about one ridge period): a broken ridge
constexpr double kRidgeGapPeriods = 2.0;              // facing endings in line with each other, this many ridge periods apart: a gap
constexpr double kRidgeGapAngleRad = 0.5;             // ... each ending's ridge pointing at the other within this
constexpr double kMinCoherence = 0.08;                // minutiae in chaotic orientation areas go (0.15 lost more true ones)
constexpr int kMinMinutiae = 4;
constexpr std::size_t kMaxMinutiae = 150;
}  // namespace tune

constexpr double kPi = std::numbers::pi;

struct Orientation {
    cv::Mat theta;      // CV_32F ridge direction in [0, pi), image axes
    cv::Mat coherence;  // CV_32F 0..1, of the fine scale (sigma 7 px)
};

struct Candidate {
    int x = 0, y = 0;
    double angle = 0;  // image axes, radians
    Minutia::Type type = Minutia::Type::Other;
    bool keep = true;
    double coherence = 0;
};

Result<cv::Mat> rescaleTo500Dpi(const GreyImage& image) {
    if (!image.isValid())
        return fail(Error::Code::InvalidInput,
                    "image is empty or its pixel count (" + std::to_string(image.pixels.size()) +
                        ") does not match " + std::to_string(image.width) + "x" + std::to_string(image.height),
                    "fingerprint image");
    if (image.dpi < tune::kMinDpi || image.dpi > tune::kMaxDpi)
        return fail(Error::Code::InvalidInput, "resolution " + std::to_string(image.dpi) + " dpi is not plausible",
                    "fingerprint image");
    cv::Mat src(image.height, image.width, CV_8U, const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat out;
    if (image.dpi == 500) {
        out = src.clone();
    } else {
        const double f = 500.0 / image.dpi;
        cv::resize(src, out, cv::Size(), f, f, f < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    }
    if (std::min(out.cols, out.rows) < tune::kMinImageSidePx || std::max(out.cols, out.rows) > tune::kMaxImageSidePx)
        return fail(Error::Code::InvalidInput,
                    "image of " + std::to_string(out.cols) + "x" + std::to_string(out.rows) +
                        " px at 500 dpi is too small or too large for a finger",
                    "fingerprint image");
    return out;
}

// Gaussian blur of a smooth quantity (sigma >= 4 px): at a quarter of the resolution, interpolated back - a
// fraction of the cost of a full-resolution blur, and the same result where the blurred field is smooth.
cv::Mat smoothBlur(const cv::Mat& m, double sigmaPx) {
    constexpr int kDown = 4;
    cv::Mat s, out;
    cv::resize(m, s, cv::Size((m.cols + kDown - 1) / kDown, (m.rows + kDown - 1) / kDown), 0, 0, cv::INTER_AREA);
    cv::GaussianBlur(s, s, cv::Size(0, 0), sigmaPx / kDown);
    cv::resize(s, out, m.size(), 0, 0, cv::INTER_LINEAR);
    return out;
}

// Local normalisation: zero local mean, unit local contrast; ridges (dark) become positive.
cv::Mat normalise(const cv::Mat& grey) {
    cv::Mat f;
    grey.convertTo(f, CV_32F);
    cv::Mat centred = f - smoothBlur(f, tune::kNormaliseSigmaPx);
    cv::Mat sd;
    cv::sqrt(cv::max(smoothBlur(centred.mul(centred), tune::kNormaliseSigmaPx), 0.0), sd);
    cv::Mat norm = -centred / (sd + 4.0f);
    return norm;
}

// Foreground = where the local grey-level variance shows ridges; the largest blob, holes filled. The variance
// is taken after removing what varies slower than ridges (Gaussian sigma 6 px: passes ridge periods, takes out
// shading, blotches, dust shadows and a moist platen's background), so that only ridge-like texture counts.
cv::Mat segment(const cv::Mat& grey) {
    cv::Mat f, mean, meanSq;
    grey.convertTo(f, CV_32F);
    f -= smoothBlur(f, tune::kSegmentationHighPassSigmaPx);
    const cv::Size win(tune::kSegmentationWindowPx, tune::kSegmentationWindowPx);
    cv::boxFilter(f, mean, CV_32F, win);
    cv::boxFilter(f.mul(f), meanSq, CV_32F, win);
    cv::Mat var = meanSq - mean.mul(mean);
    cv::max(var, 0.0, var);
    cv::Mat sd;
    cv::sqrt(var, sd);
    // Robust "typical ridge contrast": 90th percentile of local std.
    std::vector<float> v;
    v.reserve(static_cast<std::size_t>(sd.total() / 16 + 1));
    for (int y = 0; y < sd.rows; y += 4)
        for (int x = 0; x < sd.cols; x += 4) v.push_back(sd.at<float>(y, x));
    const auto p90 = v.begin() + static_cast<std::ptrdiff_t>(v.size() * 9 / 10);
    std::nth_element(v.begin(), p90, v.end());
    const double threshold = std::max(tune::kSegmentationMinStdGrey, tune::kSegmentationRelStd * *p90);
    cv::Mat mask = sd > threshold;
    const auto k = cv::getStructuringElement(
        cv::MORPH_ELLIPSE, cv::Size(2 * tune::kSegmentationCloseRadiusPx + 1, 2 * tune::kSegmentationCloseRadiusPx + 1));
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, k);
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, k);
    // Keep the largest connected component and fill its holes.
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    int best = 0, bestArea = 0;
    for (int i = 1; i < n; ++i) {
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (area > bestArea) bestArea = area, best = i;
    }
    cv::Mat blob = (labels == best) & (best > 0 ? 255 : 0);
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(blob.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    cv::Mat filled(grey.size(), CV_8U, cv::Scalar(0));
    cv::drawContours(filled, contours, -1, cv::Scalar(255), cv::FILLED);
    return filled;
}

// Gradient-based orientation: smoothed second moments of the gradient; ridges run perpendicular to it.
// Two scales: the moments smoothed with sigma 7 px (fine: follows the curvature near cores and deltas) and
// with about twice that (coarse: averages out dots, scratches and pores). Each scale's doubled-angle vector
// has the length of its coherence; the two are added weighted by their coherence again, so at every pixel
// the scale whose ridges run more clearly in one direction dominates - the coarse one in noise, the fine
// one where the field bends (there the coarse window mixes directions and its coherence drops).
Orientation estimateOrientation(const cv::Mat& norm) {
    cv::Mat gx, gy;
    cv::Sobel(norm, gx, CV_32F, 1, 0, 3);
    cv::Sobel(norm, gy, CV_32F, 0, 1, 3);
    cv::Mat moments;
    cv::merge(std::vector<cv::Mat>{gx.mul(gx), gy.mul(gy), gx.mul(gy)}, moments);
    // Both scales are smooth (sigma >= 7 px): blur at half (fine) and a quarter (coarse) of the resolution and
    // interpolate back - the same field at a fraction of the cost of full-resolution blurs.
    const cv::Size half((norm.cols + 1) / 2, (norm.rows + 1) / 2), quarter((half.width + 1) / 2, (half.height + 1) / 2);
    cv::Mat fineHalf, coarseQuarter, fine, coarse;
    cv::resize(moments, fineHalf, half, 0, 0, cv::INTER_AREA);
    cv::GaussianBlur(fineHalf, fineHalf, cv::Size(0, 0), tune::kOrientationSmoothSigmaPx / 2);
    cv::resize(fineHalf, coarseQuarter, quarter, 0, 0, cv::INTER_AREA);
    cv::GaussianBlur(coarseQuarter, coarseQuarter, cv::Size(0, 0), tune::kOrientationCoarseExtraSigmaPx / 4);
    cv::resize(fineHalf, fine, norm.size(), 0, 0, cv::INTER_LINEAR);
    cv::resize(coarseQuarter, coarse, norm.size(), 0, 0, cv::INTER_LINEAR);
    Orientation o;
    o.theta.create(norm.size(), CV_32F);
    o.coherence.create(norm.size(), CV_32F);
    for (int y = 0; y < norm.rows; ++y) {
        const auto* f = fine.ptr<cv::Vec3f>(y);
        const auto* c = coarse.ptr<cv::Vec3f>(y);
        float* t = o.theta.ptr<float>(y);
        float* coh = o.coherence.ptr<float>(y);
        for (int x = 0; x < norm.cols; ++x) {
            // Doubled-angle gradient vector of each scale, normalised by its energy: length = coherence.
            const float sf = f[x][0] + f[x][1], sc = c[x][0] + c[x][1];
            const float nf = sf > 1e-6f ? 1.f / sf : 0.f, nc = sc > 1e-6f ? 1.f / sc : 0.f;
            const float fx = (f[x][0] - f[x][1]) * nf, fy = 2.f * f[x][2] * nf;
            const float cx = (c[x][0] - c[x][1]) * nc, cy = 2.f * c[x][2] * nc;
            const float cohF = std::sqrt(fx * fx + fy * fy), cohC = std::sqrt(cx * cx + cy * cy);
            const float vx = cohF * fx + cohC * cx, vy = cohF * fy + cohC * cy;
            // Ridge direction = half the doubled gradient angle + 90 degrees (fastAtan2: ~0.3 degree accuracy).
            float ridge = cv::fastAtan2(vy, vx) * static_cast<float>(kPi / 360.0) + static_cast<float>(kPi / 2);
            if (ridge >= static_cast<float>(kPi)) ridge -= static_cast<float>(kPi);
            t[x] = ridge;
            coh[x] = cohF;
        }
    }
    return o;
}

// FIRST STAGE: one global ridge period from the peak of the radially averaged power spectrum of the
// foreground. A local frequency map (Hong et al.) is the next step.
double estimateRidgePeriod(const cv::Mat& norm, const cv::Mat& mask) {
    cv::Mat masked(norm.size(), CV_32F, cv::Scalar(0));
    norm.copyTo(masked, mask);
    const int w = cv::getOptimalDFTSize(norm.cols), h = cv::getOptimalDFTSize(norm.rows);
    cv::Mat padded;
    cv::copyMakeBorder(masked, padded, 0, h - norm.rows, 0, w - norm.cols, cv::BORDER_CONSTANT, 0);
    cv::Mat spectrum;
    cv::dft(padded, spectrum, cv::DFT_COMPLEX_OUTPUT);
    constexpr int kBins = 64;
    std::array<double, kBins> power{};
    const double fMin = 1.0 / tune::kMaxRidgePeriodPx, fMax = 1.0 / tune::kMinRidgePeriodPx;
    for (int v = 0; v < h; ++v) {
        const double fy = (v <= h / 2 ? v : v - h) / static_cast<double>(h);
        for (int u = 0; u <= w / 2; ++u) {
            const double fx = u / static_cast<double>(w);
            const double f = std::hypot(fx, fy);
            if (f < fMin || f > fMax) continue;
            const auto c = spectrum.at<cv::Vec2f>(v, u);
            const int bin = std::min(kBins - 1, static_cast<int>((f - fMin) / (fMax - fMin) * kBins));
            power[static_cast<std::size_t>(bin)] += static_cast<double>(c[0]) * c[0] + static_cast<double>(c[1]) * c[1];
        }
    }
    // Smooth the radial profile a little and take its peak.
    int best = -1;
    double bestPower = 0;
    for (int i = 1; i + 1 < kBins; ++i) {
        const double p = power[static_cast<std::size_t>(i - 1)] + 2 * power[static_cast<std::size_t>(i)] +
                         power[static_cast<std::size_t>(i + 1)];
        if (p > bestPower) bestPower = p, best = i;
    }
    if (best < 0) return tune::kDefaultRidgePeriodPx;
    const double f = fMin + (best + 0.5) * (fMax - fMin) / kBins;
    return std::clamp(1.0 / f, tune::kMinRidgePeriodPx, tune::kMaxRidgePeriodPx);
}

// Local ridge period: in overlapping 32x32 blocks (step 16 px) of the normalised image (Hann window), the
// spectral power in the ridge band [1/15, 1/5.5] cycles/px; the block's frequency is the power^2-weighted
// mean radius (a continuous estimate, finer than the 1/32 frequency grid), its confidence the share of the
// block's power in the band. The map is smoothed with confidence weights (Gaussian, 1.5 blocks) so that
// blocks without clear ridges take their neighbours' period, falls back to the global estimate where no
// block is confident, and is interpolated to every pixel.
cv::Mat estimateRidgePeriodMap(const cv::Mat& norm, const cv::Mat& mask, double globalPeriod) {
    constexpr int B = tune::kPeriodBlockPx, step = B / 2;
    const int bw = std::max(1, (norm.cols - B) / step + 1), bh = std::max(1, (norm.rows - B) / step + 1);
    cv::Mat freq(bh, bw, CV_32F, cv::Scalar(0)), conf(bh, bw, CV_32F, cv::Scalar(0));
    static const cv::Mat window = [] {
        cv::Mat w(B, B, CV_32F);
        for (int y = 0; y < B; ++y)
            for (int x = 0; x < B; ++x)
                w.at<float>(y, x) = static_cast<float>((0.5 - 0.5 * std::cos(2 * kPi * (x + 0.5) / B)) *
                                                       (0.5 - 0.5 * std::cos(2 * kPi * (y + 0.5) / B)));
        return w;
    }();
    const double fMin = 1.0 / tune::kMaxRidgePeriodPx, fMax = 1.0 / tune::kMinRidgePeriodPx;
    cv::Mat block, spectrum;
    for (int by = 0; by < bh; ++by)
        for (int bx = 0; bx < bw; ++bx) {
            const cv::Rect r(bx * step, by * step, std::min(B, norm.cols - bx * step), std::min(B, norm.rows - by * step));
            if (r.width < B || r.height < B) continue;
            if (mask.at<std::uint8_t>(r.y + B / 2, r.x + B / 2) == 0) continue;
            cv::multiply(norm(r), window, block);
            cv::dft(block, spectrum, cv::DFT_COMPLEX_OUTPUT);
            double total = 0, band = 0, w2 = 0, fw2 = 0;
            for (int v = 0; v < B; ++v) {
                const double fy = (v <= B / 2 ? v : v - B) / static_cast<double>(B);
                const auto* row = spectrum.ptr<cv::Vec2f>(v);
                for (int u = 0; u <= B / 2; ++u) {
                    const double fx = u / static_cast<double>(B);
                    const double p = static_cast<double>(row[u][0]) * row[u][0] + static_cast<double>(row[u][1]) * row[u][1];
                    total += p;
                    const double f = std::hypot(fx, fy);
                    if (f < fMin || f > fMax) continue;
                    band += p;
                    w2 += p * p;
                    fw2 += f * p * p;
                }
            }
            if (w2 <= 0 || total <= 0) continue;
            freq.at<float>(by, bx) = static_cast<float>(fw2 / w2);
            conf.at<float>(by, bx) = static_cast<float>(band / total);
        }
    cv::Mat fc = freq.mul(conf), cs;
    cv::GaussianBlur(fc, fc, cv::Size(0, 0), 1.5);
    cv::GaussianBlur(conf, cs, cv::Size(0, 0), 1.5);
    cv::Mat period(bh, bw, CV_32F);
    const auto globalF = static_cast<float>(1.0 / globalPeriod);
    for (int y = 0; y < bh; ++y)
        for (int x = 0; x < bw; ++x) {
            const float c = cs.at<float>(y, x);
            const float f = c > 0.05f ? fc.at<float>(y, x) / c : globalF;
            period.at<float>(y, x) = std::clamp(1.f / f, static_cast<float>(tune::kMinRidgePeriodPx), static_cast<float>(tune::kMaxRidgePeriodPx));
        }
    // Block centres are at step * k + B / 2: map back to pixels.
    cv::Mat full;
    cv::Mat padded;
    cv::resize(period, padded, cv::Size(bw * step, bh * step), 0, 0, cv::INTER_LINEAR);
    cv::copyMakeBorder(padded, full, step / 2 + (B - step) / 2, std::max(0, norm.rows - bh * step - B / 2), step / 2 + (B - step) / 2,
                       std::max(0, norm.cols - bw * step - B / 2), cv::BORDER_REPLICATE);
    return full(cv::Rect(0, 0, norm.cols, norm.rows)).clone();
}

// Oriented Gabor filtering: a bank of 16 orientations x period steps of 0.5 px of even-symmetric kernels
// (zero mean, unit gain at their own period); every foreground pixel takes the kernel of its (smoothed)
// orientation and local ridge period. Runs of equal kernels along a row are filtered together so the inner
// loop vectorises.
struct GaborBank {
    static constexpr int r = tune::kGaborRadiusPx, ks = 2 * r + 1;
    static constexpr double kPeriodStep = 0.5;
    int periods = 0;
    std::vector<float> k;
    GaborBank() {
        periods = static_cast<int>((tune::kMaxRidgePeriodPx - tune::kMinRidgePeriodPx) / kPeriodStep) + 1;
        k.resize(static_cast<std::size_t>(periods * tune::kGaborOrientations * ks * ks));
        for (int pi = 0; pi < periods; ++pi)
            for (int i = 0; i < tune::kGaborOrientations; ++i) {
                const double periodPx = tune::kMinRidgePeriodPx + pi * kPeriodStep;
                const double th = kPi * i / tune::kGaborOrientations;
                const double ux = std::cos(th), uy = std::sin(th);
                float* kk = kernel(index(pi, i));
                double sum = 0;
                for (int y = -r; y <= r; ++y)
                    for (int x = -r; x <= r; ++x) {
                        const double along = x * ux + y * uy, across = -x * uy + y * ux;
                        const double g = std::exp(-0.5 * (along * along / (tune::kGaborSigmaAlongPx * tune::kGaborSigmaAlongPx) +
                                                           across * across / (tune::kGaborSigmaAcrossPx * tune::kGaborSigmaAcrossPx))) *
                                         std::cos(2 * kPi * across / periodPx);
                        kk[(y + r) * ks + x + r] = static_cast<float>(g);
                        sum += g;
                    }
                const auto mean = static_cast<float>(sum / (ks * ks));
                // Zero mean, and unit gain for ridges of the kernel's own period and direction, so that
                // neighbouring pixels filtered with different kernels give comparable responses.
                double gain = 0;
                for (int y = -r; y <= r; ++y)
                    for (int x = -r; x <= r; ++x) {
                        float& v = kk[(y + r) * ks + x + r];
                        v -= mean;
                        gain += v * std::cos(2 * kPi * (-x * uy + y * ux) / periodPx);
                    }
                for (int j = 0; j < ks * ks; ++j) kk[j] = static_cast<float>(kk[j] / gain);
            }
    }
    static int index(int period, int orientation) { return period * tune::kGaborOrientations + orientation; }
    float* kernel(int i) { return k.data() + static_cast<std::size_t>(i) * ks * ks; }
    [[nodiscard]] const float* kernel(int i) const { return k.data() + static_cast<std::size_t>(i) * ks * ks; }
};

cv::Mat enhanceWithGabor(const cv::Mat& norm, const Orientation& o, const cv::Mat& periodMap, const cv::Mat& mask) {
    static const GaborBank bank;
    constexpr int r = GaborBank::r, ks = GaborBank::ks;
    cv::Mat padded;
    cv::copyMakeBorder(norm, padded, r, r, r, r, cv::BORDER_REFLECT);
    cv::Mat out(norm.size(), CV_32F, cv::Scalar(0));
    std::vector<int> bin(static_cast<std::size_t>(norm.cols));
    for (int y = 0; y < norm.rows; ++y) {
        const float* t = o.theta.ptr<float>(y);
        const float* per = periodMap.ptr<float>(y);
        const std::uint8_t* m = mask.ptr<std::uint8_t>(y);
        for (int x = 0; x < norm.cols; ++x) {
            if (!m[x]) {
                bin[static_cast<std::size_t>(x)] = -1;
                continue;
            }
            const int ob = static_cast<int>(std::lround(t[x] / kPi * tune::kGaborOrientations)) % tune::kGaborOrientations;
            const int pb = std::clamp(static_cast<int>(std::lround((per[x] - tune::kMinRidgePeriodPx) / GaborBank::kPeriodStep)), 0,
                                      bank.periods - 1);
            bin[static_cast<std::size_t>(x)] = GaborBank::index(pb, ob);
        }
        float* acc = out.ptr<float>(y);
        int x0 = 0;
        while (x0 < norm.cols) {
            const int b = bin[static_cast<std::size_t>(x0)];
            int x1 = x0 + 1;
            while (x1 < norm.cols && bin[static_cast<std::size_t>(x1)] == b) ++x1;
            if (b >= 0) {
                const float* k = bank.kernel(b);
                for (int dy = 0; dy < ks; ++dy) {
                    const float* row = padded.ptr<float>(y + dy);
                    for (int dx = 0; dx < ks; ++dx) {
                        const float kv = k[dy * ks + dx];
                        const float* src = row + dx;
                        for (int x = x0; x < x1; ++x) acc[x] += kv * src[x];
                    }
                }
            }
            x0 = x1;
        }
    }
    return out;
}

// Ridges = positive Gabor response inside the foreground; one pass of a 3x3 median removes speckle.
cv::Mat binarise(const cv::Mat& enhanced, const cv::Mat& mask) {
    cv::Mat bin = (enhanced > 0) & mask;
    cv::medianBlur(bin, bin, 3);
    bin = bin & mask;
    return bin / 255;  // 0/1
}

// Zhang-Suen thinning (T. Y. Zhang, C. Y. Suen, CACM 1984) on a 0/1 image, then removal of the
// staircase pixels it leaves so that every skeleton pixel of a plain ridge has exactly two neighbours.
cv::Mat thin(const cv::Mat& binary01) {
    cv::Mat img;
    cv::copyMakeBorder(binary01, img, 1, 1, 1, 1, cv::BORDER_CONSTANT, 0);
    std::vector<cv::Point> remove;
    bool changed = true;
    while (changed) {
        changed = false;
        for (int pass = 0; pass < 2; ++pass) {
            remove.clear();
            for (int y = 1; y < img.rows - 1; ++y) {
                const std::uint8_t* up = img.ptr<std::uint8_t>(y - 1);
                const std::uint8_t* row = img.ptr<std::uint8_t>(y);
                const std::uint8_t* dn = img.ptr<std::uint8_t>(y + 1);
                for (int x = 1; x < img.cols - 1; ++x) {
                    if (!row[x]) continue;
                    // p2..p9 clockwise from north.
                    const int p2 = up[x], p3 = up[x + 1], p4 = row[x + 1], p5 = dn[x + 1], p6 = dn[x], p7 = dn[x - 1],
                              p8 = row[x - 1], p9 = up[x - 1];
                    const int b = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
                    if (b < 2 || b > 6) continue;
                    const int a = (!p2 && p3) + (!p3 && p4) + (!p4 && p5) + (!p5 && p6) + (!p6 && p7) + (!p7 && p8) +
                                  (!p8 && p9) + (!p9 && p2);
                    if (a != 1) continue;
                    if (pass == 0 ? (p2 * p4 * p6 == 0 && p4 * p6 * p8 == 0) : (p2 * p4 * p8 == 0 && p2 * p6 * p8 == 0))
                        remove.emplace_back(x, y);
                }
            }
            for (const auto& p : remove) img.at<std::uint8_t>(p) = 0;
            if (!remove.empty()) changed = true;
        }
    }
    // Staircases: a pixel with a 4-neighbour pair forming a corner (N+E, E+S, S+W, W+N) whose opposite
    // diagonal is empty is redundant.
    for (int y = 1; y < img.rows - 1; ++y) {
        for (int x = 1; x < img.cols - 1; ++x) {
            if (!img.at<std::uint8_t>(y, x)) continue;
            const int n = img.at<std::uint8_t>(y - 1, x), e = img.at<std::uint8_t>(y, x + 1),
                      s = img.at<std::uint8_t>(y + 1, x), w = img.at<std::uint8_t>(y, x - 1);
            const int sw = img.at<std::uint8_t>(y + 1, x - 1), nw = img.at<std::uint8_t>(y - 1, x - 1),
                      ne = img.at<std::uint8_t>(y - 1, x + 1), se = img.at<std::uint8_t>(y + 1, x + 1);
            if ((n && e && !sw && !s && !w) || (e && s && !nw && !n && !w) || (s && w && !ne && !n && !e) ||
                (w && n && !se && !s && !e))
                img.at<std::uint8_t>(y, x) = 0;
        }
    }
    return img(cv::Rect(1, 1, binary01.cols, binary01.rows)).clone();
}

constexpr std::array<int, 8> kDx = {0, 1, 1, 1, 0, -1, -1, -1};  // clockwise from north
constexpr std::array<int, 8> kDy = {-1, -1, 0, 1, 1, 1, 0, -1};

int pixel(const cv::Mat& s, int x, int y) {
    return (x < 0 || y < 0 || x >= s.cols || y >= s.rows) ? 0 : s.at<std::uint8_t>(y, x);
}

int crossingNumber(const cv::Mat& s, int x, int y) {
    int t = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        const std::size_t j = (i + 1) % 8;
        t += std::abs(pixel(s, x + kDx[i], y + kDy[i]) - pixel(s, x + kDx[j], y + kDy[j]));
    }
    return t / 2;
}

int neighbours(const cv::Mat& s, int x, int y) {
    int n = 0;
    for (std::size_t i = 0; i < 8; ++i) n += pixel(s, x + kDx[i], y + kDy[i]);
    return n;
}

struct Trace {
    int length = 0;
    cv::Point end;        // last pixel reached
    cv::Point sample;     // pixel at kDirectionSamplePx (or the end if shorter)
    bool hitEnding = false, hitJunction = false;
};

// Follows the skeleton from `start` through its neighbour `first` (which must not be `start`).
Trace traceRidge(const cv::Mat& s, cv::Point start, cv::Point first, int maxLength) {
    Trace t;
    cv::Point prev = start, cur = first;
    t.sample = cur;
    for (t.length = 1; t.length < maxLength; ++t.length) {
        if (t.length == tune::kDirectionSamplePx) t.sample = cur;
        const int n = neighbours(s, cur.x, cur.y);
        if (n == 1) { t.hitEnding = true; break; }
        if (n > 2 && crossingNumber(s, cur.x, cur.y) >= 3) { t.hitJunction = true; break; }
        cv::Point next(-1, -1);
        // Prefer 4-neighbours so we do not cut corners past a pixel.
        for (const std::size_t i : {0u, 2u, 4u, 6u, 1u, 3u, 5u, 7u}) {
            const cv::Point p(cur.x + kDx[i], cur.y + kDy[i]);
            if (p == prev || p == start || !pixel(s, p.x, p.y)) continue;
            if (std::abs(p.x - prev.x) <= 1 && std::abs(p.y - prev.y) <= 1) continue;  // neighbour of prev: skip back-edge
            next = p;
            break;
        }
        if (next.x < 0) { t.hitEnding = true; break; }
        prev = cur;
        cur = next;
    }
    if (t.length < tune::kDirectionSamplePx) t.sample = cur;
    t.end = cur;
    return t;
}

double angleOf(cv::Point from, cv::Point to) { return std::atan2(to.y - from.y, to.x - from.x); }

// Orientation-field direction, flipped by pi to agree with a rough direction from the skeleton.
double refineDirection(double roughImageAngle, double ridgeTheta) {
    double a = ridgeTheta;
    double d = std::remainder(roughImageAngle - a, 2 * kPi);
    if (std::abs(d) > kPi / 2) a += kPi;
    return a;
}

std::vector<Candidate> detectMinutiae(const cv::Mat& skel, const Orientation& o, std::vector<bool>& spurry) {
    std::vector<Candidate> out;
    for (int y = 1; y < skel.rows - 1; ++y) {
        for (int x = 1; x < skel.cols - 1; ++x) {
            if (!skel.at<std::uint8_t>(y, x)) continue;
            const int cn = crossingNumber(skel, x, y);
            if (cn != 1 && cn != 3) continue;
            const cv::Point p(x, y);
            std::vector<cv::Point> firsts;
            for (std::size_t i = 0; i < 8; ++i) {
                const cv::Point q(x + kDx[i], y + kDy[i]);
                if (!pixel(skel, q.x, q.y)) continue;
                // Of two adjacent neighbours take the 4-connected one only (one branch, not two).
                const bool isDiagonal = (i % 2) == 1;
                if (isDiagonal && (pixel(skel, x + kDx[i - 1], y + kDy[i - 1]) || pixel(skel, x + kDx[(i + 1) % 8], y + kDy[(i + 1) % 8])))
                    continue;
                firsts.push_back(q);
            }
            Candidate c;
            c.x = x;
            c.y = y;
            c.coherence = o.coherence.at<float>(y, x);
            const double theta = o.theta.at<float>(y, x);
            bool spur = false;
            if (cn == 1 && firsts.size() == 1) {
                c.type = Minutia::Type::Ending;
                const Trace t = traceRidge(skel, p, firsts[0], tune::kTraceLengthPx);
                if (t.length < tune::kSpurLengthPx) spur = true;  // short isolated piece or spur into a junction
                c.angle = refineDirection(angleOf(p, t.sample), theta);  // into the ridge body
            } else if (cn == 3 && firsts.size() == 3) {
                c.type = Minutia::Type::Bifurcation;
                std::array<double, 3> dir{};
                for (std::size_t b = 0; b < 3; ++b) {
                    const Trace t = traceRidge(skel, p, firsts[b], tune::kTraceLengthPx);
                    if (t.hitEnding && t.length < tune::kSpurLengthPx) spur = true;
                    dir[b] = angleOf(p, t.sample);
                }
                // The stem is the branch farthest in angle from the other two; the minutia points opposite it.
                std::size_t stem = 0;
                double bestSpread = -1;
                for (std::size_t b = 0; b < 3; ++b) {
                    const double s1 = std::abs(std::remainder(dir[b] - dir[(b + 1) % 3], 2 * kPi));
                    const double s2 = std::abs(std::remainder(dir[b] - dir[(b + 2) % 3], 2 * kPi));
                    if (s1 + s2 > bestSpread) bestSpread = s1 + s2, stem = b;
                }
                c.angle = refineDirection(dir[stem] + kPi, theta);
            } else {
                continue;
            }
            out.push_back(c);
            spurry.push_back(spur);
        }
    }
    return out;
}

std::vector<Candidate> removeFalseMinutiae(std::vector<Candidate> c, const std::vector<bool>& spur, const cv::Mat& mask,
                                          const cv::Mat& periodMap) {
    cv::Mat dist;
    cv::Mat padded;
    cv::copyMakeBorder(mask, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, 0);  // the image edge is a border too
    cv::distanceTransform(padded, dist, cv::DIST_L2, 3);
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (spur[i]) c[i].keep = false;
        if (dist.at<float>(c[i].y + 1, c[i].x + 1) < tune::kBorderMarginPx) c[i].keep = false;
        if (c[i].coherence < tune::kMinCoherence) c[i].keep = false;
    }
    // Pairs: too close (clusters from bridges, holes, breaks), or two endings facing each other (broken ridge).
    std::vector<bool> drop(c.size(), false);
    for (std::size_t i = 0; i < c.size(); ++i) {
        for (std::size_t j = i + 1; j < c.size(); ++j) {
            const double dx = c[j].x - c[i].x, dy = c[j].y - c[i].y;
            const double d2 = dx * dx + dy * dy;
            if (c[i].type == Minutia::Type::Ending && c[j].type == Minutia::Type::Ending) {
                // A gap in a ridge: the two endings face each other across it, each in line with the other's ridge.
                const double gap = tune::kRidgeGapPeriods * std::max(periodMap.at<float>(c[i].y, c[i].x), periodMap.at<float>(c[j].y, c[j].x));
                if (d2 < gap * gap) {
                    const double across = std::atan2(dy, dx);  // from i to j; i's direction points into its body, away from j
                    if (std::abs(std::remainder(c[i].angle + kPi - across, 2 * kPi)) < tune::kRidgeGapAngleRad &&
                        std::abs(std::remainder(c[j].angle - across, 2 * kPi)) < tune::kRidgeGapAngleRad) {
                        drop[i] = drop[j] = true;
                        continue;
                    }
                }
            }
            if (d2 > tune::kBrokenRidgeDistancePx * tune::kBrokenRidgeDistancePx) continue;
            if (d2 < tune::kMinPairDistancePx * tune::kMinPairDistancePx) {
                drop[i] = drop[j] = true;
                continue;
            }
            if (c[i].type == Minutia::Type::Ending && c[j].type == Minutia::Type::Ending) {
                const double facing = std::abs(std::remainder(c[i].angle - c[j].angle - kPi, 2 * kPi));
                if (facing < kPi / 4) drop[i] = drop[j] = true;
            }
        }
    }
    std::vector<Candidate> out;
    for (std::size_t i = 0; i < c.size(); ++i)
        if (c[i].keep && !drop[i]) out.push_back(c[i]);
    if (out.size() > tune::kMaxMinutiae) {
        std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.coherence > b.coherence; });
        out.resize(tune::kMaxMinutiae);
    }
    return out;
}

// The orientation field per block for display: doubled-angle vectors averaged over the block's
// foreground pixels (angles wrap at pi, so plain averaging would be wrong).
void recordBlockOrientations(const Orientation& o, const cv::Mat& mask, ExtractionStages& stages) {
    const int b = stages.blockSizePx;
    stages.blocksWide = o.theta.cols / b;
    stages.blocksHigh = o.theta.rows / b;
    const auto n = static_cast<std::size_t>(stages.blocksWide) * static_cast<std::size_t>(stages.blocksHigh);
    stages.blockRidgeAngleRad.assign(n, -1.f);
    stages.blockCoherence.assign(n, 0.f);
    for (int by = 0; by < stages.blocksHigh; ++by)
        for (int bx = 0; bx < stages.blocksWide; ++bx) {
            double c2 = 0, s2 = 0, coh = 0;
            int count = 0;
            for (int y = by * b; y < (by + 1) * b; ++y)
                for (int x = bx * b; x < (bx + 1) * b; ++x) {
                    if (!mask.at<std::uint8_t>(y, x)) continue;
                    const double t = o.theta.at<float>(y, x);
                    c2 += std::cos(2 * t);
                    s2 += std::sin(2 * t);
                    coh += o.coherence.at<float>(y, x);
                    ++count;
                }
            if (count < b * b / 2) continue;  // mostly background: no direction worth drawing
            double a = 0.5 * std::atan2(s2, c2);
            if (a < 0) a += kPi;
            const auto i = static_cast<std::size_t>(by * stages.blocksWide + bx);
            stages.blockRidgeAngleRad[i] = static_cast<float>(a);
            stages.blockCoherence[i] = static_cast<float>(coh / count);
        }
}

// The pipeline; `stages` (may be null) receives the intermediate results without changing them.
Result<FingerprintTemplate> extractImpl(const GreyImage& image, ExtractionStages* stages) {
    auto grey = rescaleTo500Dpi(image);
    if (!grey) return std::unexpected(grey.error());
    const cv::Mat norm = normalise(*grey);
    const cv::Mat mask = segment(*grey);
    const double foreground = cv::countNonZero(mask) / static_cast<double>(mask.total());
    if (stages) {
        stages->width = mask.cols;
        stages->height = mask.rows;
        stages->mask.assign(mask.datastart, mask.dataend);  // segment() returns a fresh continuous Mat
        stages->foregroundFraction = foreground;
    }
    if (foreground < tune::kMinForegroundFraction)
        return fail(Error::Code::InvalidInput, "no finger found (no ridge texture in the image)", "fingerprint image");
    const Orientation orientation = estimateOrientation(norm);
    if (stages) recordBlockOrientations(orientation, mask, *stages);
    const double period = estimateRidgePeriod(norm, mask);
    if (stages) stages->ridgePeriodPx = period;
    const cv::Mat periodMap = estimateRidgePeriodMap(norm, mask, period);
    const cv::Mat enhanced = enhanceWithGabor(norm, orientation, periodMap, mask);
    const cv::Mat skeleton = thin(binarise(enhanced, mask));
    if (stages) {
        cv::Mat e8, s8;
        const double spread = std::max(1e-3, cv::mean(cv::abs(enhanced), mask)[0]);
        enhanced.convertTo(e8, CV_8U, 50.0 / spread, 128.0);
        skeleton.convertTo(s8, CV_8U, 255.0);
        stages->enhanced.assign(e8.datastart, e8.dataend);
        stages->skeleton.assign(s8.datastart, s8.dataend);
    }
    std::vector<bool> spur;
    const std::vector<Candidate> raw = detectMinutiae(skeleton, orientation, spur);
    const std::vector<Candidate> kept = removeFalseMinutiae(raw, spur, mask, periodMap);
    if (kept.size() < static_cast<std::size_t>(tune::kMinMinutiae))
        return fail(Error::Code::InvalidInput,
                    "only " + std::to_string(kept.size()) + " reliable minutiae found: no usable finger", "fingerprint image");

    FingerprintTemplate t;
    t.width = grey->cols;
    t.height = grey->rows;
    t.dpi = 500;
    t.quality = static_cast<std::uint8_t>(std::clamp(cv::mean(orientation.coherence, mask)[0] * 100.0, 0.0, 100.0));
    t.minutiae.reserve(kept.size());
    for (const Candidate& c : kept) {
        Minutia m;
        m.x = static_cast<std::uint16_t>(c.x);
        m.y = static_cast<std::uint16_t>(c.y);
        double a = std::fmod(-c.angle, 2 * kPi);  // image axes (y down) -> ISO (counter-clockwise, y up)
        if (a < 0) a += 2 * kPi;
        m.angleRad = static_cast<float>(a);
        m.type = c.type;
        m.quality = static_cast<std::uint8_t>(std::clamp(c.coherence * 100.0, 0.0, 100.0));
        t.minutiae.push_back(m);
    }
    return t;
}

}  // namespace

Result<FingerprintTemplate> extractTemplate(const GreyImage& image) { return extractImpl(image, nullptr); }

StagedExtraction extractWithStages(const GreyImage& image) {
    StagedExtraction out{fail(Error::Code::Internal, "not run"), {}};
    out.result = extractImpl(image, &out.stages);
    return out;
}

}  // namespace kiosk::biometrics
