#include "app/documents/ocr/glyph_classifier.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include <opencv2/imgproc.hpp>

#include "app/documents/ocr/glyph_atlas.h"

namespace kiosk::documents::ocr::detail {
namespace {

cv::Mat glyphAlpha(std::size_t index) {
    const auto& atlas = ocrbGlyphAtlas();
    const cv::Mat cell(atlas.cellHeight, atlas.advance, CV_8U, const_cast<unsigned char*>(atlas.cell(index)));
    cv::Mat alpha;
    cv::subtract(cv::Scalar(255), cell, alpha);
    return alpha;
}

// Eight partial sums, so that the compiler can keep them in one vector register.
float dotProduct(const float* a, const float* b, int n) {
    float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        for (int k = 0; k < 8; ++k) s[k] += a[i + k] * b[i + k];
    }
    float total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    for (; i < n; ++i) total += a[i] * b[i];
    return total;
}

}  // namespace

GlyphClassifier::GlyphClassifier() {
    const auto& atlas = ocrbGlyphAtlas();
    std::vector<cv::Mat> alphas;
    for (std::size_t i = 0; i < kClasses.size(); ++i) alphas.push_back(glyphAlpha(atlas.characters.find(kClasses[i])));
    std::mt19937 engine(20240613u);
    // Its own noise generator: cv::randn draws from OpenCV's per-thread RNG, whose state depends on what
    // ran before, and the templates (and so every score) changed with it.
    cv::RNG noiseEngine(20240613u);
    const auto uniform = [&](double lo, double hi) {
        return lo + (hi - lo) * static_cast<double>(engine()) / static_cast<double>(std::mt19937::max());
    };
    const double capCentre = atlas.ascent - atlas.capHeight / 2.0;
    std::vector<cv::Mat> windows;
    for (int c = 0; c < kClassCount; ++c) {
        for (int v = 0; v < kVariants; ++v) {
            // The glyph between two neighbours ('<' a third of the time, as in MRZ fillers).
            cv::Mat strip(atlas.cellHeight, 3 * atlas.advance, CV_8U, cv::Scalar(0));
            const int left = engine() % 3 == 0 ? kClassCount - 1 : static_cast<int>(engine() % kClassCount);
            const int right = engine() % 3 == 0 ? kClassCount - 1 : static_cast<int>(engine() % kClassCount);
            alphas[static_cast<std::size_t>(left)].copyTo(strip(cv::Rect(0, 0, atlas.advance, atlas.cellHeight)));
            alphas[static_cast<std::size_t>(c)].copyTo(strip(cv::Rect(atlas.advance, 0, atlas.advance, atlas.cellHeight)));
            alphas[static_cast<std::size_t>(right)].copyTo(strip(cv::Rect(2 * atlas.advance, 0, atlas.advance, atlas.cellHeight)));
            const int spread = v % 4 - 1;  // stroke weight: thinner to bolder than the font
            if (spread != 0) {
                const cv::Mat k = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * std::abs(spread) + 1, 2 * std::abs(spread) + 1));
                if (spread > 0) cv::dilate(strip, strip, k);
                else cv::erode(strip, strip, k);
            }
            const double scale = kPitch / static_cast<double>(atlas.advance) * uniform(0.97, 1.03);
            const double aspect = uniform(0.97, 1.03), angle = uniform(-0.02, 0.02), shear = uniform(-0.03, 0.03);
            const double blur = v < 4 ? 0.0 : uniform(0.0, 1.5);
            const double sigmaHigh = std::sqrt(0.3 + blur * blur) / scale;
            cv::Mat soft;
            cv::GaussianBlur(strip, soft, cv::Size(), sigmaHigh);
            // high-res (X, Y) -> window canvas (48 x 24): centre glyph's cell centre at (24, 12).
            const double ca = std::cos(angle), sa = std::sin(angle);
            const double a = scale * aspect, d = scale;
            const double dx = uniform(-0.6, 0.6), dy = uniform(-1.0, 1.0);
            cv::Matx23d m(ca * a, -sa * d + shear * d, 0, sa * a, ca * d, 0);
            const double x0 = 1.5 * atlas.advance, y0 = capCentre;
            m(0, 2) = 24 + dx - (m(0, 0) * x0 + m(0, 1) * y0);
            m(1, 2) = 12 + dy - (m(1, 0) * x0 + m(1, 1) * y0);
            cv::Mat canvas;
            cv::warpAffine(soft, canvas, m, cv::Size(48, 24), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
            canvas.convertTo(canvas, CV_32F);
            if (v % 3 == 2) {
                cv::Mat noise(canvas.size(), CV_32F);
                noiseEngine.fill(noise, cv::RNG::NORMAL, 0.0, uniform(5.0, 25.0));
                canvas += noise;
                canvas = cv::max(canvas, 0.0);
            }
            double low = 0, high = 0;
            cv::minMaxLoc(canvas, &low, &high);
            canvas -= 0.3 * high;
            canvas = cv::max(canvas, 0.0);
            windows.push_back(window(canvas, cv::Point2f(24.0f, 12.0f)));
            labels_.push_back(c);
        }
    }
    templates_ = features(windows);
    cv::PCA pca(templates_, cv::noArray(), cv::PCA::DATA_AS_ROW, kComponents);
    mean_ = pca.mean.clone();
    basis_ = pca.eigenvectors.clone();
    cv::Mat centred;
    cv::subtract(templates_, cv::repeat(mean_, templates_.rows, 1), centred);
    cv::gemm(centred, basis_, 1.0, cv::noArray(), 0.0, projected_, cv::GEMM_2_T);
    buildDiscriminants();
    buildShapes();
}

