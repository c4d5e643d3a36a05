#pragma once
// A fingerprint scanner whose platen the simulator puts fingers on. A capture waits until a finger
// is placed; a finger placed before a capture starts is delivered to the next capture.
#include <mutex>
#include <optional>

#include "devices/fingerprint/fingerprint_scanner.h"

namespace kiosk::sim {

class SimulatedFingerprintScanner final : public devices::FingerprintScanner {
public:
    void startCapture(CaptureHandler handler) override;
    void cancelCapture() override;
    [[nodiscard]] devices::DeviceHealth health() const override;
    [[nodiscard]] std::string name() const override { return "simulated fingerprint scanner"; }

    void placeFinger(GreyImage image);
    void setConnected(bool connected);
    [[nodiscard]] bool capturing() const;

private:
    mutable std::mutex mutex_;
    CaptureHandler pending_;
    std::optional<GreyImage> onPlaten_;
    bool connected_ = true;
};

}  // namespace kiosk::sim
