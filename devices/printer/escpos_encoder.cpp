#include "devices/printer/escpos_encoder.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace kiosk::escpos {
namespace {

constexpr std::uint8_t ESC = 0x1B;
constexpr std::uint8_t GS = 0x1D;

std::uint8_t lo(int v) { return static_cast<std::uint8_t>(v & 0xFF); }
std::uint8_t hi(int v) { return static_cast<std::uint8_t>((v >> 8) & 0xFF); }

// GS ( k pL pH cn fn [parameters]: pL + pH*256 counts cn, fn and the parameters (Epson reference).
void appendQrFunction(std::vector<std::uint8_t>& out, std::uint8_t fn, std::span<const std::uint8_t> params) {
    const int len = static_cast<int>(params.size()) + 2;
    out.insert(out.end(), {GS, 0x28, 0x6B, lo(len), hi(len), 0x31, fn});
    out.insert(out.end(), params.begin(), params.end());
}

}  // namespace

JobBuilder& JobBuilder::initialize() {
    bytes_.insert(bytes_.end(), {ESC, 0x40});
    return *this;
}

JobBuilder& JobBuilder::rasterImage(int widthDots, int heightDots, std::span<const std::uint8_t> packedRows,
                                    int maxBandRows) {
    const int rowBytes = packedRowBytes(widthDots);
    if (widthDots <= 0 || heightDots <= 0 || rowBytes > kMaxRasterWidthBytes)
        throw std::invalid_argument("rasterImage: bad size " + std::to_string(widthDots) + "x" +
                                    std::to_string(heightDots));
    if (maxBandRows <= 0 || maxBandRows > kMaxRasterBandRows)
        throw std::invalid_argument("rasterImage: maxBandRows out of 1..65535");
    const auto expected = static_cast<std::size_t>(rowBytes) * static_cast<std::size_t>(heightDots);
    if (packedRows.size() != expected)
        throw std::invalid_argument("rasterImage: " + std::to_string(packedRows.size()) + " bytes, expected " +
                                    std::to_string(expected));
    // Padding bits past widthDots are cleared so stray bits never print outside the image.
    const int padBits = rowBytes * 8 - widthDots;
    const auto lastByteMask = static_cast<std::uint8_t>(0xFF << padBits);
    bytes_.reserve(bytes_.size() + expected + 8 * static_cast<std::size_t>(heightDots / maxBandRows + 1));
    for (int y0 = 0; y0 < heightDots; y0 += maxBandRows) {
        const int rows = std::min(maxBandRows, heightDots - y0);
        // GS v 0 m xL xH yL yH: x = bytes per row, y = rows in this band, m = 0 normal size.
        bytes_.insert(bytes_.end(), {GS, 0x76, 0x30, 0x00, lo(rowBytes), hi(rowBytes), lo(rows), hi(rows)});
        const auto begin = packedRows.begin() + static_cast<std::ptrdiff_t>(y0) * rowBytes;
        for (int r = 0; r < rows; ++r) {
            const auto row = begin + static_cast<std::ptrdiff_t>(r) * rowBytes;
            bytes_.insert(bytes_.end(), row, row + rowBytes);
            bytes_.back() = static_cast<std::uint8_t>(bytes_.back() & lastByteMask);
        }
    }
    return *this;
}

