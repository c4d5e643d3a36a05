// The kiosk executable: reads the configuration, assembles the kiosk, shows it. In simulator mode it
// also opens the developer's control panel, or with --play runs a scenario headless and exits.
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QThread>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QEventLoop>
#include <QScreen>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "app/audit/audit_log.h"
#include "app/audit_trail.h"
#include "app/crash_report.h"
#include "app/device_factory.h"
#include "app/kiosk_lockdown.h"
#include "app/kiosk_setup.h"
#include "app/technician_setup.h"
#include "app/technician/console/technician_console.h"
#include "app/log_masking_handler.h"
#include "app/members/sync/bundle_sync.h"
#include "app/scenario_player.h"
#include "app/ui/kiosk_workflow.h"
#include "app/ui/presentation.h"
#include "app/ui/simulated_clock.h"
#include "app/ui/simulator_panel.h"
#include "app/watchdog/event_loop_watchdog.h"
#include "app/watchdog/sd_notify.h"
#include "devices/fingerprint/fingerprint_scanner.h"
#include "devices/passport/passport_reader.h"
#include "devices/printer/receipt_printer.h"
#include "devices/sim/simulator_hands.h"
#include "devices/sim/synthetic_world.h"
#ifdef KIOSK_HAVE_UMOCKDEV
#include "devices/sim/usb/emulated_usb_hands.h"
#include "devices/sim/usb/umockdev_usb_bus.h"
#endif

Q_IMPORT_QML_PLUGIN(KioskBackendPlugin)
Q_IMPORT_QML_PLUGIN(KioskQmlPlugin)
Q_IMPORT_QML_PLUGIN(KioskTechnicianPlugin)

Q_LOGGING_CATEGORY(lcMain, "kiosk.main")

