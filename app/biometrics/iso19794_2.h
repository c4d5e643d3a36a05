#pragma once
// ISO/IEC 19794-2:2005 finger minutiae record ("FMR\0", version " 20\0"), record format only
// (no card formats). Angles are stored in units of 360/256 degrees, resolution in pixels per cm.
#include <cstdint>
#include <span>
#include <vector>

#include "app/biometrics/fingerprint_template.h"
#include "app/core/error.h"
#include "app/core/finger_position.h"

namespace kiosk::biometrics {

[[nodiscard]] std::vector<std::uint8_t> encodeIso19794_2(const FingerprintTemplate& t, kiosk::FingerPosition position);

// First finger view; every malformed/truncated record -> InvalidInput with what is wrong and at which byte offset.
[[nodiscard]] kiosk::Result<FingerprintTemplate> decodeIso19794_2(std::span<const std::uint8_t> record);

}  // namespace kiosk::biometrics
