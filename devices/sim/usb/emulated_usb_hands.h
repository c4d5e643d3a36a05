#pragma once
// The simulator's hand on emulated USB devices (--emulated-usb): the kiosk runs its real drivers
// over real libusb, and this plays the other side through the umockdev bus: a keyboard MRZ reader
// that types the passport's lines, an R30x module with a finger on its sensor, a receipt printer
// whose job bytes are turned back into paper. Plugging and unplugging are the bus's.
//
// Create it before the kiosk's usb::UsbContext (libusb reads the testbed when it starts), and
// destroy it after every driver: it owns the bus the drivers talk to.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/core/error.h"
#include "devices/sim/receipt_paper.h"
#include "devices/sim/simulator_hands.h"

namespace kiosk::sim::usb {

class UmockdevUsbBus;
class HidKeyboardReaderModel;
class R30xModuleModel;
class UsbPrinterModel;

// How the kiosk's configuration should select one emulated device.
struct EmulatedDeviceId {
    std::uint16_t vendorId = 0;
    std::uint16_t productId = 0;
    std::string serial;
    std::string busPath;
};

class EmulatedUsbHands final : public SimulatorHands {
public:
    // A testbed with the three devices plugged in. Fails (Unsupported) without umockdev's preload.
    [[nodiscard]] static Result<std::unique_ptr<EmulatedUsbHands>> create(std::filesystem::path receiptsDir,
                                                                          int dotsPerLine);
    ~EmulatedUsbHands() override;
    EmulatedUsbHands(const EmulatedUsbHands&) = delete;
    EmulatedUsbHands& operator=(const EmulatedUsbHands&) = delete;

    [[nodiscard]] const EmulatedDeviceId& passportReader() const { return readerId_; }
    [[nodiscard]] const EmulatedDeviceId& fingerprintScanner() const { return scannerId_; }
    [[nodiscard]] const EmulatedDeviceId& receiptPrinter() const { return printerId_; }

    void presentMrz(std::vector<std::string> lines) override;
    void presentUnreadable(const std::string& reason) override;
    void placeFinger(GreyImage image) override;
    void setConnected(SimDevice device, bool connected) override;
    void setPrinterStatus(const devices::PrinterStatus& status) override;
    // The keyboard-wedge reader cannot sense a passport, and the printer model reports the
    // presenter as set with setPrinterStatus: nothing to pick up here.
    void takeItems() override {}
    void setPageHandler(PageHandler handler) override;

    // The synthetic impression as the R30x's 256 x 288 sensor sees it: a window of the sensor's size
    // cut around the print's centre, at the same scale (both 500 dpi), white where the window runs
    // past the impression. Scaling instead would shrink the ridges and the minutiae spacing.
    [[nodiscard]] static GreyImage fitToSensor(const GreyImage& impression);

private:
    EmulatedUsbHands(std::filesystem::path receiptsDir, int dotsPerLine);
    void run();

    ReceiptPaper paper_;
    std::unique_ptr<UmockdevUsbBus> bus_;
    std::shared_ptr<HidKeyboardReaderModel> reader_;
    std::shared_ptr<R30xModuleModel> scanner_;
    std::shared_ptr<UsbPrinterModel> printer_;
    int readerBusId_ = 0;
    int scannerBusId_ = 0;
    int printerBusId_ = 0;
    EmulatedDeviceId readerId_;
    EmulatedDeviceId scannerId_;
    EmulatedDeviceId printerId_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;  // drains the printer
};

}  // namespace kiosk::sim::usb
