// 1:1 minutiae matcher, rotation and translation invariant, deterministic:
//   1. descriptors (prepareForMatching): for every minutia a binary cylinder after the Minutia Cylinder-Code
//      (R. Cappelli, M. Ferrara, D. Maltoni, IEEE TPAMI 32(12), 2010): an 8x8 grid of cells of radius 70 px
//      around the minutia, turned to its direction, times 6 relative-direction sections; a cell bit is set
//      when neighbouring minutiae (Gaussian in space, sigma 9.3 px, and in relative direction, sigma 40 deg)
//      contribute more than 0.01. Cells outside the convex hull of the minutiae (+50 px) are invalid, so a
//      descriptor near the print's edge only compares the part both prints can see;
//   2. descriptor similarity of every probe/candidate minutia pair whose directions differ by < 90 degrees:
//      Dice coefficient of the bits over the cells valid in both (2|a&b| / (|a|+|b|)); computed by the kernels in
//      matcher_kernels.cpp (AVX-512: 8 candidate minutiae per step; portable fallback; identical results);
//   3. local similarity sort (LSS): mean of the best nP similarities, nP = 4..12 by the minutiae count;
//   4. consolidation: the best descriptor pairs are alignment hypotheses; under each, minutiae are paired
//      one-to-one (closest first) within a distance tolerance that grows away from the anchor (elastic
//      distortion) and 30 degrees; the alignment is refined by least squares over the pairs and the pairing
//      redone. Each pair counts by how well it fits: (1 - (d/dTol)^2) * (1 - (dAngle/angleTol)^2), 1 for a
//      perfect fit, 0 at the tolerance (a chance pairing lands anywhere in the tolerance window, a true one
//      near its centre). Overlap: minutiae of each print that fall inside the other's convex hull after
//      alignment;
//   5. score = 100 * sqrt(G * L): G = W^2 / (overlapProbe * overlapCandidate), W = the sum of the pair
//      weights (overlaps each at least 12, so a small overlap cannot give a high score by itself), L = the
//      LSS score. 0..100, 100 = identical.
#include "app/biometrics/matcher.h"

#include "app/biometrics/matcher_kernels.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace kiosk::biometrics {
namespace {

// ---- tunables (500 dpi pixels, radians); MCC values from the paper unless said otherwise ----
constexpr float kPi = std::numbers::pi_v<float>;
constexpr float kTwoPi = 2 * kPi;
constexpr int kGrid = 8;                                 // cells per side (MCC: 16; 8 fits one 64-bit word)
constexpr int kAngles = MatchTemplate::kCylinderAngles;  // relative-direction sections (MCC: 6)
constexpr int kWords = MatchTemplate::kWordsPerMinutia;
constexpr float kRadiusPx = 70.f;
constexpr float kCellPx = 2 * kRadiusPx / kGrid;
constexpr float kSigmaSpacePx = 28.f / 3.f;
constexpr float kSigmaDirRad = 2 * kPi / 9;
constexpr float kCellThreshold = 0.01f;                  // MCC mu_psi: bit = contribution > 0.01
constexpr float kHullMarginPx = 50.f;                    // MCC Omega_M
constexpr float kMinValidCellShare = 0.75f;              // MCC min_VC
constexpr int kMinCylinderNeighbours = 2;                // MCC min_M
constexpr float kMinCommonCellShare = 0.60f;             // MCC min_ME
constexpr int kMinPairs = 4, kMaxPairs = 12;             // LSS n_P range
constexpr float kPairsMu = 20.f, kPairsTau = 0.4f;       // LSS n_P sigmoid
constexpr std::size_t kHypotheses = 20;                 // alignment hypotheses tried (was 10, see docs)
constexpr float kPairTolPx = 12.f;                       // pairing distance at the anchor ...
constexpr float kPairTolPerPx = 0.06f;                   // ... + this per pixel away from it (distortion)
constexpr float kPairAngleTolRad = 0.52f;                // 30 degrees
constexpr float kMinOverlap = 12.f;                      // overlap counts below this count as this
constexpr std::size_t kMaxMinutiae = 200;

float wrap(float a) {  // into [0, 2 pi)
    a = std::fmod(a, kTwoPi);
    return a < 0 ? a + kTwoPi : a;
}

float angleDiff(float a, float b) {  // |a - b| on the circle, 0..pi
    const float d = std::abs(std::remainder(a - b, kTwoPi));
    return d;
}

using Point = MatchTemplate::Point;
using View = MatchTemplateView;

// Andrew's monotone chain; counter-clockwise in image axes as seen with y up is clockwise on screen, which
// does not matter: the inside test below only needs a consistent turn.
void convexHull(const std::vector<Point>& pts, std::vector<Point>& hull) {
    hull.clear();
    std::vector<Point> p(pts);
    std::sort(p.begin(), p.end(), [](const Point& a, const Point& b) { return a.x != b.x ? a.x < b.x : a.y < b.y; });
    if (p.size() < 3) {
        hull = p;
        return;
    }
    auto cross = [](const Point& o, const Point& a, const Point& b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); };
    std::vector<Point> h(2 * p.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) --k;
        h[k++] = p[i];
    }
    for (std::size_t i = p.size() - 1, t = k + 1; i-- > 0;) {
        while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0) --k;
        h[k++] = p[i];
    }
    h.resize(k - 1);
    hull = std::move(h);
}

