#pragma once
// Minutiae extraction: normalisation -> segmentation -> orientation field -> ridge frequency ->
// Gabor enhancement -> binarisation -> thinning -> crossing-number minutiae -> false-minutiae removal.
// See docs/biometrics.md for the stages as built and what this first stage does not do yet.
#include "app/biometrics/fingerprint_template.h"
#include "app/core/error.h"
#include "app/core/grey_image.h"

namespace kiosk::biometrics {

// Rescales to 500 dpi from image.dpi. Errors (InvalidInput) for empty/corrupt images, no finger found.
[[nodiscard]] kiosk::Result<FingerprintTemplate> extractTemplate(const kiosk::GreyImage& image);

}  // namespace kiosk::biometrics
