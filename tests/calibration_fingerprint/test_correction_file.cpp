#include <catch2/catch.hpp>

#include <fstream>

#include "app/calibration/fingerprint/correction_file.h"
#include "tests/calibration_fingerprint/platens.h"

using namespace kiosk;
using namespace kiosk::calibration::fingerprint;

namespace {

FlatFieldCorrection sample() {
    FlatFieldCorrection c;
    c.width = 40;
    c.height = 30;
    c.frameCount = 16;
    c.createdUtc = "2026-11-27T03:00:00Z";
    c.targetWhiteGrey = 231.5f;
    for (int i = 0; i < 40 * 30; ++i) c.gain.push_back(1.0f + static_cast<float>(i % 17) / 50.0f);
    c.defects = {3, 77, 1199};
    return c;
}

void writeBytes(const std::filesystem::path& p, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_CASE("a stored correction reads back identically", "[correction-file]") {
    test::TempDir dir;
    auto saved = saveCorrection(dir.path, sample());
    REQUIRE(saved.has_value());
    CHECK(saved->filename() == "fingerprint-flatfield.bin");
    auto loaded = loadCorrection(*saved);
    REQUIRE(loaded.has_value());
    const auto c = sample();
    CHECK(loaded->width == c.width);
    CHECK(loaded->height == c.height);
    CHECK(loaded->frameCount == 16);
    CHECK(loaded->createdUtc == c.createdUtc);
    CHECK(loaded->targetWhiteGrey == c.targetWhiteGrey);
    CHECK(loaded->gain == c.gain);
    CHECK(loaded->defects == c.defects);
}

TEST_CASE("truncated, damaged, foreign and missing correction files are refused with a clear error", "[correction-file]") {
    test::TempDir dir;
    const auto good = encodeCorrection(sample());
    const auto file = correctionPath(dir.path);

    SECTION("missing") {
        auto r = loadCorrection(file);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == Error::Code::NotFound);
    }
    SECTION("truncated") {
        writeBytes(file, std::vector<std::uint8_t>(good.begin(), good.end() - 100));
        auto r = loadCorrection(file);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message.find("truncated") != std::string::npos);
        writeBytes(file, std::vector<std::uint8_t>(good.begin(), good.begin() + 30));
        r = loadCorrection(file);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message.find("truncated") != std::string::npos);
    }
    SECTION("one flipped bit in the gains") {
        auto bad = good;
        bad[500] ^= 0x10;
        auto r = loadCorrection((writeBytes(file, bad), file));
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message.find("checksum") != std::string::npos);
    }
    SECTION("a changed header field") {
        auto bad = good;
        bad[20] ^= 0x01;  // frame count
        auto r = decodeCorrection(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message.find("checksum") != std::string::npos);
    }
    SECTION("a foreign file") {
        writeBytes(file, {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13});
        auto r = loadCorrection(file);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message.find("not a fingerprint flat-field") != std::string::npos);
        CHECK(r.error().context == file.string());
    }
    SECTION("a newer version") {
        auto bad = good;
        bad[8] = 2;
        auto r = decodeCorrection(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == Error::Code::Unsupported);
    }
}
