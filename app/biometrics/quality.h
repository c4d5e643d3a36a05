#pragma once
// Image quality, FIRST STAGE: a simple 0-100 score from foreground coverage, contrast and
// ridge-orientation coherence plus flags. Not NFIQ 2; do not use it to compare with other vendors.
#include <cstdint>

#include "app/core/grey_image.h"

namespace kiosk::biometrics {

enum class QualityFlag : std::uint8_t { None = 0, NoFinger = 1, TooLight = 2, TooDark = 4, Partial = 8, Smudged = 16 };

struct QualityReport {
    int score = 0;            // 0 (unusable) .. 100
    std::uint8_t flags = 0;   // OR of QualityFlag values
};

[[nodiscard]] QualityReport assessQuality(const kiosk::GreyImage& image);

[[nodiscard]] constexpr bool hasFlag(const QualityReport& r, QualityFlag f) {
    return (r.flags & static_cast<std::uint8_t>(f)) != 0;
}

}  // namespace kiosk::biometrics
