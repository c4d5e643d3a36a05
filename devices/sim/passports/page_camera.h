#pragma once
// A simulated page camera: photographs a passport data page or a blank white card the way a
// camera-based document reader does, for the passport camera calibration (issue 9). It adds what a
// real reader's optics and light add: vignetting (cos^4-like fall-off towards the corners) and uneven
// illumination, defocus blur growing with the distance from best focus (the technician's focus
// adjustment), a small placement error of the page (rotation, scale, offset), sensor noise. Every
// effect is a known value, so tests can compare a calibration's estimate with the ground truth.
// Default options are an ideal camera. Seeded and deterministic; plain OpenCV inside.
#include <array>
#include <cstdint>
#include <vector>

#include "app/core/grey_image.h"

namespace kiosk::sim {

struct PageCameraOptions {
    int width = 1000, height = 704;  // the sensor's frame; the TD3 page at 8 px/mm fills it
    int dpi = 203;                   // stated resolution of the frame (8 px/mm)
    double whiteGreyLevel = 255.0;   // what a white card gives at the brightest point (exposure)
    // Illumination: cos^4(atan(k r)) fall-off with r the distance from the optical centre over the
    // half diagonal, k chosen so that the corners get (1 - vignettingStrength) of the centre.
    double vignettingStrength = 0.0;                // 0..0.95
    std::array<double, 2> opticalCentreOffsetPx{};  // optical centre relative to the frame centre
    double illuminationTilt = 0.0;                  // linear gain change from left to right edge, -0.5..0.5
    // Focus: blur sigma = defocusSigmaPerStepPx * |focus step - bestFocusStep|.
    int minFocusStep = -20, maxFocusStep = 20;
    int bestFocusStep = 0;
    int initialFocusStep = 0;
    double defocusSigmaPerStepPx = 0.35;
    // Where the page lands on the sensor: rotated and scaled about the frame centre, then shifted.
    double rotationDeg = 0.0;
    double scale = 1.0;
    std::array<double, 2> offsetPx{};
    double noiseSigma = 0.0;  // grey levels, Gaussian, a new draw for every frame
    std::uint64_t seed = 1;
};

// A per-pixel gain (1 = as bright as the brightest point could be), row-major, width x height.
struct GainMap {
    int width = 0, height = 0;
    std::vector<float> values;
    [[nodiscard]] float at(int x, int y) const {
        return values[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
    }
};

class SimulatedPageCamera {
public:
    explicit SimulatedPageCamera(PageCameraOptions options = {});

    // A photograph of the page (any size; it is placed with its top-left at the frame's top-left
    // before the placement error). Grey levels of the page are reflectances (255 = white).
    [[nodiscard]] GreyImage capture(const GreyImage& page);
    // A photograph of a uniform white card filling the frame.
    [[nodiscard]] GreyImage captureBlankCard();

    void setFocus(int step);  // clamped to [minFocusStep, maxFocusStep]
    [[nodiscard]] int focus() const { return focusStep_; }
    [[nodiscard]] int minFocusStep() const { return options_.minFocusStep; }
    [[nodiscard]] int maxFocusStep() const { return options_.maxFocusStep; }

    // Ground truth.
    [[nodiscard]] const PageCameraOptions& options() const { return options_; }
    [[nodiscard]] double currentBlurSigmaPx() const;
    [[nodiscard]] const GainMap& trueGain() const { return gain_; }  // vignetting x illumination
    // page -> frame: x' = a00 x + a01 y + a02, y' = a10 x + a11 y + a12.
    [[nodiscard]] std::array<double, 6> truePageToFrame() const;

private:
    [[nodiscard]] GreyImage photograph(const GreyImage* page);
    PageCameraOptions options_;
    int focusStep_ = 0;
    GainMap gain_;
    std::uint64_t frames_ = 0;
};

}  // namespace kiosk::sim
