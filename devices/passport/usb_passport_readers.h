#pragma once
// Drivers for text-output MRZ readers over USB: one as a HID boot keyboard, one as a CDC-ACM
// serial device. The protocols live in hid_boot_keyboard.h, cdc_acm.h and mrz_framer.h; these
// classes only sequence transfers. Each runs on its supervisor's thread (devices/usb), which reopens
// the reader after an unplug; the read handler runs on that thread.
//
// Session state machine (both readers), one transfer per state:
//   Claim -> Configure (HID: SET_PROTOCOL boot, SET_IDLE 0; CDC: SET_LINE_CODING, SET_CONTROL_LINE_STATE)
//   -> Read (interrupt/bulk IN with a short timeout; a timeout lets the framer end a document after
//   the idle gap) -> Read ... ; any transfer error ends the session (the supervisor reopens).
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

#include "devices/passport/cdc_acm.h"
#include "devices/passport/passport_reader.h"
#include "devices/usb/usb_device_supervisor.h"

namespace kiosk::devices {

struct HidPassportReaderOptions {
    int interfaceNumber = 0;
    std::uint8_t interruptEndpoint = 0x81;
    std::chrono::milliseconds idleGap = MrzFramer::kDefaultIdleGap;
};

class UsbHidPassportReader final : public PassportReader {
public:
    UsbHidPassportReader(std::shared_ptr<usb::UsbContext> context, usb::UsbDeviceSelector selector,
                         HidPassportReaderOptions options = {});
    ~UsbHidPassportReader() override;

    void setReadHandler(ReadHandler handler) override;
    [[nodiscard]] DeviceHealth health() const override { return supervisor_->health(); }
    [[nodiscard]] std::string name() const override { return "USB keyboard MRZ reader " + selector_.describe(); }
    [[nodiscard]] int connections() const { return supervisor_->connections(); }
    [[nodiscard]] int malformedReports() const { return malformed_; }

private:
    Result<void> session(usb::UsbDevice& device);
    void deliver(std::vector<Result<std::vector<std::string>>> documents);

    usb::UsbDeviceSelector selector_;
    HidPassportReaderOptions options_;
    mutable std::mutex mutex_;
    ReadHandler handler_;
    std::atomic<int> malformed_{0};
    std::unique_ptr<usb::UsbDeviceSupervisor> supervisor_;
};

struct SerialPassportReaderOptions {
    int communicationsInterface = 0;
    int dataInterface = 1;
    std::uint8_t bulkIn = 0x82;
    cdc::LineCoding lineCoding{9600, 0, 0, 8};
    std::chrono::milliseconds idleGap = MrzFramer::kDefaultIdleGap;
};

class UsbSerialPassportReader final : public PassportReader {
public:
    UsbSerialPassportReader(std::shared_ptr<usb::UsbContext> context, usb::UsbDeviceSelector selector,
                            SerialPassportReaderOptions options = {});
    ~UsbSerialPassportReader() override;

    void setReadHandler(ReadHandler handler) override;
    [[nodiscard]] DeviceHealth health() const override { return supervisor_->health(); }
    [[nodiscard]] std::string name() const override { return "USB serial MRZ reader " + selector_.describe(); }
    [[nodiscard]] int connections() const { return supervisor_->connections(); }

private:
    Result<void> session(usb::UsbDevice& device);
    void deliver(std::vector<Result<std::vector<std::string>>> documents);

    usb::UsbDeviceSelector selector_;
    SerialPassportReaderOptions options_;
    mutable std::mutex mutex_;
    ReadHandler handler_;
    std::unique_ptr<usb::UsbDeviceSupervisor> supervisor_;
};

}  // namespace kiosk::devices
