#pragma once
// The stored flat-field correction: one binary file in the calibration folder. A fixed header (magic,
// version, size, frame count, target white, defect count, creation time) and a CRC-32 over the whole
// file, so a truncated, damaged or foreign file is refused with a clear error and never applied half.
//
//   0  "KIOSKFFC"           8 bytes
//   8  version (1)          u32     all integers little-endian
//  12  width, height        u32 u32
//  20  frame count          u32
//  24  target white         f32 (IEEE 754)
//  28  defect count         u32
//  32  created, UTC ISO 8601, NUL-padded, 24 bytes
//  56  CRC-32 (IEEE 802.3) of every byte of the file except these four
//  60  gain per pixel       f32 x width*height, row-major
//  ..  defect pixel indices u32 x defect count, ascending
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "app/calibration/fingerprint/flat_field.h"
#include "app/core/error.h"

namespace kiosk::calibration::fingerprint {

inline constexpr const char* kCorrectionFileName = "fingerprint-flatfield.bin";

[[nodiscard]] std::vector<std::uint8_t> encodeCorrection(const FlatFieldCorrection& correction);
[[nodiscard]] Result<FlatFieldCorrection> decodeCorrection(std::span<const std::uint8_t> bytes);

// Written beside, then renamed over the old file: a crash leaves the old correction or the new one.
// Returns the file's path.
[[nodiscard]] Result<std::filesystem::path> saveCorrection(const std::filesystem::path& calibrationDir,
                                                           const FlatFieldCorrection& correction);
[[nodiscard]] Result<FlatFieldCorrection> loadCorrection(const std::filesystem::path& file);
[[nodiscard]] inline std::filesystem::path correctionPath(const std::filesystem::path& calibrationDir) {
    return calibrationDir / kCorrectionFileName;
}

}  // namespace kiosk::calibration::fingerprint
