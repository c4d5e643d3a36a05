// The QR Code encoder: facts from ISO/IEC 18004 (format and version information, Reed-Solomon), and
// every symbol read back by OpenCV's detector across modes, versions, levels and masks.
#include <catch2/catch.hpp>

#include <opencv2/core.hpp>
#include <random>
#include <string>

#include "app/receipt/qr_reader.h"
#include "devices/printer/qr_code.h"

using namespace kiosk::qr;

namespace {

// The symbol as a grey image: `scale` pixels per module, a 4-module quiet zone.
cv::Mat render(const Symbol& s, int scale = 4) {
    const int quiet = 4;
    cv::Mat img((s.size + 2 * quiet) * scale, (s.size + 2 * quiet) * scale, CV_8UC1, cv::Scalar(255));
    for (int y = 0; y < s.size; ++y)
        for (int x = 0; x < s.size; ++x)
            if (s.dark(x, y)) img(cv::Rect((x + quiet) * scale, (y + quiet) * scale, scale, scale)).setTo(0);
    return img;
}

// OpenCV renders and (where its build has quirc) decodes; Debian's OpenCV 4.6 has no quirc, so the
// reader uses ZXing-C++ there (app/receipt/qr_reader.h). Either way an independent decoder reads it.
std::string decode(const Symbol& s) {
    const cv::Mat img = render(s);
    kiosk::GreyImage g;
    g.width = img.cols;
    g.height = img.rows;
    g.pixels.assign(img.datastart, img.dataend);
    const auto text = kiosk::receipt::readQrCode(g);
    return text ? *text : std::string("<unreadable>");
}

// 15 format bits as read around the top-left finder (bit 14 first).
int readFormat(const Symbol& s) {
    int bits = 0;
    for (int i = 0; i <= 5; ++i) bits |= (s.dark(8, i) ? 1 : 0) << i;
    bits |= (s.dark(8, 7) ? 1 : 0) << 6;
    bits |= (s.dark(8, 8) ? 1 : 0) << 7;
    bits |= (s.dark(7, 8) ? 1 : 0) << 8;
    for (int i = 9; i < 15; ++i) bits |= (s.dark(14 - i, 8) ? 1 : 0) << i;
    return bits;
}

int readVersionBits(const Symbol& s) {
    int bits = 0;
    for (int i = 0; i < 18; ++i) bits |= (s.dark(s.size - 11 + i % 3, i / 3) ? 1 : 0) << i;
    return bits;
}

}  // namespace

TEST_CASE("Reed-Solomon codewords of the 1-M 'HELLO WORLD' example", "[qr]") {
    // Data codewords of "HELLO WORLD" in alphanumeric mode, version 1-M, and its 10 EC codewords.
    const std::vector<std::uint8_t> data = {32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17};
    CHECK(errorCorrection(data, 10) == std::vector<std::uint8_t>{196, 35, 39, 119, 235, 215, 231, 226, 93, 23});
}

TEST_CASE("format and version information match the standard's tables", "[qr]") {
    // Annex C: format information for mask 0 at each level; Annex D: version information 7..10.
    const std::pair<Ecc, int> format0[] = {{Ecc::L, 0b111011111000100}, {Ecc::M, 0b101010000010010},
                                           {Ecc::Q, 0b011010101011111}, {Ecc::H, 0b001011010001001}};
    for (const auto& [ecc, bits] : format0) {
        const auto s = encode("KIOSK", {.ecc = ecc, .mask = 0});
        REQUIRE(s.has_value());
        CHECK(readFormat(*s) == bits);
    }
    const int versionInfo[] = {0x07C94, 0x085BC, 0x09A99, 0x0A4D3};
    for (int v = 7; v <= 10; ++v) {
        const auto s = encode("1", {.ecc = Ecc::L, .minVersion = v, .maxVersion = v});
        REQUIRE(s.has_value());
        CHECK(s->size == 17 + 4 * v);
        CHECK(readVersionBits(*s) == versionInfo[v - 7]);
    }
}

TEST_CASE("finder, timing and dark module are where the standard puts them", "[qr]") {
    const auto s = encode("HELLO WORLD", {.ecc = Ecc::Q});
    REQUIRE(s.has_value());
    CHECK(s->version == 1);
    CHECK(s->mode == Mode::Alphanumeric);
    const int n = s->size;
    for (const auto& [ox, oy] : {std::pair{0, 0}, std::pair{n - 7, 0}, std::pair{0, n - 7}})
        for (int y = 0; y < 7; ++y)
            for (int x = 0; x < 7; ++x) {
                const int d = std::max(std::abs(x - 3), std::abs(y - 3));
                CHECK(s->dark(ox + x, oy + y) == (d != 2));
            }
    for (int i = 8; i < n - 8; ++i) {
        CHECK(s->dark(i, 6) == (i % 2 == 0));
        CHECK(s->dark(6, i) == (i % 2 == 0));
    }
    CHECK(s->dark(8, n - 8));
}