namespace {

int stop(const kiosk::Error& error) {
    std::fprintf(stderr, "clearance-kiosk: %s\n", error.describe().c_str());
    return 2;
}

// Without a display the kiosk can only play a scenario offscreen; say so instead of letting Qt abort.
bool chooseOffscreenIfHeadless(int argc, char* argv[]) {
    if (!qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
        !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        return true;
    const bool playing = std::any_of(argv + 1, argv + argc, [](const char* a) {
        return std::strcmp(a, "--play") == 0 || std::strncmp(a, "--play=", 7) == 0 ||
               std::strcmp(a, "--help") == 0 || std::strcmp(a, "--version") == 0;
    });
    if (!playing) return false;
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_QUICK_BACKEND", "software");
    return true;
}

bool hasFlag(int argc, char* argv[], const char* flag) {
    return std::any_of(argv + 1, argv + argc, [flag](const char* a) { return std::strcmp(a, flag) == 0; });
}

// USB drivers connect on their own threads after start; a scenario played at once would meet an
// out-of-service kiosk. Interactive runs need no wait: the workflow's health check brings the kiosk
// into service when the devices are ready.
bool waitUntilDevicesReady(const kiosk::app::KioskDevices& devices, std::chrono::milliseconds limit) {
    using State = kiosk::devices::DeviceHealth::State;
    QDeadlineTimer deadline(limit);
    while (true) {
        const bool ready = devices.passportReader->health().state == State::Ready &&
                           devices.fingerprintScanner->health().state == State::Ready &&
                           devices.receiptPrinter->health().state == State::Ready;
        if (ready) return true;
        if (deadline.hasExpired()) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(20);
    }
}

#ifdef KIOSK_HAVE_UMOCKDEV
kiosk::config::DeviceSettings usbDevice(kiosk::config::UsbDriver driver, const kiosk::sim::usb::EmulatedDeviceId& id) {
    kiosk::config::DeviceSettings d;
    d.source = kiosk::config::DeviceSource::Usb;
    d.usb.driver = driver;
    d.usb.vendorId = id.vendorId;
    d.usb.productId = id.productId;
    d.usb.serial = id.serial;
    d.usb.busPath = id.busPath;
    return d;
}
#endif

}  // namespace

int main(int argc, char* argv[]) {
    kiosk::app::installLogMasking();  // before anything can log
    // --emulated-usb: umockdev's preload library must be in the process before anything opens /dev or
    // /sys (libusb, udev), so the kiosk re-executes itself under it before doing anything else.
    const bool emulatedUsb = hasFlag(argc, argv, "--emulated-usb");
#ifdef KIOSK_HAVE_UMOCKDEV
    if (emulatedUsb) kiosk::sim::usb::UmockdevUsbBus::reexecUnderPreload(argv);
#else
    if (emulatedUsb) {
        std::fprintf(stderr, "clearance-kiosk: --emulated-usb needs umockdev, and this kiosk was built without it "
                             "(apt-get install umockdev libumockdev-dev, then rebuild; ./scripts/kiosk run does both)\n");
        return 2;
    }
#endif
    if (!chooseOffscreenIfHeadless(argc, argv)) {
        std::fprintf(stderr, "clearance-kiosk: no display (DISPLAY, WAYLAND_DISPLAY); use --play SCENARIO to run "
                             "offscreen, or ./scripts/kiosk run\n");
        return 2;
    }
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("clearance-kiosk"));
    QGuiApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));

    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Trusted-traveler clearance kiosk"));
    cli.addHelpOption();
    cli.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("Kiosk configuration file."),
                                          QStringLiteral("file"), QStringLiteral("kiosk-config/simulator.json"));
    const QCommandLineOption dataOption(QStringLiteral("data-dir"), QStringLiteral("Writable data folder (member cache, keys)."),
                                        QStringLiteral("dir"));
    const QCommandLineOption playOption(QStringLiteral("play"), QStringLiteral("Play a scenario through the UI and exit."),
                                        QStringLiteral("scenario"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Where --play writes screens and receipts."),
                                       QStringLiteral("dir"), QStringLiteral("out/demo"));
    const QCommandLineOption emulatedUsbOption(
        QStringLiteral("emulated-usb"),
        QStringLiteral("Simulator with the real USB drivers against emulated devices (umockdev)."));
    cli.addOptions({configOption, dataOption, playOption, outOption, emulatedUsbOption});
    cli.process(app);

    auto config = kiosk::config::loadConfig(cli.value(configOption).toStdString());
    if (!config) return stop(config.error());
    auto dataDir = kiosk::app::prepareDataDir(*config, cli.value(dataOption).toStdString());
    if (!dataDir) return stop(dataDir.error());
    kiosk::app::installCrashReporter(*dataDir / "crash", KIOSK_VERSION);
    const auto crashReport = kiosk::app::takeUnseenCrashReport(*dataDir / "crash");
    if (crashReport)
        qCWarning(lcMain).noquote() << "technician alert: the kiosk restarted after a crash; report:"
                                    << QString::fromStdString(crashReport->string());

    const bool playing = cli.isSet(playOption);
    const std::filesystem::path outDir = cli.value(outOption).toStdString();
    std::optional<kiosk::app::Scenario> scenario;
    if (playing) {
        auto loaded = kiosk::app::loadScenario(cli.value(playOption).toStdString());
        if (!loaded) return stop(loaded.error());
        scenario = std::move(*loaded);
        // Each run's pictures stand alone: old screens and receipts would mislead.
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(outDir, ec)) {
            const auto name = entry.path().filename().string();
            if ((name.starts_with("screen-") || name.starts_with("receipt-")) && name.ends_with(".png"))
                std::filesystem::remove(entry.path(), ec);
        }
    }

    const std::filesystem::path receiptsDir = playing ? outDir : *dataDir / "receipts";
    auto world = kiosk::sim::SyntheticWorld::load(config->simulation.travelersFile);
    if (!world) return stop(world.error());
    auto sharedWorld = std::make_shared<const kiosk::sim::SyntheticWorld>(std::move(*world));

    // Declared before the devices: with --emulated-usb it owns the bus the drivers talk to, so it must
    // be created before their UsbContext and destroyed after them.
    std::shared_ptr<kiosk::sim::SimulatorHands> emulatedHands;
