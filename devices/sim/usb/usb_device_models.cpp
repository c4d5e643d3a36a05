#include "devices/sim/usb/usb_device_models.h"

#include <algorithm>

#include "devices/fingerprint/cp210x.h"
#include "devices/passport/hid_boot_keyboard.h"
#include "devices/printer/usb_printer_protocol.h"

namespace kiosk::sim::usb {

namespace {
constexpr std::uint8_t kClassInterfaceOut = 0x21;
}

// ---------------------------------------------------------------------------------------------
// HID keyboard reader

HidKeyboardReaderModel::HidKeyboardReaderModel(std::string serial) {
    description_.vendorId = kTestVendor;
    description_.productId = kHidReaderProduct;
    description_.manufacturer = "Kiosk emulation";
    description_.product = "MRZ reader (keyboard)";
    description_.serial = std::move(serial);
    // HID descriptor (HID 1.11, 6.2.1): bcdHID 1.11, one report descriptor of 63 bytes (boot keyboard).
    description_.interfaces.push_back({0, 0x03, 0x01, 0x01, {9, 0x21, 0x11, 0x01, 0, 1, 0x22, 63, 0},
                                       {{0x81, 3, 8, 10}}, "usbhid"});
}

ControlReply HidKeyboardReaderModel::classControl(const SetupPacket& s, std::span<const std::uint8_t>) {
    std::lock_guard lock(mutex_);
    if (s.requestType == kClassInterfaceOut && s.request == devices::hid::kRequestSetProtocol) {
        bootProtocol_ = s.value == devices::hid::kBootProtocol;
        return ControlReply::ok();
    }
    if (s.requestType == kClassInterfaceOut && s.request == devices::hid::kRequestSetIdle) return ControlReply::ok();
    return ControlReply::stalled();
}

InReply HidKeyboardReaderModel::in(std::uint8_t endpoint, std::size_t) {
    std::lock_guard lock(mutex_);
    if (endpoint != 0x81) return InReply::stall();
    if (reports_.empty()) return InReply::nak();
    auto r = std::move(reports_.front());
    reports_.pop_front();
    return InReply::bytes(std::move(r));
}

void HidKeyboardReaderModel::typeLines(const std::vector<std::string>& lines, const std::string& lineEnd, Typing typing) {
    std::string text;
    for (const auto& l : lines) text += l + lineEnd;
    std::lock_guard lock(mutex_);
    using devices::hid::BootReport;
    auto push = [&](const BootReport& r) {
        const auto bytes = devices::hid::encodeBootReport(r);
        reports_.emplace_back(bytes.begin(), bytes.end());
    };
    std::optional<devices::hid::KeyStroke> held;
    for (char c : text) {
        const auto key = devices::hid::charToKey(c);
        if (!key) continue;
        BootReport r;
        r.modifiers = key->shift ? devices::hid::LeftShift : 0;
        if (typing == Typing::Rollover && held && held->usage != key->usage) {
            // Next key down while the previous is still held (the shift state follows the new key).
            r.keys[0] = held->usage;
            r.keys[1] = key->usage;
            push(r);
            BootReport only;
            only.modifiers = r.modifiers;
            only.keys[0] = key->usage;
            push(only);
        } else {
            if (held) push(BootReport{});  // release before pressing the same key again
            r.keys[0] = key->usage;
            push(r);
        }
        held = key;
        if (typing == Typing::PressRelease) {
            push(BootReport{});
            held.reset();
        }
    }
    if (held) push(BootReport{});
}

void HidKeyboardReaderModel::queueRawReport(std::vector<std::uint8_t> report) {
    std::lock_guard lock(mutex_);
    reports_.push_back(std::move(report));
}

bool HidKeyboardReaderModel::idle() const {
    std::lock_guard lock(mutex_);
    return reports_.empty();
}

bool HidKeyboardReaderModel::bootProtocolSet() const {
    std::lock_guard lock(mutex_);
    return bootProtocol_;
}

// ---------------------------------------------------------------------------------------------
// CDC-ACM reader

CdcAcmReaderModel::CdcAcmReaderModel(std::string serial) {
    description_.vendorId = kTestVendor;
    description_.productId = kSerialReaderProduct;
    description_.deviceClass = 0x02;
    description_.manufacturer = "Kiosk emulation";
    description_.product = "MRZ reader (serial)";
    description_.serial = std::move(serial);
    // CDC functional descriptors (CDC 1.2 5.2.3; PSTN 1.2 5.3): header, call management, ACM, union.
    description_.interfaces.push_back({0, 0x02, 0x02, 0x01,
                                       {5, 0x24, 0x00, 0x10, 0x01, 5, 0x24, 0x01, 0x00, 0x01, 4, 0x24, 0x02, 0x02,
                                        5, 0x24, 0x06, 0x00, 0x01},
                                       {{0x83, 3, 16, 16}}, "cdc_acm"});
    description_.interfaces.push_back({1, 0x0A, 0x00, 0x00, {}, {{0x02, 2, 64, 0}, {0x82, 2, 64, 0}}, "cdc_acm"});
}

ControlReply CdcAcmReaderModel::classControl(const SetupPacket& s, std::span<const std::uint8_t> data) {
    std::lock_guard lock(mutex_);
    using namespace devices::cdc;
    if (s.requestType == kClassInterfaceOut && s.request == kRequestSetLineCoding) {
        auto coding = decodeLineCoding(data);
        if (!coding) return ControlReply::stalled();
        coding_ = *coding;
        return ControlReply::ok();
    }
    if (s.requestType == 0xA1 && s.request == kRequestGetLineCoding) {
        const auto bytes = encodeLineCoding(coding_.value_or(LineCoding{}));
        return ControlReply::ok({bytes.begin(), bytes.end()});
    }
    if (s.requestType == kClassInterfaceOut && s.request == kRequestSetControlLineState) return ControlReply::ok();
    return ControlReply::stalled();
}

InReply CdcAcmReaderModel::in(std::uint8_t endpoint, std::size_t maxLength) {
    std::lock_guard lock(mutex_);
    if (endpoint == 0x83) return InReply::nak();  // no serial state notifications
    if (endpoint != 0x82) return InReply::stall();
    if (packets_.empty()) return InReply::nak();
    auto p = std::move(packets_.front());
    packets_.pop_front();
    if (p.size() > maxLength) {
        packets_.emplace_front(p.begin() + static_cast<std::ptrdiff_t>(maxLength), p.end());
        p.resize(maxLength);
    }
    return InReply::bytes(std::move(p));
}

void CdcAcmReaderModel::send(std::string_view bytes, std::size_t packetSize) {
    std::lock_guard lock(mutex_);
    packetSize = std::max<std::size_t>(1, packetSize);
    for (std::size_t i = 0; i < bytes.size(); i += packetSize) {
        const auto piece = bytes.substr(i, packetSize);
        packets_.emplace_back(piece.begin(), piece.end());
    }
}

void CdcAcmReaderModel::sendDocument(const std::vector<std::string>& lines, bool stxEtx, std::size_t packetSize) {
    std::string text;
    if (stxEtx) text += static_cast<char>(devices::cdc::kStx);
    for (const auto& l : lines) text += l + "\r\n";
    if (stxEtx) text += static_cast<char>(devices::cdc::kEtx);
    send(text, packetSize);
}

std::optional<devices::cdc::LineCoding> CdcAcmReaderModel::lineCoding() const {
    std::lock_guard lock(mutex_);
    return coding_;
}

bool CdcAcmReaderModel::idle() const {
    std::lock_guard lock(mutex_);
    return packets_.empty();
}

// ---------------------------------------------------------------------------------------------
// R30x module behind a CP210x

R30xModuleModel::R30xModuleModel(std::string serial) {
    description_.vendorId = devices::cp210x::kVendorSiliconLabs;
    description_.productId = devices::cp210x::kProductCp210x;
    description_.manufacturer = "Silicon Labs";
    description_.product = "CP2102 USB to UART Bridge Controller";
    description_.serial = std::move(serial);
    description_.interfaces.push_back({0, 0xFF, 0x00, 0x00, {}, {{0x01, 2, 64, 0}, {0x81, 2, 64, 0}}, "cp210x"});
}

ControlReply R30xModuleModel::classControl(const SetupPacket& s, std::span<const std::uint8_t> data) {
    using namespace devices::cp210x;
    std::lock_guard lock(mutex_);
    if (s.requestType != kRequestTypeOut) return ControlReply::stalled();
    switch (s.request) {
        case kIfcEnable: uartEnabled_ = s.value == kUartEnable; return ControlReply::ok();
        case kSetLineCtl: return s.value == kLineCtl8N1 ? ControlReply::ok() : ControlReply::stalled();
        case kPurge: outgoing_.clear(); return ControlReply::ok();
        case kSetBaudrate:
            if (data.size() != 4) return ControlReply::stalled();
            baud_ = static_cast<std::uint32_t>(data[0]) | static_cast<std::uint32_t>(data[1]) << 8 |
                    static_cast<std::uint32_t>(data[2]) << 16 | static_cast<std::uint32_t>(data[3]) << 24;
            return ControlReply::ok();
        default: return ControlReply::stalled();
    }
}

void R30xModuleModel::queue(const r30x::Packet& p) {
    const auto bytes = r30x::encode(p);
    outgoing_.insert(outgoing_.end(), bytes.begin(), bytes.end());
}

void R30xModuleModel::answer(const r30x::Packet& cmd) {
    using r30x::Confirm;
    using r30x::Instruction;
    if (cmd.id != r30x::PacketId::Command || cmd.payload.empty()) {
        queue(r30x::acknowledge(Confirm::PacketError));
        return;
    }
    switch (static_cast<Instruction>(cmd.payload[0])) {
        case Instruction::HandShake:
        case Instruction::VfyPwd: queue(r30x::acknowledge(Confirm::Ok)); return;
        case Instruction::ReadSysPara: {
            // 16 bytes of system parameters; data packet size code 2 = 128 bytes, baud multiplier 6.
            const std::uint8_t params[16] = {0, 0, 0, 0, 0, 0, 0x03, 0xE8, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0, 2};
            queue(r30x::acknowledge(Confirm::Ok, params));
            return;
        }
        case Instruction::GenImg:
            ++genImg_;
            queue(r30x::acknowledge(finger_ ? Confirm::Ok : Confirm::NoFinger));
            return;
        case Instruction::AuraLedConfig:
            if (!hasLed_ || cmd.payload.size() < 5) {
                queue(r30x::acknowledge(Confirm::PacketError));
                return;
            }
            led_ = static_cast<r30x::LedMode>(cmd.payload[1]);
            queue(r30x::acknowledge(Confirm::Ok));
            return;
        case Instruction::UpImage: {
            ++uploads_;
            if (!finger_) {
                queue(r30x::acknowledge(static_cast<Confirm>(0x15)));  // no valid image in the buffer
                return;
            }
            queue(r30x::acknowledge(Confirm::Ok));
            constexpr std::size_t kPacket = 128;
            const auto& img = *finger_;
            const bool corrupt = corruptUploads_ > 0;
            const bool truncate = !corrupt && truncateUploads_ > 0;
            if (corrupt) --corruptUploads_;
            if (truncate) --truncateUploads_;
            const std::size_t packets = img.size() / kPacket;
            for (std::size_t i = 0; i < packets; ++i) {
                if (truncate && i == packets / 2) return;
                r30x::Packet p{cmd.address, i + 1 == packets ? r30x::PacketId::EndData : r30x::PacketId::Data,
                               {img.begin() + static_cast<std::ptrdiff_t>(i * kPacket),
                                img.begin() + static_cast<std::ptrdiff_t>((i + 1) * kPacket)}};
                auto bytes = r30x::encode(p);
                if (corrupt && i == packets / 3) bytes.back() ^= 0x5A;
                outgoing_.insert(outgoing_.end(), bytes.begin(), bytes.end());
            }
            if (liftAfterUpload_) finger_.reset();
            return;
        }
        default: queue(r30x::acknowledge(Confirm::PacketError)); return;
    }
}

bool R30xModuleModel::out(std::uint8_t endpoint, std::span<const std::uint8_t> data) {
    std::lock_guard lock(mutex_);
    if (endpoint != 0x01) return false;
    if (!uartEnabled_) return true;  // the UART is off: bytes go nowhere
    reader_.feed(data);
    while (auto p = reader_.next()) {
        if (silent_) continue;
        if (!*p) {
            queue(r30x::acknowledge(r30x::Confirm::PacketError));
            continue;
        }
        answer(**p);
    }
    return true;
}

InReply R30xModuleModel::in(std::uint8_t endpoint, std::size_t maxLength) {
    std::lock_guard lock(mutex_);
    if (endpoint != 0x81) return InReply::stall();
    if (outgoing_.empty()) return InReply::nak();
    const std::size_t n = std::min(maxLength, outgoing_.size());
    std::vector<std::uint8_t> bytes(outgoing_.begin(), outgoing_.begin() + static_cast<std::ptrdiff_t>(n));
    outgoing_.erase(outgoing_.begin(), outgoing_.begin() + static_cast<std::ptrdiff_t>(n));
    return InReply::bytes(std::move(bytes));
}

namespace {
GreyImage toSensorSize(const GreyImage& in) {
    if (in.width == r30x::kImageWidth && in.height == r30x::kImageHeight) return in;
    GreyImage out;
    out.width = r30x::kImageWidth;
    out.height = r30x::kImageHeight;
    out.dpi = in.dpi;
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height), 255);
    if (!in.isValid()) return out;
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            const int sx = x * in.width / out.width;
            const int sy = y * in.height / out.height;
            out.pixels[static_cast<std::size_t>(y * out.width + x)] =
                in.pixels[static_cast<std::size_t>(sy * in.width + sx)];
        }
    return out;
}
}  // namespace

