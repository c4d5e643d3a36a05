#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>

#include "app/biometrics/feature_extractor.h"
#include "app/biometrics/matcher.h"
#include "tests/biometrics/test_support.h"

using namespace kiosk::biometrics;

TEST_CASE("corrupt input gives errors, not crashes", "[biometrics][extractor]") {
    kiosk::GreyImage empty;
    auto r = extractTemplate(empty);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == kiosk::Error::Code::InvalidInput);

    kiosk::GreyImage wrongCount{300, 300, 500, std::vector<std::uint8_t>(300 * 299, 128)};
    r = extractTemplate(wrongCount);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("pixel count") != std::string::npos);

    kiosk::GreyImage black{300, 300, 500, std::vector<std::uint8_t>(300 * 300, 0)};
    r = extractTemplate(black);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("no finger") != std::string::npos);

    kiosk::GreyImage white{300, 300, 500, std::vector<std::uint8_t>(300 * 300, 255)};
    CHECK_FALSE(extractTemplate(white).has_value());

    kiosk::GreyImage tiny{10, 10, 500, std::vector<std::uint8_t>(100, 90)};
    CHECK_FALSE(extractTemplate(tiny).has_value());

    kiosk::GreyImage badDpi{300, 300, 0, std::vector<std::uint8_t>(300 * 300, 90)};
    CHECK_FALSE(extractTemplate(badDpi).has_value());

    // Pure noise: either an error or a template, but never a crash.
    std::vector<std::uint8_t> noise(300 * 300);
    std::uint32_t s = 1;
    for (auto& p : noise) p = static_cast<std::uint8_t>((s = s * 1664525u + 1013904223u) >> 24);
    (void)extractTemplate(kiosk::GreyImage{300, 300, 500, noise});
}

TEST_CASE("FVC2002 DB1_B: plausible minutiae, genuine scores above impostor scores", "[biometrics][extractor][data]") {
    const auto dir = kiosk::test::fvcDir("DB1_B");
    if (!std::filesystem::exists(dir / "101_1.tif")) {
        WARN("SKIPPED: FVC2002 DB1_B not found at " << dir.string() << " (set KIOSK_SHARED_DATA)");
        return;
    }
    // 4 fingers x 4 impressions: 24 genuine and 96 impostor pairs, a couple of seconds.
    std::vector<FingerprintTemplate> t;
    std::vector<int> finger;
    double meanMinutiae = 0;
    for (int f = 101; f <= 104; ++f)
        for (int i = 1; i <= 4; ++i) {
            const auto img = kiosk::test::loadGrey(dir / (std::to_string(f) + "_" + std::to_string(i) + ".tif"));
            REQUIRE(img.isValid());
            auto r = extractTemplate(img);
            INFO(f << "_" << i << ": " << (r ? "" : r.error().describe()));
            REQUIRE(r.has_value());
            // Per image 10..120: some DB1_B impressions are partial (103_4 is cut off at the top and dry, 13
            // minutiae); the subset's mean must be a plausible full-print count (checked below).
            CHECK(r->minutiae.size() >= 10);
            CHECK(r->minutiae.size() <= 120);
            meanMinutiae += static_cast<double>(r->minutiae.size()) / 16.0;
            CHECK(r->width == 388);
            CHECK(r->height == 374);
            t.push_back(std::move(*r));
            finger.push_back(f);
        }
    double genuine = 0, impostor = 0;
    int ng = 0, ni = 0;
    for (std::size_t a = 0; a < t.size(); ++a)
        for (std::size_t b = a + 1; b < t.size(); ++b) {
            const double s = compareTemplates(t[a], t[b]);
            if (finger[a] == finger[b]) genuine += s, ++ng;
            else impostor += s, ++ni;
        }
    CHECK(meanMinutiae >= 20.0);
    CHECK(meanMinutiae <= 80.0);
    genuine /= ng;
    impostor /= ni;
    std::printf("FVC2002 DB1_B subset: %.1f minutiae per image, mean genuine %.2f, mean impostor %.2f\n", meanMinutiae, genuine, impostor);
    CHECK(genuine > 2.5 * impostor);
    CHECK(genuine > thresholdForFalseMatchRate(1e-2));
}

TEST_CASE("DB2_B at 569 dpi is rescaled to 500 dpi", "[biometrics][extractor][data]") {
    const auto dir = kiosk::test::fvcDir("DB2_B");
    if (!std::filesystem::exists(dir / "101_1.tif")) {
        WARN("SKIPPED: FVC2002 DB2_B not found at " << dir.string());
        return;
    }
    const auto img = kiosk::test::loadGrey(dir / "101_1.tif", 569);
    const auto r = extractTemplate(img);
    REQUIRE(r.has_value());
    CHECK(r->dpi == 500);
    CHECK(std::abs(r->width - img.width * 500 / 569) <= 1);
    CHECK(std::abs(r->height - img.height * 500 / 569) <= 1);
}
