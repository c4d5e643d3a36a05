#pragma once
// Protocol: ZhianTec ZFM / GROW R30x (R303, R305, R307, R503) fingerprint modules, over a UART,
// here behind a Silicon Labs CP210x USB-to-UART bridge. Pure encoding and decoding, no I/O.
//
// Facts, with their sources:
// - Packet: header EF 01, 4-byte module address (default FF FF FF FF), packet identifier
//   (01 command, 02 data with more to follow, 07 acknowledge, 08 end of data), 2-byte length
//   (payload + 2 checksum bytes, big-endian), payload, 2-byte checksum = arithmetic sum of the
//   identifier, both length bytes and every payload byte, modulo 65536, big-endian.
//   R503 datasheet / "ZFM user manual" (ZhianTec), "Instruction system" chapter, packet format.
// - Instructions: GenImg 01 (capture to the image buffer), UpImage 0A (upload the image buffer),
//   ReadSysPara 0F, VfyPwd 13 (4-byte password), AuraLedConfig 35 (R503: control, speed, colour,
//   count), HandShake 40 (R503). Same manual, instruction table.
// - Confirmation codes: 00 OK, 01 error receiving the packet, 02 no finger on the sensor,
//   03 failed to take the image. Same manual, confirmation code table.
// - Image upload: 256 x 288 pixels; only the high 4 bits of each pixel are sent, two horizontally
//   adjacent pixels per byte, the left pixel in the high nibble; data packets of the configured size
//   (32/64/128/256 bytes, 128 by default) follow the acknowledge, the last with identifier 08.
//   Same manual, UpImage and "system parameters" (data package length).
// - Default serial format 57600 baud 8N1. Same manual, "UART" section.
#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/core/error.h"
#include "app/core/grey_image.h"

namespace kiosk::devices::r30x {

inline constexpr std::uint8_t kHeader[2] = {0xEF, 0x01};
inline constexpr std::uint32_t kDefaultAddress = 0xFFFFFFFF;
inline constexpr std::size_t kOverhead = 11;          // header 2 + address 4 + id 1 + length 2 + checksum 2
inline constexpr std::size_t kMaxPayload = 256 + 16;  // largest data packet plus slack; more is garbage
inline constexpr int kImageWidth = 256;
inline constexpr int kImageHeight = 288;
inline constexpr std::size_t kPackedImageBytes = static_cast<std::size_t>(kImageWidth) * kImageHeight / 2;
inline constexpr std::uint32_t kDefaultBaud = 57600;

enum class PacketId : std::uint8_t { Command = 0x01, Data = 0x02, Ack = 0x07, EndData = 0x08 };

enum class Instruction : std::uint8_t {
    GenImg = 0x01,
    UpImage = 0x0A,
    ReadSysPara = 0x0F,
    VfyPwd = 0x13,
    AuraLedConfig = 0x35,
    HandShake = 0x40,
};

enum class Confirm : std::uint8_t { Ok = 0x00, PacketError = 0x01, NoFinger = 0x02, ImageFail = 0x03 };

// AuraLedConfig control codes (R503).
enum class LedMode : std::uint8_t { Breathing = 1, Flashing = 2, On = 3, Off = 4, FadeIn = 5, FadeOut = 6 };
enum class LedColour : std::uint8_t { Red = 1, Blue = 2, Purple = 3 };

struct Packet {
    std::uint32_t address = kDefaultAddress;
    PacketId id = PacketId::Command;
    std::vector<std::uint8_t> payload;
};

[[nodiscard]] std::uint16_t checksum(PacketId id, std::span<const std::uint8_t> payload);
[[nodiscard]] std::vector<std::uint8_t> encode(const Packet& packet);
[[nodiscard]] Packet command(Instruction instruction, std::span<const std::uint8_t> parameters = {},
                             std::uint32_t address = kDefaultAddress);
[[nodiscard]] Packet acknowledge(Confirm code, std::span<const std::uint8_t> extra = {},
                                 std::uint32_t address = kDefaultAddress);
[[nodiscard]] std::string describeConfirm(std::uint8_t code);

// Bytes from the UART (bulk IN) -> packets. Bytes before a header are skipped; a packet whose
// checksum does not match, or whose length is impossible, comes out as an error (InvalidInput) and
// reading resumes after its header. Packets may arrive split across or merged within reads.
class PacketReader {
public:
    void feed(std::span<const std::uint8_t> bytes);
    // The next complete packet, an error for a corrupt one, or nothing until more bytes arrive.
    [[nodiscard]] std::optional<Result<Packet>> next();
    void clear() { buffer_.clear(); }
    [[nodiscard]] std::size_t buffered() const { return buffer_.size(); }

private:
    std::deque<std::uint8_t> buffer_;
};

// 4 bits per pixel, high nibble = left pixel -> 8-bit grey (nibble * 17, so 0x0 -> 0, 0xF -> 255).
// The data must be exactly width * height / 2 bytes.
[[nodiscard]] Result<GreyImage> unpackImage4bpp(std::span<const std::uint8_t> packed, int width = kImageWidth,
                                                int height = kImageHeight, int dpi = 500);
// The module's side: keeps the high 4 bits of each pixel (for the device model and tests).
[[nodiscard]] std::vector<std::uint8_t> packImage4bpp(const GreyImage& image);

}  // namespace kiosk::devices::r30x
