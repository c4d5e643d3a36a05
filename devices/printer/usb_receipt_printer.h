#pragma once
// Driver: a receipt printer of the USB printer class speaking ESC/POS (protocol in
// usb_printer_protocol.h). Its supervisor (devices/usb) keeps the printer open and reopens it after
// an unplug; between jobs the session polls the real-time status.
//
// Session state machine, one transfer per state:
//   Claim (detaches usblp) -> DeviceId (GET_DEVICE_ID) -> PortStatus (GET_PORT_STATUS) -> Status
//   (DLE EOT 1..4, and DLE EOT 20 for printers with a presenter) -> Idle; Idle -> Status every
//   kStatusInterval. print() (another thread) takes the device between states: Status -> Chunk...
//   (bulk OUT, kChunkSize bytes each) -> Status. A failed chunk is not resent: the printer may have
//   printed part of it; the caller decides (reprint or void).
#include <chrono>
#include <memory>
#include <mutex>

#include "devices/printer/receipt_printer.h"
#include "devices/printer/usb_printer_protocol.h"
#include "devices/usb/usb_device_supervisor.h"

namespace kiosk::devices {

struct UsbReceiptPrinterOptions {
    int interfaceNumber = 0;
    std::uint8_t bulkOut = 0x01;
    std::uint8_t bulkIn = 0x81;
    int dotsPerLine = 576;
    bool fullStatus = true;  // the printer answers DLE EOT 20 (Custom kiosk printers)
};

class UsbReceiptPrinter final : public ReceiptPrinter {
public:
    static constexpr std::size_t kChunkSize = 4096;
    static constexpr std::chrono::milliseconds kChunkTimeout{5000};
    static constexpr std::chrono::milliseconds kStatusTimeout{500};
    static constexpr std::chrono::milliseconds kStatusInterval{1000};

    UsbReceiptPrinter(std::shared_ptr<usb::UsbContext> context, usb::UsbDeviceSelector selector,
                      UsbReceiptPrinterOptions options = {});
    ~UsbReceiptPrinter() override;

    [[nodiscard]] Result<void> print(std::span<const std::uint8_t> escposJob) override;
    [[nodiscard]] PrinterStatus status() const override;
    [[nodiscard]] DeviceHealth health() const override;
    [[nodiscard]] std::string name() const override { return "USB receipt printer " + selector_.describe(); }
    [[nodiscard]] int dotsPerLine() const override { return options_.dotsPerLine; }
    [[nodiscard]] Result<void> retractTicket() override;
    [[nodiscard]] DeviceIdentity identity() const override;

    [[nodiscard]] usbprinter::DeviceId deviceId() const;
    [[nodiscard]] int connections() const { return supervisor_->connections(); }

private:
    Result<void> session(usb::UsbDevice& device);
    Result<PrinterStatus> queryStatus(usb::UsbDevice& device);
    Result<std::vector<std::uint8_t>> ask(usb::UsbDevice& device, std::uint8_t n, std::size_t length);

    usb::UsbDeviceSelector selector_;
    UsbReceiptPrinterOptions options_;
    // Transfers (status polling, print jobs) take ioMutex_; the cached state below takes mutex_, and
    // only for a moment, so status() and health() on the UI thread never wait for the printer.
    // device_ is cleared only while holding both.
    std::mutex ioMutex_;
    mutable std::mutex mutex_;  // guards device_ and everything below
    usb::UsbDevice* device_ = nullptr;
    PrinterStatus status_;
    usbprinter::DeviceId deviceId_;
    std::string statusProblem_;
    std::unique_ptr<usb::UsbDeviceSupervisor> supervisor_;
};

}  // namespace kiosk::devices
