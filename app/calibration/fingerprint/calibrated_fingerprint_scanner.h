#pragma once
// A fingerprint scanner that applies the stored flat-field correction to everything the scanner it
// wraps delivers (captures and frames). Without a correction, or when the scanner's image size does
// not match the correction's (another scanner was fitted), images pass through unchanged and
// health().detail says why, so a stale correction never distorts a capture and never stops the kiosk.
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/calibration/fingerprint/flat_field.h"
#include "devices/fingerprint/fingerprint_scanner.h"

namespace kiosk::calibration::fingerprint {

class CalibratedFingerprintScanner final : public devices::FingerprintScanner {
public:
    explicit CalibratedFingerprintScanner(std::shared_ptr<devices::FingerprintScanner> inner,
                                          std::optional<FlatFieldCorrection> correction = std::nullopt);
    // Loads <calibrationDir>/fingerprint-flatfield.bin; a missing or refused file leaves the scanner
    // uncorrected with the reason in health().detail.
    [[nodiscard]] static std::shared_ptr<CalibratedFingerprintScanner> withStoredCorrection(
        std::shared_ptr<devices::FingerprintScanner> inner, const std::filesystem::path& calibrationDir);

    void startCapture(CaptureHandler handler) override;
    void cancelCapture() override;
    [[nodiscard]] devices::DeviceHealth health() const override;
    [[nodiscard]] std::string name() const override;
    [[nodiscard]] devices::DeviceIdentity identity() const override;
    [[nodiscard]] Result<GreyImage> captureFrame() override;

    // After a calibration: takes effect from the next image.
    void setCorrection(std::optional<FlatFieldCorrection> correction);
    [[nodiscard]] bool hasCorrection() const;
    // The scanner underneath: calibration wizards must see raw images.
    [[nodiscard]] const std::shared_ptr<devices::FingerprintScanner>& raw() const { return inner_; }

private:
    void correctInPlace(GreyImage& image) const;

    std::shared_ptr<devices::FingerprintScanner> inner_;
    mutable std::mutex mutex_;
    std::shared_ptr<const FlatFieldCorrection> correction_;  // swapped whole; captures in flight keep theirs
    std::string note_;                                       // why images pass through, for health()
    mutable std::string mismatch_;
};

}  // namespace kiosk::calibration::fingerprint
