#pragma once
// The fingerprint scanner's calibration (app/calibration/fingerprint) on the wizard screen: the step
// machine's automatic steps run off the UI thread one after another; the screen shows each step's
// instruction, picture (with the dirt regions to clean framed) and progress, and waits for the
// technician where the step machine does.
#include <QThreadPool>

#include <memory>

#include "app/calibration/fingerprint/calibration_wizard.h"
#include "app/technician/console/calibration_wizard.h"

namespace kiosk::technician {

class FingerprintCalibrationScreen : public CalibrationWizard {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The kiosk creates it")
public:
    // `rawScanner` delivers uncorrected frames (CalibratedFingerprintScanner::raw()).
    FingerprintCalibrationScreen(std::shared_ptr<devices::FingerprintScanner> rawScanner,
                                 calibration::fingerprint::FingerprintCalibrationWizard::Options options,
                                 QObject* parent = nullptr);
    ~FingerprintCalibrationScreen() override;

    void start() override;
    void next() override;
    void cancel() override;

private:
    struct Snapshot;
    void run(bool confirmFirst);  // advances on the worker until the technician is needed or the end
    void show(const Snapshot& snapshot);

    std::shared_ptr<devices::FingerprintScanner> scanner_;
    calibration::fingerprint::FingerprintCalibrationWizard::Options options_;
    std::shared_ptr<calibration::fingerprint::FingerprintCalibrationWizard> machine_;  // the worker's while working
    int generation_ = 0;  // a cancelled or restarted run's late results are dropped
    QThreadPool pool_;
};

}  // namespace kiosk::technician