void R30xModuleModel::placeFinger(const GreyImage& image) {
    auto packed = r30x::packImage4bpp(toSensorSize(image));
    std::lock_guard lock(mutex_);
    finger_ = std::move(packed);
    liftAfterUpload_ = false;
}

void R30xModuleModel::placeFingerOnce(const GreyImage& image) {
    auto packed = r30x::packImage4bpp(toSensorSize(image));
    std::lock_guard lock(mutex_);
    finger_ = std::move(packed);
    liftAfterUpload_ = true;
}

void R30xModuleModel::liftFinger() {
    std::lock_guard lock(mutex_);
    finger_.reset();
}

GreyImage R30xModuleModel::expectedCapture(const GreyImage& placed) {
    auto unpacked = r30x::unpackImage4bpp(r30x::packImage4bpp(toSensorSize(placed)));
    return unpacked ? *unpacked : GreyImage{};
}

void R30xModuleModel::corruptNextUploads(int count) {
    std::lock_guard lock(mutex_);
    corruptUploads_ = count;
}
void R30xModuleModel::truncateNextUploads(int count) {
    std::lock_guard lock(mutex_);
    truncateUploads_ = count;
}
void R30xModuleModel::setSilent(bool silent) {
    std::lock_guard lock(mutex_);
    silent_ = silent;
}
void R30xModuleModel::setHasLed(bool hasLed) {
    std::lock_guard lock(mutex_);
    hasLed_ = hasLed;
}
std::uint32_t R30xModuleModel::baud() const {
    std::lock_guard lock(mutex_);
    return baud_;
}
bool R30xModuleModel::uartEnabled() const {
    std::lock_guard lock(mutex_);
    return uartEnabled_;
}
int R30xModuleModel::uploads() const {
    std::lock_guard lock(mutex_);
    return uploads_;
}
int R30xModuleModel::genImgCount() const {
    std::lock_guard lock(mutex_);
    return genImg_;
}
std::optional<r30x::LedMode> R30xModuleModel::led() const {
    std::lock_guard lock(mutex_);
    return led_;
}

