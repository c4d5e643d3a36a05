#include "app/documents/ocr/mrz_reader.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <optional>
#include <cstdio>
#include <cstdlib>
#include <set>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "app/documents/ocr/glyph_classifier.h"

namespace kiosk::documents::ocr {

using detail::ClassScores;
using detail::kClassCount;
using detail::kClasses;
using detail::kPitch;

struct MrzReader::Model {
    detail::GlyphClassifier classifier;
};

namespace {

constexpr const char* kContext = "MRZ image";

Error unreadable(const std::string& reason) { return Error{Error::Code::InvalidInput, "unreadable: " + reason, kContext, 0}; }

GreyImage toGrey(const cv::Mat& m) {
    cv::Mat u8;
    if (m.type() == CV_8U) u8 = m;
    else cv::normalize(m, u8, 0, 255, cv::NORM_MINMAX, CV_8U);
    GreyImage g;
    g.width = u8.cols;
    g.height = u8.rows;
    g.pixels.resize(static_cast<std::size_t>(u8.cols) * static_cast<std::size_t>(u8.rows));
    for (int y = 0; y < u8.rows; ++y) std::copy(u8.ptr<std::uint8_t>(y), u8.ptr<std::uint8_t>(y) + u8.cols, g.pixels.begin() + static_cast<std::ptrdiff_t>(y) * u8.cols);
    return g;
}

// --- field layout: which characters a position may hold and whether a check digit covers it -------

enum class Kind : char { Alpha = 'a', Numeric = 'n', Alnum = 'x', Sex = 's', Passport = 'p', Card = 'c' };
struct Position {
    Kind kind;
    bool covered;  // by a field check digit or the composite
};
using Layout = std::vector<std::vector<Position>>;

void put(Layout& layout, int line, int from, int to, Kind kind, bool covered) {  // 1-based inclusive
    for (int c = from; c <= to; ++c) layout[static_cast<std::size_t>(line - 1)][static_cast<std::size_t>(c - 1)] = {kind, covered};
}

Layout layoutFor(int lines, int length, bool visa) {
    Layout l(static_cast<std::size_t>(lines), std::vector<Position>(static_cast<std::size_t>(length), {Kind::Alpha, false}));
    // The document code's first letter: P (passport) or V (visa) on 2x44, A, C, I or V on 2x36, A, C, I on TD1.
    put(l, 1, 1, 1, lines == 2 && length == 44 ? Kind::Passport : Kind::Card, false);
    if (lines == 3) {  // TD1
        put(l, 1, 6, 14, Kind::Alnum, true);
        put(l, 1, 15, 15, Kind::Numeric, true);
        put(l, 1, 16, 30, Kind::Alnum, true);
        put(l, 2, 1, 7, Kind::Numeric, true);
        put(l, 2, 8, 8, Kind::Sex, false);
        put(l, 2, 9, 15, Kind::Numeric, true);
        put(l, 2, 19, 29, Kind::Alnum, true);
        put(l, 2, 30, 30, Kind::Numeric, true);
        return l;
    }
    put(l, 2, 1, 9, Kind::Alnum, true);
    put(l, 2, 10, 10, Kind::Numeric, true);
    put(l, 2, 14, 20, Kind::Numeric, true);
    put(l, 2, 21, 21, Kind::Sex, false);
    put(l, 2, 22, 28, Kind::Numeric, true);
    if (visa) {
        put(l, 2, 29, length, Kind::Alnum, false);
    } else if (length == 44) {
        put(l, 2, 29, 42, Kind::Alnum, true);
        put(l, 2, 43, 44, Kind::Numeric, true);
    } else {
        put(l, 2, 29, 35, Kind::Alnum, true);
        put(l, 2, 36, 36, Kind::Numeric, true);
    }
    return l;
}

bool allowed(Kind kind, char c) {
    switch (kind) {
        case Kind::Alpha: return (c >= 'A' && c <= 'Z') || c == '<';
        case Kind::Numeric: return (c >= '0' && c <= '9') || c == '<';
        case Kind::Alnum: return true;
        case Kind::Sex: return c == 'M' || c == 'F' || c == 'X' || c == '<';
        case Kind::Passport: return c == 'P' || c == 'V';
        case Kind::Card: return c == 'A' || c == 'C' || c == 'I' || c == 'V';
    }
    return true;
}

// --- locating the MRZ lines ------------------------------------------------------------------------

struct TextLine {
    cv::Point2f point;  // on the fitted centre line
    cv::Point2f u;      // unit direction, pointing right (u.x > 0)
    float sMin = 0, sMax = 0;  // ink extent along u from `point`
    float height = 0;          // ink thickness across the line (about the cap height)
    [[nodiscard]] cv::Point2f at(float s) const { return point + s * u; }
    [[nodiscard]] float length() const { return sMax - sMin; }
    [[nodiscard]] float across(cv::Point2f p) const { return -(p - point).x * u.y + (p - point).y * u.x; }
};

std::vector<TextLine> findLines(const cv::Mat& grey, OcrStages* stages) {
    const int w = grey.cols;
    const int k = std::max(7, (w * 9 / 1000) | 1);
    cv::Mat smooth, blackhat, text;
    cv::GaussianBlur(grey, smooth, cv::Size(3, 3), 0);
    cv::morphologyEx(smooth, blackhat, cv::MORPH_BLACKHAT, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
    const double otsu = cv::threshold(blackhat, text, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    if (otsu < 10) cv::threshold(blackhat, text, 10, 255, cv::THRESH_BINARY);
    // The joining kernel follows the character size: the median height of character-like components.
    int kw = std::max(9, (w * 18 / 1000) | 1);
    {
        cv::Mat labels0, stats0, centroids0;
        const int n0 = cv::connectedComponentsWithStats(text, labels0, stats0, centroids0, 8, CV_32S);
        std::vector<int> heights;
        for (int id = 1; id < n0; ++id) {
            const int ch = stats0.at<int>(id, cv::CC_STAT_HEIGHT), cw = stats0.at<int>(id, cv::CC_STAT_WIDTH);
            if (ch >= 8 && ch <= w / 12 && cw <= 2 * ch && cw >= ch / 5) heights.push_back(ch);
        }
        if (heights.size() >= 20) {
            std::nth_element(heights.begin(), heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2), heights.end());
            kw = std::clamp(heights[heights.size() / 2] | 1, 9, 61);
        }
    }
    cv::Mat joined;
    cv::morphologyEx(text, joined, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2, 2)));
    cv::morphologyEx(joined, joined, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kw, 3)));
    cv::morphologyEx(joined, joined, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kw / 2, 3)));
    if (stages) {
        stages->textMask = toGrey(text);
        stages->lineMask = toGrey(joined);
    }
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(joined, labels, stats, centroids, 8, CV_32S);
    std::vector<TextLine> lines;
    const int minLength = w / 4;
    for (int id = 1; id < count; ++id) {
        const int bw = stats.at<int>(id, cv::CC_STAT_WIDTH), bh = stats.at<int>(id, cv::CC_STAT_HEIGHT);
        if (std::max(bw, bh) < minLength || bh > bw) continue;
        const int bx = stats.at<int>(id, cv::CC_STAT_LEFT), by = stats.at<int>(id, cv::CC_STAT_TOP);
        std::vector<cv::Point2f> points;
        for (int y = by; y < by + bh; ++y) {
            const int* lab = labels.ptr<int>(y);
            const std::uint8_t* t = text.ptr<std::uint8_t>(y);
            for (int x = bx; x < bx + bw; ++x) {
                if (lab[x] == id && t[x]) points.emplace_back(static_cast<float>(x), static_cast<float>(y));
            }
        }
        if (points.size() < 50) continue;
        cv::Vec4f fit;
        cv::fitLine(points, fit, cv::DIST_HUBER, 0, 0.01, 0.01);
        TextLine line;
        line.u = cv::Point2f(fit[0], fit[1]);
        if (line.u.x < 0) line.u = -line.u;
        if (std::abs(line.u.y) > 0.42f) continue;  // steeper than about 25 degrees
        line.point = cv::Point2f(fit[2], fit[3]);
        std::vector<float> across;
        across.reserve(points.size());
        line.sMin = 1e9f;
        line.sMax = -1e9f;
        for (const auto& p : points) {
            const float s = (p - line.point).dot(line.u);
            line.sMin = std::min(line.sMin, s);
            line.sMax = std::max(line.sMax, s);
            across.push_back(line.across(p));
        }
        std::sort(across.begin(), across.end());
        line.height = across[across.size() * 97 / 100] - across[across.size() * 3 / 100];
        if (line.height < 5 || line.length() < 12 * line.height) continue;
        lines.push_back(line);
    }
    return lines;
}

