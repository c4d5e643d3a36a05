#pragma once
// Protocol: a USB keyboard in the HID boot protocol, as MRZ readers in "keyboard wedge" mode are.
// Pure decoding, no I/O: 8-byte boot reports in, typed text out.
//
// Facts, with their sources:
// - Boot keyboard input report: 8 bytes = modifier bitmap, reserved, 6 key usage codes (array of
//   keys held down, 0 = none). HID 1.11 specification, Appendix B.1 "Protocol 1 (Keyboard)".
// - Modifier bits: 0 LeftCtrl, 1 LeftShift, 2 LeftAlt, 3 LeftGUI, 4 RightCtrl, 5 RightShift,
//   6 RightAlt, 7 RightGUI. HID 1.11, 8.3 and Appendix C.
// - Usage 0x01 in every slot = ErrorRollOver (more keys than the report holds): not a key press.
//   HID Usage Tables 1.12, section 10 (Keyboard/Keypad page 0x07).
// - Key usages 0x04..0x1D = a..z, 0x1E..0x27 = 1..9,0, 0x28 Enter, 0x2B Tab, 0x2C Space, 0x2D '-',
//   0x36 ','  (Shift+',' = '<' on the US layout readers are configured for), 0x58 Keypad Enter,
//   0x59..0x62 Keypad 1..9,0. HID Usage Tables 1.12, section 10.
// - SET_PROTOCOL (bRequest 0x0B, wValue 0 = boot) and SET_IDLE (0x0A, wValue 0 = report only on
//   change) are class requests to the interface. HID 1.11, 7.2.5 and 7.2.4.
// A key counts as typed when it appears in a report and was not held in the previous one, so key-up
// reports, rollover (a new key pressed while another is held) and repeated characters (key up in
// between) decode as typed; a boot keyboard never auto-repeats by itself (the host does).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "app/core/error.h"

namespace kiosk::devices::hid {

inline constexpr std::size_t kBootReportSize = 8;
inline constexpr std::uint8_t kRequestSetIdle = 0x0A;
inline constexpr std::uint8_t kRequestSetProtocol = 0x0B;
inline constexpr std::uint16_t kBootProtocol = 0;
inline constexpr std::uint8_t kUsageErrorRollOver = 0x01;

enum Modifier : std::uint8_t {
    LeftCtrl = 0x01, LeftShift = 0x02, LeftAlt = 0x04, LeftGui = 0x08,
    RightCtrl = 0x10, RightShift = 0x20, RightAlt = 0x40, RightGui = 0x80,
};

struct BootReport {
    std::uint8_t modifiers = 0;
    std::array<std::uint8_t, 6> keys{};
};

// Exactly 8 bytes; anything else is a malformed report (InvalidInput).
[[nodiscard]] Result<BootReport> parseBootReport(std::span<const std::uint8_t> bytes);
[[nodiscard]] std::array<std::uint8_t, kBootReportSize> encodeBootReport(const BootReport& report);

// The character a key usage types on the US layout, or nothing for keys that type none.
// Enter (main and keypad) types '\r'.
[[nodiscard]] std::optional<char> usageToChar(std::uint8_t usage, bool shift);
// The key usage and shift state that type `c` (the device models use it); nothing if none does.
struct KeyStroke {
    std::uint8_t usage = 0;
    bool shift = false;
};
[[nodiscard]] std::optional<KeyStroke> charToKey(char c);

class BootKeyboardDecoder {
public:
    // The text typed by this report. Keys typed with Ctrl, Alt or GUI held type nothing.
    std::string feed(const BootReport& report);
    void reset() { held_ = {}; }

private:
    std::array<std::uint8_t, 6> held_{};
};

}  // namespace kiosk::devices::hid
