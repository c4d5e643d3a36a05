// The point of the calibration: a finger captured through a non-uniform, defective platen scores
// better on the kiosk's quality measure once corrected, and matches its enrolment no worse.
#include <catch2/catch.hpp>

#include "app/biometrics/feature_extractor.h"
#include "app/biometrics/matcher.h"
#include "app/biometrics/quality.h"
#include "app/calibration/fingerprint/flat_field.h"
#include "devices/sim/fingerprints/platen_model.h"
#include "devices/sim/fingerprints/synthetic_fingerprint.h"
#include "tests/calibration_fingerprint/platens.h"

using namespace kiosk;
using namespace kiosk::calibration::fingerprint;

TEST_CASE("correction improves the quality score of a finger captured through a non-uniform platen", "[quality]") {
    // A dim, strongly vignetted platen: an aged LED behind a defective sensor.
    sim::PlatenOptions o = test::defectiveSensor(5);
    o.whiteLevelGrey = 110;
    o.falloffPercent = 55;
    sim::PlatenModel platen(o);
    std::vector<GreyImage> frames;
    for (int i = 0; i < 16; ++i) frames.push_back(platen.render(nullptr));
    auto e = estimateFlatField(frames);
    REQUIRE(e.has_value());
    auto c = makeCorrection(*e, "2026-11-27T03:00:00Z");
    REQUIRE(c.has_value());

    const GreyImage master = sim::generateMasterPrint(42);
    const GreyImage impression = sim::generateImpression(master, {.seed = 9});
    const GreyImage raw = platen.render(&impression);
    auto corrected = applyCorrection(*c, raw);
    REQUIRE(corrected.has_value());

    const auto qIdeal = biometrics::assessQuality(impression);
    const auto qRaw = biometrics::assessQuality(raw);
    const auto qCorrected = biometrics::assessQuality(*corrected);
    INFO("quality: ideal platen " << qIdeal.score << ", raw " << qRaw.score << ", corrected " << qCorrected.score);
    CHECK(qCorrected.score > qRaw.score);
    CHECK(qCorrected.score >= qIdeal.score - 5);

    // Matching against the enrolment impression: the correction must not make it worse.
    const auto enrolled = biometrics::extractTemplate(sim::generateImpression(master, {.seed = 1}));
    const auto probeRaw = biometrics::extractTemplate(raw);
    const auto probeCorrected = biometrics::extractTemplate(*corrected);
    REQUIRE(enrolled.has_value());
    REQUIRE(probeRaw.has_value());
    REQUIRE(probeCorrected.has_value());
    const double sRaw = biometrics::compareTemplates(*probeRaw, *enrolled);
    const double sCorrected = biometrics::compareTemplates(*probeCorrected, *enrolled);
    INFO("match score raw " << sRaw << ", corrected " << sCorrected);
    CHECK(sCorrected >= sRaw * 0.95);
    WARN("quality ideal " << qIdeal.score << ", raw " << qRaw.score << ", corrected " << qCorrected.score
                          << "; match raw " << sRaw << ", corrected " << sCorrected);
}