// Signed distance from the hull: <= 0 inside (0 on the border), > 0 outside. Hull with < 3 points: distance
// to its points.
template <class HullRange>
float outsideDistance(const HullRange& hull, std::size_t n, float x, float y) {
    if (n < 3) {
        float best = 1e9f;
        for (std::size_t i = 0; i < n; ++i) best = std::min(best, std::hypot(hull[i].x - x, hull[i].y - y));
        return best;
    }
    bool inside = true;
    float best = 1e9f;
    for (std::size_t i = 0; i < n; ++i) {
        const Point& a = hull[i];
        const Point& b = hull[(i + 1) % n];
        const float ex = b.x - a.x, ey = b.y - a.y;
        const float cr = ex * (y - a.y) - ey * (x - a.x);
        if (cr < 0) inside = false;
        const float len2 = ex * ex + ey * ey;
        const float t = len2 > 0 ? std::clamp(((x - a.x) * ex + (y - a.y) * ey) / len2, 0.f, 1.f) : 0.f;
        best = std::min(best, std::hypot(a.x + t * ex - x, a.y + t * ey - y));
    }
    return inside ? -best : best;
}

float gaussian(float x, float sigma) {
    return std::exp(-0.5f * x * x / (sigma * sigma)) / (sigma * std::sqrt(2 * kPi));
}

// Share of a Gaussian (sigma) of direction difference alpha that falls into a section of width w.
float sectionWeight(float alpha, float w) {
    const float s = kSigmaDirRad * std::sqrt(2.f);
    return 0.5f * (std::erf((alpha + w / 2) / s) - std::erf((alpha - w / 2) / s));
}

struct CellGeometry {
    std::array<float, kGrid * kGrid> u{}, v{};
    std::array<bool, kGrid * kGrid> inCircle{};
    int count = 0;
    CellGeometry() {
        for (int r = 0; r < kGrid; ++r)
            for (int c = 0; c < kGrid; ++c) {
                const auto k = static_cast<std::size_t>(r * kGrid + c);
                u[k] = (static_cast<float>(c) - (kGrid - 1) / 2.f) * kCellPx;
                v[k] = (static_cast<float>(r) - (kGrid - 1) / 2.f) * kCellPx;
                inCircle[k] = u[k] * u[k] + v[k] * v[k] <= kRadiusPx * kRadiusPx;
                if (inCircle[k]) ++count;
            }
    }
};

const CellGeometry& cells() {
    static const CellGeometry g;
    return g;
}