JobBuilder& JobBuilder::rasterImageTrimmed(int widthDots, int heightDots, std::span<const std::uint8_t> packedRows,
                                           int maxBandRows) {
    const int rowBytes = packedRowBytes(widthDots);
    if (widthDots <= 0 || heightDots <= 0 || rowBytes > kMaxRasterWidthBytes)
        throw std::invalid_argument("rasterImageTrimmed: bad size " + std::to_string(widthDots) + "x" +
                                    std::to_string(heightDots));
    if (maxBandRows <= 0 || maxBandRows > kMaxRasterBandRows)
        throw std::invalid_argument("rasterImageTrimmed: maxBandRows out of 1..65535");
    const auto expected = static_cast<std::size_t>(rowBytes) * static_cast<std::size_t>(heightDots);
    if (packedRows.size() != expected)
        throw std::invalid_argument("rasterImageTrimmed: " + std::to_string(packedRows.size()) + " bytes, expected " +
                                    std::to_string(expected));
    const int padBits = rowBytes * 8 - widthDots;
    const auto lastByteMask = static_cast<std::uint8_t>(0xFF << padBits);
    const auto byteAt = [&](int y, int b) {
        const std::uint8_t v = packedRows[static_cast<std::size_t>(y) * static_cast<std::size_t>(rowBytes) + static_cast<std::size_t>(b)];
        return b == rowBytes - 1 ? static_cast<std::uint8_t>(v & lastByteMask) : v;
    };
    // Ink extent of each row in bytes (0 for a blank row).
    std::vector<int> extent(static_cast<std::size_t>(heightDots), 0);
    for (int y = 0; y < heightDots; ++y)
        for (int b = rowBytes - 1; b >= 0; --b)
            if (byteAt(y, b) != 0) {
                extent[static_cast<std::size_t>(y)] = b + 1;
                break;
            }
    // cost[i]: fewest bytes for rows [0, i); a band [j, i) costs 8 + (i - j) * max(1, widest row).
    constexpr int kHeader = 8;
    std::vector<long long> cost(static_cast<std::size_t>(heightDots) + 1, 0);
    std::vector<int> from(static_cast<std::size_t>(heightDots) + 1, 0);
    for (int i = 1; i <= heightDots; ++i) {
        long long best = -1;
        int widest = 1;
        for (int j = i - 1; j >= std::max(0, i - maxBandRows); --j) {
            widest = std::max(widest, extent[static_cast<std::size_t>(j)]);
            const long long c = cost[static_cast<std::size_t>(j)] + kHeader + static_cast<long long>(i - j) * widest;
            if (best < 0 || c < best) {
                best = c;
                from[static_cast<std::size_t>(i)] = j;
            }
        }
        cost[static_cast<std::size_t>(i)] = best;
    }
    std::vector<std::pair<int, int>> bands;  // [start, end)
    for (int i = heightDots; i > 0; i = from[static_cast<std::size_t>(i)]) bands.emplace_back(from[static_cast<std::size_t>(i)], i);
    std::reverse(bands.begin(), bands.end());
    bytes_.reserve(bytes_.size() + static_cast<std::size_t>(cost.back()));
    for (const auto& [y0, y1] : bands) {
        int w = 1;
        for (int y = y0; y < y1; ++y) w = std::max(w, extent[static_cast<std::size_t>(y)]);
        const int rows = y1 - y0;
        bytes_.insert(bytes_.end(), {GS, 0x76, 0x30, 0x00, lo(w), hi(w), lo(rows), hi(rows)});
        for (int y = y0; y < y1; ++y)
            for (int b = 0; b < w; ++b) bytes_.push_back(byteAt(y, b));
    }
    return *this;
}

JobBuilder& JobBuilder::feedLines(int lines) {
    if (lines < 0) throw std::invalid_argument("feedLines: negative");
    // ESC d n takes 0..255; ESC d 0 would still print the buffer, so emit it for lines == 0 as asked.
    do {
        const int n = std::min(lines, 255);
        bytes_.insert(bytes_.end(), {ESC, 0x64, lo(n)});
        lines -= n;
    } while (lines > 0);
    return *this;
}

JobBuilder& JobBuilder::cut(CutKind kind) {
    // GS V Function A: m = 0 full cut, m = 1 partial cut. The caller feeds past the cutter first.
    bytes_.insert(bytes_.end(), {GS, 0x56, kind == CutKind::Full ? std::uint8_t{0x00} : std::uint8_t{0x01}});
    return *this;
}

JobBuilder& JobBuilder::presenter(PresenterAction action) {
    bytes_.insert(bytes_.end(), {GS, 0x65, action == PresenterAction::Retract ? std::uint8_t{0x02} : std::uint8_t{0x05}});
    return *this;
}

JobBuilder& JobBuilder::qrCode(std::string_view data, int moduleSize, char errorLevel) {
    if (data.empty() || data.size() > kMaxQrDataBytes) throw std::invalid_argument("qrCode: data length");
    if (moduleSize < 1 || moduleSize > 16) throw std::invalid_argument("qrCode: module size out of 1..16");
    std::uint8_t level = 0;
    switch (errorLevel) {  // <Function 169>: n = 48 L (7 %), 49 M (15 %), 50 Q (25 %), 51 H (30 %)
        case 'L': level = 48; break;
        case 'M': level = 49; break;
        case 'Q': level = 50; break;
        case 'H': level = 51; break;
        default: throw std::invalid_argument("qrCode: error level must be L, M, Q or H");
    }
    const std::uint8_t model[] = {50, 0};  // <Function 165>: n1 = 50 model 2, n2 = 0
    appendQrFunction(bytes_, 0x41, model);
    const std::uint8_t size[] = {static_cast<std::uint8_t>(moduleSize)};  // <Function 167>
    appendQrFunction(bytes_, 0x43, size);
    const std::uint8_t ec[] = {level};
    appendQrFunction(bytes_, 0x45, ec);
    std::vector<std::uint8_t> store;  // <Function 180>: m = 48, then the data
    store.reserve(data.size() + 1);
    store.push_back(48);
    store.insert(store.end(), data.begin(), data.end());
    appendQrFunction(bytes_, 0x50, store);
    const std::uint8_t print[] = {48};  // <Function 181>: m = 48
    appendQrFunction(bytes_, 0x51, print);
    return *this;
}

JobBuilder& JobBuilder::textLine(std::string_view asciiText) {
    for (const char c : asciiText)
        if (c < 0x20 || c > 0x7E) throw std::invalid_argument("textLine: printable ASCII only");
    bytes_.insert(bytes_.end(), asciiText.begin(), asciiText.end());
    bytes_.push_back(0x0A);  // LF: print the buffer and feed one line
    return *this;
}

}  // namespace kiosk::escpos
