#include "app/documents/ocr/mrz_reader.h"

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <numeric>
#include <optional>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "app/documents/country_codes.h"
#include "app/documents/ocr/cell_spacing.h"
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
constexpr double kWorkSide = 640.0;  // long side of the copy the lines are located on

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
    [[nodiscard]] float along(cv::Point2f p) const { return (p - point).dot(u); }
    [[nodiscard]] float across(cv::Point2f p) const { return -(p - point).x * u.y + (p - point).y * u.x; }
    [[nodiscard]] cv::Point2f middle() const { return at((sMin + sMax) / 2); }
};

// Fits a line (least squares) to ink points; extent and thickness from the points.
bool fitTextLine(const std::vector<cv::Point2f>& points, TextLine& line) {
    if (points.size() < 30) return false;
    cv::Vec4f fit;
    cv::fitLine(points, fit, cv::DIST_L2, 0, 0.01, 0.01);
    line.u = cv::Point2f(fit[0], fit[1]);
    if (line.u.x < 0) line.u = -line.u;
    line.point = cv::Point2f(fit[2], fit[3]);
    std::vector<float> across;
    across.reserve(points.size());
    line.sMin = 1e9f;
    line.sMax = -1e9f;
    for (const auto& p : points) {
        const float s = line.along(p);
        line.sMin = std::min(line.sMin, s);
        line.sMax = std::max(line.sMax, s);
        across.push_back(line.across(p));
    }
    const auto lo = across.begin() + static_cast<std::ptrdiff_t>(across.size() * 3 / 100);
    const auto hi = across.begin() + static_cast<std::ptrdiff_t>(across.size() * 97 / 100);
    std::nth_element(across.begin(), lo, across.end());
    const float a = *lo;
    std::nth_element(across.begin(), hi, across.end());
    line.height = *hi - a;
    return true;
}

// Two text lines that the joining closed into one piece (a smudge or a descender bridging the gap between
// the MRZ's lines on a blurred page): its ink across the fitted line has two rows with a nearly empty valley
// between. Returns the two rows' points, or nothing when the piece is one line.
std::optional<std::array<std::vector<cv::Point2f>, 2>> splitStackedLines(const std::vector<cv::Point2f>& points, const TextLine& line,
                                                                         float charHeight) {
    if (charHeight <= 0 || line.height < 1.6f * charHeight) return std::nullopt;
    std::vector<float> across;
    across.reserve(points.size());
    for (const auto& p : points) across.push_back(line.across(p));
    const auto [lo, hi] = std::minmax_element(across.begin(), across.end());
    const int bins = static_cast<int>(std::ceil(*hi - *lo)) + 1;
    std::vector<int> histogram(static_cast<std::size_t>(bins), 0);
    for (const float a : across) ++histogram[static_cast<std::size_t>(a - *lo)];
    // The valley: the emptiest row in the middle third, against the fuller row on either side of it.
    int cut = -1;
    for (int b = bins / 3; b < bins - bins / 3; ++b)
        if (cut < 0 || histogram[static_cast<std::size_t>(b)] < histogram[static_cast<std::size_t>(cut)]) cut = b;
    if (cut < 0) return std::nullopt;
    const int above = *std::max_element(histogram.begin(), histogram.begin() + cut);
    const int below = *std::max_element(histogram.begin() + cut, histogram.end());
    if (histogram[static_cast<std::size_t>(cut)] > std::min(above, below) / 4) return std::nullopt;
    std::array<std::vector<cv::Point2f>, 2> rows;
    for (std::size_t i = 0; i < points.size(); ++i) rows[across[i] - *lo < static_cast<float>(cut) ? 0 : 1].push_back(points[i]);
    return rows;
}

// A dark-text response (black-hat) with its local level evened out: glare or a light gradient can halve
// the contrast of a few characters, and one global threshold then breaks a line apart. Divided by the
// local level of the response (its local maximum, smoothed over `scale` pixels), floored at a quarter of
// the image's level so that blank paper and texture are not amplified. 8-bit in, 8-bit out.
cv::Mat evenContrast(const cv::Mat& response, int scale) {
    cv::Mat f;
    response.convertTo(f, CV_32F);
    cv::Mat sample = f.reshape(1, 1).clone();
    const int at = sample.cols * 99 / 100;
    std::nth_element(sample.ptr<float>(0), sample.ptr<float>(0) + at, sample.ptr<float>(0) + sample.cols);
    const float level = std::max(8.0f, sample.at<float>(0, at));
    cv::Mat local, small;
    cv::dilate(f, local, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(scale / 2 | 1, scale / 2 | 1)));
    cv::resize(local, small, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
    cv::GaussianBlur(small, small, cv::Size(), scale / 4.0);
    cv::resize(small, local, f.size(), 0, 0, cv::INTER_LINEAR);
    local = cv::max(local, 0.25f * level);
    cv::divide(f, local, f, level);
    cv::Mat out;
    f.convertTo(out, CV_8U);
    return out;
}

struct Piece {
    std::vector<cv::Point2f> points;
    TextLine line;
};

// Pieces of text lines made of chained characters rather than of a closing: on a blurred, low-contrast page
// turned 10-15 degrees the closing's short kernel leaves only fragments of the MRZ's lines, while the text
// mask still holds their characters one by one. Character-sized components of `text` are linked each to its
// nearest neighbour on the right (up to 2.5 heights away), first in any direction within 25 degrees of level
// to learn the page's text direction (the links' median), then again only within half a height of a line in
// that direction through the component, so that a line's last character does not link to the next line's
// (lines sit about 2 heights apart; eleventh round). Chains of at least `minChain` components become pieces
// (their text pixels), which findLines joins into lines like the closing's pieces.
std::vector<Piece> chainedPieces(const cv::Mat& text, float charHeight, int minChain) {
    std::vector<Piece> pieces;
    if (charHeight < 4) return pieces;
    // A 3x3 closing glues a blurred character's broken strokes back together (without it 7 of the 16 pages
    // with no MRZ found read instead of 9); up to 2.5 heights wide takes two characters it glued.
    cv::Mat labels, stats, centroids, glued;
    cv::morphologyEx(text, glued, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    const int n = cv::connectedComponentsWithStats(glued, labels, stats, centroids, 8, CV_32S);
    struct Blob {
        int id;
        cv::Point2f c;
        float h;
    };
    std::vector<Blob> blobs;
    for (int id = 1; id < n; ++id) {
        const auto bh = static_cast<float>(stats.at<int>(id, cv::CC_STAT_HEIGHT)), bw = static_cast<float>(stats.at<int>(id, cv::CC_STAT_WIDTH));
        // A character, a filler `<` or a character broken in two; not a run of touching characters.
        if (bh < 0.3f * charHeight || bh > 1.6f * charHeight || bw > 2.5f * charHeight) continue;
        blobs.push_back({id, cv::Point2f(static_cast<float>(centroids.at<double>(id, 0)), static_cast<float>(centroids.at<double>(id, 1))),
                         bh});
    }
    if (blobs.size() < 16) return pieces;
    std::sort(blobs.begin(), blobs.end(), [](const Blob& a, const Blob& b) { return a.c.x < b.c.x; });
    const float reach = 2.5f * charHeight;  // a character left out still links (the pitch is about one height)
    // The nearest blob to the right of each whose direction lies within `tolerance` (radians) of `angle`.
    const auto nearest = [&](double angle, double tolerance) {
        std::vector<int> next(blobs.size(), -1);
        for (std::size_t i = 0; i < blobs.size(); ++i) {
            float best = reach;
            for (std::size_t j = i + 1; j < blobs.size() && blobs[j].c.x - blobs[i].c.x <= reach; ++j) {
                const cv::Point2f d = blobs[j].c - blobs[i].c;
                const float dist = std::hypot(d.x, d.y);
                if (dist >= best || dist < 0.3f * charHeight) continue;
                if (std::max(blobs[i].h, blobs[j].h) > 2.5f * std::min(blobs[i].h, blobs[j].h)) continue;
                if (tolerance > 0) {
                    if (std::abs(std::atan2(d.y, d.x) - angle) > tolerance) continue;
                } else {  // at most half a height off the line through the blob (lines are 2 heights apart)
                    const float off = std::abs(-d.x * static_cast<float>(std::sin(angle)) + d.y * static_cast<float>(std::cos(angle)));
                    if (off > 0.5f * charHeight) continue;
                }
                best = dist;
                next[i] = static_cast<int>(j);
            }
        }
        return next;
    };
    const auto first = nearest(0.0, 25.0 * CV_PI / 180.0);
    std::vector<double> angles;
    for (std::size_t i = 0; i < blobs.size(); ++i) {
        if (first[i] < 0) continue;
        const cv::Point2f d = blobs[static_cast<std::size_t>(first[i])].c - blobs[i].c;
        angles.push_back(std::atan2(d.y, d.x));
    }
    if (angles.size() < 16) return pieces;
    std::nth_element(angles.begin(), angles.begin() + static_cast<std::ptrdiff_t>(angles.size() / 2), angles.end());
    const auto next = nearest(angles[angles.size() / 2], 0.0);
    std::vector<int> parent(blobs.size());
    std::iota(parent.begin(), parent.end(), 0);
    const std::function<int(int)> root = [&](int i) { return parent[static_cast<std::size_t>(i)] == i ? i : parent[static_cast<std::size_t>(i)] = root(parent[static_cast<std::size_t>(i)]); };
    for (std::size_t i = 0; i < blobs.size(); ++i)
        if (next[i] >= 0) parent[static_cast<std::size_t>(root(static_cast<int>(i)))] = root(next[i]);
    std::vector<std::vector<int>> chains(blobs.size());
    for (std::size_t i = 0; i < blobs.size(); ++i) chains[static_cast<std::size_t>(root(static_cast<int>(i)))].push_back(static_cast<int>(i));
    for (const auto& chain : chains) {
        if (static_cast<int>(chain.size()) < minChain) continue;
        Piece piece;
        for (const int b : chain) {
            const int id = blobs[static_cast<std::size_t>(b)].id;
            const int bx = stats.at<int>(id, cv::CC_STAT_LEFT), by = stats.at<int>(id, cv::CC_STAT_TOP);
            const int bw = stats.at<int>(id, cv::CC_STAT_WIDTH), bh = stats.at<int>(id, cv::CC_STAT_HEIGHT);
            for (int y = by; y < by + bh; ++y) {
                const int* lab = labels.ptr<int>(y);
                for (int x = bx; x < bx + bw; ++x)
                    if (lab[x] == id && text.at<std::uint8_t>(y, x)) piece.points.emplace_back(static_cast<float>(x), static_cast<float>(y));
            }
        }
        if (fitTextLine(piece.points, piece.line) && std::abs(piece.line.u.y) <= 0.42f && piece.line.length() >= 2.5f * piece.line.height)
            pieces.push_back(std::move(piece));
    }
    return pieces;
}

// Text lines of the work image (in its coordinates). The joined text of one line may fall apart into
// pieces (a gap between fillers, a glare spot): collinear pieces are merged before the length test.
// `minChain` > 0: the pieces are chains of at least that many characters (chainedPieces), not the closing's.
std::vector<TextLine> findLines(const cv::Mat& grey, OcrStages* stages, bool evened, int unitWidth, int minChain = 0) {
    const bool chained = minChain > 0;
    const int w = unitWidth;  // the page's width: a turned copy (findTurnedLines) is wider
    const double unit = w / 1000.0;  // the thresholds were set on 1000-pixel-wide pages
    const int k = std::max(5, static_cast<int>(w * 9 / 1000) | 1);
    cv::Mat smooth, blackhat, text;
    cv::GaussianBlur(grey, smooth, cv::Size(3, 3), 0);
    cv::morphologyEx(smooth, blackhat, cv::MORPH_BLACKHAT, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
    if (evened) blackhat = evenContrast(blackhat, 2 * k);
    const double otsu = cv::threshold(blackhat, text, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    if (otsu < 10) cv::threshold(blackhat, text, 10, 255, cv::THRESH_BINARY);
    // The joining kernel follows the character size: the median height of character-like components.
    const int minKw = std::max(5, static_cast<int>(9 * unit) | 1), maxKw = std::max(minKw, static_cast<int>(61 * unit) | 1);
    int kw = std::max(minKw, static_cast<int>(18 * unit) | 1);
    float charHeight = 0;  // the median height of character-like components, when there are enough
    cv::Mat labels, stats, centroids;
    {
        const int n0 = cv::connectedComponentsWithStats(text, labels, stats, centroids, 8, CV_32S);
        std::vector<int> heights;
        const int minH = std::max(4, static_cast<int>(8 * unit));
        for (int id = 1; id < n0; ++id) {
            const int ch = stats.at<int>(id, cv::CC_STAT_HEIGHT), cw = stats.at<int>(id, cv::CC_STAT_WIDTH);
            if (ch >= minH && ch <= w / 12 && cw <= 2 * ch && cw >= ch / 5) heights.push_back(ch);
        }
        if (heights.size() >= 20) {
            std::nth_element(heights.begin(), heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2), heights.end());
            charHeight = static_cast<float>(heights[heights.size() / 2]);
            kw = std::clamp(heights[heights.size() / 2] | 1, minKw, maxKw);
        }
    }
    // Pieces: elongated components of the closing's line mask at least a few characters long; chained,
    // chains of characters instead (chainedPieces), and the line mask is not made at all.
    std::vector<Piece> pieces = chained ? chainedPieces(text, charHeight, minChain) : std::vector<Piece>{};
    int count = 0;
    if (!chained) {
        cv::Mat joined;
        cv::morphologyEx(text, joined, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2, 2)));
        cv::morphologyEx(joined, joined, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kw, 3)));
        cv::morphologyEx(joined, joined, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(std::max(3, kw / 2), 3)));
        if (stages) {
            stages->textMask = toGrey(text);
            stages->lineMask = toGrey(joined);
        }
        count = cv::connectedComponentsWithStats(joined, labels, stats, centroids, 8, CV_32S);
    }
    const int minPiece = 2 * kw;
    for (int id = 1; id < count; ++id) {
        const int bw = stats.at<int>(id, cv::CC_STAT_WIDTH), bh = stats.at<int>(id, cv::CC_STAT_HEIGHT);
        if (std::max(bw, bh) < minPiece || bh > bw) continue;
        const int bx = stats.at<int>(id, cv::CC_STAT_LEFT), by = stats.at<int>(id, cv::CC_STAT_TOP);
        Piece piece;
        for (int y = by; y < by + bh; ++y) {
            const int* lab = labels.ptr<int>(y);
            const std::uint8_t* t = text.ptr<std::uint8_t>(y);
            for (int x = bx; x < bx + bw; ++x) {
                if (lab[x] == id && t[x]) piece.points.emplace_back(static_cast<float>(x), static_cast<float>(y));
            }
        }
        if (!fitTextLine(piece.points, piece.line)) continue;
        // Kept when it runs along the page (under about 25 degrees) and is longer than thick.
        const auto keep = [&](Piece&& kept) {
            if (std::abs(kept.line.u.y) <= 0.42f && kept.line.length() >= 2.5f * kept.line.height) pieces.push_back(std::move(kept));
        };
        if (auto rows = splitStackedLines(piece.points, piece.line, charHeight)) {
            for (auto& row : *rows) {
                Piece part;
                part.points = std::move(row);
                if (fitTextLine(part.points, part.line)) keep(std::move(part));
            }
        } else {
            keep(std::move(piece));
        }
    }
    // Merge collinear pieces separated by a short gap, or overlapping (union-find). Two pieces of one line
    // can overlap: a perspective-skewed line whose characters broke apart under the closing (a card's
    // third line came as two pieces 25 pixels into each other). Both ends within half a line height of
    // the longer piece's line keep lines above or below out.
    std::vector<int> parent(pieces.size());
    std::iota(parent.begin(), parent.end(), 0);
    const std::function<int(int)> root = [&](int i) { return parent[static_cast<std::size_t>(i)] == i ? i : parent[static_cast<std::size_t>(i)] = root(parent[static_cast<std::size_t>(i)]); };
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        for (std::size_t j = 0; j < pieces.size(); ++j) {
            if (i == j) continue;
            const auto& a = pieces[i].line;
            const auto& b = pieces[j].line;
            if (a.length() < b.length()) continue;  // measure from the longer piece
            if (std::abs(a.u.x * b.u.y - a.u.y * b.u.x) > 0.08f) continue;
            const float h = std::max(a.height, b.height);
            // Chains' pieces are shorter and their fitted directions less sure: 0.8 of a height (pages 278
            // and 177 of the tuning sets: a line's two chains 0.5-0.7 heights apart at their far ends).
            const float off = chained ? 0.8f * h : 0.5f * h;
            if (std::abs(a.across(b.at(b.sMin))) > off || std::abs(a.across(b.at(b.sMax))) > off) continue;
            const float bs = a.along(b.at(b.sMin)), be = a.along(b.at(b.sMax));
            const float gap = std::max(bs - a.sMax, a.sMin - be);
            if (gap > 12.0f * h) continue;
            parent[static_cast<std::size_t>(root(static_cast<int>(j)))] = root(static_cast<int>(i));
        }
    }
    std::vector<TextLine> lines;
    const float minLength = static_cast<float>(w) / 4.0f;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (root(static_cast<int>(i)) != static_cast<int>(i)) continue;
        std::vector<cv::Point2f> points;
        for (std::size_t j = 0; j < pieces.size(); ++j) {
            if (root(static_cast<int>(j)) == static_cast<int>(i)) points.insert(points.end(), pieces[j].points.begin(), pieces[j].points.end());
        }
        TextLine line;
        if (!fitTextLine(points, line)) continue;
        if (std::abs(line.u.y) > 0.42f) continue;  // steeper than about 25 degrees
        if (line.length() < minLength || line.height < 3 || line.length() < 12 * line.height) continue;
        lines.push_back(line);
    }
    return lines;
}

