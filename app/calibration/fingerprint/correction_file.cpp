#include "app/calibration/fingerprint/correction_file.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace kiosk::calibration::fingerprint {
namespace {

constexpr std::array<char, 8> kMagic{'K', 'I', 'O', 'S', 'K', 'F', 'F', 'C'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kCreatedBytes = 24;
constexpr std::size_t kCrcOffset = 56;
constexpr std::size_t kHeaderBytes = 60;
constexpr std::uint32_t kMaxSidePx = 4096;
constexpr float kMaxStoredGain = 16.0f;
constexpr const char* kContext = kCorrectionFileName;

// CRC-32 as in IEEE 802.3 / zlib (reflected polynomial 0xEDB88320).
std::uint32_t crc32Update(std::uint32_t crc, std::span<const std::uint8_t> bytes) {
    for (std::uint8_t b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc;
}

std::uint32_t fileCrc(std::span<const std::uint8_t> file) {
    std::uint32_t crc = 0xFFFFFFFFu;
    crc = crc32Update(crc, file.subspan(0, kCrcOffset));
    crc = crc32Update(crc, file.subspan(kCrcOffset + 4));
    return crc ^ 0xFFFFFFFFu;
}

void putU32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::uint32_t getU32(std::span<const std::uint8_t> in, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(in[at + i]) << (8 * i);
    return v;
}

}  // namespace

std::vector<std::uint8_t> encodeCorrection(const FlatFieldCorrection& c) {
    std::vector<std::uint8_t> out;
    out.reserve(kHeaderBytes + 4 * (c.gain.size() + c.defects.size()));
    for (char m : kMagic) out.push_back(static_cast<std::uint8_t>(m));
    putU32(out, kVersion);
    putU32(out, static_cast<std::uint32_t>(c.width));
    putU32(out, static_cast<std::uint32_t>(c.height));
    putU32(out, static_cast<std::uint32_t>(c.frameCount));
    putU32(out, std::bit_cast<std::uint32_t>(c.targetWhiteGrey));
    putU32(out, static_cast<std::uint32_t>(c.defects.size()));
    std::array<std::uint8_t, kCreatedBytes> created{};
    std::memcpy(created.data(), c.createdUtc.data(), std::min(c.createdUtc.size(), kCreatedBytes - 1));
    for (std::uint8_t b : created) out.push_back(b);
    putU32(out, 0);  // CRC, filled in below
    for (float g : c.gain) putU32(out, std::bit_cast<std::uint32_t>(g));
    for (std::uint32_t d : c.defects) putU32(out, d);
    const std::uint32_t crc = fileCrc(out);
    for (std::size_t i = 0; i < 4; ++i) out[kCrcOffset + i] = static_cast<std::uint8_t>(crc >> (8 * i));
    return out;
}

Result<FlatFieldCorrection> decodeCorrection(std::span<const std::uint8_t> in) {
    if (in.size() < kMagic.size() || !std::equal(kMagic.begin(), kMagic.end(), in.begin(),
                                                 [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; }))
        return fail(Error::Code::InvalidInput, "not a fingerprint flat-field correction file", kContext);
    if (in.size() < kHeaderBytes)
        return fail(Error::Code::InvalidInput,
                    "truncated: " + std::to_string(in.size()) + " bytes, shorter than the header", kContext);
    const std::uint32_t version = getU32(in, 8);
    if (version != kVersion)
        return fail(Error::Code::Unsupported, "file version " + std::to_string(version) + " is not supported (expected " +
                                                  std::to_string(kVersion) + ")", kContext);
    const std::uint32_t w = getU32(in, 12), h = getU32(in, 16), defects = getU32(in, 28);
    if (w == 0 || h == 0 || w > kMaxSidePx || h > kMaxSidePx || defects > w * h)
        return fail(Error::Code::InvalidInput, "header sizes out of range", kContext);
    const std::size_t expected = kHeaderBytes + 4 * (static_cast<std::size_t>(w) * h + defects);
    if (in.size() != expected)
        return fail(Error::Code::InvalidInput,
                    (in.size() < expected ? "truncated: " : "trailing data: ") + std::to_string(in.size()) +
                        " bytes, the header says " + std::to_string(expected),
                    kContext);
    if (fileCrc(in) != getU32(in, kCrcOffset))
        return fail(Error::Code::InvalidInput, "checksum mismatch: the file is damaged", kContext);

    FlatFieldCorrection c;
    c.width = static_cast<int>(w);
    c.height = static_cast<int>(h);
    c.frameCount = static_cast<int>(getU32(in, 20));
    c.targetWhiteGrey = std::bit_cast<float>(getU32(in, 24));
    const auto* created = in.data() + 32;
    c.createdUtc.assign(created, std::find(created, created + kCreatedBytes, std::uint8_t{0}));
    if (!(c.targetWhiteGrey > 0.0f && c.targetWhiteGrey <= 255.0f))
        return fail(Error::Code::InvalidInput, "target white out of range", kContext);
    c.gain.resize(static_cast<std::size_t>(w) * h);
    for (std::size_t i = 0; i < c.gain.size(); ++i) {
        const float g = std::bit_cast<float>(getU32(in, kHeaderBytes + 4 * i));
        if (!(std::isfinite(g) && g > 0.0f && g <= kMaxStoredGain))
            return fail(Error::Code::InvalidInput, "gain out of range at pixel " + std::to_string(i), kContext);
        c.gain[i] = g;
    }
    const std::size_t defectsAt = kHeaderBytes + 4 * c.gain.size();
    c.defects.resize(defects);
    for (std::size_t i = 0; i < defects; ++i) {
        c.defects[i] = getU32(in, defectsAt + 4 * i);
        if (c.defects[i] >= w * h || (i > 0 && c.defects[i] <= c.defects[i - 1]))
            return fail(Error::Code::InvalidInput, "defect pixel list is out of order or out of range", kContext);
    }
    return c;
}

Result<std::filesystem::path> saveCorrection(const std::filesystem::path& dir, const FlatFieldCorrection& c) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail(Error::Code::Io, "cannot create the calibration folder: " + ec.message(), dir.string(), ec.value());
    const auto bytes = encodeCorrection(c);
    const auto target = correctionPath(dir);
    auto temp = target;
    temp += ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) return fail(Error::Code::Io, "cannot write the correction file", temp.string());
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) return fail(Error::Code::Io, "writing the correction file failed (disk full?)", temp.string());
    }
    std::filesystem::rename(temp, target, ec);
    if (ec) return fail(Error::Code::Io, "cannot replace the correction file: " + ec.message(), target.string(), ec.value());
    return target;
}

Result<FlatFieldCorrection> loadCorrection(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return fail(Error::Code::NotFound, "no flat-field correction stored (run: kioskctl calibrate fingerprint)", file.string());
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(Error::Code::Io, "cannot read the correction file", file.string());
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto decoded = decodeCorrection(bytes);
    if (!decoded) {
        Error e = decoded.error();
        e.context = file.string();
        return std::unexpected(e);
    }
    return decoded;
}

}  // namespace kiosk::calibration::fingerprint
