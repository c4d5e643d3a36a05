#include "devices/fingerprint/r30x_fingerprint_scanner.h"

#include "devices/fingerprint/cp210x.h"

namespace kiosk::devices {

namespace {
using State = DeviceHealth::State;
using Clock = std::chrono::steady_clock;
constexpr usb::Milliseconds kBridgeTimeout{1000};
constexpr std::size_t kReadChunk = 4096;

Error moduleError(std::uint8_t code, const std::string& step) {
    return Error{Error::Code::Device, r30x::describeConfirm(code), "fingerprint module, " + step, code};
}
}  // namespace

R30xFingerprintScanner::R30xFingerprintScanner(std::shared_ptr<usb::UsbContext> context,
                                               usb::UsbDeviceSelector selector, R30xScannerOptions options)
    : selector_(selector), options_(options) {
    supervisor_ = std::make_unique<usb::UsbDeviceSupervisor>(std::move(context), std::move(selector),
                                                             [this](usb::UsbDevice& d) { return session(d); });
    supervisor_->start();
}

R30xFingerprintScanner::~R30xFingerprintScanner() {
    captureCancel_.cancel();
    wake_.notify_all();
    supervisor_->stop();
}

void R30xFingerprintScanner::startCapture(CaptureHandler handler) {
    {
        std::lock_guard lock(mutex_);
        pending_ = std::move(handler);
        captureCancel_.reset();
    }
    wake_.notify_all();
}

void R30xFingerprintScanner::cancelCapture() {
    {
        std::lock_guard lock(mutex_);
        pending_ = nullptr;
    }
    captureCancel_.cancel();
    wake_.notify_all();
}

Result<r30x::Packet> R30xFingerprintScanner::readPacket(usb::UsbDevice& device, std::chrono::milliseconds timeout,
                                                        usb::CancelToken* cancel) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        if (auto p = reader_.next()) return std::move(*p);
        const auto left = std::chrono::duration_cast<usb::Milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            return fail(Error::Code::Timeout, "module did not answer in time", "fingerprint module",
                        static_cast<int>(usb::UsbFailure::Timeout));
        auto bytes = device.bulkIn(cp210x::kBulkIn, kReadChunk, left, cancel);
        if (!bytes) return std::unexpected(bytes.error());
        reader_.feed(*bytes);
    }
}

Result<r30x::Packet> R30xFingerprintScanner::transact(usb::UsbDevice& device, r30x::Instruction instruction,
                                                      std::span<const std::uint8_t> parameters,
                                                      usb::CancelToken* cancel) {
    const auto bytes = r30x::encode(r30x::command(instruction, parameters, options_.address));
    if (auto r = device.bulkOut(cp210x::kBulkOut, bytes, kCommandTimeout, cancel); !r) return std::unexpected(r.error());
    for (int attempt = 0; attempt < 4; ++attempt) {
        auto p = readPacket(device, kCommandTimeout, cancel);
        if (!p) {
            if (p.error().code == Error::Code::InvalidInput) continue;  // corrupt packet: look for the next
            return p;
        }
        if (p->id == r30x::PacketId::Ack && !p->payload.empty()) return p;
    }
    return fail(Error::Code::Device, "no valid acknowledge from the module", "fingerprint module");
}

void R30xFingerprintScanner::drain(usb::UsbDevice& device) {
    // Throw away whatever the module still sends (the rest of an aborted upload).
    for (int i = 0; i < 64; ++i) {
        auto bytes = device.bulkIn(cp210x::kBulkIn, kReadChunk, usb::Milliseconds(50), nullptr);
        if (!bytes || bytes->empty()) break;
    }
    reader_.clear();
}

void R30xFingerprintScanner::setLed(usb::UsbDevice& device, r30x::LedMode mode) {
    if (!options_.hasLed) return;
    const std::uint8_t params[] = {static_cast<std::uint8_t>(mode), 0x80, static_cast<std::uint8_t>(r30x::LedColour::Blue), 0};
    (void)transact(device, r30x::Instruction::AuraLedConfig, params, nullptr);  // best effort
}

Result<std::vector<std::uint8_t>> R30xFingerprintScanner::upload(usb::UsbDevice& device) {
    for (int attempt = 1; attempt <= kUploadAttempts; ++attempt) {
        if (attempt > 1) ++uploadRetries_;
        auto ack = transact(device, r30x::Instruction::UpImage, {}, &captureCancel_);
        if (!ack) {
            if (usb::isNoDevice(ack.error()) || usb::isCancelled(ack.error())) return std::unexpected(ack.error());
            drain(device);
            continue;
        }
        if (ack->payload[0] != 0x00) {
            drain(device);
            continue;
        }
        std::vector<std::uint8_t> data;
        data.reserve(r30x::kPackedImageBytes);
        bool broken = false;
        while (true) {
            auto p = readPacket(device, kDataTimeout, &captureCancel_);
            if (!p) {
                if (usb::isNoDevice(p.error()) || usb::isCancelled(p.error())) return std::unexpected(p.error());
                broken = true;  // corrupt packet or the stream stopped
                break;
            }
            if (p->id != r30x::PacketId::Data && p->id != r30x::PacketId::EndData) {
                broken = true;
                break;
            }
            if (data.size() + p->payload.size() > r30x::kPackedImageBytes) {
                broken = true;
                break;
            }
            data.insert(data.end(), p->payload.begin(), p->payload.end());
            if (p->id == r30x::PacketId::EndData) break;
        }
        if (!broken && data.size() == r30x::kPackedImageBytes) return data;
        drain(device);
    }
    return fail(Error::Code::Device, "image upload failed " + std::to_string(kUploadAttempts) + " times (corrupt or short data)",
                "fingerprint module");
}

