#pragma once
// Driver: an R30x fingerprint module behind a CP210x USB-to-UART bridge (protocols in
// r30x_protocol.h and cp210x.h). Runs on its supervisor's thread (devices/usb), which reopens the
// bridge after an unplug.
//
// Session state machine, one transfer per state:
//   Claim -> BridgeEnable (IFC_ENABLE) -> BridgeBaud (SET_BAUDRATE) -> BridgeLineCtl (SET_LINE_CTL)
//   -> BridgePurge -> Handshake (HandShake, ack 00) -> Idle
//   Idle: waits for a capture; every kIdleCheck sends HandShake so an unplugged module is noticed.
//   Capture: LedOn -> GenImg (ack 02 no finger: again after kFingerPoll; 00: finger) -> UpImage
//   (ack 00) -> Data packets until end-of-data -> unpack -> LedOff -> Idle.
//   A corrupt or short packet, or a data stream that stops, restarts UpImage (kUploadAttempts in
//   all); it never becomes an image. The capture handler runs once, on the driver's thread; a
//   cancelled capture never calls it.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "devices/fingerprint/fingerprint_scanner.h"
#include "devices/fingerprint/r30x_protocol.h"
#include "devices/usb/usb_device_supervisor.h"

namespace kiosk::devices {

struct R30xScannerOptions {
    std::uint32_t address = r30x::kDefaultAddress;
    std::uint32_t baud = r30x::kDefaultBaud;
    bool hasLed = true;  // R503's AuraLedConfig; modules without it answer with an error, ignored
    std::chrono::milliseconds captureTimeout{20000};
    std::chrono::milliseconds fingerPoll{50};
    int dpi = 500;  // R30x sensors: 500 dpi (datasheets)
};

class R30xFingerprintScanner final : public FingerprintScanner {
public:
    static constexpr std::chrono::milliseconds kCommandTimeout{1000};
    static constexpr std::chrono::milliseconds kDataTimeout{1000};  // between two data packets
    static constexpr std::chrono::milliseconds kIdleCheck{1000};
    static constexpr int kUploadAttempts = 3;

    R30xFingerprintScanner(std::shared_ptr<usb::UsbContext> context, usb::UsbDeviceSelector selector,
                           R30xScannerOptions options = {});
    ~R30xFingerprintScanner() override;

    void startCapture(CaptureHandler handler) override;
    void cancelCapture() override;
    [[nodiscard]] DeviceHealth health() const override { return supervisor_->health(); }
    [[nodiscard]] std::string name() const override { return "R30x fingerprint module " + selector_.describe(); }
    [[nodiscard]] int connections() const { return supervisor_->connections(); }
    [[nodiscard]] int uploadRetries() const { return uploadRetries_; }

private:
    Result<void> session(usb::UsbDevice& device);
    Result<r30x::Packet> transact(usb::UsbDevice& device, r30x::Instruction instruction,
                                  std::span<const std::uint8_t> parameters, usb::CancelToken* cancel);
    Result<r30x::Packet> readPacket(usb::UsbDevice& device, std::chrono::milliseconds timeout, usb::CancelToken* cancel);
    Result<GreyImage> capture(usb::UsbDevice& device);
    Result<std::vector<std::uint8_t>> upload(usb::UsbDevice& device);
    void setLed(usb::UsbDevice& device, r30x::LedMode mode);
    void drain(usb::UsbDevice& device);

    usb::UsbDeviceSelector selector_;
    R30xScannerOptions options_;
    r30x::PacketReader reader_;
    std::mutex mutex_;
    std::condition_variable wake_;
    CaptureHandler pending_;
    usb::CancelToken captureCancel_;
    std::atomic<int> uploadRetries_{0};
    std::unique_ptr<usb::UsbDeviceSupervisor> supervisor_;
};

}  // namespace kiosk::devices
