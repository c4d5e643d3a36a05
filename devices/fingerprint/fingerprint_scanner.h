#pragma once
// One interface for every fingerprint scanner. A capture waits for a finger on the platen and
// delivers one grey image; it can be cancelled (the traveler walked away, the kiosk timed out).
#include <functional>
#include <string>

#include "app/core/error.h"
#include "app/core/grey_image.h"
#include "devices/device_health.h"

namespace kiosk::devices {

class FingerprintScanner {
public:
    using CaptureHandler = std::function<void(Result<GreyImage>)>;

    virtual ~FingerprintScanner() = default;
    // Starts waiting for a finger; the handler runs once, on the driver's thread.
    virtual void startCapture(CaptureHandler handler) = 0;
    virtual void cancelCapture() = 0;
    [[nodiscard]] virtual DeviceHealth health() const = 0;
    [[nodiscard]] virtual std::string name() const = 0;
    [[nodiscard]] virtual DeviceIdentity identity() const { return {}; }
    // One frame of whatever lies on the platen, finger or not, at once: the technician's live view
    // and the calibration wizards. Scanners that only image a detected finger cannot.
    [[nodiscard]] virtual Result<GreyImage> captureFrame() {
        return fail(Error::Code::Unsupported, "this scanner cannot take a frame without a finger");
    }
};

}  // namespace kiosk::devices