TEST_CASE("capacities follow the standard; too much data is an error, not a crash", "[qr]") {
    CHECK(capacity(1, Ecc::M, Mode::Byte) == 14);
    CHECK(capacity(7, Ecc::M, Mode::Alphanumeric) == 178);
    CHECK(capacity(8, Ecc::M, Mode::Alphanumeric) == 221);
    CHECK(capacity(10, Ecc::L, Mode::Byte) == 271);
    CHECK(capacity(10, Ecc::H, Mode::Numeric) == 288);
    CHECK(capacity(3, Ecc::Q, Mode::Numeric) == 77);
    CHECK(capacity(11, Ecc::L, Mode::Byte) == 0);
    const std::string tooLong(272, 'x');
    const auto r = encode(tooLong, {.ecc = Ecc::L});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == kiosk::Error::Code::InvalidInput);
    CHECK_FALSE(encode("", {}).has_value());
    CHECK_FALSE(encode("abc", {.mode = Mode::Alphanumeric}).has_value());
    CHECK_FALSE(encode("12a", {.mode = Mode::Numeric}).has_value());
    CHECK(encode(std::string(271, 'x'), {.ecc = Ecc::L})->version == 10);
}

TEST_CASE("the chosen mask has the lowest penalty of the eight", "[qr]") {
    const std::string text = "KR1:TEST PAYLOAD 0123456789";
    const auto best = encode(text, {.ecc = Ecc::M});
    REQUIRE(best.has_value());
    for (int m = 0; m < 8; ++m) {
        const auto forced = encode(text, {.ecc = Ecc::M, .mask = m});
        REQUIRE(forced.has_value());
        CHECK(forced->mask == m);
        CHECK(penalty(*forced) >= penalty(*best));
    }
}

TEST_CASE("an independent QR reader is available", "[qr]") {
    INFO("QR reader: " << kiosk::receipt::qrReaderBackend()
                       << " (Debian's OpenCV cannot decode QR: install libzxing-dev and rebuild)");
    const auto s = encode("KIOSK", {});
    REQUIRE(s.has_value());
    CHECK(decode(*s) == "KIOSK");
}

TEST_CASE("the reader reads back every mode, version, level and mask", "[qr][reader]") {
    std::mt19937 rng(18004);
    const std::string alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    int checked = 0;
    int failures = 0;
    for (int v = 1; v <= kMaxVersion; ++v)
        for (const Ecc ecc : {Ecc::L, Ecc::M, Ecc::Q, Ecc::H})
            for (const Mode mode : {Mode::Byte, Mode::Alphanumeric, Mode::Numeric}) {
                // A length that needs exactly this version: between the previous capacity and this one.
                const int lo = v == 1 ? 1 : capacity(v - 1, ecc, mode) + 1;
                const int hi = capacity(v, ecc, mode);
                const int len = std::uniform_int_distribution<int>(lo, hi)(rng);
                std::string text;
                for (int i = 0; i < len; ++i) {
                    if (mode == Mode::Numeric) text += static_cast<char>('0' + rng() % 10);
                    else if (mode == Mode::Alphanumeric) text += alnum[rng() % alnum.size()];
                    else text += static_cast<char>('a' + rng() % 26);  // lower case forces byte mode
                }
                const int mask = static_cast<int>(rng() % 8);
                const auto s = encode(text, {.ecc = ecc, .mode = mode, .mask = mask});
                REQUIRE(s.has_value());
                CHECK(s->version == v);
                ++checked;
                const std::string got = decode(*s);
                if (got != text) {
                    ++failures;
                    UNSCOPED_INFO("version " << v << " level " << static_cast<int>(ecc) << " mode "
                                             << static_cast<int>(mode) << " mask " << mask << ": read '" << got << "'");
                }
            }
    CHECK(checked == 120);
    CHECK(failures == 0);
}

TEST_CASE("the reader reads back many random byte payloads with the chosen mask", "[qr][reader]") {
    std::mt19937 rng(42);
    int failures = 0;
    for (int i = 0; i < 200; ++i) {
        const int len = std::uniform_int_distribution<int>(1, 150)(rng);
        std::string text;
        for (int k = 0; k < len; ++k) text += static_cast<char>(0x20 + rng() % 95);  // printable ASCII
        const Ecc ecc = static_cast<Ecc>(rng() % 4);
        const auto s = encode(text, {.ecc = ecc});
        if (!s) continue;  // too long for version 10 at H
        if (decode(*s) != text) {
            ++failures;
            UNSCOPED_INFO("payload " << i << " (" << len << " chars, version " << s->version << ", mask " << s->mask << ")");
        }
    }
    CHECK(failures == 0);
}
