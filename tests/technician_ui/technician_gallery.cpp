// Renders every page of the technician console offscreen against a whole simulated kiosk, saves each
// as a PNG, and fails when a page is blank or any text is cut short, wider than its box or spills
// out of its container. Usage: technician_gallery OUT_DIR [--docs DIR] (--docs: the manual's copies).
#include <QDir>
#include <QGuiApplication>
#include <QQuickItem>
#include <QQuickView>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <set>

#include "app/kiosk_setup.h"
#include "app/technician/console/technician_console.h"
#include "devices/sim/fingerprints/synthetic_fingerprint.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/simulated_receipt_printer.h"
#include "tests/support/simulated_kiosk.h"
#include "tests/technician_ui/fake_wizard.h"
#ifdef KIOSK_HAS_FINGERPRINT_CALIBRATION
#include "app/technician/console/fingerprint_calibration_screen.h"
#endif
#ifdef KIOSK_HAS_PASSPORT_CALIBRATION
#include "app/technician/console/passport_calibration_screen.h"
#endif
#ifdef KIOSK_HAS_PRINTER_CALIBRATION
#include "app/technician/console/printer_calibration_screen.h"
#endif

Q_IMPORT_QML_PLUGIN(KioskTechnicianPlugin)

using kiosk::technician::TechnicianConsole;
using Page = TechnicianConsole::Page;

namespace {

int failures = 0;

void complain(const QString& what) {
    ++failures;
    std::fprintf(stderr, "FAIL %s\n", qPrintable(what));
}

void checkTexts(QQuickItem* item, const QString& where) {
    if (!item || !item->isVisible() || item->opacity() == 0) return;
    if (qstrcmp(item->metaObject()->className(), "QQuickText") == 0 && !item->property("text").toString().isEmpty()) {
        const double contentWidth = item->property("contentWidth").toDouble();
        const auto text = item->property("text").toString().left(40);
        if (item->property("truncated").toBool())
            complain(QStringLiteral("%1: text \"%2\" is cut short").arg(where, text));
        else if (item->width() > 0 && contentWidth > item->width() + 1.5)
            complain(QStringLiteral("%1: text \"%2\" is %3 px wide in a %4 px box").arg(where, text).arg(contentWidth).arg(item->width()));
        if (auto* parent = item->parentItem(); parent && parent->width() > 0) {
            const double w = item->width() > 0 ? std::min(contentWidth, item->width()) : contentWidth;
            const auto mine = item->mapRectToScene(QRectF(0, 0, w, item->height()));
            const auto box = parent->mapRectToScene(QRectF(0, 0, parent->width(), parent->height()));
            if (mine.left() < box.left() - 1.5 || mine.right() > box.right() + 1.5)
                complain(QStringLiteral("%1: text \"%2\" spills out of its container").arg(where, text));
        }
    }
    for (auto* child : item->childItems()) checkTexts(child, where);
}

// Repeater delegates are found through the visual tree, not the QObject tree.
QQuickItem* findItem(QQuickItem* item, const QString& name) {
    if (!item) return nullptr;
    if (item->objectName() == name) return item;
    for (auto* child : item->childItems())
        if (auto* found = findItem(child, name)) return found;
    return nullptr;
}

// A page that rendered nothing is one colour; a real page has text, frames and pictures.
bool looksBlank(const QImage& image) {
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7) {
            colours.insert(image.pixel(x, y));
            if (colours.size() > 20) return false;
        }
    return true;
}

}  // namespace

