#pragma once
// Platens shared by the calibration tests: a defective sensor behind a clean platen, and one with
// dust and a latent print. The numbers are plausible for an optical scanner a few years in service.
#include <filesystem>
#include <random>
#include <string>

#include "devices/sim/fingerprints/platen_model.h"

namespace kiosk::test {

inline sim::PlatenOptions defectiveSensor(std::uint64_t seed = 7) {
    sim::PlatenOptions o;
    o.whiteLevelGrey = 232;
    o.falloffPercent = 35;
    o.gradientPercent = 12;
    o.gradientAngleDeg = 30;
    o.gainNoisePercent = 2.0;
    o.temporalNoiseGrey = 1.5;
    o.deadPixels = 12;
    o.hotPixels = 6;
    o.seed = seed;
    return o;
}

inline sim::PlatenOptions dirtyPlaten(std::uint64_t seed = 7) {
    sim::PlatenOptions o = defectiveSensor(seed);
    o.dustSpecks = 5;
    o.latentPrint = true;
    o.latentCentreXPx = 230;
    o.latentCentreYPx = 140;
    return o;
}

// A fresh folder under the system temp dir, removed when the test ends.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / ("kiosk-calfp-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

}  // namespace kiosk::test