// ---------------------------------------------------------------------------------------------
// Printer

UsbPrinterModel::UsbPrinterModel(std::string deviceId, std::string serial) : deviceId_(std::move(deviceId)) {
    description_.vendorId = kTestVendor;
    description_.productId = kPrinterProduct;
    description_.manufacturer = "Kiosk emulation";
    description_.product = "Receipt printer";
    description_.serial = std::move(serial);
    description_.interfaces.push_back({0, 0x07, 0x01, 0x02, {}, {{0x01, 2, 64, 0}, {0x81, 2, 64, 0}}, "usblp"});
    status_.online = true;
}

ControlReply UsbPrinterModel::classControl(const SetupPacket& s, std::span<const std::uint8_t>) {
    using namespace devices::usbprinter;
    std::lock_guard lock(mutex_);
    if (s.requestType == kRequestTypeClassIn && s.request == kRequestGetDeviceId)
        return ControlReply::ok(encodeDeviceId(deviceId_));
    if (s.requestType == kRequestTypeClassIn && s.request == kRequestGetPortStatus) {
        std::uint8_t b = 0;
        if (status_.canPrint()) b |= kPortNotError;
        if (status_.online) b |= kPortSelect;
        if (status_.paperOut) b |= kPortPaperEmpty;
        return ControlReply::ok({b});
    }
    if (s.requestType == kRequestTypeClassOut && s.request == kRequestSoftReset) {
        ++softResets_;
        answers_.clear();
        return ControlReply::ok();
    }
    return ControlReply::stalled();
}

