// kioskctl calibrate passport / printer: the page-camera and receipt-printer calibrations, headless.
// With --simulated they run against the simulated page camera (vignetting, defocus, a small placement
// error) and the simulated receipt printer (with a fault on request), so the procedures can be tried
// and demonstrated without hardware.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

#include <unistd.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "app/calibration/passport/passport_camera_calibration.h"
#include "app/calibration/passport/simulated_camera_rig.h"
#include "app/calibration/printer/printer_calibration.h"
#include "devices/sim/simulated_receipt_printer.h"
#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {
namespace {

constexpr const char* kPassportUsage =
    "kioskctl calibrate passport [--calibration-dir D] [--simulated [--vignetting X] [--defocus N]]\n"
    "  --calibration-dir D  where passport-camera.cal and history.jsonl go (default: kiosk-config/calibration)\n"
    "  --simulated          run against the simulated page camera\n"
    "  --vignetting X       with --simulated: light fall-off at the corners, 0..0.95 (default 0.6)\n"
    "  --defocus N          with --simulated: focus steps away from best focus at the start, 0..30 (default 8)";

constexpr const char* kPrinterUsage =
    "kioskctl calibrate printer [--calibration-dir D] [--dots N] [--simulated [--printer-dots N]\n"
    "                           [--paper-out|--cutter-error]] [--out receipt.png]\n"
    "  --calibration-dir D  where history.jsonl is (the summary) and goes (default: kiosk-config/calibration)\n"
    "  --dots N             the configured paper width in dots (default 576: 80 mm at 203 dpi)\n"
    "  --simulated          print on the simulated printer and inspect the decoded paper\n"
    "  --printer-dots N     with --simulated: the simulated head's width (default: --dots; 384 = 58 mm)\n"
    "  --paper-out          with --simulated: the printer is out of paper\n"
    "  --cutter-error       with --simulated: the cutter jams on the cut\n"
    "  --out FILE           with --simulated: save the printout as PNG";

bool takeFlag(Args& args, const std::string& name) {
    auto it = std::find(args.begin(), args.end(), name);
    if (it == args.end()) return false;
    args.erase(it);
    return true;
}

bool parseNumber(const std::string& text, double lo, double hi, double& value) {
    try {
        std::size_t used = 0;
        value = std::stod(text, &used);
        return used == text.size() && value >= lo && value <= hi;
    } catch (const std::exception&) {
        return false;
    }
}

void printLine(std::string_view line) {
    std::printf("%.*s\n", static_cast<int>(line.size()), line.data());
}

void printFigures(const calibration::CalibrationRecord& record) {
    std::printf("\n%-28s %12s %12s  %s\n", "figure", "before", "after", "unit");
    for (const auto& f : record.figures)
        std::printf("%-28s %12.4g %12.4g  %s\n", f.name.c_str(), f.before, f.after, f.unit.c_str());
    for (const auto& p : record.problems) std::printf("problem: %s\n", p.c_str());
    std::printf("%s\n", record.passed ? "PASSED" : "FAILED");
}

}  // namespace

int calibratePassport(const Args& argsIn) {
    if (wantsHelp(argsIn)) {
        std::printf("usage: %s\n", kPassportUsage);
        return 0;
    }
    Args args = argsIn;
    const std::string dir = takeOption(args, "--calibration-dir", "kiosk-config/calibration");
    const std::string vignettingText = takeOption(args, "--vignetting", "0.6");
    const std::string defocusText = takeOption(args, "--defocus", "8");
    const bool simulated = takeFlag(args, "--simulated");
    if (!args.empty()) return usageError(kPassportUsage, "unexpected argument '" + args.front() + "'");
    double vignetting = 0, defocus = 0;
    if (!parseNumber(vignettingText, 0.0, 0.95, vignetting))
        return usageError(kPassportUsage, "--vignetting must be a number from 0 to 0.95");
    if (!parseNumber(defocusText, 0.0, 30.0, defocus) || defocus != static_cast<int>(defocus))
        return usageError(kPassportUsage, "--defocus must be a whole number from 0 to 30");
    if (!simulated) {
        std::fprintf(stderr,
                     "kioskctl: this calibration needs a camera-based passport page reader (a camera that delivers "
                     "grey frames of the data page, with focus control or a focus ring), a white calibration card "
                     "and the kit's reference page.\n"
                     "No camera driver exists yet: the kiosk's real passport readers are text readers that deliver "
                     "the MRZ lines, and have nothing to calibrate here.\n"
                     "Try the procedure with --simulated.\n");
        return 2;
    }

    auto reference = calibration::passport::simulatedReferenceLayout();
    if (!reference) {
        std::fprintf(stderr, "kioskctl: %s\n", reference.error().describe().c_str());
        return 1;
    }
    // A reader some years in service: its lamp has aged unevenly, the lens drifted out of focus and
    // the camera moved a little in its mount.
    sim::PageCameraOptions camera;
    camera.vignettingStrength = vignetting;
    camera.illuminationTilt = 0.1;
    camera.whiteGreyLevel = 245;
    camera.noiseSigma = 2.0;
    camera.bestFocusStep = -3;
    camera.initialFocusStep = camera.bestFocusStep + static_cast<int>(defocus);
    camera.rotationDeg = 1.2;
    camera.scale = 1.015;
    camera.offsetPx = {10, -6};
    camera.seed = 2026;
    sim::SimulatedPageCamera pageCamera(camera);
    calibration::passport::SimulatedCameraRig rig(pageCamera, *reference);

    std::printf("calibrating the simulated page camera (vignetting %.2f, %d focus steps off), correction in %s\n",
                vignetting, static_cast<int>(defocus), dir.c_str());
    calibration::passport::WizardOptions options;
    options.progress = printLine;
    auto result = calibration::passport::calibratePassportCamera(rig, *reference, dir, options);
    if (!result) {
        std::fprintf(stderr, "kioskctl: %s\n", result.error().describe().c_str());
        return 1;
    }
    printFigures(result->record);
    return result->record.passed ? 0 : 1;
}

