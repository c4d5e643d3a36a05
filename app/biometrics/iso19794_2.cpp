// ISO/IEC 19794-2:2005 finger minutiae record, record format.
// Layout (big-endian):
//   0  "FMR\0"             4  " 20\0"            8  record length (4 bytes)
//   12 capture equipment (4 bits certification, 12 bits id)
//   14 width  16 height  18 x resolution  20 y resolution (pixels per cm)
//   22 number of finger views   23 reserved
//   per view: finger position, view number (4 bits) | impression type (4 bits), quality, minutiae count,
//             then per minutia 6 bytes: type (2 bits) | x (14 bits), reserved (2 bits) | y (14 bits),
//             angle (units of 360/256 degrees), quality; then the extended data block length (2 bytes)
//             and that many bytes.
#include "app/biometrics/iso19794_2.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace kiosk::biometrics {
namespace {

constexpr std::size_t kHeaderBytes = 24;
constexpr std::size_t kViewHeaderBytes = 4;
constexpr std::size_t kMinutiaBytes = 6;
constexpr std::size_t kExtendedLengthBytes = 2;
constexpr double kPixelsPerCmPerDpi = 1.0 / 2.54;

void put16(std::vector<std::uint8_t>& out, unsigned v) {
    out.push_back(static_cast<std::uint8_t>((v >> 8) & 0xFFu));
    out.push_back(static_cast<std::uint8_t>(v & 0xFFu));
}

class Reader {
public:
    explicit Reader(std::span<const std::uint8_t> d) : data_(d) {}
    [[nodiscard]] bool has(std::size_t n) const { return pos_ + n <= data_.size(); }
    [[nodiscard]] std::size_t offset() const { return pos_; }
    std::uint8_t u8() { return data_[pos_++]; }
    unsigned u16() {
        const unsigned v = (static_cast<unsigned>(data_[pos_]) << 8) | data_[pos_ + 1];
        pos_ += 2;
        return v;
    }
    std::uint32_t u32() {
        const std::uint32_t v = (std::uint32_t{data_[pos_]} << 24) | (std::uint32_t{data_[pos_ + 1]} << 16) |
                                (std::uint32_t{data_[pos_ + 2]} << 8) | std::uint32_t{data_[pos_ + 3]};
        pos_ += 4;
        return v;
    }

private:
    std::span<const std::uint8_t> data_;
    std::size_t pos_ = 0;
};

std::unexpected<Error> bad(const std::string& what, std::size_t offset) {
    return fail(Error::Code::InvalidInput, what, "ISO/IEC 19794-2 record, byte offset " + std::to_string(offset));
}

}  // namespace

std::vector<std::uint8_t> encodeIso19794_2(const FingerprintTemplate& t, kiosk::FingerPosition position) {
    // The minutiae count is one byte: keep the best 255 if there are more.
    std::vector<Minutia> ms = t.minutiae;
    if (ms.size() > 255) {
        std::stable_sort(ms.begin(), ms.end(), [](const Minutia& a, const Minutia& b) { return a.quality > b.quality; });
        ms.resize(255);
    }
    const std::size_t length = kHeaderBytes + kViewHeaderBytes + kMinutiaBytes * ms.size() + kExtendedLengthBytes;
    std::vector<std::uint8_t> out;
    out.reserve(length);
    for (const char c : {'F', 'M', 'R', '\0', ' ', '2', '0', '\0'}) out.push_back(static_cast<std::uint8_t>(c));
    const auto len = static_cast<std::uint32_t>(length);
    put16(out, (len >> 16) & 0xFFFFu);
    put16(out, len & 0xFFFFu);
    put16(out, 0);  // capture equipment: not certified, id unknown
    put16(out, static_cast<unsigned>(std::clamp(t.width, 0, 0xFFFF)));
    put16(out, static_cast<unsigned>(std::clamp(t.height, 0, 0xFFFF)));
    const auto pxPerCm = static_cast<unsigned>(std::lround(std::clamp(t.dpi, 1, 5000) * kPixelsPerCmPerDpi));
    put16(out, pxPerCm);
    put16(out, pxPerCm);
    out.push_back(1);  // one finger view
    out.push_back(0);  // reserved
    out.push_back(static_cast<std::uint8_t>(position));
    out.push_back(0);  // view 0, impression type 0 (live-scan plain)
    out.push_back(std::min<std::uint8_t>(t.quality, 100));
    out.push_back(static_cast<std::uint8_t>(ms.size()));
    for (const Minutia& m : ms) {
        unsigned typeBits = 0;
        if (m.type == Minutia::Type::Ending) typeBits = 1;
        if (m.type == Minutia::Type::Bifurcation) typeBits = 2;
        put16(out, (typeBits << 14) | (m.x & 0x3FFFu));
        put16(out, m.y & 0x3FFFu);
        double a = std::fmod(static_cast<double>(m.angleRad), 2 * std::numbers::pi);
        if (a < 0) a += 2 * std::numbers::pi;
        out.push_back(static_cast<std::uint8_t>(std::lround(a * 256.0 / (2 * std::numbers::pi)) & 0xFF));
        out.push_back(std::min<std::uint8_t>(m.quality, 100));
    }
    put16(out, 0);  // no extended data
    return out;
}

