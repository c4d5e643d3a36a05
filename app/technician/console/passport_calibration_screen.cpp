#include "app/technician/console/passport_calibration_screen.h"
#include "app/technician/console/diagnostic_image.h"

#include <QMetaObject>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <utility>

#include "app/calibration/passport/simulated_camera_rig.h"

namespace kiosk::technician {
namespace {

namespace pc = calibration::passport;

constexpr double kIlluminationDone = 0.25;  // progress when the white card is measured
constexpr double kFocusDone = 0.75;         // the sweep is most of the wizard's time


// The MRZ print area of the reference page, where the geometry put it on the frame.
QRectF bandOnFrame(const pc::ReferenceLayout& reference, const std::array<double, 6>& a) {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (const auto& p : reference.mrzCorners) {
        const double x = a[0] * p[0] + a[1] * p[1] + a[2], y = a[3] * p[0] + a[4] * p[1] + a[5];
        x0 = std::min(x0, x);
        y0 = std::min(y0, y);
        x1 = std::max(x1, x);
        y1 = std::max(y1, y);
    }
    return {x0, y0, x1 - x0, y1 - y0};
}

// The record's figures the chart shows, in technician words; which way is better is known here.
QList<WizardFigure> passportChartFigures(const calibration::CalibrationRecord& record) {
    static constexpr FigureLabel kShown[] = {
        {"nonuniformity_percent", "illumination non-uniformity", true},
        {"white_grey_level", "white level", false},
        {"mrz_sharpness", "MRZ sharpness", false},
        {"rotation_deg", "rotation", true},
        {"offset_px", "offset", true},
        {"mrz_read_exact", "reference MRZ read exactly (1 = yes)", false},
    };
    auto out = chartFigures(record, kShown);
    // A rotation either way is as bad: the chart compares sizes.
    for (auto& w : out)
        if (w.name == QLatin1String("rotation")) {
            w.before = std::abs(w.before);
            w.after = std::abs(w.after);
        }
    return out;
}

}  // namespace

struct PassportCalibrationScreen::Gate {
    std::mutex mutex;
    std::condition_variable changed;
    bool pageOnGlass = false;
    bool cancelled = false;

    void open() {
        {
            std::lock_guard lock(mutex);
            pageOnGlass = true;
        }
        changed.notify_all();
    }
    void cancel() {
        {
            std::lock_guard lock(mutex);
            cancelled = true;
        }
        changed.notify_all();
    }
    bool isCancelled() {
        std::lock_guard lock(mutex);
        return cancelled;
    }
    bool waitForPage() {  // false: cancelled
        std::unique_lock lock(mutex);
        changed.wait(lock, [this] { return pageOnGlass || cancelled; });
        return !cancelled;
    }
};

namespace {

// The camera as the library sees it, with the technician's pause before the reference page and each
// frame handed to the screen.
class WatchedCamera final : public pc::CalibrationCamera {
public:
    struct Watchers {
        std::function<void(const GreyImage&)> blankCard;
        std::function<void()> waitingForPage;
        std::function<void(const GreyImage&, int focusStep)> page;
    };
    // A cancelled run stops at its next capture, before the library stores or records anything.
    WatchedCamera(pc::CalibrationCamera& inner, std::function<bool()> waitForPage, std::function<bool()> cancelled,
                  Watchers watchers)
        : inner_(inner), waitForPage_(std::move(waitForPage)), cancelled_(std::move(cancelled)),
          watchers_(std::move(watchers)) {}

