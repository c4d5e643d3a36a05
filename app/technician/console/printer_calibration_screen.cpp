#include "app/technician/console/printer_calibration_screen.h"
#include "app/technician/console/diagnostic_image.h"

#include <QMetaObject>

#include <algorithm>
#include <utility>

#include "app/calibration/printer/printer_calibration.h"
#include "devices/sim/simulated_receipt_printer.h"

namespace kiosk::technician {
namespace {

namespace cp = calibration::printer;


QString statusWords(const devices::PrinterStatus& s) {
    QStringList words;
    words << (s.online ? QStringLiteral("online") : QStringLiteral("OFFLINE"));
    words << (s.paperOut ? QStringLiteral("PAPER OUT") : s.paperNearEnd ? QStringLiteral("paper near end") : QStringLiteral("paper loaded"));
    words << (s.coverOpen ? QStringLiteral("COVER OPEN") : QStringLiteral("cover closed"));
    if (s.cutterError) words << QStringLiteral("CUTTER ERROR");
    if (s.ticketInPresenter) words << QStringLiteral("a ticket is in the presenter");
    return words.join(QStringLiteral(", "));
}

// The record's figures in technician words. "Before" is what the check expects, "after" what it found;
// the printout's figures only where a printout was seen (nothing printed is not "no dead dots").
QList<WizardFigure> printerChartFigures(const calibration::CalibrationRecord& record, bool printoutSeen) {
    static constexpr FigureLabel kShown[] = {
        {"edge_marks_printed", "edge marks: expected, found", false},
        {"missing_dots", "dead dots: expected, found", true},
        {"dots_per_line", "dots per line: configured, printer", false},
    };
    static constexpr FigureLabel kWithoutPrintout[] = {kShown[2]};
    return printoutSeen ? chartFigures(record, kShown) : chartFigures(record, kWithoutPrintout);
}

}  // namespace

PrinterCalibrationScreen::PrinterCalibrationScreen(std::shared_ptr<devices::ReceiptPrinter> printer, Options options,
                                                   QObject* parent)
    : CalibrationWizard(QStringLiteral("Receipt printer: test pattern and paper width"), QStringLiteral("printer"),
                        QStringLiteral("Prints a test pattern (ruler with edge marks, grey blocks, a black band for dead "
                                       "dots, text sizes) and the calibration summary, cuts, and checks the printer's "
                                       "status, its paper width and the printout."),
                        parent),
      printer_(std::move(printer)),
      options_(std::move(options)) {
    pool_.setMaxThreadCount(1);
}

PrinterCalibrationScreen::~PrinterCalibrationScreen() {
    ++generation_;
    pool_.waitForDone();
}

void PrinterCalibrationScreen::post(int generation, std::function<void()> show) {
    QMetaObject::invokeMethod(
        this,
        [this, generation, show = std::move(show)] {
            if (generation != generation_ || status() != Status::Running) return;
            show();
        },
        Qt::QueuedConnection);
}

void PrinterCalibrationScreen::start() {
    if (!printer_) return;
    ++generation_;
    pool_.waitForDone();  // a job already sent finishes; its result is dropped
    reset();
    printing_ = false;
    const auto step = [this](const QString& reported) {
        setStep(QStringLiteral("1 of 2: Check paper and cover"),
                QStringLiteral("Open the cover and check the roll: %1 mm paper, the printed side towards the head, the "
                               "end out through the cutter. Close the cover until it clicks. The printer reports: %2.")
                    .arg(options_.configuredDotsPerLine >= 576 ? 80 : 58)
                    .arg(reported),
                QStringLiteral("Paper and cover checked"), 0.0);
    };
    step(QStringLiteral("asking..."));
    // A USB printer's status is a transfer: asked off the UI thread.
    setWorking(true);
    const int generation = generation_;
    pool_.start([this, generation, printer = printer_, step] {
        const QString reported = statusWords(printer->status());
        post(generation, [this, step, reported] {
            step(reported);
            setWorking(false);
        });
    });
}

void PrinterCalibrationScreen::next() {
    if (!printer_ || status() != Status::Running || working() || printing_) return;
    printing_ = true;
    setStep(QStringLiteral("2 of 2: Printing the test pattern"),
            QStringLiteral("Printing the test pattern and the calibration summary, then cutting..."), {}, 0.3);
    setWorking(true);
    const int generation = generation_;
    pool_.start([this, generation, printer = printer_, options = options_] {
        cp::PrinterWizardOptions wizard;
        wizard.configuredDotsPerLine = options.configuredDotsPerLine;
        // Only the simulator's paper can be seen: decoded from the job at the head's real width.
        if (dynamic_cast<sim::SimulatedReceiptPrinter*>(printer.get()) != nullptr)
            wizard.inspect = cp::decodedPaper(printer->dotsPerLine());
        wizard.progress = [&](std::string_view line) {
            if (!line.starts_with("test pattern") && !line.starts_with("printed")) return;
            const QString text = QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size()));
            post(generation, [this, text] {
                setStep(QStringLiteral("2 of 2: Printing the test pattern"), text.left(1).toUpper() + text.mid(1), {},
                        0.6);
            });
        };
        auto result = cp::calibratePrinter(*printer, options.calibrationDir, wizard);
        if (!result) {
            const QString problem = QStringLiteral("The check could not be recorded: ") +
                                    QString::fromStdString(result.error().describe());
            post(generation, [this, problem] { finish(false, {problem}, {}); });
            return;
        }
        QImage picture;
        QList<QRectF> highlights;
        if (result->printout) {
            picture = toQImage(*result->printout);
            const auto& l = result->layout;
            const double markHeight = l.edgeMarkBottom - l.edgeMarkTop;
            // Where to look: both edge marks at the paper's edges, and the black band (white streaks
            // are dead dots).
            highlights << QRectF(0, l.edgeMarkTop, cp::kEdgeMarkWidthDots * 4.0, markHeight)
                       << QRectF(l.widthDots - cp::kEdgeMarkWidthDots * 4.0, l.edgeMarkTop, cp::kEdgeMarkWidthDots * 4.0,
                                 markHeight)
                       << QRectF(0, l.solidBandTop, l.widthDots, l.solidBandBottom - l.solidBandTop);
        }
        QStringList problems;
        for (const auto& p : result->record.problems) problems << QString::fromStdString(p);
        const auto figures = printerChartFigures(result->record, result->printout.has_value());
        post(generation, [this, passed = result->record.passed, problems, figures, picture, highlights] {
            setImage(picture, highlights);
            finish(passed, problems, figures);
        });
    });
}

void PrinterCalibrationScreen::cancel() {
    // A job already sent prints to the end; its record is the library's, the screen just stops.
    ++generation_;
    CalibrationWizard::cancel();
}

}  // namespace kiosk::technician
