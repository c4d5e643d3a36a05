#include "tests/support/simulated_kiosk.h"

#include <fstream>

#include <unistd.h>

#include "app/members/member_cache.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/simulated_receipt_printer.h"
#include "devices/sim/simulator_hands.h"
#include "tests/support/test_paths.h"

namespace kiosk::test {

SimulatedKiosk::SimulatedKiosk() : SimulatedKiosk(Options{}) {}

SimulatedKiosk::SimulatedKiosk(Options options) {
    static int counter = 0;
    dir = std::filesystem::temp_directory_path() /
          ("kiosk-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto loaded = config::loadConfig(sourceDir() / "kiosk-config/simulator.json");
    if (!loaded) {
        setupProblem = QString::fromStdString(loaded.error().describe());
        return;
    }
    config = *loaded;
    config.customsQuestions = options.customsQuestions;
    if (options.idleTimeoutSeconds > 0) config.idleTimeoutSeconds = options.idleTimeoutSeconds;
    if (options.idleWarningSeconds > 0) config.idleWarningSeconds = options.idleWarningSeconds;
    if (options.receiptRetractSeconds >= 0) config.receiptRetractSeconds = options.receiptRetractSeconds;
    auto d = app::makeSimulatedDevices(config, dir / "receipts");
    if (!d) {
        setupProblem = QString::fromStdString(d.error().describe());
        return;
    }
    devices = *d;
    ui::WorkflowServices services;
    services.config = config;
    if (options.withMembers) {
        if (options.damagedMemberCache) {
            // What a power cut in the middle of a disk write can leave: not a database any more.
            const auto garbage = dir / (options.damagedCacheIsGeneration ? "members.sqlite.gen-5-0a0b0c0d" : "members.sqlite");
            std::ofstream(garbage, std::ios::binary) << std::string(8192, '\x5a');
            if (options.damagedCacheIsGeneration) std::filesystem::create_symlink(garbage.filename(), dir / "members.sqlite");
        }
        // As the kiosk does: a cache that cannot be opened leaves it out of service, and it tries
        // again between travelers.
        if (auto cache = app::openMemberCache(config, dir)) services.members = *cache;
        else services.membersProblem = QString::fromStdString("member list unavailable: " + cache.error().describe());
        goodListArrived = std::make_shared<bool>(!options.damagedMemberCache);
        services.reopenMembers = [config = config, dir = dir,
                                  arrived = goodListArrived]() -> Result<std::shared_ptr<members::MemberCache>> {
            if (!*arrived) return fail(Error::Code::NotFound, "no member list has arrived yet (test)");
            return app::openMemberCache(config, dir);
        };
    } else {
        services.membersProblem = QStringLiteral("member list unavailable (test)");
    }
    auto signer = app::openReceiptSigner(dir);
    if (!signer) {
        setupProblem = QString::fromStdString(signer.error().describe());
        return;
    }
    services.receiptSigner = *signer;
    services.passportReader = devices.passportReader;
    services.preparePage = options.preparePage;
    services.fingerprintScanner = devices.fingerprintScanner;
    services.receiptPrinter = devices.receiptPrinter;
    clock = options.now ? std::make_shared<ui::SimulatedClock>(*options.now) : std::make_shared<ui::SimulatedClock>();
    services.now = [c = clock] { return c->now(); };
    services.randomSeed = 7;
    services.audit = options.audit;
    presentation = std::make_unique<ui::Presentation>(nullptr);
    ui::Presentation::setInstance(presentation.get());
    services.presentation = presentation.get();
    workflow = std::make_unique<ui::KioskWorkflow>(std::move(services));
    auto hands = std::make_shared<sim::SimulatedDeviceHands>(devices.passportReader, devices.fingerprintScanner,
                                                             devices.receiptPrinter);
    panel = std::make_unique<ui::SimulatorPanel>(devices.world, std::move(hands), workflow.get(), clock);
}

SimulatedKiosk::~SimulatedKiosk() {
    panel.reset();
    workflow.reset();
    ui::Presentation::setInstance(nullptr);
    presentation.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

}  // namespace kiosk::test
