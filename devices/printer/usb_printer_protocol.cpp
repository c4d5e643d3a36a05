#include "devices/printer/usb_printer_protocol.h"

#include <algorithm>
#include <cctype>

namespace kiosk::devices::usbprinter {

namespace {
std::string trim(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
}
std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}
}  // namespace

Result<DeviceId> parseDeviceId(std::span<const std::uint8_t> reply) {
    if (reply.size() < 2) return fail(Error::Code::InvalidInput, "device ID shorter than its length field", "GET_DEVICE_ID");
    const std::size_t declared = static_cast<std::size_t>(reply[0]) << 8 | reply[1];
    if (declared < 2) return fail(Error::Code::InvalidInput, "device ID length field below 2", "GET_DEVICE_ID");
    const std::size_t end = std::min(declared, reply.size());
    DeviceId id;
    for (std::size_t i = 2; i < end; ++i) {
        const auto c = reply[i];
        if (c == 0) break;
        if (c < 0x20 || c > 0x7E) return fail(Error::Code::InvalidInput, "device ID has non-text bytes", "GET_DEVICE_ID");
        id.raw += static_cast<char>(c);
    }
    std::size_t pos = 0;
    while (pos < id.raw.size()) {
        std::size_t semi = id.raw.find(';', pos);
        if (semi == std::string::npos) semi = id.raw.size();
        const std::string pair = id.raw.substr(pos, semi - pos);
        pos = semi + 1;
        const std::size_t colon = pair.find(':');
        if (colon == std::string::npos) continue;
        const std::string key = upper(trim(pair.substr(0, colon)));
        const std::string value = trim(pair.substr(colon + 1));
        if (key == "MFG" || key == "MANUFACTURER") id.manufacturer = value;
        else if (key == "MDL" || key == "MODEL") id.model = value;
        else if (key == "CMD" || key == "COMMAND SET") {
            std::size_t p = 0;
            while (p <= value.size()) {
                std::size_t comma = value.find(',', p);
                if (comma == std::string::npos) comma = value.size();
                if (auto item = trim(value.substr(p, comma - p)); !item.empty()) id.commandSets.push_back(item);
                p = comma + 1;
            }
        }
    }
    if (id.manufacturer.empty() || id.model.empty())
        return fail(Error::Code::InvalidInput, "device ID without manufacturer or model", "GET_DEVICE_ID");
    return id;
}

std::vector<std::uint8_t> encodeDeviceId(std::string_view text) {
    const std::size_t n = text.size() + 2;
    std::vector<std::uint8_t> out(n);
    out[0] = static_cast<std::uint8_t>(n >> 8);
    out[1] = static_cast<std::uint8_t>(n);
    for (std::size_t i = 0; i < text.size(); ++i) out[2 + i] = static_cast<std::uint8_t>(text[i]);
    return out;
}

PortStatus decodePortStatus(std::uint8_t b) {
    return {(b & kPortNotError) == 0, (b & kPortSelect) != 0, (b & kPortPaperEmpty) != 0};
}

Result<void> applyRealTimeStatus(std::uint8_t n, std::uint8_t b, PrinterStatus& s) {
    if ((b & 0x93) != 0x12)
        return fail(Error::Code::InvalidInput, "answer to DLE EOT " + std::to_string(n) + " is not a status byte",
                    "printer status");
    switch (n) {
        case 1: s.online = (b & 0x08) == 0; break;
        case 2:
            s.coverOpen = (b & 0x04) != 0;
            if (b & 0x20) s.paperOut = true;
            break;
        case 3: s.cutterError = (b & 0x08) != 0; break;
        case 4:
            s.paperNearEnd = (b & 0x0C) != 0;
            s.paperOut = (b & 0x60) != 0;
            break;
        default: return fail(Error::Code::Internal, "DLE EOT n must be 1..4", "printer status");
    }
    return {};
}

std::uint8_t encodeRealTimeStatus(std::uint8_t n, const PrinterStatus& s) {
    std::uint8_t b = 0x12;
    switch (n) {
        case 1: if (!s.online) b |= 0x08; break;
        case 2:
            if (s.coverOpen) b |= 0x04;
            if (s.paperOut) b |= 0x20;
            if (s.coverOpen || s.paperOut || s.cutterError) b |= 0x40;
            break;
        case 3: if (s.cutterError) b |= 0x08; break;
        case 4:
            if (s.paperNearEnd) b |= 0x0C;
            if (s.paperOut) b |= 0x60;
            break;
        default: break;
    }
    return b;
}

Result<void> applyFullStatus(std::span<const std::uint8_t> r, PrinterStatus& s) {
    if (r.size() != kFullStatusLength || r[0] != kDle || r[1] != 0x0F)
        return fail(Error::Code::InvalidInput, "malformed full status (DLE EOT 20) answer", "printer status");
    s.paperOut = (r[2] & 0x01) != 0;
    s.paperNearEnd = (r[2] & 0x04) != 0;
    s.ticketInPresenter = (r[2] & 0x20) != 0;
    s.coverOpen = (r[3] & 0x03) != 0;
    s.cutterError = (r[5] & 0x01) != 0;
    return {};
}

std::array<std::uint8_t, kFullStatusLength> encodeFullStatus(const PrinterStatus& s) {
    std::array<std::uint8_t, kFullStatusLength> r{kDle, 0x0F, 0, 0, 0, 0};
    if (s.paperOut) r[2] |= 0x01;
    if (s.paperNearEnd) r[2] |= 0x04;
    if (s.ticketInPresenter) r[2] |= 0x20;
    if (s.coverOpen) r[3] |= 0x02;
    if (s.cutterError) r[5] |= 0x01;
    return r;
}

}  // namespace kiosk::devices::usbprinter