struct Group {
    std::vector<TextLine> lines;  // top to bottom (in image orientation)
    double score = 0;
};

// Sets of 2 or 3 parallel, evenly spaced lines of similar length: MRZ candidates, best first.
std::vector<Group> groupLines(std::vector<TextLine> lines) {
    std::vector<Group> groups;
    if (lines.size() < 2) return groups;
    const cv::Point2f ref = lines[0].u;
    const cv::Point2f normal(-ref.y, ref.x);
    std::sort(lines.begin(), lines.end(), [&](const TextLine& a, const TextLine& b) {
        return a.at((a.sMin + a.sMax) / 2).dot(normal) < b.at((b.sMin + b.sMax) / 2).dot(normal);
    });
    const auto compatible = [](const TextLine& a, const TextLine& b) {
        if (std::abs(a.u.x * b.u.y - a.u.y * b.u.x) > 0.09f) return false;  // about 5 degrees
        const float ratio = std::min(a.length(), b.length()) / std::max(a.length(), b.length());
        if (ratio < 0.8f) return false;
        const cv::Point2f mb = b.at((b.sMin + b.sMax) / 2);
        const float gap = std::abs(a.across(mb));
        const float h = (a.height + b.height) / 2;
        if (gap < 1.2f * h || gap > 3.2f * h) return false;
        const float along = (mb - a.at((a.sMin + a.sMax) / 2)).dot(a.u);
        return std::abs(along) < 0.15f * a.length();
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        for (std::size_t j = i + 1; j < lines.size(); ++j) {
            if (!compatible(lines[i], lines[j])) continue;
            for (std::size_t k = j + 1; k < lines.size(); ++k) {
                if (!compatible(lines[j], lines[k])) continue;
                groups.push_back({{lines[i], lines[j], lines[k]}, 3.0 + lines[i].length()});
            }
            groups.push_back({{lines[i], lines[j]}, 2.0 + lines[i].length()});
        }
    }
    // Three-line groups first (a TD1 card also contains two-line subsets), then longer lines.
    std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
        if (a.lines.size() != b.lines.size()) return a.lines.size() > b.lines.size();
        return a.score > b.score;
    });
    return groups;
}

