// The four USB drivers through real libusb against emulated devices (umockdev): happy paths,
// malformed and short answers, timeouts, and unplug/replug with recovery within 2 seconds.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <thread>

#include <unistd.h>

#include "devices/fingerprint/r30x_fingerprint_scanner.h"
#include "devices/passport/usb_passport_readers.h"
#include "devices/printer/usb_receipt_printer.h"
#include "devices/sim/usb/emulated_usb_hands.h"
#include "devices/sim/usb/umockdev_usb_bus.h"
#include "devices/sim/usb/usb_device_models.h"
#include "devices/usb/usb_context.h"

using namespace kiosk;
using namespace std::chrono_literals;
using sim::usb::UmockdevUsbBus;
using State = devices::DeviceHealth::State;

namespace {

const std::vector<std::string> kTd3 = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                       "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};
const std::vector<std::string> kTd1 = {"I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                                       "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"};

bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return done();
}

// A testbed, its devices and a libusb context over them; destroyed context first, testbed last.
struct Bench {
    std::unique_ptr<UmockdevUsbBus> bus;
    std::shared_ptr<usb::UsbContext> context;

    Bench() {
        auto b = UmockdevUsbBus::create();
        REQUIRE(b);
        bus = std::move(*b);
    }
    int add(std::shared_ptr<sim::usb::UsbDeviceModel> model) {
        auto id = bus->add(std::move(model));
        REQUIRE(id);
        return *id;
    }
    std::shared_ptr<usb::UsbContext> usb() {
        if (!context) {
            auto c = usb::UsbContext::create();
            REQUIRE(c);
            context = *c;
        }
        return context;
    }
    ~Bench() {
        context.reset();
        bus.reset();
    }
};

struct Reads {
    std::mutex mutex;
    std::vector<Result<devices::PassportRead>> all;
    devices::PassportReader::ReadHandler handler() {
        return [this](Result<devices::PassportRead> r) {
            std::lock_guard lock(mutex);
            all.push_back(std::move(r));
        };
    }
    std::size_t count() {
        std::lock_guard lock(mutex);
        return all.size();
    }
    Result<devices::PassportRead> at(std::size_t i) {
        std::lock_guard lock(mutex);
        return all.at(i);
    }
};

usb::UsbDeviceSelector selectorFor(const sim::usb::UsbDeviceModel& m) {
    return {m.description().vendorId, m.description().productId, {}, {}};
}

GreyImage testFinger() {
    GreyImage g;
    g.width = 256;
    g.height = 288;
    g.pixels.resize(256 * 288);
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x)
            g.pixels[static_cast<std::size_t>(y * 256 + x)] = static_cast<std::uint8_t>((x * 7 + y * 3 + (x * y) % 29) & 0xFF);
    return g;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The USB layer itself

TEST_CASE("usb layer: enumerates, opens by VID:PID, serial and bus path, reads strings", "[usb]") {
    Bench bench;
    auto printer = std::make_shared<sim::usb::UsbPrinterModel>();
    auto reader = std::make_shared<sim::usb::HidKeyboardReaderModel>("HIDSERIAL");
    bench.add(printer);
    const int readerId = bench.add(reader);
    auto ctx = bench.usb();
    auto list = ctx->list(true);
    REQUIRE(list);
    REQUIRE(list->size() == 2);
    auto sel = selectorFor(*reader);
    sel.serial = "OTHER";
    auto none = ctx->open(sel);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == Error::Code::NotFound);
    // (umockdev serves one open file per emulated node at a time: open the device once.)
    sel.serial = "HIDSERIAL";
    sel.busPath = bench.bus->busPath(readerId);
    auto dev = ctx->open(sel);
    REQUIRE(dev);
    CHECK(dev->info().serial == "HIDSERIAL");
    CHECK(dev->info().busPath == bench.bus->busPath(readerId));
    // Claiming detaches usbhid; an unknown class request stalls and says so.
    auto claimed = dev->claimInterface(0);
    REQUIRE(claimed);
    CHECK(*claimed);
    auto stalled = dev->controlIn({0xA1, 0x55, 0, 0}, 8, 500ms);
    REQUIRE_FALSE(stalled);
    CHECK(usb::isStall(stalled.error()));
    // Nothing typed: an interrupt read times out, and a cancelled one says cancelled.
    auto idle = dev->interruptIn(0x81, 8, 50ms);
    REQUIRE_FALSE(idle);
    CHECK(usb::isTimeout(idle.error()));
    usb::CancelToken cancel;
    std::thread canceller([&] {
        std::this_thread::sleep_for(50ms);
        cancel.cancel();
    });
    auto cancelled = dev->interruptIn(0x81, 8, 5000ms, &cancel);
    canceller.join();
    REQUIRE_FALSE(cancelled);
    CHECK(usb::isCancelled(cancelled.error()));
}

