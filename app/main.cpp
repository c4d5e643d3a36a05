// The kiosk executable: reads the configuration, assembles the kiosk, shows it. In simulator mode it
// also opens the developer's control panel, or with --play runs a scenario headless and exits.
#include <QCommandLineParser>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QScreen>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "app/kiosk_setup.h"
#include "app/scenario_player.h"
#include "app/ui/kiosk_workflow.h"
#include "app/ui/presentation.h"
#include "app/ui/simulated_clock.h"
#include "app/ui/simulator_panel.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/simulated_receipt_printer.h"

Q_IMPORT_QML_PLUGIN(KioskBackendPlugin)
Q_IMPORT_QML_PLUGIN(KioskQmlPlugin)

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

}  // namespace

int main(int argc, char* argv[]) {
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
    cli.addOptions({configOption, dataOption, playOption, outOption});
    cli.process(app);

    auto config = kiosk::config::loadConfig(cli.value(configOption).toStdString());
    if (!config) return stop(config.error());
    auto dataDir = kiosk::app::prepareDataDir(*config, cli.value(dataOption).toStdString());
    if (!dataDir) return stop(dataDir.error());

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

    auto devices = kiosk::app::makeSimulatedDevices(*config, playing ? outDir : *dataDir / "receipts");
    if (!devices) return stop(devices.error());

    kiosk::ui::WorkflowServices services;
    services.config = *config;
    if (auto cache = kiosk::app::openMemberCache(*config, *dataDir)) {
        services.members = std::move(*cache);
    } else {
        // Not fatal: the kiosk starts and shows travelers that it is out of service.
        services.membersProblem = QString::fromStdString("member list unavailable: " + cache.error().describe());
    }
    if (auto signer = kiosk::app::openReceiptSigner(*dataDir)) {
        services.receiptSigner = std::move(*signer);
    } else {
        // Receipts still print (decision, transaction number); officers cannot scan them.
        std::fprintf(stderr, "clearance-kiosk: receipts will carry no signed code: %s\n",
                     signer.error().describe().c_str());
    }
    services.passportReader = devices->passportReader;
    services.fingerprintScanner = devices->fingerprintScanner;
    services.receiptPrinter = devices->receiptPrinter;

    // Simulator mode: the control panel can move time forward (a stale member list, say).
    auto clock = std::make_shared<kiosk::ui::SimulatedClock>();
    services.now = [clock] { return clock->now(); };
    kiosk::ui::Presentation presentation(nullptr);
    kiosk::ui::Presentation::setInstance(&presentation);
    services.presentation = &presentation;
    kiosk::ui::KioskWorkflow workflow(std::move(services));
    kiosk::ui::SimulatorPanel panel(devices->world, devices->passportReader, devices->fingerprintScanner,
                                    devices->receiptPrinter, &workflow, clock);

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.setInitialProperties({{QStringLiteral("workflow"), QVariant::fromValue(&workflow)}});
    engine.load(QUrl(QStringLiteral("qrc:/Kiosk/Main.qml")));
    if (engine.rootObjects().isEmpty()) return stop({kiosk::Error::Code::Internal, "the kiosk UI did not load", "qml"});
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());

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

    const auto visits = scenario->visits.size();
    kiosk::app::ScenarioPlayer player(window, &workflow, &panel, std::move(*scenario), outDir);
    QObject::connect(&player, &kiosk::app::ScenarioPlayer::visitDone, &app,
                     [](const QString& traveler, const QString& outcome, double seconds, bool ok) {
                         std::printf("%-16s %-17s %5.1f s%s\n", qPrintable(traveler), qPrintable(outcome), seconds,
                                     ok ? "" : "   << not as expected");
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
