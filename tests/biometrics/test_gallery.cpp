// 1:N Gallery and multi-finger fusion on the synthetic set.
#include <catch2/catch.hpp>

#include <vector>

#include "app/biometrics/feature_extractor.h"
#include "app/biometrics/fusion.h"
#include "app/biometrics/gallery.h"
#include "app/biometrics/matcher.h"
#include "devices/sim/fingerprints/synthetic_fingerprint.h"

using namespace kiosk::biometrics;

namespace {
FingerprintTemplate impression(int finger, int seed) {
    static std::vector<kiosk::GreyImage> masters;
    while (static_cast<int>(masters.size()) < finger) masters.push_back(kiosk::sim::generateMasterPrint(masters.size() + 1));
    kiosk::sim::ImpressionOptions o;
    o.seed = static_cast<std::uint64_t>(finger * 1000 + seed);
    o.maxRotationDeg = 10;
    o.maxShiftPx = 15;
    o.distortion = 0.8;
    o.noise = 0.8;
    auto t = extractTemplate(kiosk::sim::generateImpression(masters[static_cast<std::size_t>(finger - 1)], o));
    REQUIRE(t.has_value());
    return *t;
}
}  // namespace

TEST_CASE("gallery: the probe's finger comes first among replicated impostors", "[biometrics][gallery]") {
    constexpr int kFingers = 6;
    std::vector<MatchTemplate> enrolled;
    for (int f = 1; f <= kFingers; ++f) enrolled.push_back(prepareForMatching(impression(f, 1)));
    Gallery gallery(2);
    // 3,000 templates: the enrolled fingers replicated; ids say which finger a slot holds.
    for (int i = 0; i < 3000; ++i) gallery.add(enrolled[static_cast<std::size_t>(i % kFingers)], static_cast<std::uint64_t>(i % kFingers + 1));
    CHECK(gallery.size() == 3000);
    CHECK(gallery.memoryBytes() > 0);
    for (int f = 1; f <= kFingers; ++f) {
        const auto hits = gallery.search(impression(f, 2), 5);
        REQUIRE(hits.size() == 5);
        CHECK(hits[0].id == static_cast<std::uint64_t>(f));
        CHECK(hits[0].score > thresholdForFalseMatchRate(1e-3));
        CHECK(hits[0].score >= hits[4].score);
        // The full score the gallery reports is the 1:1 score.
        CHECK(hits[0].score == Approx(compareTemplates(prepareForMatching(impression(f, 2)), enrolled[static_cast<std::size_t>(f - 1)])));
    }
    CHECK(gallery.lastStats().screened == 3000);
}

TEST_CASE("fusion: calibrated, monotone, at most four fingers", "[biometrics][fusion]") {
    const double weak = thresholdForFalseMatchRate(1e-2), strong = thresholdForFalseMatchRate(1e-4), none = 0.0;
    const double one[] = {strong};
    CHECK(fuseFingerScores(one, 1e-4).fusedFmr == Approx(1e-4).epsilon(0.05));
    const double two[] = {weak, weak};
    const auto f2 = fuseFingerScores(two, 1e-3);
    CHECK(f2.fusedFmr < 1e-2);  // two moderately good fingers are stronger evidence than one
    CHECK(f2.fusedFmr > 1e-4);  // but not as strong as the product (1e-4): Fisher's correction
    const double withBad[] = {strong, none};
    CHECK(fuseFingerScores(withBad, 1e-3).fusedFmr > fuseFingerScores(one, 1e-3).fusedFmr);
    CHECK(fuseFingerScores(withBad, 1e-3, FusionRule::Max).fusedFmr == Approx(2e-4).epsilon(0.05));
    const double five[] = {strong, strong, strong, strong, strong};
    CHECK(fuseFingerScores(five, 1e-4).fingers == 4);
    CHECK(fuseFingerScores(std::span<const double>{}, 1e-4).match == false);
}
