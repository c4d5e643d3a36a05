#include "devices/printer/usb_receipt_printer.h"

#include "devices/printer/escpos_encoder.h"

#include <algorithm>

namespace kiosk::devices {

namespace {
using State = DeviceHealth::State;
constexpr usb::Milliseconds kControlTimeout{1000};

std::string problems(const PrinterStatus& s) {
    std::string out;
    auto add = [&](bool on, const char* what) {
        if (!on) return;
        if (!out.empty()) out += ", ";
        out += what;
    };
    add(!s.online, "offline");
    add(s.coverOpen, "cover open");
    add(s.paperOut, "paper out");
    add(s.cutterError, "cutter error");
    return out;
}
}  // namespace

UsbReceiptPrinter::UsbReceiptPrinter(std::shared_ptr<usb::UsbContext> context, usb::UsbDeviceSelector selector,
                                     UsbReceiptPrinterOptions options)
    : selector_(selector), options_(options) {
    supervisor_ = std::make_unique<usb::UsbDeviceSupervisor>(std::move(context), std::move(selector),
                                                             [this](usb::UsbDevice& d) { return session(d); });
    supervisor_->start();
}

UsbReceiptPrinter::~UsbReceiptPrinter() { supervisor_->stop(); }

PrinterStatus UsbReceiptPrinter::status() const {
    std::lock_guard lock(mutex_);
    return device_ ? status_ : PrinterStatus{};
}

usbprinter::DeviceId UsbReceiptPrinter::deviceId() const {
    std::lock_guard lock(mutex_);
    return deviceId_;
}

DeviceHealth UsbReceiptPrinter::health() const {
    DeviceHealth h = supervisor_->health();
    std::lock_guard lock(mutex_);
    if (h.state == State::Ready && !statusProblem_.empty()) return {State::Error, statusProblem_};
    if (h.state == State::Ready && !status_.canPrint()) return {State::Error, problems(status_)};
    if (h.state == State::Ready && status_.paperNearEnd) h.detail = "paper near end";
    return h;
}

Result<std::vector<std::uint8_t>> UsbReceiptPrinter::ask(usb::UsbDevice& device, std::uint8_t n, std::size_t length) {
    const auto query = usbprinter::dleEot(n);
    if (auto r = device.bulkOut(options_.bulkOut, query, kStatusTimeout); !r) return std::unexpected(r.error());
    std::vector<std::uint8_t> answer;
    while (answer.size() < length) {
        auto bytes = device.bulkIn(options_.bulkIn, 64, kStatusTimeout);
        if (!bytes) return std::unexpected(bytes.error());
        answer.insert(answer.end(), bytes->begin(), bytes->end());
    }
    if (answer.size() != length)
        return fail(Error::Code::InvalidInput, "printer sent " + std::to_string(answer.size()) + " status bytes, expected " +
                                                   std::to_string(length),
                    "printer status");
    return answer;
}

Result<PrinterStatus> UsbReceiptPrinter::queryStatus(usb::UsbDevice& device) {
    // Stale bytes (an answer that came after its timeout) would shift every answer after them.
    while (true) {
        auto stale = device.bulkIn(options_.bulkIn, 64, usb::Milliseconds(20));
        if (!stale) {
            if (usb::isTimeout(stale.error())) break;
            return std::unexpected(stale.error());
        }
        if (stale->empty()) break;
    }
    PrinterStatus s;
    for (std::uint8_t n = 1; n <= 4; ++n) {
        auto answer = ask(device, n, 1);
        if (!answer) return std::unexpected(answer.error());
        if (auto r = usbprinter::applyRealTimeStatus(n, answer->front(), s); !r) return std::unexpected(r.error());
    }
    if (options_.fullStatus) {
        auto answer = ask(device, usbprinter::kFullStatusN, usbprinter::kFullStatusLength);
        if (!answer) return std::unexpected(answer.error());
        PrinterStatus full = s;
        if (auto r = usbprinter::applyFullStatus(*answer, full); !r) return std::unexpected(r.error());
        s.ticketInPresenter = full.ticketInPresenter;
        s.paperNearEnd = s.paperNearEnd || full.paperNearEnd;
    }
    return s;
}

Result<void> UsbReceiptPrinter::session(usb::UsbDevice& device) {
    auto& stop = supervisor_->stopToken();
    if (auto r = device.claimInterface(options_.interfaceNumber); !r) return std::unexpected(r.error());
    const auto iface = static_cast<std::uint16_t>(options_.interfaceNumber << 8);
    auto rawId = device.controlIn({usbprinter::kRequestTypeClassIn, usbprinter::kRequestGetDeviceId, 0, iface}, 1024,
                                  kControlTimeout, &stop);
    if (!rawId) return std::unexpected(rawId.error());
    auto id = usbprinter::parseDeviceId(*rawId);
    if (!id) return std::unexpected(id.error());  // not the printer we were told about: Error on the technician screen
    auto port = device.controlIn({usbprinter::kRequestTypeClassIn, usbprinter::kRequestGetPortStatus, 0,
                                  static_cast<std::uint16_t>(options_.interfaceNumber)},
                                 1, kControlTimeout, &stop);
    if (!port) return std::unexpected(port.error());
    auto first = queryStatus(device);
    if (!first && !(first.error().code == Error::Code::InvalidInput || usb::isTimeout(first.error())))
        return std::unexpected(first.error());
    {
        std::lock_guard lock(mutex_);
        deviceId_ = *id;
        device_ = &device;
        status_ = first ? *first : PrinterStatus{};
        statusProblem_ = first ? std::string() : "status unreadable: " + first.error().describe();
    }
    supervisor_->setHealth(State::Ready);
    Result<void> outcome;
    while (!supervisor_->sleepFor(kStatusInterval)) {
        std::lock_guard io(ioMutex_);
        auto s = queryStatus(device);
        std::lock_guard lock(mutex_);
        if (s) {
            status_ = *s;
            statusProblem_.clear();
        } else if (usb::isNoDevice(s.error())) {
            outcome = std::unexpected(s.error());
            break;
        } else {
            statusProblem_ = "status unreadable: " + s.error().describe();
        }
    }
    std::lock_guard io(ioMutex_);
    std::lock_guard lock(mutex_);
    device_ = nullptr;
    return outcome;
}

Result<void> UsbReceiptPrinter::print(std::span<const std::uint8_t> job) {
    std::lock_guard io(ioMutex_);  // device_ stays valid while this is held
    usb::UsbDevice* device = nullptr;
    {
        std::lock_guard lock(mutex_);
        device = device_;
    }
    if (!device) return fail(Error::Code::Device, "printer not connected", name());
    auto before = queryStatus(*device);
    if (!before && usb::isNoDevice(before.error())) return std::unexpected(before.error());
    PrinterStatus current;
    {
        std::lock_guard lock(mutex_);
        if (before) status_ = *before;
        current = status_;
    }
    if (!current.canPrint()) return fail(Error::Code::Device, "printer cannot print: " + problems(current), name());
    for (std::size_t offset = 0; offset < job.size(); offset += kChunkSize) {
        const auto chunk = job.subspan(offset, std::min(kChunkSize, job.size() - offset));
        if (auto r = device->bulkOut(options_.bulkOut, chunk, kChunkTimeout); !r) return r;
    }
    if (auto after = queryStatus(*device)) {
        {
            std::lock_guard lock(mutex_);
            status_ = *after;
        }
        if (!after->canPrint()) return fail(Error::Code::Device, "printer stopped: " + problems(*after), name());
    }
    return {};
}

DeviceIdentity UsbReceiptPrinter::identity() const {
    const auto id = deviceId();  // IEEE 1284 device ID: the printer says who it is (MFG, MDL)
    return {id.manufacturer, id.model, selector_.serial, "", "USB " + selector_.describe()};
}

Result<void> UsbReceiptPrinter::retractTicket() {
    std::lock_guard io(ioMutex_);
    usb::UsbDevice* device = nullptr;
    {
        std::lock_guard lock(mutex_);
        device = device_;
    }
    if (!device) return fail(Error::Code::Device, "printer not connected", name());
    escpos::JobBuilder job;
    job.presenter(escpos::PresenterAction::Retract);
    if (auto r = device->bulkOut(options_.bulkOut, job.bytes(), kChunkTimeout); !r) return r;
    if (auto after = queryStatus(*device)) {
        std::lock_guard lock(mutex_);
        status_ = *after;
    }
    return {};
}

}  // namespace kiosk::devices
