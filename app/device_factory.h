#pragma once
// Builds the kiosk's three devices from the configuration: per role, the simulated device or the
// USB driver kiosk-config names; the passport reader may also be an image reader (the camera page
// reader, or the simulator's page reader), whose pages the workflow reads with the OCR. The USB drivers share one usb::UsbContext (one libusb event
// thread), created only when at least one role uses USB, so a fully simulated kiosk never touches
// libusb.
#include <filesystem>
#include <memory>

#include "app/config/kiosk_config.h"
#include "app/core/error.h"

namespace kiosk::devices {
class PassportReader;
class FingerprintScanner;
class ReceiptPrinter;
}  // namespace kiosk::devices
namespace kiosk::usb {
class UsbContext;
}
namespace kiosk::sim {
class SimulatorHands;
}

namespace kiosk::app {

struct KioskDevices {
    std::shared_ptr<devices::PassportReader> passportReader;
    std::shared_ptr<devices::FingerprintScanner> fingerprintScanner;
    std::shared_ptr<devices::ReceiptPrinter> receiptPrinter;
    // The simulator's hand on the simulated roles (USB roles are left to a person, or to the
    // emulated devices' hands with --emulated-usb).
    std::shared_ptr<sim::SimulatorHands> hands;
    std::shared_ptr<usb::UsbContext> usbContext;  // null unless a role uses USB
};

// receiptsDir: where the simulated printer saves its pages.
[[nodiscard]] Result<KioskDevices> makeDevices(const config::KioskConfig& config,
                                               const std::filesystem::path& receiptsDir);

}  // namespace kiosk::app
