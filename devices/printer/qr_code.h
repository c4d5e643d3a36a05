#pragma once
// QR Code model 2 encoder (ISO/IEC 18004): one segment in numeric, alphanumeric or byte mode,
// versions 1..10, error correction L, M, Q or H, Reed-Solomon over GF(256) (polynomial 0x11D), all
// eight data masks scored with the four penalty rules, format and version information.
// Qt-free and allocation-light: the receipt rasters it, the simulated printer draws GS ( k with it.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "app/core/error.h"

namespace kiosk::qr {

enum class Ecc { L, M, Q, H };             // ~7 %, 15 %, 25 %, 30 % of codewords recoverable
enum class Mode { Auto, Numeric, Alphanumeric, Byte };

inline constexpr int kMinVersion = 1;
inline constexpr int kMaxVersion = 10;  // 57 x 57 modules; 271 bytes at level L

struct Options {
    Ecc ecc = Ecc::M;
    Mode mode = Mode::Auto;  // Auto: the densest mode every byte fits (numeric < alphanumeric < byte)
    int minVersion = kMinVersion;
    int maxVersion = kMaxVersion;
    int mask = -1;  // -1: the lowest-penalty mask (the standard's choice); 0..7 forces one (tests)
};

struct Symbol {
    int version = 0;
    Ecc ecc = Ecc::M;
    Mode mode = Mode::Byte;
    int mask = 0;
    int size = 0;                        // modules per side, 17 + 4 * version (no quiet zone)
    std::vector<std::uint8_t> modules;   // size * size, row-major, 1 = dark

    [[nodiscard]] bool dark(int x, int y) const {
        return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)] != 0;
    }
};

// The smallest version in [minVersion, maxVersion] that holds the data at the level.
// InvalidInput: empty data, a byte the forced mode cannot carry, data too long, bad options.
[[nodiscard]] Result<Symbol> encode(std::span<const std::uint8_t> data, const Options& options = {});
[[nodiscard]] Result<Symbol> encode(std::string_view text, const Options& options = {});

// Characters of QR alphanumeric mode: 0-9 A-Z space $ % * + - . / : (also base45's alphabet).
[[nodiscard]] bool isAlphanumeric(std::uint8_t c);

// Data capacity in bytes / characters of one version, level and mode (0 outside 1..10).
[[nodiscard]] int capacity(int version, Ecc ecc, Mode mode);

// Exposed for tests: the eccLen Reed-Solomon error correction codewords of one block.
[[nodiscard]] std::vector<std::uint8_t> errorCorrection(std::span<const std::uint8_t> dataCodewords, int eccLen);

// Exposed for tests: the penalty score of a finished symbol (rules N1..N4).
[[nodiscard]] int penalty(const Symbol& symbol);

}  // namespace kiosk::qr
