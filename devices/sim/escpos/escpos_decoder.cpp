#include "devices/sim/escpos/escpos_decoder.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <string>

#include "devices/printer/qr_code.h"

namespace kiosk::sim {
namespace {

constexpr std::uint8_t ESC = 0x1B;
constexpr std::uint8_t GS = 0x1D;
constexpr std::uint8_t LF = 0x0A;
constexpr std::uint8_t CR = 0x0D;

std::string hexByte(std::uint8_t b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(b));
    return buf;
}

std::unexpected<Error> bad(std::size_t offset, std::string message) {
    return fail(Error::Code::InvalidInput, std::move(message), "ESC/POS byte offset " + std::to_string(offset));
}

// One page of paper growing downwards. y is the print position (top of the next line / image).
class Paper {
public:
    explicit Paper(int width) : width_(width) {}

    [[nodiscard]] bool reserveRows(int rows) {  // false when the page would pass kMaxPageRows
        if (rows > kMaxPageRows) return false;
        if (rows > rows_) {
            pixels_.resize(static_cast<std::size_t>(rows) * static_cast<std::size_t>(width_), 255);
            rows_ = rows;
        }
        return true;
    }
    void set(int x, int row, std::uint8_t v) {  // caller reserved the row; x is clipped to the head
        if (x >= 0 && x < width_ && row >= 0 && row < rows_)
            pixels_[static_cast<std::size_t>(row) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)] = v;
    }
    void fill(int x, int row, int w, int h, std::uint8_t v = 0) {
        for (int r = row; r < row + h; ++r)
            for (int c = x; c < x + w; ++c) set(c, r, v);
    }
    [[nodiscard]] bool advance(int dots) {
        if (y + dots > kMaxPageRows) return false;
        y += dots;
        return true;
    }
    [[nodiscard]] bool empty() const { return std::max(y, rows_) == 0; }
    [[nodiscard]] PrintedPage take(bool cut) {
        const int height = std::max(y, rows_);
        PrintedPage page;
        page.cut = cut;
        page.image.width = width_;
        page.image.height = height;
        page.image.dpi = kSimDpi;
        page.image.pixels = std::move(pixels_);
        page.image.pixels.resize(static_cast<std::size_t>(height) * static_cast<std::size_t>(width_), 255);
        pixels_.clear();
        rows_ = 0;
        y = 0;
        return page;
    }

    int y = 0;
    [[nodiscard]] int width() const { return width_; }

private:
    int width_;
    int rows_ = 0;
    std::vector<std::uint8_t> pixels_;
};

// QR model 2 byte-mode capacities for versions 1..10 (ISO/IEC 18004 table 7) and version 40, by level
// L M Q H. Only the placeholder's size depends on them.
constexpr std::array<std::array<int, 10>, 4> kQrBytes = {{
    {17, 32, 53, 78, 106, 134, 154, 192, 230, 271},
    {14, 26, 42, 62, 84, 106, 122, 152, 180, 213},
    {11, 20, 32, 46, 60, 74, 86, 108, 130, 151},
    {7, 14, 24, 34, 44, 58, 64, 84, 98, 119},
}};
constexpr std::array<int, 4> kQrBytesV40 = {2953, 2331, 1663, 1273};

// Nominal version for the data; above version 10 interpolated (placeholder only). nullopt: too long.
std::optional<int> nominalQrVersion(std::size_t bytes, int level) {
    const auto& caps = kQrBytes[static_cast<std::size_t>(level)];
    for (std::size_t v = 0; v < caps.size(); ++v)
        if (bytes <= static_cast<std::size_t>(caps[v])) return static_cast<int>(v) + 1;
    const int cap10 = caps[9];
    const int cap40 = kQrBytesV40[static_cast<std::size_t>(level)];
    if (bytes > static_cast<std::size_t>(cap40)) return std::nullopt;
    const int perVersion = (cap40 - cap10) / 30;
    const int extra = (static_cast<int>(bytes) - cap10 + perVersion - 1) / perVersion;
    return std::min(40, 10 + extra);
}