// Lines found on the work image turned by `degrees` about its centre, in the work image's coordinates. The
// lines are joined by a horizontal closing: on a page turned by 15 degrees or more, with perspective and
// large print, it joins the MRZ's lines to one another instead; turned back near level they come apart.
std::vector<TextLine> findTurnedLines(const cv::Mat& work, double degrees, bool evened) {
    const int side = static_cast<int>(std::ceil(std::hypot(work.cols, work.rows)));
    cv::Mat rotation = cv::getRotationMatrix2D(cv::Point2f(static_cast<float>(work.cols) / 2, static_cast<float>(work.rows) / 2), degrees, 1.0);
    rotation.at<double>(0, 2) += (side - work.cols) / 2.0;
    rotation.at<double>(1, 2) += (side - work.rows) / 2.0;
    cv::Mat turned;
    // Outside the page: its mean grey (replicated borders would draw streaks that read as text).
    cv::warpAffine(work, turned, rotation, cv::Size(side, side), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::mean(work));
    auto lines = findLines(turned, nullptr, evened, work.cols);
    cv::Mat back;
    cv::invertAffineTransform(rotation, back);
    const cv::Matx23d b(back);
    for (auto& line : lines) {
        line.point = cv::Point2f(static_cast<float>(b(0, 0) * line.point.x + b(0, 1) * line.point.y + b(0, 2)),
                                 static_cast<float>(b(1, 0) * line.point.x + b(1, 1) * line.point.y + b(1, 2)));
        line.u = cv::Point2f(static_cast<float>(b(0, 0) * line.u.x + b(0, 1) * line.u.y), static_cast<float>(b(1, 0) * line.u.x + b(1, 1) * line.u.y));
        if (line.u.x < 0) {
            line.u = -line.u;
            line.sMin = -line.sMin;
            line.sMax = -line.sMax;
            std::swap(line.sMin, line.sMax);
        }
    }
    return lines;
}

constexpr float kMinPartialRatio = 0.5f;  // a line found in part: at least half the whole line's length

struct Group {
    std::vector<TextLine> lines;  // top to bottom (in image orientation)
    double score = 0;
    // How far (work pixels) the lines' ends may be off beyond their spread: ends measured again by
    // extendedGroup may overshoot the first or last character by a pitch or two.
    float endSlack = 0;
};

// A line found only in part (the fillers' end of an MRZ line, its first characters too faint or too broken
// to join) beside a whole one: since every line of an MRZ has the same length, it takes the whole line's
// ends. Tried after the other searches; every check of the reading still applies.
void extendToLongest(Group& group) {
    const auto longest = std::max_element(group.lines.begin(), group.lines.end(),
                                          [](const TextLine& a, const TextLine& b) { return a.length() < b.length(); });
    const TextLine whole = *longest;
    for (auto& line : group.lines) {
        line.sMin = std::min(line.sMin, line.along(whole.at(whole.sMin)));
        line.sMax = std::max(line.sMax, line.along(whole.at(whole.sMax)));
    }
}

// Sets of 2 or 3 parallel, evenly spaced lines of similar length: MRZ candidates, best first. `partial`:
// lines of unequal length are grouped when the shorter lies within the longer's extent (extendToLongest).
std::vector<Group> groupLines(std::vector<TextLine> lines, bool partial = false) {
    std::vector<Group> groups;
    if (lines.size() < 2) return groups;
    const cv::Point2f ref = lines[0].u;
    const cv::Point2f normal(-ref.y, ref.x);
    std::sort(lines.begin(), lines.end(), [&](const TextLine& a, const TextLine& b) {
        return a.middle().dot(normal) < b.middle().dot(normal);
    });
    const auto compatible = [partial](const TextLine& a, const TextLine& b) {
        if (std::abs(a.u.x * b.u.y - a.u.y * b.u.x) > 0.09f) return false;  // about 5 degrees
        const float ratio = std::min(a.length(), b.length()) / std::max(a.length(), b.length());
        if (ratio < (partial ? kMinPartialRatio : 0.8f)) return false;
        const cv::Point2f mb = b.middle();
        const float gap = std::abs(a.across(mb));
        const float h = (a.height + b.height) / 2;
        if (gap < 1.2f * h || gap > 3.2f * h) return false;
        if (partial) {  // the shorter within the longer's extent
            const TextLine& longer = a.length() >= b.length() ? a : b;
            const TextLine& shorter = a.length() >= b.length() ? b : a;
            const float slack = 0.05f * longer.length();
            return longer.along(shorter.at(shorter.sMin)) > longer.sMin - slack && longer.along(shorter.at(shorter.sMax)) < longer.sMax + slack;
        }
        const float along = (mb - a.middle()).dot(a.u);
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
    if (partial) std::for_each(groups.begin(), groups.end(), extendToLongest);
    // Three-line groups first (a TD1 card also contains two-line subsets), then longer lines.
    std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
        if (a.lines.size() != b.lines.size()) return a.lines.size() > b.lines.size();
        return a.score > b.score;
    });
    return groups;
}

// --- rectifying: the band, its character grid and the refit ---------------------------------------

constexpr double kMarginX = 4.0 * kPitch;  // room around the characters in a band
constexpr double kMarginY = 1.5 * kPitch;

struct BandLayout {
    int lines = 2, length = 44;
    double linePitch = 28;  // canonical distance between line centres
    [[nodiscard]] cv::Size size() const {
        return {static_cast<int>(length * kPitch + 2 * kMarginX), static_cast<int>((lines - 1) * linePitch + 2 * kMarginY + 0.5)};
    }
    [[nodiscard]] double lineY(int l) const { return kMarginY + l * linePitch; }
    [[nodiscard]] double cellX(double i) const { return kMarginX + i * kPitch; }  // i: boundary index, i + 0.5 the centre
};

// Dark-ink intensity (ink high, paper 0) of a band, faint texture removed.
cv::Mat inkOf(const cv::Mat& bandGrey) {
    cv::Mat ink, soft;
    // A little blur first: a sharp capture then looks like the (blurred) templates, and noise drops.
    cv::GaussianBlur(bandGrey, soft, cv::Size(), 0.6);
    cv::morphologyEx(soft, ink, cv::MORPH_BLACKHAT, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(25, 25)));
    ink.convertTo(ink, CV_32F);
    cv::Mat sample = ink.reshape(1, 1).clone();
    const int at = sample.cols * 97 / 100;
    std::nth_element(sample.ptr<float>(0), sample.ptr<float>(0) + at, sample.ptr<float>(0) + sample.cols);
    const float strokeLevel = std::max(1.0f, sample.at<float>(0, at));
    // Glare and a light gradient scale the ink's contrast over a few characters: divided by the local
    // stroke level (the ink's local maximum, smoothed over about two pitches), a washed-out character
    // weighs as much as a dark one in the grid fits and keeps its thin strokes above the floor below.
    // Not below a quarter of the band's level, so that blank paper and texture are not amplified.
    cv::Mat local;
    cv::dilate(ink, local, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kPitch / 2 + 1, kPitch + 1)));
    // The wide blur on a copy a quarter the size: the level changes slowly, and a full-size blur of
    // sigma 24 costs several milliseconds.
    cv::Mat small;
    cv::resize(local, small, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
    // Averaged over where there is ink only: the empty paper before a line's first character (and around
    // the band) diluted the level there, and the first glyph's outer stroke was raised more than its inner.
    cv::Mat mask = cv::Mat(small > 0.1f * strokeLevel), weight;
    mask.convertTo(weight, CV_32F, 1.0 / 255.0);
    cv::Mat masked = small.mul(weight);
    cv::GaussianBlur(masked, masked, cv::Size(), 1.5 * kPitch / 4.0);
    cv::GaussianBlur(weight, weight, cv::Size(), 1.5 * kPitch / 4.0);
    cv::divide(masked, cv::max(weight, 0.05f), small);
    cv::resize(small, local, ink.size(), 0, 0, cv::INTER_LINEAR);
    // Only raised, never lowered, and relative to the band's own high local level: an evenly lit band
    // keeps its ink as it was (raising all of it raised its noise too, and mild pages lost I/L/K to it).
    cv::Mat levels = local.reshape(1, 1).clone();
    const int high = levels.cols * 90 / 100;
    std::nth_element(levels.ptr<float>(0), levels.ptr<float>(0) + high, levels.ptr<float>(0) + levels.cols);
    const float typical = std::max(1.0f, levels.at<float>(0, high));
    cv::Mat gain;
    cv::divide(typical, cv::max(local, 0.25f * typical), gain);
    ink = ink.mul(cv::max(gain, 1.0f));
    // Faint texture (guilloche, laminate, noise) below a share of the stroke level is not ink.
    ink -= 0.3f * strokeLevel;
    return cv::max(ink, 0.0f);
}

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

