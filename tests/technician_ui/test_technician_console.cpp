// The technician console's controllers: counters, masking, the login flow against a fake PIN check,
// and the pages' controllers against a whole simulated kiosk.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "app/biometrics/feature_extractor.h"
#include "app/kiosk_setup.h"
#include "app/technician/console/device_counters.h"
#include "app/technician/console/kiosk_info.h"
#include "app/technician/console/technician_console.h"
#include "devices/sim/fingerprints/synthetic_fingerprint.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "devices/sim/simulated_receipt_printer.h"
#include "devices/sim/simulated_passport_reader.h"
#include "tests/support/simulated_kiosk.h"
#include "tests/technician_ui/fake_wizard.h"

using namespace kiosk;
using namespace kiosk::technician;

namespace {

QGuiApplication& qtApp() {
    static int argc = 1;
    static char name[] = "test_technician_console";
    static char* argv[] = {name, nullptr};
    static QGuiApplication instance(argc, argv);
    return instance;
}

// A PIN check like the PinStore's: one id, one PIN, three failures then a lockout.
struct FakePins {
    int failures = 0;
    int calls = 0;
    LoginOutcome check(const std::string& id, const std::string& pin) {
        ++calls;
        if (failures >= 3) return LoginOutcome::locked(30);
        if (id == "17" && pin == "246810") {
            failures = 0;
            return LoginOutcome::accepted();
        }
        ++failures;
        return failures >= 3 ? LoginOutcome::locked(30) : LoginOutcome::rejected(3 - failures);
    }
};

struct Clock {
    std::chrono::system_clock::time_point t = std::chrono::system_clock::now();
};

ConsoleServices servicesFor(test::SimulatedKiosk& kiosk, std::shared_ptr<Clock> clock, std::shared_ptr<FakePins> pins,
                            std::shared_ptr<std::vector<std::string>> actions) {
    ConsoleServices s;
    s.passportReader = kiosk.devices.passportReader;
    s.fingerprintScanner = kiosk.devices.fingerprintScanner;
    s.receiptPrinter = kiosk.devices.receiptPrinter;
    auto cache = app::openMemberCache(kiosk.config, kiosk.dir);  // a second connection to the kiosk's cache
    if (cache) s.members = *cache;
    s.config = kiosk.config;
    s.dataDir = kiosk.dir;
    s.version = "9.9.9-test";
    s.startTime = clock->t - std::chrono::hours(3);
    s.now = [clock] { return clock->t; };
    s.recordAction = [actions](std::string a) { actions->push_back(std::move(a)); };
    s.checkPin = [pins](std::string id, std::string pin) { return pins->check(id, pin); };
    s.recentAuditEvents = [] {
        return std::vector<std::string>{R"({"step":"decision","outcome":"cleared"})", R"({"step":"kiosk.start"})"};
    };
    auto counters = std::make_shared<DeviceCounters>();
    counters->increment(CountedDevice::PassportReader, DeviceCounter::Reads, 5);
    counters->increment(CountedDevice::PassportReader, DeviceCounter::Misreads);
    s.counters = counters;
    return s;
}

}  // namespace

TEST_CASE("device counters count per device and start a new today at midnight", "[technician]") {
    std::int64_t day = 20000;
    DeviceCounters counters([&day] { return day; });
    counters.increment(CountedDevice::PassportReader, DeviceCounter::Reads);
    counters.increment(CountedDevice::PassportReader, DeviceCounter::Reads);
    counters.increment(CountedDevice::ReceiptPrinter, DeviceCounter::PrintFailures);
    auto s = counters.snapshot();
    CHECK(s.total(CountedDevice::PassportReader, DeviceCounter::Reads) == 2);
    CHECK(s.ofToday(CountedDevice::PassportReader, DeviceCounter::Reads) == 2);
    CHECK(s.ofToday(CountedDevice::ReceiptPrinter, DeviceCounter::PrintFailures) == 1);
    CHECK(s.total(CountedDevice::FingerprintScanner, DeviceCounter::Captures) == 0);

    day = 20001;  // midnight: "today" starts from zero, "since start" keeps counting
    s = counters.snapshot();
    CHECK(s.day == 20001);
    CHECK(s.ofToday(CountedDevice::PassportReader, DeviceCounter::Reads) == 0);
    CHECK(s.total(CountedDevice::PassportReader, DeviceCounter::Reads) == 2);
    counters.increment(CountedDevice::PassportReader, DeviceCounter::Reads, 3);
    s = counters.snapshot();
    CHECK(s.ofToday(CountedDevice::PassportReader, DeviceCounter::Reads) == 3);
    CHECK(s.total(CountedDevice::PassportReader, DeviceCounter::Reads) == 5);
}

