// The passport page-camera calibration against the simulated page camera: each stage's estimate is
// compared with the camera's ground truth, and the wizard must fix what it claims to fix.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "app/calibration/calibration_record.h"
#include "app/calibration/passport/passport_camera_calibration.h"
#include "app/calibration/passport/simulated_camera_rig.h"
#include "app/documents/ocr/mrz_reader.h"
#include "tests/calibration_passport/passport_calibration_support.h"

using namespace kiosk;
using namespace kiosk::calibration::passport;
using kiosk::calibration::passport::test::readsExactly;
using kiosk::calibration::passport::test::TempDir;
using kiosk::calibration::passport::test::reference;

namespace {

sim::PageCameraOptions vignettedCamera() {
    sim::PageCameraOptions o;
    o.vignettingStrength = 0.6;
    o.illuminationTilt = 0.12;
    o.opticalCentreOffsetPx = {25, -10};
    o.whiteGreyLevel = 225;
    o.noiseSigma = 2.0;
    o.seed = 11;
    return o;
}

// A camera the technician focuses by hand: the wizard can only measure.
class FixedFocusRig final : public CalibrationCamera {
public:
    explicit FixedFocusRig(SimulatedCameraRig& rig) : rig_(rig) {}
    Result<GreyImage> captureBlankCard() override { return rig_.captureBlankCard(); }
    Result<GreyImage> captureReferencePage() override { return rig_.captureReferencePage(); }
    bool hasFocusControl() const override { return false; }
    int focus() const override { return rig_.focus(); }

private:
    SimulatedCameraRig& rig_;
};

}  // namespace

TEST_CASE("the simulated page camera's default is an ideal camera", "[passport][camera]") {
    sim::SimulatedPageCamera camera{sim::PageCameraOptions{}};
    const auto frame = camera.capture(reference().page);
    REQUIRE(frame.width == reference().page.width);
    REQUIRE(frame.height == reference().page.height);
    CHECK(frame.pixels == reference().page.pixels);
    CHECK(camera.currentBlurSigmaPx() == 0.0);
}

TEST_CASE("flat field: the estimated gain map matches the camera's vignetting and illumination",
          "[passport][illumination]") {
    sim::SimulatedPageCamera camera(vignettedCamera());
    std::vector<GreyImage> cards;
    for (int i = 0; i < 4; ++i) cards.push_back(camera.captureBlankCard());
    auto correction = estimateFlatField(cards, 230.0);
    REQUIRE(correction);
    const auto estimate = relativeGain(*correction);
    const auto& truth = camera.trueGain();
    REQUIRE(estimate.width == truth.width);
    REQUIRE(estimate.height == truth.height);
    double maxError = 0, sumError = 0, minTruth = 1;
    for (int y = 0; y < truth.height; ++y) {
        for (int x = 0; x < truth.width; ++x) {
            const double e = std::abs(
                double(estimate.values[std::size_t(y) * std::size_t(truth.width) + std::size_t(x)]) - truth.at(x, y));
            maxError = std::max(maxError, e);
            sumError += e;
            minTruth = std::min(minTruth, double(truth.at(x, y)));
        }
    }
    const double meanError = sumError / (double(truth.width) * truth.height);
    INFO("darkest true gain " << minTruth << ", gain error max " << maxError << " mean " << meanError);
    CHECK(minTruth < 0.45);  // the camera really vignettes: the test is not trivially passing
    CHECK(maxError < 0.02);
    CHECK(meanError < 0.004);
}

TEST_CASE("flat field: uniformity after correction is much better than before", "[passport][illumination]") {
    sim::SimulatedPageCamera camera(vignettedCamera());
    std::vector<GreyImage> cards;
    for (int i = 0; i < 4; ++i) cards.push_back(camera.captureBlankCard());
    auto correction = estimateFlatField(cards, 230.0);
    REQUIRE(correction);
    const auto fresh = camera.captureBlankCard();  // another frame: other noise
    auto before = measureIllumination(fresh);
    auto corrected = applyFlatField(*correction, fresh);
    REQUIRE(before);
    REQUIRE(corrected);
    auto after = measureIllumination(*corrected);
    REQUIRE(after);
    WARN("non-uniformity " << before->nonuniformityPercent << "% before, " << after->nonuniformityPercent
                           << "% after; white level " << before->whiteGreyLevel << " -> " << after->whiteGreyLevel);
    CHECK(before->nonuniformityPercent > 60.0);
    CHECK(after->nonuniformityPercent < 3.0);
    CHECK(after->nonuniformityPercent < before->nonuniformityPercent / 20.0);
    CHECK(after->whiteGreyLevel == Approx(230.0).margin(2.0));
}

