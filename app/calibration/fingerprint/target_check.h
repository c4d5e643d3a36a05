#pragma once
// The contrast and sharpness check on a test target (vertical bars of known contrast, covering the
// platen). Measured block by block, so it needs no registration of the target: Michelson contrast
// (p95 - p5) / (p95 + p5), the bar amplitude in grey levels (the weakest block tells how much the
// dimmest part of the platen loses), and an edge sharpness: the steepest grey-level step per pixel
// relative to the bar amplitude (0.5 for a perfect edge, lower as the optics blur).
#include <string>
#include <vector>

#include "app/core/error.h"
#include "app/core/grey_image.h"

namespace kiosk::calibration::fingerprint {

struct TargetMeasurement {
    double michelson = 0;              // median over blocks
    double weakestModulationGrey = 0;  // smallest p95 - p5 of any block
    double sharpness = 0;              // median over blocks
    int blocks = 0;
};

struct TargetLimits {
    int blockPx = 32;
    double minMedianModulationGrey = 20;  // below this no target lies on the platen
    double minMichelson = 0.45;           // the target's bars are printed at 0.6
    double minSharpness = 0.2;
    double minWeakestModulationGrey = 60;
};

[[nodiscard]] Result<TargetMeasurement> measureTestTarget(const GreyImage& frame, const TargetLimits& limits = {});
// Technician words for each limit not met; empty when the measurement passes.
[[nodiscard]] std::vector<std::string> targetProblems(const TargetMeasurement& m, const TargetLimits& limits = {});

}  // namespace kiosk::calibration::fingerprint