int main(int argc, char* argv[]) {
    // A QML warning from the console's files (a failed binding, an unknown property) is a failure.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        if (type != QtDebugMsg && type != QtInfoMsg && message.contains(QLatin1String("Kiosk/Technician/")))
            complain(QStringLiteral("QML: ") + message);
    });
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_QUICK_BACKEND", "software");
    QGuiApplication app(argc, argv);
    const auto args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: technician_gallery OUT_DIR [--docs DIR]\n");
        return 2;
    }
    QDir out(args[1]);
    out.mkpath(QStringLiteral("."));
    QDir docs(QStringLiteral("."));
    bool withDocs = false;
    if (const auto i = args.indexOf(QStringLiteral("--docs")); i > 0 && i + 1 < args.size()) {
        docs = QDir(args[i + 1]);
        docs.mkpath(QStringLiteral("."));
        withDocs = true;
    }

    kiosk::test::SimulatedKiosk kiosk;
    if (!kiosk.setupProblem.isEmpty()) {
        std::fprintf(stderr, "simulated kiosk: %s\n", qPrintable(kiosk.setupProblem));
        return 1;
    }
    kiosk::technician::ConsoleServices services;
    services.passportReader = kiosk.devices.passportReader;
    services.fingerprintScanner = kiosk.devices.fingerprintScanner;
    services.receiptPrinter = kiosk.devices.receiptPrinter;
    if (auto cache = kiosk::app::openMemberCache(kiosk.config, kiosk.dir)) services.members = *cache;
    services.config = kiosk.config;
    services.dataDir = kiosk.dir;
    services.version = "1.0.0 (simulator)";
    services.startTime = std::chrono::system_clock::now() - std::chrono::minutes(75);
    auto counters = std::make_shared<kiosk::technician::DeviceCounters>();
    using kiosk::technician::CountedDevice;
    using kiosk::technician::DeviceCounter;
    counters->increment(CountedDevice::PassportReader, DeviceCounter::Reads, 42);
    counters->increment(CountedDevice::PassportReader, DeviceCounter::Misreads, 2);
    counters->increment(CountedDevice::FingerprintScanner, DeviceCounter::Captures, 51);
    counters->increment(CountedDevice::FingerprintScanner, DeviceCounter::Retries, 9);
    counters->increment(CountedDevice::ReceiptPrinter, DeviceCounter::Prints, 38);
    services.counters = counters;
    services.recentAuditEvents = [] {
        return std::vector<std::string>{
            R"({"time":"2026-11-27T02:58:11Z","step":"kiosk.start","outcome":"ok"})",
            R"({"time":"2026-11-27T03:02:40Z","transaction":"T-000041","step":"decision","outcome":"cleared"})",
            R"({"time":"2026-11-27T03:05:02Z","step":"technician.login","outcome":"accepted","details":{"technician":"17"}})"};
    };
    auto pinFailures = std::make_shared<int>(0);
    services.checkPin = [pinFailures](std::string id, std::string pin) {
        if (id == "17" && pin == "246810") return kiosk::technician::LoginOutcome::accepted();
        return ++*pinFailures >= 2 ? kiosk::technician::LoginOutcome::locked(30) : kiosk::technician::LoginOutcome::rejected(2);
    };
    // The console's clock, moved forward for the lockout's end and the idle countdown.
    auto skew = std::make_shared<std::chrono::seconds>(0);
    services.now = [skew] { return std::chrono::system_clock::now() + *skew; };
    TechnicianConsole console(services);
    console.addWizard(new kiosk::test::FakeWizard(true));
    console.addWizard(new kiosk::test::FakeWizard(false));

    QQuickView view;
    view.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&console)}});
    view.setSource(QUrl(QStringLiteral("qrc:/Kiosk/Technician/TechnicianConsole.qml")));
    if (view.status() != QQuickView::Ready) {
        for (const auto& e : view.errors()) std::fprintf(stderr, "%s\n", qPrintable(e.toString()));
        return 1;
    }
    view.resize(1080, 1920);
    view.show();

    int shots = 0;
    const auto shoot = [&](const QString& name) {
        QTest::qWait(60);  // the loader, the bindings and one frame
        const QImage image = view.grabWindow();
        image.save(out.filePath(name + QStringLiteral(".png")));
        if (withDocs) image.scaledToWidth(540, Qt::SmoothTransformation).save(docs.filePath(name + QStringLiteral(".png")));
        if (looksBlank(image)) complain(name + QStringLiteral(": the page is blank"));
        checkTexts(view.contentItem(), name);
        ++shots;
    };

    // The keypad as a technician uses it: the id in clear, the PIN as dots, nothing else.
    const auto tap = [&](const QString& key) {
        auto* button = findItem(view.rootObject(), QStringLiteral("key-") + key);
        if (!button) return complain(QStringLiteral("no keypad key ") + key);
        QMetaObject::invokeMethod(button, "clicked");
    };
    const auto textOf = [&](const char* name) {
        auto* item = findItem(view.rootObject(), QLatin1String(name));
        return item ? item->property("text").toString() : QString();
    };
    console.requestEntry();
    for (const char* key : {"1", "7", "OK", "2", "4", "6", "8"}) tap(QLatin1String(key));
    if (textOf("idText") != QStringLiteral("17")) complain(QStringLiteral("keypad: the id shows \"%1\"").arg(textOf("idText")));
    if (textOf("pinDots") != QString(4, QChar(0x25CF))) complain(QStringLiteral("keypad: the PIN is not shown as 4 dots"));
    shoot(QStringLiteral("01-pin-prompt"));
    tap(QStringLiteral("OK"));  // 2468 is not the PIN
    if (!console.loginRejected() || !textOf("pinDots").isEmpty()) complain(QStringLiteral("keypad: a wrong PIN was not refused and cleared"));
    shoot(QStringLiteral("02-pin-rejected"));
    for (const char* key : {"1", "1", "1", "1", "OK"}) tap(QLatin1String(key));
    if (console.lockedSecondsLeft() != 30) complain(QStringLiteral("no lockout after the second failure"));
    shoot(QStringLiteral("02b-pin-locked"));
    *skew = std::chrono::seconds(31);  // the lockout is over
    console.tick();
    console.login(QStringLiteral("17"), QStringLiteral("246810"));
    if (console.stage() != TechnicianConsole::Stage::Session) complain(QStringLiteral("login failed"));
    shoot(QStringLiteral("03-overview"));

    kiosk.devices.fingerprintScanner->placeFinger(kiosk::sim::generateImpression(kiosk::sim::generateMasterPrint(11), {}));
    console.setPage(Page::Fingerprint);
    auto* fp = console.fingerprint();
    if (!QTest::qWaitFor([&] { return fp->frameCount() >= 2 && fp->analysisCount() >= 1; }, 20000))
        complain(QStringLiteral("fingerprint: no frame or analysis"));
    shoot(QStringLiteral("04-fingerprint"));

    console.setPage(Page::Passport);
    console.passport()->readTestPage(1);
    if (!QTest::qWaitFor([&] { return console.passport()->hasResult() && !console.passport()->busy(); }, 30000))
        complain(QStringLiteral("passport: no result"));
    shoot(QStringLiteral("05-passport"));

    console.setPage(Page::Printer);
    console.printer()->printTestReceipt();
    if (!QTest::qWaitFor([&] { return console.printer()->testPrints() == 1; }, 10000)) complain(QStringLiteral("printer: no result"));
    shoot(QStringLiteral("06-printer"));

    console.setPage(Page::Members);
    if (!QTest::qWaitFor([&] { return console.membersAvailable(); }, 10000)) complain(QStringLiteral("members: no stats"));
    shoot(QStringLiteral("07-members"));

    console.setPage(Page::Kiosk);
    shoot(QStringLiteral("08-kiosk"));

    console.setPage(Page::Calibration);
    shoot(QStringLiteral("09-calibration"));
    console.openWizard(0);
    shoot(QStringLiteral("10-wizard-start"));
    console.activeWizard()->start();
    console.activeWizard()->next();
    shoot(QStringLiteral("11-wizard-step"));
    console.activeWizard()->next();
    console.activeWizard()->next();
    shoot(QStringLiteral("12-wizard-passed"));
    console.closeWizard();
    console.openWizard(1);
    console.activeWizard()->start();
    for (int i = 0; i < 3; ++i) console.activeWizard()->next();
    shoot(QStringLiteral("13-wizard-failed"));
    console.closeWizard();

