#pragma once
// Flat-field calibration of an optical fingerprint scanner, the image side: from frames of the empty,
// clean platen, estimate the per-pixel background (illumination times the sensor's fixed gain
// pattern), separate the smooth illumination from local defects (dirt or a latent print on the
// glass: the technician must clean, never bake it in; dead or stuck pixels: repaired by
// interpolation), and build the correction that makes the empty platen a flat white.
#include <cstdint>
#include <string>
#include <vector>

#include "app/core/error.h"
#include "app/core/grey_image.h"

namespace kiosk::calibration::fingerprint {

// Every tunable of the estimate, grouped by stage.
struct FlatFieldOptions {
    int minFrames = 4;                     // temporal std needs a few frames
    // Illumination surface: robust block medians, then a least-squares polynomial with outlier
    // blocks rejected (illumination is smooth; dirt and defects are not).
    int surfaceBlockPx = 8;
    int surfaceDegree = 6;
    int surfaceIterations = 4;
    double surfaceMinRejectPercent = 0.4;  // a block this far from the fit is always an outlier
    // Stuck pixels: far from the surface and (almost) no temporal noise.
    // A hot pixel at 255 over a 232 background is only 10 % off; the zero noise is what tells it
    // apart. (A pixel saturated by the background itself reads the same and is treated alike.)
    double stuckMinDeviationPercent = 6;
    double stuckMaxTemporalStdGrey = 0.3;
    // Dirt and latent prints: connected regions where the (lightly smoothed) frame departs from the
    // surface. The gain pattern is ~1-2 % per pixel; smoothing brings it well under the threshold.
    double dirtSmoothingSigmaPx = 2.0;
    double dirtMinDeviationPercent = 2.5;
    int dirtMinAreaPx = 6;
    int dirtMergeRadiusPx = 4;             // ridges of one latent print join into one region
    int dirtMarginPx = 3;                  // around each highlighted region
    // Correction.
    double maxGain = 4.0;                  // pixels needing more are treated as defects
    // The flat white the correction brings the empty platen to. Fixed near white because the
    // extractor and the quality score are tuned on such images (white background, dark ridges):
    // a dim or aged LED then costs noise, not ridge contrast. 0: keep the platen's own level (this
    // percentile of the clean background surface) and only flatten it.
    double targetWhiteGrey = 240;
    double targetWhitePercentile = 99;
};

struct PixelRect {
    int x = 0, y = 0, width = 0, height = 0;
};

struct DefectPixel {
    int x = 0, y = 0;
    float value = 0;  // what it reads
};

struct FlatFieldEstimate {
    int width = 0;
    int height = 0;
    int frameCount = 0;
    std::vector<float> meanGrey;          // per pixel, over the frames
    std::vector<float> temporalStdGrey;   // per pixel
    std::vector<float> illuminationGrey;  // the smooth surface
    std::vector<DefectPixel> stuckPixels;  // dead (dark) and hot (bright), row-major order
    std::vector<PixelRect> dirtRegions;   // "clean here"; empty when the platen is clean
    double dirtAreaPx = 0;
    double targetWhiteGrey = 0;
    double saturatedPercent = 0;          // background pixels at 255: the surface is unreliable there
};

[[nodiscard]] Result<FlatFieldEstimate> estimateFlatField(const std::vector<GreyImage>& emptyPlatenFrames,
                                                          const FlatFieldOptions& options = {});

// What is stored and applied: corrected = raw * gain, then defect pixels repaired from neighbours.
struct FlatFieldCorrection {
    int width = 0;
    int height = 0;
    int frameCount = 0;
    std::string createdUtc;  // ISO 8601
    float targetWhiteGrey = 0;
    std::vector<float> gain;               // per pixel
    std::vector<std::uint32_t> defects;    // row-major pixel indices, ascending
};

// Refuses an estimate with dirt: it would be baked into every later capture.
[[nodiscard]] Result<FlatFieldCorrection> makeCorrection(const FlatFieldEstimate& estimate, std::string createdUtc,
                                                         const FlatFieldOptions& options = {});
// Identity-sized check first: an image of another size is refused (the caller decides to pass it on).
[[nodiscard]] Result<GreyImage> applyCorrection(const FlatFieldCorrection& correction, const GreyImage& raw);

// Background non-uniformity of an empty-platen frame: (p99 - p1) / mean of the frame smoothed with a
// Gaussian of sigmaPx, in percent. Smoothing keeps sensor noise out of a figure about illumination.
[[nodiscard]] double backgroundNonUniformityPercent(const GreyImage& frame, double sigmaPx = 3.0);
// The per-pixel mean of frames of one size (empty when none or sizes differ).
[[nodiscard]] GreyImage averageFrames(const std::vector<GreyImage>& frames);

}  // namespace kiosk::calibration::fingerprint
