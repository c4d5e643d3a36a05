#include "devices/passport/cdc_acm.h"

namespace kiosk::devices::cdc {

std::array<std::uint8_t, 7> encodeLineCoding(const LineCoding& c) {
    return {static_cast<std::uint8_t>(c.baud), static_cast<std::uint8_t>(c.baud >> 8),
            static_cast<std::uint8_t>(c.baud >> 16), static_cast<std::uint8_t>(c.baud >> 24),
            c.stopBits, c.parity, c.dataBits};
}

Result<LineCoding> decodeLineCoding(std::span<const std::uint8_t> b) {
    if (b.size() != 7) return fail(Error::Code::InvalidInput, "line coding must be 7 bytes", "CDC line coding");
    LineCoding c;
    c.baud = static_cast<std::uint32_t>(b[0]) | static_cast<std::uint32_t>(b[1]) << 8 |
             static_cast<std::uint32_t>(b[2]) << 16 | static_cast<std::uint32_t>(b[3]) << 24;
    c.stopBits = b[4];
    c.parity = b[5];
    c.dataBits = b[6];
    if (c.stopBits > 2 || c.parity > 4 || !(c.dataBits == 5 || c.dataBits == 6 || c.dataBits == 7 ||
                                            c.dataBits == 8 || c.dataBits == 16))
        return fail(Error::Code::InvalidInput, "line coding out of range", "CDC line coding");
    return c;
}

void SerialMrzFramer::feed(std::span<const std::uint8_t> bytes, MrzFramer::Clock::time_point now) {
    for (std::uint8_t b : bytes) {
        if (b == kStx) {
            if (inBlock_) framer_.endDocument();  // a block without ETX: deliver what came (likely an error)
            inBlock_ = true;
            continue;
        }
        if (b == kEtx) {
            if (inBlock_) framer_.endDocument();
            inBlock_ = false;
            continue;
        }
        framer_.addChar(static_cast<char>(b), now);
    }
}

}  // namespace kiosk::devices::cdc