// --- reading a rectified band --------------------------------------------------------------------

struct Reading {
    std::vector<std::string> lines;
    std::vector<ClassScores> scores;  // per cell, line by line
    double meanScore = 0;
    cv::Mat band, cells;
};

// Vertical centre of a line near nominal y: ink-weighted centroid of rows, for the left and right halves.
std::pair<double, double> lineCentre(const cv::Mat& ink, double nominal, double halfSpan, int x0, int x1) {
    std::pair<double, double> result{nominal, nominal};
    for (int half = 0; half < 2; ++half) {
        const int xa = half == 0 ? x0 : (x0 + x1) / 2, xb = half == 0 ? (x0 + x1) / 2 : x1;
        double sum = 0, moment = 0;
        for (int y = std::max(0, static_cast<int>(nominal - halfSpan)); y < std::min(ink.rows, static_cast<int>(nominal + halfSpan)); ++y) {
            const float* row = ink.ptr<float>(y);
            double rowSum = 0;
            for (int x = std::max(0, xa); x < std::min(ink.cols, xb); ++x) rowSum += static_cast<double>(row[x]) * row[x];
            sum += rowSum;
            moment += rowSum * y;
        }
        if (sum > 0) (half == 0 ? result.first : result.second) = moment / sum;
    }
    return result;
}

