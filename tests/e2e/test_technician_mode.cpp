// Technician mode through the real kiosk window: the hidden gesture (hold the top-left corner for 5 s)
// opens the PIN prompt between travelers only; a wrong PIN is refused, the right one takes the kiosk
// out of service; logging out brings it back; every step is in the audit trail.
#include <catch2/catch.hpp>

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include "app/audit/audit_log.h"
#include "app/audit_trail.h"
#include "app/receipt/receipt_code.h"
#include "app/technician/console/technician_console.h"
#include "app/technician/pin_store.h"
#include "app/technician_setup.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/simulated_receipt_printer.h"
#include "tests/support/simulated_kiosk.h"

Q_IMPORT_QML_PLUGIN(KioskBackendPlugin)
Q_IMPORT_QML_PLUGIN(KioskQmlPlugin)
Q_IMPORT_QML_PLUGIN(KioskTechnicianPlugin)

using Screen = kiosk::ui::KioskWorkflow::Screen;
using Stage = kiosk::technician::TechnicianConsole::Stage;

namespace {

QGuiApplication& app() {
    static int argc = 1;
    static char name[] = "test_technician_mode";
    static char* argv[] = {name, nullptr};
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_QUICK_BACKEND", "software");
    static auto* instance = new QGuiApplication(argc, argv);  // never destroyed: see test_lockdown
    return *instance;
}

// The hidden gesture: a long press in the stage's top-left corner.
void holdCorner(QQuickWindow* window, int ms) {
    const QPoint corner(40, 40);
    QTest::mousePress(window, Qt::LeftButton, Qt::NoModifier, corner);
    QTest::qWait(ms);
    QTest::mouseRelease(window, Qt::LeftButton, Qt::NoModifier, corner);
}

}  // namespace

TEST_CASE("technician mode: hidden gesture, PIN, out of service while in, audited, back on logout") {
    app();
    kiosk::test::SimulatedKiosk kiosk;
    REQUIRE(kiosk.setupProblem.isEmpty());
    {
        auto pins = kiosk::technician::PinStore::open(kiosk.dir / "technician-pins.json");
        REQUIRE(pins);
        REQUIRE((*pins)->setPin("t-017", "472913"));
    }
    auto audit = kiosk::app::openAuditTrail(kiosk.config, kiosk.dir);
    REQUIRE(audit);
    kiosk::app::TechnicianInputs inputs;
    inputs.config = kiosk.config;
    inputs.dataDir = kiosk.dir;
    inputs.version = "test";
    inputs.passportReader = kiosk.devices.passportReader;
    inputs.fingerprintScanner = kiosk.devices.fingerprintScanner;
    inputs.receiptPrinter = kiosk.devices.receiptPrinter;
    inputs.audit = *audit;
    kiosk::app::TechnicianSide technician(std::move(inputs));
    technician.attach(kiosk.workflow.get());
    auto* console = technician.console();

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.setInitialProperties({{QStringLiteral("workflow"), QVariant::fromValue(kiosk.workflow.get())},
                                 {QStringLiteral("technician"), QVariant::fromValue(console)}});
    engine.load(QUrl(QStringLiteral("qrc:/Kiosk/Main.qml")));
    REQUIRE_FALSE(engine.rootObjects().isEmpty());
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    REQUIRE(window);
    window->show();
    REQUIRE(QTest::qWaitForWindowExposed(window));
    REQUIRE(kiosk.workflow->screen() == Screen::Attract);

    SECTION("a short press does nothing; a traveler's transaction is never interrupted") {
        holdCorner(window, 1500);
        CHECK(console->stage() == Stage::Closed);
        kiosk.workflow->start();
        REQUIRE(kiosk.workflow->screen() == Screen::Language);
        holdCorner(window, 5600);
        CHECK(console->stage() == Stage::Closed);
        CHECK(kiosk.workflow->screen() == Screen::Language);
    }
    SECTION("hold 5 s, wrong PIN refused, right PIN in, out of service, logout back, all audited") {
        holdCorner(window, 5600);
        REQUIRE(console->stage() == Stage::PinPrompt);
        console->login(QStringLiteral("t-017"), QStringLiteral("111111"));
        CHECK(console->stage() == Stage::PinPrompt);
        CHECK(console->loginRejected());
        CHECK_FALSE(kiosk.workflow->technicianActive());
        console->login(QStringLiteral("t-017"), QStringLiteral("472913"));
        REQUIRE(console->stage() == Stage::Session);
        CHECK(kiosk.workflow->technicianActive());
        CHECK(kiosk.workflow->screen() == Screen::OutOfService);
        kiosk.workflow->start();  // nobody gets in meanwhile
        CHECK(kiosk.workflow->screen() == Screen::OutOfService);
        console->setPage(kiosk::technician::TechnicianConsole::Page::Printer);
        console->logout();
        CHECK(console->stage() == Stage::Closed);
        CHECK(kiosk.workflow->screen() == Screen::Attract);

        auto records = (*audit)->recent(30);
        REQUIRE(records);
        std::vector<std::string> steps;
        for (const auto& r : *records)
            if (r.step.starts_with("technician.")) steps.push_back(r.step + ":" + r.outcome);
        const std::vector<std::string> expected = {"technician.login:rejected", "technician.login:accepted",
                                                   "technician.action:ok", "technician.logout:logout"};
        CHECK(steps == expected);
        for (const auto& r : *records) CHECK(r.details.find("472913") == std::string::npos);
        auto verified = kiosk::audit::verifyAudit(kiosk.dir / "audit", (*audit)->publicKey());
        REQUIRE(verified);
        CHECK(verified->intact);
    }
}