#ifdef KIOSK_HAVE_UMOCKDEV
    if (emulatedUsb) {
        auto hands = kiosk::sim::usb::EmulatedUsbHands::create(receiptsDir, config->printerDotsPerLine);
        if (!hands) {
            std::fprintf(stderr, "clearance-kiosk: --emulated-usb: umockdev is not available here (%s); install "
                                 "umockdev (./scripts/kiosk test does)\n",
                         hands.error().describe().c_str());
            return 2;
        }
        using kiosk::config::UsbDriver;
        config->passportReader = usbDevice(UsbDriver::HidKeyboard, (*hands)->passportReader());
        config->fingerprintScanner = usbDevice(UsbDriver::R30xCp210x, (*hands)->fingerprintScanner());
        config->receiptPrinter = usbDevice(UsbDriver::UsbPrinter, (*hands)->receiptPrinter());
        emulatedHands = std::move(*hands);
    }
#endif
    auto devices = kiosk::app::makeDevices(*config, receiptsDir);
    if (!devices) return stop(devices.error());
    auto hands = emulatedHands ? emulatedHands : devices->hands;

    kiosk::ui::WorkflowServices services;
    services.config = *config;
    if (config->passportReader.source == kiosk::config::DeviceSource::Camera)
        services.preparePage = kiosk::app::pageCorrectionFor(*config);
    if (auto cache = kiosk::app::openMemberCache(*config, *dataDir)) {
        services.members = std::move(*cache);
    } else {
        // Not fatal: the kiosk starts and shows travelers that it is out of service.
        services.membersProblem = QString::fromStdString("member list unavailable: " + cache.error().describe());
    }
    // A damaged cache was moved aside: the next good sync (or the simulator's seed list) rebuilds it.
    services.reopenMembers = [config = *config, dir = *dataDir] { return kiosk::app::openMemberCache(config, dir); };
    // Signed bundles from a folder or a URL, when configured; a failure is the technician's alert, and
    // past max_age the policy refers every traveler.
    auto memberSync = kiosk::app::startMemberSync(*config, *dataDir);
    if (!memberSync) return stop(memberSync.error());
    if (*memberSync && playing) {
        // A scenario plays against the synced list: wait for the first sync (it starts at once).
        QEventLoop firstSync;
        QObject::connect(memberSync->get(), &kiosk::members::SyncService::synced, &firstSync, &QEventLoop::quit);
        QObject::connect(memberSync->get(), &kiosk::members::SyncService::syncFailed, &firstSync, &QEventLoop::quit);
        QTimer::singleShot(60000, &firstSync, &QEventLoop::quit);
        firstSync.exec();
    }
    if (auto signer = kiosk::app::openReceiptSigner(*dataDir)) {
        services.receiptSigner = std::move(*signer);
    } else {
        // Receipts still print (decision, transaction number); officers cannot scan them.
        std::fprintf(stderr, "clearance-kiosk: receipts will carry no signed code: %s\n",
                     signer.error().describe().c_str());
    }
    // The audit trail, signed with the kiosk key the receipt signer created. Without it the kiosk runs
    // out of service: a sink that cannot write makes the workflow refer and stop (never clear blind).
    std::shared_ptr<kiosk::audit::AuditLog> auditLog;
    if (auto opened = kiosk::app::openAuditTrail(*config, *dataDir)) {
        auditLog = std::move(*opened);
        kiosk::app::scheduleAuditRetention(auditLog, &app);
        services.audit = kiosk::app::auditSinkFor(auditLog);
        (void)services.audit({{}, "kiosk.started", crashReport ? "after_crash" : "ok",
                              QStringLiteral(R"({"version":"%1"})").arg(QStringLiteral(KIOSK_VERSION)).toStdString()});
    } else {
        std::fprintf(stderr, "clearance-kiosk: audit trail unavailable: %s\n", opened.error().describe().c_str());
        services.audit = [problem = opened.error()](const kiosk::ui::AuditRecord&) -> kiosk::Result<void> {
            return std::unexpected(problem);
        };
    }
    services.passportReader = devices->passportReader;
    services.fingerprintScanner = devices->fingerprintScanner;
    services.receiptPrinter = devices->receiptPrinter;

    // The technician's side: PINs, the audited session, counters fed by the workflow's records, the
    // console and its calibration wizards.
    kiosk::app::TechnicianSide technician({*config, *dataDir, KIOSK_VERSION, devices->passportReader,
                                           devices->fingerprintScanner, devices->receiptPrinter, services.members,
                                           memberSync->get(), auditLog,
                                           // The only way out of the kiosk software; systemd starts it again.
                                           [] { QCoreApplication::exit(0); }});
    services.audit = technician.countingSink(std::move(services.audit));

    // Simulator mode: the control panel can move time forward (a stale member list, say).
    auto clock = std::make_shared<kiosk::ui::SimulatedClock>();
    services.now = [clock] { return clock->now(); };
    kiosk::ui::Presentation presentation(nullptr);
    kiosk::ui::Presentation::setInstance(&presentation);
    services.presentation = &presentation;
    kiosk::ui::KioskWorkflow workflow(std::move(services));
    technician.attach(&workflow);
    kiosk::ui::SimulatorPanel panel(sharedWorld, hands, &workflow, clock);

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.setInitialProperties({{QStringLiteral("workflow"), QVariant::fromValue(&workflow)},
                                 {QStringLiteral("technician"), QVariant::fromValue(technician.console())}});
    engine.load(QUrl(QStringLiteral("qrc:/Kiosk/Main.qml")));
    if (engine.rootObjects().isEmpty()) return stop({kiosk::Error::Code::Internal, "the kiosk UI did not load", "qml"});
    // Under systemd: ready now, then a heartbeat from the UI thread's event loop (a frozen UI stops it
    // and systemd restarts the kiosk). Without systemd both are no-ops.
    kiosk::watchdog::EventLoopWatchdog watchdog;
    watchdog.start();
    (void)kiosk::watchdog::notifyReady();
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    // Touch only. The simulator's window on a developer's desktop may be closed; a kiosk's only from
    // technician mode.
    kiosk::app::KioskLockdown lockdown(window, config->simulator);

    if (!playing) {
        QQmlApplicationEngine panelEngine;
        panelEngine.addImportPath(QStringLiteral("qrc:/"));
        panelEngine.setInitialProperties({{QStringLiteral("panel"), QVariant::fromValue(&panel)}});
        panelEngine.load(QUrl(QStringLiteral("qrc:/Kiosk/SimPanel.qml")));
        // On a developer's screen the 1080x1920 kiosk is shown scaled to fit, the panel beside it.
        const auto area = window->screen()->availableGeometry();
        const double scale = std::min({1.0, area.height() * 0.95 / 1920.0, area.width() * 0.6 / 1080.0});
        window->resize(static_cast<int>(1080 * scale), static_cast<int>(1920 * scale));
        window->setPosition(area.topLeft());
        if (auto* panelWindow = panelEngine.rootObjects().isEmpty()
                                    ? nullptr
                                    : qobject_cast<QWindow*>(panelEngine.rootObjects().constFirst()))
            panelWindow->setPosition(area.left() + window->width() + 16, area.top());
        return QGuiApplication::exec();
    }

    if (devices->usbContext) {
        if (!waitUntilDevicesReady(*devices, std::chrono::seconds(10)))
            std::fprintf(stderr, "clearance-kiosk: USB devices not ready after 10 s; playing anyway\n");
        workflow.checkHealth();
    }
    const auto visits = scenario->visits.size();
    kiosk::app::ScenarioPlayer player(window, &workflow, &panel, std::move(*scenario), outDir);
    QObject::connect(&player, &kiosk::app::ScenarioPlayer::visitDone, &app,
                     [](const QString& traveler, const QString& outcome, double seconds, bool ok, double stallMs) {
                         std::printf("%-16s %-17s %5.1f s   longest frame %3.0f ms%s\n", qPrintable(traveler),
                                     qPrintable(outcome), seconds, stallMs, ok ? "" : "   << not as expected");
                         std::fflush(stdout);
                     });
    QObject::connect(&player, &kiosk::app::ScenarioPlayer::finished, &app, [&](int failures) {
        std::printf("%zu travelers, %d not as expected; screens and receipts in %s\n", visits, failures,
                    outDir.c_str());
        QGuiApplication::exit(failures == 0 ? 0 : 1);
    });
    player.start();
    return QGuiApplication::exec();
}
