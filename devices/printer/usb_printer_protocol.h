#pragma once
// Protocol: USB printer class requests and ESC/POS status bytes, for receipt printers. Pure, no I/O.
//
// Facts, with their sources:
// - Class requests to the printer interface (USB Device Class Definition for Printing Devices 1.1,
//   section 4.2): GET_DEVICE_ID bRequest 0, bmRequestType 0xA1, wValue = configuration index,
//   wIndex = interface << 8 | alternate setting; GET_PORT_STATUS bRequest 1, 0xA1, 1 byte;
//   SOFT_RESET bRequest 2, 0x21 (1.1 corrected the 0x23 of 1.0; Linux usblp still sends 0x23).
// - Device ID: 2-byte big-endian length including those two bytes, then IEEE 1284 "KEY:value;"
//   pairs; MFG/MANUFACTURER, MDL/MODEL, CMD/COMMAND SET (comma-separated). IEEE 1284-2000, 7.6.
// - Port status byte: bit 3 Not Error, bit 4 Select, bit 5 Paper Empty. Printer class 1.1, 4.2.2.
// - Real-time status, Epson ESC/POS "DLE EOT n" (10 04 n), one byte back, fixed bits 0 = 0, 1 = 1,
//   4 = 1, 7 = 0. n = 1 printer: bit 3 offline. n = 2 offline cause: bit 2 cover open, bit 3 paper
//   fed by the feed button, bit 5 printing stopped by paper end, bit 6 error. n = 3 error cause:
//   bit 2 mechanical error, bit 3 autocutter error, bit 5 unrecoverable error, bit 6 auto-recoverable
//   error. n = 4 roll paper sensor: bits 2-3 near end, bits 5-6 paper end.
//   Epson "ESC/POS Command Reference", DLE EOT.
// - Kiosk printers' full status, Custom "DLE EOT 20" (10 04 14): 6 bytes back, 10 0F, then paper
//   status (bit 0 no paper, bit 2 near end, bit 5 ticket in the output/presenter), user status
//   (bit 0 print head up, bit 1 cover open), recoverable errors (bit 6 paper jam, others),
//   unrecoverable errors (bit 0 cutter error, others). Custom "VKP80II Commands Manual",
//   "Transmit full status". Check the bit table against the model in service; see docs/devices.md.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "app/core/error.h"
#include "devices/printer/receipt_printer.h"

namespace kiosk::devices::usbprinter {

inline constexpr std::uint8_t kRequestGetDeviceId = 0;
inline constexpr std::uint8_t kRequestGetPortStatus = 1;
inline constexpr std::uint8_t kRequestSoftReset = 2;
inline constexpr std::uint8_t kRequestTypeClassIn = 0xA1;
inline constexpr std::uint8_t kRequestTypeClassOut = 0x21;
inline constexpr std::uint8_t kPortNotError = 0x08;
inline constexpr std::uint8_t kPortSelect = 0x10;
inline constexpr std::uint8_t kPortPaperEmpty = 0x20;
inline constexpr std::uint8_t kDle = 0x10;
inline constexpr std::uint8_t kEot = 0x04;
inline constexpr std::uint8_t kFullStatusN = 20;
inline constexpr std::size_t kFullStatusLength = 6;

struct DeviceId {
    std::string manufacturer;
    std::string model;
    std::vector<std::string> commandSets;
    std::string raw;  // the key:value text as sent
};

// The reply to GET_DEVICE_ID, length prefix included. A length that disagrees with the data is
// tolerated only downwards (the data is cut to it); an ID without MFG or MDL is an error.
[[nodiscard]] Result<DeviceId> parseDeviceId(std::span<const std::uint8_t> reply);
[[nodiscard]] std::vector<std::uint8_t> encodeDeviceId(std::string_view text);

struct PortStatus {
    bool error = false;
    bool selected = false;
    bool paperEmpty = false;
};
[[nodiscard]] PortStatus decodePortStatus(std::uint8_t byte);

[[nodiscard]] constexpr std::array<std::uint8_t, 3> dleEot(std::uint8_t n) { return {kDle, kEot, n}; }

// Applies the answer to DLE EOT n (1..4) to `status`. A byte whose fixed bits are wrong is not a
// status byte (InvalidInput), and `status` is left unchanged.
[[nodiscard]] Result<void> applyRealTimeStatus(std::uint8_t n, std::uint8_t byte, PrinterStatus& status);
// The model side of the same table, for the device model and tests.
[[nodiscard]] std::uint8_t encodeRealTimeStatus(std::uint8_t n, const PrinterStatus& status);

[[nodiscard]] Result<void> applyFullStatus(std::span<const std::uint8_t> reply, PrinterStatus& status);
[[nodiscard]] std::array<std::uint8_t, kFullStatusLength> encodeFullStatus(const PrinterStatus& status);

}  // namespace kiosk::devices::usbprinter