Result<GreyImage> R30xFingerprintScanner::capture(usb::UsbDevice& device) {
    const auto deadline = Clock::now() + options_.captureTimeout;
    setLed(device, r30x::LedMode::Breathing);
    while (true) {
        auto ack = transact(device, r30x::Instruction::GenImg, {}, &captureCancel_);
        if (!ack) return std::unexpected(ack.error());
        const auto code = ack->payload[0];
        if (code == static_cast<std::uint8_t>(r30x::Confirm::Ok)) break;
        if (code != static_cast<std::uint8_t>(r30x::Confirm::NoFinger) &&
            code != static_cast<std::uint8_t>(r30x::Confirm::ImageFail))
            return std::unexpected(moduleError(code, "GenImg"));
        if (Clock::now() >= deadline)
            return fail(Error::Code::Timeout, "no finger placed in time", "fingerprint module");
        if (captureCancel_.cancelled()) return std::unexpected(usb::cancelledError("capture"));
        std::this_thread::sleep_for(options_.fingerPoll);
    }
    auto packed = upload(device);
    setLed(device, r30x::LedMode::Off);
    if (!packed) return std::unexpected(packed.error());
    return r30x::unpackImage4bpp(*packed, r30x::kImageWidth, r30x::kImageHeight, options_.dpi);
}

Result<void> R30xFingerprintScanner::session(usb::UsbDevice& device) {
    auto& stop = supervisor_->stopToken();
    reader_.clear();
    if (auto r = device.claimInterface(cp210x::kInterface); !r) return std::unexpected(r.error());
    using usb::ControlSetup;
    if (auto r = device.controlOut(ControlSetup{cp210x::kRequestTypeOut, cp210x::kIfcEnable, cp210x::kUartEnable, 0}, {},
                                   kBridgeTimeout, &stop);
        !r)
        return r;
    const auto baud = cp210x::baudBytes(options_.baud);
    if (auto r = device.controlOut(ControlSetup{cp210x::kRequestTypeOut, cp210x::kSetBaudrate, 0, 0}, baud,
                                   kBridgeTimeout, &stop);
        !r)
        return r;
    if (auto r = device.controlOut(ControlSetup{cp210x::kRequestTypeOut, cp210x::kSetLineCtl, cp210x::kLineCtl8N1, 0},
                                   {}, kBridgeTimeout, &stop);
        !r)
        return r;
    if (auto r = device.controlOut(ControlSetup{cp210x::kRequestTypeOut, cp210x::kPurge, cp210x::kPurgeAll, 0}, {},
                                   kBridgeTimeout, &stop);
        !r && !usb::isStall(r.error()))
        return r;

    auto handshake = [&]() -> Result<void> {
        auto ack = transact(device, r30x::Instruction::HandShake, {}, &stop);
        if (!ack) return std::unexpected(ack.error());
        if (ack->payload[0] != 0x00) return std::unexpected(moduleError(ack->payload[0], "HandShake"));
        return {};
    };
    if (auto r = handshake(); !r) return r;
    supervisor_->setHealth(State::Ready);

    auto lastCheck = Clock::now();
    while (!supervisor_->stopping()) {
        CaptureHandler handler;
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::milliseconds(100),
                           [this] { return pending_ != nullptr || supervisor_->stopping(); });
            if (supervisor_->stopping()) break;
            handler = pending_;
        }
        if (!handler) {
            if (Clock::now() - lastCheck >= kIdleCheck) {
                if (auto r = handshake(); !r) return supervisor_->stopping() ? Result<void>{} : r;
                lastCheck = Clock::now();
            }
            continue;
        }
        supervisor_->setHealth(State::Busy, "capturing");
        auto image = capture(device);
        supervisor_->setHealth(State::Ready);
        bool stillWanted;
        {
            std::lock_guard lock(mutex_);
            stillWanted = pending_ != nullptr;
            pending_ = nullptr;
        }
        if (!image && usb::isCancelled(image.error())) {
            if (supervisor_->stopping()) break;
            drain(device);
            setLed(device, r30x::LedMode::Off);
            continue;  // cancelled: the handler is not called
        }
        if (!image && usb::isNoDevice(image.error())) {
            // Unplugged mid-capture: the capture stays pending and resumes once the module is back.
            if (stillWanted) {
                std::lock_guard lock(mutex_);
                if (!pending_) pending_ = std::move(handler);
            }
            return std::unexpected(image.error());
        }
        if (stillWanted) handler(std::move(image));
        lastCheck = Clock::now();
    }
    return {};
}

}  // namespace kiosk::devices