void prepareInto(const FingerprintTemplate& t, MatchTemplate& m) {
    const double scale = t.dpi > 0 && t.dpi != 500 ? 500.0 / t.dpi : 1.0;
    const std::size_t n = std::min(t.minutiae.size(), kMaxMinutiae);
    m.points.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Minutia& mi = t.minutiae[i];
        m.points[i] = {static_cast<float>(mi.x * scale), static_cast<float>(mi.y * scale), wrap(-mi.angleRad)};
    }
    convexHull(m.points, m.hull);
    const std::size_t padded = detail::paddedCount(n);
    m.cylinders.assign(padded * kWords, 0);
    m.angles.assign(padded, 0.f);
    const CellGeometry& g = cells();
    const float sectionWidth = kTwoPi / kAngles;
    const float reach = 3 * kSigmaSpacePx;
    std::array<std::uint64_t, kWords> words{};
    for (std::size_t i = 0; i < n; ++i) {
        const Point& p = m.points[i];
        m.angles[i] = p.angle;
        const float c = std::cos(p.angle), s = std::sin(p.angle);
        int neighbours = 0;
        for (std::size_t j = 0; j < n; ++j)
            if (j != i && std::hypot(m.points[j].x - p.x, m.points[j].y - p.y) <= kRadiusPx + reach) ++neighbours;
        words.fill(0);
        int valid = 0;
        for (std::size_t k = 0; k < g.u.size(); ++k) {
            if (!g.inCircle[k]) continue;
            const float cx = p.x + c * g.u[k] - s * g.v[k], cy = p.y + s * g.u[k] + c * g.v[k];
            if (outsideDistance(m.hull, m.hull.size(), cx, cy) > kHullMarginPx) continue;
            ++valid;
            const std::uint64_t bit = std::uint64_t{1} << k;
            words[kAngles] |= bit;
            std::array<float, kAngles> sum{};
            for (std::size_t j = 0; j < n; ++j) {
                if (j == i) continue;
                const float d = std::hypot(m.points[j].x - cx, m.points[j].y - cy);
                if (d > reach) continue;
                const float gs = gaussian(d, kSigmaSpacePx);
                const float rel = std::remainder(m.points[j].angle - p.angle, kTwoPi);  // -pi..pi
                for (int a = 0; a < kAngles; ++a) {
                    const float centre = -kPi + (static_cast<float>(a) + 0.5f) * sectionWidth;
                    const float alpha = std::remainder(centre - rel, kTwoPi);
                    sum[static_cast<std::size_t>(a)] += gs * sectionWeight(alpha, sectionWidth);
                }
            }
            for (int a = 0; a < kAngles; ++a)
                if (sum[static_cast<std::size_t>(a)] > kCellThreshold) words[static_cast<std::size_t>(a)] |= bit;
        }
        // Too little support: the descriptor stays all zero, so no pair with it qualifies.
        if (static_cast<float>(valid) < kMinValidCellShare * static_cast<float>(g.count) || neighbours < kMinCylinderNeighbours) continue;
        const std::size_t base = (i / detail::kLanes) * kWords * detail::kLanes + i % detail::kLanes;
        for (int w = 0; w < kWords; ++w) m.cylinders[base + static_cast<std::size_t>(w) * detail::kLanes] = words[static_cast<std::size_t>(w)];
    }
}

// LSS n_P for a smaller minutiae count of zn (MCC's sigmoid), tabulated once.
int pairsForCount(std::size_t zn) {
    static const auto table = [] {
        std::array<int, kMaxMinutiae + 1> t{};
        for (std::size_t k = 0; k <= kMaxMinutiae; ++k)
            t[k] = kMinPairs + static_cast<int>(std::lround((kMaxPairs - kMinPairs) / (1.f + std::exp(-kPairsTau * (static_cast<float>(k) - kPairsMu)))));
        return t;
    }();
    return table[std::min(zn, kMaxMinutiae)];
}

// Descriptor similarity of every pair (rows of paddedCount(nb) floats, or none) and the LSS score.
float similarities(const View& a, const View& b, float* sim) {
    static const int minCommon = static_cast<int>(kMinCommonCellShare * static_cast<float>(cells().count));
    return detail::localSimilarityScore(a, b, pairsForCount(std::min(a.count, b.count)), minCommon, sim);
}

struct Transform {
    float c = 1, s = 0, tx = 0, ty = 0, rot = 0;
    [[nodiscard]] Point apply(const Point& p) const { return {c * p.x - s * p.y + tx, s * p.x + c * p.y + ty, wrap(p.angle + rot)}; }
};

Transform anchorTransform(const Point& pa, const Point& pb) {
    Transform t;
    t.rot = pb.angle - pa.angle;
    t.c = std::cos(t.rot);
    t.s = std::sin(t.rot);
    t.tx = pb.x - (t.c * pa.x - t.s * pa.y);
    t.ty = pb.y - (t.s * pa.x + t.c * pa.y);
    return t;
}

struct Candidate {
    float d;  // squared distance (pairing order); for hypotheses: descriptor similarity
    std::uint16_t i, j;
    float fit = 0;  // pairing evidence 0..1, pairFit()
};