    [[nodiscard]] Result<GreyImage> captureBlankCard() override {
        if (cancelled_()) return cancelledError();
        auto frame = inner_.captureBlankCard();
        if (frame && !sawCard_) watchers_.blankCard(*frame);
        sawCard_ = true;
        return frame;
    }
    [[nodiscard]] Result<GreyImage> captureReferencePage() override {
        if (!pageOnGlass_) {
            watchers_.waitingForPage();
            if (!waitForPage_()) return cancelledError();
            pageOnGlass_ = true;
        }
        if (cancelled_()) return cancelledError();
        auto frame = inner_.captureReferencePage();
        if (frame) watchers_.page(*frame, inner_.focus());
        return frame;
    }
    [[nodiscard]] bool hasFocusControl() const override { return inner_.hasFocusControl(); }
    [[nodiscard]] int minFocusStep() const override { return inner_.minFocusStep(); }
    [[nodiscard]] int maxFocusStep() const override { return inner_.maxFocusStep(); }
    [[nodiscard]] int focus() const override { return inner_.focus(); }
    void setFocus(int step) override { inner_.setFocus(step); }

private:
    static std::unexpected<Error> cancelledError() {
        return fail(Error::Code::Timeout, "cancelled by the technician", "passport calibration");
    }
    pc::CalibrationCamera& inner_;
    std::function<bool()> waitForPage_, cancelled_;
    Watchers watchers_;
    bool sawCard_ = false, pageOnGlass_ = false;
};

}  // namespace

sim::PageCameraOptions PassportCalibrationScreen::agedCamera(double vignetting, int focusStepsOff) {
    // The lamp has aged unevenly, the lens drifted out of focus, the camera moved a little in its mount.
    sim::PageCameraOptions camera;
    camera.vignettingStrength = vignetting;
    camera.illuminationTilt = 0.1;
    camera.whiteGreyLevel = 245;
    camera.noiseSigma = 2.0;
    camera.bestFocusStep = -3;
    camera.initialFocusStep = camera.bestFocusStep + focusStepsOff;
    camera.rotationDeg = 1.2;
    camera.scale = 1.015;
    camera.offsetPx = {10, -6};
    camera.seed = 2026;
    return camera;
}

PassportCalibrationScreen::PassportCalibrationScreen(Options options, QObject* parent)
    : CalibrationWizard(QStringLiteral("Passport reader: page camera (simulated)"), QStringLiteral("passport"),
                        QStringLiteral("Corrects the page camera's illumination from a white card, focuses on the "
                                       "MRZ, measures where the page sits, and checks that the reference page reads. "
                                       "This kiosk has no camera reader: the wizard drives the simulated page camera."),
                        parent),
      options_(std::move(options)),
      camera_(std::make_shared<sim::SimulatedPageCamera>(options_.camera)) {
    pool_.setMaxThreadCount(1);
}

PassportCalibrationScreen::~PassportCalibrationScreen() { stopWorker(); }

void PassportCalibrationScreen::stopWorker() {
    ++generation_;
    if (gate_) gate_->cancel();  // a worker waiting for the page gives up
    pool_.waitForDone();
    gate_.reset();
}

void PassportCalibrationScreen::start() {
    stopWorker();
    reset();
    phase_ = Phase::WaitCard;
    setStep(QStringLiteral("1 of 4: Illumination"),
            QStringLiteral("Simulated page camera. Lay the blank white card of the calibration kit flat on the glass, "
                           "covering it completely, and close the lid."),
            QStringLiteral("The white card is on the glass"), 0.0);
}

void PassportCalibrationScreen::next() {
    if (status() != Status::Running || working()) return;
    if (phase_ == Phase::WaitCard) {
        phase_ = Phase::Measuring;
        run();
    } else if (phase_ == Phase::WaitPage && gate_) {
        phase_ = Phase::Measuring;
        setStep(QStringLiteral("2 of 4: Focus"), QStringLiteral("Sweeping the focus over the MRZ band..."), {},
                kIlluminationDone);
        setWorking(true);
        gate_->open();
    }
}

void PassportCalibrationScreen::cancel() {
    ++generation_;
    if (gate_) gate_->cancel();
    phase_ = Phase::Done;
    CalibrationWizard::cancel();
}

void PassportCalibrationScreen::post(int generation, std::function<void()> show) {
    QMetaObject::invokeMethod(
        this,
        [this, generation, show = std::move(show)] {
            if (generation != generation_ || status() != Status::Running) return;
            show();
        },
        Qt::QueuedConnection);
}

void PassportCalibrationScreen::run() {
    setStep(QStringLiteral("1 of 4: Illumination"), QStringLiteral("Measuring the white card..."), {}, 0.05);
    setWorking(true);
    gate_ = std::make_shared<Gate>();
    const int generation = generation_;
    pool_.start([this, generation, gate = gate_, camera = camera_, options = options_] {
        const auto failWith = [&](const QString& problem) {
            post(generation, [this, problem] {
                phase_ = Phase::Done;
                finish(false, {problem}, {});
            });
        };
        auto reference = pc::simulatedReferenceLayout();
        if (!reference) return failWith(QString::fromStdString(reference.error().describe()));
        pc::SimulatedCameraRig rig(*camera, *reference);

        // The library's progress lines, kept per step for the prompts.
        QString illumination;
        const double focusRange = std::max(1, camera->maxFocusStep() - camera->minFocusStep());
        double swept = 0;
        int pageFrames = 0;
        WatchedCamera::Watchers watchers;
        watchers.blankCard = [&](const GreyImage& frame) {
            post(generation, [this, image = toQImage(frame)] { setImage(image); });
        };
        watchers.waitingForPage = [&] {
            post(generation, [this, text = illumination] {
                phase_ = Phase::WaitPage;
                setStep(QStringLiteral("2 of 4: Focus"),
                        text + QStringLiteral("Now take the white card out and lay the kit's reference page on the "
                                              "glass, data page down, against the corner stop."),
                        QStringLiteral("The reference page is on the glass"), kIlluminationDone);
                setWorking(false);
            });
        };
        watchers.page = [&](const GreyImage& frame, int focusStep) {
            // The figure the sweep maximises, on the raw frame: it is normalised by the local paper
            // level, so the uncorrected lamp hardly changes it.
            const auto sharpness = pc::mrzSharpness(frame, reference->mrzCorners);
            const QString text =
                QStringLiteral("Focus step %1: MRZ sharpness %2 (limit %3)")
                    .arg(focusStep)
                    .arg(sharpness ? *sharpness : 0.0, 0, 'f', 4)
                    .arg(options.limits.minSharpness, 0, 'f', 4);
            // The first frame is at the lens's old step; then the coarse sweep crosses the range once
            // and the fine one comes back to the best step.
            if (pageFrames++ > 0)
                swept = std::max(swept, std::clamp((focusStep - camera->minFocusStep()) / focusRange, 0.0, 1.0));
            post(generation, [this, text, progress = swept, image = toQImage(frame)] {
                setStep(QStringLiteral("2 of 4: Focus"), text, {},
                        kIlluminationDone + progress * (kFocusDone - kIlluminationDone));
                setImage(image);
            });
        };
        WatchedCamera watched(rig, [gate] { return gate->waitForPage(); }, [gate] { return gate->isCancelled(); },
                              std::move(watchers));

        pc::WizardOptions wizard;
        wizard.limits = options.limits;
        wizard.progress = [&](std::string_view line) {
            const QString text = QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size())).trimmed();
            if (line.starts_with("  white level") || line.starts_with("  non-uniformity")) {
                illumination += text.left(1).toUpper() + text.mid(1) + QStringLiteral(". ");
            } else if (line.starts_with("geometry")) {
                post(generation, [this] {
                    setStep(QStringLiteral("3 of 4: Geometry"),
                            QStringLiteral("Locating the MRZ lines on the page and comparing them with the layout..."),
                            {}, kFocusDone);
                });
            } else if (line.starts_with("read test")) {
                post(generation, [this, text] {
                    setStep(QStringLiteral("4 of 4: Read test"), text.left(1).toUpper() + text.mid(1), {}, 0.95);
                });
            }
        };
        auto result = pc::calibratePassportCamera(watched, *reference, options.calibrationDir, wizard);
        if (!result) {
            if (gate->isCancelled()) return;
            return failWith(QStringLiteral("The calibration could not be recorded: ") +
                            QString::fromStdString(result.error().describe()));
        }

        // The last picture: the page as the camera now sees it, flat-fielded, with the MRZ band where the
        // geometry located it.
        QImage picture;
        QList<QRectF> highlights;
        if (auto frame = rig.captureReferencePage(); frame) {
            auto flat = result->correction.flatField.empty() ? Result<GreyImage>(*frame)
                                                             : pc::applyFlatField(result->correction, *frame);
            picture = toQImage(flat ? *flat : *frame);
            // Located again on this frame: where the geometry stage failed there is no band to show.
            if (auto located = pc::estimateGeometry(flat ? *flat : *frame, *reference); located)
                highlights << bandOnFrame(*reference, located->pageToFrame);
        }
        QStringList problems;
        for (const auto& p : result->record.problems) problems << QString::fromStdString(p);
        post(generation, [this, passed = result->record.passed, problems, figures = passportChartFigures(result->record),
                          picture, highlights] {
            phase_ = Phase::Done;
            setImage(picture, highlights);
            finish(passed, problems, figures);
        });
    });
}

}  // namespace kiosk::technician
