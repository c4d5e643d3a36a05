#include "devices/printer/qr_code.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>

namespace kiosk::qr {
namespace {

// ISO/IEC 18004 table 9, versions 1..10: error correction codewords per block and number of blocks,
// by level L M Q H. Data codewords follow from the raw codeword count (rawCodewords).
constexpr std::array<std::array<int, 4>, 10> kEccPerBlock = {{
    {7, 10, 13, 17}, {10, 16, 22, 28}, {15, 26, 18, 22}, {20, 18, 26, 16}, {26, 24, 18, 22},
    {18, 16, 24, 28}, {20, 18, 18, 26}, {24, 22, 22, 26}, {30, 22, 20, 24}, {18, 26, 24, 28},
}};
constexpr std::array<std::array<int, 4>, 10> kBlocks = {{
    {1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 2, 2}, {1, 2, 2, 4}, {1, 2, 4, 4},
    {2, 4, 4, 4}, {2, 4, 6, 5}, {2, 4, 6, 6}, {2, 5, 8, 8}, {4, 5, 8, 8},
}};

constexpr std::string_view kAlphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

int levelIndex(Ecc e) { return static_cast<int>(e); }
// Format information's two bits per level: L 01, M 00, Q 11, H 10.
int formatLevelBits(Ecc e) {
    switch (e) {
        case Ecc::L: return 1;
        case Ecc::M: return 0;
        case Ecc::Q: return 3;
        case Ecc::H: return 2;
    }
    return 0;
}

// Modules left for data and error correction once every function pattern is placed, in codewords.
int rawCodewords(int version) {
    int bits = (16 * version + 128) * version + 64;
    if (version >= 2) {
        const int align = version / 7 + 2;
        bits -= (25 * align - 10) * align - 55;
        if (version >= 7) bits -= 36;  // two version information blocks of 18 modules
    }
    return bits / 8;
}

int dataCodewords(int version, Ecc e) {
    const auto v = static_cast<std::size_t>(version - 1);
    const auto l = static_cast<std::size_t>(levelIndex(e));
    return rawCodewords(version) - kEccPerBlock[v][l] * kBlocks[v][l];
}

int countBits(Mode mode, int version) {
    const bool small = version <= 9;  // versions 10..26 use the longer count (not needed beyond 10 here)
    switch (mode) {
        case Mode::Numeric: return small ? 10 : 12;
        case Mode::Alphanumeric: return small ? 9 : 11;
        default: return small ? 8 : 16;
    }
}

int modeIndicator(Mode mode) {
    switch (mode) {
        case Mode::Numeric: return 0b0001;
        case Mode::Alphanumeric: return 0b0010;
        default: return 0b0100;
    }
}

int segmentDataBits(Mode mode, std::size_t n) {
    const int k = static_cast<int>(n);
    switch (mode) {
        case Mode::Numeric: return 10 * (k / 3) + (k % 3 == 0 ? 0 : (k % 3 == 1 ? 4 : 7));
        case Mode::Alphanumeric: return 11 * (k / 2) + 6 * (k % 2);
        default: return 8 * k;
    }
}

class BitBuffer {
public:
    void append(unsigned value, int count) {
        for (int i = count - 1; i >= 0; --i) bits_.push_back(static_cast<std::uint8_t>((value >> i) & 1U));
    }
    [[nodiscard]] std::size_t size() const { return bits_.size(); }
    [[nodiscard]] std::vector<std::uint8_t> bytes() const {
        std::vector<std::uint8_t> out((bits_.size() + 7) / 8, 0);
        for (std::size_t i = 0; i < bits_.size(); ++i)
            if (bits_[i]) out[i / 8] = static_cast<std::uint8_t>(out[i / 8] | (0x80 >> (i % 8)));
        return out;
    }

private:
    std::vector<std::uint8_t> bits_;
};

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D).
struct Gf {
    std::array<std::uint8_t, 512> exp{};
    std::array<int, 256> log{};
    Gf() {
        int x = 1;
        for (int i = 0; i < 255; ++i) {
            exp[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(x);
            log[static_cast<std::size_t>(x)] = i;
            x <<= 1;
            if (x & 0x100) x ^= 0x11D;
        }
        for (std::size_t i = 255; i < exp.size(); ++i) exp[i] = exp[i - 255];
    }
    [[nodiscard]] std::uint8_t mul(std::uint8_t a, std::uint8_t b) const {
        if (a == 0 || b == 0) return 0;
        return exp[static_cast<std::size_t>(log[a] + log[b])];
    }
};

const Gf& gf() {
    static const Gf g;
    return g;
}

// Generator polynomial (x - a^0)(x - a^1)...(x - a^(n-1)), coefficients highest degree first, the
// leading 1 omitted.
std::vector<std::uint8_t> generator(int degree) {
    std::vector<std::uint8_t> g(static_cast<std::size_t>(degree), 0);
    g.back() = 1;  // start with the constant polynomial 1
    std::uint8_t root = 1;
    for (int i = 0; i < degree; ++i) {
        // multiply by (x - root): shift and add root * coefficient
        for (std::size_t j = 0; j < g.size(); ++j) {
            g[j] = gf().mul(g[j], root);
            if (j + 1 < g.size()) g[j] ^= g[j + 1];
        }
        root = gf().mul(root, 2);
    }
    return g;
}

std::vector<std::uint8_t> remainder(std::span<const std::uint8_t> data, const std::vector<std::uint8_t>& gen) {
    std::vector<std::uint8_t> rem(gen.size(), 0);
    for (const std::uint8_t b : data) {
        const std::uint8_t factor = b ^ rem.front();
        std::rotate(rem.begin(), rem.begin() + 1, rem.end());
        rem.back() = 0;
        for (std::size_t i = 0; i < rem.size(); ++i) rem[i] ^= gf().mul(gen[i], factor);
    }
    return rem;
}

// The symbol under construction: modules plus which of them belong to function patterns.
struct Grid {
    int size;
    std::vector<std::uint8_t> dark;
    std::vector<std::uint8_t> function;
    explicit Grid(int s)
        : size(s), dark(static_cast<std::size_t>(s * s), 0), function(static_cast<std::size_t>(s * s), 0) {}
    [[nodiscard]] std::size_t at(int x, int y) const { return static_cast<std::size_t>(y * size + x); }
    void setFunction(int x, int y, bool isDark) {
        dark[at(x, y)] = isDark ? 1 : 0;
        function[at(x, y)] = 1;
    }
};

std::vector<int> alignmentPositions(int version) {
    if (version == 1) return {};
    const int count = version / 7 + 2;
    const int size = 17 + 4 * version;
    const int step = (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
    std::vector<int> pos(static_cast<std::size_t>(count));
    pos[0] = 6;
    for (int i = count - 1, p = size - 7; i >= 1; --i, p -= step) pos[static_cast<std::size_t>(i)] = p;
    return pos;
}

void drawFinder(Grid& g, int cx, int cy) {
    // 7x7 finder with a one-module light separator around it (clipped at the edges).
    for (int dy = -4; dy <= 4; ++dy)
        for (int dx = -4; dx <= 4; ++dx) {
            const int x = cx + dx;
            const int y = cy + dy;
            if (x < 0 || y < 0 || x >= g.size || y >= g.size) continue;
            const int d = std::max(std::abs(dx), std::abs(dy));
            g.setFunction(x, y, d != 2 && d != 4);
        }
}

void drawFormatBits(Grid& g, Ecc ecc, int mask) {
    const int data = formatLevelBits(ecc) << 3 | mask;
    int rem = data;
    for (int i = 0; i < 10; ++i) rem = (rem << 1) ^ ((rem >> 9) * 0x537);  // BCH(15,5)
    const int bits = ((data << 10) | rem) ^ 0x5412;
    const auto bit = [bits](int i) { return ((bits >> i) & 1) != 0; };
    const int s = g.size;
    // Around the top-left finder.
    for (int i = 0; i <= 5; ++i) g.setFunction(8, i, bit(i));
    g.setFunction(8, 7, bit(6));
    g.setFunction(8, 8, bit(7));
    g.setFunction(7, 8, bit(8));
    for (int i = 9; i < 15; ++i) g.setFunction(14 - i, 8, bit(i));
    // Split between the top-right and bottom-left finders.
    for (int i = 0; i < 8; ++i) g.setFunction(s - 1 - i, 8, bit(i));
    for (int i = 8; i < 15; ++i) g.setFunction(8, s - 15 + i, bit(i));
    g.setFunction(8, s - 8, true);  // the dark module
}

void drawVersionBits(Grid& g, int version) {
    if (version < 7) return;
    int rem = version;
    for (int i = 0; i < 12; ++i) rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);  // BCH(18,6)
    const int bits = version << 12 | rem;
    for (int i = 0; i < 18; ++i) {
        const bool b = ((bits >> i) & 1) != 0;
        const int a = g.size - 11 + i % 3;
        const int c = i / 3;
        g.setFunction(a, c, b);
        g.setFunction(c, a, b);
    }
}

void drawFunctionPatterns(Grid& g, int version) {
    const int s = g.size;
    for (int i = 0; i < s; ++i) {  // timing patterns
        g.setFunction(6, i, i % 2 == 0);
        g.setFunction(i, 6, i % 2 == 0);
    }
    drawFinder(g, 3, 3);
    drawFinder(g, s - 4, 3);
    drawFinder(g, 3, s - 4);
    const std::vector<int> pos = alignmentPositions(version);
    const std::size_t n = pos.size();
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            if ((i == 0 && j == 0) || (i == 0 && j == n - 1) || (i == n - 1 && j == 0)) continue;  // finders
            for (int dy = -2; dy <= 2; ++dy)
                for (int dx = -2; dx <= 2; ++dx)
                    g.setFunction(pos[i] + dx, pos[j] + dy, std::max(std::abs(dx), std::abs(dy)) != 1);
        }
    drawFormatBits(g, Ecc::M, 0);  // reserve; the real bits are drawn once the mask is chosen
    drawVersionBits(g, version);
}

void placeCodewords(Grid& g, const std::vector<std::uint8_t>& codewords) {
    const std::size_t totalBits = codewords.size() * 8;
    std::size_t i = 0;
    for (int right = g.size - 1; right >= 1; right -= 2) {
        if (right == 6) right = 5;  // skip the vertical timing column
        for (int vert = 0; vert < g.size; ++vert)
            for (int j = 0; j < 2; ++j) {
                const int x = right - j;
                const bool upward = ((right + 1) & 2) == 0;
                const int y = upward ? g.size - 1 - vert : vert;
                if (g.function[g.at(x, y)]) continue;
                if (i < totalBits) g.dark[g.at(x, y)] = (codewords[i / 8] >> (7 - i % 8)) & 1;
                ++i;  // remainder bits stay light
            }
    }
}

bool maskBit(int mask, int x, int y) {
    switch (mask) {
        case 0: return (x + y) % 2 == 0;
        case 1: return y % 2 == 0;
        case 2: return x % 3 == 0;
        case 3: return (x + y) % 3 == 0;
        case 4: return (x / 3 + y / 2) % 2 == 0;
        case 5: return x * y % 2 + x * y % 3 == 0;
        case 6: return (x * y % 2 + x * y % 3) % 2 == 0;
        default: return ((x + y) % 2 + x * y % 3) % 2 == 0;
    }
}

void applyMask(Grid& g, int mask) {
    for (int y = 0; y < g.size; ++y)
        for (int x = 0; x < g.size; ++x)
            if (!g.function[g.at(x, y)] && maskBit(mask, x, y)) g.dark[g.at(x, y)] ^= 1;
}

int penaltyOf(int size, const std::vector<std::uint8_t>& dark) {
    const auto d = [&](int x, int y) { return dark[static_cast<std::size_t>(y * size + x)] != 0; };
    int score = 0;
    // N1: runs of five or more same-coloured modules in a row or column: 3 + (run - 5).
    // N3: 1:1:3:1:1 finder-like pattern with four light modules on either side: 40 each. Outside the
    //     symbol counts as light (the quiet zone).
    for (int pass = 0; pass < 2; ++pass) {
        for (int a = 0; a < size; ++a) {
            const auto at = [&](int b) { return pass == 0 ? d(b, a) : d(a, b); };
            int run = 1;
            for (int b = 1; b <= size; ++b) {
                if (b < size && at(b) == at(b - 1)) {
                    ++run;
                } else {
                    if (run >= 5) score += 3 + run - 5;
                    run = 1;
                }
            }
            static constexpr std::array<bool, 11> kPatternA = {true, false, true, true, true, false, true,
                                                              false, false, false, false};
            static constexpr std::array<bool, 11> kPatternB = {false, false, false, false, true, false, true,
                                                              true, true, false, true};
            for (int b = -4; b + 11 <= size + 4; ++b) {
                bool matchA = true;
                bool matchB = true;
                for (int k = 0; k < 11 && (matchA || matchB); ++k) {
                    const int p = b + k;
                    const bool v = p >= 0 && p < size && at(p);
                    matchA = matchA && v == kPatternA[static_cast<std::size_t>(k)];
                    matchB = matchB && v == kPatternB[static_cast<std::size_t>(k)];
                }
                score += (matchA ? 40 : 0) + (matchB ? 40 : 0);
            }
        }
    }
    // N2: each 2x2 block of one colour: 3.
    for (int y = 0; y + 1 < size; ++y)
        for (int x = 0; x + 1 < size; ++x) {
            const bool c = d(x, y);
            if (c == d(x + 1, y) && c == d(x, y + 1) && c == d(x + 1, y + 1)) score += 3;
        }
    // N4: 10 per full 5 % the dark share deviates from 50 %.
    const auto darkCount = static_cast<int>(std::count(dark.begin(), dark.end(), std::uint8_t{1}));
    const int total = size * size;
    const int k = (std::abs(darkCount * 20 - total * 10) + total - 1) / total - 1;  // ceil(|20d/t - 10|) - 1
    score += std::max(0, k) * 10;
    return score;
}

Mode densestMode(std::span<const std::uint8_t> data) {
    if (std::all_of(data.begin(), data.end(), [](std::uint8_t c) { return c >= '0' && c <= '9'; })) return Mode::Numeric;
    if (std::all_of(data.begin(), data.end(), isAlphanumeric)) return Mode::Alphanumeric;
    return Mode::Byte;
}

}  // namespace