float GlyphClassifier::spreadOf(const float* row, bool vertical) {
    // Only the ink above the window's mean (the feature is mean-free): the glyph, not the paper.
    double sum = 0, first = 0, second = 0;
    for (int y = 0; y < kWindowH; ++y) {
        for (int x = 0; x < kWindowW; ++x) {
            const double w = std::max(0.0f, row[y * kWindowW + x]);
            const double at = vertical ? y : x;
            sum += w;
            first += w * at;
            second += w * at * at;
        }
    }
    if (sum <= 0) return 0.0f;
    return static_cast<float>(std::sqrt(std::max(0.0, second / sum - (first / sum) * (first / sum))));
}

float GlyphClassifier::Extent::separation(int a, int b) const {
    const float sa = spreads[static_cast<std::size_t>(a)], sb = spreads[static_cast<std::size_t>(b)];
    const float pooled = std::sqrt(0.5f * (sa * sa + sb * sb));
    return pooled > 0 ? std::abs(means[static_cast<std::size_t>(a)] - means[static_cast<std::size_t>(b)]) / pooled : 0.0f;
}

float GlyphClassifier::Extent::distance(float value, int a, int b) const {
    const float ma = means[static_cast<std::size_t>(a)], mb = means[static_cast<std::size_t>(b)];
    const float sa = spreads[static_cast<std::size_t>(a)], sb = spreads[static_cast<std::size_t>(b)];
    const float pooled = std::sqrt(0.5f * (sa * sa + sb * sb));
    if (pooled <= 0 || std::abs(ma - mb) < kMinShapeSeparation * pooled) return 0.0f;
    return (value - 0.5f * (ma + mb)) / pooled * (ma > mb ? 1.0f : -1.0f);
}

void GlyphClassifier::buildShapes() {
    for (const bool vertical : {true, false}) {
        Extent& extent = vertical ? heights_ : widths_;
        for (int c = 0; c < kClassCount; ++c) {
            double sum = 0, squares = 0;
            for (int v = 0; v < kVariants; ++v) {
                const double h = spreadOf(templates_.ptr<float>(c * kVariants + v), vertical);
                sum += h;
                squares += h * h;
            }
            const double mean = sum / kVariants;
            extent.means[static_cast<std::size_t>(c)] = static_cast<float>(mean);
            extent.spreads[static_cast<std::size_t>(c)] = static_cast<float>(std::sqrt(std::max(0.0, squares / kVariants - mean * mean)));
        }
    }
}

