#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "app/calibration/fingerprint/flat_field.h"
#include "devices/sim/fingerprints/platen_model.h"
#include "tests/calibration_fingerprint/platens.h"

using namespace kiosk;
using namespace kiosk::calibration::fingerprint;

namespace {

std::vector<GreyImage> emptyFrames(sim::PlatenModel& platen, int n) {
    std::vector<GreyImage> frames;
    for (int i = 0; i < n; ++i) frames.push_back(platen.render(nullptr));
    return frames;
}

bool overlaps(const PixelRect& a, int x0, int y0, int x1, int y1) {
    return a.x < x1 && x0 < a.x + a.width && a.y < y1 && y0 < a.y + a.height;
}

}  // namespace

TEST_CASE("the estimated illumination matches the simulated one within 1 % of the mean", "[flatfield]") {
    sim::PlatenModel platen(test::defectiveSensor());
    auto e = estimateFlatField(emptyFrames(platen, 16));
    REQUIRE(e.has_value());
    const auto& truth = platen.illuminationGrey();
    REQUIRE(e->illuminationGrey.size() == truth.size());
    double mean = 0, maxErr = 0, sumErr = 0;
    for (float t : truth) mean += t;
    mean /= static_cast<double>(truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const double err = std::abs(e->illuminationGrey[i] - truth[i]);
        maxErr = std::max(maxErr, err);
        sumErr += err;
    }
    INFO("mean illumination " << mean << ", max error " << maxErr << ", mean error " << sumErr / static_cast<double>(truth.size()));
    CHECK(maxErr < 0.01 * mean);
    CHECK(sumErr / static_cast<double>(truth.size()) < 0.003 * mean);
}

TEST_CASE("dead and hot pixels are found exactly", "[flatfield]") {
    sim::PlatenModel platen(test::defectiveSensor());
    auto e = estimateFlatField(emptyFrames(platen, 16));
    REQUIRE(e.has_value());
    std::set<std::pair<int, int>> truth, found;
    for (const auto& s : platen.stuckPixels()) truth.insert({s.x, s.y});
    for (const auto& p : e->stuckPixels) found.insert({p.x, p.y});
    CHECK(truth.size() == 18);
    CHECK(found == truth);
    CHECK(e->dirtRegions.empty());
}

TEST_CASE("a clean, defect-free sensor yields no defects and no dirt", "[flatfield]") {
    sim::PlatenOptions o = test::defectiveSensor(21);
    o.deadPixels = 0;
    o.hotPixels = 0;
    sim::PlatenModel platen(o);
    auto e = estimateFlatField(emptyFrames(platen, 16));
    REQUIRE(e.has_value());
    CHECK(e->stuckPixels.empty());
    CHECK(e->dirtRegions.empty());
}

TEST_CASE("dust and a latent print are found where they are, and are not baked into a correction", "[flatfield]") {
    sim::PlatenModel platen(test::dirtyPlaten());
    auto e = estimateFlatField(emptyFrames(platen, 16));
    REQUIRE(e.has_value());
    REQUIRE_FALSE(e->dirtRegions.empty());
    for (const auto& d : platen.dust()) {
        const int x = static_cast<int>(d.x), y = static_cast<int>(d.y);
        INFO("dust at " << x << "," << y);
        CHECK(std::any_of(e->dirtRegions.begin(), e->dirtRegions.end(),
                          [&](const PixelRect& r) { return overlaps(r, x, y, x + 1, y + 1); }));
    }
    const auto latent = platen.latentPrintBounds();
    REQUIRE(latent);
    // The region highlighted for the latent print covers most of it (intersection over the truth).
    double best = 0;
    for (const PixelRect& r : e->dirtRegions) {
        const int ix = std::max(0, std::min(r.x + r.width, latent->x + latent->width) - std::max(r.x, latent->x));
        const int iy = std::max(0, std::min(r.y + r.height, latent->y + latent->height) - std::max(r.y, latent->y));
        best = std::max(best, static_cast<double>(ix * iy) / (latent->width * latent->height));
    }
    INFO("latent print coverage " << best);
    CHECK(best > 0.5);
    // Stuck pixels are still told apart from dirt.
    CHECK(e->stuckPixels.size() == platen.stuckPixels().size());
    auto c = makeCorrection(*e, "2026-11-27T03:00:00Z");
    REQUIRE_FALSE(c.has_value());
    CHECK(c.error().message.find("clean") != std::string::npos);
}

TEST_CASE("after correction the background non-uniformity is under a quarter of before", "[flatfield]") {
    sim::PlatenModel platen(test::defectiveSensor());
    auto e = estimateFlatField(emptyFrames(platen, 16));
    REQUIRE(e.has_value());
    auto c = makeCorrection(*e, "2026-11-27T03:00:00Z");
    REQUIRE(c.has_value());
    CHECK(c->defects.size() == platen.stuckPixels().size());
    const GreyImage fresh = platen.render(nullptr);
    auto corrected = applyCorrection(*c, fresh);
    REQUIRE(corrected.has_value());
    const double before = backgroundNonUniformityPercent(fresh), after = backgroundNonUniformityPercent(*corrected);
    INFO("non-uniformity before " << before << " %, after " << after << " %");
    CHECK(before > 20);
    CHECK(after < before / 4);
    // Stuck pixels are repaired: nothing is far from the target white any more.
    for (std::uint8_t p : corrected->pixels) REQUIRE(std::abs(p - c->targetWhiteGrey) < 0.1 * c->targetWhiteGrey);
}

TEST_CASE("a correction from an ideal platen, keeping its white, leaves images unchanged", "[flatfield]") {
    sim::PlatenModel ideal;
    FlatFieldOptions keepWhite;
    keepWhite.targetWhiteGrey = 0;
    auto e = estimateFlatField(emptyFrames(ideal, 8), keepWhite);
    REQUIRE(e.has_value());
    CHECK(e->stuckPixels.empty());
    CHECK(e->targetWhiteGrey == 255);
    auto c = makeCorrection(*e, "2026-11-27T03:00:00Z", keepWhite);
    REQUIRE(c.has_value());
    GreyImage gradient;
    gradient.width = 360;
    gradient.height = 400;
    for (int i = 0; i < 360 * 400; ++i) gradient.pixels.push_back(static_cast<std::uint8_t>(i % 251));
    auto out = applyCorrection(*c, gradient);
    REQUIRE(out.has_value());
    CHECK(out->pixels == gradient.pixels);
}

TEST_CASE("the estimate refuses too few or mismatched frames", "[flatfield]") {
    sim::PlatenModel platen(test::defectiveSensor());
    auto frames = emptyFrames(platen, 2);
    CHECK_FALSE(estimateFlatField(frames).has_value());
    frames = emptyFrames(platen, 5);
    frames[3].width = 100;
    auto e = estimateFlatField(frames);
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().code == Error::Code::InvalidInput);
}
