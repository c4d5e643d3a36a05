#pragma once
// Calibration check of the receipt printer (issue 9): prints a test pattern (a ruler across the full
// configured width with edge marks at the first and last dot, grey and black blocks, a line pattern
// that shows missing dots, a QR code, text sizes) and the calibration summary (the latest records of
// the history), cuts, and checks the printer's status before and after, its paper width, and, where
// the printout can be seen (the simulator decodes the job), that both edge marks and every dot printed.
// Ends with a CalibrationRecord. The raster is drawn with OpenCV (no Qt: runs headless in kioskctl).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/calibration/calibration_record.h"
#include "app/core/error.h"
#include "app/core/grey_image.h"
#include "devices/printer/receipt_printer.h"

namespace kiosk::calibration::printer {

inline constexpr int kEdgeMarkWidthDots = 4;  // the edge marks: solid bars whose outer column is the first/last dot
inline constexpr int kEdgeMarkHeightDots = 48;
inline constexpr std::size_t kSummaryRecords = 6;  // latest records listed on the printout

// Where the pattern put what (rows of the raster), for the checks and the tests.
struct PatternLayout {
    int widthDots = 0;
    int edgeMarkTop = 0, edgeMarkBottom = 0;    // rows [top, bottom) of both edge marks
    int solidBandTop = 0, solidBandBottom = 0;  // a full-width black band: a dead dot is a white streak
    int summaryTop = 0, summaryBottom = 0;
};

// A 1-bit raster as ESC/POS wants it: 1 = black, MSB = leftmost dot, rows padded to bytes.
struct Raster {
    int widthDots = 0, heightDots = 0;
    std::vector<std::uint8_t> packedRows;
};

// One or two lines per record, newest first, at most `count` records: device, time, PASS/FAIL, and
// the first figures ("passport 2026-11-27 03:00Z PASS", "  nonuniformity_percent 88.9 -> 1.5 %").
[[nodiscard]] std::vector<std::string> summaryLines(const std::vector<CalibrationRecord>& history,
                                                    std::size_t count = kSummaryRecords);

[[nodiscard]] Raster composeTestPattern(int widthDots, const std::vector<std::string>& summary, PatternLayout* layout);
// ESC @, the pattern raster, a native QR code (GS ( k) with qrText, feed to the cutter, partial cut.
[[nodiscard]] std::vector<std::uint8_t> encodeCalibrationJob(const Raster& pattern, std::string_view qrText);

// What the printout shows (0 = black). dotsPerLineConfigured: the width the pattern was composed at.
struct PrintoutCheck {
    bool firstDot = false, lastDot = false;
    int missingDots = 0;  // columns of the solid band that stayed white (only within the printed width)
    int printedWidthDots = 0;
};
[[nodiscard]] PrintoutCheck checkPrintout(const GreyImage& printed, const PatternLayout& layout);

struct PrinterWizardOptions {
    int configuredDotsPerLine = 576;  // kiosk-config's paper: 576 for 80 mm, 384 for 58 mm
    std::string time;                 // UTC ISO 8601 for the record; empty: now
    std::function<void(std::string_view)> progress;
    // Turns the job into the paper that came out, when something can see it (the simulator's ESC/POS
    // decoder, see decodedPaper); empty for a real printer: the technician looks at the printout.
    std::function<Result<GreyImage>(std::span<const std::uint8_t>)> inspect;
};

struct PrinterWizardResult {
    CalibrationRecord record;  // already appended to the history
    std::vector<std::uint8_t> job;
    PatternLayout layout;
    std::optional<GreyImage> printout;  // when inspect was given and decoded the job
    std::vector<std::string> summary;
};

// Errors only for the history file; a printer that fails a check is a record with passed = false and
// the reasons in its problems.
[[nodiscard]] Result<PrinterWizardResult> calibratePrinter(devices::ReceiptPrinter& printer,
                                                           const std::filesystem::path& calibrationDir,
                                                           const PrinterWizardOptions& options);

// The simulator's eye: decodes a job with the ESC/POS decoder onto paper of the given width and returns
// the first page.
[[nodiscard]] std::function<Result<GreyImage>(std::span<const std::uint8_t>)> decodedPaper(int paperWidthDots);

// A simulated fault: the cutter jams on the job's cut (the printer reports a cutter error afterwards).
class CutterJamsOnCut final : public devices::ReceiptPrinter {
public:
    using SetCutterError = std::function<void()>;
    CutterJamsOnCut(devices::ReceiptPrinter& inner, SetCutterError jam) : inner_(inner), jam_(std::move(jam)) {}
    [[nodiscard]] Result<void> print(std::span<const std::uint8_t> job) override {
        auto printed = inner_.print(job);
        if (printed && jam_) jam_();
        return printed;
    }
    [[nodiscard]] devices::PrinterStatus status() const override { return inner_.status(); }
    [[nodiscard]] devices::DeviceHealth health() const override { return inner_.health(); }
    [[nodiscard]] std::string name() const override { return inner_.name(); }
    [[nodiscard]] int dotsPerLine() const override { return inner_.dotsPerLine(); }

private:
    devices::ReceiptPrinter& inner_;
    SetCutterError jam_;
};

}  // namespace kiosk::calibration::printer