float GlyphClassifier::heightScale(const cv::Mat& featureRow, int c) const {
    const float mean = heights_.means[static_cast<std::size_t>(c)];
    return mean > 0 ? spreadOf(featureRow.ptr<float>(0), true) / mean : 0.0f;
}

float GlyphClassifier::widthScale(const cv::Mat& featureRow, int c) const {
    const float mean = widths_.means[static_cast<std::size_t>(c)];
    return mean > 0 ? spreadOf(featureRow.ptr<float>(0), false) / mean : 0.0f;
}

float GlyphClassifier::heightSeparation(int a, int b) const { return heights_.separation(a, b); }
float GlyphClassifier::widthSeparation(int a, int b) const { return widths_.separation(a, b); }

float GlyphClassifier::pairHeight(const cv::Mat& featureRow, int a, int b, float lineScale) const {
    return lineScale > 0 ? heights_.distance(spreadOf(featureRow.ptr<float>(0), true) / lineScale, a, b) : 0.0f;
}

float GlyphClassifier::pairWidth(const cv::Mat& featureRow, int a, int b, float lineScale) const {
    return lineScale > 0 ? widths_.distance(spreadOf(featureRow.ptr<float>(0), false) / lineScale, a, b) : 0.0f;
}

float GlyphClassifier::pairShape(const cv::Mat& featureRow, int a, int b, float heightScale, float widthScale) const {
    if (heightSeparation(a, b) >= kMinShapeSeparation) return pairHeight(featureRow, a, b, heightScale);
    return pairWidth(featureRow, a, b, widthScale);
}

void GlyphClassifier::buildDiscriminants() {
    const int dims = templates_.cols;
    classMeans_ = cv::Mat::zeros(kClassCount, dims, CV_64F);
    cv::Mat samples;
    templates_.convertTo(samples, CV_64F);
    for (int t = 0; t < samples.rows; ++t) classMeans_.row(labels_[static_cast<std::size_t>(t)]) += samples.row(t);
    classMeans_ *= 1.0 / kVariants;
    for (int t = 0; t < samples.rows; ++t) samples.row(t) -= classMeans_.row(labels_[static_cast<std::size_t>(t)]);
    cv::Mat covariance;
    cv::mulTransposed(samples, covariance, true);
    covariance *= 1.0 / (samples.rows - kClassCount);
    // Shrunk towards a multiple of the identity: 48 variants per class span a few small distortions,
    // so the raw covariance would trust directions the templates never varied in.
    const double average = cv::trace(covariance)[0] / dims;
    covariance = (1.0 - kShrinkage) * covariance + kShrinkage * average * cv::Mat::eye(dims, dims, CV_64F);
    cv::Mat inverse;
    cv::invert(covariance, inverse, cv::DECOMP_CHOLESKY);
    cv::Mat discriminants = classMeans_ * inverse;
    for (int c = 0; c < kClassCount; ++c)
        offsets_[static_cast<std::size_t>(c)] = static_cast<float>(0.5 * classMeans_.row(c).dot(discriminants.row(c)));
    discriminants.convertTo(discriminants_, CV_32F);
    classMeans_.convertTo(classMeans_, CV_32F);
}

float GlyphClassifier::pairDiscriminant(const cv::Mat& featureRow, int a, int b) const {
    // g_c(x) = v_c.x - offset_c; between a and b, (g_a - g_b) / sqrt((m_a - m_b).(v_a - v_b)) has unit
    // standard deviation and mean +-half the classes' Mahalanobis distance on the templates.
    const int dims = templates_.cols;
    const float* x = featureRow.ptr<float>(0);
    const float* va = discriminants_.ptr<float>(a);
    const float* vb = discriminants_.ptr<float>(b);
    const float* ma = classMeans_.ptr<float>(a);
    const float* mb = classMeans_.ptr<float>(b);
    double g = 0, spread = 0;
    for (int k = 0; k < dims; ++k) {
        g += static_cast<double>(va[k] - vb[k]) * x[k];
        spread += static_cast<double>(ma[k] - mb[k]) * (va[k] - vb[k]);
    }
    g -= offsets_[static_cast<std::size_t>(a)] - offsets_[static_cast<std::size_t>(b)];
    return spread > 0 ? static_cast<float>(g / std::sqrt(spread)) : 0.0f;
}

