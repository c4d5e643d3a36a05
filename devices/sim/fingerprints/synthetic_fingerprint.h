#pragma once
// Synthetic fingerprints for the simulator and the tests (SFinGe-style, after Cappelli, Maio, Maltoni).
#include <cstdint>

#include "app/core/grey_image.h"

namespace kiosk::sim {

// A master print for one synthetic finger, fully determined by the seed (SFinGe-style: pattern class and
// core/delta positions from the seed -> orientation field -> ridge frequency map -> ridges grown by iterated
// oriented Gabor filtering from random seeds). 500 dpi grey image, dark ridges on light background.
[[nodiscard]] kiosk::GreyImage generateMasterPrint(std::uint64_t fingerSeed);

struct ImpressionOptions {
    std::uint64_t seed = 0;
    double maxRotationDeg = 12;
    double maxShiftPx = 20;
    double distortion = 1.0;
    double noise = 1.0;
    double pressure = 0.0 /* -1 dry .. +1 wet */;
    double contact = 1.0 /* 1 = full, 0.5 = half the print */;
};

// One impression as a scanner would capture it: displacement, rotation, elastic distortion, pressure, noise, partial contact.
[[nodiscard]] kiosk::GreyImage generateImpression(const kiosk::GreyImage& master, const ImpressionOptions& options);

}  // namespace kiosk::sim