// How well a pairing fits, 1 at zero residual falling to 0 at the tolerances (Epanechnikov-shaped in the
// distance and the angle): chance pairings of two different fingers are spread over the whole tolerance
// window, true ones are concentrated near its centre, so close pairs carry more evidence than marginal ones.
float pairFit(float distancePx, float tolerancePx, float angleRad) {
    const float rd = distancePx / tolerancePx, ra = angleRad / kPairAngleTolRad;
    return std::max(0.f, 1 - rd * rd) * std::max(0.f, 1 - ra * ra);
}

struct Scratch {
    std::vector<float> sim;
    std::vector<Point> moved;
    std::vector<Point> movedHull;
    std::vector<Candidate> candidates;
    std::vector<std::uint8_t> usedA, usedB;
    std::vector<std::uint16_t> pairA, pairB;
    float pairFitSum = 0;  // sum of pairFit() over the pairs
};

// One-to-one pairing of moved probe minutiae with candidate minutiae, closest first, within a distance
// tolerance growing with the distance from `centre` (where the alignment is exact).
int pairUp(const View& b, Scratch& s, float centreX, float centreY) {
    const std::size_t na = s.moved.size(), nb = b.count;
    s.candidates.clear();
    for (std::size_t i = 0; i < na; ++i) {
        const Point& p = s.moved[i];
        const float tol = kPairTolPx + kPairTolPerPx * std::hypot(p.x - centreX, p.y - centreY);
        for (std::size_t j = 0; j < nb; ++j) {
            const float dx = b.points[j].x - p.x, dy = b.points[j].y - p.y;
            const float d2 = dx * dx + dy * dy;
            if (d2 > tol * tol) continue;
            const float da = angleDiff(b.points[j].angle, p.angle);
            if (da > kPairAngleTolRad) continue;
            s.candidates.push_back({d2, static_cast<std::uint16_t>(i), static_cast<std::uint16_t>(j), pairFit(std::sqrt(d2), tol, da)});
        }
    }
    std::sort(s.candidates.begin(), s.candidates.end(), [](const Candidate& x, const Candidate& y) {
        if (x.d != y.d) return x.d < y.d;
        if (x.i != y.i) return x.i < y.i;
        return x.j < y.j;
    });
    std::fill(s.usedA.begin(), s.usedA.end(), std::uint8_t{0});
    std::fill(s.usedB.begin(), s.usedB.end(), std::uint8_t{0});
    s.pairA.clear();
    s.pairB.clear();
    s.pairFitSum = 0;
    for (const Candidate& c : s.candidates) {
        if (s.usedA[c.i] || s.usedB[c.j]) continue;
        s.usedA[c.i] = s.usedB[c.j] = 1;
        s.pairA.push_back(c.i);
        s.pairB.push_back(c.j);
        s.pairFitSum += c.fit;
    }
    return static_cast<int>(s.pairA.size());
}

// Least-squares rotation + translation taking the paired probe minutiae onto their partners.
Transform fitPairs(const View& a, const View& b, const Scratch& s) {
    const std::size_t n = s.pairA.size();
    double ax = 0, ay = 0, bx = 0, by = 0;
    for (std::size_t k = 0; k < n; ++k) {
        ax += a.points[s.pairA[k]].x, ay += a.points[s.pairA[k]].y;
        bx += b.points[s.pairB[k]].x, by += b.points[s.pairB[k]].y;
    }
    ax /= static_cast<double>(n), ay /= static_cast<double>(n), bx /= static_cast<double>(n), by /= static_cast<double>(n);
    double sxx = 0, sxy = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const double px = a.points[s.pairA[k]].x - ax, py = a.points[s.pairA[k]].y - ay;
        const double qx = b.points[s.pairB[k]].x - bx, qy = b.points[s.pairB[k]].y - by;
        sxx += px * qx + py * qy;
        sxy += px * qy - py * qx;
    }
    Transform t;
    t.rot = static_cast<float>(std::atan2(sxy, sxx));
    t.c = std::cos(t.rot);
    t.s = std::sin(t.rot);
    t.tx = static_cast<float>(bx - (t.c * ax - t.s * ay));
    t.ty = static_cast<float>(by - (t.s * ax + t.c * ay));
    return t;
}