TEST_CASE("device counters are safe to count from several threads", "[technician]") {
    DeviceCounters counters;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&counters] {
            for (int i = 0; i < 10000; ++i) counters.increment(CountedDevice::FingerprintScanner, DeviceCounter::Captures);
        });
    for (auto& t : threads) t.join();
    CHECK(counters.snapshot().total(CountedDevice::FingerprintScanner, DeviceCounter::Captures) == 40000);
}

TEST_CASE("secrets are masked at any depth, other values kept", "[technician]") {
    const auto in = QJsonDocument::fromJson(R"({"kiosk_id":"K1","api_token":"abc","nested":{"Secret":"s",
        "list":[{"pin":"1234","ok":1}],"deployment_key_file":"/x"},"interval":5})").object();
    const auto out = maskSecrets(in);
    CHECK(out["kiosk_id"].toString() == "K1");
    CHECK(out["interval"].toInt() == 5);
    CHECK(out["api_token"].toString() == "********");
    const auto nested = out["nested"].toObject();
    CHECK(nested["Secret"].toString() == "********");
    CHECK(nested["deployment_key_file"].toString() == "********");
    const auto element = nested["list"].toArray()[0].toObject();
    CHECK(element["pin"].toString() == "********");
    CHECK(element["ok"].toInt() == 1);
    CHECK_FALSE(isSecretKey("kiosk_id"));
}

TEST_CASE("the configuration shown is the one in force, with secrets masked", "[technician]") {
    qtApp();
    test::SimulatedKiosk kiosk;
    REQUIRE(kiosk.setupProblem.isEmpty());
    auto cfg = kiosk.config;
    cfg.memberList.publisherKeyFile = "/etc/kiosk/publisher.key";
    const auto json = maskSecrets(configToJson(cfg));
    CHECK(json["kiosk_id"].toString() == QString::fromStdString(cfg.kioskId));
    CHECK(json["member_list"].toObject()["publisher_key_file"].toString() == "********");
    CHECK(json["member_list"].toObject()["max_age_hours"].toInt() == cfg.memberList.maxAgeHours);
    CHECK(json["devices"].toObject()["fingerprint_scanner"].toString() == "simulated");
    CHECK_FALSE(QJsonDocument(json).toJson().contains("publisher.key"));
}

TEST_CASE("extractWithStages returns what extractTemplate returns, plus the stages", "[technician][biometrics]") {
    const auto image = sim::generateImpression(sim::generateMasterPrint(42), {});
    const auto plain = biometrics::extractTemplate(image);
    const auto staged = biometrics::extractWithStages(image);
    REQUIRE(plain);
    REQUIRE(staged.result);
    REQUIRE(plain->minutiae.size() == staged.result->minutiae.size());
    for (std::size_t i = 0; i < plain->minutiae.size(); ++i) {
        CHECK(plain->minutiae[i].x == staged.result->minutiae[i].x);
        CHECK(plain->minutiae[i].angleRad == staged.result->minutiae[i].angleRad);
    }
    const auto& s = staged.stages;
    CHECK(s.width == plain->width);
    CHECK(s.mask.size() == static_cast<std::size_t>(s.width * s.height));
    CHECK(s.foregroundFraction > 0.2);
    CHECK(s.blocksWide == s.width / s.blockSizePx);
    const auto drawn = std::count_if(s.blockRidgeAngleRad.begin(), s.blockRidgeAngleRad.end(), [](float a) { return a >= 0; });
    CHECK(drawn > 20);
    CHECK(s.ridgePeriodPx > 5);
    // The overlay draws something where the finger is and leaves the rest transparent.
    const QImage overlay = renderStagesOverlay(staged);
    REQUIRE(overlay.width() == s.width);
    CHECK(qAlpha(overlay.pixel(0, 0)) == 0);
    // An empty platen: no template, but the stages still say why.
    GreyImage blank{300, 300, 500, std::vector<std::uint8_t>(300 * 300, 230)};
    const auto none = biometrics::extractWithStages(blank);
    CHECK_FALSE(none.result);
    CHECK(none.stages.width == 300);
    CHECK(none.stages.foregroundFraction < 0.08);
}

