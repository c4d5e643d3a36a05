#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "app/biometrics/iso19794_2.h"
#include "tests/biometrics/test_support.h"

using namespace kiosk::biometrics;

namespace {
FingerprintTemplate sample() {
    FingerprintTemplate t;
    t.width = 388;
    t.height = 374;
    t.quality = 77;
    for (int i = 0; i < 40; ++i) {
        Minutia m;
        m.x = static_cast<std::uint16_t>(10 + 9 * i);
        m.y = static_cast<std::uint16_t>(300 - 7 * i);
        m.angleRad = static_cast<float>(i * 0.157);
        m.type = i % 3 == 0 ? Minutia::Type::Ending : i % 3 == 1 ? Minutia::Type::Bifurcation : Minutia::Type::Other;
        m.quality = static_cast<std::uint8_t>(i * 2);
        t.minutiae.push_back(m);
    }
    return t;
}
}  // namespace

TEST_CASE("ISO 19794-2 encode/decode round trip keeps every minutia", "[biometrics][iso]") {
    const FingerprintTemplate t = sample();
    const auto bytes = encodeIso19794_2(t, kiosk::FingerPosition::RightIndex);
    REQUIRE(bytes.size() == 24 + 4 + 6 * 40 + 2);
    CHECK(bytes[0] == 'F');
    CHECK(bytes[24] == static_cast<std::uint8_t>(kiosk::FingerPosition::RightIndex));
    const auto back = decodeIso19794_2(bytes);
    REQUIRE(back.has_value());
    CHECK(back->width == 388);
    CHECK(back->height == 374);
    CHECK(back->dpi == 500);
    CHECK(back->quality == 77);
    REQUIRE(back->minutiae.size() == t.minutiae.size());
    for (std::size_t i = 0; i < t.minutiae.size(); ++i) {
        const Minutia& a = t.minutiae[i];
        const Minutia& b = back->minutiae[i];
        CHECK(a.x == b.x);
        CHECK(a.y == b.y);
        CHECK(a.type == b.type);
        CHECK(a.quality == b.quality);
        const double d = std::remainder(static_cast<double>(a.angleRad - b.angleRad), 2 * std::numbers::pi);
        CHECK(std::abs(d) <= std::numbers::pi / 256 + 1e-6);  // half a 1.40625-degree step
    }
}

TEST_CASE("ISO 19794-2 decoder rejects malformed records with the offset", "[biometrics][iso]") {
    const auto good = encodeIso19794_2(sample(), kiosk::FingerPosition::LeftThumb);
    SECTION("every truncation") {
        for (std::size_t n = 0; n < good.size(); ++n) {
            const auto r = decodeIso19794_2(std::span(good.data(), n));
            REQUIRE_FALSE(r.has_value());
            CHECK(r.error().code == kiosk::Error::Code::InvalidInput);
            CHECK(r.error().context.find("byte offset") != std::string::npos);
        }
    }
    SECTION("bad magic") {
        auto bad = good;
        bad[1] = 'X';
        const auto r = decodeIso19794_2(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().context.find("offset 0") != std::string::npos);
    }
    SECTION("minutia outside the image") {
        auto bad = good;
        bad[28] = 0x3F;  // x of the first minutia -> 0x3Fxx, far beyond 388
        const auto r = decodeIso19794_2(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().context.find("offset 28") != std::string::npos);
    }
}

TEST_CASE("ISO 19794-2 files: FVC2002 SecuGen records decode, iso-invalid/ records are rejected", "[biometrics][iso][data]") {
    const auto root = kiosk::test::fingerprintDataDir();
    if (!std::filesystem::exists(root / "iso-invalid") || !std::filesystem::exists(root / "fvc2002")) {
        WARN("SKIPPED: fingerprint data not found at " << root.string() << " (set KIOSK_SHARED_DATA)");
        return;
    }
    int invalid = 0;
    for (const auto& e : std::filesystem::directory_iterator(root / "iso-invalid")) {
        const auto bytes = kiosk::test::readBytes(e.path());
        const auto r = decodeIso19794_2(bytes);
        INFO(e.path().filename().string());
        REQUIRE_FALSE(r.has_value());
        CHECK_FALSE(r.error().describe().empty());
        ++invalid;
    }
    CHECK(invalid >= 3);
    int decoded = 0;
    for (const char* db : {"DB1_B", "DB2_B", "DB3_B", "DB4_B"}) {
        for (const auto& e : std::filesystem::directory_iterator(root / "fvc2002" / db)) {
            if (e.path().extension() != ".iso") continue;
            const auto bytes = kiosk::test::readBytes(e.path());
            const auto r = decodeIso19794_2(bytes);
            INFO(e.path().string() << ": " << (r ? std::string("ok") : r.error().describe()));
            REQUIRE(r.has_value());
            CHECK(r->minutiae.size() > 5);
            // Re-encoding the decoded record gives the same bytes (no extended data in these records).
            const auto again = encodeIso19794_2(*r, static_cast<kiosk::FingerPosition>(bytes[24]));
            CHECK(decodeIso19794_2(again)->minutiae.size() == r->minutiae.size());
            ++decoded;
        }
    }
    CHECK(decoded == 320);
}

TEST_CASE("ISO 19794-2 decoder survives random bytes", "[biometrics][iso]") {
    std::mt19937_64 rng(42);
    const auto good = encodeIso19794_2(sample(), kiosk::FingerPosition::Unknown);
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        std::vector<std::uint8_t> bytes;
        if (i % 2 == 0) {  // pure noise of random length
            bytes.resize(rng() % 300);
            for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
        } else {  // a valid record with a few bytes flipped: reaches the deep parsing paths
            bytes = good;
            for (int k = 0; k < 3; ++k) bytes[rng() % bytes.size()] = static_cast<std::uint8_t>(rng());
        }
        const auto r = decodeIso19794_2(bytes);
        if (r) {
            ++accepted;
            for (const auto& m : r->minutiae) REQUIRE((m.x < r->width && m.y < r->height));
        }
    }
    CHECK(accepted < 20000);
}
