#pragma once
// Multi-finger fusion (1..4 fingers of one traveller compared with the same fingers enrolled).
//
// Each finger's score is first turned into the false-match rate it corresponds to (falseMatchRateForScore:
// the calibration table, so the fingers are on one scale whatever their score ranges). Two rules:
//  - Fisher (default): the per-finger FMRs are combined as independent p-values, x = -sum ln FMR_i, fused
//    FMR = exp(-x) * sum_{k<n} x^k / k!  (the chance that n impostor fingers give at least this much joint
//    evidence). It rewards several moderately good fingers, like a sum of calibrated log-likelihoods.
//  - Max: the best finger decides; fused FMR = 1 - (1 - min FMR_i)^n (n chances for an impostor).
// Both assume impostor scores of different fingers are independent, which is optimistic for fingers of one
// person compared with one other person; the calibration rows below 1e-4 are extrapolated (matcher.cpp).
#include <span>

namespace kiosk::biometrics {

enum class FusionRule { Fisher, Max };

struct FusedDecision {
    double fusedFmr = 1.0;  // estimated false-match rate of this fused evidence
    int fingers = 0;        // scores used (at most 4)
    bool match = false;     // fusedFmr <= the target FMR
};

// scores: 1..4 compareTemplates() scores (more are ignored); targetFmr e.g. 1e-4.
[[nodiscard]] FusedDecision fuseFingerScores(std::span<const double> scores, double targetFmr, FusionRule rule = FusionRule::Fisher);

}  // namespace kiosk::biometrics
