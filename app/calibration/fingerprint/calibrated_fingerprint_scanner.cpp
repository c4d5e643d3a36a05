#include "app/calibration/fingerprint/calibrated_fingerprint_scanner.h"

#include <utility>

#include "app/calibration/fingerprint/correction_file.h"

namespace kiosk::calibration::fingerprint {

CalibratedFingerprintScanner::CalibratedFingerprintScanner(std::shared_ptr<devices::FingerprintScanner> inner,
                                                           std::optional<FlatFieldCorrection> correction)
    : inner_(std::move(inner)) {
    setCorrection(std::move(correction));
}

std::shared_ptr<CalibratedFingerprintScanner> CalibratedFingerprintScanner::withStoredCorrection(
    std::shared_ptr<devices::FingerprintScanner> inner, const std::filesystem::path& calibrationDir) {
    auto loaded = loadCorrection(correctionPath(calibrationDir));
    auto scanner = std::make_shared<CalibratedFingerprintScanner>(
        std::move(inner), loaded ? std::optional<FlatFieldCorrection>(std::move(*loaded)) : std::nullopt);
    if (!loaded) {
        std::lock_guard lock(scanner->mutex_);
        scanner->note_ = "flat-field correction not applied: " + loaded.error().message;
    }
    return scanner;
}

void CalibratedFingerprintScanner::setCorrection(std::optional<FlatFieldCorrection> correction) {
    std::lock_guard lock(mutex_);
    correction_ = correction ? std::make_shared<const FlatFieldCorrection>(std::move(*correction)) : nullptr;
    note_ = correction_ ? std::string() : std::string("no flat-field correction");
    mismatch_.clear();
}

bool CalibratedFingerprintScanner::hasCorrection() const {
    std::lock_guard lock(mutex_);
    return correction_ != nullptr;
}

void CalibratedFingerprintScanner::correctInPlace(GreyImage& image) const {
    std::shared_ptr<const FlatFieldCorrection> correction;
    {
        std::lock_guard lock(mutex_);
        correction = correction_;
    }
    if (!correction) return;
    auto out = applyCorrection(*correction, image);
    std::lock_guard lock(mutex_);
    if (!out) {
        mismatch_ = "flat-field correction not applied: " + out.error().message;
        return;
    }
    mismatch_.clear();
    image.pixels.swap(out->pixels);
}

void CalibratedFingerprintScanner::startCapture(CaptureHandler handler) {
    // The handler may run after this object is gone only if the owner dropped it mid-capture; the
    // kiosk keeps devices for its whole life, so capturing `this` is safe here.
    inner_->startCapture([this, handler = std::move(handler)](Result<GreyImage> result) {
        if (result) correctInPlace(*result);
        handler(std::move(result));
    });
}

void CalibratedFingerprintScanner::cancelCapture() { inner_->cancelCapture(); }

devices::DeviceHealth CalibratedFingerprintScanner::health() const {
    devices::DeviceHealth h = inner_->health();
    std::lock_guard lock(mutex_);
    const std::string& why = !mismatch_.empty() ? mismatch_ : note_;
    if (!why.empty()) h.detail = h.detail.empty() ? why : h.detail + "; " + why;
    return h;
}

std::string CalibratedFingerprintScanner::name() const { return inner_->name(); }

devices::DeviceIdentity CalibratedFingerprintScanner::identity() const { return inner_->identity(); }

Result<GreyImage> CalibratedFingerprintScanner::captureFrame() {
    auto frame = inner_->captureFrame();
    if (frame) correctInPlace(*frame);
    return frame;
}

}  // namespace kiosk::calibration::fingerprint