TEST_CASE("focus: defocus is detected and the wizard finds best focus", "[passport][focus]") {
    auto options = vignettedCamera();
    options.bestFocusStep = 5;
    options.initialFocusStep = 5 + 12;
    sim::SimulatedPageCamera camera(options);
    const Limits limits;
    auto far = mrzSharpness(camera.capture(reference().page), reference().mrzCorners);
    camera.setFocus(5);
    auto best = mrzSharpness(camera.capture(reference().page), reference().mrzCorners);
    REQUIRE(far);
    REQUIRE(best);
    INFO("sharpness " << *far << " twelve steps off, " << *best << " at best focus, limit " << limits.minSharpness);
    CHECK(*far < limits.minSharpness);
    CHECK(*best >= limits.minSharpness);

    camera.setFocus(options.initialFocusStep);
    SimulatedCameraRig rig(camera, reference());
    TempDir dir("focus");
    auto result = calibratePassportCamera(rig, reference(), dir.path, {});
    REQUIRE(result);
    CHECK(std::abs(result->bestFocusStep - options.bestFocusStep) <= 1);
    CHECK(camera.focus() == result->bestFocusStep);
    CHECK(result->record.passed);
}

TEST_CASE("focus: without focus control a blurred camera fails with the reason", "[passport][focus]") {
    auto options = vignettedCamera();
    options.initialFocusStep = 10;
    sim::SimulatedPageCamera camera(options);
    SimulatedCameraRig simulated(camera, reference());
    FixedFocusRig rig(simulated);
    TempDir dir("fixed-focus");
    auto result = calibratePassportCamera(rig, reference(), dir.path, {});
    REQUIRE(result);
    CHECK_FALSE(result->record.passed);
    REQUIRE_FALSE(result->record.problems.empty());
    CHECK_THAT(result->record.problems.front(), Catch::Contains("not sharp enough"));
}

TEST_CASE("geometry: rotation, scale and offset are estimated within tolerance", "[passport][geometry]") {
    struct Placement {
        double rotationDeg, scale, dx, dy;
    };
    for (const auto& p : {Placement{2.0, 0.97, -15, 9}, Placement{-1.2, 1.03, 20, -12}, Placement{0.0, 1.0, 0, 0}}) {
        auto options = vignettedCamera();
        options.rotationDeg = p.rotationDeg;
        options.scale = p.scale;
        options.offsetPx = {p.dx, p.dy};
        sim::SimulatedPageCamera camera(options);
        std::vector<GreyImage> cards{camera.captureBlankCard(), camera.captureBlankCard()};
        auto correction = estimateFlatField(cards, 230.0);
        REQUIRE(correction);
        auto frame = applyFlatField(*correction, camera.capture(reference().page));
        REQUIRE(frame);
        auto g = estimateGeometry(*frame, reference());
        REQUIRE(g);
        INFO("truth " << p.rotationDeg << " deg, " << p.scale << ", (" << p.dx << ", " << p.dy << "); estimate "
                      << g->rotationDeg << " deg, " << g->scale << ", (" << g->offsetXPx << ", " << g->offsetYPx
                      << ")");
        CHECK(g->rotationDeg == Approx(p.rotationDeg).margin(0.1));
        CHECK(g->scale == Approx(p.scale).margin(0.004));
        CHECK(g->offsetXPx == Approx(p.dx).margin(1.5));
        CHECK(g->offsetYPx == Approx(p.dy).margin(1.5));
        // And the whole transform: the MRZ corners land where the camera put them.
        const auto truth = camera.truePageToFrame();
        for (const auto& c : reference().mrzCorners) {
            const auto& m = g->pageToFrame;
            const double ex = m[0] * c[0] + m[1] * c[1] + m[2], ey = m[3] * c[0] + m[4] * c[1] + m[5];
            const double tx = truth[0] * c[0] + truth[1] * c[1] + truth[2],
                         ty = truth[3] * c[0] + truth[4] * c[1] + truth[5];
            CHECK(std::hypot(ex - tx, ey - ty) < 2.5);
        }
    }
}