TEST_CASE("login: accepted, rejected with attempts left, locked with a countdown", "[technician]") {
    qtApp();
    test::SimulatedKiosk kiosk;
    REQUIRE(kiosk.setupProblem.isEmpty());
    auto clock = std::make_shared<Clock>();
    auto pins = std::make_shared<FakePins>();
    auto actions = std::make_shared<std::vector<std::string>>();
    TechnicianConsole console(servicesFor(kiosk, clock, pins, actions));
    int started = 0;
    QStringList ended;
    QObject::connect(&console, &TechnicianConsole::sessionStarted, [&] { ++started; });
    QObject::connect(&console, &TechnicianConsole::sessionEnded, [&](const QString& r) { ended << r; });

    CHECK(console.stage() == TechnicianConsole::Stage::Closed);
    console.login("17", "246810");  // no prompt shown: ignored
    CHECK(pins->calls == 0);
    console.requestEntry();
    REQUIRE(console.stage() == TechnicianConsole::Stage::PinPrompt);

    console.login("17", "000000");
    CHECK(console.stage() == TechnicianConsole::Stage::PinPrompt);
    CHECK(console.loginRejected());
    CHECK(console.loginMessage().contains("2 attempt"));
    CHECK_FALSE(console.loginMessage().contains("000000"));

    console.login("17", "111111");
    console.login("17", "222222");  // the third failure locks
    CHECK(console.lockedSecondsLeft() == 30);
    CHECK(console.loginMessage().contains("30 s"));
    const int callsBefore = pins->calls;
    console.login("17", "246810");  // during the lockout the PIN is not even checked
    CHECK(pins->calls == callsBefore);
    CHECK(console.stage() == TechnicianConsole::Stage::PinPrompt);

    clock->t += std::chrono::seconds(12);
    console.tick();
    CHECK(console.lockedSecondsLeft() == 18);
    clock->t += std::chrono::seconds(19);
    console.tick();
    CHECK(console.lockedSecondsLeft() == 0);
    pins->failures = 0;  // the store's lockout ended too
    console.login("17", "246810");
    CHECK(console.stage() == TechnicianConsole::Stage::Session);
    CHECK(console.technician() == "17");
    CHECK(started == 1);

    console.setPage(TechnicianConsole::Page::Kiosk);
    CHECK(actions->back() == "page.kiosk");
    console.logout();
    CHECK(console.stage() == TechnicianConsole::Stage::Closed);
    REQUIRE(ended.size() == 1);
    CHECK(ended[0] == "logout");
}

TEST_CASE("an idle session ends by itself, with a warning before", "[technician]") {
    qtApp();
    test::SimulatedKiosk kiosk;
    REQUIRE(kiosk.setupProblem.isEmpty());
    auto clock = std::make_shared<Clock>();
    auto pins = std::make_shared<FakePins>();
    auto actions = std::make_shared<std::vector<std::string>>();
    auto services = servicesFor(kiosk, clock, pins, actions);
    services.config.technician.idleTimeoutSeconds = 300;
    TechnicianConsole console(services);
    QStringList ended;
    QObject::connect(&console, &TechnicianConsole::sessionEnded, [&](const QString& r) { ended << r; });
    console.requestEntry();
    console.login("17", "246810");
    REQUIRE(console.stage() == TechnicianConsole::Stage::Session);
    clock->t += std::chrono::seconds(200);
    console.tick();
    CHECK_FALSE(console.idleWarning());
    console.touched();  // a touch restarts the countdown
    clock->t += std::chrono::seconds(250);
    console.tick();
    CHECK(console.idleWarning());
    CHECK(console.idleSecondsLeft() == 50);
    clock->t += std::chrono::seconds(50);
    console.tick();
    CHECK(console.stage() == TechnicianConsole::Stage::Closed);
    REQUIRE(ended.size() == 1);
    CHECK(ended[0] == "idle");
}

