// The simulated printer: round trips, pages, and hostile input (every truncation, random bytes).
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "devices/printer/escpos_encoder.h"
#include "app/receipt/qr_reader.h"
#include "devices/sim/escpos/escpos_decoder.h"
#include <string>

using kiosk::escpos::CutKind;
using kiosk::escpos::JobBuilder;
using kiosk::sim::decodeEscPos;
using Bytes = std::vector<std::uint8_t>;

namespace {

// A deterministic test pattern with an odd width, packed 1 = black, MSB first.
struct Pattern {
    int width;
    int height;
    Bytes packed;
    [[nodiscard]] bool black(int x, int y) const {
        const int rowBytes = (width + 7) / 8;
        return (packed[static_cast<std::size_t>(y * rowBytes + x / 8)] & (0x80 >> (x % 8))) != 0;
    }
};

Pattern makePattern(int width, int height) {
    Pattern p{width, height, Bytes(static_cast<std::size_t>((width + 7) / 8 * height), 0)};
    const int rowBytes = (width + 7) / 8;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (((x * 7 + y * 13) % 11 < 4) || x == y)
                p.packed[static_cast<std::size_t>(y * rowBytes + x / 8)] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
    return p;
}

Bytes realJob() {
    const Pattern p = makePattern(203, 37);
    JobBuilder b;
    b.initialize().textLine("CLEARED").rasterImage(p.width, p.height, p.packed, 16).qrCode("1234").feedLines(2).cut(CutKind::Partial);
    return b.bytes();
}

}  // namespace

TEST_CASE("encode -> decode reproduces a raster bit for bit", "[escpos][sim]") {
    const Pattern p = makePattern(203, 600);  // width not a multiple of 8, several bands
    JobBuilder b;
    b.initialize().rasterImage(p.width, p.height, p.packed, 256).cut(CutKind::Full);
    const auto pages = decodeEscPos(b.bytes(), 576);
    REQUIRE(pages.has_value());
    REQUIRE(pages->size() == 1);
    const auto& img = pages->front().image;
    CHECK(pages->front().cut);
    REQUIRE(img.isValid());
    CHECK(img.width == 576);
    REQUIRE(img.height == p.height);
    int mismatches = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const bool ink = img.pixels[static_cast<std::size_t>(y * img.width + x)] == 0;
            const bool want = x < p.width && p.black(x, y);
            if (ink != want) ++mismatches;
        }
    CHECK(mismatches == 0);
}

TEST_CASE("cuts end pages; feeds add paper; job without a cut leaves the last page attached", "[escpos][sim]") {
    const Bytes black(72, 0xFF);
    JobBuilder b;
    b.initialize().rasterImage(576, 1, black).feedLines(2).cut(CutKind::Partial);
    b.cut(CutKind::Full);  // nothing printed since: no page
    b.rasterImage(576, 1, black).feedLines(1);
    const auto pages = decodeEscPos(b.bytes(), 576);
    REQUIRE(pages.has_value());
    REQUIRE(pages->size() == 2);
    CHECK((*pages)[0].image.height == 1 + 2 * kiosk::sim::kSimLineHeightDots);
    CHECK((*pages)[0].cut);
    CHECK((*pages)[1].image.height == 1 + kiosk::sim::kSimLineHeightDots);
    CHECK_FALSE((*pages)[1].cut);
}

TEST_CASE("presenter commands move no ink; an unknown ejector function or a truncated one is refused", "[escpos][sim]") {
    const Bytes black(72, 0xFF);
    JobBuilder b;
    b.initialize().rasterImage(576, 1, black).cut(CutKind::Full).presenter(kiosk::escpos::PresenterAction::Eject);
    b.presenter(kiosk::escpos::PresenterAction::Retract);
    const auto pages = decodeEscPos(b.bytes(), 576);
    REQUIRE(pages.has_value());
    CHECK(pages->size() == 1);
    CHECK_FALSE(decodeEscPos(Bytes{0x1D, 0x65, 0x09}, 576).has_value());
    CHECK_FALSE(decodeEscPos(Bytes{0x1D, 0x65}, 576).has_value());
    CHECK_FALSE(decodeEscPos(Bytes{0x1D, 0x65, 0x03}, 576).has_value());
}

TEST_CASE("raster wider than the paper is clipped", "[escpos][sim]") {
    const Bytes row(100, 0xFF);  // 800 dots on 576-dot paper
    JobBuilder b;
    b.rasterImage(800, 1, row);
    const auto pages = decodeEscPos(b.bytes(), 576);
    REQUIRE(pages.has_value());
    REQUIRE(pages->size() == 1);
    CHECK(pages->front().image.width == 576);
}

TEST_CASE("text prints as blocks and wraps at the paper width", "[escpos][sim]") {
    JobBuilder b;
    b.textLine(std::string(60, 'X'));  // 48 columns on 576 dots: wraps onto a second line
    const auto pages = decodeEscPos(b.bytes(), 576);
    REQUIRE(pages.has_value());
    REQUIRE(pages->size() == 1);
    const auto& img = pages->front().image;
    CHECK(img.height == 2 * kiosk::sim::kSimLineHeightDots);
    const auto at = [&](int x, int y) { return img.pixels[static_cast<std::size_t>(y * img.width + x)]; };
    CHECK(at(5, 10) == 0);                                          // first cell inked
    CHECK(at(0, 10) == 255);                                        // cell gap
    CHECK(at(5 + 11 * 12, 30 + 10) == 0);                          // 12th char of line 2
    CHECK(at(5 + 12 * 12, 30 + 10) == 255);                        // 13th does not exist
}

