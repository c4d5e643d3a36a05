#include "app/technician/console/fingerprint_calibration_screen.h"
#include "app/technician/console/diagnostic_image.h"

#include <QMetaObject>

#include <algorithm>
#include <utility>

namespace kiosk::technician {
namespace {

using Machine = calibration::fingerprint::FingerprintCalibrationWizard;
using Step = Machine::Step;

QString confirmLabel(Step step) {
    switch (step) {
    case Step::PrepareEmptyPlaten: return QStringLiteral("The platen is empty");
    case Step::CleanPlaten: return QStringLiteral("I have cleaned the platen");
    case Step::PlaceTestTarget: return QStringLiteral("The target is in place");
    default: return QStringLiteral("Next");
    }
}

QString stepTitle(Step step) {
    switch (step) {
    case Step::PrepareEmptyPlaten: return QStringLiteral("Prepare the empty platen");
    case Step::CaptureFlatFrames: return QStringLiteral("Capturing the empty platen");
    case Step::EstimateFlatField: return QStringLiteral("Measuring the illumination");
    case Step::CleanPlaten: return QStringLiteral("Clean the platen");
    case Step::VerifyCorrection: return QStringLiteral("Checking the correction");
    case Step::PlaceTestTarget: return QStringLiteral("Place the test target");
    case Step::CheckTestTarget: return QStringLiteral("Checking the test target");
    case Step::StoreCorrection: return QStringLiteral("Storing the correction");
    case Step::Passed: return QStringLiteral("Passed");
    case Step::Failed: return QStringLiteral("Failed");
    }
    return {};
}


}  // namespace

// The fingerprint wizard's figures (app/calibration/fingerprint/calibration_wizard.cpp), in the words
// the record uses; contrast, amplitude and sharpness grow when things improve, the rest shrinks.
constexpr FigureLabel kFingerprintFigures[] = {
    {"background_nonuniformity_percent", "background nonuniformity percent", true},
    {"defect_pixels", "defect pixels", true},
    {"dirt_regions", "dirt regions", true},
    {"target_contrast_michelson", "target contrast michelson", false},
    {"target_weakest_bar_amplitude", "target weakest bar amplitude", false},
    {"target_sharpness", "target sharpness", false},
};

// What the screen shows after each step, copied on the worker so the UI never touches the machine.
struct FingerprintCalibrationScreen::Snapshot {
    int generation = 0;
    Step step = Step::PrepareEmptyPlaten;
    bool waits = false, finished = false, working = false;
    QString instruction, outcome;
    QImage preview;
    QList<QRectF> regions;
    double progress = 0;
    QStringList problems;
    QList<WizardFigure> figures;
};

FingerprintCalibrationScreen::FingerprintCalibrationScreen(
    std::shared_ptr<devices::FingerprintScanner> rawScanner, Machine::Options options, QObject* parent)
    : CalibrationWizard(QStringLiteral("Fingerprint scanner: flat field and test target"), QStringLiteral("fingerprint"),
                        QStringLiteral("Measures the empty platen, finds dirt and defective pixels, corrects the "
                                       "illumination, and checks the correction on the test target."),
                        parent),
      scanner_(std::move(rawScanner)),
      options_(std::move(options)) {
    pool_.setMaxThreadCount(1);
}

FingerprintCalibrationScreen::~FingerprintCalibrationScreen() {
    ++generation_;
    pool_.waitForDone();
}

void FingerprintCalibrationScreen::start() {
    if (!scanner_) return;
    ++generation_;
    pool_.waitForDone();  // a cancelled run finishes its step; its result is dropped
    machine_ = std::make_shared<Machine>(*scanner_, options_);
    reset();
    run(false);
}

void FingerprintCalibrationScreen::next() {
    if (!machine_ || status() != Status::Running || working()) return;
    run(true);
}

void FingerprintCalibrationScreen::cancel() {
    ++generation_;
    CalibrationWizard::cancel();
}

void FingerprintCalibrationScreen::run(bool confirmFirst) {
    setWorking(true);
    const int generation = generation_;
    pool_.start([this, machine = machine_, confirmFirst, generation] {
        const auto snapshot = [&machine, generation](bool working) {
            Snapshot s;
            s.generation = generation;
            s.step = machine->step();
            s.waits = machine->waitsForTechnician();
            s.finished = machine->finished();
            s.working = working;
            s.instruction = QString::fromStdString(machine->instruction());
            s.outcome = QString::fromStdString(machine->lastOutcome());
            s.preview = toQImage(machine->preview());
            if (s.step == Step::CleanPlaten || s.step == Step::Failed)
                for (const auto& r : machine->dirtRegions()) s.regions << QRectF(r.x, r.y, r.width, r.height);
            s.progress = machine->progress();
            if (s.finished) {
                const auto& record = machine->record();
                for (const auto& p : record.problems) s.problems << QString::fromStdString(p);
                s.figures = chartFigures(record, kFingerprintFigures);
            }
            return s;
        };
        const auto post = [this](Snapshot s) {
            QMetaObject::invokeMethod(this, [this, s = std::move(s)] { show(s); }, Qt::QueuedConnection);
        };
        if (confirmFirst && machine->waitsForTechnician()) machine->advance();
        // The automatic steps, one after another, each shown as it starts.
        while (!machine->finished() && !machine->waitsForTechnician()) {
            post(snapshot(true));
            machine->advance();
        }
        post(snapshot(false));
    });
}

void FingerprintCalibrationScreen::show(const Snapshot& s) {
    if (s.generation != generation_ || status() == Status::Cancelled) return;
    if (s.finished) {
        setImage(s.preview, s.regions);
        finish(s.step == Step::Passed, s.problems, s.figures);
        return;
    }
    const QString text = s.outcome.isEmpty() || s.working ? s.instruction : s.outcome + QStringLiteral(". ") + s.instruction;
    setStep(stepTitle(s.step), text, s.waits ? confirmLabel(s.step) : QString(), s.progress);
    setImage(s.preview, s.regions);
    setWorking(s.working);
}

}  // namespace kiosk::technician
