#pragma once
// The simulated printer's "paper": interprets an ESC/POS job the way a TM-class thermal printer would
// and returns what comes out of it, one image per cut. Qt-free.
//
// Supported (Epson ESC/POS Command Reference): ESC @, GS v 0 raster (m = 0..3, 48..51; double width /
// height modes are scaled), ESC d n, LF, CR (ignored), GS V Functions A and B, GS ( k for QR Code
// (cn = 49: functions 65, 67, 69, 80, 81, 82 accepted; print draws the symbol, see below), and plain
// printable bytes 0x20..0xFF as text; GS e n (a kiosk presenter's eject/retract: moves no ink).
// Text is drawn as simple blocks, one 10x16 block per non-space character in a 12x24 Font A cell,
// wrapping at the paper width: the simulator shows where text went, not what it said.
// A QR print (GS ( k <Function 181>) draws the real symbol with devices/printer/qr_code.h (the stored
// level, the densest mode the data allows, the lowest-penalty mask) at the stored module size, with a
// 4-module quiet zone, left-aligned: it scans. Data beyond version 10 (the encoder's limit) draws a
// placeholder of the nominal size instead (outline, finder squares, a diagonal cross), NOT a code.
// Unknown or truncated commands -> Error::InvalidInput with the byte offset in the context; the decoder
// never reads past the end of the job and refuses pages longer than kMaxPageRows.
#include <cstdint>
#include <span>
#include <vector>

#include "app/core/error.h"
#include "app/core/grey_image.h"

namespace kiosk::sim {

inline constexpr int kSimDpi = 203;           // 8 dots/mm, the usual 80 mm thermal head
inline constexpr int kSimLineHeightDots = 30;  // default line spacing (ESC 2) for text and ESC d
inline constexpr int kSimCharWidthDots = 12;   // Font A cell 12 x 24
inline constexpr int kSimCharHeightDots = 24;
inline constexpr int kMaxPageRows = 64 * 1024;  // ~8 m of paper: a job asking for more is broken

struct PrintedPage {
    kiosk::GreyImage image;  // 0 = black, 255 = white paper; width = paper dots, dpi = kSimDpi
    bool cut = true;         // false for the last page when the job ended without a cut (still attached)
};

// paperWidthDots: 576 for 80 mm paper, 384 for 58 mm. Raster wider than the paper is clipped, as the
// head simply has no dots there. A cut with no paper advanced since the last cut produces no page.
[[nodiscard]] kiosk::Result<std::vector<PrintedPage>> decodeEscPos(std::span<const std::uint8_t> job,
                                                                   int paperWidthDots);

}  // namespace kiosk::sim