TEST_CASE("QR print draws the real symbol with a quiet zone, and it scans", "[escpos][sim]") {
    JobBuilder b;
    b.qrCode("1234", 4, 'M');  // version 1: 21 modules of 4 dots, 4-module quiet zone all round
    const auto pages = decodeEscPos(b.bytes(), 576);
    REQUIRE(pages.has_value());
    REQUIRE(pages->size() == 1);
    const auto& img = pages->front().image;
    CHECK(img.height == (21 + 8) * 4);
    const auto at = [&](int x, int y) { return img.pixels[static_cast<std::size_t>(y * img.width + x)]; };
    CHECK(at(1, 1) == 255);                          // quiet zone
    CHECK(at(16 + 3 * 4 + 1, 16 + 3 * 4 + 1) == 0);  // finder centre
    CHECK(at(16 + 1 * 4 + 1, 16 + 1 * 4 + 1) == 255);  // finder's light ring
    CHECK(at(200, 40) == 255);                       // nothing right of the symbol
    const auto text = kiosk::receipt::readQrCode(img);
    REQUIRE(text.has_value());
    CHECK(*text == "1234");

    // A receipt-sized alphanumeric code at level M, module 3: still scans.
    const std::string code = "KR1:" + std::string(170, 'Q');
    JobBuilder big;
    big.initialize().qrCode(code, 3, 'M').feedLines(2).cut(CutKind::Full);
    const auto bigPages = decodeEscPos(big.bytes(), 576);
    REQUIRE(bigPages.has_value());
    const auto bigText = kiosk::receipt::readQrCode(bigPages->front().image);
    REQUIRE(bigText.has_value());
    CHECK(*bigText == code);
}

TEST_CASE("QR data beyond version 10 prints the placeholder of the nominal size", "[escpos][sim]") {
    JobBuilder b;
    b.qrCode(std::string(400, 'x'), 2, 'L');  // byte mode, version 14 nominally
    const auto pages = decodeEscPos(b.bytes(), 576);
    REQUIRE(pages.has_value());
    REQUIRE(pages->size() == 1);
    CHECK(pages->front().image.height > (57 + 8) * 2);
    CHECK_FALSE(kiosk::receipt::readQrCode(pages->front().image).has_value());
}

TEST_CASE("unknown commands are errors with the byte offset", "[escpos][sim]") {
    const Bytes job = {0x1B, 0x40, 0x1B, 0x21, 0x00};  // ESC ! (print mode) is not in the subset
    const auto r = decodeEscPos(job, 576);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == kiosk::Error::Code::InvalidInput);
    CHECK(r.error().context == "ESC/POS byte offset 2");
}

TEST_CASE("bogus lengths are errors, not reads past the end", "[escpos][sim]") {
    // GS v 0 announcing 65535 x 65535 bytes with 3 present
    CHECK_FALSE(decodeEscPos(Bytes{0x1D, 0x76, 0x30, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3}, 576).has_value());
    CHECK_FALSE(decodeEscPos(Bytes{0x1D, 0x76, 0x30, 0x00, 0x00, 0x00, 0x01, 0x00}, 576).has_value());  // zero width
    CHECK_FALSE(decodeEscPos(Bytes{0x1D, 0x28, 0x6B, 0xFF, 0xFF, 0x31, 0x50, 0x30}, 576).has_value());
    CHECK_FALSE(decodeEscPos(Bytes{0x1D, 0x28, 0x6B, 0x01, 0x00, 0x31}, 576).has_value());               // pL < 2
    CHECK_FALSE(decodeEscPos(Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x00}, 576).has_value());  // size 0
    CHECK_FALSE(decodeEscPos(Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x30, 0x43, 0x03}, 576).has_value());  // cn not QR
    CHECK_FALSE(decodeEscPos(Bytes{0x1D, 0x56, 0x07}, 576).has_value());                                 // cut mode
    CHECK_FALSE(decodeEscPos(Bytes{0x01}, 576).has_value());                                             // control byte
    CHECK_FALSE(decodeEscPos(Bytes{0x1B, 0x40}, 0).has_value());                                         // paper width
}

TEST_CASE("endless feeding hits the page limit instead of eating memory", "[escpos][sim]") {
    JobBuilder b;
    b.feedLines(255 * 20);  // 5100 lines * 30 dots > kMaxPageRows
    const auto r = decodeEscPos(b.bytes(), 576);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("limit") != std::string::npos);
}

TEST_CASE("every truncation of a real job decodes or fails cleanly", "[escpos][sim]") {
    const Bytes job = realJob();
    REQUIRE(decodeEscPos(job, 576).has_value());
    int failures = 0;
    for (std::size_t len = 0; len < job.size(); ++len) {
        const auto r = decodeEscPos(std::span<const std::uint8_t>(job.data(), len), 576);
        if (!r) {
            ++failures;
            CHECK(r.error().code == kiosk::Error::Code::InvalidInput);
            CHECK(r.error().context.rfind("ESC/POS byte offset ", 0) == 0);
        }
    }
    CHECK(failures > 0);  // cutting inside a command must be noticed
}

TEST_CASE("random bytes never crash the decoder", "[escpos][sim]") {
    std::mt19937 rng(20240501);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 400);
    const Bytes prefixes[] = {{}, {0x1D, 0x76, 0x30, 0x00}, {0x1D, 0x28, 0x6B}, {0x1B, 0x64}, {0x1D, 0x56}};
    for (int trial = 0; trial < 5000; ++trial) {
        Bytes job = prefixes[static_cast<std::size_t>(trial) % std::size(prefixes)];
        const int n = length(rng);
        for (int i = 0; i < n; ++i) job.push_back(static_cast<std::uint8_t>(byte(rng)));
        const auto r = decodeEscPos(job, 384);
        if (!r) CHECK(r.error().code == kiosk::Error::Code::InvalidInput);
    }
}
