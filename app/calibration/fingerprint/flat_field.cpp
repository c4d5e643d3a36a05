#include "app/calibration/fingerprint/flat_field.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace kiosk::calibration::fingerprint {
namespace {

constexpr double kMadToSigma = 1.4826;  // median absolute deviation of a normal distribution
constexpr int kMaxSidePx = 4096;

std::size_t pixelCount(int w, int h) { return static_cast<std::size_t>(w) * static_cast<std::size_t>(h); }

double percentile(std::vector<float> values, double p) {
    if (values.empty()) return 0;
    const auto k = static_cast<std::size_t>(std::clamp(p / 100.0, 0.0, 1.0) * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
}

std::vector<std::pair<int, int>> polynomialTerms(int degree) {
    std::vector<std::pair<int, int>> terms;
    for (int i = 0; i <= degree; ++i)
        for (int j = 0; i + j <= degree; ++j) terms.emplace_back(i, j);
    return terms;
}

// Smooth illumination surface from the mean frame, ignoring excluded pixels (255 in `excluded`).
Result<cv::Mat> fitSurface(const cv::Mat& mean, const cv::Mat& excluded, const FlatFieldOptions& o) {
    const int w = mean.cols, h = mean.rows, b = std::max(2, o.surfaceBlockPx);
    const double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
    const auto terms = polynomialTerms(std::clamp(o.surfaceDegree, 1, 10));
    const int nTerms = static_cast<int>(terms.size());
    struct Sample {
        double u, v, value;
    };
    std::vector<Sample> samples;
    std::vector<float> values;
    for (int by = 0; by < h; by += b) {
        for (int bx = 0; bx < w; bx += b) {
            values.clear();
            double sx = 0, sy = 0;
            for (int y = by; y < std::min(h, by + b); ++y) {
                for (int x = bx; x < std::min(w, bx + b); ++x) {
                    if (excluded.at<std::uint8_t>(y, x)) continue;
                    values.push_back(mean.at<float>(y, x));
                    sx += x;
                    sy += y;
                }
            }
            if (values.size() * 4 < static_cast<std::size_t>(b * b)) continue;  // mostly defects: no sample
            const double n = static_cast<double>(values.size());
            samples.push_back({(sx / n - cx) / std::max(1.0, cx), (sy / n - cy) / std::max(1.0, cy), percentile(values, 50)});
        }
    }
    std::vector<bool> active(samples.size(), true);
    cv::Mat coef;
    for (int it = 0; it < std::max(1, o.surfaceIterations); ++it) {
        const auto rows = static_cast<int>(std::count(active.begin(), active.end(), true));
        if (rows < 2 * nTerms)
            return fail(Error::Code::InvalidInput, "too little clean background to fit the illumination", "flat-field surface");
        cv::Mat a(rows, nTerms, CV_64F), rhs(rows, 1, CV_64F);
        int r = 0;
        for (std::size_t s = 0; s < samples.size(); ++s) {
            if (!active[s]) continue;
            for (int t = 0; t < nTerms; ++t)
                a.at<double>(r, t) = std::pow(samples[s].u, terms[static_cast<std::size_t>(t)].first) *
                                     std::pow(samples[s].v, terms[static_cast<std::size_t>(t)].second);
            rhs.at<double>(r, 0) = samples[s].value;
            ++r;
        }
        cv::solve(a, rhs, coef, cv::DECOMP_SVD);
        // Reject blocks far from the fit (robust: threshold from the median absolute deviation).
        std::vector<double> rel(samples.size());
        std::vector<float> absActive;
        for (std::size_t s = 0; s < samples.size(); ++s) {
            double fit = 0;
            for (int t = 0; t < nTerms; ++t)
                fit += coef.at<double>(t, 0) * std::pow(samples[s].u, terms[static_cast<std::size_t>(t)].first) *
                       std::pow(samples[s].v, terms[static_cast<std::size_t>(t)].second);
            rel[s] = fit > 1e-6 ? samples[s].value / fit - 1.0 : 1.0;
            if (active[s]) absActive.push_back(static_cast<float>(std::abs(rel[s])));
        }
        const double limit = std::max(4.0 * kMadToSigma * percentile(absActive, 50), o.surfaceMinRejectPercent / 100.0);
        for (std::size_t s = 0; s < samples.size(); ++s) active[s] = std::abs(rel[s]) <= limit;
    }
    // Evaluate row by row: the polynomial collapses to one in u for each v.
    const int degree = std::clamp(o.surfaceDegree, 1, 10);
    cv::Mat surface(h, w, CV_32F);
    std::vector<double> uPow(static_cast<std::size_t>(w) * static_cast<std::size_t>(degree + 1));
    for (int x = 0; x < w; ++x) {
        const double u = (x - cx) / std::max(1.0, cx);
        double p = 1;
        for (int i = 0; i <= degree; ++i, p *= u) uPow[static_cast<std::size_t>(x * (degree + 1) + i)] = p;
    }
    std::vector<double> rowCoef(static_cast<std::size_t>(degree + 1));
    for (int y = 0; y < h; ++y) {
        const double v = (y - cy) / std::max(1.0, cy);
        std::fill(rowCoef.begin(), rowCoef.end(), 0.0);
        for (int t = 0; t < nTerms; ++t) {
            const auto [i, j] = terms[static_cast<std::size_t>(t)];
            rowCoef[static_cast<std::size_t>(i)] += coef.at<double>(t, 0) * std::pow(v, j);
        }
        auto* out = surface.ptr<float>(y);
        for (int x = 0; x < w; ++x) {
            double s = 0;
            for (int i = 0; i <= degree; ++i) s += rowCoef[static_cast<std::size_t>(i)] * uPow[static_cast<std::size_t>(x * (degree + 1) + i)];
            out[x] = static_cast<float>(s);
        }
    }
    return surface;
}

struct Defects {
    cv::Mat stuck;  // 255 where stuck
    cv::Mat dirt;   // 255 where the smoothed frame departs from the surface
};

Defects findDefects(const cv::Mat& mean, const cv::Mat& stdDev, const cv::Mat& surface, const FlatFieldOptions& o) {
    cv::Mat safeSurface;
    cv::max(surface, 1.0, safeSurface);
    cv::Mat rel = mean / safeSurface - 1.0;
    Defects d;
    d.stuck = (stdDev <= o.stuckMaxTemporalStdGrey) & (cv::abs(rel) >= o.stuckMinDeviationPercent / 100.0);
    rel.setTo(0.0, d.stuck);  // a stuck pixel is not dirt; keep it out of the smoothing
    cv::Mat smooth;
    cv::GaussianBlur(rel, smooth, cv::Size(0, 0), std::max(0.1, o.dirtSmoothingSigmaPx), 0, cv::BORDER_REFLECT);
    d.dirt = cv::abs(smooth) >= o.dirtMinDeviationPercent / 100.0;
    return d;
}

}  // namespace

GreyImage averageFrames(const std::vector<GreyImage>& frames) {
    if (frames.empty() || !frames.front().isValid()) return {};
    const GreyImage& first = frames.front();
    std::vector<double> sum(first.pixels.size(), 0.0);
    for (const GreyImage& f : frames) {
        if (!f.isValid() || f.width != first.width || f.height != first.height) return {};
        for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += f.pixels[i];
    }
    GreyImage out = first;
    const double n = static_cast<double>(frames.size());
    for (std::size_t i = 0; i < sum.size(); ++i)
        out.pixels[i] = static_cast<std::uint8_t>(std::clamp(std::lround(sum[i] / n), 0L, 255L));
    return out;
}

double backgroundNonUniformityPercent(const GreyImage& frame, double sigmaPx) {
    if (!frame.isValid()) return 0;
    cv::Mat grey(frame.height, frame.width, CV_8U, const_cast<std::uint8_t*>(frame.pixels.data()));
    cv::Mat f;
    grey.convertTo(f, CV_32F);
    if (sigmaPx > 0) cv::GaussianBlur(f, f, cv::Size(0, 0), sigmaPx, 0, cv::BORDER_REFLECT);
    const std::vector<float> values(f.begin<float>(), f.end<float>());
    const double mean = cv::mean(f)[0];
    if (mean <= 0) return 0;
    return 100.0 * (percentile(values, 99) - percentile(values, 1)) / mean;
}

Result<FlatFieldEstimate> estimateFlatField(const std::vector<GreyImage>& frames, const FlatFieldOptions& o) {
    if (frames.size() < static_cast<std::size_t>(std::max(2, o.minFrames)))
        return fail(Error::Code::InvalidInput,
                    "need at least " + std::to_string(std::max(2, o.minFrames)) + " frames, got " + std::to_string(frames.size()),
                    "flat-field estimate");
    const int w = frames.front().width, h = frames.front().height;
    if (w < 32 || h < 32 || w > kMaxSidePx || h > kMaxSidePx)
        return fail(Error::Code::InvalidInput, "frame size out of range", "flat-field estimate");
    for (const GreyImage& f : frames)
        if (!f.isValid() || f.width != w || f.height != h)
            return fail(Error::Code::InvalidInput, "frames differ in size or are damaged", "flat-field estimate");
    try {
        const std::size_t n = pixelCount(w, h);
        cv::Mat mean(h, w, CV_32F), stdDev(h, w, CV_32F);
        const double count = static_cast<double>(frames.size());
        for (std::size_t i = 0; i < n; ++i) {
            double s = 0, s2 = 0;
            for (const GreyImage& f : frames) {
                const double v = f.pixels[i];
                s += v;
                s2 += v * v;
            }
            const double m = s / count;
            mean.at<float>(static_cast<int>(i)) = static_cast<float>(m);
            stdDev.at<float>(static_cast<int>(i)) = static_cast<float>(std::sqrt(std::max(0.0, s2 / count - m * m) * count / (count - 1)));
        }

        // Fit, find what is not illumination, refit without it; twice is enough for the mask to settle.
        cv::Mat excluded(h, w, CV_8U, cv::Scalar(0));
        cv::Mat surface;
        Defects defects;
        const cv::Mat grow = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(7, 7));
        for (int pass = 0; pass < 3; ++pass) {
            auto fitted = fitSurface(mean, excluded, o);
            if (!fitted) return std::unexpected(fitted.error());
            surface = std::move(*fitted);
            defects = findDefects(mean, stdDev, surface, o);
            cv::Mat dirtGrown;
            cv::dilate(defects.dirt, dirtGrown, grow);
            excluded = dirtGrown | defects.stuck;
        }

        FlatFieldEstimate e;
        e.width = w;
        e.height = h;
        e.frameCount = static_cast<int>(frames.size());
        e.meanGrey.assign(mean.begin<float>(), mean.end<float>());
        e.temporalStdGrey.assign(stdDev.begin<float>(), stdDev.end<float>());
        e.illuminationGrey.assign(surface.begin<float>(), surface.end<float>());
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                if (defects.stuck.at<std::uint8_t>(y, x)) e.stuckPixels.push_back({x, y, mean.at<float>(y, x)});

        // Dirt regions for the "clean here" highlight: nearby blobs (the ridges of one latent print)
        // merged, tiny ones (noise) dropped.
        const int merge = std::max(0, o.dirtMergeRadiusPx);
        cv::Mat merged;
        cv::morphologyEx(defects.dirt, merged, cv::MORPH_CLOSE,
                         cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * merge + 1, 2 * merge + 1)));
        cv::Mat labels, stats, centroids;
        const int nLabels = cv::connectedComponentsWithStats(merged, labels, stats, centroids, 8, CV_32S);
        for (int l = 1; l < nLabels; ++l) {
            const int area = stats.at<int>(l, cv::CC_STAT_AREA);
            if (area < o.dirtMinAreaPx) continue;
            const int m = std::max(0, o.dirtMarginPx);
            const int x0 = std::max(0, stats.at<int>(l, cv::CC_STAT_LEFT) - m);
            const int y0 = std::max(0, stats.at<int>(l, cv::CC_STAT_TOP) - m);
            const int x1 = std::min(w, stats.at<int>(l, cv::CC_STAT_LEFT) + stats.at<int>(l, cv::CC_STAT_WIDTH) + m);
            const int y1 = std::min(h, stats.at<int>(l, cv::CC_STAT_TOP) + stats.at<int>(l, cv::CC_STAT_HEIGHT) + m);
            e.dirtRegions.push_back({x0, y0, x1 - x0, y1 - y0});
            e.dirtAreaPx += area;
        }
        e.saturatedPercent = 100.0 * cv::countNonZero(mean >= 254.5f) / static_cast<double>(n);
        e.targetWhiteGrey = o.targetWhiteGrey > 0 ? std::min(255.0, o.targetWhiteGrey)
                                                  : std::min(255.0, percentile(e.illuminationGrey, o.targetWhitePercentile));
        return e;
    } catch (const cv::Exception& ex) {
        return fail(Error::Code::Internal, std::string("OpenCV: ") + ex.what(), "flat-field estimate");
    }
}

