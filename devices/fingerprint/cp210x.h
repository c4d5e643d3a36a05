#pragma once
// Protocol: the Silicon Labs CP210x USB-to-UART bridge's vendor requests, as far as the kiosk uses
// them. Facts from Silicon Labs AN571 "CP210x Virtual COM Port Interface", section 5:
// - Requests are vendor requests to the interface: bmRequestType 0x41 (host to device) / 0xC1.
// - IFC_ENABLE 0x00, wValue 1 = enable the UART, 0 = disable.
// - SET_LINE_CTL 0x03, wValue = stop bits (bits 0-3: 0 = 1, 1 = 1.5, 2 = 2) | parity (bits 4-7:
//   0 none, 1 odd, 2 even, 3 mark, 4 space) | word length (bits 8-15: 5..8).
// - PURGE 0x12, wValue bit 0/2 = clear transmit queue, bit 1/3 = clear receive queue (0x0F: both).
// - SET_BAUDRATE 0x1E, 4 data bytes: the baud rate, little-endian.
// - One interface (0), bulk OUT 0x01 and bulk IN 0x81, 64-byte packets (CP2102/CP2104 datasheets).
// - Linux binds the cp210x driver to the interface; the driver detaches it.
#include <array>
#include <cstdint>

namespace kiosk::devices::cp210x {

inline constexpr std::uint8_t kRequestTypeOut = 0x41;
inline constexpr std::uint8_t kRequestTypeIn = 0xC1;
inline constexpr std::uint8_t kIfcEnable = 0x00;
inline constexpr std::uint8_t kSetLineCtl = 0x03;
inline constexpr std::uint8_t kPurge = 0x12;
inline constexpr std::uint8_t kSetBaudrate = 0x1E;
inline constexpr std::uint16_t kUartEnable = 0x0001;
inline constexpr std::uint16_t kPurgeAll = 0x000F;
inline constexpr std::uint16_t kLineCtl8N1 = 0x0800;
inline constexpr std::uint8_t kInterface = 0;
inline constexpr std::uint8_t kBulkOut = 0x01;
inline constexpr std::uint8_t kBulkIn = 0x81;
inline constexpr std::uint16_t kVendorSiliconLabs = 0x10C4;
inline constexpr std::uint16_t kProductCp210x = 0xEA60;

[[nodiscard]] inline std::array<std::uint8_t, 4> baudBytes(std::uint32_t baud) {
    return {static_cast<std::uint8_t>(baud), static_cast<std::uint8_t>(baud >> 8),
            static_cast<std::uint8_t>(baud >> 16), static_cast<std::uint8_t>(baud >> 24)};
}

}  // namespace kiosk::devices::cp210x
