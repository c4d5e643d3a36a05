#pragma once
// The simulated scanner's platen and optics: what an optical (FTIR) scanner's sensor outputs for
// whatever lies on the glass. The empty platen is bright (total internal reflection), ridges in
// contact are dark. Imperfections, each switchable and all reproducible from one seed: a smooth
// non-uniform illumination (vignetting fall-off plus a linear gradient), a fixed per-pixel gain
// pattern, dust specks, a latent print left on the glass, dead (stuck dark) and hot (stuck bright)
// pixels, and temporal noise. The ground truth of each is readable, so calibration tests can compare
// their estimate with it. Qt-free and OpenCV-free in its interface.
#include <cstdint>
#include <string_view>
#include <optional>
#include <random>
#include <vector>

#include "app/core/grey_image.h"

namespace kiosk::sim {

struct PlatenOptions {
    int widthPx = 360;  // the synthetic impressions' size (devices/sim/fingerprints)
    int heightPx = 400;
    double whiteLevelGrey = 255;             // empty platen at its brightest point
    double falloffPercent = 0;               // vignetting: corners this much below the brightest point
    double gradientPercent = 0;              // linear illumination gradient, edge to edge
    double gradientAngleDeg = 0;             // direction of the gradient (0 = left to right)
    double gainNoisePercent = 0;             // fixed-pattern gain (photo response non-uniformity), std
    double temporalNoiseGrey = 0;            // read noise, std, new in every frame
    int dustSpecks = 0;
    double dustMinRadiusPx = 1.5;
    double dustMaxRadiusPx = 5.0;
    double dustTransmission = 0.45;          // light left under a speck
    bool latentPrint = false;
    int latentCentreXPx = -1;                // -1: placed from the seed
    int latentCentreYPx = -1;
    double latentRadiusPx = 45;
    double latentDepthPercent = 14;          // darkening of the residue ridges
    int deadPixels = 0;
    int hotPixels = 0;
    std::uint64_t seed = 1;
};

// The simulator's named platen conditions (kiosk-config simulator.fingerprint_platen, the control
// panel): "ideal" (every existing test and the demo), "worn" (uneven lamp, gain pattern, a few
// stuck pixels: what calibration corrects), "dirty" (worn plus dust and a latent print: what it must
// ask to clean first). nullopt for another name.
[[nodiscard]] std::optional<PlatenOptions> platenPreset(std::string_view name);

struct PlatenRect {
    int x = 0, y = 0, width = 0, height = 0;
};

struct StuckPixel {
    int x = 0, y = 0;
    std::uint8_t value = 0;  // what the pixel always reports
    bool hot = false;
};

struct DustSpeck {
    double x = 0, y = 0, radiusPx = 0;
};

// A test target laid on the platen: vertical bars of known Michelson contrast and period (its
// reflectance pattern as an 8-bit image, 255 = full reflection), slightly blurred by the optics.
struct TestTargetOptions {
    double michelson = 0.6;     // (light - dark) / (light + dark) of the printed bars
    double periodPx = 8;        // 500 dpi: 8 px = 0.41 mm, close to a ridge period
    double opticsBlurPx = 0.7;  // Gaussian sigma of the optics
};
[[nodiscard]] GreyImage makeTestTarget(int widthPx, int heightPx, const TestTargetOptions& options = {});

class PlatenModel {
public:
    PlatenModel();  // the ideal platen: render() returns what lies on it unchanged
    explicit PlatenModel(const PlatenOptions& options);

    [[nodiscard]] const PlatenOptions& options() const { return options_; }
    // True when rendering changes nothing (every imperfection off, white 255).
    [[nodiscard]] bool isIdeal() const;

    // The sensor's output with `onPlaten` (a finger or a target, 255 = no contact) on the glass, or
    // nothing (nullptr). A different size than the platen's is rendered through a platen of that
    // size made from the same seed.
    [[nodiscard]] GreyImage render(const GreyImage* onPlaten);
    // The technician wiped the glass: dust and latent print are gone; the sensor's defects stay.
    void clean();

    // Ground truth, row-major at the platen's size.
    [[nodiscard]] const std::vector<float>& illuminationGrey() const { return illumination_; }  // empty output without gain pattern or noise
    [[nodiscard]] const std::vector<float>& pixelGain() const { return gain_; }
    [[nodiscard]] const std::vector<StuckPixel>& stuckPixels() const { return stuck_; }
    [[nodiscard]] const std::vector<DustSpeck>& dust() const { return dust_; }
    [[nodiscard]] std::optional<PlatenRect> latentPrintBounds() const;
    [[nodiscard]] int width() const { return options_.widthPx; }
    [[nodiscard]] int height() const { return options_.heightPx; }

private:
    void build();

    PlatenOptions options_;
    std::vector<float> illumination_;
    std::vector<float> gain_;
    std::vector<float> transmission_;  // dust and latent print, 1 = clear
    std::vector<StuckPixel> stuck_;
    std::vector<DustSpeck> dust_;
    double latentX_ = 0, latentY_ = 0;
    bool latentPresent_ = false;
    std::mt19937_64 noiseRng_;
};

}  // namespace kiosk::sim