Result<FlatFieldCorrection> makeCorrection(const FlatFieldEstimate& e, std::string createdUtc, const FlatFieldOptions& o) {
    if (!e.dirtRegions.empty())
        return fail(Error::Code::InvalidInput,
                    std::to_string(e.dirtRegions.size()) +
                        " dirty region(s) on the platen would be baked into every capture: clean it and capture again",
                    "flat-field correction");
    const std::size_t n = pixelCount(e.width, e.height);
    if (e.width <= 0 || e.height <= 0 || e.meanGrey.size() != n || e.targetWhiteGrey <= 0)
        return fail(Error::Code::InvalidInput, "empty estimate", "flat-field correction");
    FlatFieldCorrection c;
    c.width = e.width;
    c.height = e.height;
    c.frameCount = e.frameCount;
    c.createdUtc = std::move(createdUtc);
    c.targetWhiteGrey = static_cast<float>(e.targetWhiteGrey);
    c.gain.assign(n, 1.0f);
    std::vector<std::uint8_t> defect(n, 0);
    for (const DefectPixel& p : e.stuckPixels) defect[static_cast<std::size_t>(p.y) * static_cast<std::size_t>(e.width) + static_cast<std::size_t>(p.x)] = 1;
    const double maxGain = std::max(1.0, o.maxGain);
    for (std::size_t i = 0; i < n; ++i) {
        if (defect[i]) continue;
        const double g = e.meanGrey[i] >= 1.0f ? e.targetWhiteGrey / e.meanGrey[i] : maxGain * 2;
        // A pixel that needs a huge gain (or a huge cut) is broken, whatever its noise says.
        if (g > maxGain || g < 1.0 / maxGain) defect[i] = 1;
        else c.gain[i] = static_cast<float>(g);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (defect[i]) c.defects.push_back(static_cast<std::uint32_t>(i));
    return c;
}

Result<GreyImage> applyCorrection(const FlatFieldCorrection& c, const GreyImage& raw) {
    if (!raw.isValid()) return fail(Error::Code::InvalidInput, "image is empty or damaged", "flat-field correction");
    if (raw.width != c.width || raw.height != c.height)
        return fail(Error::Code::InvalidInput,
                    "image is " + std::to_string(raw.width) + "x" + std::to_string(raw.height) + ", the correction is for " +
                        std::to_string(c.width) + "x" + std::to_string(c.height),
                    "flat-field correction");
    const std::size_t n = raw.pixels.size();
    if (c.gain.size() != n) return fail(Error::Code::InvalidInput, "correction is damaged", "flat-field correction");
    GreyImage out = raw;
    for (std::size_t i = 0; i < n; ++i)
        out.pixels[i] = static_cast<std::uint8_t>(std::clamp(std::lround(raw.pixels[i] * c.gain[i]), 0L, 255L));
    // Defect pixels: the mean of their good neighbours (3x3, else 5x5); a cluster too big for that
    // gets the target white rather than a stuck value.
    std::vector<std::uint8_t> defect(n, 0);
    for (std::uint32_t i : c.defects)
        if (i < n) defect[i] = 1;
    for (std::uint32_t i : c.defects) {
        if (i >= n) continue;
        const int x = static_cast<int>(i % static_cast<std::uint32_t>(c.width)), y = static_cast<int>(i / static_cast<std::uint32_t>(c.width));
        double value = c.targetWhiteGrey;
        for (int r = 1; r <= 2; ++r) {
            double sum = 0;
            int count = 0;
            for (int yy = std::max(0, y - r); yy <= std::min(c.height - 1, y + r); ++yy) {
                for (int xx = std::max(0, x - r); xx <= std::min(c.width - 1, x + r); ++xx) {
                    const std::size_t j = static_cast<std::size_t>(yy) * static_cast<std::size_t>(c.width) + static_cast<std::size_t>(xx);
                    if (defect[j]) continue;
                    sum += out.pixels[j];
                    ++count;
                }
            }
            if (count > 0) {
                value = sum / count;
                break;
            }
        }
        out.pixels[i] = static_cast<std::uint8_t>(std::clamp(std::lround(value), 0L, 255L));
    }
    return out;
}

}  // namespace kiosk::calibration::fingerprint
