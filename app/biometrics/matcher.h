#pragma once
// 1:1 minutiae comparison, invariant to rotation and translation.
#include "app/biometrics/fingerprint_template.h"

namespace kiosk::biometrics {

// Similarity, higher = more alike, symmetric-ish, >= 0. Deterministic. Allocation-light.
[[nodiscard]] double compareTemplates(const FingerprintTemplate& probe, const FingerprintTemplate& candidate);

// The score threshold whose false-match rate is `fmr` (e.g. 1e-4), from a calibration table stated in
// the source with where it was measured (impostor score distribution on FVC2002 and the synthetic set).
[[nodiscard]] double thresholdForFalseMatchRate(double fmr);

}  // namespace kiosk::biometrics
