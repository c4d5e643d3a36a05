#pragma once
// The passport page camera's calibration (app/calibration/passport) on the wizard screen. The kiosk
// has no camera-based reader yet, so the wizard runs against a simulated page camera with an aged
// lamp (vignetting, a tilt), a lens out of focus and a small placement error, and says so on screen.
//
// The library's calibratePassportCamera runs the whole procedure in one call on a worker thread, so
// the screen shows exactly what the library decides. The camera it drives is wrapped: the first
// reference-page capture waits until the technician confirms the page is on the glass, and every
// frame is shown as it is taken (the white card, then the page at each focus step with its sharpness).
#include <QThreadPool>

#include <filesystem>
#include <memory>

#include "app/calibration/passport/passport_camera_calibration.h"
#include "app/technician/console/calibration_wizard.h"
#include "devices/sim/passports/page_camera.h"

namespace kiosk::technician {

class PassportCalibrationScreen : public CalibrationWizard {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The kiosk creates it")
public:
    struct Options {
        std::filesystem::path calibrationDir;  // passport-camera.cal and history.jsonl
        sim::PageCameraOptions camera = agedCamera();
        calibration::passport::Limits limits;
    };
    // A reader some years in service, as `kioskctl calibrate passport --simulated` has it.
    [[nodiscard]] static sim::PageCameraOptions agedCamera(double vignetting = 0.6, int focusStepsOff = 8);

    explicit PassportCalibrationScreen(Options options, QObject* parent = nullptr);
    ~PassportCalibrationScreen() override;

    void start() override;
    void next() override;
    void cancel() override;

private:
    struct Gate;
    enum class Phase { WaitCard, Measuring, WaitPage, Done };
    void run();
    void post(int generation, std::function<void()> show);  // onto the UI thread; dropped when stale
    void stopWorker();

    Options options_;
    Phase phase_ = Phase::Done;
    std::shared_ptr<Gate> gate_;  // the technician's "the page is on the glass", shared with the worker
    // Worker-only while working: the simulated camera keeps its focus between runs, like a real lens.
    std::shared_ptr<sim::SimulatedPageCamera> camera_;
    int generation_ = 0;  // a cancelled or restarted run's late results are dropped
    QThreadPool pool_;
};

}  // namespace kiosk::technician