kiosk::Result<FingerprintTemplate> decodeIso19794_2(std::span<const std::uint8_t> record) {
    Reader r(record);
    if (!r.has(kHeaderBytes))
        return bad("record is " + std::to_string(record.size()) + " bytes, shorter than the 24-byte header",
                   record.size());
    if (!(record[0] == 'F' && record[1] == 'M' && record[2] == 'R' && record[3] == 0))
        return bad("format identifier is not \"FMR\\0\"", 0);
    if (!(record[4] == ' ' && record[5] == '2' && record[6] == '0' && record[7] == 0))
        return bad("version is not \" 20\\0\" (only ISO/IEC 19794-2:2005 is supported)", 4);
    for (int i = 0; i < 8; ++i) r.u8();
    const std::uint32_t declared = r.u32();
    if (declared != record.size())
        return bad("record length field says " + std::to_string(declared) + " bytes but the record has " +
                       std::to_string(record.size()),
                   8);
    r.u16();  // capture equipment
    FingerprintTemplate t;
    t.width = static_cast<int>(r.u16());
    t.height = static_cast<int>(r.u16());
    const unsigned xRes = r.u16();
    const unsigned yRes = r.u16();
    if (t.width == 0 || t.height == 0) return bad("image size is zero", 14);
    if (xRes == 0 || yRes == 0) return bad("resolution is zero", 18);
    t.dpi = static_cast<int>(std::lround(xRes * 2.54));
    const unsigned views = r.u8();
    r.u8();
    if (views == 0) return bad("record has no finger view", 22);
    const std::size_t viewAt = r.offset();
    if (!r.has(kViewHeaderBytes)) return bad("record ends inside the finger view header", viewAt);
    const unsigned fingerPosition = r.u8();
    if (fingerPosition > 10) return bad("finger position " + std::to_string(fingerPosition) + " is not 0..10", viewAt);
    r.u8();  // view number, impression type
    t.quality = r.u8();
    if (t.quality > 100) return bad("finger quality " + std::to_string(t.quality) + " is over 100", viewAt + 2);
    const unsigned count = r.u8();
    t.minutiae.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
        const std::size_t at = r.offset();
        if (!r.has(kMinutiaBytes))
            return bad("record ends inside minutia " + std::to_string(i + 1) + " of " + std::to_string(count), at);
        const unsigned xw = r.u16();
        const unsigned yw = r.u16();
        const unsigned angle = r.u8();
        const unsigned q = r.u8();
        Minutia m;
        const unsigned typeBits = xw >> 14;
        if (typeBits == 3) return bad("minutia " + std::to_string(i + 1) + " has reserved type 3", at);
        m.type = typeBits == 1 ? Minutia::Type::Ending : typeBits == 2 ? Minutia::Type::Bifurcation : Minutia::Type::Other;
        m.x = static_cast<std::uint16_t>(xw & 0x3FFFu);
        m.y = static_cast<std::uint16_t>(yw & 0x3FFFu);
        if (m.x >= t.width || m.y >= t.height)
            return bad("minutia " + std::to_string(i + 1) + " at (" + std::to_string(m.x) + "," + std::to_string(m.y) +
                           ") lies outside the " + std::to_string(t.width) + "x" + std::to_string(t.height) + " image",
                       at);
        m.angleRad = static_cast<float>(angle * 2 * std::numbers::pi / 256.0);
        if (q > 100) return bad("minutia " + std::to_string(i + 1) + " quality " + std::to_string(q) + " is over 100", at + 5);
        m.quality = static_cast<std::uint8_t>(q);
        t.minutiae.push_back(m);
    }
    const std::size_t extAt = r.offset();
    if (!r.has(kExtendedLengthBytes)) return bad("record ends before the extended data block length", extAt);
    const unsigned extLength = r.u16();
    if (!r.has(extLength))
        return bad("extended data block of " + std::to_string(extLength) + " bytes runs past the end of the record", extAt);
    // Further finger views are not read (first view only), but the record length was checked above.
    return t;
}

}  // namespace kiosk::biometrics