// ---------------------------------------------------------------------------------------------
// MRZ reader, HID boot keyboard

TEST_CASE("hid reader: reads passports and ID cards typed as a keyboard", "[hid]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::HidKeyboardReaderModel>();
    bench.add(model);
    Reads reads;
    devices::UsbHidPassportReader reader(bench.usb(), selectorFor(*model));
    reader.setReadHandler(reads.handler());
    REQUIRE(waitUntil([&] { return reader.health().state == State::Ready; }, 3s));
    CHECK(model->bootProtocolSet());

    model->typeLines(kTd3, "\r");
    REQUIRE(waitUntil([&] { return reads.count() == 1; }, 5s));
    REQUIRE(reads.at(0));
    CHECK(reads.at(0)->mrzLines == kTd3);

    model->typeLines(kTd1, "\r\n", sim::usb::HidKeyboardReaderModel::Typing::Rollover);
    REQUIRE(waitUntil([&] { return reads.count() == 2; }, 5s));
    REQUIRE(reads.at(1));
    CHECK(reads.at(1)->mrzLines == kTd1);
}

TEST_CASE("hid reader: malformed reports are dropped, a lone line is reported as unreadable", "[hid]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::HidKeyboardReaderModel>();
    bench.add(model);
    Reads reads;
    devices::UsbHidPassportReader reader(bench.usb(), selectorFor(*model));
    reader.setReadHandler(reads.handler());
    REQUIRE(waitUntil([&] { return reader.health().state == State::Ready; }, 3s));
    model->queueRawReport({0x02, 0x00, 0x13});  // short report
    model->typeLines({"P<UTO"}, "\n");          // one line, then the idle gap
    REQUIRE(waitUntil([&] { return reads.count() == 1; }, 5s));
    CHECK_FALSE(reads.at(0));
    CHECK(reader.malformedReports() == 1);
    model->typeLines(kTd3, "\n");
    REQUIRE(waitUntil([&] { return reads.count() == 2; }, 5s));
    REQUIRE(reads.at(1));
    CHECK(reads.at(1)->mrzLines == kTd3);
}

TEST_CASE("hid reader: recovers by itself after an unplug", "[hid][hotplug]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::HidKeyboardReaderModel>();
    const int id = bench.add(model);
    Reads reads;
    devices::UsbHidPassportReader reader(bench.usb(), selectorFor(*model));
    reader.setReadHandler(reads.handler());
    REQUIRE(waitUntil([&] { return reader.health().state == State::Ready; }, 3s));
    bench.bus->unplug(id);  // an interrupt read is always in flight: unplugged mid-transfer
    REQUIRE(waitUntil([&] { return reader.health().state == State::Disconnected; }, 2s));
    const auto t0 = std::chrono::steady_clock::now();
    bench.bus->replug(id);
    REQUIRE(waitUntil([&] { return reader.health().state == State::Ready; }, 2s));
    CHECK(std::chrono::steady_clock::now() - t0 < 2s);
    CHECK(reader.connections() == 2);
    model->typeLines(kTd3);
    REQUIRE(waitUntil([&] { return reads.count() == 1; }, 5s));
    CHECK(reads.at(0));
}

// ---------------------------------------------------------------------------------------------
// MRZ reader, CDC-ACM

