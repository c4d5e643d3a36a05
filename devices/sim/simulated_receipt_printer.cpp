#include "devices/sim/simulated_receipt_printer.h"

#include <cstdio>


namespace kiosk::sim {

SimulatedReceiptPrinter::SimulatedReceiptPrinter(std::filesystem::path outputDir, int dotsPerLine)
    : dotsPerLine_(dotsPerLine), paper_(std::move(outputDir), dotsPerLine) {
    status_.online = true;
}

Result<void> SimulatedReceiptPrinter::print(std::span<const std::uint8_t> escposJob) {
    {
        std::lock_guard lock(mutex_);
        if (!status_.online) return fail(Error::Code::Device, "printer is offline", name());
        if (status_.paperOut) return fail(Error::Code::Device, "paper out", name());
        if (status_.coverOpen) return fail(Error::Code::Device, "cover open", name());
        if (status_.cutterError) return fail(Error::Code::Device, "cutter error", name());
    }
    if (auto printed = paper_.print(escposJob); !printed) return printed;
    {
        // Like a kiosk printer's presenter, it holds the ticket until the traveler takes it.
        std::lock_guard lock(mutex_);
        status_.ticketInPresenter = true;
    }
    return {};
}

devices::PrinterStatus SimulatedReceiptPrinter::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

devices::DeviceHealth SimulatedReceiptPrinter::health() const {
    const auto s = status();
    using State = devices::DeviceHealth::State;
    if (!s.online) return {State::Disconnected, "offline (simulated)"};
    if (s.paperOut) return {State::Error, "paper out"};
    if (s.coverOpen) return {State::Error, "cover open"};
    if (s.cutterError) return {State::Error, "cutter error"};
    return {State::Ready, s.paperNearEnd ? "paper near end" : ""};
}

void SimulatedReceiptPrinter::setStatus(const devices::PrinterStatus& status) {
    std::lock_guard lock(mutex_);
    status_ = status;
}

void SimulatedReceiptPrinter::setPageHandler(std::function<void(const std::filesystem::path&)> handler) {
    paper_.setPageHandler(std::move(handler));
}

void SimulatedReceiptPrinter::takeTicket() {
    std::lock_guard lock(mutex_);
    status_.ticketInPresenter = false;
}

int SimulatedReceiptPrinter::pagesPrinted() const { return paper_.pagesPrinted(); }

Result<void> SimulatedReceiptPrinter::retractTicket() {
    std::lock_guard lock(mutex_);
    if (!status_.online) return fail(Error::Code::Device, "printer is offline", name());
    if (status_.ticketInPresenter) ++retracted_;
    status_.ticketInPresenter = false;
    return {};
}

int SimulatedReceiptPrinter::ticketsRetracted() const {
    std::lock_guard lock(mutex_);
    return retracted_;
}

}  // namespace kiosk::sim
