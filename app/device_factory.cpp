#include "app/device_factory.h"

#include "app/calibration/fingerprint/calibrated_fingerprint_scanner.h"

#include "devices/fingerprint/r30x_fingerprint_scanner.h"
#include "devices/passport/camera_page_reader.h"
#include "devices/passport/usb_passport_readers.h"
#include "devices/printer/usb_receipt_printer.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/simulated_receipt_printer.h"
#include "devices/sim/simulator_hands.h"
#include "devices/usb/usb_context.h"

namespace kiosk::app {
namespace {

using config::DeviceSource;
using config::UsbDeviceSettings;
using config::UsbDriver;
using std::chrono::milliseconds;

usb::UsbDeviceSelector selectorFor(const UsbDeviceSettings& s) {
    return {s.vendorId, s.productId, s.serial, s.busPath};
}

// Unset settings keep the Options structs' defaults, which are the documented ones (docs/devices.md).
std::shared_ptr<devices::PassportReader> usbPassportReader(std::shared_ptr<usb::UsbContext> context,
                                                           const UsbDeviceSettings& s) {
    if (s.driver == UsbDriver::CdcAcm) {
        devices::SerialPassportReaderOptions o;
        if (s.communicationsInterface) o.communicationsInterface = *s.communicationsInterface;
        if (s.dataInterface) o.dataInterface = *s.dataInterface;
        if (s.inEndpoint) o.bulkIn = *s.inEndpoint;
        if (s.idleGapMs) o.idleGap = milliseconds(*s.idleGapMs);
        if (s.baud) o.lineCoding.baud = *s.baud;
        if (s.dataBits) o.lineCoding.dataBits = static_cast<std::uint8_t>(*s.dataBits);
        if (s.parity) o.lineCoding.parity = static_cast<std::uint8_t>(*s.parity);
        if (s.stopBits) o.lineCoding.stopBits = static_cast<std::uint8_t>(*s.stopBits);
        return std::make_shared<devices::UsbSerialPassportReader>(std::move(context), selectorFor(s), o);
    }
    devices::HidPassportReaderOptions o;
    if (s.interfaceNumber) o.interfaceNumber = *s.interfaceNumber;
    if (s.inEndpoint) o.interruptEndpoint = *s.inEndpoint;
    if (s.idleGapMs) o.idleGap = milliseconds(*s.idleGapMs);
    return std::make_shared<devices::UsbHidPassportReader>(std::move(context), selectorFor(s), o);
}

std::shared_ptr<devices::FingerprintScanner> usbFingerprintScanner(std::shared_ptr<usb::UsbContext> context,
                                                                   const UsbDeviceSettings& s) {
    devices::R30xScannerOptions o;
    if (s.moduleAddress) o.address = *s.moduleAddress;
    if (s.baud) o.baud = *s.baud;
    if (s.hasLed) o.hasLed = *s.hasLed;
    if (s.captureTimeoutMs) o.captureTimeout = milliseconds(*s.captureTimeoutMs);
    if (s.fingerPollMs) o.fingerPoll = milliseconds(*s.fingerPollMs);
    if (s.dpi) o.dpi = *s.dpi;
    return std::make_shared<devices::R30xFingerprintScanner>(std::move(context), selectorFor(s), o);
}

std::shared_ptr<devices::ReceiptPrinter> usbReceiptPrinter(std::shared_ptr<usb::UsbContext> context,
                                                           const UsbDeviceSettings& s, int dotsPerLine) {
    devices::UsbReceiptPrinterOptions o;
    o.dotsPerLine = dotsPerLine;  // the paper is the site's (printer.dots_per_line), not the driver's
    if (s.interfaceNumber) o.interfaceNumber = *s.interfaceNumber;
    if (s.outEndpoint) o.bulkOut = *s.outEndpoint;
    if (s.inEndpoint) o.bulkIn = *s.inEndpoint;
    if (s.fullStatus) o.fullStatus = *s.fullStatus;
    return std::make_shared<devices::UsbReceiptPrinter>(std::move(context), selectorFor(s), o);
}

}  // namespace

Result<KioskDevices> makeDevices(const config::KioskConfig& config, const std::filesystem::path& receiptsDir) {
    KioskDevices d;
    auto context = [&]() -> Result<std::shared_ptr<usb::UsbContext>> {
        if (!d.usbContext) {
            auto created = usb::UsbContext::create();
            if (!created) return std::unexpected(created.error());
            d.usbContext = std::move(*created);
        }
        return d.usbContext;
    };

    std::shared_ptr<sim::SimulatedPassportReader> simReader;
    std::shared_ptr<sim::SimulatedFingerprintScanner> simScanner;
    std::shared_ptr<sim::SimulatedReceiptPrinter> simPrinter;

    switch (config.passportReader.source) {
    case DeviceSource::Usb: {
        auto c = context();
        if (!c) return std::unexpected(c.error());
        d.passportReader = usbPassportReader(*c, config.passportReader.usb);
        break;
    }
    case DeviceSource::Camera: {
        // An image reader: it hands over the page, the workflow runs the OCR.
        devices::CameraPageReaderOptions o;
        o.source = config.passportReader.cameraSource;
        d.passportReader = std::make_shared<devices::CameraPageReader>(std::move(o));
        break;
    }
    case DeviceSource::Simulated:
    case DeviceSource::SimulatedPage:
        simReader = std::make_shared<sim::SimulatedPassportReader>();
        // The simulator's image reader photographs the synthetic passport under a flatbed reader's
        // (mild) conditions; a page the OCR cannot read asks the traveler to place it again.
        if (config.passportReader.source == DeviceSource::SimulatedPage) simReader->capturePages(sim::PageCapture{});
        d.passportReader = simReader;
        break;
    }
    if (config.fingerprintScanner.source == DeviceSource::Usb) {
        auto c = context();
        if (!c) return std::unexpected(c.error());
        d.fingerprintScanner = usbFingerprintScanner(*c, config.fingerprintScanner.usb);
    } else {
        simScanner = std::make_shared<sim::SimulatedFingerprintScanner>();
        d.fingerprintScanner = simScanner;
    }
    if (config.receiptPrinter.source == DeviceSource::Usb) {
        auto c = context();
        if (!c) return std::unexpected(c.error());
        d.receiptPrinter = usbReceiptPrinter(*c, config.receiptPrinter.usb, config.printerDotsPerLine);
    } else {
        simPrinter = std::make_shared<sim::SimulatedReceiptPrinter>(receiptsDir, config.printerDotsPerLine);
        d.receiptPrinter = simPrinter;
    }
    d.hands = std::make_shared<sim::SimulatedDeviceHands>(simReader, simScanner, simPrinter);
    if (simScanner) (void)d.hands->setPlatenCondition(config.simulation.fingerprintPlaten);
    // Every capture goes through the flat-field correction of the last passed calibration, if any.
    d.fingerprintScanner =
        calibration::fingerprint::CalibratedFingerprintScanner::withStoredCorrection(d.fingerprintScanner, config.calibrationDir);
    return d;
}

}  // namespace kiosk::app
