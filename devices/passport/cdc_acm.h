#pragma once
// Protocol: an MRZ reader that is a USB serial device (CDC-ACM). Pure encoding and framing, no I/O.
//
// Facts, with their sources:
// - Communications class interface (class 0x02, subclass 0x02 ACM) takes the class requests; the
//   data class interface (0x0A) has one bulk IN and one bulk OUT endpoint. USB CDC 1.2, 3.4 and 4.
// - SET_LINE_CODING: bmRequestType 0x21, bRequest 0x20, wIndex = communications interface, 7 data
//   bytes: dwDTERate (LE32), bCharFormat (0 = 1 stop bit, 1 = 1.5, 2 = 2), bParityType (0 none,
//   1 odd, 2 even, 3 mark, 4 space), bDataBits (5, 6, 7, 8 or 16). GET_LINE_CODING 0xA1/0x21.
//   SET_CONTROL_LINE_STATE 0x21/0x22, wValue bit 0 = DTR, bit 1 = RTS. USB CDC PSTN 1.2, 6.3.10-6.3.12.
// - Reader framing: plain lines ended by CR, LF or CR LF, or a whole document between STX (0x02) and
//   ETX (0x03) with the lines inside ended the same way (configurable on the readers we know, e.g.
//   Access-IS and Desko OCR readers "serial/USB-CDC" modes). Packets may split or merge lines.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "app/core/error.h"
#include "devices/passport/mrz_framer.h"

namespace kiosk::devices::cdc {

inline constexpr std::uint8_t kRequestSetLineCoding = 0x20;
inline constexpr std::uint8_t kRequestGetLineCoding = 0x21;
inline constexpr std::uint8_t kRequestSetControlLineState = 0x22;
inline constexpr std::uint16_t kLineStateDtr = 0x01;
inline constexpr std::uint16_t kLineStateRts = 0x02;
inline constexpr std::uint8_t kStx = 0x02;
inline constexpr std::uint8_t kEtx = 0x03;

struct LineCoding {
    std::uint32_t baud = 9600;
    std::uint8_t stopBits = 0;  // bCharFormat
    std::uint8_t parity = 0;    // bParityType
    std::uint8_t dataBits = 8;
    bool operator==(const LineCoding&) const = default;
};

[[nodiscard]] std::array<std::uint8_t, 7> encodeLineCoding(const LineCoding& coding);
[[nodiscard]] Result<LineCoding> decodeLineCoding(std::span<const std::uint8_t> bytes);

// Bytes from bulk IN -> characters, line ends and document ends for the MRZ framer. STX starts a
// document (discarding an unfinished one), ETX ends it; outside STX...ETX, lines are framed by the
// idle gap as on keyboard readers.
class SerialMrzFramer {
public:
    explicit SerialMrzFramer(std::chrono::milliseconds idleGap = MrzFramer::kDefaultIdleGap) : framer_(idleGap) {}

    void feed(std::span<const std::uint8_t> bytes, MrzFramer::Clock::time_point now);
    void poll(MrzFramer::Clock::time_point now) {
        if (!inBlock_) framer_.poll(now);
    }
    [[nodiscard]] std::vector<Result<std::vector<std::string>>> takeDocuments() { return framer_.takeDocuments(); }

private:
    MrzFramer framer_;
    bool inBlock_ = false;
};

}  // namespace kiosk::devices::cdc