TEST_CASE("the console's pages against a simulated kiosk", "[technician]") {
    qtApp();
    test::SimulatedKiosk kiosk;
    REQUIRE(kiosk.setupProblem.isEmpty());
    auto clock = std::make_shared<Clock>();
    auto pins = std::make_shared<FakePins>();
    auto actions = std::make_shared<std::vector<std::string>>();
    TechnicianConsole console(servicesFor(kiosk, clock, pins, actions));
    console.requestEntry();
    console.login("17", "246810");
    REQUIRE(console.stage() == TechnicianConsole::Stage::Session);

    SECTION("overview: every device, identity not reported, counters") {
        const auto& rows = console.devices()->rows();
        REQUIRE(rows.size() == 3);
        CHECK(rows[0].kind == "Passport reader");
        CHECK(rows[0].state == "ready");
        const auto id = kiosk.devices.passportReader->identity();  // what the simulator reports, if anything
        CHECK(rows[0].serial == (id.serial.empty() ? QStringLiteral("not reported") : QString::fromStdString(id.serial)));
        CHECK(rows[0].counters.join("|").contains("reads: 5 today, 5 since start"));
        kiosk.panel->setDeviceConnected(QStringLiteral("fingerprint"), false);
        console.refresh();
        CHECK(console.devices()->rows()[1].state == "disconnected");
        CHECK_FALSE(console.devices()->rows()[1].usable);
    }
    SECTION("member list: size, sequence and age from the cache") {
        REQUIRE(QTest::qWaitFor([&] { return console.membersAvailable(); }, 10000));
        CHECK(console.memberCount() > 0);
        CHECK(console.memberSequence() >= 0);
        CHECK_FALSE(console.memberListStale());
        CHECK_FALSE(console.syncAvailable());
        CHECK(console.nextSync().contains("no sync source"));
    }
    SECTION("kiosk: version, config masked, memory, uptime, newest audit event first") {
        CHECK(console.version() == "9.9.9-test");
        CHECK(console.configJson().contains("\"kiosk_id\""));
        // Heap and mapped files apart (kiosk_info.h): a mapped member list is not the kiosk's heap.
        CHECK(console.memory().contains("resident"));
        CHECK(console.memory().contains("of mapped files"));
        const auto memory = residentMemory();
        REQUIRE(memory.has_value());
        CHECK(memory->anonymous > 0);
        CHECK(memory->mappedFiles > 0);  // the test program and its libraries at least
        CHECK(console.uptime() == "3 h 00 min");
        REQUIRE(console.auditEvents().size() == 2);
        CHECK(console.auditEvents()[0].contains("kiosk.start"));
    }
    SECTION("printer: status bits and a test receipt on paper, a failure with paper out") {
        auto& printer = *console.printer();
        CHECK(printer.online());
        const int pagesBefore = kiosk.devices.receiptPrinter->pagesPrinted();
        printer.printTestReceipt();
        REQUIRE(QTest::qWaitFor([&] { return printer.testPrints() == 1; }, 10000));
        CHECK(printer.lastPrintOk());
        CHECK(kiosk.devices.receiptPrinter->pagesPrinted() == pagesBefore + 1);
        kiosk.panel->setPrinterFault(QStringLiteral("paper-out"));
        printer.refresh();
        CHECK(printer.paperOut());
        CHECK_FALSE(printer.canPrint());
        printer.printTestReceipt();
        REQUIRE(QTest::qWaitFor([&] { return printer.testPrints() == 2; }, 10000));
        CHECK_FALSE(printer.lastPrintOk());
        CHECK(printer.lastResult().startsWith("failed"));
    }
    SECTION("passport: a synthetic page read with each character's confidence") {
        auto& passport = *console.passport();
        passport.readTestPage(0);
        REQUIRE(QTest::qWaitFor([&] { return passport.hasResult() && !passport.busy(); }, 30000));
        CHECK(passport.readOk());
        REQUIRE(passport.lines().size() == 2);
        CHECK(passport.lines()[0].size() == 44);
        CHECK(passport.confidences().size() == 88);
        CHECK(passport.lowestConfidence() > 0.0);
        CHECK_FALSE(passport.band().isNull());
        CHECK_FALSE(passport.pageOverlay().isNull());
        CHECK(passport.printedArea().size() == 1);
        CHECK(actions->back() == "passport.test_page");
    }
    SECTION("fingerprint: live frames off the UI thread only while the page is shown, stages of a finger") {
        auto& fp = *console.fingerprint();
        CHECK_FALSE(fp.running());
        kiosk.devices.fingerprintScanner->placeFinger(sim::generateImpression(sim::generateMasterPrint(7), {}));
        console.setPage(TechnicianConsole::Page::Fingerprint);
        CHECK(fp.running());
        REQUIRE(QTest::qWaitFor([&] { return fp.frameCount() >= 3 && fp.analysisCount() >= 1; }, 20000));
        CHECK(fp.message().isEmpty());
        CHECK(fp.histogram().size() == 256);
        CHECK(fp.histogramPeak() > 0);
        CHECK(fp.minutiaeCount() >= 4);
        CHECK(fp.qualityScore() > 0);
        CHECK_FALSE(fp.overlay().isNull());
        console.setPage(TechnicianConsole::Page::Overview);
        CHECK_FALSE(fp.running());
        const int frames = fp.frameCount();
        QTest::qWait(300);
        CHECK(fp.frameCount() == frames);
        CHECK(actions->front() == "page.fingerprint");
    }
    SECTION("wizard: steps to a pass with figures, recorded") {
        auto* wizard = new test::FakeWizard(true);
        console.addWizard(wizard);
        console.setPage(TechnicianConsole::Page::Calibration);
        console.openWizard(0);
        REQUIRE(console.activeWizard() == wizard);
        wizard->start();
        CHECK(wizard->canGoNext());
        CHECK(wizard->highlights().size() == 1);
        wizard->next();
        wizard->next();
        CHECK(wizard->progress() > 0.5);
        wizard->next();
        CHECK(wizard->status() == CalibrationWizard::Status::Passed);
        CHECK(wizard->figures().size() == 2);
        CHECK(actions->back() == "calibration.fingerprint.passed");
        console.closeWizard();
        CHECK(console.activeWizard() == nullptr);
    }
}

