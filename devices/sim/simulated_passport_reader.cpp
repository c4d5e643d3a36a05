#include "devices/sim/simulated_passport_reader.h"

#include <algorithm>
#include <chrono>

#include "app/documents/mrz_parser.h"

namespace kiosk::sim {
namespace {

CalendarDate today() {
    const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return CalendarDate::fromDaysSinceEpoch(now.time_since_epoch().count());
}

void wipe(std::vector<std::string>& lines) {
    for (auto& l : lines) std::fill(l.begin(), l.end(), '\0');
}

}  // namespace

SimulatedPassportReader::~SimulatedPassportReader() {
    std::lock_guard lock(photographerMutex_);
    if (photographer_.joinable()) photographer_.join();
}

void SimulatedPassportReader::setReadHandler(ReadHandler handler) {
    std::lock_guard lock(handlerMutex_);  // waits for a delivery in progress: none follows a reset
    handler_ = std::move(handler);
}

devices::DeviceHealth SimulatedPassportReader::health() const {
    std::lock_guard lock(mutex_);
    if (!connected_) return {devices::DeviceHealth::State::Disconnected, "unplugged (simulated)"};
    return {devices::DeviceHealth::State::Ready, {}};
}

devices::DeviceIdentity SimulatedPassportReader::identity() const {
    if (pageCapture()) return {"Kiosk simulator", "simulated page reader", "SIM-0002", "sim-1", "simulated"};
    return {"Kiosk simulator", "simulated MRZ reader", "SIM-0001", "sim-1", "simulated"};
}

void SimulatedPassportReader::capturePages(std::optional<PageCapture> capture) {
    std::lock_guard lock(mutex_);
    pageCapture_ = capture;
    presentations_ = 0;
}

std::optional<PageCapture> SimulatedPassportReader::pageCapture() const {
    std::lock_guard lock(mutex_);
    return pageCapture_;
}

void SimulatedPassportReader::setConnected(bool connected) {
    std::lock_guard lock(mutex_);
    connected_ = connected;
}

bool SimulatedPassportReader::documentPresent() const {
    std::lock_guard lock(mutex_);
    return present_;
}

void SimulatedPassportReader::takeDocument() {
    std::lock_guard lock(mutex_);
    present_ = false;
}

void SimulatedPassportReader::present(std::vector<std::string> mrzLines) {
    bool photographs = false;
    {
        std::lock_guard lock(mutex_);
        present_ = connected_;
        photographs = pageCapture_.has_value();
    }
    if (photographs) {
        photographLater(std::move(mrzLines));
        return;
    }
    deliver(devices::PassportRead{std::move(mrzLines), std::nullopt});
}

void SimulatedPassportReader::presentUnreadable(const std::string& reason) {
    bool photographs = false;
    {
        std::lock_guard lock(mutex_);
        photographs = pageCapture_.has_value();
        if (photographs) present_ = connected_;  // a page lies on the glass, it just has no MRZ
    }
    if (photographs) {
        photographLater(std::nullopt);
        return;
    }
    deliver(fail(Error::Code::Device, reason, name()));
}

void SimulatedPassportReader::photographLater(std::optional<std::vector<std::string>> mrzLines) {
    PageCapture capture;
    std::uint64_t presentation = 0;
    {
        std::lock_guard lock(mutex_);
        capture = pageCapture_.value_or(PageCapture{});
        presentation = presentations_++;
    }
    std::lock_guard lock(photographerMutex_);
    if (photographer_.joinable()) photographer_.join();
    photographer_ = std::thread([this, lines = std::move(mrzLines), capture, presentation]() mutable {
        auto page = lines ? photograph(*lines, capture.level, capture.seed + presentation) : pageWithoutMrz();
        if (lines) wipe(*lines);
        deliver(devices::PassportRead{{}, std::move(page)});
    });
}

GreyImage SimulatedPassportReader::photograph(const std::vector<std::string>& mrzLines, Degradation level,
                                              std::uint64_t seed) {
    documents::ParseOptions options;
    options.today = today();
    auto document = documents::parseMrz(mrzLines, options);
    if (!document) return pageWithoutMrz();
    auto clean = renderDataPage(*document, seed);
    if (!clean) return pageWithoutMrz();
    auto captured = capturePage(*clean, captureConditions(level, seed), seed);
    std::fill(clean->image.pixels.begin(), clean->image.pixels.end(), std::uint8_t{0});
    wipe(clean->mrz);
    wipe(captured.mrz);
    return std::move(captured.image);
}

GreyImage SimulatedPassportReader::pageWithoutMrz() {
    // The same frame as a captured page (CaptureConditions' default size): dark glass, a blank page,
    // a photo in its corner, and nothing in the machine readable zone.
    const CaptureConditions frame;
    GreyImage image;
    image.width = frame.width;
    image.height = frame.height;
    image.dpi = 0;
    image.pixels.assign(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height), 50);
    const auto fill = [&](int x0, int y0, int x1, int y1, std::uint8_t grey) {
        for (int y = y0; y < y1; ++y)
            std::fill_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(y) * image.width + x0, x1 - x0, grey);
    };
    fill(60, 40, image.width - 60, image.height - 40, 232);
    fill(100, 140, 330, 440, 120);
    return image;
}

void SimulatedPassportReader::deliver(Result<devices::PassportRead> read) {
    {
        std::lock_guard lock(mutex_);
        if (!connected_) return;  // an unplugged reader reads nothing
    }
    std::lock_guard lock(handlerMutex_);
    if (handler_) handler_(std::move(read));
}

}  // namespace kiosk::sim