bool isAlphanumeric(std::uint8_t c) { return kAlphanumeric.find(static_cast<char>(c)) != std::string_view::npos; }

int capacity(int version, Ecc ecc, Mode mode) {
    if (version < kMinVersion || version > kMaxVersion || mode == Mode::Auto) return 0;
    const int bits = dataCodewords(version, ecc) * 8 - 4 - countBits(mode, version);
    switch (mode) {
        case Mode::Numeric: return bits / 10 * 3 + (bits % 10 >= 7 ? 2 : bits % 10 >= 4 ? 1 : 0);
        case Mode::Alphanumeric: return bits / 11 * 2 + (bits % 11 >= 6 ? 1 : 0);
        default: return bits / 8;
    }
}

std::vector<std::uint8_t> errorCorrection(std::span<const std::uint8_t> dataCodewords, int eccLen) {
    return remainder(dataCodewords, generator(eccLen));
}

int penalty(const Symbol& symbol) { return penaltyOf(symbol.size, symbol.modules); }

Result<Symbol> encode(std::span<const std::uint8_t> data, const Options& o) {
    if (data.empty()) return fail(Error::Code::InvalidInput, "QR: no data", "qr::encode");
    if (o.minVersion < kMinVersion || o.maxVersion > kMaxVersion || o.minVersion > o.maxVersion ||
        o.mask < -1 || o.mask > 7)
        return fail(Error::Code::InvalidInput, "QR: version range or mask out of bounds", "qr::encode");
    Mode mode = o.mode == Mode::Auto ? densestMode(data) : o.mode;
    if (mode == Mode::Alphanumeric && !std::all_of(data.begin(), data.end(), isAlphanumeric))
        return fail(Error::Code::InvalidInput, "QR: data has characters outside alphanumeric mode", "qr::encode");
    if (mode == Mode::Numeric &&
        !std::all_of(data.begin(), data.end(), [](std::uint8_t c) { return c >= '0' && c <= '9'; }))
        return fail(Error::Code::InvalidInput, "QR: data has characters outside numeric mode", "qr::encode");

    int version = 0;
    for (int v = o.minVersion; v <= o.maxVersion; ++v)
        if (static_cast<int>(data.size()) < (1 << countBits(mode, v)) &&
            4 + countBits(mode, v) + segmentDataBits(mode, data.size()) <= dataCodewords(v, o.ecc) * 8) {
            version = v;
            break;
        }
    if (version == 0)
        return fail(Error::Code::InvalidInput,
                    "QR: " + std::to_string(data.size()) + " characters do not fit version " +
                        std::to_string(o.maxVersion) + " at this error correction level",
                    "qr::encode");

    // Bit stream: mode, count, data, terminator, byte padding, pad codewords EC 11.
    BitBuffer bb;
    bb.append(static_cast<unsigned>(modeIndicator(mode)), 4);
    bb.append(static_cast<unsigned>(data.size()), countBits(mode, version));
    if (mode == Mode::Numeric) {
        for (std::size_t i = 0; i < data.size(); i += 3) {
            const std::size_t n = std::min<std::size_t>(3, data.size() - i);
            unsigned v = 0;
            for (std::size_t k = 0; k < n; ++k) v = v * 10 + static_cast<unsigned>(data[i + k] - '0');
            bb.append(v, n == 3 ? 10 : n == 2 ? 7 : 4);
        }
    } else if (mode == Mode::Alphanumeric) {
        const auto value = [](std::uint8_t c) { return static_cast<unsigned>(kAlphanumeric.find(static_cast<char>(c))); };
        for (std::size_t i = 0; i < data.size(); i += 2) {
            if (i + 1 < data.size()) bb.append(value(data[i]) * 45 + value(data[i + 1]), 11);
            else bb.append(value(data[i]), 6);
        }
    } else {
        for (const std::uint8_t b : data) bb.append(b, 8);
    }
    const std::size_t capacityBits = static_cast<std::size_t>(dataCodewords(version, o.ecc)) * 8;
    bb.append(0, static_cast<int>(std::min<std::size_t>(4, capacityBits - bb.size())));
    bb.append(0, static_cast<int>((8 - bb.size() % 8) % 8));
    std::vector<std::uint8_t> dataWords = bb.bytes();
    for (std::uint8_t pad = 0xEC; dataWords.size() * 8 < capacityBits; pad ^= 0xEC ^ 0x11) dataWords.push_back(pad);

    // Split into blocks (short ones first), error correction per block, then interleave.
    const auto vi = static_cast<std::size_t>(version - 1);
    const auto li = static_cast<std::size_t>(levelIndex(o.ecc));
    const int blocks = kBlocks[vi][li];
    const int eccLen = kEccPerBlock[vi][li];
    const int raw = rawCodewords(version);
    const int shortBlocks = blocks - raw % blocks;
    const int shortData = raw / blocks - eccLen;
    const std::vector<std::uint8_t> gen = generator(eccLen);
    std::vector<std::vector<std::uint8_t>> dataBlocks;
    std::vector<std::vector<std::uint8_t>> eccBlocks;
    std::size_t offset = 0;
    for (int b = 0; b < blocks; ++b) {
        const auto len = static_cast<std::size_t>(shortData + (b < shortBlocks ? 0 : 1));
        dataBlocks.emplace_back(dataWords.begin() + static_cast<std::ptrdiff_t>(offset),
                                dataWords.begin() + static_cast<std::ptrdiff_t>(offset + len));
        eccBlocks.push_back(remainder(dataBlocks.back(), gen));
        offset += len;
    }
    std::vector<std::uint8_t> codewords;
    codewords.reserve(static_cast<std::size_t>(raw));
    for (std::size_t i = 0; i <= static_cast<std::size_t>(shortData); ++i)
        for (const auto& blk : dataBlocks)
            if (i < blk.size()) codewords.push_back(blk[i]);
    for (std::size_t i = 0; i < static_cast<std::size_t>(eccLen); ++i)
        for (const auto& blk : eccBlocks) codewords.push_back(blk[i]);

    Grid base(17 + 4 * version);
    drawFunctionPatterns(base, version);
    placeCodewords(base, codewords);

    Symbol best;
    int bestScore = -1;
    for (int m = 0; m < 8; ++m) {
        if (o.mask >= 0 && m != o.mask) continue;
        Grid g = base;
        applyMask(g, m);
        drawFormatBits(g, o.ecc, m);
        const int score = penaltyOf(g.size, g.dark);
        if (bestScore < 0 || score < bestScore) {
            bestScore = score;
            best.modules = std::move(g.dark);
            best.mask = m;
        }
    }
    best.version = version;
    best.ecc = o.ecc;
    best.mode = mode;
    best.size = 17 + 4 * version;
    return best;
}

Result<Symbol> encode(std::string_view text, const Options& options) {
    return encode(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), options);
}

}  // namespace kiosk::qr
