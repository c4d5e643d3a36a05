// The kiosk's use of the passport camera's stored correction: pages go to the OCR corrected when the
// wizard left a correction, as captured (with the reason) when it is missing, damaged or for another
// camera, and a recalibration takes effect on the next page.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

#include "app/calibration/passport/passport_camera_calibration.h"
#include "app/calibration/passport/simulated_camera_rig.h"
#include "app/calibration/passport/stored_page_correction.h"
#include "app/documents/ocr/mrz_reader.h"
#include "tests/calibration_passport/passport_calibration_support.h"

using namespace kiosk;
using namespace kiosk::calibration::passport;
using kiosk::calibration::passport::test::readsExactly;
using kiosk::calibration::passport::test::TempDir;
using kiosk::calibration::passport::test::reference;

namespace {

// A vignetted, tilted, slightly rotated and shifted camera (the OCR, robust to uneven light since
// 2026-11-27, reads its raw frames too: what the correction changes is measured on a blank card).
sim::PageCameraOptions badCamera() {
    sim::PageCameraOptions o;
    o.vignettingStrength = 0.7;
    o.illuminationTilt = 0.12;
    o.whiteGreyLevel = 245;
    o.rotationDeg = 1.5;
    o.scale = 1.02;
    o.offsetPx = {12, -7};
    o.noiseSigma = 2.0;
    o.seed = 11;
    return o;
}

// The spread of grey (95th minus 5th percentile) over the middle 60 % of an image: large for a
// vignetted frame of a blank card, small once it is flat-fielded.
int middleGreySpread(const GreyImage& image) {
    std::vector<std::uint8_t> middle;
    for (int y = image.height / 5; y < image.height * 4 / 5; ++y)
        for (int x = image.width / 5; x < image.width * 4 / 5; ++x)
            middle.push_back(image.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) +
                                          static_cast<std::size_t>(x)]);
    REQUIRE(!middle.empty());
    std::sort(middle.begin(), middle.end());
    return middle[middle.size() * 95 / 100] - middle[middle.size() * 5 / 100];
}

}  // namespace

TEST_CASE("without a stored correction, pages are read as captured and nothing is wrong", "[passport][stored]") {
    TempDir folder("stored");
    StoredPageCorrection stored(folder.path / kCorrectionFileName);
    sim::SimulatedPageCamera camera(badCamera());
    auto page = camera.capture(reference().page);
    const auto before = page.pixels;
    const auto outcome = stored.apply(page);
    CHECK_FALSE(outcome.corrected);
    CHECK(outcome.problem.empty());
    CHECK(page.pixels == before);
}

TEST_CASE("the wizard's stored correction is applied to every page", "[passport][stored]") {
    TempDir folder("stored");
    sim::SimulatedPageCamera camera(badCamera());
    SimulatedCameraRig rig(camera, reference());
    WizardOptions wizard;
    wizard.time = "2026-11-27T03:00:00Z";
    auto calibrated = calibratePassportCamera(rig, reference(), folder.path, wizard);
    REQUIRE(calibrated);
    REQUIRE(calibrated->readAfter);

    StoredPageCorrection stored(folder.path / kCorrectionFileName);
    // What the correction does: a blank card's vignetted frame comes out flat.
    auto blank = camera.captureBlankCard();
    const int rawSpread = middleGreySpread(blank);
    REQUIRE(stored.apply(blank).corrected);
    const int correctedSpread = middleGreySpread(blank);
    INFO("grey spread of a blank card: raw " << rawSpread << ", corrected " << correctedSpread);
    CHECK(correctedSpread * 3 < rawSpread);

    auto page = camera.capture(reference().page);
    std::vector<std::uint8_t> captured(page.pixels.begin(), page.pixels.end());
    const auto outcome = stored.apply(page);
    REQUIRE(outcome.corrected);
    CHECK(outcome.problem.empty());
    CHECK(page.width == calibrated->correction.pageWidth);
    CHECK(page.height == calibrated->correction.pageHeight);
    CHECK(page.pixels != captured);
    CHECK(readsExactly(page));
}

TEST_CASE("a damaged or unfitting correction leaves pages as captured, with the reason", "[passport][stored]") {
    TempDir folder("stored");
    const auto file = folder.path / kCorrectionFileName;
    sim::SimulatedPageCamera camera(badCamera());
    auto correction = estimateFlatField({camera.captureBlankCard()}, 230.0);
    REQUIRE(correction);
    correction->pageWidth = correction->frameWidth;
    correction->pageHeight = correction->frameHeight;
    REQUIRE(saveCorrection(file, *correction));
    StoredPageCorrection stored(file);

    SECTION("a damaged file") {
        std::vector<char> bytes(std::filesystem::file_size(file));
        std::ifstream(file, std::ios::binary).read(bytes.data(), std::streamsize(bytes.size()));
        bytes.resize(bytes.size() / 2);
        std::ofstream(file, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
        auto page = camera.capture(reference().page);
        const auto before = page.pixels;
        const auto outcome = stored.apply(page);
        CHECK_FALSE(outcome.corrected);
        CHECK_THAT(outcome.problem, Catch::Contains("cannot be used") && Catch::Contains("truncated"));
        CHECK(page.pixels == before);
        CHECK(stored.problem() == outcome.problem);
    }
    SECTION("a correction for another camera's frame size") {
        GreyImage other{640, 480, 0, std::vector<std::uint8_t>(640u * 480u, 200)};
        const auto outcome = stored.apply(other);
        CHECK_FALSE(outcome.corrected);
        CHECK_THAT(outcome.problem, Catch::Contains("recalibrate") && Catch::Contains("640x480"));
        CHECK(other.width == 640);
        CHECK(std::all_of(other.pixels.begin(), other.pixels.end(), [](std::uint8_t v) { return v == 200; }));
    }
    SECTION("a recalibration takes effect on the next page") {
        auto page = camera.capture(reference().page);
        REQUIRE(stored.apply(page).corrected);
        // The technician recalibrates: another output size shows that the new file was read.
        correction->pageWidth = correction->frameWidth / 2;
        correction->pageHeight = correction->frameHeight / 2;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a newer modification time
        REQUIRE(saveCorrection(file, *correction));
        auto next = camera.capture(reference().page);
        REQUIRE(stored.apply(next).corrected);
        CHECK(next.width == correction->frameWidth / 2);
        // And a removed file means "not calibrated" again.
        std::filesystem::remove(file);
        auto third = camera.capture(reference().page);
        const auto outcome = stored.apply(third);
        CHECK_FALSE(outcome.corrected);
        CHECK(outcome.problem.empty());
    }
}