TEST_CASE("serial reader: sets the line coding, frames split and merged packets", "[cdc]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::CdcAcmReaderModel>();
    bench.add(model);
    Reads reads;
    devices::SerialPassportReaderOptions options;
    options.lineCoding = {115200, 0, 0, 8};
    devices::UsbSerialPassportReader reader(bench.usb(), selectorFor(*model), options);
    reader.setReadHandler(reads.handler());
    REQUIRE(waitUntil([&] { return reader.health().state == State::Ready; }, 3s));
    REQUIRE(model->lineCoding());
    CHECK(model->lineCoding()->baud == 115200);

    model->sendDocument(kTd3, true, 7);  // STX ... ETX, split into 7-byte packets
    REQUIRE(waitUntil([&] { return reads.count() == 1; }, 5s));
    REQUIRE(reads.at(0));
    CHECK(reads.at(0)->mrzLines == kTd3);

    model->sendDocument(kTd1, false, 64);  // plain CR LF lines, merged into 64-byte packets
    REQUIRE(waitUntil([&] { return reads.count() == 2; }, 5s));
    REQUIRE(reads.at(1));
    CHECK(reads.at(1)->mrzLines == kTd1);

    model->send("\x02garbage\x03");
    REQUIRE(waitUntil([&] { return reads.count() == 3; }, 5s));
    CHECK_FALSE(reads.at(2));
}

TEST_CASE("serial reader: recovers by itself after an unplug", "[cdc][hotplug]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::CdcAcmReaderModel>();
    const int id = bench.add(model);
    Reads reads;
    devices::UsbSerialPassportReader reader(bench.usb(), selectorFor(*model));
    reader.setReadHandler(reads.handler());
    REQUIRE(waitUntil([&] { return reader.health().state == State::Ready; }, 3s));
    bench.bus->unplug(id);
    REQUIRE(waitUntil([&] { return reader.health().state == State::Disconnected; }, 2s));
    bench.bus->replug(id);
    REQUIRE(waitUntil([&] { return reader.health().state == State::Ready; }, 2s));
    model->sendDocument(kTd3, true, 16);
    REQUIRE(waitUntil([&] { return reads.count() == 1; }, 5s));
    CHECK(reads.at(0));
}

// ---------------------------------------------------------------------------------------------
// Fingerprint module (R30x behind CP210x)

namespace {
struct Captures {
    std::mutex mutex;
    std::vector<Result<GreyImage>> all;
    devices::FingerprintScanner::CaptureHandler handler() {
        return [this](Result<GreyImage> r) {
            std::lock_guard lock(mutex);
            all.push_back(std::move(r));
        };
    }
    std::size_t count() {
        std::lock_guard lock(mutex);
        return all.size();
    }
    Result<GreyImage> at(std::size_t i) {
        std::lock_guard lock(mutex);
        return all.at(i);
    }
};
}  // namespace

TEST_CASE("fingerprint: sets up the bridge, waits for a finger, uploads the image bit for bit", "[r30x]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::R30xModuleModel>();
    bench.add(model);
    Captures captures;
    devices::R30xFingerprintScanner scanner(bench.usb(), selectorFor(*model));
    REQUIRE(waitUntil([&] { return scanner.health().state == State::Ready; }, 3s));
    CHECK(model->uartEnabled());
    CHECK(model->baud() == 57600);

    scanner.startCapture(captures.handler());
    REQUIRE(waitUntil([&] { return model->genImgCount() >= 3; }, 3s));  // polling: no finger yet
    CHECK(captures.count() == 0);
    const GreyImage finger = testFinger();
    model->placeFinger(finger);
    REQUIRE(waitUntil([&] { return captures.count() == 1; }, 10s));
    auto image = captures.at(0);
    REQUIRE(image);
    const GreyImage expected = sim::usb::R30xModuleModel::expectedCapture(finger);
    CHECK(image->width == 256);
    CHECK(image->height == 288);
    CHECK(image->pixels == expected.pixels);
    CHECK(model->led() == devices::r30x::LedMode::Off);
}