// Fits the pitch grid to a line's column profile: offset and pitch that put ink in cells, gaps between.
std::pair<double, double> fitGrid(const std::vector<float>& profile, double start, int n) {
    const auto sample = [&](double x) {
        const int i = static_cast<int>(std::floor(x));
        if (i < 0 || i + 1 >= static_cast<int>(profile.size())) return 0.0f;
        const float f = static_cast<float>(x - i);
        return profile[static_cast<std::size_t>(i)] * (1 - f) + profile[static_cast<std::size_t>(i) + 1] * f;
    };
    double bestScore = -1e30, bestOffset = start, bestPitch = kPitch;
    for (double pitch = kPitch * 0.99; pitch <= kPitch * 1.01; pitch += 0.0025 * kPitch) {
        for (double offset = start - 0.3 * kPitch; offset <= start + 0.3 * kPitch; offset += 0.25) {
            double score = 0;
            for (int i = 0; i < n; ++i) score += sample(offset + (i + 0.5) * pitch) - sample(offset + i * pitch);
            score -= sample(offset + n * pitch);
            if (score > bestScore) {
                bestScore = score;
                bestOffset = offset;
                bestPitch = pitch;
            }
        }
    }
    return {bestOffset, bestPitch};
}

Reading readBand(const cv::Mat& bandGrey, int lineCount, int length, double linePitch, double margin,
                 const detail::GlyphClassifier& classifier, bool keepImages) {
    Reading reading;
    cv::Mat ink;
    cv::morphologyEx(bandGrey, ink, cv::MORPH_BLACKHAT, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(25, 25)));
    ink.convertTo(ink, CV_32F);
    {
        // Faint texture (guilloche, laminate, noise) below a share of the stroke level is not ink.
        cv::Mat sample = ink.reshape(1, 1).clone();
        const int at = sample.cols * 97 / 100;
        std::nth_element(sample.ptr<float>(0), sample.ptr<float>(0) + at, sample.ptr<float>(0) + sample.cols);
        const float floor = 0.3f * sample.at<float>(0, at);
        ink -= floor;
        ink = cv::max(ink, 0.0f);
    }
    std::vector<cv::Mat> windows;
    const int x0 = static_cast<int>(margin), x1 = static_cast<int>(margin + length * kPitch);
    for (int l = 0; l < lineCount; ++l) {
        const double nominal = margin + l * linePitch;
        const auto [yl, yr] = lineCentre(ink, nominal, 0.5 * linePitch, x0, x1);
        const double xl = x0 + 0.25 * (x1 - x0), xr = x0 + 0.75 * (x1 - x0);
        const auto yAt = [&](double x) { return yl + (yr - yl) * (x - xl) / (xr - xl); };
        std::vector<float> profile(static_cast<std::size_t>(ink.cols), 0.0f);
        for (int x = 0; x < ink.cols; ++x) {
            const int yc = static_cast<int>(std::lround(yAt(x)));
            for (int y = std::max(0, yc - 8); y <= std::min(ink.rows - 1, yc + 8); ++y) profile[static_cast<std::size_t>(x)] += ink.at<float>(y, x);
        }
        std::vector<float> smooth(profile.size(), 0.0f);
        for (std::size_t x = 1; x + 1 < profile.size(); ++x) smooth[x] = (profile[x - 1] + profile[x] + profile[x + 1]) / 3;
        // Segment: follow the gaps between characters along the column profile, one pitch at a time, so
        // that residual perspective or print drift never accumulates.
        const auto [offset, pitch] = fitGrid(smooth, margin, length);
        float peak = 1.0f;
        for (const float v : smooth) peak = std::max(peak, v);
        std::vector<double> bounds{offset};
        for (int i = 0; i < length; ++i) {
            const double expected = std::clamp(bounds.back() + pitch, offset + (i + 1) * pitch - 0.45 * pitch,
                                               offset + (i + 1) * pitch + 0.45 * pitch);
            double best = expected, bestCost = 1e30;
            for (double x = expected - 0.3 * pitch; x <= expected + 0.3 * pitch; x += 0.5) {
                const int xi = static_cast<int>(std::lround(x));
                if (xi < 0 || xi >= static_cast<int>(smooth.size())) continue;
                const double cost = smooth[static_cast<std::size_t>(xi)] / peak + 0.4 * std::abs(x - expected) / pitch;
                if (cost < bestCost) {
                    bestCost = cost;
                    best = x;
                }
            }
            bounds.push_back(best);
        }
        for (int i = 0; i < length; ++i) {
            const double cx = (bounds[static_cast<std::size_t>(i)] + bounds[static_cast<std::size_t>(i) + 1]) / 2;
            windows.push_back(classifier.window(ink, cv::Point2f(static_cast<float>(cx), static_cast<float>(yAt(cx)))));
        }
    }
    reading.scores = classifier.classify(detail::GlyphClassifier::features(windows));
    double total = 0;
    for (int l = 0; l < lineCount; ++l) {
        std::string text;
        for (int i = 0; i < length; ++i) {
            const auto& s = reading.scores[static_cast<std::size_t>(l * length + i)];
            const auto best = std::max_element(s.begin(), s.end());
            text += kClasses[static_cast<std::size_t>(best - s.begin())];
            total += static_cast<double>(*best);
        }
        reading.lines.push_back(text);
    }
    reading.meanScore = total / static_cast<double>(lineCount * length);
    if (keepImages) {
        reading.band = bandGrey.clone();
        reading.cells = cv::Mat(lineCount * (detail::kWindowH + 2), length * (detail::kWindowW + 2), CV_32F, cv::Scalar(0));
        for (std::size_t i = 0; i < windows.size(); ++i) {
            const int l = static_cast<int>(i) / length, c = static_cast<int>(i) % length;
            windows[i].copyTo(reading.cells(cv::Rect(c * (detail::kWindowW + 2), l * (detail::kWindowH + 2), detail::kWindowW, detail::kWindowH)));
        }
    }
    return reading;
}