// One line of a band: its centre line and the column profile of its ink.
struct LineTrace {
    double yl = 0, yr = 0, xl = 0, xr = 1;
    std::vector<float> profile;  // smoothed column sums of ink around the centre line
    [[nodiscard]] double yAt(double x) const { return yl + (yr - yl) * (x - xl) / (xr - xl); }
};

LineTrace traceLine(const cv::Mat& ink, double nominalY, double halfSpan, int x0, int x1) {
    LineTrace t;
    const auto [yl, yr] = lineCentre(ink, nominalY, halfSpan, x0, x1);
    t.yl = yl;
    t.yr = yr;
    t.xl = x0 + 0.25 * (x1 - x0);
    t.xr = x0 + 0.75 * (x1 - x0);
    std::vector<float> profile(static_cast<std::size_t>(ink.cols), 0.0f);
    for (int x = 0; x < ink.cols; ++x) {
        const int yc = static_cast<int>(std::lround(t.yAt(x)));
        for (int y = std::max(0, yc - 8); y <= std::min(ink.rows - 1, yc + 8); ++y) profile[static_cast<std::size_t>(x)] += ink.at<float>(y, x);
    }
    t.profile.assign(profile.size(), 0.0f);
    for (std::size_t x = 1; x + 1 < profile.size(); ++x) t.profile[x] = (profile[x - 1] + profile[x] + profile[x + 1]) / 3;
    return t;
}

// The character grid of a line: boundary t (0..n) at x = offset + pitch t + bend t (t - n).
struct Grid {
    double offset = 0, pitch = kPitch, bend = 0;
    [[nodiscard]] double x(double t, int n) const { return offset + pitch * t + bend * t * (t - n); }
};

// Fits the grid to a profile: ink in the n cells, little at their boundaries, none in the cell just
// before the first and just after the last (that pins the count: a grid one cell off pays for it).
// Searched around `around`: offset +- offsetRange pixels, pitch +- pitchRange (relative), bend moving the
// middle of the line +- bendRange pixels; coarse to fine.
Grid fitGrid(const std::vector<float>& profile, int n, const Grid& around, double offsetRange, double pitchRange, double bendRange) {
    const auto sample = [&](double x) {
        const int i = static_cast<int>(std::floor(x));
        if (i < 0 || i + 1 >= static_cast<int>(profile.size())) return 0.0f;
        const float f = static_cast<float>(x - i);
        return profile[static_cast<std::size_t>(i)] * (1 - f) + profile[static_cast<std::size_t>(i) + 1] * f;
    };
    const auto score = [&](const Grid& g) {
        double s = 0;
        for (int i = 0; i < n; ++i) s += sample(g.x(i + 0.5, n)) - sample(g.x(i, n));
        s -= sample(g.x(n, n));
        s -= 2.0 * (sample(g.x(-0.5, n)) + sample(g.x(n + 0.5, n)));
        return s;
    };
    const double bendUnit = 4.0 / (static_cast<double>(n) * n);  // moves the middle of the line by one pixel
    Grid best = around;
    double bestScore = score(best);
    const auto search = [&](double dOffset, double offsetStep, double dPitch, double pitchStep, double dBend, double bendStep) {
        const Grid c = best;
        for (double b = -dBend; b <= dBend + 1e-9; b += bendStep) {
            for (double p = -dPitch; p <= dPitch + 1e-9; p += pitchStep) {
                for (double o = -dOffset; o <= dOffset + 1e-9; o += offsetStep) {
                    const Grid g{c.offset + o, c.pitch * (1 + p), c.bend + b * bendUnit};
                    const double s = score(g);
                    if (s > bestScore) {
                        bestScore = s;
                        best = g;
                    }
                }
            }
        }
    };
    search(offsetRange, offsetRange > 8 ? 0.5 : 0.25, pitchRange, std::max(0.0025, pitchRange / 12), 0, 1);
    if (bendRange > 0) search(1.0, 0.5, std::min(pitchRange, 0.005), 0.0025, bendRange, std::max(0.5, bendRange / 8));
    if (pitchRange > 0) search(0.5, 0.25, std::min(pitchRange, 0.003), 0.001, bendRange > 0 ? 1.0 : 0.0, 0.5);
    return best;
}

// A half line's grid: x = anchorX + pitch (t - anchor) for the cells [from, to), the line's end at
// `anchor` (0 or n) pinned by an empty cell beyond it. Searched over anchorX +- range, pitch +- pitchRange.
std::pair<double, double> fitHalf(const std::vector<float>& profile, int from, int to, int anchor, double anchorX, double range,
                                  double pitchRange) {
    const auto sample = [&](double x) {
        const int i = static_cast<int>(std::floor(x));
        if (i < 0 || i + 1 >= static_cast<int>(profile.size())) return 0.0f;
        const float f = static_cast<float>(x - i);
        return profile[static_cast<std::size_t>(i)] * (1 - f) + profile[static_cast<std::size_t>(i) + 1] * f;
    };
    double bestScore = -1e30, bestX = anchorX, bestPitch = kPitch;
    const double beyond = anchor == from ? from - 0.5 : to + 0.5;
    const auto search = [&](double cx, double dx, double xStep, double cp, double dp, double pStep) {
        for (double p = cp * (1 - dp); p <= cp * (1 + dp) + 1e-9; p += pStep * cp) {
            for (double ax = cx - dx; ax <= cx + dx + 1e-9; ax += xStep) {
                // The empty cell that pins the end must lie in the band: off its edge it would pin nothing.
                const double pin = ax + p * (beyond - anchor);
                if (pin < 1 || pin > static_cast<double>(profile.size()) - 2) continue;
                double s = 0;
                for (int i = from; i < to; ++i) s += sample(ax + p * (i + 0.5 - anchor)) - sample(ax + p * (i - anchor));
                s -= sample(ax + p * (to - anchor));
                s -= 2.0 * sample(ax + p * (beyond - anchor));
                if (s > bestScore) {
                    bestScore = s;
                    bestX = ax;
                    bestPitch = p;
                }
            }
        }
    };
    search(anchorX, range, 0.5, kPitch, pitchRange, 0.004);
    search(bestX, 0.5, 0.25, bestPitch, 0.004, 0.001);
    return {bestX, bestPitch};
}

// The grid of a line whose ends are known to within startRange / endRange pixels and whose pitch may
// change along the line (perspective): each half fitted on its own, pinned by its end, then one bent grid
// through both.
Grid fitLineGrid(const std::vector<float>& profile, int n, double startX, double endX, double startRange, double endRange) {
    const int mid = n / 2;
    const auto [lx, lp] = fitHalf(profile, 0, mid, 0, startX, startRange, 0.14);
    const auto [rx, rp] = fitHalf(profile, mid, n, n, endX, endRange, 0.14);
    // Least squares x(t) = o + p t + b t (t - n) through both halves' boundaries.
    cv::Mat a(n + 1, 3, CV_64F), y(n + 1, 1, CV_64F);
    for (int t = 0; t <= n; ++t) {
        a.at<double>(t, 0) = 1;
        a.at<double>(t, 1) = t;
        a.at<double>(t, 2) = static_cast<double>(t) * (t - n);
        y.at<double>(t) = t <= mid ? lx + lp * t : rx - rp * (n - t);
    }
    cv::Mat g;
    cv::solve(a, y, g, cv::DECOMP_SVD);
    return fitGrid(profile, n, Grid{g.at<double>(0), g.at<double>(1), g.at<double>(2)}, 2.0, 0.01, 2.0);
}

// Least-squares homography mapping `from` (a band: points on two or three lines) to `to` (the image),
// direct linear transform with normalised coordinates. The band's perspective is modelled along its
// length only (the denominator does not depend on `from`'s y): two or three lines cannot measure it
// across, and a free term there distorts the band between and around them.
std::optional<cv::Matx33d> fitHomography(const std::vector<cv::Point2d>& from, const std::vector<cv::Point2d>& to) {
    if (from.size() < 4 || from.size() != to.size()) return std::nullopt;
    const auto normaliser = [](const std::vector<cv::Point2d>& p) {
        cv::Point2d mean(0, 0);
        for (const auto& q : p) mean += q;
        mean *= 1.0 / static_cast<double>(p.size());
        double spread = 0;
        for (const auto& q : p) spread += cv::norm(q - mean);
        spread = std::max(1e-9, spread / static_cast<double>(p.size()));
        const double s = std::sqrt(2.0) / spread;
        return cv::Matx33d(s, 0, -s * mean.x, 0, s, -s * mean.y, 0, 0, 1);
    };
    const cv::Matx33d nf = normaliser(from), nt = normaliser(to);
    const int count = static_cast<int>(from.size());
    cv::Mat a(2 * count, 7, CV_64F), b(2 * count, 1, CV_64F);
    for (int i = 0; i < count; ++i) {
        const cv::Vec3d p = nf * cv::Vec3d(from[static_cast<std::size_t>(i)].x, from[static_cast<std::size_t>(i)].y, 1);
        const cv::Vec3d q = nt * cv::Vec3d(to[static_cast<std::size_t>(i)].x, to[static_cast<std::size_t>(i)].y, 1);
        const double x = p[0], y = p[1], u = q[0], v = q[1];
        double* r0 = a.ptr<double>(2 * i);
        double* r1 = a.ptr<double>(2 * i + 1);
        r0[0] = x; r0[1] = y; r0[2] = 1; r0[3] = 0; r0[4] = 0; r0[5] = 0; r0[6] = -x * u;
        r1[0] = 0; r1[1] = 0; r1[2] = 0; r1[3] = x; r1[4] = y; r1[5] = 1; r1[6] = -x * v;
        b.at<double>(2 * i) = u;
        b.at<double>(2 * i + 1) = v;
    }
    cv::Mat h;
    if (!cv::solve(a, b, h, cv::DECOMP_SVD)) return std::nullopt;
    const cv::Matx33d hn(h.at<double>(0), h.at<double>(1), h.at<double>(2), h.at<double>(3), h.at<double>(4), h.at<double>(5),
                         h.at<double>(6), 0.0, 1.0);
    return nt.inv() * hn * nf;
}

cv::Point2d apply(const cv::Matx33d& h, cv::Point2d p) {
    const cv::Vec3d q = h * cv::Vec3d(p.x, p.y, 1);
    return {q[0] / q[2], q[1] / q[2]};
}

// --- reading a rectified band --------------------------------------------------------------------

struct LineScale {  // a line's glyphs against the templates: the median ratio of heights and of widths
    float height = 0, width = 0;
};

struct Reading {
    std::vector<std::string> lines;
    std::vector<ClassScores> scores;  // per cell, line by line
    cv::Mat features;                 // per cell, the classifier's feature row
    double meanScore = 0;
    cv::Mat band, cells;
    // Per cell: the class the re-centring chose among a close call's two best, or 0 (recentreCloseCalls).
    std::vector<char> recentred;
    // Per line: the vertical scale its windows were sampled at (classifyCells).
    std::vector<float> verticalScales;
    // Per cell: the x its window was centred on (the cell's own ink), in band pixels.
    std::vector<float> inkCentres;
};
LineScale lineScale(const Reading& reading, const detail::GlyphClassifier& classifier, int line, int length);

// A grid slip to try when the first reading does not validate: the line's first and last cell boundaries
// moved by whole pitches (the cells between stretched evenly). On hard pages a glare spot or a faint first
// character lets the grid fit lose or gain a cell at one end of a line; the rest of the line then drifts.
struct Slip {
    int left = 0, right = 0;  // pitches
};

// Cell centres of a canonical band (line by line), after a small per-line grid refinement; `slips`, when
// given, one per line.
std::vector<cv::Point2f> cellCentres(const cv::Mat& ink, const BandLayout& layout, const std::vector<Slip>* slips = nullptr) {
    std::vector<cv::Point2f> centres;
    const int x0 = static_cast<int>(layout.cellX(0)), x1 = static_cast<int>(layout.cellX(layout.length));
    for (int l = 0; l < layout.lines; ++l) {
        const LineTrace trace = traceLine(ink, layout.lineY(l), 0.5 * layout.linePitch, x0, x1);
        Grid grid = fitGrid(trace.profile, layout.length, Grid{layout.cellX(0), kPitch, 0}, 2.0, 0.01, 0.0);
        if (slips) {
            const Slip slip = (*slips)[static_cast<std::size_t>(l)];
            const double width = grid.pitch * layout.length + grid.pitch * (slip.right - slip.left);
            grid.offset += grid.pitch * slip.left;
            grid.pitch = width / layout.length;
        }
        // Each cell's own small correction: the shift that puts its two boundaries on gaps, smoothed over
        // five neighbours (a residual bend of the band; no single cell jumps on its own).
        const auto sample = [&](double x) {
            const int k = static_cast<int>(std::floor(x));
            if (k < 0 || k + 1 >= static_cast<int>(trace.profile.size())) return 0.0f;
            const float f = static_cast<float>(x - k);
            return trace.profile[static_cast<std::size_t>(k)] * (1 - f) + trace.profile[static_cast<std::size_t>(k) + 1] * f;
        };
        std::vector<double> shifts;
        for (int i = 0; i < layout.length; ++i) {
            double best = 0, bestCost = 1e30;
            for (double d = -3.0; d <= 3.0 + 1e-9; d += 0.5) {
                const double cost = sample(grid.x(i, layout.length) + d) + sample(grid.x(i + 1, layout.length) + d) -
                                    sample(grid.x(i + 0.5, layout.length) + d) + 0.02 * std::abs(d) * sample(grid.x(i + 0.5, layout.length));
                if (cost < bestCost) {
                    bestCost = cost;
                    best = d;
                }
            }
            shifts.push_back(best);
        }
        for (int i = 0; i < layout.length; ++i) {
            std::vector<double> near;
            for (int k = std::max(0, i - 2); k <= std::min(layout.length - 1, i + 2); ++k) near.push_back(shifts[static_cast<std::size_t>(k)]);
            std::nth_element(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(near.size() / 2), near.end());
            const double cx = grid.x(i + 0.5, layout.length) + near[near.size() / 2];
            centres.emplace_back(static_cast<float>(cx), static_cast<float>(trace.yAt(cx)));
        }
    }
    return centres;
}

