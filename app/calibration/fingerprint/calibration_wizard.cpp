#include "app/calibration/fingerprint/calibration_wizard.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <utility>

#include "app/calibration/fingerprint/correction_file.h"

namespace kiosk::calibration::fingerprint {
namespace {

// A corrected background pixel this far from the target white still shows a defect.
constexpr double kResidualDefectPercent = 15;

std::string fixed(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string describeRegion(const PixelRect& r) {
    return "x " + std::to_string(r.x) + "-" + std::to_string(r.x + r.width - 1) + ", y " + std::to_string(r.y) + "-" +
           std::to_string(r.y + r.height - 1);
}

}  // namespace

FingerprintCalibrationWizard::FingerprintCalibrationWizard(devices::FingerprintScanner& rawScanner, Options options)
    : scanner_(rawScanner), options_(std::move(options)) {
    record_.device = "fingerprint";
}

const char* FingerprintCalibrationWizard::stepName(Step step) {
    switch (step) {
    case Step::PrepareEmptyPlaten: return "prepare-empty-platen";
    case Step::CaptureFlatFrames: return "capture-flat-frames";
    case Step::EstimateFlatField: return "estimate-flat-field";
    case Step::CleanPlaten: return "clean-platen";
    case Step::VerifyCorrection: return "verify-correction";
    case Step::PlaceTestTarget: return "place-test-target";
    case Step::CheckTestTarget: return "check-test-target";
    case Step::StoreCorrection: return "store-correction";
    case Step::Passed: return "passed";
    case Step::Failed: return "failed";
    }
    return "?";
}

bool FingerprintCalibrationWizard::waitsForTechnician() const {
    return step_ == Step::PrepareEmptyPlaten || step_ == Step::CleanPlaten || step_ == Step::PlaceTestTarget;
}

std::string FingerprintCalibrationWizard::instruction() const {
    switch (step_) {
    case Step::PrepareEmptyPlaten:
        return "Clean the platen with a lint-free cloth, take everything off it and shade it from direct light";
    case Step::CaptureFlatFrames: return "Capturing " + std::to_string(options_.frames) + " frames of the empty platen";
    case Step::EstimateFlatField: return "Estimating illumination, dirt and defect pixels";
    case Step::CleanPlaten: {
        std::string where;
        for (const PixelRect& r : dirtRegions_) where += (where.empty() ? "" : "; ") + describeRegion(r);
        return "Dirt or a latent print on the platen (" + where + "): clean the highlighted region (cleaning " +
               std::to_string(cleaningRound_) + " of " + std::to_string(options_.maxCleaningRounds) + ")";
    }
    case Step::VerifyCorrection: return "Checking the correction on fresh frames";
    case Step::PlaceTestTarget: return "Lay the bar test target on the platen, bars facing the glass";
    case Step::CheckTestTarget: return "Measuring contrast and sharpness on the target";
    case Step::StoreCorrection: return "Storing the correction";
    case Step::Passed: return "Calibration passed; the correction applies to every capture from now on";
    case Step::Failed: return "Calibration failed; the previous correction (if any) stays in use";
    }
    return {};
}

double FingerprintCalibrationWizard::progress() const {
    switch (step_) {
    case Step::PrepareEmptyPlaten: return 0.0;
    case Step::CaptureFlatFrames: return 0.1;
    case Step::EstimateFlatField: return 0.3;
    case Step::CleanPlaten: return 0.2;
    case Step::VerifyCorrection: return 0.5;
    case Step::PlaceTestTarget: return 0.65;
    case Step::CheckTestTarget: return 0.75;
    case Step::StoreCorrection: return 0.9;
    case Step::Passed:
    case Step::Failed: return 1.0;
    }
    return 0.0;
}

FingerprintCalibrationWizard::Step FingerprintCalibrationWizard::advance() {
    outcome_.clear();
    switch (step_) {
    case Step::PrepareEmptyPlaten:
    case Step::CleanPlaten: step_ = Step::CaptureFlatFrames; break;
    case Step::CaptureFlatFrames: step_ = captureFlatFrames(); break;
    case Step::EstimateFlatField: step_ = estimate(); break;
    case Step::VerifyCorrection: step_ = verify(); break;
    case Step::PlaceTestTarget: step_ = Step::CheckTestTarget; break;
    case Step::CheckTestTarget: step_ = checkTarget(); break;
    case Step::StoreCorrection: step_ = store(); break;
    case Step::Passed:
    case Step::Failed: break;
    }
    return step_;
}

FingerprintCalibrationWizard::Step FingerprintCalibrationWizard::captureFlatFrames() {
    frames_.clear();
    for (int i = 0; i < options_.frames; ++i) {
        auto frame = scanner_.captureFrame();
        if (!frame) return failWith("scanner: " + frame.error().describe());
        frames_.push_back(std::move(*frame));
    }
    outcome_ = std::to_string(frames_.size()) + " frames captured";
    return Step::EstimateFlatField;
}

FingerprintCalibrationWizard::Step FingerprintCalibrationWizard::estimate() {
    preview_ = averageFrames(frames_);
    auto e = estimateFlatField(frames_, options_.flatField);
    if (!e) return failWith(e.error().describe());
    dirtRegions_ = e->dirtRegions;
    if (firstDirtRegions_ < 0) firstDirtRegions_ = static_cast<int>(dirtRegions_.size());
    if (!dirtRegions_.empty()) {
        if (cleaningRound_ < options_.maxCleaningRounds) {
            ++cleaningRound_;
            outcome_ = std::to_string(dirtRegions_.size()) + " dirty region(s) found";
            return Step::CleanPlaten;
        }
        std::string where;
        for (const PixelRect& r : dirtRegions_) where += (where.empty() ? "" : "; ") + describeRegion(r);
        addFigure("dirt_regions", firstDirtRegions_, static_cast<double>(dirtRegions_.size()), "");
        return failWith("platen still dirty after " + std::to_string(cleaningRound_) + " cleaning(s) at " + where +
                        ": clean again or replace the platen");
    }
    defectsFound_ = static_cast<int>(e->stuckPixels.size());
    if (defectsFound_ > options_.maxDefectPixels)
        return failWith(std::to_string(defectsFound_) + " dead or stuck pixels (limit " +
                        std::to_string(options_.maxDefectPixels) + "): the sensor needs replacing");
    if (e->saturatedPercent > 1.0)
        outcome_ = "warning: " + fixed(e->saturatedPercent, 1) + " % of the background is saturated; ";
    auto c = makeCorrection(*e, now(), options_.flatField);
    if (!c) return failWith(c.error().describe());
    correction_ = std::move(*c);
    outcome_ += std::to_string(defectsFound_) + " defect pixel(s), target white " + fixed(e->targetWhiteGrey, 1);
    frames_.clear();
    return Step::VerifyCorrection;
}

FingerprintCalibrationWizard::Step FingerprintCalibrationWizard::verify() {
    std::vector<GreyImage> raw, corrected;
    for (int i = 0; i < std::max(1, options_.verifyFrames); ++i) {
        auto frame = scanner_.captureFrame();
        if (!frame) return failWith("scanner: " + frame.error().describe());
        auto fixedFrame = applyCorrection(*correction_, *frame);
        if (!fixedFrame) return failWith(fixedFrame.error().describe());
        raw.push_back(std::move(*frame));
        corrected.push_back(std::move(*fixedFrame));
    }
    const GreyImage before = averageFrames(raw), after = averageFrames(corrected);
    preview_ = after;
    const double nuBefore = backgroundNonUniformityPercent(before), nuAfter = backgroundNonUniformityPercent(after);
    int residual = 0;
    const double white = correction_->targetWhiteGrey;
    for (std::uint8_t p : after.pixels)
        if (std::abs(p - white) > white * kResidualDefectPercent / 100.0) ++residual;
    addFigure("background_nonuniformity_percent", nuBefore, nuAfter, "%");
    addFigure("defect_pixels", defectsFound_, residual, "");
    addFigure("dirt_regions", std::max(0, firstDirtRegions_), static_cast<double>(dirtRegions_.size()), "");
    outcome_ = "background non-uniformity " + fixed(nuBefore, 1) + " % -> " + fixed(nuAfter, 1) + " %, " +
               std::to_string(residual) + " defect pixel(s) left";
    if (nuAfter > options_.maxNonUniformityAfterPercent)
        return failWith("background non-uniformity after correction " + fixed(nuAfter, 1) + " % above " +
                        fixed(options_.maxNonUniformityAfterPercent, 1) + " %: the illumination is unstable");
    if (residual > 0)
        return failWith(std::to_string(residual) + " pixel(s) still off after correction: the platen changed during calibration");
    return Step::PlaceTestTarget;
}

FingerprintCalibrationWizard::Step FingerprintCalibrationWizard::checkTarget() {
    auto frame = scanner_.captureFrame();
    if (!frame) return failWith("scanner: " + frame.error().describe());
    auto after = applyCorrection(*correction_, *frame);
    if (!after) return failWith(after.error().describe());
    auto mBefore = measureTestTarget(*frame, options_.target);
    auto mAfter = measureTestTarget(*after, options_.target);
    if (!mBefore || !mAfter) return failWith((mBefore ? mAfter : mBefore).error().describe());
    preview_ = *after;
    addFigure("target_contrast_michelson", mBefore->michelson, mAfter->michelson, "");
    addFigure("target_weakest_bar_amplitude", mBefore->weakestModulationGrey, mAfter->weakestModulationGrey, "grey levels");
    addFigure("target_sharpness", mBefore->sharpness, mAfter->sharpness, "");
    outcome_ = "contrast " + fixed(mBefore->michelson, 2) + " -> " + fixed(mAfter->michelson, 2) + ", weakest bars " +
               fixed(mBefore->weakestModulationGrey, 0) + " -> " + fixed(mAfter->weakestModulationGrey, 0) +
               " grey levels, sharpness " + fixed(mAfter->sharpness, 2);
    const auto problems = targetProblems(*mAfter, options_.target);
    if (!problems.empty()) {
        record_.problems.insert(record_.problems.end(), problems.begin(), problems.end());
        return finish(false);
    }
    return Step::StoreCorrection;
}

FingerprintCalibrationWizard::Step FingerprintCalibrationWizard::store() {
    auto saved = saveCorrection(options_.calibrationDir, *correction_);
    if (!saved) return failWith(saved.error().describe());
    record_.correctionFile = kCorrectionFileName;
    outcome_ = "correction stored in " + saved->string();
    return finish(true);
}

FingerprintCalibrationWizard::Step FingerprintCalibrationWizard::failWith(std::string problem) {
    record_.problems.push_back(std::move(problem));
    return finish(false);
}

FingerprintCalibrationWizard::Step FingerprintCalibrationWizard::finish(bool passed) {
    record_.passed = passed && record_.problems.empty();
    record_.time = now();
    if (auto appended = appendRecord(options_.calibrationDir, record_); !appended) {
        record_.problems.push_back("history not written: " + appended.error().describe());
        record_.passed = false;
    }
    frames_.clear();
    return record_.passed ? Step::Passed : Step::Failed;
}

void FingerprintCalibrationWizard::addFigure(std::string name, double before, double after, std::string unit) {
    for (Figure& f : record_.figures) {
        if (f.name == name) {
            f = {std::move(name), before, after, std::move(unit)};
            return;
        }
    }
    record_.figures.push_back({std::move(name), before, after, std::move(unit)});
}

std::string FingerprintCalibrationWizard::now() const {
    if (options_.clockUtc) return options_.clockUtc();
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace kiosk::calibration::fingerprint