TEST_CASE("a scanner that cannot take frames says so on the page instead of failing", "[technician]") {
    qtApp();
    struct FramelessScanner : devices::FingerprintScanner {
        void startCapture(CaptureHandler) override {}
        void cancelCapture() override {}
        [[nodiscard]] devices::DeviceHealth health() const override { return {devices::DeviceHealth::State::Ready, {}}; }
        [[nodiscard]] std::string name() const override { return "frameless"; }
    };
    // A device that reports no identity shows "not reported", not blanks.
    ConsoleServices services;
    services.fingerprintScanner = std::make_shared<FramelessScanner>();
    TechnicianConsole console(services);
    REQUIRE(console.devices()->rows().size() == 1);
    CHECK(console.devices()->rows()[0].serial == "not reported");
    CHECK(console.devices()->rows()[0].vendor == "not reported");

    FingerprintDiagnostics fp(std::make_shared<FramelessScanner>());
    fp.start();
    REQUIRE(QTest::qWaitFor([&] { return !fp.message().isEmpty(); }, 5000));
    CHECK(fp.message().contains("cannot take a frame"));
    CHECK(fp.frameCount() == 0);
    fp.stop();
}

#ifdef KIOSK_HAS_FINGERPRINT_CALIBRATION
#include <filesystem>

#include "app/technician/console/fingerprint_calibration_screen.h"

