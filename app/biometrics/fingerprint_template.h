#pragma once
// A finger's minutiae as the kiosk stores and compares them. Coordinates are pixels at 500 dpi,
// origin top-left, y down; angles in radians in [0, 2*pi), counter-clockwise from the +x axis as seen
// on the image (y pointing up), as ISO/IEC 19794-2 counts them. Which way along the ridge this
// extractor points the angle is stated in feature_extractor.cpp (interoperability: see docs/biometrics.md).
#include <cstdint>
#include <vector>

namespace kiosk::biometrics {

struct Minutia {
    std::uint16_t x = 0, y = 0;
    float angleRad = 0;
    enum class Type : std::uint8_t { Other, Ending, Bifurcation } type{};
    std::uint8_t quality = 0;  // 0..100
};

struct FingerprintTemplate {
    int width = 0, height = 0;  // of the (500 dpi) image the minutiae come from
    int dpi = 500;
    std::uint8_t quality = 0;  // 0..100
    std::vector<Minutia> minutiae;
};

}  // namespace kiosk::biometrics