#ifdef KIOSK_HAS_FINGERPRINT_CALIBRATION
    // The real fingerprint calibration on its own worn scanner (the kiosk's has a finger on it).
    auto worn = std::make_shared<kiosk::sim::SimulatedFingerprintScanner>();
    kiosk::sim::PlatenOptions platen;
    platen.whiteLevelGrey = 232;
    platen.falloffPercent = 35;
    platen.gradientPercent = 12;
    platen.gainNoisePercent = 2.0;
    platen.temporalNoiseGrey = 1.5;
    platen.deadPixels = 12;
    platen.dustSpecks = 3;
    worn->setPlaten(kiosk::sim::PlatenModel(platen));
    kiosk::calibration::fingerprint::FingerprintCalibrationWizard::Options calibrationOptions;
    calibrationOptions.calibrationDir = kiosk.dir / "calibration";
    console.addWizard(new kiosk::technician::FingerprintCalibrationScreen(worn, calibrationOptions));
    console.openWizard(2);
    auto* real = console.activeWizard();
    real->start();
    bool shotCleaning = false;
    for (int i = 0; i < 10 && real->status() == kiosk::technician::CalibrationWizard::Status::Running; ++i) {
        if (!QTest::qWaitFor([&] { return real->canGoNext() || real->status() != kiosk::technician::CalibrationWizard::Status::Running; }, 60000))
            complain(QStringLiteral("fingerprint calibration: a step never ended"));
        if (real->status() != kiosk::technician::CalibrationWizard::Status::Running) break;
        if (real->nextLabel() == QStringLiteral("I have cleaned the platen")) {
            if (!shotCleaning) shoot(QStringLiteral("15-fingerprint-calibration-clean"));
            shotCleaning = true;
            worn->cleanPlaten();
        }
        if (real->nextLabel() == QStringLiteral("The target is in place")) worn->placeTestTarget();
        real->next();
    }
    if (!QTest::qWaitFor([&] { return real->status() != kiosk::technician::CalibrationWizard::Status::Running; }, 60000))
        complain(QStringLiteral("fingerprint calibration: no result"));
    shoot(QStringLiteral("16-fingerprint-calibration-result"));
    console.closeWizard();
