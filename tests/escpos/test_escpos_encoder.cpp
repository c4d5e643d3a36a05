// Byte-exact checks against the sequences in the Epson ESC/POS Command Reference.
#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "devices/printer/escpos_encoder.h"

using kiosk::escpos::CutKind;
using kiosk::escpos::JobBuilder;
using Bytes = std::vector<std::uint8_t>;

TEST_CASE("ESC @ initialises", "[escpos]") {
    CHECK(JobBuilder().initialize().bytes() == Bytes{0x1B, 0x40});
}

TEST_CASE("GS V cuts, Function A", "[escpos]") {
    CHECK(JobBuilder().cut(CutKind::Full).bytes() == Bytes{0x1D, 0x56, 0x00});
    CHECK(JobBuilder().cut(CutKind::Partial).bytes() == Bytes{0x1D, 0x56, 0x01});
}

TEST_CASE("GS e drives a kiosk presenter: 2 retracts, 5 ejects", "[escpos]") {
    using kiosk::escpos::PresenterAction;
    CHECK(JobBuilder().presenter(PresenterAction::Retract).bytes() == Bytes{0x1D, 0x65, 0x02});
    CHECK(JobBuilder().presenter(PresenterAction::Eject).bytes() == Bytes{0x1D, 0x65, 0x05});
}

TEST_CASE("ESC d feeds, split above 255 lines", "[escpos]") {
    CHECK(JobBuilder().feedLines(4).bytes() == Bytes{0x1B, 0x64, 0x04});
    CHECK(JobBuilder().feedLines(300).bytes() == Bytes{0x1B, 0x64, 0xFF, 0x1B, 0x64, 45});
    CHECK_THROWS_AS(JobBuilder().feedLines(-1), std::invalid_argument);
}

TEST_CASE("QR 1234, model 2, size 3, level L is the published sequence", "[escpos]") {
    const Bytes expected = {
        0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,              // model 2
        0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x03,                    // module size 3
        0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x30,                    // level L
        0x1D, 0x28, 0x6B, 0x07, 0x00, 0x31, 0x50, 0x30, 0x31, 0x32, 0x33, 0x34,  // store "1234"
        0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30,                    // print
    };
    CHECK(JobBuilder().qrCode("1234", 3, 'L').bytes() == expected);
    CHECK(JobBuilder().qrCode("1234").bytes() == expected);  // defaults
}

TEST_CASE("QR store length counts cn, fn, m and the data (pL pH little-endian)", "[escpos]") {
    const std::string data(300, 'A');
    JobBuilder builder;  // bytes() refers into the builder: keep it alive
    const auto& b = builder.qrCode(data, 6, 'H').bytes();
    // model (9) + size (8) + level (8) = 25 bytes before the store command
    REQUIRE(b.size() == 25 + 8 + data.size() + 8);
    CHECK(b[16] == 6);
    CHECK(b[24] == 0x33);
    CHECK(b[25 + 3] == ((300 + 3) & 0xFF));
    CHECK(b[25 + 4] == ((300 + 3) >> 8));
    CHECK_THROWS_AS(JobBuilder().qrCode("x", 0), std::invalid_argument);
    CHECK_THROWS_AS(JobBuilder().qrCode("x", 17), std::invalid_argument);
    CHECK_THROWS_AS(JobBuilder().qrCode("x", 3, 'X'), std::invalid_argument);
    CHECK_THROWS_AS(JobBuilder().qrCode("", 3), std::invalid_argument);
}

TEST_CASE("GS v 0: a 1x1 black raster", "[escpos]") {
    const Bytes one = {0x80};
    CHECK(JobBuilder().rasterImage(1, 1, one).bytes() == Bytes{0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x01, 0x00, 0x80});
}

TEST_CASE("GS v 0: padding bits beyond the width are cleared", "[escpos]") {
    const Bytes row = {0xFF, 0xFF};  // 10 dots wide: 6 padding bits set by a careless caller
    JobBuilder builder;
    const auto& b = builder.rasterImage(10, 1, row).bytes();
    REQUIRE(b.size() == 10);
    CHECK(b[4] == 2);
    CHECK(b[8] == 0xFF);
    CHECK(b[9] == 0xC0);
}

TEST_CASE("GS v 0: 600 rows in bands of 256 -> 256, 256, 88", "[escpos]") {
    const int width = 576;
    const int rowBytes = 72;
    Bytes pixels(static_cast<std::size_t>(rowBytes) * 600);
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint8_t>(i * 31 + 7);
    JobBuilder builder;
    const auto& b = builder.rasterImage(width, 600, pixels, 256).bytes();
    REQUIRE(b.size() == 3 * 8 + pixels.size());
    std::size_t at = 0;
    std::size_t src = 0;
    for (const int rows : {256, 256, 88}) {
        INFO("band at " << at);
        CHECK(b[at] == 0x1D);
        CHECK(b[at + 1] == 0x76);
        CHECK(b[at + 2] == 0x30);
        CHECK(b[at + 3] == 0x00);
        CHECK(b[at + 4] == (rowBytes & 0xFF));
        CHECK(b[at + 5] == 0);
        CHECK(b[at + 6] == (rows & 0xFF));
        CHECK(b[at + 7] == (rows >> 8));
        const auto n = static_cast<std::size_t>(rows * rowBytes);
        CHECK(std::equal(b.begin() + static_cast<std::ptrdiff_t>(at + 8), b.begin() + static_cast<std::ptrdiff_t>(at + 8 + n),
                         pixels.begin() + static_cast<std::ptrdiff_t>(src)));
        at += 8 + n;
        src += n;
    }
    CHECK(at == b.size());
}

TEST_CASE("GS v 0 rejects inconsistent arguments", "[escpos]") {
    const Bytes two = {0x80, 0x80};
    CHECK_THROWS_AS(JobBuilder().rasterImage(8, 3, two), std::invalid_argument);
    CHECK_THROWS_AS(JobBuilder().rasterImage(0, 2, two), std::invalid_argument);
    CHECK_THROWS_AS(JobBuilder().rasterImage(8, 2, two, 0), std::invalid_argument);
}

TEST_CASE("text lines are ASCII + LF", "[escpos]") {
    CHECK(JobBuilder().textLine("Hi").bytes() == Bytes{'H', 'i', 0x0A});
    CHECK_THROWS_AS(JobBuilder().textLine("a\nb"), std::invalid_argument);
}