// G = W^2 / (overlapA * overlapB) under transform t (probe -> candidate), after pairing; W = sum of pairFit().
float geometricScore(const View& a, const View& b, Scratch& s, const Transform& t, float cx, float cy, int& pairs) {
    for (std::size_t i = 0; i < a.count; ++i) s.moved[i] = t.apply(a.points[i]);
    const int n = pairUp(b, s, cx, cy);
    pairs = n;
    if (n < 2) return 0;
    s.movedHull.resize(a.hullCount);
    for (std::size_t k = 0; k < a.hullCount; ++k) s.movedHull[k] = t.apply(a.hull[k]);
    int overlapA = 0, overlapB = 0;
    for (const Point& p : s.moved)
        if (outsideDistance(b.hull, b.hullCount, p.x, p.y) <= 0) ++overlapA;
    for (std::size_t j = 0; j < b.count; ++j)
        if (outsideDistance(s.movedHull, s.movedHull.size(), b.points[j].x, b.points[j].y) <= 0) ++overlapB;
    const float oa = std::max({static_cast<float>(overlapA), static_cast<float>(n), kMinOverlap});
    const float ob = std::max({static_cast<float>(overlapB), static_cast<float>(n), kMinOverlap});
    return s.pairFitSum * s.pairFitSum / (oa * ob);
}

Scratch& scratch(std::size_t na, std::size_t nb) {
    thread_local Scratch s;
    if (s.sim.size() < na * detail::paddedCount(nb)) s.sim.resize(na * detail::paddedCount(nb));
    s.moved.resize(na);
    s.usedA.resize(na);
    s.usedB.resize(nb);
    s.candidates.reserve(na * nb);
    s.pairA.reserve(na);
    s.pairB.reserve(na);
    return s;
}

}  // namespace

std::size_t MatchTemplate::bytes() const {
    return points.capacity() * sizeof(Point) + cylinders.capacity() * sizeof(std::uint64_t) + angles.capacity() * sizeof(float) +
           hull.capacity() * sizeof(Point);
}

MatchTemplate prepareForMatching(const FingerprintTemplate& t) {
    MatchTemplate m;
    prepareInto(t, m);
    m.points.shrink_to_fit();
    m.hull.shrink_to_fit();
    return m;
}

MatchTemplateView MatchTemplate::view() const {
    return {points.data(), points.size(), cylinders.data(), angles.data(), hull.data(), hull.size()};
}

double screenTemplates(const MatchTemplate& a, const MatchTemplate& b) { return screenTemplates(a.view(), b.view()); }
double compareTemplates(const MatchTemplate& a, const MatchTemplate& b) { return compareTemplates(a.view(), b.view()); }

double screenTemplates(const MatchTemplateView& a, const MatchTemplateView& b) {
    if (a.count < 2 || b.count < 2) return 0.0;
    return 100.0 * similarities(a, b, nullptr);  // no similarity matrix: the kernel keeps only the best nP
}

double compareTemplates(const MatchTemplateView& a, const MatchTemplateView& b) {
    const std::size_t na = a.count, nb = b.count;
    if (na < 2 || nb < 2) return 0.0;
    Scratch& s = scratch(na, nb);
    const float lss = similarities(a, b, s.sim.data());
    const std::size_t stride = detail::paddedCount(nb);
    // The kHypotheses most similar descriptor pairs, best first (ties by index: deterministic).
    std::array<Candidate, kHypotheses> hyp{};
    std::size_t nh = 0;
    for (std::size_t i = 0; i < na; ++i)
        for (std::size_t j = 0; j < nb; ++j) {
            const float v = s.sim[i * stride + j];
            if (v <= 0) continue;
            if (nh == kHypotheses && v <= hyp[nh - 1].d) continue;
            std::size_t k = nh < kHypotheses ? nh++ : kHypotheses - 1;
            hyp[k] = {v, static_cast<std::uint16_t>(i), static_cast<std::uint16_t>(j)};
            while (k > 0 && hyp[k].d > hyp[k - 1].d) {
                std::swap(hyp[k], hyp[k - 1]);
                --k;
            }
        }
    float best = 0;
    for (std::size_t h = 0; h < nh; ++h) {
        const Point& pa = a.points[hyp[h].i];
        const Point& pb = b.points[hyp[h].j];
        int n = 0;
        float g = geometricScore(a, b, s, anchorTransform(pa, pb), pb.x, pb.y, n);
        if (n >= 3) {
            // Refine: least squares over the pairs, tolerance centred on their centroid.
            const Transform t = fitPairs(a, b, s);
            float cx = 0, cy = 0;
            for (const auto j : s.pairB) cx += b.points[j].x, cy += b.points[j].y;
            cx /= static_cast<float>(n), cy /= static_cast<float>(n);
            int n2 = 0;
            g = std::max(g, geometricScore(a, b, s, t, cx, cy, n2));
        }
        best = std::max(best, g);
    }
    return 100.0 * std::sqrt(static_cast<double>(std::min(best, 1.f)) * static_cast<double>(lss));
}

