#include "devices/passport/hid_boot_keyboard.h"

#include <algorithm>

namespace kiosk::devices::hid {

Result<BootReport> parseBootReport(std::span<const std::uint8_t> bytes) {
    if (bytes.size() != kBootReportSize)
        return fail(Error::Code::InvalidInput,
                    "keyboard report of " + std::to_string(bytes.size()) + " bytes, boot reports have 8",
                    "HID boot report");
    BootReport r;
    r.modifiers = bytes[0];
    std::copy(bytes.begin() + 2, bytes.end(), r.keys.begin());
    return r;
}

std::array<std::uint8_t, kBootReportSize> encodeBootReport(const BootReport& report) {
    std::array<std::uint8_t, kBootReportSize> out{};
    out[0] = report.modifiers;
    std::copy(report.keys.begin(), report.keys.end(), out.begin() + 2);
    return out;
}

std::optional<char> usageToChar(std::uint8_t usage, bool shift) {
    if (usage >= 0x04 && usage <= 0x1D) return static_cast<char>((shift ? 'A' : 'a') + (usage - 0x04));
    if (usage >= 0x1E && usage <= 0x27 && !shift) return usage == 0x27 ? '0' : static_cast<char>('1' + (usage - 0x1E));
    if (usage >= 0x1E && usage <= 0x27) {
        static constexpr char kShifted[] = "!@#$%^&*()";
        return kShifted[usage - 0x1E];
    }
    if (usage >= 0x59 && usage <= 0x62) return usage == 0x62 ? '0' : static_cast<char>('1' + (usage - 0x59));
    switch (usage) {
        case 0x28: case 0x58: return '\r';
        case 0x2B: return '\t';
        case 0x2C: return ' ';
        case 0x2D: return shift ? '_' : '-';
        case 0x2E: return shift ? '+' : '=';
        case 0x33: return shift ? ':' : ';';
        case 0x36: return shift ? '<' : ',';
        case 0x37: return shift ? '>' : '.';
        case 0x38: return shift ? '?' : '/';
        default: return std::nullopt;
    }
}

std::optional<KeyStroke> charToKey(char c) {
    for (int usage = 0x04; usage <= 0x62; ++usage)
        for (bool shift : {false, true})
            if (usageToChar(static_cast<std::uint8_t>(usage), shift) == c)
                return KeyStroke{static_cast<std::uint8_t>(usage), shift};
    if (c == '\n') return KeyStroke{0x28, false};
    return std::nullopt;
}

std::string BootKeyboardDecoder::feed(const BootReport& report) {
    // ErrorRollOver: the keyboard cannot tell which keys are down; keep the previous state.
    if (std::all_of(report.keys.begin(), report.keys.end(), [](auto k) { return k == kUsageErrorRollOver; })) return {};
    std::string typed;
    const bool shift = (report.modifiers & (LeftShift | RightShift)) != 0;
    const bool chord = (report.modifiers & (LeftCtrl | RightCtrl | LeftAlt | RightAlt | LeftGui | RightGui)) != 0;
    for (std::uint8_t key : report.keys) {
        if (key <= 0x03) continue;  // none, ErrorRollOver, POSTFail, ErrorUndefined
        if (std::find(held_.begin(), held_.end(), key) != held_.end()) continue;  // still held: not typed again
        if (chord) continue;
        if (auto c = usageToChar(key, shift)) typed += *c;
    }
    held_ = report.keys;
    return typed;
}

}  // namespace kiosk::devices::hid
