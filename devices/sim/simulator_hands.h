#pragma once
// What the simulator's hand does to the kiosk's devices: put a passport on the reader, a finger on
// the scanner, pull a cable, open the printer's cover, and collect the paper. The control panel and
// the scenario player act only through this, so the same scenario plays against the simulated
// devices (SimulatedDeviceHands) and against the real USB drivers driving emulated devices
// (sim::usb::EmulatedUsbHands, --emulated-usb).
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/core/grey_image.h"
#include "devices/printer/receipt_printer.h"

namespace kiosk::sim {

class SimulatedPassportReader;
class SimulatedFingerprintScanner;
class SimulatedReceiptPrinter;

enum class SimDevice { PassportReader, FingerprintScanner, ReceiptPrinter };

class SimulatorHands {
public:
    using PageHandler = std::function<void(const std::filesystem::path&)>;
    virtual ~SimulatorHands() = default;

    // The reader frames these lines.
    virtual void presentMrz(std::vector<std::string> lines) = 0;
    // The reader saw a document but found no machine readable zone.
    virtual void presentUnreadable(const std::string& reason) = 0;
    // A finger on the scanner; captured by the current or the next capture.
    virtual void placeFinger(GreyImage image) = 0;
    virtual void setConnected(SimDevice device, bool connected) = 0;
    virtual void setPrinterStatus(const devices::PrinterStatus& status) = 0;
    // The fingerprint platen ("ideal", "worn", "dirty"), its wiping, and the calibration test target;
    // false where the scanner is not the simulated one (emulated USB modules have no platen model).
    virtual bool setPlatenCondition(const std::string& /*condition*/) { return false; }
    virtual void wipePlaten() {}
    virtual void showTestTarget(bool /*shown*/) {}
    // The traveler picks up the passport and takes the receipt from the presenter.
    virtual void takeItems() = 0;
    // Called (on any thread) with the path of every receipt page saved.
    virtual void setPageHandler(PageHandler handler) = 0;
};

// Over the in-process simulated devices: today's simulator. A role without a simulated device
// (null: a real USB device is configured for it) is left alone, as a person would have to act on
// the real device.
class SimulatedDeviceHands final : public SimulatorHands {
public:
    SimulatedDeviceHands(std::shared_ptr<SimulatedPassportReader> passportReader,
                         std::shared_ptr<SimulatedFingerprintScanner> fingerprintScanner,
                         std::shared_ptr<SimulatedReceiptPrinter> receiptPrinter);
    ~SimulatedDeviceHands() override;

    void presentMrz(std::vector<std::string> lines) override;
    void presentUnreadable(const std::string& reason) override;
    void placeFinger(GreyImage image) override;
    void setConnected(SimDevice device, bool connected) override;
    void setPrinterStatus(const devices::PrinterStatus& status) override;
    bool setPlatenCondition(const std::string& condition) override;
    void wipePlaten() override;
    void showTestTarget(bool shown) override;
    void takeItems() override;
    void setPageHandler(PageHandler handler) override;

private:
    std::shared_ptr<SimulatedPassportReader> passportReader_;
    std::shared_ptr<SimulatedFingerprintScanner> fingerprintScanner_;
    std::shared_ptr<SimulatedReceiptPrinter> receiptPrinter_;
};

}  // namespace kiosk::sim