// Thresholds for accepting a character: positions no check digit covers need a clear winner.
constexpr float kMinScoreUncovered = 0.55f;
constexpr float kMinMarginUncovered = 0.04f;
constexpr float kMinScoreCovered = 0.50f;
constexpr float kMinMarginCovered = 0.02f;
constexpr float kTryMargin = 0.08f;  // covered positions with a smaller margin get their runner-up tried

struct Ranked {
    char best = '<', second = '<';
    float score = 0, margin = 0;
};

Ranked rankAllowed(const ClassScores& s, Kind kind) {
    Ranked r;
    float first = -2, second = -2;
    for (int c = 0; c < kClassCount; ++c) {
        const char ch = kClasses[static_cast<std::size_t>(c)];
        if (!allowed(kind, ch)) continue;
        const float v = s[static_cast<std::size_t>(c)];
        if (v > first) {
            second = first;
            r.second = r.best;
            first = v;
            r.best = ch;
        } else if (v > second) {
            second = v;
            r.second = ch;
        }
    }
    r.score = first;
    r.margin = first - second;
    return r;
}

std::string describePosition(int line, int column) {
    return "line " + std::to_string(line + 1) + ", column " + std::to_string(column + 1);
}

// Field-constrained decoding, check-digit validation and the confidence gates. Returns the validated
// lines and confidences, or the reason they cannot be trusted.
Result<OcrResult> decide(Reading& reading, const ParseOptions& options) {
    const int lineCount = static_cast<int>(reading.lines.size());
    const int length = static_cast<int>(reading.lines[0].size());
    const bool visa = lineCount == 2 && reading.lines[0][0] == 'V';
    const Layout layout = layoutFor(lineCount, length, visa);
    std::vector<std::string> lines(reading.lines.size(), std::string(static_cast<std::size_t>(length), '<'));
    std::vector<Ranked> ranks;
    for (int l = 0; l < lineCount; ++l) {
        for (int c = 0; c < length; ++c) {
            const auto& pos = layout[static_cast<std::size_t>(l)][static_cast<std::size_t>(c)];
            const auto r = rankAllowed(reading.scores[static_cast<std::size_t>(l * length + c)], pos.kind);
            lines[static_cast<std::size_t>(l)][static_cast<std::size_t>(c)] = r.best;
            ranks.push_back(r);
        }
    }
    reading.lines = lines;
    ParseOptions strict = options;
    strict.tolerant = false;
    auto report = analyseMrz(lines, strict);
    if (!report.valid()) {
        // The check digits may single out one runner-up among the uncertain covered positions.
        std::vector<int> uncertain;
        for (int i = 0; i < lineCount * length; ++i) {
            const auto& pos = layout[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
            if (pos.covered && ranks[static_cast<std::size_t>(i)].margin < kTryMargin) uncertain.push_back(i);
        }
        std::sort(uncertain.begin(), uncertain.end(), [&](int a, int b) { return ranks[static_cast<std::size_t>(a)].margin < ranks[static_cast<std::size_t>(b)].margin; });
        // Only when a single covered position is in doubt: two doubtful characters could cancel out in
        // the modulo-10 sums (for example P->N with 0->O in a document number), so nothing is guessed.
        if (uncertain.size() > 1) uncertain.clear();
        std::set<std::vector<std::string>> valid;
        for (const int i : uncertain) {
            auto candidate = lines;
            candidate[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)] = ranks[static_cast<std::size_t>(i)].second;
            if (analyseMrz(candidate, strict).valid()) valid.insert(candidate);
        }
        if (valid.size() != 1) {
            std::string reason = report.errors.empty() ? "the lines do not parse" : report.errors.front().describe();
            if (valid.size() > 1) reason = "several corrections validate (" + reason + ")";
            return std::unexpected(unreadable("check digits do not validate: " + reason));
        }
        lines = *valid.begin();
        reading.lines = lines;
        report = analyseMrz(lines, strict);
    }
    OcrResult result;
    for (int i = 0; i < lineCount * length; ++i) {
        const auto& pos = layout[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
        const auto& r = ranks[static_cast<std::size_t>(i)];
        const char chosen = lines[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
        const float score = chosen == r.best ? r.score : r.score - r.margin;
        const float margin = chosen == r.best ? r.margin : 0.0f;
        if (pos.covered ? (score < kMinScoreCovered || (chosen == r.best && margin < kMinMarginCovered))
                        : (score < kMinScoreUncovered || margin < kMinMarginUncovered)) {
            return std::unexpected(unreadable("low confidence at " + describePosition(i / length, i % length) +
                                              (pos.covered ? "" : ", a position no check digit covers")));
        }
        result.confidences.push_back(std::clamp(score, 0.0f, 1.0f));
    }
    result.lines = lines;
    return result;
}

}  // namespace

kiosk::Result<MrzReader> MrzReader::create() { return MrzReader(std::make_shared<const Model>()); }

kiosk::Result<OcrResult> MrzReader::read(const kiosk::GreyImage& page, const ParseOptions& options) const {
    return readImpl(page, options, nullptr);
}

kiosk::Result<OcrResult> MrzReader::readWithStages(const kiosk::GreyImage& page, const ParseOptions& options,
                                                   OcrStages& stages) const {
    return readImpl(page, options, &stages);
}

kiosk::Result<OcrResult> MrzReader::readImpl(const kiosk::GreyImage& page, const ParseOptions& options,
                                             OcrStages* stages) const {
    const auto start = std::chrono::steady_clock::now();
    if (!page.isValid()) {
        return fail(Error::Code::InvalidInput, "the image is empty or its pixel count does not match its size", kContext);
    }
    if (page.width < 200 || page.height < 100 || page.width > 20000 || page.height > 20000) {
        return fail(Error::Code::InvalidInput,
                    "image of " + std::to_string(page.width) + "x" + std::to_string(page.height) +
                        " pixels: expected 200x100 to 20000x20000", kContext);
    }
    const cv::Mat original(page.height, page.width, CV_8U, const_cast<std::uint8_t*>(page.pixels.data()));
    cv::Mat grey = original;
    const double longSide = std::max(page.width, page.height);
    if (longSide > 1400) cv::resize(original, grey, cv::Size(), 1400 / longSide, 1400 / longSide, cv::INTER_AREA);

    const auto lines = findLines(grey, stages);
    const auto groups = groupLines(lines);
    if (groups.empty()) return std::unexpected(unreadable("no MRZ found (no 2 or 3 parallel lines of OCR text)"));

    std::optional<Error> firstError;
    int tried = 0;
    for (const auto& group : groups) {
        if (++tried > 4) break;
        const int lineCount = static_cast<int>(group.lines.size());
        const auto& first = group.lines.front();
        const auto& last = group.lines.back();
        const double height = (first.height + last.height) / 2.0;
        const double ratio = first.length() / height;
        std::vector<int> lengths;
        if (lineCount == 3) lengths = {30};
        else lengths = ratio > 39.5 ? std::vector<int>{44, 36} : std::vector<int>{36, 44};
        for (const int n : lengths) {
            // Map the first and last line's ends to the canonical band (pitch kPitch).
            const double measuredPitch = first.length() / (n - 0.25);
            const double spacing = static_cast<double>(std::abs(first.across(last.at((last.sMin + last.sMax) / 2)))) / (lineCount - 1);
            const double linePitch = spacing / measuredPitch * kPitch;
            const double margin = 1.5 * kPitch;
            const cv::Size size(static_cast<int>(n * kPitch + 2 * margin), static_cast<int>((lineCount - 1) * linePitch + 2 * margin));
            const float inset = 0.12f * kPitch;
            const cv::Point2f from[4] = {first.at(first.sMin), first.at(first.sMax), last.at(last.sMax), last.at(last.sMin)};
            const auto bottom = static_cast<float>(margin + (lineCount - 1) * linePitch);
            const auto left = static_cast<float>(margin) + inset, right = static_cast<float>(margin + n * kPitch) - inset;
            const cv::Point2f to[4] = {{left, static_cast<float>(margin)}, {right, static_cast<float>(margin)}, {right, bottom}, {left, bottom}};
            const double toWork = grey.cols / static_cast<double>(original.cols);
            cv::Point2f fromOriginal[4];
            for (int i = 0; i < 4; ++i) fromOriginal[i] = from[i] * static_cast<float>(1.0 / toWork);
            const cv::Mat h = cv::getPerspectiveTransform(fromOriginal, to);
            cv::Mat band;
            cv::warpPerspective(original, band, h, size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
            // Upright or upside down: keep the orientation the glyphs agree with better.
            Reading upright = readBand(band, lineCount, n, linePitch, margin, model_->classifier, stages != nullptr);
            Reading reading;
            if (upright.meanScore < 0.8) {
                cv::Mat turned;
                cv::rotate(band, turned, cv::ROTATE_180);
                Reading flipped = readBand(turned, lineCount, n, linePitch, margin, model_->classifier, stages != nullptr);
                reading = flipped.meanScore > upright.meanScore ? std::move(flipped) : std::move(upright);
            } else {
                reading = std::move(upright);
            }
            auto result = decide(reading, options);
            if (stages && (result || stages->lines.empty())) {
                stages->band = toGrey(reading.band);
                stages->cells = toGrey(reading.cells);
                stages->lines = reading.lines;
            }
            if (result) {
                result->milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
                return result;
            }
            if (!firstError) firstError = result.error();
        }
    }
    return std::unexpected(*firstError);
}

}  // namespace kiosk::documents::ocr