struct QrState {
    int moduleSize = 3;  // power-on defaults per the reference: 3 dots, level L
    int level = 0;       // 0 L, 1 M, 2 Q, 3 H
    std::vector<std::uint8_t> data;
};

void drawQrPlaceholder(Paper& paper, int top, int left, int side, int module) {
    // Outline, three 7-module finder squares, and a cross: clearly a QR position, clearly not a QR code.
    const int t = std::max(2, module / 2);
    paper.fill(left, top, side, t);
    paper.fill(left, top + side - t, side, t);
    paper.fill(left, top, t, side);
    paper.fill(left + side - t, top, t, side);
    const int f = 7 * module;
    for (const auto& [fx, fy] : {std::pair{0, 0}, std::pair{side - f, 0}, std::pair{0, side - f}}) {
        paper.fill(left + fx, top + fy, f, f);
        paper.fill(left + fx + module, top + fy + module, f - 2 * module, f - 2 * module, 255);  // white ring
        paper.fill(left + fx + 2 * module, top + fy + 2 * module, 3 * module, 3 * module);       // 3x3 centre
    }
    for (int i = 0; i < side; ++i) {
        paper.fill(left + i, top + i, t, 1);
        paper.fill(left + side - 1 - i, top + i, t, 1);
    }
}

}  // namespace

