// The printer calibration against the simulated receipt printer: the job is decoded back into paper
// with the ESC/POS decoder, and the checks must see what a technician would see on the printout.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include <unistd.h>

#include "app/calibration/calibration_record.h"
#include "app/calibration/printer/printer_calibration.h"
#include "app/receipt/qr_reader.h"
#include "devices/sim/simulated_receipt_printer.h"

using namespace kiosk;
using namespace kiosk::calibration;
using namespace kiosk::calibration::printer;

namespace {

struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& name)
        : path(std::filesystem::temp_directory_path() / ("kiosk-calpr-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

PrinterWizardOptions simulatedOptions(int paperDots) {
    PrinterWizardOptions o;
    o.configuredDotsPerLine = 576;
    o.time = "2026-11-27T03:30:00Z";
    o.inspect = decodedPaper(paperDots);
    return o;
}

bool anyContains(const std::vector<std::string>& lines, const std::string& words) {
    return std::any_of(lines.begin(), lines.end(), [&](const auto& l) { return l.find(words) != std::string::npos; });
}

}  // namespace

TEST_CASE("printer: the pattern prints with both edge marks at the configured width", "[printer]") {
    TempDir dir("ok");
    sim::SimulatedReceiptPrinter printer(dir.path / "paper", 576);
    auto result = calibratePrinter(printer, dir.path / "calibration", simulatedOptions(576));
    REQUIRE(result);
    CAPTURE(result->record.problems);
    CHECK(result->record.passed);
    REQUIRE(result->printout);
    CHECK(result->printout->width == 576);
    const auto seen = checkPrintout(*result->printout, result->layout);
    CHECK(seen.firstDot);
    CHECK(seen.lastDot);
    CHECK(seen.missingDots == 0);
    CHECK(printer.pagesPrinted() == 1);
    // The QR code under the pattern scans.
    auto qr = receipt::readQrCode(*result->printout);
    if (qr)
        CHECK(*qr == "KIOSK PRINTER TEST 2026-11-27T03:30:00Z");
    else
        WARN("QR not decoded here (" << qr.error().describe() << "); needs ZXing");
    auto history = readHistory(dir.path / "calibration");
    REQUIRE(history);
    REQUIRE(history->size() == 1);
    CHECK(history->back().device == "printer");
    CHECK(history->back().passed);
}

TEST_CASE("printer: the printout check sees a missing edge and dead dots", "[printer]") {
    PatternLayout layout;
    const auto pattern = composeTestPattern(576, {}, &layout);
    auto paper = decodedPaper(576)(encodeCalibrationJob(pattern, ""));
    REQUIRE(paper);
    CHECK(checkPrintout(*paper, layout).missingDots == 0);
    // A dead heating element at dot 100 and a dead first element: white columns through everything.
    for (int y = 0; y < paper->height; ++y) {
        paper->pixels[std::size_t(y) * std::size_t(paper->width) + 100] = 255;
        paper->pixels[std::size_t(y) * std::size_t(paper->width)] = 255;
    }
    const auto seen = checkPrintout(*paper, layout);
    CHECK_FALSE(seen.firstDot);
    CHECK(seen.lastDot);
    CHECK(seen.missingDots == 2);
}

TEST_CASE("printer: a 58 mm printer (384 dots) configured as 80 mm (576) fails with the reason", "[printer]") {
    TempDir dir("narrow");
    sim::SimulatedReceiptPrinter printer(dir.path / "paper", 384);
    auto result = calibratePrinter(printer, dir.path / "calibration", simulatedOptions(384));
    REQUIRE(result);
    CHECK_FALSE(result->record.passed);
    CAPTURE(result->record.problems);
    CHECK(anyContains(result->record.problems, "384 dots per line"));
    CHECK(anyContains(result->record.problems, "right edge mark (dot 576) did not print"));
    REQUIRE(result->printout);
    const auto seen = checkPrintout(*result->printout, result->layout);
    CHECK(seen.firstDot);
    CHECK_FALSE(seen.lastDot);
}

TEST_CASE("printer: paper out and a cutter error after the cut fail with the reason", "[printer]") {
    SECTION("paper out: nothing is printed") {
        TempDir dir("paper");
        sim::SimulatedReceiptPrinter printer(dir.path / "paper", 576);
        devices::PrinterStatus status;
        status.online = true;
        status.paperOut = true;
        printer.setStatus(status);
        auto result = calibratePrinter(printer, dir.path / "calibration", simulatedOptions(576));
        REQUIRE(result);
        CHECK_FALSE(result->record.passed);
        CHECK(anyContains(result->record.problems, "paper out before printing"));
        CHECK(printer.pagesPrinted() == 0);
        auto history = readHistory(dir.path / "calibration");
        REQUIRE(history);
        REQUIRE(history->size() == 1);
        CHECK_FALSE(history->back().passed);
    }
    SECTION("the cutter jams on the cut") {
        TempDir dir("cutter");
        sim::SimulatedReceiptPrinter printer(dir.path / "paper", 576);
        CutterJamsOnCut jamming(printer, [&] {
            auto s = printer.status();
            s.cutterError = true;
            printer.setStatus(s);
        });
        auto result = calibratePrinter(jamming, dir.path / "calibration", simulatedOptions(576));
        REQUIRE(result);
        CHECK_FALSE(result->record.passed);
        CAPTURE(result->record.problems);
        CHECK(anyContains(result->record.problems, "cutter error after the cut"));
        CHECK(printer.pagesPrinted() == 1);
    }
}

TEST_CASE("printer: the summary lists the latest records, newest first", "[printer]") {
    TempDir dir("summary");
    const auto calibrationDir = dir.path / "calibration";
    for (int i = 0; i < 8; ++i) {
        CalibrationRecord r;
        r.device = i % 2 == 0 ? "passport" : "fingerprint";
        r.time = "2026-11-2" + std::to_string(i) + "T10:00:00Z";
        r.passed = i != 6;
        if (!r.passed) r.problems = {"MRZ band not sharp enough"};
        r.figures = {{"nonuniformity_percent", 40.0 + i, 1.5, "%"}, {"mrz_sharpness", 0.001, 0.02, ""}};
        REQUIRE(appendRecord(calibrationDir, r));
    }
    sim::SimulatedReceiptPrinter printer(dir.path / "paper", 576);
    auto result = calibratePrinter(printer, calibrationDir, simulatedOptions(576));
    REQUIRE(result);
    const auto& lines = result->summary;
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.front() == "fingerprint 2026-11-27T10:00:00Z PASS");
    CHECK(anyContains(lines, "passport 2026-11-26T10:00:00Z FAIL"));
    CHECK(anyContains(lines, "MRZ band not sharp enough"));
    CHECK(anyContains(lines, "nonuniformity_percent 47 -> 1.5 %"));
    CHECK(anyContains(lines, "2026-11-22T10:00:00Z"));    // the sixth newest
    CHECK_FALSE(anyContains(lines, "2026-11-21T10:00"));  // the seventh is not listed
    CHECK_FALSE(anyContains(lines, "2026-11-20T10:00"));
    // The summary is on the paper: ink in its rows.
    REQUIRE(result->printout);
    const auto& p = *result->printout;
    int ink = 0;
    for (int y = result->layout.summaryTop; y < std::min(result->layout.summaryBottom, p.height); ++y)
        for (int x = 0; x < p.width; ++x) ink += p.pixels[std::size_t(y) * std::size_t(p.width) + std::size_t(x)] < 128;
    CHECK(ink > 2000);
}