int calibratePrinter(const Args& argsIn) {
    if (wantsHelp(argsIn)) {
        std::printf("usage: %s\n", kPrinterUsage);
        return 0;
    }
    Args args = argsIn;
    const std::string dir = takeOption(args, "--calibration-dir", "kiosk-config/calibration");
    const std::string dotsText = takeOption(args, "--dots", "576");
    const std::string printerDotsText = takeOption(args, "--printer-dots", "");
    const std::string out = takeOption(args, "--out", "");
    const bool simulated = takeFlag(args, "--simulated");
    const bool paperOut = takeFlag(args, "--paper-out");
    const bool cutterError = takeFlag(args, "--cutter-error");
    if (!args.empty()) return usageError(kPrinterUsage, "unexpected argument '" + args.front() + "'");
    double dots = 0, printerDots = 0;
    if (!parseNumber(dotsText, 64, 4096, dots) || dots != static_cast<int>(dots))
        return usageError(kPrinterUsage, "--dots must be a whole number from 64 to 4096");
    if (printerDotsText.empty())
        printerDots = dots;
    else if (!parseNumber(printerDotsText, 64, 4096, printerDots) || printerDots != static_cast<int>(printerDots))
        return usageError(kPrinterUsage, "--printer-dots must be a whole number from 64 to 4096");
    if (paperOut && cutterError)
        return usageError(kPrinterUsage, "--paper-out and --cutter-error: one fault at a time");
    if (!simulated && (paperOut || cutterError || !out.empty() || !printerDotsText.empty()))
        return usageError(kPrinterUsage, "--printer-dots, --paper-out, --cutter-error and --out go with --simulated");
    if (!simulated) {
        std::fprintf(stderr,
                     "kioskctl: this check needs the kiosk's receipt printer (an ESC/POS thermal printer with a "
                     "cutter and status reporting, on USB) as the kiosk configuration names it: run it from the "
                     "technician screen, where the printer is open, and look at the printout.\n"
                     "Try the procedure with --simulated.\n");
        return 2;
    }

    // The simulated printer saves its pages in a scratch folder; --out keeps the decoded printout.
    const auto scratch = std::filesystem::temp_directory_path() / ("kioskctl-printer-" + std::to_string(::getpid()));
    sim::SimulatedReceiptPrinter simulatedPrinter(scratch, static_cast<int>(printerDots));
    if (paperOut) {
        auto status = simulatedPrinter.status();
        status.paperOut = true;
        simulatedPrinter.setStatus(status);
    }
    calibration::printer::CutterJamsOnCut jamming(simulatedPrinter, [&] {
        auto status = simulatedPrinter.status();
        status.cutterError = true;
        simulatedPrinter.setStatus(status);
    });
    devices::ReceiptPrinter& printer = cutterError ? static_cast<devices::ReceiptPrinter&>(jamming) : simulatedPrinter;

    std::printf("checking the simulated receipt printer (%d dots, configured %d%s), history in %s\n",
                static_cast<int>(printerDots), static_cast<int>(dots),
                paperOut      ? ", out of paper"
                : cutterError ? ", cutter jams"
                              : "",
                dir.c_str());
    calibration::printer::PrinterWizardOptions options;
    options.configuredDotsPerLine = static_cast<int>(dots);
    options.progress = printLine;
    options.inspect = calibration::printer::decodedPaper(static_cast<int>(printerDots));
    auto result = calibration::printer::calibratePrinter(printer, dir, options);
    std::error_code ec;
    std::filesystem::remove_all(scratch, ec);
    if (!result) {
        std::fprintf(stderr, "kioskctl: %s\n", result.error().describe().c_str());
        return 1;
    }
    if (!out.empty()) {
        if (!result->printout) {
            std::printf("nothing printed: %s not written\n", out.c_str());
        } else {
            const auto& p = *result->printout;
            const cv::Mat image(p.height, p.width, CV_8U, const_cast<std::uint8_t*>(p.pixels.data()));
            if (!cv::imwrite(out, image)) {
                std::fprintf(stderr, "kioskctl: cannot write %s\n", out.c_str());
                return 1;
            }
            std::printf("printout saved as %s\n", out.c_str());
        }
    }
    printFigures(result->record);
    return result->record.passed ? 0 : 1;
}

}  // namespace kiosk::ctl