double compareTemplates(const FingerprintTemplate& probe, const FingerprintTemplate& candidate) {
    thread_local MatchTemplate a, b;
    prepareInto(probe, a);
    prepareInto(candidate, b);
    return compareTemplates(a, b);
}

FingerprintTemplate toMatcherResolution(const FingerprintTemplate& t) {
    if (t.dpi <= 0 || t.dpi == 500) return t;
    FingerprintTemplate out = t;
    const double f = 500.0 / t.dpi;
    out.width = static_cast<int>(std::lround(t.width * f));
    out.height = static_cast<int>(std::lround(t.height * f));
    out.dpi = 500;
    for (auto& m : out.minutiae) {
        m.x = static_cast<std::uint16_t>(std::lround(m.x * f));
        m.y = static_cast<std::uint16_t>(std::lround(m.y * f));
    }
    return out;
}

namespace {
struct CalibrationRow {
    double fmr, threshold;
};
// Calibration table (false-match rate, score threshold) of THIS extractor + matcher, measured with
// `bench_biometrics --calibrate` (docs/biometrics.md) on 2026-11-27, after the matcher's fit-weighted pair
// count (pairFit) and 20 alignment hypotheses: FVC2002 DB1_B..DB4_B, every pair of impressions of different
// fingers (4 x 2,880), plus the synthetic set (fingers 1..40 x 3 impressions, default ImpressionOptions:
// 7,020 pairs); 18,540 impostor pairs. Highest impostor scores: FVC 40.95 (DB4_B, SFinGe), synthetic 44.83.
// The 1e-4 row is the highest impostor score seen (the 1e-4 quantile, 43.64, rests on 2 pairs). Rows below
// 1e-4 are EXTRAPOLATED, not measured: +5 points per decade, more than the measured steps (4.5 from 1e-2 to
// 1e-3, 2.7 from 1e-3 to the 1e-4 quantile), so the thresholds err on the side of fewer false matches.
constexpr std::array<CalibrationRow, 6> kCalibration = {{
    {1e-1, 25.20}, {1e-2, 36.47}, {1e-3, 40.95}, {1e-4, 44.83},  // measured
    {1e-5, 49.8}, {1e-6, 54.8},                                  // extrapolated
}};
}  // namespace

double thresholdForFalseMatchRate(double fmr) {
    // kCalibration above: measured on FVC2002 DB1..4_B + the synthetic set. Log-linear interpolation.
    const auto& table = kCalibration;
    if (!(fmr > 0)) return table.back().threshold;
    if (fmr >= table.front().fmr) return table.front().threshold;
    if (fmr <= table.back().fmr) return table.back().threshold;
    for (std::size_t k = 0; k + 1 < table.size(); ++k) {
        if (fmr <= table[k].fmr && fmr >= table[k + 1].fmr) {
            const double t = (std::log10(table[k].fmr) - std::log10(fmr)) /
                             (std::log10(table[k].fmr) - std::log10(table[k + 1].fmr));
            return table[k].threshold + t * (table[k + 1].threshold - table[k].threshold);
        }
    }
    return table.back().threshold;
}

double falseMatchRateForScore(double score) {
    const auto& table = kCalibration;
    if (score < table.front().threshold) return 1.0;
    if (score >= table.back().threshold) return table.back().fmr;
    for (std::size_t k = 0; k + 1 < table.size(); ++k) {
        if (score >= table[k].threshold && score < table[k + 1].threshold) {
            const double t = (score - table[k].threshold) / (table[k + 1].threshold - table[k].threshold);
            return std::pow(10.0, std::log10(table[k].fmr) + t * (std::log10(table[k + 1].fmr) - std::log10(table[k].fmr)));
        }
    }
    return table.back().fmr;
}

}  // namespace kiosk::biometrics