Reading classifyCells(const cv::Mat& ink, const std::vector<cv::Point2f>& centres, const BandLayout& layout,
                      const detail::GlyphClassifier& classifier, const std::vector<int>* subset);
Result<OcrResult> decide(Reading& reading, const detail::GlyphClassifier& classifier, const ParseOptions& options);

// `base` with line `line` taken from `other` (the same band classified under another grid).
Reading withLineFrom(const Reading& base, const Reading& other, int line, int length) {
    Reading r;
    r.lines = base.lines;
    r.lines[static_cast<std::size_t>(line)] = other.lines[static_cast<std::size_t>(line)];
    r.scores = base.scores;
    std::copy_n(other.scores.begin() + line * length, length, r.scores.begin() + line * length);
    r.features = base.features.clone();
    other.features.rowRange(line * length, (line + 1) * length).copyTo(r.features.rowRange(line * length, (line + 1) * length));
    r.meanScore = base.meanScore;
    r.inkCentres = base.inkCentres;
    if (other.inkCentres.size() == r.inkCentres.size())
        std::copy_n(other.inkCentres.begin() + line * length, length, r.inkCentres.begin() + line * length);
    r.verticalScales = base.verticalScales;
    if (static_cast<std::size_t>(line) < other.verticalScales.size() && static_cast<std::size_t>(line) < r.verticalScales.size())
        r.verticalScales[static_cast<std::size_t>(line)] = other.verticalScales[static_cast<std::size_t>(line)];
    return r;
}

constexpr float kMinRescale = 0.03f;  // a line's height ratio this far from 1 is sampled again

Reading classifyCells(const cv::Mat& ink, const std::vector<cv::Point2f>& centres, const BandLayout& layout,
                      const detail::GlyphClassifier& classifier, const std::vector<int>* subset) {
    Reading reading;
    std::vector<cv::Mat> windows;
    std::vector<int> indices;
    if (subset) indices = *subset;
    else {
        indices.resize(centres.size());
        std::iota(indices.begin(), indices.end(), 0);
    }
    reading.inkCentres.resize(indices.size());
    for (std::size_t k = 0; k < indices.size(); ++k)
        windows.push_back(classifier.window(ink, centres[static_cast<std::size_t>(indices[k])], {}, 1.0f, &reading.inkCentres[k]));
    reading.features = detail::GlyphClassifier::features(windows);
    reading.scores = classifier.classify(reading.features);
    double total = 0;
    for (const auto& s : reading.scores) total += static_cast<double>(*std::max_element(s.begin(), s.end()));
    reading.meanScore = total / static_cast<double>(std::max<std::size_t>(1, reading.scores.size()));
    if (subset) return reading;
    // Hard captures leave a line's glyphs up to 10 % taller or shorter than the templates (p5-p95 of the
    // bench's hard lines: 0.90-1.10), and OCR-B's 0 and O differ by 11 % in height: such a line is sampled
    // again with its rows that far apart.
    reading.verticalScales.assign(static_cast<std::size_t>(layout.lines), 1.0f);
    for (int l = 0; l < layout.lines; ++l) {
        const float scale = lineScale(reading, classifier, l, layout.length).height;
        if (scale <= 0 || std::abs(scale - 1.0f) < kMinRescale) continue;
        std::vector<cv::Mat> again;
        for (int c = 0; c < layout.length; ++c)
            again.push_back(classifier.window(ink, centres[static_cast<std::size_t>(l * layout.length + c)], {}, scale,
                                              &reading.inkCentres[static_cast<std::size_t>(l * layout.length + c)]));
        const cv::Mat features = detail::GlyphClassifier::features(again);
        const auto scores = classifier.classify(features);
        features.copyTo(reading.features.rowRange(l * layout.length, (l + 1) * layout.length));
        std::copy(scores.begin(), scores.end(), reading.scores.begin() + l * layout.length);
        std::copy(again.begin(), again.end(), windows.begin() + l * layout.length);
        reading.verticalScales[static_cast<std::size_t>(l)] = scale;
    }
    for (int l = 0; l < layout.lines; ++l) {
        std::string text;
        for (int i = 0; i < layout.length; ++i) {
            const auto& s = reading.scores[static_cast<std::size_t>(l * layout.length + i)];
            text += kClasses[static_cast<std::size_t>(std::max_element(s.begin(), s.end()) - s.begin())];
        }
        reading.lines.push_back(text);
    }
    reading.cells = cv::Mat(layout.lines * (detail::kWindowH + 2), layout.length * (detail::kWindowW + 2), CV_32F, cv::Scalar(0));
    for (std::size_t i = 0; i < windows.size(); ++i) {
        const int l = static_cast<int>(i) / layout.length, c = static_cast<int>(i) % layout.length;
        windows[i].copyTo(reading.cells(cv::Rect(c * (detail::kWindowW + 2), l * (detail::kWindowH + 2), detail::kWindowW, detail::kWindowH)));
    }
    return reading;
}

// Rectifies a candidate group for n characters per line: a first band (a rectangle along the lines), the
// character grid in it, then a homography refitted to all the characters' centres and a new band, until
// the cells sit within a pixel of their canonical places (at most three bands). Returns the canonical
// band -> image homography; `layout` gets the measured line pitch.
std::optional<cv::Matx33d> rectify(const cv::Mat& original, const Group& group, double toOriginal, int n, BandLayout& layout) {
    const int lineCount = static_cast<int>(group.lines.size());
    const auto& first = group.lines.front();
    const auto& last = group.lines.back();
    layout.lines = lineCount;
    layout.length = n;
    const double measuredPitch = first.length() / (n - 0.25);
    const double spacing = static_cast<double>(std::abs(first.across(last.middle()))) / (lineCount - 1);
    layout.linePitch = spacing / measuredPitch * kPitch;
    const float inset = 0.12f * kPitch;
    const auto f = static_cast<float>(toOriginal);
    // The first band is a rectangle in the image: along the lines' mean direction, from the mean of their
    // starts to the mean of their ends. Two lines' small difference in angle is mostly noise (on a 30:1
    // band it would become a strong change of pitch along the line), and one line's end may carry a
    // neighbouring blob (a shear); the grid fits below find the real starts and the perspective.
    cv::Point2f u(0, 0);
    for (const auto& line : group.lines) u += line.u * line.length();
    u *= 1.0f / static_cast<float>(cv::norm(u));
    const cv::Point2f across(-u.y, u.x);
    const cv::Point2f origin = first.middle();
    float startSum = 0, endSum = 0;
    for (const auto& line : group.lines) {
        startSum += (line.at(line.sMin) - origin).dot(u);
        endSum += (line.at(line.sMax) - origin).dot(u);
    }
    const float s0 = startSum / static_cast<float>(lineCount), s1 = endSum / static_cast<float>(lineCount);
    // How far one line's end strays from the mean: glare or faint ink can cost a line its first or last
    // few characters (seen: four pitches on hard pages); the first grid fit searches that far, and
    // `endSlack` further.
    float startSpread = 0, endSpread = 0;
    for (const auto& line : group.lines) {
        startSpread = std::max(startSpread, group.endSlack + std::abs((line.at(line.sMin) - origin).dot(u) - s0));
        endSpread = std::max(endSpread, group.endSlack + std::abs((line.at(line.sMax) - origin).dot(u) - s1));
    }
    const float a1 = (last.middle() - origin).dot(across);
    const cv::Point2f tl = (origin + s0 * u) * f, tr = (origin + s1 * u) * f;
    const cv::Point2f bl = (origin + s0 * u + a1 * across) * f, br = (origin + s1 * u + a1 * across) * f;
    const cv::Point2f from[4] = {tl, tr, br, bl};
    const auto top = static_cast<float>(layout.lineY(0)), bottom = static_cast<float>(layout.lineY(lineCount - 1));
    const auto left = static_cast<float>(layout.cellX(0)) + inset, right = static_cast<float>(layout.cellX(n)) - inset;
    const cv::Point2f to[4] = {{left, top}, {right, top}, {right, bottom}, {left, bottom}};
    const cv::Matx33d h1 = cv::getPerspectiveTransform(from, to);
    // Refit twice: from the first band (line ends), then from the band of the first refit.
    cv::Matx33d bandToImage = h1.inv();
    for (int pass = 0; pass < 3; ++pass) {
        cv::Mat band;
        cv::warpPerspective(original, band, bandToImage, layout.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
        const cv::Mat ink = inkOf(band);
        const int x0 = static_cast<int>(layout.cellX(0)), x1 = static_cast<int>(layout.cellX(n));
        std::vector<LineTrace> traces;
        std::vector<float> joint(static_cast<std::size_t>(ink.cols), 0.0f);
        for (int l = 0; l < lineCount; ++l) {
            traces.push_back(traceLine(ink, layout.lineY(l), 0.5 * layout.linePitch, x0, x1));
            for (std::size_t x = 0; x < joint.size(); ++x) joint[x] += traces.back().profile[x];
        }
        // The lines are printed left-aligned at one pitch: one grid for all (the count pinned by every
        // line at once), then each line's own small correction.
        const Grid canonicalGrid{layout.cellX(0), kPitch, 0};
        const double bandPerWork = (right - left) / std::max(1.0f, s1 - s0);
        const Grid common = pass == 0 ? fitLineGrid(joint, n, layout.cellX(0), layout.cellX(n), 1.5 * kPitch + bandPerWork * startSpread,
                                                    1.5 * kPitch + bandPerWork * endSpread)
                                      : fitGrid(joint, n, canonicalGrid, 3.0, 0.01, pass == 1 ? 2.0 : 0.0);
        std::vector<Grid> grids;
        double pitchSum = 0;
        double deviation = 0;  // largest distance of a fitted cell from its canonical place
        for (int l = 0; l < lineCount; ++l) {
            grids.push_back(fitGrid(traces[static_cast<std::size_t>(l)].profile, n, common, 2.0, 0.0, 0.0));
            pitchSum += grids.back().pitch;
            for (int i = 0; i <= n; i += 2) deviation = std::max(deviation, std::abs(grids.back().x(i, n) - layout.cellX(i)));
        }
        if (pass > 0 && deviation < 1.0) break;
        // Canonical line pitch from the measured centre lines, in units of the measured character pitch.
        const double scale = kPitch / (pitchSum / lineCount);
        BandLayout next = layout;
        if (lineCount > 1) {
            const double xm = (x0 + x1) / 2.0;
            next.linePitch = (traces.back().yAt(xm) - traces.front().yAt(xm)) / (lineCount - 1) * scale;
            if (next.linePitch < 1.2 * kPitch || next.linePitch > 3.5 * kPitch) return std::nullopt;
        }
        std::vector<cv::Point2d> canonical, image;
        for (int l = 0; l < lineCount; ++l) {
            for (int i = 0; i < n; ++i) {
                const double x = grids[static_cast<std::size_t>(l)].x(i + 0.5, n);
                canonical.emplace_back(next.cellX(i + 0.5), next.lineY(l));
                image.push_back(apply(bandToImage, {x, traces[static_cast<std::size_t>(l)].yAt(x)}));
            }
        }
        const auto refit = fitHomography(canonical, image);
        if (!refit) return std::nullopt;
        bandToImage = *refit;
        layout = next;
    }
    return bandToImage;
}

// Thresholds for accepting a character: positions no check digit covers need a clear winner.
constexpr float kMinScoreUncovered = 0.75f;
constexpr float kMinMarginUncovered = 0.06f;
// Below this the discriminant's word is not enough where no check digit covers: with the ink's contrast
// evened out (inkOf), a '<' beside a 'P' was read as K by 0.007 and the discriminant agreed (held-out mild).
constexpr float kMinMarginUncoveredAtAll = 0.02f;
constexpr float kMinScoreCovered = 0.50f;
constexpr float kMinMarginCovered = 0.02f;
constexpr float kTryMargin = 0.08f;  // covered positions with a smaller margin get their runner-up tried

// The pairwise discriminant (GlyphClassifier::pairDiscriminant) at a close call. 1.0 and 0.5 read the same
// pages of the bench (0 wrongly accepted either way, 2.0 refused 2 % more hard pages): the stricter is kept.
constexpr float kMinPairZ = 1.0f;    // it must agree with the cosine winner by this much
constexpr float kNoPairZ = 1e9f;     // not a close call: the discriminant was not asked
constexpr std::size_t kMaxLeaning = 3;  // narrow covered winners accepted on the check digits' word
constexpr float kMinScoreLeaning = 0.85f;  // ... when they match well
constexpr float kMinScoreAround = 0.85f;   // ... and so does every other character (also for corrections)

// Doc 9303 check digits weigh character values 7, 3, 1 modulo 10: two characters whose values differ by a
// multiple of 10 (0, A, K, U, '<'; 8, I, S; ...) cannot be told apart by them.
int characterValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 0;
}
bool checkEquivalent(char a, char b) { return (characterValue(a) - characterValue(b)) % 10 == 0; }

