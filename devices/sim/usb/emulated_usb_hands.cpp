#include "devices/sim/usb/emulated_usb_hands.h"


#include <algorithm>
#include <chrono>
#include <cstdio>

#include "devices/fingerprint/r30x_protocol.h"
#include "devices/sim/escpos/escpos_decoder.h"
#include "devices/sim/usb/umockdev_usb_bus.h"
#include "devices/sim/usb/usb_device_models.h"

namespace kiosk::sim::usb {
namespace {

using namespace std::chrono_literals;

// The driver sends a job in 4096-byte chunks back to back; a pause this long means the job ended.
constexpr auto kJobQuiet = 250ms;
constexpr auto kPoll = 20ms;

EmulatedDeviceId idOf(const UsbDeviceModel& model, const UmockdevUsbBus& bus, int busId) {
    const auto& d = model.description();
    return {d.vendorId, d.productId, d.serial, bus.busPath(busId)};
}

}  // namespace

EmulatedUsbHands::EmulatedUsbHands(std::filesystem::path receiptsDir, int dotsPerLine)
    : paper_(std::move(receiptsDir), dotsPerLine) {}

Result<std::unique_ptr<EmulatedUsbHands>> EmulatedUsbHands::create(std::filesystem::path receiptsDir, int dotsPerLine) {
    auto bus = UmockdevUsbBus::create();
    if (!bus) return std::unexpected(bus.error());
    std::unique_ptr<EmulatedUsbHands> hands(new EmulatedUsbHands(std::move(receiptsDir), dotsPerLine));
    hands->bus_ = std::move(*bus);
    hands->reader_ = std::make_shared<HidKeyboardReaderModel>();
    hands->scanner_ = std::make_shared<R30xModuleModel>();
    hands->printer_ = std::make_shared<UsbPrinterModel>();
    auto reader = hands->bus_->add(hands->reader_);
    if (!reader) return std::unexpected(reader.error());
    auto scanner = hands->bus_->add(hands->scanner_);
    if (!scanner) return std::unexpected(scanner.error());
    auto printer = hands->bus_->add(hands->printer_);
    if (!printer) return std::unexpected(printer.error());
    hands->readerBusId_ = *reader;
    hands->scannerBusId_ = *scanner;
    hands->printerBusId_ = *printer;
    hands->readerId_ = idOf(*hands->reader_, *hands->bus_, *reader);
    hands->scannerId_ = idOf(*hands->scanner_, *hands->bus_, *scanner);
    hands->printerId_ = idOf(*hands->printer_, *hands->bus_, *printer);
    hands->thread_ = std::thread([h = hands.get()] { h->run(); });
    return hands;
}

EmulatedUsbHands::~EmulatedUsbHands() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void EmulatedUsbHands::presentMrz(std::vector<std::string> lines) {
    reader_->typeLines(lines, "\r");
}

void EmulatedUsbHands::presentUnreadable(const std::string&) {
    // A keyboard reader has no way to say "no MRZ": what it types is a fragment, which the driver's
    // framer reports as an unreadable document (fewer than two lines) after its idle gap.
    reader_->typeLines({"<<<<<<<<"}, "\r");
}

GreyImage EmulatedUsbHands::fitToSensor(const GreyImage& impression) {
    GreyImage out;
    out.width = devices::r30x::kImageWidth;
    out.height = devices::r30x::kImageHeight;
    out.dpi = impression.dpi;
    out.pixels.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height), 255);
    if (!impression.isValid()) return out;
    // The print's centre: the darkness-weighted centroid, which is where a person centres the finger
    // on the platen; the image centre would cut off prints placed off-centre by the simulation.
    double sum = 0, sx = 0, sy = 0;
    for (int y = 0; y < impression.height; ++y)
        for (int x = 0; x < impression.width; ++x) {
            const double ink = 255.0 - impression.pixels[static_cast<std::size_t>(y * impression.width + x)];
            sum += ink;
            sx += ink * x;
            sy += ink * y;
        }
    const int cx = sum > 0 ? static_cast<int>(sx / sum) : impression.width / 2;
    const int cy = sum > 0 ? static_cast<int>(sy / sum) : impression.height / 2;
    // Keep the window inside the impression where it fits, so no white margin is made needlessly.
    auto origin = [](int centre, int window, int size) {
        if (size <= window) return (size - window) / 2;
        return std::clamp(centre - window / 2, 0, size - window);
    };
    const int x0 = origin(cx, out.width, impression.width);
    const int y0 = origin(cy, out.height, impression.height);
    for (int y = 0; y < out.height; ++y) {
        const int iy = y0 + y;
        if (iy < 0 || iy >= impression.height) continue;
        for (int x = 0; x < out.width; ++x) {
            const int ix = x0 + x;
            if (ix < 0 || ix >= impression.width) continue;
            out.pixels[static_cast<std::size_t>(y * out.width + x)] =
                impression.pixels[static_cast<std::size_t>(iy * impression.width + ix)];
        }
    }
    return out;
}

void EmulatedUsbHands::placeFinger(GreyImage image) {
    // Lifted by the module once uploaded, as a person lifts it after the capture; left on the sensor
    // it would be captured again by the next capture (a retry, the next traveler).
    scanner_->placeFingerOnce(fitToSensor(image));
}

void EmulatedUsbHands::setConnected(SimDevice device, bool connected) {
    const int id = device == SimDevice::PassportReader       ? readerBusId_
                   : device == SimDevice::FingerprintScanner ? scannerBusId_
                                                             : printerBusId_;
    if (connected) bus_->replug(id);
    else bus_->unplug(id);
}

void EmulatedUsbHands::setPrinterStatus(const devices::PrinterStatus& status) {
    printer_->setStatus(status);
}

void EmulatedUsbHands::setPageHandler(PageHandler handler) { paper_.setPageHandler(std::move(handler)); }

void EmulatedUsbHands::run() {
    std::vector<std::uint8_t> job;
    auto lastBytes = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    while (true) {
        const bool stop = wake_.wait_for(lock, kPoll, [this] { return stopping_; });
        auto bytes = printer_->takeReceived();
        const auto now = std::chrono::steady_clock::now();
        if (!bytes.empty()) {
            job.insert(job.end(), bytes.begin(), bytes.end());
            lastBytes = now;
        }
        if (!job.empty() && (stop || now - lastBytes >= kJobQuiet)) {
            lock.unlock();
            if (auto printed = paper_.print(std::exchange(job, {})); !printed)
                std::fprintf(stderr, "emulated printer: %s\n", printed.error().describe().c_str());
            lock.lock();
        }
        if (stop) return;
    }
}

}  // namespace kiosk::sim::usb