cv::Mat GlyphClassifier::window(const cv::Mat& ink, cv::Point2f centre, cv::Point2f shift, float verticalScale, float* inkCentre) const {
    // Centre on the ink horizontally (glyphs are centred in their OCR-B cells), at most 0.3 pitch from the
    // grid's centre; squared ink, so that faint texture pulls less than strokes.
    const int x0 = static_cast<int>(std::floor(centre.x - kPitch / 2.0f)), y0 = static_cast<int>(std::floor(centre.y - kWindowH / 2.0f));
    std::array<double, kPitch + 1> columns{};
    for (int y = std::max(0, y0); y < std::min(ink.rows, y0 + kWindowH); ++y) {
        const float* row = ink.ptr<float>(y);
        for (int x = std::max(0, x0); x < std::min(ink.cols, x0 + kPitch + 1); ++x) {
            columns[static_cast<std::size_t>(x - x0)] += static_cast<double>(row[x]) * static_cast<double>(row[x]);
        }
    }
    // Only the cell's own ink: a neighbour whose ink reaches into the cell (a 'P' bowl before a '<') pulled
    // the centroid 2-3 pixels its way. Near each cell boundary (kCut columns), the emptiest column is the gap
    // between the two glyphs when it is nearly empty (under kGap of the fullest column); ink beyond it is
    // the neighbour's. A glyph that fills its cell (W, M) has no such gap and keeps all its columns. The
    // templates are centred by this same function, so both sides see the same rule.
    constexpr int kCut = 3;
    constexpr double kGap = 0.05;
    const double peak = *std::max_element(columns.begin(), columns.end());
    int from = 0, to = kPitch;
    for (int k = 1; k <= kCut; ++k) if (columns[static_cast<std::size_t>(k)] < columns[static_cast<std::size_t>(from)]) from = k;
    for (int k = kPitch - 1; k >= kPitch - kCut; --k) if (columns[static_cast<std::size_t>(k)] < columns[static_cast<std::size_t>(to)]) to = k;
    if (columns[static_cast<std::size_t>(from)] > kGap * peak) from = 0;
    if (columns[static_cast<std::size_t>(to)] > kGap * peak) to = kPitch;
    double sum = 0, moment = 0;
    for (int k = from; k <= to; ++k) {
        sum += columns[static_cast<std::size_t>(k)];
        moment += columns[static_cast<std::size_t>(k)] * (x0 + k);
    }
    float cx = centre.x;
    if (sum > 0) cx = static_cast<float>(std::clamp(moment / sum, centre.x - 0.3 * kPitch, centre.x + 0.3 * kPitch));
    if (inkCentre) *inkCentre = cx;
    cv::Mat out;
    const cv::Point2f at = cv::Point2f(cx, centre.y) + shift;
    if (verticalScale == 1.0f) {
        cv::getRectSubPix(ink, cv::Size(kWindowW, kWindowH), at, out, CV_32F);
    } else {  // rows verticalScale apart in the ink, so that a line's glyphs come out at the templates' height
        const cv::Matx23f toInk(1, 0, at.x - (kWindowW - 1) / 2.0f, 0, verticalScale, at.y - verticalScale * (kWindowH - 1) / 2.0f);
        cv::warpAffine(ink, out, toInk, cv::Size(kWindowW, kWindowH), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
    }
    return out;
}

cv::Mat GlyphClassifier::features(const std::vector<cv::Mat>& windows) {
    // The outer columns (where a neighbour's edge may show) count less.
    static const std::array<float, kWindowW> taper = [] {
        std::array<float, kWindowW> t{};
        for (int x = 0; x < kWindowW; ++x) {
            const int edge = std::min(x, kWindowW - 1 - x);
            t[static_cast<std::size_t>(x)] = std::min(1.0f, 1.0f + 0.0f * static_cast<float>(edge));
        }
        return t;
    }();
    cv::Mat rows(static_cast<int>(windows.size()), kWindowW * kWindowH, CV_32F);
    for (int i = 0; i < rows.rows; ++i) {
        cv::Mat row = rows.row(i);
        windows[static_cast<std::size_t>(i)].reshape(1, 1).copyTo(row);
        float* r = row.ptr<float>(0);
        for (int k = 0; k < row.cols; ++k) r[k] *= taper[static_cast<std::size_t>(k % kWindowW)];
        row -= cv::mean(row)[0];
        const double norm = cv::norm(row);
        if (norm > 1e-6) row *= 1.0 / norm;
    }
    return rows;
}

std::vector<ClassScores> GlyphClassifier::classify(const cv::Mat& rows) const {
    if (rows.rows == 0) return {};
    // First stage: <x, t> = <x - m, t - m> + <x, m> + <m, t> - <m, m>, the first term in the PCA space.
    cv::Mat centred, projected, approx;
    cv::subtract(rows, cv::repeat(mean_, rows.rows, 1), centred);
    cv::gemm(centred, basis_, 1.0, cv::noArray(), 0.0, projected, cv::GEMM_2_T);
    cv::gemm(projected, projected_, 1.0, cv::noArray(), 0.0, approx, cv::GEMM_2_T);
    cv::Mat xm, tm;
    cv::gemm(rows, mean_, 1.0, cv::noArray(), 0.0, xm, cv::GEMM_2_T);
    cv::gemm(templates_, mean_, 1.0, cv::noArray(), 0.0, tm, cv::GEMM_2_T);
    const float mm = static_cast<float>(mean_.dot(mean_));
    std::vector<ClassScores> result(static_cast<std::size_t>(rows.rows));
    const int dims = rows.cols;
    for (int i = 0; i < rows.rows; ++i) {
        auto& best = result[static_cast<std::size_t>(i)];
        best.fill(-1.0f);
        const float* a = approx.ptr<float>(i);
        const float base = xm.at<float>(i) - mm;
        for (std::size_t t = 0; t < labels_.size(); ++t) {
            auto& b = best[static_cast<std::size_t>(labels_[t])];
            b = std::max(b, a[t] + base + tm.at<float>(static_cast<int>(t)));
        }
        std::array<int, kClassCount> order{};
        std::iota(order.begin(), order.end(), 0);
        std::partial_sort(order.begin(), order.begin() + kShortlist, order.end(),
                          [&](int x, int y) { return best[static_cast<std::size_t>(x)] > best[static_cast<std::size_t>(y)]; });
        const float* x = rows.ptr<float>(i);
        for (int k = 0; k < kShortlist; ++k) {
            const int c = order[static_cast<std::size_t>(k)];
            float exact = -1.0f;
            for (int v = 0; v < kVariants; ++v) {
                const float* t = templates_.ptr<float>(c * kVariants + v);
                exact = std::max(exact, dotProduct(x, t, dims));
            }
            best[static_cast<std::size_t>(c)] = exact;
        }
    }
    return result;
}

std::vector<ClassScores> GlyphClassifier::classifyExactly(const cv::Mat& rows) const {
    cv::Mat scores;
    cv::gemm(rows, templates_, 1.0, cv::noArray(), 0.0, scores, cv::GEMM_2_T);
    std::vector<ClassScores> result(static_cast<std::size_t>(rows.rows));
    for (int i = 0; i < rows.rows; ++i) {
        auto& best = result[static_cast<std::size_t>(i)];
        best.fill(-1.0f);
        const float* s = scores.ptr<float>(i);
        for (std::size_t t = 0; t < labels_.size(); ++t) {
            auto& b = best[static_cast<std::size_t>(labels_[t])];
            b = std::max(b, s[t]);
        }
    }
    return result;
}

}  // namespace kiosk::documents::ocr::detail
