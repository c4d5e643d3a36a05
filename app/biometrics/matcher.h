#pragma once
// 1:1 minutiae comparison, invariant to rotation and translation (see matcher.cpp and docs/biometrics.md).
#include <cstdint>
#include <vector>

#include "app/biometrics/fingerprint_template.h"

namespace kiosk::biometrics {

// Similarity 0..100, higher = more alike, symmetric-ish, deterministic. Prepares both templates each call;
// for repeated comparisons prepare once (prepareForMatching) and use the overload below.
[[nodiscard]] double compareTemplates(const FingerprintTemplate& probe, const FingerprintTemplate& candidate);

// Non-owning view of prepared matching structures (a MatchTemplate, or a slot of a Gallery's arena).
struct MatchTemplateView;

// A template's precomputed matching structures: minutiae at 500 dpi in image axes, one binary Minutia
// Cylinder-Code-style descriptor per minutia (kCylinderAngles words of 64 spatial cells + one word saying
// which cells are valid; all zero when the descriptor lacks support) and the convex hull of the minutiae
// (overlap estimate). Built once per template. Descriptors and directions are stored structure-of-arrays in
// blocks of 8 minutiae (layout in matcher_kernels.h) so the descriptor stage compares 8 pairs per step.
struct MatchTemplate {
    static constexpr int kCylinderAngles = 6;
    static constexpr int kWordsPerMinutia = kCylinderAngles + 1;  // angle planes, then the validity word
    struct Point {
        float x = 0, y = 0, angle = 0;  // image axes (y down), angle in [0, 2 pi)
    };
    std::vector<Point> points;
    std::vector<std::uint64_t> cylinders;  // kWordsPerMinutia per point, blocked; padded to whole blocks
    std::vector<float> angles;             // points[i].angle, padded to whole blocks
    std::vector<Point> hull;               // convex hull of the minutiae, counter-clockwise
    [[nodiscard]] std::size_t bytes() const;  // heap memory held
    [[nodiscard]] MatchTemplateView view() const;
};

struct MatchTemplateView {
    const MatchTemplate::Point* points = nullptr;
    std::size_t count = 0;
    const std::uint64_t* cylinders = nullptr;  // blocked layout, see MatchTemplate
    const float* angles = nullptr;             // padded to whole blocks
    const MatchTemplate::Point* hull = nullptr;
    std::size_t hullCount = 0;
};

[[nodiscard]] MatchTemplate prepareForMatching(const FingerprintTemplate& t);

// Same score as compareTemplates(FingerprintTemplate...). No heap allocation after the first call per thread.
[[nodiscard]] double compareTemplates(const MatchTemplate& probe, const MatchTemplate& candidate);

// First stage only: local-similarity-sort score (mean of the best descriptor similarities, 0..100). About
// 10x cheaper than the full score; Gallery uses it to screen the whole gallery before re-scoring the best.
[[nodiscard]] double screenTemplates(const MatchTemplate& probe, const MatchTemplate& candidate);
[[nodiscard]] double compareTemplates(const MatchTemplateView& probe, const MatchTemplateView& candidate);
[[nodiscard]] double screenTemplates(const MatchTemplateView& probe, const MatchTemplateView& candidate);

// The score threshold whose false-match rate is `fmr` (e.g. 1e-4), from a calibration table stated in
// the source with where it was measured (impostor score distribution on FVC2002 and the synthetic set).
[[nodiscard]] double thresholdForFalseMatchRate(double fmr);

// Inverse of thresholdForFalseMatchRate: the FMR a score corresponds to (1 for scores below the 1e-1 row,
// the last, extrapolated row's FMR for scores above it).
[[nodiscard]] double falseMatchRateForScore(double score);

// A template from another resolution (e.g. an ISO record at 569 dpi) with coordinates scaled to 500 dpi.
[[nodiscard]] FingerprintTemplate toMatcherResolution(const FingerprintTemplate& t);

}  // namespace kiosk::biometrics
