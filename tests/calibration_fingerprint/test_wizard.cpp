#include <catch2/catch.hpp>

#include <algorithm>

#include "app/calibration/calibration_record.h"
#include "app/calibration/fingerprint/calibration_wizard.h"
#include "app/calibration/fingerprint/correction_file.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "tests/calibration_fingerprint/platens.h"

using namespace kiosk;
using namespace kiosk::calibration::fingerprint;
using Step = FingerprintCalibrationWizard::Step;

namespace {

FingerprintCalibrationWizard::Options optionsFor(const std::filesystem::path& dir) {
    FingerprintCalibrationWizard::Options o;
    o.calibrationDir = dir;
    o.clockUtc = [] { return std::string("2026-11-27T03:00:00Z"); };
    return o;
}

// Plays the technician: cleans when asked (if willing), lays the target when asked.
std::vector<Step> run(FingerprintCalibrationWizard& w, sim::SimulatedFingerprintScanner& scanner, bool cleans) {
    std::vector<Step> seen{w.step()};
    for (int guard = 0; guard < 50 && !w.finished(); ++guard) {
        if (w.step() == Step::CleanPlaten && cleans) scanner.cleanPlaten();
        if (w.step() == Step::PlaceTestTarget) scanner.placeTestTarget();
        seen.push_back(w.advance());
    }
    return seen;
}

const calibration::Figure* figure(const calibration::CalibrationRecord& r, const std::string& name) {
    for (const auto& f : r.figures)
        if (f.name == name) return &f;
    return nullptr;
}

}  // namespace

TEST_CASE("the wizard calibrates a defective sensor, stores the correction and records the figures", "[wizard]") {
    test::TempDir dir;
    sim::SimulatedFingerprintScanner scanner;
    scanner.setPlaten(sim::PlatenModel(test::defectiveSensor()));
    FingerprintCalibrationWizard wizard(scanner, optionsFor(dir.path));
    CHECK(wizard.waitsForTechnician());
    const auto steps = run(wizard, scanner, true);
    INFO(wizard.instruction() << (wizard.record().problems.empty() ? "" : ": " + wizard.record().problems.front()));
    REQUIRE(wizard.step() == Step::Passed);
    CHECK(std::find(steps.begin(), steps.end(), Step::CleanPlaten) == steps.end());
    const auto& r = wizard.record();
    CHECK(r.passed);
    CHECK(r.correctionFile == "fingerprint-flatfield.bin");
    const auto* nu = figure(r, "background_nonuniformity_percent");
    REQUIRE(nu);
    CHECK(nu->after < nu->before / 4);
    const auto* defects = figure(r, "defect_pixels");
    REQUIRE(defects);
    CHECK(defects->before == 18);
    CHECK(defects->after == 0);
    const auto* bars = figure(r, "target_weakest_bar_amplitude");
    REQUIRE(bars);
    CHECK(bars->after > bars->before);
    REQUIRE(figure(r, "target_contrast_michelson"));
    CHECK(figure(r, "target_contrast_michelson")->after > 0.5);
    REQUIRE(figure(r, "target_sharpness"));

    auto stored = loadCorrection(correctionPath(dir.path));
    REQUIRE(stored.has_value());
    CHECK(stored->frameCount == 16);
    auto history = calibration::readHistory(dir.path);
    REQUIRE(history.has_value());
    REQUIRE(history->size() == 1);
    CHECK(history->front().device == "fingerprint");
    CHECK(history->front().passed);
}

TEST_CASE("the wizard asks to clean a dirty platen, highlights the dirt, and passes once cleaned", "[wizard]") {
    test::TempDir dir;
    sim::SimulatedFingerprintScanner scanner;
    const sim::PlatenModel dirty(test::dirtyPlaten());
    const auto latent = *dirty.latentPrintBounds();
    scanner.setPlaten(dirty);
    FingerprintCalibrationWizard wizard(scanner, optionsFor(dir.path));
    wizard.advance();  // the technician says the platen is ready
    wizard.advance();  // capture
    REQUIRE(wizard.advance() == Step::CleanPlaten);
    CHECK(wizard.waitsForTechnician());
    CHECK(wizard.instruction().find("clean") != std::string::npos);
    CHECK(std::any_of(wizard.dirtRegions().begin(), wizard.dirtRegions().end(), [&](const PixelRect& r) {
        return r.x < latent.x + latent.width && latent.x < r.x + r.width && r.y < latent.y + latent.height &&
               latent.y < r.y + r.height;
    }));
    run(wizard, scanner, true);
    CHECK(wizard.step() == Step::Passed);
    CHECK(wizard.cleaningRound() == 1);
    const auto* dirt = figure(wizard.record(), "dirt_regions");
    REQUIRE(dirt);
    CHECK(dirt->before >= 1);
    CHECK(dirt->after == 0);
}

TEST_CASE("the wizard fails with the region when the platen stays dirty, and stores nothing", "[wizard]") {
    test::TempDir dir;
    sim::SimulatedFingerprintScanner scanner;
    scanner.setPlaten(sim::PlatenModel(test::dirtyPlaten()));
    FingerprintCalibrationWizard wizard(scanner, optionsFor(dir.path));
    const auto steps = run(wizard, scanner, false);
    CHECK(std::count(steps.begin(), steps.end(), Step::CleanPlaten) == 2);
    REQUIRE(wizard.step() == Step::Failed);
    REQUIRE_FALSE(wizard.record().problems.empty());
    CHECK(wizard.record().problems.front().find("still dirty") != std::string::npos);
    CHECK(wizard.record().problems.front().find("x ") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(correctionPath(dir.path)));
    auto history = calibration::readHistory(dir.path);
    REQUIRE(history.has_value());
    REQUIRE(history->size() == 1);
    CHECK_FALSE(history->front().passed);
}

TEST_CASE("the wizard fails plainly when the scanner cannot take frames", "[wizard]") {
    test::TempDir dir;
    sim::SimulatedFingerprintScanner scanner;
    scanner.setConnected(false);
    FingerprintCalibrationWizard wizard(scanner, optionsFor(dir.path));
    run(wizard, scanner, true);
    REQUIRE(wizard.step() == Step::Failed);
    CHECK(wizard.record().problems.front().find("unplugged") != std::string::npos);
}