TEST_CASE("fingerprint: a corrupt or short upload is retried, never turned into an image", "[r30x]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::R30xModuleModel>();
    bench.add(model);
    Captures captures;
    devices::R30xFingerprintScanner scanner(bench.usb(), selectorFor(*model));
    REQUIRE(waitUntil([&] { return scanner.health().state == State::Ready; }, 3s));
    const GreyImage finger = testFinger();
    model->placeFinger(finger);

    model->corruptNextUploads(1);
    scanner.startCapture(captures.handler());
    REQUIRE(waitUntil([&] { return captures.count() == 1; }, 15s));
    REQUIRE(captures.at(0));
    CHECK(captures.at(0)->pixels == sim::usb::R30xModuleModel::expectedCapture(finger).pixels);
    CHECK(scanner.uploadRetries() == 1);

    model->truncateNextUploads(1);
    scanner.startCapture(captures.handler());
    REQUIRE(waitUntil([&] { return captures.count() == 2; }, 15s));
    REQUIRE(captures.at(1));
    CHECK(captures.at(1)->pixels == sim::usb::R30xModuleModel::expectedCapture(finger).pixels);

    model->corruptNextUploads(devices::R30xFingerprintScanner::kUploadAttempts);
    scanner.startCapture(captures.handler());
    REQUIRE(waitUntil([&] { return captures.count() == 3; }, 20s));
    CHECK_FALSE(captures.at(2));
}

TEST_CASE("fingerprint: a silent module times out, and the driver recovers when it answers", "[r30x][timeout]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::R30xModuleModel>();
    model->setSilent(true);
    bench.add(model);
    devices::R30xFingerprintScanner scanner(bench.usb(), selectorFor(*model));
    REQUIRE(waitUntil([&] { return scanner.health().state == State::Error; }, 5s));
    CHECK(scanner.health().detail.find("did not answer") != std::string::npos);
    model->setSilent(false);
    REQUIRE(waitUntil([&] { return scanner.health().state == State::Ready; }, 5s));
}

TEST_CASE("fingerprint: unplugged mid-capture, the capture resumes after the replug", "[r30x][hotplug]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::R30xModuleModel>();
    const int id = bench.add(model);
    Captures captures;
    devices::R30xFingerprintScanner scanner(bench.usb(), selectorFor(*model));
    REQUIRE(waitUntil([&] { return scanner.health().state == State::Ready; }, 3s));
    scanner.startCapture(captures.handler());
    REQUIRE(waitUntil([&] { return model->genImgCount() >= 2; }, 3s));
    bench.bus->unplug(id);
    REQUIRE(waitUntil([&] { return scanner.health().state == State::Disconnected; }, 2s));
    bench.bus->replug(id);
    REQUIRE(waitUntil([&] { return scanner.connections() == 2; }, 2s));
    model->placeFinger(testFinger());
    REQUIRE(waitUntil([&] { return captures.count() == 1; }, 10s));
    CHECK(captures.at(0));
}

// ---------------------------------------------------------------------------------------------
// Receipt printer

TEST_CASE("printer: reads its device ID and status, prints a job in chunks", "[printer]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::UsbPrinterModel>();
    bench.add(model);
    devices::UsbReceiptPrinter printer(bench.usb(), selectorFor(*model));
    REQUIRE(waitUntil([&] { return printer.health().state == State::Ready; }, 3s));
    CHECK(printer.deviceId().manufacturer == "Custom");
    CHECK(printer.deviceId().model == "VKP80III");
    CHECK(printer.status().online);

    std::vector<std::uint8_t> job(10000);
    for (std::size_t i = 0; i < job.size(); ++i) job[i] = static_cast<std::uint8_t>(i * 31);
    job[0] = 0x1B;
    job[1] = 0x40;
    auto printed = printer.print(job);
    REQUIRE(printed);
    CHECK(model->received() == job);

    devices::PrinterStatus presenter;
    presenter.online = true;
    presenter.ticketInPresenter = true;
    presenter.paperNearEnd = true;
    model->setStatus(presenter);
    REQUIRE(waitUntil([&] { return printer.status().ticketInPresenter; }, 3s));
    CHECK(printer.status().paperNearEnd);
    CHECK(printer.health().state == State::Ready);
    CHECK(printer.health().detail == "paper near end");
}

TEST_CASE("printer: a ticket left in the presenter is retracted with GS e 2", "[printer]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::UsbPrinterModel>();
    bench.add(model);
    devices::UsbReceiptPrinter printer(bench.usb(), selectorFor(*model));
    REQUIRE(waitUntil([&] { return printer.health().state == State::Ready; }, 3s));
    REQUIRE(printer.retractTicket());
    CHECK(model->received() == std::vector<std::uint8_t>{0x1D, 0x65, 0x02});
}

