#include "devices/passport/usb_passport_readers.h"

#include "devices/passport/hid_boot_keyboard.h"

namespace kiosk::devices {

namespace {
using namespace std::chrono_literals;
using State = DeviceHealth::State;

// Timeouts (ours, not the device's): a control request answers within a second on any device we
// know; reads use a short timeout so the framer's idle gap is honoured.
constexpr usb::Milliseconds kControlTimeout{1000};
constexpr usb::Milliseconds kReadTimeout{100};
constexpr std::uint8_t kClassInterfaceOut = 0x21;  // class request, host to interface (USB 2.0, 9.3.1)

// A device that stalls an optional request (SET_IDLE is optional for boot keyboards) is fine.
Result<void> optionalRequest(Result<void> r) {
    if (!r && usb::isStall(r.error())) return {};
    return r;
}

Result<PassportRead> toRead(Result<std::vector<std::string>> lines) {
    if (!lines) return std::unexpected(lines.error());
    PassportRead read;
    read.mrzLines = std::move(*lines);
    return read;
}
}  // namespace

// ---------------------------------------------------------------------------------------------

UsbHidPassportReader::UsbHidPassportReader(std::shared_ptr<usb::UsbContext> context, usb::UsbDeviceSelector selector,
                                           HidPassportReaderOptions options)
    : selector_(selector), options_(options) {
    supervisor_ = std::make_unique<usb::UsbDeviceSupervisor>(std::move(context), std::move(selector),
                                                             [this](usb::UsbDevice& d) { return session(d); });
    supervisor_->start();
}

UsbHidPassportReader::~UsbHidPassportReader() { supervisor_->stop(); }

void UsbHidPassportReader::setReadHandler(ReadHandler handler) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
}

void UsbHidPassportReader::deliver(std::vector<Result<std::vector<std::string>>> documents) {
    for (auto& doc : documents) {
        ReadHandler handler;
        {
            std::lock_guard lock(mutex_);
            handler = handler_;
        }
        if (handler) handler(toRead(std::move(doc)));
    }
}

Result<void> UsbHidPassportReader::session(usb::UsbDevice& device) {
    auto& stop = supervisor_->stopToken();
    const auto iface = static_cast<std::uint16_t>(options_.interfaceNumber);
    if (auto r = device.claimInterface(options_.interfaceNumber); !r) return std::unexpected(r.error());
    if (auto r = optionalRequest(device.controlOut({kClassInterfaceOut, hid::kRequestSetProtocol, hid::kBootProtocol, iface},
                                                   {}, kControlTimeout, &stop));
        !r)
        return r;
    if (auto r = optionalRequest(device.controlOut({kClassInterfaceOut, hid::kRequestSetIdle, 0, iface}, {},
                                                   kControlTimeout, &stop));
        !r)
        return r;
    supervisor_->setHealth(State::Ready);

    hid::BootKeyboardDecoder decoder;
    MrzFramer framer(options_.idleGap);
    while (!supervisor_->stopping()) {
        auto report = device.interruptIn(options_.interruptEndpoint, 64, kReadTimeout, &stop);
        const auto now = MrzFramer::Clock::now();
        if (!report) {
            if (supervisor_->stopping()) return {};
            if (!usb::isTimeout(report.error())) return std::unexpected(report.error());
        } else if (auto parsed = hid::parseBootReport(*report)) {
            framer.addText(decoder.feed(*parsed), now);
        } else {
            ++malformed_;  // a broken report loses a character at most; MRZ check digits catch it
        }
        framer.poll(now);
        deliver(framer.takeDocuments());
    }
    return {};
}

// ---------------------------------------------------------------------------------------------

UsbSerialPassportReader::UsbSerialPassportReader(std::shared_ptr<usb::UsbContext> context,
                                                 usb::UsbDeviceSelector selector, SerialPassportReaderOptions options)
    : selector_(selector), options_(options) {
    supervisor_ = std::make_unique<usb::UsbDeviceSupervisor>(std::move(context), std::move(selector),
                                                             [this](usb::UsbDevice& d) { return session(d); });
    supervisor_->start();
}

UsbSerialPassportReader::~UsbSerialPassportReader() { supervisor_->stop(); }

void UsbSerialPassportReader::setReadHandler(ReadHandler handler) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
}

void UsbSerialPassportReader::deliver(std::vector<Result<std::vector<std::string>>> documents) {
    for (auto& doc : documents) {
        ReadHandler handler;
        {
            std::lock_guard lock(mutex_);
            handler = handler_;
        }
        if (handler) handler(toRead(std::move(doc)));
    }
}

Result<void> UsbSerialPassportReader::session(usb::UsbDevice& device) {
    auto& stop = supervisor_->stopToken();
    const auto comm = static_cast<std::uint16_t>(options_.communicationsInterface);
    if (auto r = device.claimInterface(options_.communicationsInterface); !r) return std::unexpected(r.error());
    if (auto r = device.claimInterface(options_.dataInterface); !r) return std::unexpected(r.error());
    const auto coding = cdc::encodeLineCoding(options_.lineCoding);
    if (auto r = device.controlOut({kClassInterfaceOut, cdc::kRequestSetLineCoding, 0, comm}, coding, kControlTimeout,
                                   &stop);
        !r)
        return r;
    if (auto r = optionalRequest(device.controlOut({kClassInterfaceOut, cdc::kRequestSetControlLineState,
                                                    cdc::kLineStateDtr | cdc::kLineStateRts, comm},
                                                   {}, kControlTimeout, &stop));
        !r)
        return r;
    supervisor_->setHealth(State::Ready);

    cdc::SerialMrzFramer framer(options_.idleGap);
    while (!supervisor_->stopping()) {
        auto bytes = device.bulkIn(options_.bulkIn, 512, kReadTimeout, &stop);
        const auto now = MrzFramer::Clock::now();
        if (!bytes) {
            if (supervisor_->stopping()) return {};
            if (!usb::isTimeout(bytes.error())) return std::unexpected(bytes.error());
        } else {
            framer.feed(*bytes, now);
        }
        framer.poll(now);
        deliver(framer.takeDocuments());
    }
    return {};
}

}  // namespace kiosk::devices
