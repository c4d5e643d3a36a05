#include "devices/fingerprint/r30x_protocol.h"

#include <algorithm>
#include <cstdio>

namespace kiosk::devices::r30x {

std::uint16_t checksum(PacketId id, std::span<const std::uint8_t> payload) {
    const auto length = static_cast<unsigned>(payload.size() + 2);
    unsigned sum = static_cast<unsigned>(id) + ((length >> 8) & 0xFFu) + (length & 0xFFu);
    for (std::uint8_t b : payload) sum += b;
    return static_cast<std::uint16_t>(sum & 0xFFFF);
}

std::vector<std::uint8_t> encode(const Packet& p) {
    const std::size_t length = p.payload.size() + 2;
    std::vector<std::uint8_t> out(kOverhead + p.payload.size());
    out[0] = kHeader[0];
    out[1] = kHeader[1];
    for (std::size_t i = 0; i < 4; ++i) out[2 + i] = static_cast<std::uint8_t>(p.address >> (24 - 8 * i));
    out[6] = static_cast<std::uint8_t>(p.id);
    out[7] = static_cast<std::uint8_t>(length >> 8);
    out[8] = static_cast<std::uint8_t>(length);
    for (std::size_t i = 0; i < p.payload.size(); ++i) out[9 + i] = p.payload[i];
    const std::uint16_t sum = checksum(p.id, p.payload);
    out[9 + p.payload.size()] = static_cast<std::uint8_t>(sum >> 8);
    out[10 + p.payload.size()] = static_cast<std::uint8_t>(sum);
    return out;
}

Packet command(Instruction instruction, std::span<const std::uint8_t> parameters, std::uint32_t address) {
    Packet p{address, PacketId::Command, std::vector<std::uint8_t>(1 + parameters.size())};
    p.payload[0] = static_cast<std::uint8_t>(instruction);
    std::copy(parameters.begin(), parameters.end(), p.payload.begin() + 1);
    return p;
}

Packet acknowledge(Confirm code, std::span<const std::uint8_t> extra, std::uint32_t address) {
    Packet p{address, PacketId::Ack, std::vector<std::uint8_t>(1 + extra.size())};
    p.payload[0] = static_cast<std::uint8_t>(code);
    std::copy(extra.begin(), extra.end(), p.payload.begin() + 1);
    return p;
}

std::string describeConfirm(std::uint8_t code) {
    switch (code) {
        case 0x00: return "OK";
        case 0x01: return "module reports a packet receive error";
        case 0x02: return "no finger on the sensor";
        case 0x03: return "module failed to take the image";
        default: {
            char buf[48];
            std::snprintf(buf, sizeof buf, "module confirmation code 0x%02x", static_cast<unsigned>(code));
            return buf;
        }
    }
}

void PacketReader::feed(std::span<const std::uint8_t> bytes) { buffer_.insert(buffer_.end(), bytes.begin(), bytes.end()); }

std::optional<Result<Packet>> PacketReader::next() {
    // Skip to a header.
    while (buffer_.size() >= 2 && !(buffer_[0] == kHeader[0] && buffer_[1] == kHeader[1])) buffer_.pop_front();
    if (buffer_.size() == 1 && buffer_[0] != kHeader[0]) buffer_.pop_front();
    if (buffer_.size() < 9) return std::nullopt;
    const std::size_t length = static_cast<std::size_t>(buffer_[7]) << 8 | buffer_[8];
    const auto id = buffer_[6];
    const bool knownId = id == 0x01 || id == 0x02 || id == 0x07 || id == 0x08;
    if (length < 2 || length > kMaxPayload + 2 || !knownId) {
        buffer_.pop_front();  // resynchronise after this header
        return Result<Packet>(fail(Error::Code::InvalidInput, "corrupt packet header", "R30x packet"));
    }
    if (buffer_.size() < 9 + length) return std::nullopt;
    Packet p;
    p.address = static_cast<std::uint32_t>(buffer_[2]) << 24 | static_cast<std::uint32_t>(buffer_[3]) << 16 |
                static_cast<std::uint32_t>(buffer_[4]) << 8 | buffer_[5];
    p.id = static_cast<PacketId>(id);
    p.payload.assign(buffer_.begin() + 9, buffer_.begin() + static_cast<std::ptrdiff_t>(9 + length - 2));
    const std::uint16_t sent = static_cast<std::uint16_t>(buffer_[9 + length - 2] << 8 | buffer_[9 + length - 1]);
    if (sent != checksum(p.id, p.payload)) {
        buffer_.pop_front();
        return Result<Packet>(fail(Error::Code::InvalidInput, "packet checksum mismatch", "R30x packet"));
    }
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(9 + length));
    return Result<Packet>(std::move(p));
}

Result<GreyImage> unpackImage4bpp(std::span<const std::uint8_t> packed, int width, int height, int dpi) {
    if (width <= 0 || height <= 0 || width % 2 != 0)
        return fail(Error::Code::Internal, "image size must be positive with an even width", "R30x image");
    const std::size_t expected = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) / 2;
    if (packed.size() != expected)
        return fail(Error::Code::InvalidInput,
                    "image data of " + std::to_string(packed.size()) + " bytes, expected " + std::to_string(expected),
                    "R30x image");
    GreyImage image;
    image.width = width;
    image.height = height;
    image.dpi = dpi;
    image.pixels.resize(expected * 2);
    for (std::size_t i = 0; i < expected; ++i) {
        image.pixels[2 * i] = static_cast<std::uint8_t>((packed[i] >> 4) * 17);
        image.pixels[2 * i + 1] = static_cast<std::uint8_t>((packed[i] & 0x0F) * 17);
    }
    return image;
}

std::vector<std::uint8_t> packImage4bpp(const GreyImage& image) {
    std::vector<std::uint8_t> out(image.pixels.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::uint8_t>((image.pixels[2 * i] & 0xF0) | (image.pixels[2 * i + 1] >> 4));
    return out;
}

}  // namespace kiosk::devices::r30x
