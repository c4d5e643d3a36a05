// The simulator's fingerprints against the real pipeline: genuine impressions accepted, impostors rejected.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/biometrics/feature_extractor.h"
#include "app/biometrics/matcher.h"
#include "devices/sim/fingerprints/synthetic_fingerprint.h"

using namespace kiosk::biometrics;

namespace {

constexpr int kFingers = 12;
constexpr int kImpressions = 3;

kiosk::sim::ImpressionOptions mild(int finger, int impression) {
    kiosk::sim::ImpressionOptions o;
    o.seed = static_cast<std::uint64_t>(finger * 1000 + impression);
    o.maxRotationDeg = 10;
    o.maxShiftPx = 15;
    o.distortion = 0.8;
    o.noise = 0.8;
    o.pressure = (impression - 1) * 0.3;  // a little dry, normal, a little wet
    return o;
}

// Built once for the whole file: 12 masters and 36 impressions take a few seconds.
const std::vector<std::vector<FingerprintTemplate>>& syntheticTemplates() {
    static const auto set = [] {
        std::vector<std::vector<FingerprintTemplate>> t(kFingers);
        for (int f = 0; f < kFingers; ++f) {
            const auto master = kiosk::sim::generateMasterPrint(static_cast<std::uint64_t>(f + 1));
            for (int i = 0; i < kImpressions; ++i) {
                auto r = extractTemplate(kiosk::sim::generateImpression(master, mild(f + 1, i)));
                INFO("finger " << f + 1 << " impression " << i << ": " << (r ? "" : r.error().describe()));
                REQUIRE(r.has_value());
                t[static_cast<std::size_t>(f)].push_back(std::move(*r));
            }
        }
        return t;
    }();
    return set;
}

}  // namespace

TEST_CASE("master prints are deterministic per seed and differ between seeds", "[biometrics][sim]") {
    const auto a = kiosk::sim::generateMasterPrint(1);
    const auto a2 = kiosk::sim::generateMasterPrint(1);
    const auto b = kiosk::sim::generateMasterPrint(2);
    REQUIRE(a.isValid());
    CHECK(a.dpi == 500);
    CHECK(a.pixels == a2.pixels);
    CHECK(a.pixels != b.pixels);
    // Visibly different: a large share of pixels differ strongly.
    std::size_t differ = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i)
        if (std::abs(int{a.pixels[i]} - int{b.pixels[i]}) > 64) ++differ;
    CHECK(differ > a.pixels.size() / 5);
    // Different minutiae: the two masters do not match each other.
    const auto ta = extractTemplate(a), tb = extractTemplate(b);
    REQUIRE(ta.has_value());
    REQUIRE(tb.has_value());
    CHECK(ta->minutiae.size() >= 20);
    CHECK(compareTemplates(*ta, *ta) > 90.0);  // a template matches itself
    CHECK(compareTemplates(*ta, *tb) < thresholdForFalseMatchRate(1e-4));
    // Impressions are deterministic in their seed and differ between seeds.
    const auto i1 = kiosk::sim::generateImpression(a, mild(1, 0));
    CHECK(i1.pixels == kiosk::sim::generateImpression(a, mild(1, 0)).pixels);
    CHECK(i1.pixels != kiosk::sim::generateImpression(a, mild(1, 1)).pixels);
}

TEST_CASE("synthetic set: genuine impressions accepted, impostors rejected", "[biometrics][sim][matcher]") {
    const auto& t = syntheticTemplates();
    const double acceptAt = thresholdForFalseMatchRate(1e-3);
    const double impostorLimit = thresholdForFalseMatchRate(1e-4);
    REQUIRE(impostorLimit >= acceptAt);
    int genuine = 0, accepted = 0, impostor = 0, falseMatches = 0;
    double minGenuine = 1e9, maxImpostor = 0;
    for (std::size_t f = 0; f < t.size(); ++f)
        for (std::size_t i = 0; i < t[f].size(); ++i)
            for (std::size_t g = f; g < t.size(); ++g)
                for (std::size_t j = 0; j < t[g].size(); ++j) {
                    if (g == f && j <= i) continue;
                    const double s = compareTemplates(t[f][i], t[g][j]);
                    if (g == f) {
                        ++genuine;
                        if (s > acceptAt) ++accepted;
                        minGenuine = std::min(minGenuine, s);
                    } else {
                        ++impostor;
                        if (s > impostorLimit) ++falseMatches;
                        maxImpostor = std::max(maxImpostor, s);
                    }
                }
    std::printf("synthetic: %d/%d genuine pairs accepted (threshold %.2f, lowest genuine %.2f); %d/%d impostor pairs "
                "above %.2f (highest impostor %.2f)\n",
                accepted, genuine, acceptAt, minGenuine, falseMatches, impostor, impostorLimit, maxImpostor);
    CHECK(genuine == kFingers * 3);
    CHECK(impostor == kFingers * (kFingers - 1) / 2 * 9);
    CHECK(accepted * 100 >= genuine * 95);
    CHECK(falseMatches == 0);
}

TEST_CASE("matcher is symmetric-ish, deterministic and rotation/translation invariant", "[biometrics][matcher]") {
    const auto& t = syntheticTemplates();
    const auto& a = t[0][0];
    const auto& b = t[0][1];
    CHECK(compareTemplates(a, b) == compareTemplates(a, b));
    CHECK(compareTemplates(a, b) == Approx(compareTemplates(b, a)).margin(10.0));
    // Rotate by 90 degrees and shift: the score against itself stays at the top.
    FingerprintTemplate r = a;
    for (auto& m : r.minutiae) {
        const int x = m.x, y = m.y;
        m.x = static_cast<std::uint16_t>(500 - y);
        m.y = static_cast<std::uint16_t>(x + 30);
        m.angleRad = static_cast<float>(std::fmod(static_cast<double>(m.angleRad) + 1.5 * 3.14159265358979, 2 * 3.14159265358979));
    }
    // (x, y) -> (-y, x) in image axes (y down) is a 90-degree clockwise turn on screen, which is -90 degrees
    // counter-clockwise; +270 degrees is the same.
    CHECK(compareTemplates(a, r) > 90.0);
    CHECK(compareTemplates(FingerprintTemplate{}, a) == 0.0);
}

TEST_CASE("partial contact and harsher impressions still match their finger", "[biometrics][sim][matcher]") {
    const auto master = kiosk::sim::generateMasterPrint(7);
    const auto enrolled = extractTemplate(kiosk::sim::generateImpression(master, mild(7, 0)));
    REQUIRE(enrolled.has_value());
    kiosk::sim::ImpressionOptions half;
    half.seed = 777;
    half.contact = 0.6;
    const auto partial = extractTemplate(kiosk::sim::generateImpression(master, half));
    REQUIRE(partial.has_value());
    CHECK(partial->minutiae.size() < enrolled->minutiae.size());
    CHECK(compareTemplates(*enrolled, *partial) > thresholdForFalseMatchRate(1e-3));
}