// The OCR-B look-alikes across letters and digits (Doc 9303's tolerant reading corrects the same ones).
char classicConfusion(char c) {
    constexpr std::string_view kPairs = "0O1I2Z5S8B";
    const auto at = kPairs.find(c);
    if (at == std::string_view::npos) return 0;
    return kPairs[at ^ 1];
}

struct Ranked {
    char best = '<', second = '<';
    float score = 0, margin = 0;  // the cosine score of `best`, and its distance to `second`'s
    float pairZ = kNoPairZ;        // close calls: the discriminant's distance in favour of `best`
    float shapeZ = 0;              // close calls: the glyph shape's distance in favour of `best` (0: no word)
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

// Where the discriminant leans the right way but by less than kMinPairZ, the glyph's shape (its height or
// width, GlyphClassifier::pairShape) may settle a name's close call by itself: on 2,560 hard pages it never
// spoke for a wrong reading by more than 0.7 sd (a D over a true O, the discriminant -3.6 there), and in the
// eighth round's traces it always spoke against one (-1.3 to -6.7 sd summed).
constexpr float kMinShapeAloneZ = 2.0f;

// A narrow cosine win at a position no check digit covers is still trusted when the pairwise
// discriminant separates the winner from every class that scored almost as well, or leans towards it with the
// glyph's shape firmly for it.
bool clearOfLookAlikes(const Reading& reading, const detail::GlyphClassifier& classifier, int index, Kind kind, char chosen, LineScale scale) {
    const auto& s = reading.scores[static_cast<std::size_t>(index)];
    const int best = static_cast<int>(kClasses.find(chosen));
    const cv::Mat row = reading.features.row(index);
    for (int c = 0; c < kClassCount; ++c) {
        const char ch = kClasses[static_cast<std::size_t>(c)];
        if (c == best || !allowed(kind, ch) || s[static_cast<std::size_t>(c)] < s[static_cast<std::size_t>(best)] - kMinMarginUncovered) continue;
        const float z = classifier.pairDiscriminant(row, best, c);
        if (z >= kMinPairZ) continue;
        if (z < 0 || classifier.pairShape(row, best, c, scale.height, scale.width) < kMinShapeAloneZ) return false;
    }
    return true;
}

// Doc 9303's name field: the primary identifier, "<<", the secondary identifier's components separated by one
// '<', then filler. So a "<<" after the secondary identifier ends the name: every later cell of the field can
// only be '<', and a '<' read there needs no margin over a letter (a filler read as K by a narrow margin
// refused hard pages). The two cells of that closing "<<" are not covered by this: they are the evidence.
bool pastNameEnd(const std::vector<std::string>& lines, int line, int column) {
    const bool td1 = lines.size() == 3;
    const int nameLine = td1 ? 2 : 0;
    if (line != nameLine) return false;
    const std::string& text = lines[static_cast<std::size_t>(nameLine)];
    const std::size_t from = td1 ? 0 : 5;
    const std::size_t separator = text.find("<<", from);
    if (separator == std::string::npos || separator == from) return false;  // no primary identifier read
    const std::size_t secondary = separator + 2;
    if (secondary >= text.size() || text[secondary] == '<') return false;  // no secondary identifier read
    const std::size_t end = text.find("<<", secondary);
    return end != std::string::npos && static_cast<std::size_t>(column) > end + 1;
}

// A letter read past the name's end is ungrammatical (see pastNameEnd): where '<' scored almost as well, the
// grammar chooses it. On 2,560 hard pages' close calls every K read over '<' past the name's end was wrong
// (6 of 6, margins 0.007-0.028, the discriminant for K by up to 3.9 sd: one of them passed every gate and only
// a covered position refused its page) and every true K read over '<' stood before it (5 of 5).
void fillersPastNameEnd(std::vector<std::string>& lines, const Reading& reading, const Layout& layout) {
    const int length = static_cast<int>(lines[0].size());
    const int line = lines.size() == 3 ? 2 : 0;
    const int filler = static_cast<int>(kClasses.find('<'));
    for (int c = 0; c < length; ++c) {
        char& chosen = lines[static_cast<std::size_t>(line)][static_cast<std::size_t>(c)];
        if (chosen == '<' || layout[static_cast<std::size_t>(line)][static_cast<std::size_t>(c)].covered) continue;
        const auto& s = reading.scores[static_cast<std::size_t>(line * length + c)];
        if (s[static_cast<std::size_t>(filler)] < s[kClasses.find(chosen)] - kTryMargin) continue;
        const char read = chosen;
        chosen = '<';
        if (!pastNameEnd(lines, line, c)) chosen = read;
    }
}

// Doc 9303's issuing state (line 1, columns 3-5) and nationality (TD1 line 2, columns 16-18; else line 2,
// columns 11-13): the first column of the code a cell belongs to, or nothing.
std::optional<int> codeFieldStart(int lineCount, int line, int column) {
    const int start = line == 0 ? 2 : (line == 1 ? (lineCount == 3 ? 15 : 10) : -1);
    if (start < 0 || column < start || column > start + 2) return std::nullopt;
    return start;
}

bool knownCode(std::string code) {
    while (!code.empty() && code.back() == '<') code.pop_back();
    return !code.empty() && isKnownIssuerCode(code);
}

// A code cell's close call is settled by the code list when no other known code can be made of the characters
// that scored almost as well as each of its three cells (a near-tie the check digits do not judge). On the
// close calls of 2,560 hard pages' code cells every misread had the true code among those combinations (SWF
// for SWE, JTO for UTO, IRI for IRL), and 261 of the 275 right ones no other known code (CHN: CMN, CNN are none).
bool settledByCodeList(const Reading& reading, const std::vector<std::string>& lines, int index) {
    const int lineCount = static_cast<int>(lines.size()), length = static_cast<int>(lines[0].size());
    const int line = index / length, column = index % length;
    const auto start = codeFieldStart(lineCount, line, column);
    if (!start) return false;
    const std::string& text = lines[static_cast<std::size_t>(line)];
    std::array<std::string, 3> near;
    for (int k = 0; k < 3; ++k) {
        const auto& s = reading.scores[static_cast<std::size_t>(line * length + *start + k)];
        const char chosen = text[static_cast<std::size_t>(*start + k)];
        near[static_cast<std::size_t>(k)] = std::string(1, chosen);
        for (int c = 0; c < kClassCount; ++c) {
            const char ch = kClasses[static_cast<std::size_t>(c)];
            if (ch != chosen && allowed(Kind::Alpha, ch) && s[static_cast<std::size_t>(c)] >= s[kClasses.find(chosen)] - kMinMarginUncovered)
                near[static_cast<std::size_t>(k)] += ch;
        }
    }
    const std::size_t self = static_cast<std::size_t>(column - *start);
    for (const char a : near[0])
        for (const char b : near[1])
            for (const char c : near[2]) {
                const std::string code{a, b, c};
                if (code[self] != text[static_cast<std::size_t>(column)] && knownCode(code)) return false;
            }
    return true;
}

// A near-tie in a name (cosine margin under kMinMarginUncoveredAtAll) that both witnesses settle: the
// discriminant by kMinTiePairZ against every letter within kMinMarginUncovered, the shape not against. On
// 2,560 hard pages' name cells such ties between letters were wrong in 6 readings (3 pages: F/E, N/H, D/O), the
// discriminant always against the reading (-1.5 to -3.8 sd), and right in 21, 5 of them by 2 sd or more; '<' is
// left out: K over '<' was wrong with the discriminant for K by 3.9 sd.
constexpr float kMinTiePairZ = 2.0f;
bool tieSettledByWitnesses(const Reading& reading, const detail::GlyphClassifier& classifier, int index, char chosen, LineScale scale) {
    if (chosen == '<') return false;
    const auto& s = reading.scores[static_cast<std::size_t>(index)];
    const int best = static_cast<int>(kClasses.find(chosen));
    const cv::Mat row = reading.features.row(index);
    for (int c = 0; c < kClassCount; ++c) {
        const char ch = kClasses[static_cast<std::size_t>(c)];
        if (c == best || !allowed(Kind::Alpha, ch) || s[static_cast<std::size_t>(c)] < s[static_cast<std::size_t>(best)] - kMinMarginUncovered) continue;
        if (ch == '<' || classifier.pairDiscriminant(row, best, c) < kMinTiePairZ || classifier.pairShape(row, best, c, scale.height, scale.width) < 0) return false;
    }
    return true;
}

std::string describePosition(int line, int column) {
    return "line " + std::to_string(line + 1) + ", column " + std::to_string(column + 1);
}

// A close call that the pairwise discriminant settles by this much is not in doubt ...
constexpr float kSurePairZ = 2.0f;
// ... except between OCR-B look-alikes (0/O, 1/I, 2/Z, 5/S, 8/B) this close: two of those swapped the
// same way at weights 7 and 3 cancel out in a check digit, and the discriminant was seen sure (2.4 sd)
// and wrong on one of two 0->O (margins 0.026 and 0.027) that validated together. 0.05 or 0.08 here
// refuses 1-7 % more hard pages; 0.03 was the least that refused every wrong reading found in 1,880
// extra hard pages (see docs/documents.md).
constexpr float kLookAlikeDoubt = 0.03f;
constexpr std::size_t kMaxDoubtful = 8;  // more doubt than that: 2^8 readings to rule out; refused instead
// A validating alternative is ruled out when, summed over the characters it changes, the discriminant
// speaks against it by this much and the glyphs' shape (pairShape, below) by this much. Set on the 1,880
// hard pages of docs/documents.md: where the reading was wrong and its alternative right, the height summed
// to -1.3 to -6.7 (the discriminant was wrong by up to +4.4); right readings it refused summed to 2.7 to 7.6.
constexpr double kJointPairZ = 1.5;
constexpr double kJointShapeZ = 2.5;
struct Witness {  // the evidence for one reading over another, summed over the characters they differ in
    double pair = 0, shape = 0;
    [[nodiscard]] bool rulesOut() const { return pair >= kJointPairZ && shape >= kJointShapeZ; }
};
using Lines = std::vector<std::string>;
using WitnessOf = std::function<Witness(const Lines& reading, const Lines& other)>;

// The glyph's shape (GlyphClassifier::pairShape: its height for 0/O and 1/I, its width for 8/B, 2/Z and D/O)
// is a second, independent witness: a close call that both the discriminant and the shape settle firmly is
// not in doubt, even between look-alikes.
constexpr float kSureShapeZ = 2.0f;
bool confirmedByShape(const Ranked& r) { return r.pairZ >= kSurePairZ && r.shapeZ >= kSureShapeZ; }

// A line's own measure of glyph heights and widths (blur and the band's vertical scale): the median ratios of
// its confidently read glyphs' heights and widths to their templates' ('<' excluded: a flat stroke says little).
constexpr float kMinScoreForScale = 0.85f;
constexpr std::size_t kMinCellsForScale = 5;
LineScale lineScale(const Reading& reading, const detail::GlyphClassifier& classifier, int line, int length) {
    std::vector<float> ratios, widths;
    for (int c = 0; c < length; ++c) {
        const auto& s = reading.scores[static_cast<std::size_t>(line * length + c)];
        const int best = static_cast<int>(std::max_element(s.begin(), s.end()) - s.begin());
        if (kClasses[static_cast<std::size_t>(best)] == '<' || s[static_cast<std::size_t>(best)] < kMinScoreForScale) continue;
        ratios.push_back(classifier.heightScale(reading.features.row(line * length + c), best));
        widths.push_back(classifier.widthScale(reading.features.row(line * length + c), best));
    }
    if (ratios.size() < kMinCellsForScale) return {};
    const auto median = [](std::vector<float>& v) {
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    return {median(ratios), median(widths)};
}

// As at a position no check digit covers, a narrower win between characters the check digits cannot tell apart
// (Q/G, 8/S, U/0) is settled by the discriminant's word (kMinPairZ) over a margin of kMinMarginUncoveredAtAll.
// On 2,560 hard pages' covered close calls between such pairs, 465 right, the 3 wrong (S over 8) had the
// discriminant against them (-0.7 to -1.5 sd). Not '<'/K: in names the discriminant was seen for a wrong K by
// 1.4 sd at a margin of 0.027 (and 3.9 sd at 0.007).
bool settledLikeUncovered(const Ranked& r) {
    return checkEquivalent(r.best, r.second) && r.best != '<' && r.second != '<' && r.margin >= kMinMarginUncoveredAtAll &&
           r.pairZ >= kMinPairZ;
}

// Whether a covered position's runner-up stays plausible, and which character that is: a correction (the
// alternative being what the classifier read) or a close call the discriminant did not settle.
std::optional<char> plausibleAlternative(const Ranked& r, char chosen) {
    if (chosen != r.best) return r.best;
    if (r.margin >= kTryMargin) return std::nullopt;
    // Between characters the check digits cannot tell apart ('<'/K), the check digits are no judge: the win
    // is judged as at a position no check digit covers, and the cosine margin a name needs settles it.
    if (checkEquivalent(r.best, r.second) && r.margin >= kMinMarginUncovered) return std::nullopt;
    if (settledLikeUncovered(r)) return std::nullopt;
    const bool lookAlikes = classicConfusion(r.best) == r.second;
    if (r.pairZ < kSurePairZ || (lookAlikes && r.margin < kLookAlikeDoubt && !confirmedByShape(r))) return r.second;
    return std::nullopt;
}

// The modulo-10 check digits catch one wrong character but not every pair or triple: several close calls
// that are each wrong can cancel out (seen: 5->S, 8->B, 0->O in one document number, which validated).
// So a validated reading is trusted only when no combination of its doubtful characters' alternatives
// validates as well. Returns a doubtful position of the rival reading found, or nothing.
std::optional<int> rivalReading(const Lines& lines, const std::vector<Ranked>& ranks, const Layout& layout,
                                const ParseOptions& strict, const WitnessOf& witness) {
    const int length = static_cast<int>(lines[0].size());
    std::vector<std::pair<int, char>> doubtful;  // position, its alternative
    for (int i = 0; i < static_cast<int>(ranks.size()); ++i) {
        if (!layout[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)].covered) continue;
        const char chosen = lines[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
        if (const auto alternative = plausibleAlternative(ranks[static_cast<std::size_t>(i)], chosen)) doubtful.emplace_back(i, *alternative);
    }
    if (doubtful.empty()) return std::nullopt;
    if (doubtful.size() > kMaxDoubtful) return doubtful.front().first;
    for (unsigned mask = 1; mask < (1u << doubtful.size()); ++mask) {
        auto candidate = lines;
        for (std::size_t k = 0; k < doubtful.size(); ++k) {
            const int i = doubtful[k].first;
            if (mask & (1u << k)) candidate[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)] = doubtful[k].second;
        }
        if (analyseMrz(candidate, strict).valid() && !witness(lines, candidate).rulesOut()) return doubtful[static_cast<std::size_t>(std::countr_zero(mask))].first;
    }
    return std::nullopt;
}

// Re-centring of close calls. The classifier is sensitive to a pixel's shift (the window's ink centring can
// be pulled by a neighbour), so a covered close call (margin under kTryMargin) is read again one pixel away
// in the eight directions, and the shift that scores best decides between its two best classes. Its scores
// only choose: the gates and the doubt are judged on the unshifted scores (a choice against the unshifted
// winner is a correction, its alternative the unshifted winner, tried by the rival-reading check), because
// the best of nine positions fits a wrong look-alike better too (letting the shifted scores pass the gates
// accepted wrong pages: seeds 9017, 9246, 20417, docs/documents.md).
constexpr float kRecentreStep = 1.0f;  // pixels of the 16-pixel pitch
constexpr float kRecentreLead = 0.02f;  // the shifted window's lead between the two (a tie there decides nothing)
void recentreCloseCalls(const cv::Mat& ink, const std::vector<cv::Point2f>& centres, const BandLayout& band,
                        const detail::GlyphClassifier& classifier, Reading& reading) {
    const int lineCount = band.lines, length = band.length;
    const bool visa = lineCount == 2 && !reading.lines.empty() && reading.lines[0][0] == 'V';
    const Layout layout = layoutFor(lineCount, length, visa);
    reading.recentred.assign(reading.scores.size(), 0);
    std::vector<int> cells;
    std::vector<std::pair<char, char>> pairs;
    std::vector<cv::Mat> windows;
    for (int i = 0; i < lineCount * length; ++i) {
        const auto& pos = layout[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
        if (!pos.covered) continue;
        const auto r = rankAllowed(reading.scores[static_cast<std::size_t>(i)], pos.kind);
        if (r.margin >= kTryMargin) continue;
        cells.push_back(i);
        pairs.emplace_back(r.best, r.second);
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                if (dx == 0 && dy == 0) continue;
                const float vertical = reading.verticalScales.empty() ? 1.0f : reading.verticalScales[static_cast<std::size_t>(i / length)];
                windows.push_back(classifier.window(ink, centres[static_cast<std::size_t>(i)],
                                                    cv::Point2f(kRecentreStep * static_cast<float>(dx), kRecentreStep * static_cast<float>(dy)), vertical));
            }
        }
    }
    if (cells.empty()) return;
    const auto scores = classifier.classify(detail::GlyphClassifier::features(windows));
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const int a = static_cast<int>(kClasses.find(pairs[k].first)), b = static_cast<int>(kClasses.find(pairs[k].second));
        float best = -2, lead = 0;
        char choice = 0;
        for (std::size_t w = 8 * k; w < 8 * k + 8; ++w) {
            const float sa = scores[w][static_cast<std::size_t>(a)], sb = scores[w][static_cast<std::size_t>(b)];
            if (std::max(sa, sb) > best) {
                best = std::max(sa, sb);
                lead = std::abs(sa - sb);
                choice = sa >= sb ? pairs[k].first : pairs[k].second;
            }
        }
        if (lead < kRecentreLead) continue;  // a tie at the shifted place too: the unshifted winner stands
        // Only where a shifted window reads better than the unshifted one: otherwise the centring stands.
        const auto& unshifted = reading.scores[static_cast<std::size_t>(cells[k])];
        if (best > std::max(unshifted[static_cast<std::size_t>(a)], unshifted[static_cast<std::size_t>(b)])) reading.recentred[static_cast<std::size_t>(cells[k])] = choice;
    }
}

