// kioskctl calibrate fingerprint: the fingerprint scanner's calibration wizard, headless. With
// --simulated it runs against the simulated scanner behind a defective platen (and, with --dirty,
// dust and a latent print, wiped when the wizard asks), so the whole procedure can be tried and
// demonstrated without hardware.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/calibration/fingerprint/calibration_wizard.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {
namespace {

constexpr const char* kUsage =
    "kioskctl calibrate fingerprint [--calibration-dir D] [--frames N] [--simulated [--dirty]]\n"
    "  --calibration-dir D  where the correction and history.jsonl go (default: kiosk-config/calibration)\n"
    "  --frames N           empty-platen frames to average (default 16, 4..256)\n"
    "  --simulated          run against the simulated scanner with a non-uniform, defective platen\n"
    "  --dirty              with --simulated: dust and a latent print too, wiped when the wizard asks";

bool takeFlag(Args& args, const std::string& name) {
    auto it = std::find(args.begin(), args.end(), name);
    if (it == args.end()) return false;
    args.erase(it);
    return true;
}

// A sensor a few years in service: a vignetting LED, a gradient, fixed-pattern gain, stuck pixels.
sim::PlatenOptions simulatedPlaten(bool dirty) {
    sim::PlatenOptions o;
    o.whiteLevelGrey = 232;
    o.falloffPercent = 35;
    o.gradientPercent = 12;
    o.gradientAngleDeg = 30;
    o.gainNoisePercent = 2.0;
    o.temporalNoiseGrey = 1.5;
    o.deadPixels = 12;
    o.hotPixels = 6;
    o.seed = 2026;
    if (dirty) {
        o.dustSpecks = 5;
        o.latentPrint = true;
    }
    return o;
}

}  // namespace

int calibrateFingerprint(const Args& argsIn) {
    if (wantsHelp(argsIn)) {
        std::printf("usage: %s\n", kUsage);
        return 0;
    }
    Args args = argsIn;
    const std::string dir = takeOption(args, "--calibration-dir", "kiosk-config/calibration");
    const std::string framesText = takeOption(args, "--frames", "16");
    const bool simulated = takeFlag(args, "--simulated");
    const bool dirty = takeFlag(args, "--dirty");
    if (!args.empty()) return usageError(kUsage, "unexpected argument '" + args.front() + "'");
    int frames = 0;
    try {
        std::size_t used = 0;
        frames = std::stoi(framesText, &used);
        if (used != framesText.size()) frames = 0;
    } catch (const std::exception&) {
        frames = 0;
    }
    if (frames < 4 || frames > 256) return usageError(kUsage, "--frames must be a whole number from 4 to 256");
    if (dirty && !simulated) return usageError(kUsage, "--dirty only goes with --simulated");
    if (!simulated) {
        std::fprintf(stderr,
                     "kioskctl: calibrating the real scanner needs the kiosk's devices: run the wizard from the "
                     "technician screen.\n"
                     "The USB scanner module (R30x) cannot take a frame without a finger on it, so it cannot be "
                     "flat-field calibrated at all; only optical scanners that deliver raw frames can.\n"
                     "Try the procedure with --simulated.\n");
        return 2;
    }

    sim::SimulatedFingerprintScanner scanner;
    scanner.setPlaten(sim::PlatenModel(simulatedPlaten(dirty)));
    calibration::fingerprint::FingerprintCalibrationWizard::Options options;
    options.calibrationDir = dir;
    options.frames = frames;
    calibration::fingerprint::FingerprintCalibrationWizard wizard(scanner, options);
    using Step = calibration::fingerprint::FingerprintCalibrationWizard::Step;

    std::printf("calibrating the simulated fingerprint scanner (%s platen), correction in %s\n",
                dirty ? "dirty, defective" : "defective", dir.c_str());
    while (!wizard.finished()) {
        std::printf("[%s] %s\n", calibration::fingerprint::FingerprintCalibrationWizard::stepName(wizard.step()),
                    wizard.instruction().c_str());
        // The simulated technician does what the prompt asks.
        if (wizard.step() == Step::CleanPlaten) {
            scanner.cleanPlaten();
            std::printf("    (simulated: platen wiped)\n");
        } else if (wizard.step() == Step::PlaceTestTarget) {
            scanner.placeTestTarget();
            std::printf("    (simulated: test target laid on the platen)\n");
        }
        wizard.advance();
        if (!wizard.lastOutcome().empty()) std::printf("    %s\n", wizard.lastOutcome().c_str());
    }
    const auto& record = wizard.record();
    std::printf("\n%-36s %10s %10s  %s\n", "figure", "before", "after", "unit");
    for (const auto& f : record.figures)
        std::printf("%-36s %10.2f %10.2f  %s\n", f.name.c_str(), f.before, f.after, f.unit.c_str());
    for (const auto& p : record.problems) std::printf("problem: %s\n", p.c_str());
    std::printf("%s\n", record.passed ? "PASSED" : "FAILED");
    return record.passed ? 0 : 1;
}

}  // namespace kiosk::ctl
