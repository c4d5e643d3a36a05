#include "devices/sim/simulated_receipt_printer.h"

#include <opencv2/core/mat.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstdio>

#include "devices/sim/escpos/escpos_decoder.h"

namespace kiosk::sim {

SimulatedReceiptPrinter::SimulatedReceiptPrinter(std::filesystem::path outputDir, int dotsPerLine)
    : outputDir_(std::move(outputDir)), dotsPerLine_(dotsPerLine) {
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
    auto pages = decodeEscPos(escposJob, dotsPerLine_);
    if (!pages) return std::unexpected(pages.error());

    std::error_code ec;
    std::filesystem::create_directories(outputDir_, ec);
    if (ec) return fail(Error::Code::Io, "cannot create the paper folder: " + ec.message(), outputDir_.string());
    for (auto& page : *pages) {
        int number = 0;
        std::function<void(const std::filesystem::path&)> handler;
        {
            std::lock_guard lock(mutex_);
            number = ++pages_;
            handler = pageHandler_;
        }
        char name[32];
        std::snprintf(name, sizeof name, "receipt-%03d.png", number);
        const auto path = outputDir_ / name;
        const cv::Mat image(page.image.height, page.image.width, CV_8UC1, page.image.pixels.data());
        if (!cv::imwrite(path.string(), image))
            return fail(Error::Code::Io, "cannot write the printed page", path.string());
        if (handler) handler(path);
    }
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
    std::lock_guard lock(mutex_);
    pageHandler_ = std::move(handler);
}

void SimulatedReceiptPrinter::takeTicket() {
    std::lock_guard lock(mutex_);
    status_.ticketInPresenter = false;
}

int SimulatedReceiptPrinter::pagesPrinted() const {
    std::lock_guard lock(mutex_);
    return pages_;
}

}  // namespace kiosk::sim