// Whether the reading with `alternative` at cell `index` validates: a close call between characters the check
// digits weigh alike is left unjudged only when it does.
bool runnerUpValidates(const Lines& lines, int index, char alternative, const ParseOptions& strict) {
    const int length = static_cast<int>(lines[0].size());
    Lines candidate = lines;
    candidate[static_cast<std::size_t>(index / length)][static_cast<std::size_t>(index % length)] = alternative;
    return analyseMrz(candidate, strict).valid();
}

// Several single corrections validate (two 0 read O at the same weight in one field): those whose changed
// character both witnesses firmly back as read (Witness::rulesOut, the rival-reading check's rule and data)
// are no longer candidates; a single one left is then the check digits' choice.
void dropRuledOut(std::set<Lines>& valid, const Lines& lines, const WitnessOf& witness) {
    std::erase_if(valid, [&](const Lines& candidate) { return witness(lines, candidate).rulesOut(); });
}

// Field-constrained decoding, check-digit validation and the confidence gates. Returns the validated
// lines and confidences, or the reason they cannot be trusted.
Result<OcrResult> decide(Reading& reading, const detail::GlyphClassifier& classifier, const ParseOptions& options) {
    const int lineCount = static_cast<int>(reading.lines.size());
    const int length = static_cast<int>(reading.lines[0].size());
    const bool visa = lineCount == 2 && reading.lines[0][0] == 'V';
    if (const auto uneven = detail::unevenCells(reading.inkCentres, lineCount, length, static_cast<float>(kPitch))) {
        char apart[16];
        std::snprintf(apart, sizeof apart, "%.2f", static_cast<double>(uneven->pitches));
        return std::unexpected(unreadable(std::string("cells ") + apart + " pitches apart at " + describePosition(uneven->line, uneven->column) +
                                          " (a character read twice or left out)"));
    }
    const Layout layout = layoutFor(lineCount, length, visa);
    std::vector<std::string> lines(reading.lines.size(), std::string(static_cast<std::size_t>(length), '<'));
    std::vector<Ranked> ranks;
    std::vector<LineScale> scales;
    for (int l = 0; l < lineCount; ++l) {
        const LineScale scale = scales.emplace_back(lineScale(reading, classifier, l, length));
        for (int c = 0; c < length; ++c) {
            const auto& pos = layout[static_cast<std::size_t>(l)][static_cast<std::size_t>(c)];
            auto r = rankAllowed(reading.scores[static_cast<std::size_t>(l * length + c)], pos.kind);
            if (pos.covered && r.margin < kTryMargin) {
                // A close call between two classes goes to the one the pairwise discriminant prefers; the
                // check digits still have to agree, and the other is still tried when they do not.
                r.pairZ = classifier.pairDiscriminant(reading.features.row(l * length + c), static_cast<int>(kClasses.find(r.best)),
                                                      static_cast<int>(kClasses.find(r.second)));
                // Not between two characters the check digits cannot tell apart ('<'/K, 8/S): there the
                // discriminant only vetoes (below), since nothing would catch its mistake.
                if (r.pairZ < 0 && !checkEquivalent(r.best, r.second)) {
                    std::swap(r.best, r.second);
                    r.score -= r.margin;
                    r.pairZ = -r.pairZ;
                }
                r.shapeZ = classifier.pairShape(reading.features.row(l * length + c), static_cast<int>(kClasses.find(r.best)),
                                                 static_cast<int>(kClasses.find(r.second)), scale.height, scale.width);
            }
            // The re-centring's choice between the two best (recentreCloseCalls), judged as a correction: not
            // against a winner both independent witnesses (discriminant and shape) back by kMinPairZ (the
            // best of nine windows once turned three true 0 into O on the first set's hard pages). Both
            // witnesses were measured just above, for this close call's final best and second.
            char chosen = r.best;
            if (pos.covered && r.margin < kTryMargin && !reading.recentred.empty() &&
                reading.recentred[static_cast<std::size_t>(l * length + c)] == r.second) {
                const bool backed = r.pairZ >= kMinPairZ && r.shapeZ >= kMinPairZ;
                if (!backed) chosen = r.second;
            }
            lines[static_cast<std::size_t>(l)][static_cast<std::size_t>(c)] = chosen;
            ranks.push_back(r);
        }
    }
    fillersPastNameEnd(lines, reading, layout);
    reading.lines = lines;
    // The unshifted score of each character chosen (the re-centring may have chosen a close call's runner-up).
    std::vector<float> chosenScores;
    for (int i = 0; i < lineCount * length; ++i) {
        const char chosen = lines[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
        chosenScores.push_back(reading.scores[static_cast<std::size_t>(i)][kClasses.find(chosen)]);
    }
    ParseOptions strict = options;
    strict.tolerant = false;
    // A validating alternative to a reading is ruled out when, summed over the characters they differ in, both
    // independent witnesses speak for the reading: the discriminant and the glyphs' shape. Each alone can be
    // sure and wrong at one character, and look-alikes swapped together are what the check digits miss.
    const WitnessOf witness = [&](const Lines& a, const Lines& b) {
        Witness w;
        for (int i = 0; i < lineCount * length; ++i) {
            const auto l = static_cast<std::size_t>(i / length), c = static_cast<std::size_t>(i % length);
            if (a[l][c] == b[l][c]) continue;
            const int ca = static_cast<int>(kClasses.find(a[l][c])), cb = static_cast<int>(kClasses.find(b[l][c]));
            w.pair += classifier.pairDiscriminant(reading.features.row(i), ca, cb);
            w.shape += classifier.pairShape(reading.features.row(i), ca, cb, scales[l].height, scales[l].width);
        }
        return w;
    };
    auto report = analyseMrz(lines, strict);
    if (!report.valid()) {
        // The check digits may single out one runner-up among the uncertain covered positions.
        std::vector<int> uncertain;
        for (int i = 0; i < lineCount * length; ++i) {
            const auto& pos = layout[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
            const auto& r = ranks[static_cast<std::size_t>(i)];
            // Close calls stay in doubt whatever the discriminant said: it can be sure and wrong (an H
            // over B by 3.2 sd on a mild page, whose B the check digits then proved).
            if (pos.covered && r.margin < kTryMargin) uncertain.push_back(i);
        }
        std::sort(uncertain.begin(), uncertain.end(), [&](int a, int b) { return ranks[static_cast<std::size_t>(a)].margin < ranks[static_cast<std::size_t>(b)].margin; });
        // Only when a single covered position is in doubt: two doubtful characters could cancel out in
        // the modulo-10 sums (for example P->N with 0->O in a document number), so nothing is guessed.
        if (uncertain.size() > 1) uncertain.clear();
        // And only when every other character is read well: a neighbour misread with confidence (a smudged
        // 7 read as B) can be cancelled by the correction (0->O beside it validated in testing).
        bool clean = true;
        for (int j = 0; j < lineCount * length; ++j) {
            const bool corrected = !uncertain.empty() && j == uncertain.front();
            if (!corrected && chosenScores[static_cast<std::size_t>(j)] < kMinScoreAround) clean = false;
        }
        if (!clean) uncertain.clear();
        std::set<std::vector<std::string>> valid;
        for (const int i : uncertain) {
            auto candidate = lines;
            auto& at = candidate[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
            at = at == ranks[static_cast<std::size_t>(i)].best ? ranks[static_cast<std::size_t>(i)].second : ranks[static_cast<std::size_t>(i)].best;
            if (analyseMrz(candidate, strict).valid()) valid.insert(candidate);
        }
        // Every character, the one in doubt included: a weak one there can be cancelled by the swap (with
        // classifier re-centring, tried this round: a smudged N read as R, then a 0 swapped to O, validated).
        bool cleanEverywhere = true;
        for (const float score : chosenScores) cleanEverywhere = cleanEverywhere && score >= kMinScoreAround;
        if (valid.empty() && cleanEverywhere) {
            // The classic OCR-B confusions (0/O, 1/I, 2/Z, 5/S, 8/B) in a field that allows both (a document
            // number, optional data) can be read with confidence the wrong way: tried at any margin, one at
            // a time. A single swap always changes the field's check digit (no pair's values differ by a
            // multiple of 10), so exactly one validating swap on an otherwise clean reading is the check
            // digits' proof.
            for (int i = 0; i < lineCount * length; ++i) {
                const auto& pos = layout[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
                const char read = lines[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
                const char partner = classicConfusion(read);
                if (!pos.covered || pos.kind != Kind::Alnum || partner == 0) continue;
                auto candidate = lines;
                candidate[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)] = partner;
                if (analyseMrz(candidate, strict).valid()) valid.insert(candidate);
            }
        }
        if (valid.size() > 1) dropRuledOut(valid, lines, witness);
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
    float weakest = 1.0f;
    for (const float score : chosenScores) weakest = std::min(weakest, score);
    std::vector<int> leaning;  // covered positions won narrowly, over a runner-up the check digits would catch
    for (int i = 0; i < lineCount * length; ++i) {
        const auto& pos = layout[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
        const auto& r = ranks[static_cast<std::size_t>(i)];
        const char chosen = lines[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)];
        const float score = chosen == r.best ? r.score : reading.scores[static_cast<std::size_t>(i)][kClasses.find(chosen)];
        const float margin = chosen == r.best ? r.margin : 0.0f;
        const bool fillerByGrammar = !pos.covered && chosen == '<' && pastNameEnd(lines, i / length, i % length);
        const bool settledByGrammar = fillerByGrammar || (!pos.covered && settledByCodeList(reading, lines, i));
        const bool nearTie = margin < kMinMarginUncoveredAtAll &&
                             !(pos.kind == Kind::Alpha && tieSettledByWitnesses(reading, classifier, i, chosen, scales[static_cast<std::size_t>(i / length)]));
        bool low = pos.covered ? score < kMinScoreCovered
                               : (score < kMinScoreUncovered ||
                                  (!settledByGrammar && (nearTie || (margin < kMinMarginUncovered &&
                                                                     !clearOfLookAlikes(reading, classifier, i, pos.kind, chosen, scales[static_cast<std::size_t>(i / length)])))));
        // A close call the check digits cannot judge ('<'/K, 0/U) needs the discriminant's word, unless it is
        // won by the margin a name needs (the discriminant took fillers beside fillers for K: bench hard
        // pages 82, 102, 225, margins 0.06-0.08, -0.7 to 1.0 sd). Where the runner-up does not validate even
        // so (a K in a personal number whose check digit is '<', which Doc 9303 allows only for an empty
        // one), the field's rule judges it and the close call is an ordinary one.
        const bool unjudged = pos.covered && chosen == r.best && r.margin < kMinMarginUncovered && checkEquivalent(r.best, r.second) &&
                              runnerUpValidates(lines, i, r.second, strict);
        if (!low && unjudged && r.pairZ < kMinPairZ) low = true;
        if (!low && pos.covered && chosen == r.best && margin < kMinMarginCovered) {
            // A narrow win is trusted only when the check digits tell the two apart (0/O: yes; 8/S, '<'/K:
            // no, their values are equal modulo 10) and no other narrow winner's runner-up validates too.
            // And only on a clean reading: a smudged neighbour read confidently wrong can cancel the change
            // in the check sum (seen in testing: 0->O beside a smudged 7->B validated).
            if (unjudged || r.score < kMinScoreLeaning || weakest < kMinScoreAround) low = true;
            else if (!confirmedByShape(r)) leaning.push_back(i);  // both witnesses rule the runner-up out
        }
        if (low) {
            return std::unexpected(unreadable("low confidence at " + describePosition(i / length, i % length) +
                                              (pos.covered ? "" : ", a position no check digit covers")));
        }
        result.confidences.push_back(std::clamp(score, 0.0f, 1.0f));
    }
    if (leaning.size() > kMaxLeaning) {
        const int i = leaning[kMaxLeaning];
        return std::unexpected(unreadable("low confidence at " + describePosition(i / length, i % length)));
    }
    for (unsigned mask = 1; mask < (1u << leaning.size()); ++mask) {
        auto candidate = lines;
        for (std::size_t k = 0; k < leaning.size(); ++k) {
            const int i = leaning[k];
            if (mask & (1u << k)) candidate[static_cast<std::size_t>(i / length)][static_cast<std::size_t>(i % length)] = ranks[static_cast<std::size_t>(i)].second;
        }
        if (analyseMrz(candidate, strict).valid() && !witness(lines, candidate).rulesOut()) {
            return std::unexpected(unreadable("several readings validate (" + describePosition(leaning[0] / length, leaning[0] % length) + ")"));
        }
    }
    if (const auto rival = rivalReading(lines, ranks, layout, strict, witness)) {
        return std::unexpected(unreadable("another reading validates too (" + describePosition(*rival / length, *rival % length) + ")"));
    }
    result.lines = lines;
    return result;
}

// The mean cosine score a reading needs before its slips are tried. On the bench's hard pages every
// reading the retries rescued scored above 0.9; wrong layouts and turned bands score 0.3-0.6.
constexpr double kMinSlipRetryMeanScore = 0.8;

// When the first reading does not validate: the same band read under grids that slipped by a pitch at a
// line's end, all lines alike (the band's end was misplaced) or one line at a time (one line's fit lost a
// cell). Accepted only when exactly one of those readings passes every check and gate; several different
// ones that do are a reason to refuse, not to choose.
std::optional<OcrResult> readWithSlips(const cv::Mat& ink, const BandLayout& layout, const Reading& first,
                                       const detail::GlyphClassifier& classifier, const ParseOptions& options) {
    std::optional<OcrResult> found;
    bool ambiguous = false;
    const auto consider = [&](Reading candidate) {
        auto attempt = decide(candidate, classifier, options);
        if (!attempt) return;
        if (found && found->lines != attempt->lines) ambiguous = true;
        if (!found) found = std::move(*attempt);
    };
    for (int left = -1; left <= 1; ++left) {
        for (int right = -1; right <= 1; ++right) {
            if (left == 0 && right == 0) continue;
            const std::vector<Slip> slips(static_cast<std::size_t>(layout.lines), Slip{left, right});
            const Reading slipped = classifyCells(ink, cellCentres(ink, layout, &slips), layout, classifier, nullptr);
            consider(slipped);
            if (layout.lines > 1) {
                for (int l = 0; l < layout.lines; ++l) consider(withLineFrom(first, slipped, l, layout.length));
            }
        }
    }
    if (ambiguous) return std::nullopt;
    return found;
}

// The columns [x0, x1] widened outwards over text columns (ink on the lines above `threshold`, and less
// than half as much between them), across gaps of up to 2.5 pitches. Returns the first and last column.
std::pair<int, int> textRun(const std::vector<float>& onLines, const std::vector<float>& between, float threshold, int x0, int x1) {
    const auto isText = [&](int x) {
        const auto i = static_cast<std::size_t>(x);
        return onLines[i] > threshold && between[i] < 0.5f * onLines[i];
    };
    const int maxGap = 5 * kPitch / 2;
    const int width = static_cast<int>(onLines.size());
    int left = x0, right = x1;
    for (int x = x0; x >= 0 && x >= left - maxGap; --x) if (isText(x)) left = x;
    for (int x = x1; x < width && x <= right + maxGap; ++x) if (isText(x)) right = x;
    return {left, right};
}

// The longest an MRZ line measures in line heights (fitTextLine's): TD3 lines found on the first set's hard
// pages measure 42-62 (p5-p99), the longest 66.
constexpr float kLongestLineHeights = 70.0f;

// The lines of a group often end early on hard pages: glare or faint ink erases their first or last
// characters from the text mask, and a grid of 44 cells squeezed onto 30 characters cannot read. Their
// ends are measured again on a wide band along the lines (beyond each end, 0.7 of their length or what the
// longest MRZ line would still need, whichever is more: a line found only over its last 18 characters
// needs 26 more pitches on one side), in ink whose local contrast is evened out (inkOf): columns where the
// lines carry ink and the rows between them do not (a page edge or a picture darkens both) extend the
// lines while the gaps stay under 2.5 pitches. Returns the group with the longer lines, or nothing when
// neither end moved by a pitch.
std::optional<Group> extendedGroup(const cv::Mat& original, const Group& group, double toOriginal) {
    const int lineCount = static_cast<int>(group.lines.size());
    cv::Point2f u(0, 0);
    float height = 0;
    for (const auto& line : group.lines) {
        u += line.u * line.length();
        height += line.height / static_cast<float>(lineCount);
    }
    u *= 1.0f / static_cast<float>(cv::norm(u));
    const cv::Point2f across(-u.y, u.x);
    const cv::Point2f origin = group.lines.front().middle();
    float s0 = 0, s1 = 0;
    for (const auto& line : group.lines) {
        s0 += (line.at(line.sMin) - origin).dot(u) / static_cast<float>(lineCount);
        s1 += (line.at(line.sMax) - origin).dot(u) / static_cast<float>(lineCount);
    }
    const float a1 = (group.lines.back().middle() - origin).dot(across);
    if (height < 3 || s1 <= s0 || a1 <= 0) return std::nullopt;
    // The probe may not leave the image (in work coordinates).
    const float workW = static_cast<float>(original.cols / toOriginal), workH = static_cast<float>(original.rows / toOriginal);
    const auto inside = [&](float s) {
        for (const cv::Point2f p : {origin + s * u, origin + s * u + a1 * across}) {
            if (p.x < 0 || p.y < 0 || p.x > workW - 1 || p.y > workH - 1) return false;
        }
        return true;
    };
    const float reach = std::max(0.7f * (s1 - s0), kLongestLineHeights * height - (s1 - s0));
    float sa = s0, sb = s1;
    while (sa > s0 - reach && inside(sa - 1)) sa -= 1;
    while (sb < s1 + reach && inside(sb + 1)) sb += 1;
    // The band: about kPitch pixels per character (the pitch is close to the cap height).
    const float scale = static_cast<float>(kPitch) / height;
    const float marginY = 1.5f * kPitch;
    const float spacing = a1 * scale / static_cast<float>(lineCount - 1);
    const cv::Size size(static_cast<int>((sb - sa) * scale), static_cast<int>(a1 * scale + 2 * marginY));
    if (size.width < 4 * kPitch || size.width > 20000) return std::nullopt;
    const auto f = static_cast<float>(toOriginal);
    const cv::Point2f from[4] = {(origin + sa * u) * f, (origin + sb * u) * f, (origin + sb * u + a1 * across) * f,
                                 (origin + sa * u + a1 * across) * f};
    const float right = static_cast<float>(size.width), top = marginY, bottom = marginY + a1 * scale;
    const cv::Point2f to[4] = {{0, top}, {right, top}, {right, bottom}, {0, bottom}};
    cv::Mat band;
    cv::warpPerspective(original, band, cv::getPerspectiveTransform(from, to), size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    const cv::Mat ink = inkOf(band);
    // Per column: mean ink on the lines and between them (or above the first, for a single gap).
    std::vector<float> onLines(static_cast<std::size_t>(size.width), 0.0f), between(onLines.size(), 0.0f);
    const int half = kPitch * 4 / 10;
    for (int l = 0; l < lineCount; ++l) {
        const int yc = static_cast<int>(top + static_cast<float>(l) * spacing);
        const int yg = static_cast<int>(top + (static_cast<float>(l) - 0.5f) * spacing);  // the gap above the line
        for (int dy = -half; dy <= half; ++dy) {
            const float* row = ink.ptr<float>(std::clamp(yc + dy, 0, ink.rows - 1));
            for (int x = 0; x < size.width; ++x) onLines[static_cast<std::size_t>(x)] += row[x];
        }
        if (l == 0) continue;
        for (int dy = -2; dy <= 2; ++dy) {
            const float* row = ink.ptr<float>(std::clamp(yg + dy, 0, ink.rows - 1));
            for (int x = 0; x < size.width; ++x) between[static_cast<std::size_t>(x)] += row[x];
        }
    }
    const auto smoothed = [&](std::vector<float> v, float rows) {
        cv::Mat m(1, static_cast<int>(v.size()), CV_32F, v.data());
        cv::blur(m, m, cv::Size(kPitch, 1));
        for (auto& x : v) x /= rows;
        return v;
    };
    onLines = smoothed(onLines, static_cast<float>(lineCount * (2 * half + 1)));
    between = smoothed(between, static_cast<float>((lineCount - 1) * 5));
    const int x0 = static_cast<int>((s0 - sa) * scale), x1 = std::min(size.width - 1, static_cast<int>((s1 - sa) * scale));
    if (x1 <= x0) return std::nullopt;
    std::vector<float> known(onLines.begin() + x0, onLines.begin() + x1);
    std::nth_element(known.begin(), known.begin() + static_cast<std::ptrdiff_t>(known.size() / 2), known.end());
    const float threshold = 0.25f * known[known.size() / 2];
    const auto [left, right2] = textRun(onLines, between, threshold, x0, x1);
    // The smoothing spreads ink by half a pitch each way.
    const float newS0 = sa + (static_cast<float>(left) + kPitch / 2.0f) / scale;
    const float newS1 = sa + (static_cast<float>(right2) - kPitch / 2.0f) / scale;
    if (s0 - newS0 < kPitch / scale && newS1 - s1 < kPitch / scale) return std::nullopt;
    Group extended = group;
    for (auto& line : extended.lines) {
        const float base = (line.point - origin).dot(u), dir = line.u.dot(u);
        line.sMin = std::min(line.sMin, (std::min(newS0, s0) - base) / dir);
        line.sMax = std::max(line.sMax, (std::max(newS1, s1) - base) / dir);
    }
    return extended;
}

constexpr double kTurnDegrees = 12.0;  // the turns tried when nothing else validated (the captures turn up to 15 + perspective)

// Lines of a TD1 card (30 characters) measure up to about 33 line heights (36 characters: 32-39, 44: over
// 39.5); a little room above that for the height's measuring error.
constexpr double kMaxCardRatio = 35.0;

// Why a page was refused when nothing validated: the refusal of the reading that matched OCR-B best, not of
// the first one tried. The first candidate is often a band misplaced by a pitch or two whose re-measured
// ends then read every character but one; that one is what a technician needs to hear about.
struct Refusal {
    Error error;
    double meanScore = 0;
};

// Reads a candidate group in each plausible layout (line length; only the likeliest when asked) and
// orientation: the first reading that validates, or nothing (`refusal` keeps the best-matching refused
// reading's reason, and `stages` that reading). `slips`: whether a reading that does not validate is
// retried under slipped grids (about 80 ms). The card, turned and partial-line fallbacks skip it (it rescued
// nothing there and doubled the refused pages' time); the first and the evened searches use it (seventh
// round: a grid a cell off at one end; tenth: the evened search's re-measured ends, one page in 2,560).
std::optional<OcrResult> readGroup(const cv::Mat& original, double toOriginal, const Group& group,
                                   const detail::GlyphClassifier& classifier, const ParseOptions& options, OcrStages* stages,
                                   std::optional<Refusal>& refusal, bool likeliestLengthOnly, bool slips) {
    const int lineCount = static_cast<int>(group.lines.size());
    const double ratio = group.lines.front().length() / ((group.lines.front().height + group.lines.back().height) / 2.0);
    std::vector<int> lengths;
    if (lineCount == 3) lengths = {30};
    else lengths = ratio > 39.5 ? std::vector<int>{44, 36} : std::vector<int>{36, 44};
    if (likeliestLengthOnly) lengths.resize(1);
    for (const int n : lengths) {
        BandLayout layout;
        const auto h = rectify(original, group, toOriginal, n, layout);
        if (!h) continue;
        cv::Mat band;
        cv::warpPerspective(original, band, *h, layout.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
        const cv::Mat ink = inkOf(band);
        cv::Mat turnedInk;
        cv::rotate(ink, turnedInk, cv::ROTATE_180);
        // Upright or upside down: a few cells in each orientation first, every cell when in doubt.
        const auto centres = cellCentres(ink, layout);
        const auto turnedCentres = cellCentres(turnedInk, layout);
        std::vector<int> sample;
        for (int i = 0; i < lineCount * n; i += 3) sample.push_back(i);
        const double up = classifyCells(ink, centres, layout, classifier, &sample).meanScore;
        const double down = classifyCells(turnedInk, turnedCentres, layout, classifier, &sample).meanScore;
        Reading reading;
        bool turned = down > up;
        if (std::abs(up - down) > 0.06) {
            reading = turned ? classifyCells(turnedInk, turnedCentres, layout, classifier, nullptr)
                             : classifyCells(ink, centres, layout, classifier, nullptr);
        } else {
            Reading a = classifyCells(ink, centres, layout, classifier, nullptr);
            Reading b = classifyCells(turnedInk, turnedCentres, layout, classifier, nullptr);
            turned = b.meanScore > a.meanScore;
            reading = turned ? std::move(b) : std::move(a);
        }
        if (stages) {
            if (turned) cv::rotate(band, reading.band, cv::ROTATE_180);
            else reading.band = band;
        }
        recentreCloseCalls(turned ? turnedInk : ink, turned ? turnedCentres : centres, layout, classifier, reading);
        auto result = decide(reading, classifier, options);
        // Slip retries (about 80 ms) only for a reading of OCR-B in this layout and orientation: a wrong
        // line count, length or a turned band scores far lower, and no slip rescues it.
        if (!result && slips && reading.meanScore >= kMinSlipRetryMeanScore) {
            if (auto slipped = readWithSlips(turned ? turnedInk : ink, layout, reading, classifier, options))
                result = std::move(*slipped);
        }
        const bool bestRefusal = !result && (!refusal || reading.meanScore > refusal->meanScore);
        if (stages && (result || bestRefusal)) {
            stages->band = toGrey(reading.band);
            stages->cells = toGrey(reading.cells);
            stages->lines = reading.lines;
            stages->cellCentres.clear();
            const cv::Size size = layout.size();
            for (const auto& c : turned ? turnedCentres : centres) {
                const cv::Point2d b = turned ? cv::Point2d(size.width - 1.0 - static_cast<double>(c.x), size.height - 1.0 - static_cast<double>(c.y)) : cv::Point2d(c.x, c.y);
                const cv::Point2d q = apply(*h, b);
                stages->cellCentres.push_back({static_cast<float>(q.x), static_cast<float>(q.y)});
            }
        }
        if (result) return std::move(*result);
        if (bestRefusal) refusal = Refusal{result.error(), reading.meanScore};
    }
    return std::nullopt;
}

// A TD1 card whose third line was not found (glare, or a last line of fillers too faint to join) looks
// like two lines of about 30 characters: the card as it would be with a line one spacing below, and with
// one above. Nothing for other groups (three lines already, or lines too long for a card).
std::vector<Group> withThirdLine(const Group& group) {
    if (group.lines.size() != 2) return {};
    const auto& a = group.lines[0];
    const auto& b = group.lines[1];
    const double ratio = a.length() / ((a.height + b.height) / 2.0);
    if (ratio > kMaxCardRatio) return {};
    const cv::Point2f step = b.middle() - a.middle();
    TextLine below = b, above = a;
    below.point += step;
    above.point -= step;
    return {Group{{a, b, below}, group.score}, Group{{above, a, b}, group.score}};
}

// The group with its line ends' search widened by about 1.5 pitches (the pitch is close to the cap height).
Group withEndSlack(const Group& group) {
    Group wider = group;
    float height = 0;
    for (const auto& line : group.lines) height += line.height / static_cast<float>(group.lines.size());
    wider.endSlack = 1.5f * height;
    return wider;
}

// Whether two groups hold the same lines: as many, each end within half a line height of the other's.
bool sameLines(const Group& a, const Group& b) {
    if (a.lines.size() != b.lines.size()) return false;
    for (std::size_t l = 0; l < a.lines.size(); ++l) {
        const auto& p = a.lines[l];
        const auto& q = b.lines[l];
        const float tolerance = 0.5f * std::max(p.height, q.height);
        if (cv::norm(p.at(p.sMin) - q.at(q.sMin)) > tolerance || cv::norm(p.at(p.sMax) - q.at(q.sMax)) > tolerance) return false;
    }
    return true;
}

// Reads the first few candidate groups; a group that does not validate is read once more with its lines'
// ends measured again (extendedGroup). The first reading that validates, or nothing (`refusal` keeps
// the best-matching refused reading's reason).
std::optional<OcrResult> readGroups(const cv::Mat& original, double toOriginal, const std::vector<Group>& groups,
                                    const detail::GlyphClassifier& classifier, const ParseOptions& options, OcrStages* stages,
                                    std::optional<Refusal>& refusal, std::vector<Group>& tried, bool slips) {
    constexpr std::size_t kMaxGroups = 4;
    for (std::size_t g = 0; g < std::min(kMaxGroups, groups.size()); ++g) {
        // A group found again (the second search of findLines usually finds the first's lines too) is not
        // read twice: same lines, same reading.
        if (std::any_of(tried.begin(), tried.end(), [&](const Group& t) { return sameLines(t, groups[g]); })) continue;
        tried.push_back(groups[g]);
        if (auto result = readGroup(original, toOriginal, groups[g], classifier, options, stages, refusal, false, slips)) return result;
        if (g > 0) continue;  // the best candidate only: each extension costs a read (up to 80 ms with slips)
        if (const auto extended = extendedGroup(original, groups[g], toOriginal)) {
            // Its length in characters follows from the new length alone (both were tried at the old one).
            if (auto result = readGroup(original, toOriginal, *extended, classifier, options, stages, refusal, true, slips)) return result;
            // Ends measured again may overshoot the first or last character by a pitch or two (the text
            // columns' smoothing, a blob in line): once more with the first grid fit's end search widened.
            if (auto result = readGroup(original, toOriginal, withEndSlack(*extended), classifier, options, stages, refusal, true, slips)) return result;
        }
        for (const auto& card : withThirdLine(groups[g])) {
            if (auto result = readGroup(original, toOriginal, card, classifier, options, stages, refusal, true, false)) return result;
        }
    }
    return std::nullopt;
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
    // Lines are located on a smaller copy (about 640 pixels wide); characters are read at full resolution.
    cv::Mat work = original;
    const double longSide = std::max(page.width, page.height);
    if (longSide > kWorkSide) cv::resize(original, work, cv::Size(), kWorkSide / longSide, kWorkSide / longSide, cv::INTER_AREA);
    const double toOriginal = original.cols / static_cast<double>(work.cols);

    std::optional<Refusal> refusal;
    std::vector<Group> tried;
    const auto lines = findLines(work, stages, false, work.cols);
    const auto groups = groupLines(lines);
    if (auto result = readGroups(original, toOriginal, groups, model_->classifier, options, stages, refusal, tried, true)) {
        result->milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        return *result;
    }
    // Glare or a light gradient can break the lines apart under one global threshold: once more with the
    // text response's local contrast evened out (not first: on ordinary pages it joins other print too).
    const auto evenLines = findLines(work, nullptr, true, work.cols);
    const auto evenGroups = groupLines(evenLines);
    if (auto result = readGroups(original, toOriginal, evenGroups, model_->classifier, options, stages, refusal, tried, true)) {
        result->milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        return *result;
    }
    // The fallbacks run whenever nothing validated, not only when no candidate was found: on hard pages the
    // candidates are often other print (the visual zone, a signature) while the MRZ's own lines are broken
    // (tenth round: 6 more of 1,880 tuning pages read, none wrongly, the refused pages' time about the same).
    bool anyGroup = !groups.empty() || !evenGroups.empty();
    // Lines joined to one another on a steeply turned page come apart turned back near level.
    for (const double degrees : {kTurnDegrees, -kTurnDegrees}) {
        const auto turnedGroups = groupLines(findTurnedLines(work, degrees, false));
        anyGroup = anyGroup || !turnedGroups.empty();
        if (auto result = readGroups(original, toOriginal, turnedGroups, model_->classifier, options, stages, refusal, tried, false)) {
            result->milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            return *result;
        }
    }
    // A line found only in part beside a whole one (its first characters too faint to join).
    for (const auto* found : {&lines, &evenLines}) {
        const auto partialGroups = groupLines(*found, true);
        anyGroup = anyGroup || !partialGroups.empty();
        if (auto result = readGroups(original, toOriginal, partialGroups, model_->classifier, options, stages, refusal, tried, false)) {
            result->milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            return *result;
        }
    }
    // Lines of chained characters (chainedPieces), plain and evened, whole and partial: on blurred,
    // low-contrast pages turned 10-15 degrees the closing leaves only fragments of the MRZ's lines (eleventh
    // round: 13 more of 2,560 tuning pages read, none wrongly; runs only on pages nothing else read). Chains of
    // 8 characters or more first, then of 5 or more (a line broken into short runs: 2 more pages); not 5
    // alone: the extra pieces join some lines differently, and one page read at 8 is refused at 5.
    for (const int minChain : {8, 5}) {
        for (const bool evened : {false, true}) {
            const auto chainLines = findLines(work, nullptr, evened, work.cols, minChain);
            for (const bool partial : {false, true}) {
                const auto chainGroups = groupLines(chainLines, partial);
                anyGroup = anyGroup || !chainGroups.empty();
                if (auto result = readGroups(original, toOriginal, chainGroups, model_->classifier, options, stages, refusal, tried, false)) {
                    result->milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
                    return *result;
                }
            }
        }
    }
    if (!anyGroup) return std::unexpected(unreadable("no MRZ found (no 2 or 3 parallel lines of OCR text)"));
    if (!refusal) return std::unexpected(unreadable("no MRZ found (the lines could not be rectified)"));
    return std::unexpected(refusal->error);
}

}  // namespace kiosk::documents::ocr