TEST_CASE("printer: paper out and cover open stop printing and show on health", "[printer]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::UsbPrinterModel>();
    bench.add(model);
    devices::UsbReceiptPrinter printer(bench.usb(), selectorFor(*model));
    REQUIRE(waitUntil([&] { return printer.health().state == State::Ready; }, 3s));
    devices::PrinterStatus fault;
    fault.online = false;
    fault.paperOut = true;
    fault.coverOpen = true;
    model->setStatus(fault);
    const std::vector<std::uint8_t> job = {0x1B, 0x40, 'h', 'i', 0x0A};
    auto printed = printer.print(job);
    REQUIRE_FALSE(printed);
    CHECK(printed.error().message.find("paper out") != std::string::npos);
    CHECK(model->received().empty());
    CHECK(printer.health().state == State::Error);
    CHECK(printer.health().detail.find("cover open") != std::string::npos);
}

TEST_CASE("printer: malformed device ID and garbled or missing status answers", "[printer][timeout]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::UsbPrinterModel>("garbage without keys");
    bench.add(model);
    devices::UsbReceiptPrinter printer(bench.usb(), selectorFor(*model));
    REQUIRE(waitUntil([&] { return printer.health().state == State::Error; }, 3s));
    CHECK(printer.health().detail.find("device ID") != std::string::npos);
    model->setDeviceId("MFG:Custom;MDL:VKP80III;CMD:ESC/POS;");
    REQUIRE(waitUntil([&] { return printer.health().state == State::Ready; }, 3s));

    model->setGarbledStatus(true);
    REQUIRE(waitUntil([&] { return printer.health().state == State::Error; }, 3s));
    CHECK(printer.health().detail.find("status unreadable") != std::string::npos);
    model->setGarbledStatus(false);
    REQUIRE(waitUntil([&] { return printer.health().state == State::Ready; }, 3s));

    model->setSilent(true);
    REQUIRE(waitUntil([&] { return printer.health().state == State::Error; }, 5s));
    CHECK(printer.health().detail.find("did not answer") != std::string::npos);
    model->setSilent(false);
    REQUIRE(waitUntil([&] { return printer.health().state == State::Ready; }, 5s));
}

TEST_CASE("printer: recovers by itself after an unplug", "[printer][hotplug]") {
    Bench bench;
    auto model = std::make_shared<sim::usb::UsbPrinterModel>();
    const int id = bench.add(model);
    devices::UsbReceiptPrinter printer(bench.usb(), selectorFor(*model));
    REQUIRE(waitUntil([&] { return printer.health().state == State::Ready; }, 3s));
    bench.bus->unplug(id);
    REQUIRE(waitUntil([&] { return printer.health().state == State::Disconnected; }, 3s));
    const std::vector<std::uint8_t> job = {0x1B, 0x40, 'h', 'i', 0x0A};
    CHECK_FALSE(printer.print(job));
    const auto t0 = std::chrono::steady_clock::now();
    bench.bus->replug(id);
    REQUIRE(waitUntil([&] { return printer.health().state == State::Ready; }, 2s));
    CHECK(std::chrono::steady_clock::now() - t0 < 2s);
    REQUIRE(printer.print(job));
    CHECK(model->received() == job);
}

// --emulated-usb: the simulator's hands act on the emulated devices the real drivers talk to.
TEST_CASE("emulated hands: a synthetic impression is cut to the sensor around the print, not scaled", "[hands]") {
    GreyImage impression{360, 400, 500, std::vector<std::uint8_t>(360 * 400, 255)};
    for (int y = 200; y < 240; ++y)  // the print's ink around (120, 220)
        for (int x = 100; x < 140; ++x) impression.pixels[static_cast<std::size_t>(y * 360 + x)] = 0;
    const auto sensor = sim::usb::EmulatedUsbHands::fitToSensor(impression);
    CHECK(sensor.width == 256);
    CHECK(sensor.height == 288);
    CHECK(sensor.dpi == 500);
    // Same scale: the 40-pixel square stays 40 x 40, inside the window around its centroid (119, 219):
    // x from 0 (clamped at the edge), y from 219 - 288 / 2 = 75.
    int dark = 0;
    for (auto p : sensor.pixels) dark += p == 0 ? 1 : 0;
    CHECK(dark == 40 * 40);
    CHECK(sensor.pixels[static_cast<std::size_t>((200 - 75) * 256 + 100)] == 0);
    CHECK(sensor.pixels[static_cast<std::size_t>((199 - 75) * 256 + 100)] == 255);
}

