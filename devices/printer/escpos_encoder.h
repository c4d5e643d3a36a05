#pragma once
// Builds ESC/POS print jobs byte by byte. Qt-free, so drivers and the printer simulator can use it.
// Every byte sequence follows the Epson "ESC/POS Command Reference" (TM printer series); the
// command each function emits is named in its comment so it can be checked against that reference.
// Wrong arguments are programming errors (std::invalid_argument), not Result: the kiosk builds the
// job from its own raster, never from outside input.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace kiosk::escpos {

enum class CutKind { Full, Partial };
// What a kiosk printer's presenter does with the ticket it holds after the cut.
enum class PresenterAction { Retract, Eject };

// Limits of the commands as encoded here (Epson reference, GS v 0 and GS ( k <Function 080>).
inline constexpr int kMaxRasterWidthBytes = 0xFFFF;  // xL + xH*256
inline constexpr int kMaxRasterBandRows = 0xFFFF;    // yL + yH*256
inline constexpr std::size_t kMaxQrDataBytes = 7089;  // model 2, numeric, version 40-L; bytes fewer in practice

// Bytes per row of a packed 1-bit raster: rows are padded to whole bytes.
[[nodiscard]] constexpr int packedRowBytes(int widthDots) { return (widthDots + 7) / 8; }

class JobBuilder {
public:
    JobBuilder& initialize();  // ESC @ = 1B 40: clears the print buffer, modes back to power-on defaults
    // GS v 0 m xL xH yL yH d1..dk (1D 76 30 00 ...), m = 0 (normal density), sent in bands of at most
    // maxBandRows rows (kiosk printers have small receive buffers). Bits: 1 = black, MSB = leftmost dot,
    // each row padded to whole bytes (packedRowBytes); widthDots need not be a multiple of 8.
    // packedRows.size() must be packedRowBytes(widthDots) * heightDots.
    JobBuilder& rasterImage(int widthDots, int heightDots, std::span<const std::uint8_t> packedRows,
                            int maxBandRows = 256);
    // The same raster as GS v 0 bands cut to the ink: the rows are split into bands (at most maxBandRows)
    // so that each band is only as wide as its rightmost ink byte (a run of blank rows becomes a one-byte
    // wide band: one byte per row). GS v 0 prints every band from the left margin, so the paper is the
    // same dot for dot as rasterImage; the job is smaller (a receipt is mostly white on the right).
    // Band boundaries minimise header + data bytes (dynamic programming over the rows).
    JobBuilder& rasterImageTrimmed(int widthDots, int heightDots, std::span<const std::uint8_t> packedRows,
                                   int maxBandRows = 256);
    // ESC d n = 1B 64 n: print the buffer and feed n lines; more than 255 lines become several commands.
    JobBuilder& feedLines(int lines);
    // GS V m, Function A: 1D 56 00 (full cut) / 1D 56 01 (partial cut, one point left uncut).
    JobBuilder& cut(CutKind kind);
    // GS e n, the kiosk printers' ejector command (Custom KPM/VKP series, not in Epson's TM reference):
    // n = 2 retracts the ticket into the printer (1D 65 02), n = 5 ejects it (1D 65 05). Other vendors
    // use other codes: a printer without a presenter ignores or refuses it.
    JobBuilder& presenter(PresenterAction action);
    // GS ( k, cn = 49 (QR Code): <Function 165> model 2, <167> module size, <169> error correction,
    // <180> store data, <181> print. moduleSize 1..16 dots, errorLevel one of L M Q H.
    JobBuilder& qrCode(std::string_view data, int moduleSize = 3, char errorLevel = 'L');
    // Plain text bytes followed by LF (0A): the printer's resident font, for service slips and tests.
    // Only printable ASCII is accepted (the code page is not selected here).
    JobBuilder& textLine(std::string_view asciiText);

    [[nodiscard]] const std::vector<std::uint8_t>& bytes() const { return bytes_; }

private:
    std::vector<std::uint8_t> bytes_;
};

}  // namespace kiosk::escpos