TEST_CASE("the fingerprint calibration runs on the wizard screen to a recorded result", "[technician][calibration]") {
    qtApp();
    auto scanner = std::make_shared<sim::SimulatedFingerprintScanner>();
    sim::PlatenOptions platen;  // a worn sensor, as tests/calibration_fingerprint has it
    platen.whiteLevelGrey = 232;
    platen.falloffPercent = 35;
    platen.gradientPercent = 12;
    platen.gradientAngleDeg = 30;
    platen.gainNoisePercent = 2.0;
    platen.temporalNoiseGrey = 1.5;
    platen.deadPixels = 12;
    platen.hotPixels = 6;
    scanner->setPlaten(sim::PlatenModel(platen));
    const auto dir = std::filesystem::temp_directory_path() / ("technician-calibration-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    calibration::fingerprint::FingerprintCalibrationWizard::Options options;
    options.calibrationDir = dir;
    FingerprintCalibrationScreen screen(scanner, options);
    screen.start();
    REQUIRE(QTest::qWaitFor([&] { return screen.canGoNext(); }, 20000));  // waits for the technician
    CHECK(screen.nextLabel() == "The platen is empty");
    int confirmations = 0;
    while (screen.status() == CalibrationWizard::Status::Running && confirmations < 8) {
        REQUIRE(QTest::qWaitFor([&] { return screen.canGoNext() || screen.status() != CalibrationWizard::Status::Running; }, 60000));
        if (screen.status() != CalibrationWizard::Status::Running) break;
        if (screen.nextLabel() == "The target is in place") scanner->placeTestTarget();
        if (screen.nextLabel() == "I have cleaned the platen") scanner->cleanPlaten();
        screen.next();
        ++confirmations;
    }
    REQUIRE(QTest::qWaitFor([&] { return screen.status() != CalibrationWizard::Status::Running; }, 60000));
    CHECK(screen.status() == CalibrationWizard::Status::Passed);
    INFO(screen.problems().join("; ").toStdString());
    CHECK(screen.figures().size() > 0);
    CHECK(screen.progress() == 1.0);
    CHECK(std::filesystem::exists(dir / "history.jsonl"));
    std::filesystem::remove_all(dir);
}
#endif

#if defined(KIOSK_HAS_PASSPORT_CALIBRATION) || defined(KIOSK_HAS_PRINTER_CALIBRATION)
#include <filesystem>

#include "app/calibration/calibration_record.h"

namespace {

// A fresh calibration folder per test case, removed at the end.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& name)
        : path(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

bool waitUntil(const std::function<bool()>& condition, int ms) { return QTest::qWaitFor(condition, ms); }

}  // namespace
#endif

#ifdef KIOSK_HAS_PASSPORT_CALIBRATION
#include "app/technician/console/passport_calibration_screen.h"

namespace {

// The technician's part: the white card, then the reference page, then wait for the result.
void runPassportWizard(PassportCalibrationScreen& screen) {
    screen.start();
    REQUIRE(screen.canGoNext());
    CHECK(screen.nextLabel() == "The white card is on the glass");
    CHECK(screen.prompt().contains("Simulated page camera"));
    screen.next();
    CHECK(screen.working());
    REQUIRE(waitUntil([&] { return screen.canGoNext() || screen.status() != CalibrationWizard::Status::Running; }, 60000));
    REQUIRE(screen.status() == CalibrationWizard::Status::Running);
    CHECK(screen.nextLabel() == "The reference page is on the glass");
    CHECK(screen.prompt().contains("White level"));
    CHECK(screen.hasImage());  // the white card as the camera sees it
    CHECK(screen.image().width() == 1000);
    screen.next();
    REQUIRE(waitUntil([&] { return screen.status() != CalibrationWizard::Status::Running; }, 180000));
}

double figure(const CalibrationWizard& w, const QString& name, bool after) {
    for (const auto& f : w.figureList())
        if (f.name == name) return after ? f.after : f.before;
    FAIL("no figure " << name.toStdString());
    return 0;
}

}  // namespace

TEST_CASE("the passport camera calibration on the wizard screen: an aged camera corrected and recorded",
          "[technician][calibration]") {
    qtApp();
    TempDir dir("technician-passport");
    PassportCalibrationScreen::Options options;
    options.calibrationDir = dir.path;
    PassportCalibrationScreen screen(options);
    runPassportWizard(screen);
    INFO(screen.problems().join("; ").toStdString());
    REQUIRE(screen.status() == CalibrationWizard::Status::Passed);
    CHECK(screen.problems().isEmpty());
    // The lamp's fall-off is corrected, the lens focused, the page reads only after the correction.
    CHECK(figure(screen, "illumination non-uniformity", false) > 30.0);
    CHECK(figure(screen, "illumination non-uniformity", true) < 3.0);
    CHECK(figure(screen, "MRZ sharpness", true) > figure(screen, "MRZ sharpness", false));
    CHECK(figure(screen, "reference MRZ read exactly (1 = yes)", true) == 1.0);
    CHECK(std::abs(figure(screen, "rotation", false) - 1.2) < 0.3);
    // The last picture is the page with the located MRZ band near the bottom of the frame.
    REQUIRE(screen.highlights().size() == 1);
    const QRectF band = screen.highlights()[0].toRectF();
    CHECK(band.width() > 600);
    CHECK(band.center().y() > screen.image().height() * 0.6);
    CHECK(std::filesystem::exists(dir.path / calibration::passport::kCorrectionFileName));
    auto history = calibration::readHistory(dir.path);
    REQUIRE(history);
    REQUIRE(history->size() == 1);
    CHECK(history->back().device == "passport");
    CHECK(history->back().passed);
}

TEST_CASE("the passport camera calibration fails on a lamp too dim to correct, and cancels cleanly",
          "[technician][calibration]") {
    qtApp();
    TempDir dir("technician-passport-dim");
    PassportCalibrationScreen::Options options;
    options.calibrationDir = dir.path;
    options.camera = PassportCalibrationScreen::agedCamera(0.8);
    PassportCalibrationScreen screen(options);

    SECTION("vignetting 0.8: the white level fails, recorded as a failure") {
        runPassportWizard(screen);
        REQUIRE(screen.status() == CalibrationWizard::Status::Failed);
        CHECK(screen.problems().join("|").contains("white level"));
        CHECK(figure(screen, "white level", false) < 150.0);
        auto history = calibration::readHistory(dir.path);
        REQUIRE(history);
        REQUIRE(history->size() == 1);
        CHECK_FALSE(history->back().passed);
    }
    SECTION("cancelled while waiting for the reference page: nothing stored, nothing recorded") {
        screen.start();
        screen.next();
        REQUIRE(waitUntil([&] { return screen.canGoNext(); }, 60000));
        screen.cancel();
        CHECK(screen.status() == CalibrationWizard::Status::Cancelled);
        screen.start();  // waits for the cancelled worker, then begins again
        CHECK(screen.nextLabel() == "The white card is on the glass");
        screen.cancel();
        QTest::qWait(100);
        CHECK(screen.status() == CalibrationWizard::Status::Cancelled);
        CHECK_FALSE(std::filesystem::exists(dir.path / "history.jsonl"));
        CHECK_FALSE(std::filesystem::exists(dir.path / calibration::passport::kCorrectionFileName));
    }
}
#endif

#ifdef KIOSK_HAS_PRINTER_CALIBRATION
#include "app/calibration/printer/printer_calibration.h"
#include "app/technician/console/printer_calibration_screen.h"

namespace {

void runPrinterWizard(PrinterCalibrationScreen& screen) {
    screen.start();
    REQUIRE(waitUntil([&] { return screen.canGoNext(); }, 10000));
    CHECK(screen.nextLabel() == "Paper and cover checked");
    screen.next();
    REQUIRE(waitUntil([&] { return screen.status() != CalibrationWizard::Status::Running; }, 60000));
}

PrinterCalibrationScreen::Options printerOptions(const std::filesystem::path& dir, int dots = 576) {
    PrinterCalibrationScreen::Options options;
    options.calibrationDir = dir;
    options.configuredDotsPerLine = dots;
    return options;
}

double printerFigure(const CalibrationWizard& w, const QString& name) {
    for (const auto& f : w.figureList())
        if (f.name == name) return f.after;
    FAIL("no figure " << name.toStdString());
    return 0;
}

}  // namespace

TEST_CASE("the printer check on the wizard screen: a pass with the printout, fails with the reasons",
          "[technician][calibration]") {
    qtApp();
    TempDir dir("technician-printer");
    SECTION("a ready 80 mm printer passes; the decoded printout is shown, both edge marks found") {
        auto printer = std::make_shared<sim::SimulatedReceiptPrinter>(dir.path / "paper", 576);
        PrinterCalibrationScreen screen(printer, printerOptions(dir.path));
        runPrinterWizard(screen);
        INFO(screen.problems().join("; ").toStdString());
        REQUIRE(screen.status() == CalibrationWizard::Status::Passed);
        CHECK(printer->pagesPrinted() == 1);
        REQUIRE(screen.hasImage());
        CHECK(screen.image().width() == 576);
        CHECK(screen.highlights().size() == 3);
        CHECK(printerFigure(screen, "edge marks: expected, found") == 2.0);
        CHECK(printerFigure(screen, "dead dots: expected, found") == 0.0);
        auto history = calibration::readHistory(dir.path);
        REQUIRE(history);
        REQUIRE(history->size() == 1);
        CHECK(history->back().device == "printer");
        CHECK(history->back().passed);
    }
    SECTION("out of paper: the first step says so, nothing printed, a failure recorded") {
        auto printer = std::make_shared<sim::SimulatedReceiptPrinter>(dir.path / "paper", 576);
        devices::PrinterStatus status;
        status.online = true;
        status.paperOut = true;
        printer->setStatus(status);
        PrinterCalibrationScreen screen(printer, printerOptions(dir.path));
        screen.start();
        REQUIRE(waitUntil([&] { return screen.canGoNext(); }, 10000));
        CHECK(screen.prompt().contains("PAPER OUT"));
        screen.next();
        REQUIRE(waitUntil([&] { return screen.status() != CalibrationWizard::Status::Running; }, 60000));
        CHECK(screen.status() == CalibrationWizard::Status::Failed);
        CHECK(screen.problems().join("|").contains("paper out"));
        CHECK(printer->pagesPrinted() == 0);
        CHECK_FALSE(screen.hasImage());
        CHECK(screen.figures().size() == 1);  // dots per line only: there is no printout to judge
        auto history = calibration::readHistory(dir.path);
        REQUIRE(history);
        REQUIRE(history->size() == 1);
        CHECK_FALSE(history->back().passed);
    }
    SECTION("a 58 mm printer where 80 mm is configured: width mismatch and the right edge missing") {
        auto printer = std::make_shared<sim::SimulatedReceiptPrinter>(dir.path / "paper", 384);
        PrinterCalibrationScreen screen(printer, printerOptions(dir.path, 576));
        runPrinterWizard(screen);
        CHECK(screen.status() == CalibrationWizard::Status::Failed);
        const auto problems = screen.problems().join("|");
        CHECK(problems.contains("384 dots per line"));
        CHECK(problems.contains("right edge mark"));
        CHECK(printerFigure(screen, "edge marks: expected, found") == 1.0);
    }
    SECTION("a cutter that jams on the cut fails after printing") {
        auto printer = std::make_shared<sim::SimulatedReceiptPrinter>(dir.path / "paper", 576);
        auto jamming = std::make_shared<calibration::printer::CutterJamsOnCut>(*printer, [printer] {
            auto status = printer->status();
            status.cutterError = true;
            printer->setStatus(status);
        });
        PrinterCalibrationScreen screen(jamming, printerOptions(dir.path));
        runPrinterWizard(screen);
        CHECK(screen.status() == CalibrationWizard::Status::Failed);
        CHECK(screen.problems().join("|").contains("cutter error after the cut"));
        CHECK_FALSE(screen.hasImage());  // not the simulator's own class: nobody sees the paper
    }
}
#endif