TEST_CASE("emulated hands: the real drivers read, capture, print and lose their devices", "[hands][hotplug]") {
    const auto dir = std::filesystem::temp_directory_path() / ("kiosk-hands-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    auto created = sim::usb::EmulatedUsbHands::create(dir, 576);
    REQUIRE(created);
    std::unique_ptr<sim::usb::EmulatedUsbHands> hands = std::move(*created);
    auto selector = [](const sim::usb::EmulatedDeviceId& id) {
        return usb::UsbDeviceSelector{id.vendorId, id.productId, id.serial, id.busPath};
    };
    {
        auto context = usb::UsbContext::create();
        REQUIRE(context);
        devices::UsbHidPassportReader reader(*context, selector(hands->passportReader()));
        devices::R30xFingerprintScanner scanner(*context, selector(hands->fingerprintScanner()));
        devices::UsbReceiptPrinter printer(*context, selector(hands->receiptPrinter()));
        Reads reads;
        reader.setReadHandler(reads.handler());
        REQUIRE(waitUntil([&] {
            return reader.health().state == State::Ready && scanner.health().state == State::Ready &&
                   printer.health().state == State::Ready;
        }, 5s));

        hands->presentMrz(kTd3);
        REQUIRE(waitUntil([&] { return reads.count() == 1; }, 5s));
        hands->presentUnreadable("glare");
        REQUIRE(waitUntil([&] { return reads.count() == 2; }, 5s));
        {
            std::lock_guard lock(reads.mutex);
            REQUIRE(reads.all[0]);
            CHECK(reads.all[0]->mrzLines == kTd3);
            CHECK_FALSE(reads.all[1]);
        }

        Captures captures;
        scanner.startCapture(captures.handler());
        GreyImage finger{360, 400, 500, std::vector<std::uint8_t>(360 * 400, 200)};
        hands->placeFinger(finger);
        REQUIRE(waitUntil([&] { return captures.count() == 1; }, 10s));
        REQUIRE(captures.at(0));
        CHECK(captures.at(0)->width == 256);
        // Lifted after the upload: the next capture waits for a new finger.
        scanner.startCapture(captures.handler());
        std::this_thread::sleep_for(400ms);
        CHECK(captures.count() == 1);
        scanner.cancelCapture();

        std::filesystem::path saved;
        std::mutex savedMutex;
        hands->setPageHandler([&](const std::filesystem::path& p) {
            std::lock_guard lock(savedMutex);
            saved = p;
        });
        const std::vector<std::uint8_t> job = {0x1B, 0x40, 'H', 'I', 0x0A, 0x1B, 0x64, 0x03, 0x1D, 0x56, 0x00};
        REQUIRE(printer.print(job));
        REQUIRE(waitUntil([&] {
            std::lock_guard lock(savedMutex);
            return !saved.empty();
        }, 5s));
        CHECK(saved.filename() == "receipt-001.png");
        CHECK(std::filesystem::exists(saved));
        hands->setPageHandler(nullptr);

        devices::PrinterStatus coverOpen;
        coverOpen.online = true;
        coverOpen.coverOpen = true;
        hands->setPrinterStatus(coverOpen);
        REQUIRE(waitUntil([&] { return printer.health().state == State::Error; }, 3s));

        hands->setConnected(sim::SimDevice::PassportReader, false);
        REQUIRE(waitUntil([&] { return reader.health().state == State::Disconnected; }, 3s));
        hands->setConnected(sim::SimDevice::PassportReader, true);
        REQUIRE(waitUntil([&] { return reader.health().state == State::Ready; }, 3s));
    }
    hands.reset();  // after the drivers and their context: it owns the bus
    std::filesystem::remove_all(dir);
}

int main(int argc, char* argv[]) {
    UmockdevUsbBus::reexecUnderPreload(argv);
    if (!UmockdevUsbBus::preloadActive()) {
        std::fprintf(stderr, "SKIPPED: libumockdev-preload.so.0 could not be loaded; install umockdev\n");
        return 77;
    }
    return Catch::Session().run(argc, argv);
}
