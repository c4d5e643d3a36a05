#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

#include "devices/sim/fingerprints/platen_model.h"
#include "devices/sim/fingerprints/synthetic_fingerprint.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "tests/calibration_fingerprint/platens.h"

using namespace kiosk;

namespace {
const GreyImage& finger() {
    static const GreyImage image = sim::generateImpression(sim::generateMasterPrint(11), {.seed = 3});
    return image;
}
double meanOf(const GreyImage& img) {
    return std::accumulate(img.pixels.begin(), img.pixels.end(), 0.0) / static_cast<double>(img.pixels.size());
}
}  // namespace

TEST_CASE("the ideal platen leaves fingers unchanged, byte for byte", "[platen]") {
    sim::PlatenModel ideal;
    CHECK(ideal.isIdeal());
    const GreyImage out = ideal.render(&finger());
    CHECK(out.pixels == finger().pixels);
    const GreyImage empty = ideal.render(nullptr);
    CHECK(std::all_of(empty.pixels.begin(), empty.pixels.end(), [](std::uint8_t p) { return p == 255; }));

    // The simulated scanner's default platen is the ideal one: captures are what was placed.
    sim::SimulatedFingerprintScanner scanner;
    std::optional<Result<GreyImage>> got;
    scanner.startCapture([&](Result<GreyImage> r) { got = std::move(r); });
    scanner.placeFinger(finger());
    REQUIRE(got.has_value());
    REQUIRE(got->has_value());
    CHECK((*got)->pixels == finger().pixels);
}

TEST_CASE("a defective platen is bright when empty, darkens ridges and keeps stuck pixels stuck", "[platen]") {
    sim::PlatenModel platen(test::defectiveSensor());
    CHECK_FALSE(platen.isIdeal());
    const GreyImage empty = platen.render(nullptr);
    REQUIRE(empty.isValid());
    CHECK(meanOf(empty) > 150);  // FTIR: the empty platen is bright
    const GreyImage withFinger = platen.render(&finger());
    CHECK(meanOf(withFinger) < meanOf(empty) - 20);
    for (const auto& s : platen.stuckPixels()) {
        const auto i = static_cast<std::size_t>(s.y * empty.width + s.x);
        CHECK(empty.pixels[i] == s.value);
        CHECK(withFinger.pixels[i] == s.value);
    }
    CHECK(platen.stuckPixels().size() == 18);
    // The illumination truth falls off towards the corners.
    const auto& ill = platen.illuminationGrey();
    const float centre = ill[static_cast<std::size_t>(200 * 360 + 180)];
    CHECK(ill[0] < centre * 0.8f);
}

TEST_CASE("cleaning removes dust and the latent print but not the sensor's defects", "[platen]") {
    sim::SimulatedFingerprintScanner scanner;
    scanner.setPlaten(sim::PlatenModel(test::dirtyPlaten()));
    CHECK(scanner.platen().dust().size() == 5);
    CHECK(scanner.platen().latentPrintBounds().has_value());
    const auto stuckBefore = scanner.platen().stuckPixels().size();
    scanner.cleanPlaten();
    CHECK(scanner.platen().dust().empty());
    CHECK_FALSE(scanner.platen().latentPrintBounds().has_value());
    CHECK(scanner.platen().stuckPixels().size() == stuckBefore);
}

TEST_CASE("captureFrame images the empty platen, the finger waiting, or the test target", "[platen]") {
    sim::SimulatedFingerprintScanner scanner;
    scanner.setPlaten(sim::PlatenModel(test::defectiveSensor()));
    auto empty = scanner.captureFrame();
    REQUIRE(empty.has_value());
    scanner.placeTestTarget();
    auto target = scanner.captureFrame();
    REQUIRE(target.has_value());
    CHECK(meanOf(*target) < meanOf(*empty) - 30);
    scanner.removeTestTarget();
    scanner.setConnected(false);
    CHECK_FALSE(scanner.captureFrame().has_value());
}
