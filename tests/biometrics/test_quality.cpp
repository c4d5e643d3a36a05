#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include <random>

#include "app/biometrics/quality.h"
#include "devices/sim/fingerprints/synthetic_fingerprint.h"

using namespace kiosk::biometrics;

TEST_CASE("quality: blank image is NoFinger", "[biometrics][quality]") {
    const kiosk::GreyImage white{320, 320, 500, std::vector<std::uint8_t>(320 * 320, 255)};
    const auto q = assessQuality(white);
    CHECK(q.score == 0);
    CHECK(hasFlag(q, QualityFlag::NoFinger));
    CHECK(hasFlag(assessQuality(kiosk::GreyImage{}), QualityFlag::NoFinger));
}

TEST_CASE("quality: a clean impression scores higher than the same one blurred and noised", "[biometrics][quality]") {
    const auto master = kiosk::sim::generateMasterPrint(3);
    kiosk::sim::ImpressionOptions o;
    o.seed = 3;
    const auto good = kiosk::sim::generateImpression(master, o);
    const auto qGood = assessQuality(good);
    CHECK(qGood.score >= 60);
    CHECK_FALSE(hasFlag(qGood, QualityFlag::NoFinger));

    cv::Mat m(good.height, good.width, CV_8U, const_cast<std::uint8_t*>(good.pixels.data()));
    cv::Mat blurred;
    cv::GaussianBlur(m, blurred, cv::Size(0, 0), 3.0);
    cv::Mat noise(m.size(), CV_8S);
    cv::randn(noise, 0, 30);
    cv::Mat bad;
    cv::add(blurred, noise, bad, cv::noArray(), CV_8U);
    kiosk::GreyImage poor = good;
    poor.pixels.assign(bad.data, bad.data + bad.total());
    const auto qPoor = assessQuality(poor);
    INFO("good " << qGood.score << " poor " << qPoor.score);
    CHECK(qPoor.score + 20 < qGood.score);

    // Half the finger missing is flagged Partial or scores lower.
    o.contact = 0.4;
    const auto qHalf = assessQuality(kiosk::sim::generateImpression(master, o));
    CHECK(qHalf.score < qGood.score);
}
