#include <catch2/catch.hpp>

#include <memory>

#include "app/calibration/fingerprint/calibrated_fingerprint_scanner.h"
#include "app/calibration/fingerprint/correction_file.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "tests/calibration_fingerprint/platens.h"

using namespace kiosk;
using namespace kiosk::calibration::fingerprint;

namespace {

// A correction that doubles every pixel of a w x h image and repairs pixel 0.
FlatFieldCorrection doubling(int w, int h) {
    FlatFieldCorrection c;
    c.width = w;
    c.height = h;
    c.frameCount = 4;
    c.createdUtc = "2026-11-27T03:00:00Z";
    c.targetWhiteGrey = 200;
    c.gain.assign(static_cast<std::size_t>(w * h), 2.0f);
    c.defects = {0};
    return c;
}

GreyImage flat(int w, int h, std::uint8_t v) {
    GreyImage g;
    g.width = w;
    g.height = h;
    g.pixels.assign(static_cast<std::size_t>(w * h), v);
    return g;
}

}  // namespace

TEST_CASE("the decorator applies the correction to captures and frames", "[decorator]") {
    auto sim = std::make_shared<sim::SimulatedFingerprintScanner>();
    CalibratedFingerprintScanner scanner(sim, doubling(360, 400));
    auto frame = scanner.captureFrame();  // ideal empty platen: 255 everywhere, stays 255 (saturates)
    REQUIRE(frame.has_value());
    CHECK(frame->pixels[5] == 255);

    std::optional<Result<GreyImage>> got;
    scanner.startCapture([&](Result<GreyImage> r) { got = std::move(r); });
    auto finger = flat(360, 400, 50);
    finger.pixels[0] = 0;  // a dead pixel, repaired from its neighbours
    sim->placeFinger(finger);
    REQUIRE(got.has_value());
    REQUIRE(got->has_value());
    CHECK((*got)->pixels[1] == 100);
    CHECK((*got)->pixels[0] == 100);
    CHECK(scanner.health().detail.empty());
}

TEST_CASE("on a size mismatch the decorator passes images through and says so in health", "[decorator]") {
    auto sim = std::make_shared<sim::SimulatedFingerprintScanner>();
    CalibratedFingerprintScanner scanner(sim, doubling(256, 288));
    std::optional<Result<GreyImage>> got;
    scanner.startCapture([&](Result<GreyImage> r) { got = std::move(r); });
    const auto finger = flat(360, 400, 50);
    sim->placeFinger(finger);
    REQUIRE(got.has_value());
    REQUIRE(got->has_value());
    CHECK((*got)->pixels == finger.pixels);
    const auto health = scanner.health();
    CHECK(health.usable());
    CHECK(health.detail.find("not applied") != std::string::npos);
    CHECK(health.detail.find("256x288") != std::string::npos);
}

TEST_CASE("without a usable stored correction the decorator passes through and says why", "[decorator]") {
    test::TempDir dir;
    auto sim = std::make_shared<sim::SimulatedFingerprintScanner>();
    auto none = CalibratedFingerprintScanner::withStoredCorrection(sim, dir.path);
    CHECK_FALSE(none->hasCorrection());
    CHECK(none->health().detail.find("no flat-field correction stored") != std::string::npos);

    REQUIRE(saveCorrection(dir.path, doubling(360, 400)).has_value());
    auto some = CalibratedFingerprintScanner::withStoredCorrection(sim, dir.path);
    CHECK(some->hasCorrection());
    auto frame = some->captureFrame();
    REQUIRE(frame.has_value());
}
