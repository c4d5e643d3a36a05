#include "devices/sim/simulator_hands.h"

#include "devices/sim/fingerprints/platen_model.h"

#include "devices/sim/simulated_fingerprint_scanner.h"
#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/simulated_receipt_printer.h"

namespace kiosk::sim {

SimulatedDeviceHands::SimulatedDeviceHands(std::shared_ptr<SimulatedPassportReader> passportReader,
                                           std::shared_ptr<SimulatedFingerprintScanner> fingerprintScanner,
                                           std::shared_ptr<SimulatedReceiptPrinter> receiptPrinter)
    : passportReader_(std::move(passportReader)),
      fingerprintScanner_(std::move(fingerprintScanner)),
      receiptPrinter_(std::move(receiptPrinter)) {}

SimulatedDeviceHands::~SimulatedDeviceHands() {
    // The handler usually captures its owner; the printer may outlive both.
    if (receiptPrinter_) receiptPrinter_->setPageHandler(nullptr);
}

void SimulatedDeviceHands::presentMrz(std::vector<std::string> lines) {
    if (passportReader_) passportReader_->present(std::move(lines));
}

void SimulatedDeviceHands::presentUnreadable(const std::string& reason) {
    if (passportReader_) passportReader_->presentUnreadable(reason);
}

void SimulatedDeviceHands::placeFinger(GreyImage image) {
    if (fingerprintScanner_) fingerprintScanner_->placeFinger(std::move(image));
}

void SimulatedDeviceHands::setConnected(SimDevice device, bool connected) {
    switch (device) {
    case SimDevice::PassportReader:
        if (passportReader_) passportReader_->setConnected(connected);
        break;
    case SimDevice::FingerprintScanner:
        if (fingerprintScanner_) fingerprintScanner_->setConnected(connected);
        break;
    case SimDevice::ReceiptPrinter:
        // The simulated printer has no cable: a disconnected printer is an offline one.
        if (receiptPrinter_) {
            auto s = receiptPrinter_->status();
            s.online = connected;
            receiptPrinter_->setStatus(s);
        }
        break;
    }
}

void SimulatedDeviceHands::setPrinterStatus(const devices::PrinterStatus& status) {
    if (receiptPrinter_) receiptPrinter_->setStatus(status);
}

bool SimulatedDeviceHands::setPlatenCondition(const std::string& condition) {
    const auto options = platenPreset(condition);
    if (!fingerprintScanner_ || !options) return false;
    fingerprintScanner_->setPlaten(PlatenModel(*options));
    return true;
}

void SimulatedDeviceHands::wipePlaten() {
    if (fingerprintScanner_) fingerprintScanner_->cleanPlaten();
}

void SimulatedDeviceHands::showTestTarget(bool shown) {
    if (!fingerprintScanner_) return;
    if (shown) fingerprintScanner_->placeTestTarget();
    else fingerprintScanner_->removeTestTarget();
}

void SimulatedDeviceHands::takeItems() {
    if (passportReader_) passportReader_->takeDocument();
    if (receiptPrinter_) receiptPrinter_->takeTicket();
}

void SimulatedDeviceHands::setPageHandler(PageHandler handler) {
    if (receiptPrinter_) receiptPrinter_->setPageHandler(std::move(handler));
}

}  // namespace kiosk::sim