Result<std::vector<PrintedPage>> decodeEscPos(std::span<const std::uint8_t> job, int paperWidthDots) {
    if (paperWidthDots <= 0 || paperWidthDots > 4096)
        return fail(Error::Code::InvalidInput, "paper width out of 1..4096 dots", "decodeEscPos");
    std::vector<PrintedPage> pages;
    Paper paper(paperWidthDots);
    QrState qr;
    int textColumn = 0;        // characters on the current text line
    bool lineHasText = false;  // print buffer holds text not yet fed
    const std::size_t n = job.size();

    // Text and images are drawn at once; a pending text line is finished before anything else prints.
    auto finishLine = [&](std::size_t at) -> Result<void> {
        if (!lineHasText) return {};
        lineHasText = false;
        textColumn = 0;
        if (!paper.advance(kSimLineHeightDots)) return bad(at, "page longer than the simulator's limit");
        return {};
    };

    std::size_t i = 0;
    while (i < n) {
        const std::size_t at = i;
        const std::uint8_t b = job[i];
        auto need = [&](std::size_t count) { return n - i >= count; };
        if (b == ESC) {
            if (!need(2)) return bad(at, "truncated ESC command");
            const std::uint8_t cmd = job[i + 1];
            if (cmd == 0x40) {  // ESC @: initialise; buffer cleared, QR settings back to defaults
                lineHasText = false;
                textColumn = 0;
                qr = QrState{};
                i += 2;
            } else if (cmd == 0x64) {  // ESC d n: print buffer, feed n lines
                if (!need(3)) return bad(at, "truncated ESC d");
                const int lines = job[i + 2];
                lineHasText = false;
                textColumn = 0;
                if (!paper.advance(lines * kSimLineHeightDots)) return bad(at, "page longer than the simulator's limit");
                i += 3;
            } else {
                return bad(at, "unknown command ESC " + hexByte(cmd));
            }
        } else if (b == GS) {
            if (!need(2)) return bad(at, "truncated GS command");
            const std::uint8_t cmd = job[i + 1];
            if (cmd == 0x76) {  // GS v 0 m xL xH yL yH d1..dk
                if (!need(8)) return bad(at, "truncated GS v 0 header");
                if (job[i + 2] != 0x30) return bad(at, "unknown command GS v " + hexByte(job[i + 2]));
                const int m = job[i + 3];
                if (!((m >= 0 && m <= 3) || (m >= 48 && m <= 51))) return bad(at, "GS v 0: bad mode " + hexByte(job[i + 3]));
                const int xBytes = job[i + 4] | (job[i + 5] << 8);
                const int rows = job[i + 6] | (job[i + 7] << 8);
                if (xBytes == 0 || rows == 0) return bad(at, "GS v 0: zero width or height");
                const std::size_t dataBytes = static_cast<std::size_t>(xBytes) * static_cast<std::size_t>(rows);
                if (n - (i + 8) < dataBytes)
                    return bad(at, "GS v 0: image data truncated (" + std::to_string(dataBytes) + " bytes announced)");
                if (auto r = finishLine(at); !r) return std::unexpected(r.error());
                const int sx = (m & 1) ? 2 : 1;  // double width
                const int sy = (m & 2) ? 2 : 1;  // double height
                const int top = paper.y;
                if (!paper.reserveRows(top + rows * sy) || !paper.advance(rows * sy))
                    return bad(at, "page longer than the simulator's limit");
                const std::uint8_t* data = job.data() + i + 8;
                const int visibleBytes = std::min(xBytes, (paperWidthDots + 8 * sx - 1) / (8 * sx));
                for (int r = 0; r < rows; ++r) {
                    const std::uint8_t* row = data + static_cast<std::size_t>(r) * static_cast<std::size_t>(xBytes);
                    for (int xb = 0; xb < visibleBytes; ++xb) {
                        const std::uint8_t v = row[xb];
                        if (v == 0) continue;
                        for (int bit = 0; bit < 8; ++bit)
                            if (v & (0x80 >> bit)) paper.fill((xb * 8 + bit) * sx, top + r * sy, sx, sy);
                    }
                }
                i += 8 + dataBytes;
            } else if (cmd == 0x56) {  // GS V: Function A (m) or B (m n)
                if (!need(3)) return bad(at, "truncated GS V");
                const int m = job[i + 2];
                int feedDots = 0;
                if (m == 0 || m == 1 || m == 48 || m == 49) {
                    i += 3;
                } else if (m == 65 || m == 66) {  // Function B: feed to the cutter plus n motion units
                    if (!need(4)) return bad(at, "truncated GS V (Function B)");
                    feedDots = job[i + 3];
                    i += 4;
                } else {
                    return bad(at, "GS V: unsupported cut mode " + hexByte(job[i + 2]));
                }
                if (auto r = finishLine(at); !r) return std::unexpected(r.error());
                if (!paper.advance(feedDots)) return bad(at, "page longer than the simulator's limit");
                if (!paper.empty()) pages.push_back(paper.take(true));
            } else if (cmd == 0x65) {  // GS e n [m]: the presenter (Custom kiosk printers); no ink
                if (!need(3)) return bad(at, "truncated GS e");
                const int action = job[i + 2];
                if (action < 1 || action > 6) return bad(at, "GS e: unknown ejector function " + hexByte(job[i + 2]));
                if (action == 3 && !need(4)) return bad(at, "truncated GS e 3 (steps)");
                i += action == 3 ? 4 : 3;
            } else if (cmd == 0x28) {  // GS ( k pL pH cn fn ...
                if (!need(5)) return bad(at, "truncated GS ( command");
                if (job[i + 2] != 0x6B) return bad(at, "unknown command GS ( " + hexByte(job[i + 2]));
                const std::size_t len = job[i + 3] | (static_cast<std::size_t>(job[i + 4]) << 8);
                if (len < 2) return bad(at, "GS ( k: parameter length below 2");
                if (n - (i + 5) < len) return bad(at, "GS ( k: truncated (" + std::to_string(len) + " bytes announced)");
                const std::uint8_t* p = job.data() + i + 5;  // p[0] = cn, p[1] = fn, then len - 2 bytes
                if (p[0] != 49) return bad(at, "GS ( k: symbol type cn " + hexByte(p[0]) + " not supported (QR only)");
                const std::uint8_t fn = p[1];
                if (fn == 65) {  // model: n1 49/50/51, n2 0
                    if (len != 4 || p[2] < 49 || p[2] > 51 || p[3] != 0) return bad(at, "GS ( k <165>: bad parameters");
                } else if (fn == 67) {  // module size
                    if (len != 3 || p[2] < 1 || p[2] > 16) return bad(at, "GS ( k <167>: module size out of 1..16");
                    qr.moduleSize = p[2];
                } else if (fn == 69) {  // error correction level
                    if (len != 3 || p[2] < 48 || p[2] > 51) return bad(at, "GS ( k <169>: bad error level");
                    qr.level = p[2] - 48;
                } else if (fn == 80) {  // store data, m = 48
                    if (len < 4 || p[2] != 48) return bad(at, "GS ( k <180>: bad parameters");
                    qr.data.assign(p + 3, p + len);
                } else if (fn == 81) {  // print the stored symbol, m = 48
                    if (len != 3 || p[2] != 48) return bad(at, "GS ( k <181>: bad parameters");
                    if (auto r = finishLine(at); !r) return std::unexpected(r.error());
                    // A printer prints nothing for missing or oversized data; so does the simulator. The
                    // symbol is drawn for real (byte/alphanumeric/numeric as the data allows, the stored
                    // level, the best mask) with a 4-module quiet zone, left-aligned; above version 10 (the
                    // encoder's limit) a placeholder of the nominal size stands in.
                    if (const auto version = nominalQrVersion(qr.data.size(), qr.level); version && !qr.data.empty()) {
                        const int module = qr.moduleSize;
                        const auto symbol = qr::encode(qr.data, {.ecc = static_cast<qr::Ecc>(qr.level)});
                        const int modules = symbol ? symbol->size : 17 + 4 * *version;
                        const int quiet = 4 * module;
                        const int side = modules * module;
                        const int top = paper.y;
                        if (!paper.reserveRows(top + side + 2 * quiet) || !paper.advance(side + 2 * quiet))
                            return bad(at, "page longer than the simulator's limit");
                        if (symbol) {
                            for (int my = 0; my < modules; ++my)
                                for (int mx = 0; mx < modules; ++mx)
                                    if (symbol->dark(mx, my)) paper.fill(quiet + mx * module, top + quiet + my * module, module, module);
                        } else {
                            drawQrPlaceholder(paper, top + quiet, quiet, side, module);
                        }
                    }
                } else if (fn == 82) {  // transmit size information: the simulator has no back channel
                    if (len != 3 || p[2] != 48) return bad(at, "GS ( k <182>: bad parameters");
                } else {
                    return bad(at, "GS ( k: unknown QR function " + hexByte(fn));
                }
                i += 5 + len;
            } else {
                return bad(at, "unknown command GS " + hexByte(cmd));
            }
        } else if (b == LF) {
            lineHasText = true;  // LF feeds one line even when the buffer is empty
            if (auto r = finishLine(at); !r) return std::unexpected(r.error());
            ++i;
        } else if (b == CR) {
            ++i;  // ignored with auto line feed disabled, the default
        } else if (b < 0x20 || b == 0x7F) {
            return bad(at, "unknown control byte " + hexByte(b));
        } else {  // printable: one Font A cell, wrapping at the paper width
            if ((textColumn + 1) * kSimCharWidthDots > paperWidthDots)
                if (auto r = finishLine(at); !r) return std::unexpected(r.error());
            lineHasText = true;
            if (!paper.reserveRows(paper.y + kSimCharHeightDots)) return bad(at, "page longer than the simulator's limit");
            if (b != 0x20) paper.fill(textColumn * kSimCharWidthDots + 1, paper.y + 4, kSimCharWidthDots - 2, 16);
            ++textColumn;
            ++i;
        }
    }
    if (lineHasText) {
        if (auto r = finishLine(n); !r) return std::unexpected(r.error());
    }
    if (!paper.empty()) pages.push_back(paper.take(false));
    return pages;
}

}  // namespace kiosk::sim
