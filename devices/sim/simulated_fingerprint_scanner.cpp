#include "devices/sim/simulated_fingerprint_scanner.h"

namespace kiosk::sim {

void SimulatedFingerprintScanner::startCapture(CaptureHandler handler) {
    std::optional<GreyImage> image;
    {
        std::lock_guard lock(mutex_);
        if (!connected_) {
            image.reset();
        } else if (onPlaten_) {
            image = platen_.render(&*onPlaten_);
            onPlaten_.reset();
        } else {
            pending_ = std::move(handler);
            return;
        }
    }
    if (image) handler(std::move(*image));
    else handler(fail(Error::Code::Device, "scanner is unplugged", name()));
}

void SimulatedFingerprintScanner::cancelCapture() {
    std::lock_guard lock(mutex_);
    pending_ = nullptr;
    onPlaten_.reset();
}

bool SimulatedFingerprintScanner::capturing() const {
    std::lock_guard lock(mutex_);
    return static_cast<bool>(pending_);
}

void SimulatedFingerprintScanner::placeFinger(GreyImage image) {
    CaptureHandler handler;
    {
        std::lock_guard lock(mutex_);
        if (!connected_) return;
        if (!pending_) {
            onPlaten_ = std::move(image);
            return;
        }
        handler = std::move(pending_);
        pending_ = nullptr;
        image = platen_.render(&image);
    }
    handler(std::move(image));
}

void SimulatedFingerprintScanner::setConnected(bool connected) {
    CaptureHandler handler;
    {
        std::lock_guard lock(mutex_);
        connected_ = connected;
        if (!connected) {
            onPlaten_.reset();
            handler = std::move(pending_);
            pending_ = nullptr;
        }
    }
    // A capture in progress fails the way a real one does when the cable is pulled.
    if (handler) handler(fail(Error::Code::Device, "scanner disconnected during capture", name()));
}

Result<GreyImage> SimulatedFingerprintScanner::captureFrame() {
    std::lock_guard lock(mutex_);
    if (!connected_) return fail(Error::Code::Device, "scanner is unplugged", name());
    if (onPlaten_) return platen_.render(&*onPlaten_);
    if (testTarget_) return platen_.render(&*testTarget_);
    return platen_.render(nullptr);
}

void SimulatedFingerprintScanner::setPlaten(PlatenModel platen) {
    std::lock_guard lock(mutex_);
    platen_ = std::move(platen);
}

PlatenModel SimulatedFingerprintScanner::platen() const {
    std::lock_guard lock(mutex_);
    return platen_;
}

void SimulatedFingerprintScanner::cleanPlaten() {
    std::lock_guard lock(mutex_);
    platen_.clean();
}

void SimulatedFingerprintScanner::placeTestTarget(const TestTargetOptions& options) {
    std::lock_guard lock(mutex_);
    testTarget_ = makeTestTarget(platen_.width(), platen_.height(), options);
}

void SimulatedFingerprintScanner::removeTestTarget() {
    std::lock_guard lock(mutex_);
    testTarget_.reset();
}

devices::DeviceHealth SimulatedFingerprintScanner::health() const {
    std::lock_guard lock(mutex_);
    if (!connected_) return {devices::DeviceHealth::State::Disconnected, "unplugged (simulated)"};
    return {pending_ ? devices::DeviceHealth::State::Busy : devices::DeviceHealth::State::Ready, {}};
}

}  // namespace kiosk::sim
