#pragma once
// Minutiae extraction: normalisation -> segmentation -> orientation field -> ridge frequency ->
// Gabor enhancement -> binarisation -> thinning -> crossing-number minutiae -> false-minutiae removal.
// See docs/biometrics.md for the stages as built and what this first stage does not do yet.
#include <vector>

#include "app/biometrics/fingerprint_template.h"
#include "app/core/error.h"
#include "app/core/grey_image.h"

namespace kiosk::biometrics {

// Rescales to 500 dpi from image.dpi. Errors (InvalidInput) for empty/corrupt images, no finger found.
[[nodiscard]] kiosk::Result<FingerprintTemplate> extractTemplate(const kiosk::GreyImage& image);

// What the stages saw, for the technician's live view and the docs' pictures: all in the 500 dpi
// image's pixels (width x height), the same frame the template's minutiae use.
struct ExtractionStages {
    int width = 0, height = 0;             // 0 when the image could not even be rescaled
    std::vector<std::uint8_t> mask;        // segmentation, row-major: 255 finger, 0 background
    double foregroundFraction = 0.0;
    int blockSizePx = 16;                  // the orientation field, averaged per block
    int blocksWide = 0, blocksHigh = 0;
    std::vector<float> blockRidgeAngleRad;  // ridge direction, image axes (y down), [0, pi); < 0: background
    std::vector<float> blockCoherence;      // 0..1
    double ridgePeriodPx = 0.0;            // the global estimate
    std::vector<std::uint8_t> enhanced;    // contextual (Gabor) filter output, row-major: 128 = 0, ridges bright
    std::vector<std::uint8_t> skeleton;    // thinned ridges, row-major: 255 ridge skeleton, 0 elsewhere
};

struct StagedExtraction {
    kiosk::Result<FingerprintTemplate> result;  // exactly what extractTemplate returns for the image
    ExtractionStages stages;                    // filled as far as the extraction got
};

// extractTemplate plus its intermediate results; slower only by the block averaging of the field.
[[nodiscard]] StagedExtraction extractWithStages(const kiosk::GreyImage& image);

}  // namespace kiosk::biometrics
