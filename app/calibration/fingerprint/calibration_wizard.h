#pragma once
// The fingerprint scanner's calibration as a step machine, the same for the technician screen (a
// QObject wraps it and runs advance() off the UI thread) and for `kioskctl calibrate fingerprint`.
//
//   PrepareEmptyPlaten ─▶ CaptureFlatFrames ─▶ EstimateFlatField ─▶ VerifyCorrection ─▶ PlaceTestTarget
//                               ▲                     │ dirt found                           │
//                               └──── CleanPlaten ◀───┘ (at most maxCleaningRounds,     CheckTestTarget
//                                                        then Failed naming the region)       │
//                                                       Passed ◀─ StoreCorrection ◀───────────┘
//
// Steps that wait for the technician (waitsForTechnician()) advance when the technician confirms
// they did what instruction() says; the others do their work in advance(). Any failure ends in
// Failed with the reasons in record().problems. Passed or failed, the CalibrationRecord is appended
// to the calibration history; the correction is stored only when every check passed.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/calibration/calibration_record.h"
#include "app/calibration/fingerprint/flat_field.h"
#include "app/calibration/fingerprint/target_check.h"
#include "devices/fingerprint/fingerprint_scanner.h"

namespace kiosk::calibration::fingerprint {

class FingerprintCalibrationWizard {
public:
    enum class Step {
        PrepareEmptyPlaten,
        CaptureFlatFrames,
        EstimateFlatField,
        CleanPlaten,
        VerifyCorrection,
        PlaceTestTarget,
        CheckTestTarget,
        StoreCorrection,
        Passed,
        Failed,
    };

    struct Options {
        std::filesystem::path calibrationDir;
        int frames = 16;
        int verifyFrames = 4;
        int maxCleaningRounds = 2;
        double maxNonUniformityAfterPercent = 3.0;
        int maxDefectPixels = 100;  // more than this and the sensor wants replacing, not calibrating
        FlatFieldOptions flatField;
        TargetLimits target;
        std::function<std::string()> clockUtc;  // ISO 8601; the system clock when empty
    };

    // `rawScanner` must deliver uncorrected images (CalibratedFingerprintScanner::raw()).
    FingerprintCalibrationWizard(devices::FingerprintScanner& rawScanner, Options options);

    [[nodiscard]] Step step() const { return step_; }
    [[nodiscard]] bool waitsForTechnician() const;
    [[nodiscard]] bool finished() const { return step_ == Step::Passed || step_ == Step::Failed; }
    // What the technician reads now (and, for automatic steps, what is being done).
    [[nodiscard]] std::string instruction() const;
    // What the last advance() did, in technician words ("16 frames captured").
    [[nodiscard]] const std::string& lastOutcome() const { return outcome_; }
    // The regions to highlight while step() is CleanPlaten (and the last ones found when it failed).
    [[nodiscard]] const std::vector<PixelRect>& dirtRegions() const { return dirtRegions_; }
    [[nodiscard]] int cleaningRound() const { return cleaningRound_; }
    // The picture for the current step: the averaged empty platen (with dirtRegions() on it while
    // cleaning), the corrected platen after verification, the corrected target after its check.
    [[nodiscard]] const GreyImage& preview() const { return preview_; }
    // 0..1, for a progress bar.
    [[nodiscard]] double progress() const;

    // Runs the current step (or takes the technician's confirmation) and returns the next one.
    // Failures are a step (Failed) with reasons, not an error: the wizard reports them itself.
    Step advance();

    [[nodiscard]] const CalibrationRecord& record() const { return record_; }
    [[nodiscard]] const std::optional<FlatFieldCorrection>& correction() const { return correction_; }
    [[nodiscard]] static const char* stepName(Step step);

private:
    Step captureFlatFrames();
    Step estimate();
    Step verify();
    Step checkTarget();
    Step store();
    Step failWith(std::string problem);
    Step finish(bool passed);
    void addFigure(std::string name, double before, double after, std::string unit);
    [[nodiscard]] std::string now() const;

    devices::FingerprintScanner& scanner_;
    Options options_;
    Step step_ = Step::PrepareEmptyPlaten;
    std::string outcome_;
    std::vector<GreyImage> frames_;
    std::vector<PixelRect> dirtRegions_;
    GreyImage preview_;
    int cleaningRound_ = 0;
    int firstDirtRegions_ = -1;
    int defectsFound_ = 0;
    std::optional<FlatFieldCorrection> correction_;
    CalibrationRecord record_;
};

}  // namespace kiosk::calibration::fingerprint
