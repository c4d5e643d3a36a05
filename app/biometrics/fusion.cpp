#include "app/biometrics/fusion.h"

#include <algorithm>
#include <cmath>

#include "app/biometrics/matcher.h"

namespace kiosk::biometrics {

FusedDecision fuseFingerScores(std::span<const double> scores, double targetFmr, FusionRule rule) {
    FusedDecision d;
    const std::size_t n = std::min<std::size_t>(scores.size(), 4);
    d.fingers = static_cast<int>(n);
    if (n == 0) return d;
    if (rule == FusionRule::Max) {
        double best = 1.0;
        for (std::size_t i = 0; i < n; ++i) best = std::min(best, falseMatchRateForScore(scores[i]));
        d.fusedFmr = 1.0 - std::pow(1.0 - best, static_cast<double>(n));
    } else {
        double x = 0;
        for (std::size_t i = 0; i < n; ++i) x -= std::log(std::clamp(falseMatchRateForScore(scores[i]), 1e-300, 1.0));
        double term = 1, sum = 0;
        for (std::size_t k = 0; k < n; ++k) {
            if (k > 0) term *= x / static_cast<double>(k);
            sum += term;
        }
        d.fusedFmr = std::min(1.0, std::exp(-x) * sum);
    }
    d.match = d.fusedFmr <= targetFmr;
    return d;
}

}  // namespace kiosk::biometrics
