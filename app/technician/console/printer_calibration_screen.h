#pragma once
// The receipt printer's calibration check (app/calibration/printer) on the wizard screen: the
// technician checks paper and cover, then the test pattern and the calibration summary are printed
// off the UI thread. Where the printer is the simulated one, the printout is decoded from the job
// and shown with the edge marks and the black band framed; a real printer's printout is the
// technician's to look at.
#include <QThreadPool>

#include <filesystem>
#include <memory>

#include "app/technician/console/calibration_wizard.h"
#include "devices/printer/receipt_printer.h"

namespace kiosk::technician {

class PrinterCalibrationScreen : public CalibrationWizard {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The kiosk creates it")
public:
    struct Options {
        std::filesystem::path calibrationDir;  // history.jsonl (the summary printed, the record appended)
        int configuredDotsPerLine = 576;       // kiosk-config's paper: 576 for 80 mm, 384 for 58 mm
    };
    PrinterCalibrationScreen(std::shared_ptr<devices::ReceiptPrinter> printer, Options options,
                             QObject* parent = nullptr);
    ~PrinterCalibrationScreen() override;

    void start() override;
    void next() override;
    void cancel() override;

private:
    void post(int generation, std::function<void()> show);  // onto the UI thread; dropped when stale

    std::shared_ptr<devices::ReceiptPrinter> printer_;
    Options options_;
    bool printing_ = false;  // past "check paper and cover"
    int generation_ = 0;
    QThreadPool pool_;  // one thread: a printer takes one job at a time
};

}  // namespace kiosk::technician
