#pragma once
// A fingerprint scanner whose platen the simulator puts fingers on. A capture waits until a finger
// is placed; a finger placed before a capture starts is delivered to the next capture. Everything
// the sensor outputs goes through the platen model (ideal by default: images unchanged).
#include <mutex>
#include <optional>

#include "devices/fingerprint/fingerprint_scanner.h"
#include "devices/sim/fingerprints/platen_model.h"

namespace kiosk::sim {

class SimulatedFingerprintScanner final : public devices::FingerprintScanner {
public:
    void startCapture(CaptureHandler handler) override;
    void cancelCapture() override;
    [[nodiscard]] devices::DeviceHealth health() const override;
    [[nodiscard]] std::string name() const override { return "simulated fingerprint scanner"; }
    [[nodiscard]] devices::DeviceIdentity identity() const override {
        return {"Kiosk simulator", "simulated optical scanner 500 dpi", "SIM-0001", "sim-1", "simulated"};
    }
    // The platen as it is now: the finger waiting for a capture, else the test target, else nothing.
    [[nodiscard]] Result<GreyImage> captureFrame() override;

    void placeFinger(GreyImage image);
    void setConnected(bool connected);
    [[nodiscard]] bool capturing() const;

    // The platen's imperfections (calibration tests, kioskctl calibrate fingerprint --simulated).
    void setPlaten(PlatenModel platen);
    [[nodiscard]] PlatenModel platen() const;
    // The technician wipes the glass (dust and latent print gone).
    void cleanPlaten();
    // A contrast/sharpness target lies on the platen until removed; captureFrame() images it.
    void placeTestTarget(const TestTargetOptions& options = {});
    void removeTestTarget();

private:
    mutable std::mutex mutex_;
    CaptureHandler pending_;
    std::optional<GreyImage> onPlaten_;
    std::optional<GreyImage> testTarget_;
    PlatenModel platen_;
    bool connected_ = true;
};

}  // namespace kiosk::sim