#endif

    using Status = kiosk::technician::CalibrationWizard::Status;
    const auto finishedRun = [&](kiosk::technician::CalibrationWizard* w, const QString& what) {
        if (!QTest::qWaitFor([&] { return w->status() != Status::Running; }, 180000))
            complain(what + QStringLiteral(": no result"));
    };
#ifdef KIOSK_HAS_PASSPORT_CALIBRATION
    // The passport camera's calibration on the aged simulated page camera: the white card, the focus
    // sweep, the result with the located MRZ band.
    kiosk::technician::PassportCalibrationScreen::Options passportOptions;
    passportOptions.calibrationDir = kiosk.dir / "calibration";
    console.addWizard(new kiosk::technician::PassportCalibrationScreen(passportOptions));
    console.openWizard(console.wizardCount() - 1);
    auto* passport = console.activeWizard();
    passport->start();
    passport->next();
    if (!QTest::qWaitFor([&] { return passport->canGoNext(); }, 60000)) complain(QStringLiteral("passport calibration: no white card"));
    shoot(QStringLiteral("17-passport-calibration-card"));
    passport->next();
    if (!QTest::qWaitFor([&] { return passport->prompt().startsWith(QStringLiteral("Focus step")) && passport->progress() > 0.4; }, 60000))
        complain(QStringLiteral("passport calibration: no focus sweep"));
    shoot(QStringLiteral("18-passport-calibration-focus"));
    finishedRun(passport, QStringLiteral("passport calibration"));
    if (passport->status() != Status::Passed) complain(QStringLiteral("passport calibration did not pass"));
    shoot(QStringLiteral("19-passport-calibration-passed"));
    console.closeWizard();
#endif
#ifdef KIOSK_HAS_PRINTER_CALIBRATION
    // The printer check on the kiosk's simulated printer, then on one out of paper.
    kiosk::technician::PrinterCalibrationScreen::Options printerOptions;
    printerOptions.calibrationDir = kiosk.dir / "calibration";
    printerOptions.configuredDotsPerLine = kiosk.devices.receiptPrinter->dotsPerLine();
    console.addWizard(new kiosk::technician::PrinterCalibrationScreen(kiosk.devices.receiptPrinter, printerOptions));
    console.openWizard(console.wizardCount() - 1);
    auto* printerCheck = console.activeWizard();
    printerCheck->start();
    if (!QTest::qWaitFor([&] { return printerCheck->canGoNext(); }, 10000)) complain(QStringLiteral("printer calibration: no first step"));
    shoot(QStringLiteral("20-printer-calibration-check"));
    printerCheck->next();
    finishedRun(printerCheck, QStringLiteral("printer calibration"));
    if (printerCheck->status() != Status::Passed) complain(QStringLiteral("printer calibration did not pass"));
    shoot(QStringLiteral("21-printer-calibration-passed"));
    console.closeWizard();
    auto empty = std::make_shared<kiosk::sim::SimulatedReceiptPrinter>(kiosk.dir / "paper-out", printerOptions.configuredDotsPerLine);
    kiosk::devices::PrinterStatus paperOut;
    paperOut.online = true;
    paperOut.paperOut = true;
    empty->setStatus(paperOut);
    console.addWizard(new kiosk::technician::PrinterCalibrationScreen(empty, printerOptions));
    console.openWizard(console.wizardCount() - 1);
    auto* emptyCheck = console.activeWizard();
    emptyCheck->start();
    if (!QTest::qWaitFor([&] { return emptyCheck->canGoNext(); }, 10000)) complain(QStringLiteral("printer calibration: no first step"));
    emptyCheck->next();
    finishedRun(emptyCheck, QStringLiteral("printer calibration, paper out"));
    if (emptyCheck->status() != Status::Failed) complain(QStringLiteral("printer calibration passed without paper"));
    shoot(QStringLiteral("22-printer-calibration-paper-out"));
    console.closeWizard();
#endif

    // The idle countdown near the end of a session.
    console.setPage(Page::Overview);
    *skew += std::chrono::seconds(kiosk.config.technician.idleTimeoutSeconds - 45);
    console.tick();
    if (!console.idleWarning()) complain(QStringLiteral("no idle warning 45 s before the end"));
    shoot(QStringLiteral("14-idle-warning"));
    *skew += std::chrono::seconds(46);
    console.tick();
    if (console.stage() != TechnicianConsole::Stage::Closed) complain(QStringLiteral("the idle session did not end"));
    std::printf("%d pages in %s, %d problems\n", shots, qPrintable(out.absolutePath()), failures);
    return failures == 0 ? 0 : 1;
}