bool UsbPrinterModel::out(std::uint8_t endpoint, std::span<const std::uint8_t> data) {
    using namespace devices::usbprinter;
    std::lock_guard lock(mutex_);
    if (endpoint != 0x01) return false;
    // A status query arrives as a transfer of its own (the driver never mixes it into a job).
    if (data.size() == 3 && data[0] == kDle && data[1] == kEot) {
        if (silent_) return true;
        const std::uint8_t n = data[2];
        if (n >= 1 && n <= 4) answers_.push_back(garbled_ ? 0xFF : encodeRealTimeStatus(n, status_));
        if (n == kFullStatusN) {
            const auto full = encodeFullStatus(status_);
            answers_.insert(answers_.end(), full.begin(), full.end());
        }
        return true;
    }
    received_.insert(received_.end(), data.begin(), data.end());
    return true;
}

InReply UsbPrinterModel::in(std::uint8_t endpoint, std::size_t maxLength) {
    std::lock_guard lock(mutex_);
    if (endpoint != 0x81) return InReply::stall();
    if (answers_.empty()) return InReply::nak();
    const std::size_t n = std::min(maxLength, answers_.size());
    std::vector<std::uint8_t> bytes(answers_.begin(), answers_.begin() + static_cast<std::ptrdiff_t>(n));
    answers_.erase(answers_.begin(), answers_.begin() + static_cast<std::ptrdiff_t>(n));
    return InReply::bytes(std::move(bytes));
}

void UsbPrinterModel::setStatus(const devices::PrinterStatus& status) {
    std::lock_guard lock(mutex_);
    status_ = status;
}
void UsbPrinterModel::setDeviceId(std::string deviceId) {
    std::lock_guard lock(mutex_);
    deviceId_ = std::move(deviceId);
}
void UsbPrinterModel::setGarbledStatus(bool garbled) {
    std::lock_guard lock(mutex_);
    garbled_ = garbled;
}
void UsbPrinterModel::setSilent(bool silent) {
    std::lock_guard lock(mutex_);
    silent_ = silent;
}
std::vector<std::uint8_t> UsbPrinterModel::received() const {
    std::lock_guard lock(mutex_);
    return received_;
}
std::vector<std::uint8_t> UsbPrinterModel::takeReceived() {
    std::lock_guard lock(mutex_);
    return std::exchange(received_, {});
}
int UsbPrinterModel::softResets() const {
    std::lock_guard lock(mutex_);
    return softResets_;
}

}  // namespace kiosk::sim::usb