TEST_CASE("read test: a camera that cannot read the MRZ reads it exactly after calibration", "[passport][wizard]") {
    auto options = vignettedCamera();
    options.vignettingStrength = 0.7;
    options.whiteGreyLevel = 245;
    options.bestFocusStep = -4;
    options.initialFocusStep = 6;  // 10 steps off: blur sigma 3.5 px
    options.rotationDeg = 1.5;
    options.scale = 1.02;
    options.offsetPx = {12, -7};
    sim::SimulatedPageCamera camera(options);
    SimulatedCameraRig rig(camera, reference());
    TempDir dir("wizard");
    std::vector<std::string> lines;
    WizardOptions wizard;
    wizard.time = "2026-11-27T03:00:00Z";
    wizard.progress = [&](std::string_view line) { lines.emplace_back(line); };
    auto result = calibratePassportCamera(rig, reference(), dir.path, wizard);
    REQUIRE(result);
    CAPTURE(result->record.problems);
    CHECK_FALSE(result->readBefore);
    CHECK(result->readAfter);
    CHECK(result->record.passed);
    CHECK(result->record.device == "passport");
    CHECK(result->record.correctionFile == kCorrectionFileName);
    CHECK_FALSE(lines.empty());
    for (const auto& f : result->record.figures) WARN(f.name << ": " << f.before << " -> " << f.after << " " << f.unit);

    // The record is in the history, and the stored correction alone makes a fresh frame readable.
    auto history = calibration::readHistory(dir.path);
    REQUIRE(history);
    REQUIRE(history->size() == 1);
    CHECK(history->back().passed);
    auto stored = loadCorrection(dir.path / kCorrectionFileName);
    REQUIRE(stored);
    CHECK(stored->focusStep == result->bestFocusStep);
    const auto raw = camera.capture(reference().page);
    auto corrected = applyCorrection(*stored, raw);
    REQUIRE(corrected);
    CHECK(readsExactly(*corrected));
}

TEST_CASE("correction file: round trip, and truncated, damaged or foreign files are refused", "[passport][file]") {
    sim::SimulatedPageCamera camera(vignettedCamera());
    auto correction = estimateFlatField({camera.captureBlankCard()}, 230.0);
    REQUIRE(correction);
    correction->pageToFrame = {0.99, -0.02, 3.5, 0.02, 0.99, -4.25};
    correction->focusStep = -3;
    TempDir dir("file");
    const auto file = dir.path / kCorrectionFileName;
    REQUIRE(saveCorrection(file, *correction));
    auto loaded = loadCorrection(file);
    REQUIRE(loaded);
    CHECK(loaded->flatField == correction->flatField);
    CHECK(loaded->pageToFrame == correction->pageToFrame);
    CHECK(loaded->focusStep == -3);
    CHECK(loaded->frameWidth == correction->frameWidth);

    std::vector<char> bytes(std::filesystem::file_size(file));
    std::ifstream(file, std::ios::binary).read(bytes.data(), std::streamsize(bytes.size()));
    const auto writeAndLoad = [&](const std::vector<char>& content) {
        const auto bad = dir.path / "bad.cal";
        std::ofstream(bad, std::ios::binary | std::ios::trunc).write(content.data(), std::streamsize(content.size()));
        return loadCorrection(bad);
    };
    const auto refusedWith = [](const Result<CameraCorrection>& r, const std::string& words) {
        REQUIRE_FALSE(r);
        CHECK(r.error().code == Error::Code::InvalidInput);
        CHECK_THAT(r.error().message, Catch::Contains(words));
    };
    refusedWith(writeAndLoad({bytes.begin(), bytes.begin() + std::ptrdiff_t(bytes.size() / 2)}), "truncated");
    refusedWith(writeAndLoad({bytes.begin(), bytes.begin() + 20}), "truncated");
    auto flipped = bytes;
    flipped[flipped.size() - 7] = char(flipped[flipped.size() - 7] ^ 0x10);
    refusedWith(writeAndLoad(flipped), "checksum");
    const std::string json = R"({"device": "passport", "flat": [1, 2, 3], "note": "not ours"})";
    refusedWith(writeAndLoad({json.begin(), json.end()}), "not a passport camera correction file");
    auto future = bytes;
    future[8] = 2;  // format version
    refusedWith(writeAndLoad(future), "version");
    auto longer = bytes;
    longer.push_back('x');
    refusedWith(writeAndLoad(longer), "trailing");

    // A correction for another frame size is refused when applied, not silently stretched.
    GreyImage other{640, 480, 203, std::vector<std::uint8_t>(640u * 480u, 200)};
    auto applied = applyCorrection(*loaded, other);
    REQUIRE_FALSE(applied);
    CHECK(applied.error().code == Error::Code::InvalidInput);
}
