// The clearance workflow with its real collaborators: a real SQLite member cache filled from the
// demo member list, the synthetic world's passports and fingers, the real parser, matcher and
// receipt. Only the devices are simulated.
#include <catch2/catch.hpp>

#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

#include "app/ui/kiosk_workflow.h"
#include "app/ui/simulator_panel.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/simulated_receipt_printer.h"
#include "devices/sim/synthetic_world.h"
#include "app/scenario_player.h"
#include "tests/support/simulated_kiosk.h"

using kiosk::ui::KioskWorkflow;
using Screen = KioskWorkflow::Screen;

namespace {

QGuiApplication& app() {
    static int argc = 1;
    static char name[] = "test_workflow";
    static char* argv[] = {name, nullptr};
    static QGuiApplication instance(argc, argv);
    return instance;
}

struct Kiosk {
    kiosk::test::SimulatedKiosk sim;
    std::filesystem::path& dir;
    kiosk::config::KioskConfig& config;
    kiosk::app::SimulatedDevices& devices;
    std::unique_ptr<KioskWorkflow>& workflow;
    std::unique_ptr<kiosk::ui::SimulatorPanel>& panel;

    explicit Kiosk(std::optional<QDateTime> now = std::nullopt, bool withMembers = true)
        : Kiosk(options(now, withMembers)) {}
    static kiosk::test::SimulatedKiosk::Options options(std::optional<QDateTime> now, bool withMembers) {
        kiosk::test::SimulatedKiosk::Options o;
        o.now = now;
        o.withMembers = withMembers;
        return o;
    }
    explicit Kiosk(kiosk::test::SimulatedKiosk::Options options)
        : sim((app(), std::move(options))),
          dir(sim.dir), config(sim.config), devices(sim.devices), workflow(sim.workflow), panel(sim.panel) {
        INFO(sim.setupProblem.toStdString());
        REQUIRE(sim.setupProblem.isEmpty());
    }

    bool waitFor(Screen screen, int ms = 20000) {
        return QTest::qWaitFor([&] { return workflow->screen() == screen && !workflow->busy(); }, ms);
    }
    // Walks a traveler up to the fingerprint step, or to wherever the kiosk stops them.
    void arrive(const char* traveler, const char* passport = "clean") {
        workflow->start();
        REQUIRE(workflow->screen() == Screen::Language);
        workflow->chooseLanguage(QStringLiteral("en"));
        REQUIRE(workflow->screen() == Screen::Passport);
        panel->setTraveler(QString::fromLatin1(traveler));
        REQUIRE(panel->presentPassport(QString::fromLatin1(passport)));
        (void)QTest::qWaitFor([&] { return workflow->screen() != Screen::Passport || workflow->passportHint() == KioskWorkflow::PassportHint::Misread; }, 20000);
    }
    void presentFingers(const char* how) {
        while (workflow->screen() == Screen::Fingerprint) {
            const int before = workflow->fingerAttempt();
            REQUIRE(panel->presentFinger(QString::fromLatin1(how)));
            REQUIRE(QTest::qWaitFor([&] { return workflow->screen() != Screen::Fingerprint || (workflow->fingerAttempt() > before && !workflow->busy()); }, 30000));
        }
    }
    // Done on the result screen, then the traveler picks up what the kiosk still holds.
    void leave() {
        workflow->finish();
        // A receipt still printing lands in the presenter after Done: take whatever is there.
        REQUIRE(QTest::qWaitFor([&] {
            panel->takeItems();
            return workflow->screen() == Screen::Attract;
        }, 10000));
    }
    void answer(bool food, bool currency) {
        REQUIRE(waitFor(Screen::Customs));
        CHECK(workflow->customsQuestion() == "food");
        workflow->answerCustoms(food);
        if (food) return;
        CHECK(workflow->customsQuestion() == "currency");
        workflow->answerCustoms(currency);
    }
};

}  // namespace

TEST_CASE("a member with a matching finger and nothing to declare is cleared and gets a receipt") {
    Kiosk k;
    REQUIRE(k.workflow->screen() == Screen::Attract);
    QSignalSpy decided(k.workflow.get(), &KioskWorkflow::decided);
    QSignalSpy printed(k.workflow.get(), &KioskWorkflow::receiptPrinted);
    k.arrive("kim-minji");
    REQUIRE(k.workflow->screen() == Screen::Fingerprint);
    CHECK(k.workflow->requestedFinger() > 0);
    k.presentFingers("genuine");
    k.answer(false, false);
    REQUIRE(k.waitFor(Screen::Result));
    CHECK(k.workflow->resultKind() == KioskWorkflow::ResultKind::Cleared);
    REQUIRE(decided.count() == 1);
    CHECK(decided.at(0).at(0).toString() == "cleared");
    REQUIRE(printed.wait(20000));
    CHECK(printed.at(0).at(0).toBool());
    CHECK(k.devices.receiptPrinter->pagesPrinted() == 1);
    CHECK(std::filesystem::exists(k.dir / "receipts/receipt-001.png"));
    CHECK_FALSE(k.workflow->transactionNumber().isEmpty());
    // The passport is still on the reader and the receipt in the presenter: the kiosk asks for
    // both, with the chime, before it takes the next traveler.
    QSignalSpy reminded(k.workflow.get(), &KioskWorkflow::remind);
    k.workflow->finish();
    CHECK(k.workflow->screen() == Screen::TakeItems);
    CHECK(k.workflow->passportLeft());
    CHECK(k.workflow->receiptLeft());
    CHECK(reminded.count() == 1);
    k.devices.receiptPrinter->takeTicket();
    REQUIRE(QTest::qWaitFor([&] { return !k.workflow->receiptLeft(); }, 3000));
    CHECK(k.workflow->screen() == Screen::TakeItems);  // the passport is still there
    k.devices.passportReader->takeDocument();
    REQUIRE(QTest::qWaitFor([&] { return k.workflow->screen() == Screen::Attract; }, 3000));
    CHECK(k.workflow->transactionNumber().isEmpty());
}

TEST_CASE("someone else's finger is refused on every attempt and the member is referred") {
    Kiosk k;
    QSignalSpy decided(k.workflow.get(), &KioskWorkflow::decided);
    k.arrive("john-smith");
    REQUIRE(k.workflow->screen() == Screen::Fingerprint);
    k.presentFingers("impostor");
    REQUIRE(k.waitFor(Screen::Result));
    CHECK(k.workflow->fingerAttempt() == k.config.biometrics.maxAttempts);
    CHECK(k.workflow->resultKind() == KioskWorkflow::ResultKind::SeeOfficer);
    REQUIRE(decided.count() == 1);
    CHECK(decided.at(0).at(1).toString() == "BIO");
}

TEST_CASE("a declaration refers the member without asking further questions") {
    Kiosk k;
    QSignalSpy decided(k.workflow.get(), &KioskWorkflow::decided);
    k.arrive("sofia-garcia");
    k.presentFingers("genuine");
    k.answer(true, false);
    REQUIRE(k.waitFor(Screen::Result));
    REQUIRE(decided.count() == 1);
    CHECK(decided.at(0).at(0).toString() == "referred");
    CHECK(decided.at(0).at(1).toString() == "DECL");
}

TEST_CASE("travelers the kiosk cannot clear are told so at the passport step") {
    Kiosk k;
    QSignalSpy decided(k.workflow.get(), &KioskWorkflow::decided);
    SECTION("a non-member goes to the regular lane") {
        k.arrive("claire-martin");
        REQUIRE(k.waitFor(Screen::Result));
        CHECK(k.workflow->resultKind() == KioskWorkflow::ResultKind::RegularLane);
        CHECK(decided.at(0).at(1).toString() == "NOMEM");
    }
    SECTION("an expired passport is refused") {
        k.arrive("liam-obrien");
        REQUIRE(k.waitFor(Screen::Result));
        CHECK(k.workflow->resultKind() == KioskWorkflow::ResultKind::DocumentExpired);
    }
    SECTION("a revoked member goes to the regular lane") {
        k.arrive("haruto-tanaka");
        REQUIRE(k.waitFor(Screen::Result));
        CHECK(decided.at(0).at(1).toString() == "INACT");
    }
    // None of these print a receipt: they are not members reaching a decision.
    QTest::qWait(100);
    CHECK(k.devices.receiptPrinter->pagesPrinted() == 0);
}

TEST_CASE("a misread passport asks to place it again, then refuses the document") {
    Kiosk k;
    k.arrive("kim-minji", "bad-check-digit");
    CHECK(k.workflow->screen() == Screen::Passport);
    CHECK(k.workflow->passportHint() == KioskWorkflow::PassportHint::Misread);
    for (int i = 0; i < 2; ++i) {
        REQUIRE(k.panel->presentPassport(QStringLiteral("bad-check-digit")));
        (void)QTest::qWaitFor([&] { return !k.workflow->busy(); }, 5000);
        QTest::qWait(50);
    }
    REQUIRE(k.waitFor(Screen::Result));
    CHECK(k.workflow->resultKind() == KioskWorkflow::ResultKind::DocumentInvalid);
}

TEST_CASE("a stale member list refers every traveler to an officer") {
    // Two days after the last sync, with the 24 h limit of the simulator configuration.
    Kiosk k(QDateTime::currentDateTime().addDays(2));
    QSignalSpy decided(k.workflow.get(), &KioskWorkflow::decided);
    k.arrive("kim-minji");
    REQUIRE(k.waitFor(Screen::Result));
    CHECK(decided.at(0).at(1).toString() == "STALE");
}

TEST_CASE("a clock that jumped back before the last sync does not make the member list fresh") {
    // The kiosk's clock says yesterday, the list was imported today: its age is unknown.
    Kiosk k(QDateTime::currentDateTime().addDays(-1));
    QSignalSpy decided(k.workflow.get(), &KioskWorkflow::decided);
    k.arrive("kim-minji");
    REQUIRE(k.waitFor(Screen::Result));
    CHECK(decided.at(0).at(1).toString() == "STALE");
}

TEST_CASE("the kiosk is out of service without a member list or with a device unplugged, and recovers") {
    SECTION("no member list") {
        Kiosk k(std::nullopt, false);
        CHECK(k.workflow->screen() == Screen::OutOfService);
        k.workflow->start();
        CHECK(k.workflow->screen() == Screen::OutOfService);
    }
    SECTION("scanner unplugged and plugged in again") {
        Kiosk k;
        k.panel->setDeviceConnected(QStringLiteral("fingerprint"), false);
        CHECK(k.workflow->screen() == Screen::OutOfService);
        CHECK(k.workflow->outOfServiceReason().contains("fingerprint"));
        k.panel->setDeviceConnected(QStringLiteral("fingerprint"), true);
        CHECK(k.workflow->screen() == Screen::Attract);
    }
}

TEST_CASE("a printer fault after the decision does not lose it: the traveler is shown the transaction number") {
    const auto fault = GENERATE(as<QString>{}, "paper-out", "cover-open", "cutter-error", "offline");
    INFO(fault.toStdString());
    Kiosk k;
    QSignalSpy printed(k.workflow.get(), &KioskWorkflow::receiptPrinted);
    k.arrive("kim-minji");
    k.presentFingers("genuine");
    // The printer fails while the traveler answers: the decision is already theirs.
    k.panel->setPrinterFault(fault);
    k.answer(false, false);
    REQUIRE(k.waitFor(Screen::Result));
    CHECK(k.workflow->resultKind() == KioskWorkflow::ResultKind::Cleared);
    REQUIRE(printed.wait(20000));
    CHECK_FALSE(printed.at(0).at(0).toBool());
    CHECK(k.workflow->receiptState() == KioskWorkflow::ReceiptState::Failed);
    CHECK_FALSE(k.workflow->transactionNumber().isEmpty());
    // Nothing is lost: the receipt waits in memory for the technician, and the kiosk stops taking
    // travelers once this one has gone.
    REQUIRE(QTest::qWaitFor([&] { return k.workflow->pendingReprints() == 1; }, 3000));
    k.workflow->finish();
    REQUIRE(QTest::qWaitFor([&] {
        k.panel->takeItems();
        return k.workflow->screen() == Screen::OutOfService;
    }, 10000));
    CHECK(k.workflow->outOfServiceReason().contains("receipt printer"));
}

TEST_CASE("cancelling wipes the transaction and ignores late results") {
    Kiosk k;
    k.arrive("kim-minji");
    REQUIRE(k.workflow->screen() == Screen::Fingerprint);
    k.workflow->cancel();
    CHECK(k.workflow->screen() == Screen::Attract);
    // A finger placed now belongs to no transaction: it must not move the kiosk.
    REQUIRE(k.panel->presentFinger(QStringLiteral("genuine")));
    QTest::qWait(1500);
    CHECK(k.workflow->screen() == Screen::Attract);
}

TEST_CASE("a passport placed on the attract screen starts and preselects its holder's language") {
    Kiosk k;
    k.panel->setTraveler(QStringLiteral("kim-minji"));
    REQUIRE(k.panel->presentPassport(QStringLiteral("clean")));
    REQUIRE(QTest::qWaitFor([&] { return k.workflow->suggestedLanguage() == "ko"; }, 20000));
    CHECK(k.workflow->screen() == Screen::Language);
    k.workflow->chooseLanguage(QStringLiteral("ko"));
    CHECK(k.sim.presentation->language() == "ko");
    // The passport was read while the traveler chose: the kiosk goes straight to the finger.
    REQUIRE(k.waitFor(Screen::Fingerprint));
    k.workflow->cancel();
    CHECK(k.sim.presentation->language() == "en");  // the next traveler starts in the default
}

TEST_CASE("an idle traveler is asked whether they need more time, then the transaction is wiped") {
    app();
    kiosk::test::SimulatedKiosk::Options options;
    options.idleTimeoutSeconds = 1;
    options.idleWarningSeconds = 2;
    kiosk::test::SimulatedKiosk k(options);
    REQUIRE(k.setupProblem.isEmpty());
    auto& wf = *k.workflow;
    wf.start();
    wf.chooseLanguage(QStringLiteral("en"));
    REQUIRE(wf.screen() == Screen::Passport);
    REQUIRE(QTest::qWaitFor([&] { return wf.idleWarning(); }, 3000));
    CHECK(wf.idleSecondsLeft() == 2);
    wf.moreTime();
    CHECK_FALSE(wf.idleWarning());
    CHECK(wf.screen() == Screen::Passport);
    // Asked again, and this time nobody answers: the countdown ends the transaction.
    REQUIRE(QTest::qWaitFor([&] { return wf.idleWarning(); }, 3000));
    REQUIRE(QTest::qWaitFor([&] { return wf.screen() == Screen::Attract; }, 4000));
    CHECK_FALSE(wf.idleWarning());
}

TEST_CASE("the simulator's presentations reach the traveler as specific hints") {
    Kiosk k;
    k.workflow->start();
    k.workflow->chooseLanguage(QStringLiteral("en"));
    k.panel->setTraveler(QStringLiteral("kim-minji"));
    REQUIRE(k.panel->presentPassport(QStringLiteral("smudged")));
    REQUIRE(QTest::qWaitFor([&] { return k.workflow->passportHint() == KioskWorkflow::PassportHint::Unreadable; }, 5000));
    REQUIRE(k.panel->presentPassport(QStringLiteral("misaligned")));
    REQUIRE(QTest::qWaitFor([&] { return k.workflow->passportHint() == KioskWorkflow::PassportHint::Misread; }, 5000));
    REQUIRE(k.panel->presentPassport(QStringLiteral("clean")));
    REQUIRE(k.waitFor(Screen::Fingerprint));
    REQUIRE(k.panel->presentFinger(QStringLiteral("none")));
    REQUIRE(QTest::qWaitFor([&] { return k.workflow->fingerAttempt() == 1 && !k.workflow->busy(); }, 20000));
    CHECK(k.workflow->fingerHint() == KioskWorkflow::FingerHint::NoFinger);
}

TEST_CASE("moving the simulated clock past the member list's age refers everyone") {
    Kiosk k;
    k.panel->advanceClock(25);
    QSignalSpy decided(k.workflow.get(), &KioskWorkflow::decided);
    k.arrive("kim-minji");
    REQUIRE(k.waitFor(Screen::Result));
    CHECK(decided.at(0).at(1).toString() == "STALE");
}

TEST_CASE("a recorded session is a scenario the headless player reads back") {
    Kiosk k;
    k.arrive("sofia-garcia");
    k.presentFingers("genuine");
    k.answer(true, false);
    REQUIRE(k.waitFor(Screen::Result));
    k.leave();
    k.arrive("claire-martin");
    REQUIRE(k.waitFor(Screen::Result));
    CHECK(k.panel->recordedVisits() == 2);
    const auto file = k.dir / "recorded.json";
    REQUIRE(k.panel->saveRecording(QString::fromStdString(file.string())) == QString::fromStdString(file.string()));
    CHECK(k.panel->recordedVisits() == 0);
    auto scenario = kiosk::app::loadScenario(file);
    REQUIRE(scenario);
    REQUIRE(scenario->visits.size() == 2);
    CHECK(scenario->visits[0].traveler == "sofia-garcia");
    CHECK(scenario->visits[0].finger == "genuine");
    CHECK(scenario->visits[0].declare == QStringList{"food"});
    CHECK(scenario->visits[0].expect == "referred");
    CHECK(scenario->visits[1].traveler == "claire-martin");
    CHECK(scenario->visits[1].expect == "regular-lane");
}

TEST_CASE("a printer out of paper takes the kiosk out of service between travelers, near end does not") {
    Kiosk k;
    k.panel->setPrinterFault(QStringLiteral("paper-near-end"));
    k.workflow->checkHealth();
    CHECK(k.workflow->screen() == Screen::Attract);
    k.panel->setPrinterFault(QStringLiteral("paper-out"));
    k.workflow->checkHealth();
    CHECK(k.workflow->screen() == Screen::OutOfService);
    CHECK(k.workflow->outOfServiceReason().contains("paper out"));
    k.panel->setPrinterFault(QStringLiteral("none"));
    k.workflow->checkHealth();
    CHECK(k.workflow->screen() == Screen::Attract);
}

TEST_CASE("a NEXUS member is cleared; an expired membership goes to the regular lane") {
    Kiosk k;
    QSignalSpy decided(k.workflow.get(), &KioskWorkflow::decided);
    k.arrive("emma-tremblay");
    k.presentFingers("genuine");
    k.answer(false, false);
    REQUIRE(k.waitFor(Screen::Result));
    CHECK(decided.at(0).at(0).toString() == "cleared");
    k.leave();
    k.arrive("lukas-weber");  // a German passport: issuing state "D"
    REQUIRE(k.waitFor(Screen::Result));
    CHECK(decided.at(1).at(0).toString() == "regular-lane");
    CHECK(decided.at(1).at(1).toString() == "INACT");
}

namespace {

// Collects what the workflow writes to the audit trail; fails every write while `broken` is set.
struct AuditCapture {
    std::vector<kiosk::ui::AuditRecord> records;
    bool broken = false;
    kiosk::ui::AuditSink sink() {
        return [this](const kiosk::ui::AuditRecord& r) -> kiosk::Result<void> {
            if (broken) return kiosk::fail(kiosk::Error::Code::Io, "disk full", "audit-2026-11-27.sqlite");
            records.push_back(r);
            return {};
        };
    }
    [[nodiscard]] std::vector<std::string> steps() const {
        std::vector<std::string> out;
        for (const auto& r : records) out.push_back(r.step + ":" + r.outcome);
        return out;
    }
};

kiosk::test::SimulatedKiosk::Options withAudit(AuditCapture& capture) {
    kiosk::test::SimulatedKiosk::Options o;
    o.audit = capture.sink();
    return o;
}

}  // namespace

TEST_CASE("every step of a transaction is in the audit trail, with scores and threshold, and no personal data") {
    AuditCapture audit;
    Kiosk k(withAudit(audit));
    k.arrive("kim-minji");
    k.presentFingers("genuine");
    k.answer(false, false);
    REQUIRE(k.waitFor(Screen::Result));
    REQUIRE(QTest::qWaitFor([&] { return k.workflow->receiptState() == KioskWorkflow::ReceiptState::Printed; }, 20000));
    k.leave();
    const std::vector<std::string> expected = {
        "transaction.started:started", "document.read:valid",     "member.lookup:found",
        "fingerprint.compare:match",   "customs.answered:no",     "customs.answered:no",
        "decision:cleared",            "receipt.printed:printed", "transaction.ended:completed"};
    CHECK(audit.steps() == expected);
    const auto number = k.workflow->transactionNumber();
    for (const auto& r : audit.records) CHECK_FALSE(r.transaction.empty());
    const auto& compare = audit.records.at(3);
    CHECK(compare.detailsJson.find("\"score\":") != std::string::npos);
    CHECK(compare.detailsJson.find("\"threshold\":") != std::string::npos);
    CHECK(compare.detailsJson.find("\"quality\":") != std::string::npos);
    // Nothing that names the traveler or their document.
    const auto* traveler = k.devices.world->find("kim-minji");
    REQUIRE(traveler);
    for (const auto& r : audit.records) {
        const auto all = r.transaction + r.step + r.outcome + r.detailsJson;
        for (const std::string& secret : {traveler->passport.documentNumber, traveler->passport.primaryIdentifier,
                                   traveler->passport.secondaryIdentifier, traveler->memberId}) {
            INFO(all);
            if (!secret.empty()) CHECK(all.find(secret) == std::string::npos);
        }
    }
}

TEST_CASE("a transaction given up is audited as abandoned") {
    AuditCapture audit;
    Kiosk k(withAudit(audit));
    k.arrive("kim-minji");
    k.workflow->cancel();
    REQUIRE_FALSE(audit.records.empty());
    CHECK(audit.steps().back() == "transaction.ended:abandoned");
}

TEST_CASE("an audit trail that cannot be written refers instead of clearing, stops the kiosk, and heals") {
    AuditCapture audit;
    Kiosk k(withAudit(audit));
    QSignalSpy decided(k.workflow.get(), &KioskWorkflow::decided);
    k.arrive("kim-minji");
    k.presentFingers("genuine");
    audit.broken = true;  // the disk fills up while the traveler answers
    k.answer(false, false);
    REQUIRE(k.waitFor(Screen::Result));
    REQUIRE(decided.count() == 1);
    CHECK(decided.at(0).at(0).toString() == "referred");
    CHECK(decided.at(0).at(1).toString() == "AUDIT");
    CHECK(k.workflow->resultKind() == KioskWorkflow::ResultKind::SeeOfficer);
    k.workflow->finish();
    // When the traveler has gone the kiosk takes nobody else until the trail can be written.
    REQUIRE(QTest::qWaitFor([&] {
        k.panel->takeItems();
        return k.workflow->screen() == Screen::OutOfService;
    }, 10000));
    CHECK(k.workflow->outOfServiceReason().contains("audit trail"));
    audit.broken = false;  // space freed
    k.workflow->checkHealth();
    CHECK(k.workflow->screen() == Screen::Attract);
}

TEST_CASE("a technician's session takes the kiosk out of service, only between travelers") {
    Kiosk k;
    k.arrive("kim-minji");
    CHECK_FALSE(k.workflow->technicianAccessAllowed());
    CHECK_FALSE(k.workflow->enterTechnicianMode());
    k.workflow->cancel();
    REQUIRE(k.workflow->screen() == Screen::Attract);
    REQUIRE(k.workflow->enterTechnicianMode());
    CHECK(k.workflow->technicianActive());
    CHECK(k.workflow->screen() == Screen::OutOfService);
    k.workflow->checkHealth();  // the periodic check does not let travelers in meanwhile
    CHECK(k.workflow->screen() == Screen::OutOfService);
    k.workflow->start();
    CHECK(k.workflow->screen() == Screen::OutOfService);
    k.workflow->leaveTechnicianMode();
    CHECK(k.workflow->screen() == Screen::Attract);
}

TEST_CASE("a receipt left in the presenter is retracted after the configured time") {
    AuditCapture audit;
    auto options = withAudit(audit);
    options.receiptRetractSeconds = 1;
    Kiosk k(std::move(options));
    k.arrive("kim-minji");
    k.presentFingers("genuine");
    k.answer(false, false);
    REQUIRE(k.waitFor(Screen::Result));
    REQUIRE(QTest::qWaitFor([&] { return k.workflow->receiptState() == KioskWorkflow::ReceiptState::Printed; }, 20000));
    k.devices.passportReader->takeDocument();  // the traveler takes the passport, forgets the receipt
    k.workflow->finish();
    REQUIRE(k.workflow->screen() == Screen::TakeItems);
    REQUIRE(QTest::qWaitFor([&] { return k.devices.receiptPrinter->ticketsRetracted() == 1; }, 5000));
    REQUIRE(QTest::qWaitFor([&] { return k.workflow->screen() == Screen::Attract; }, 5000));
    REQUIRE(QTest::qWaitFor([&] {
        const auto steps = audit.steps();
        return std::find(steps.begin(), steps.end(), "receipt.retracted:retracted") != steps.end();
    }, 3000));
}

TEST_CASE("a receipt that failed to print is reprinted from memory once the printer is back, then forgotten") {
    Kiosk k;
    QSignalSpy printed(k.workflow.get(), &KioskWorkflow::receiptPrinted);
    QSignalSpy reprinted(k.workflow.get(), &KioskWorkflow::reprinted);
    k.arrive("kim-minji");
    k.presentFingers("genuine");
    k.panel->setPrinterFault(QStringLiteral("cutter-error"));
    k.answer(false, false);
    REQUIRE(printed.wait(20000));
    CHECK_FALSE(printed.at(0).at(0).toBool());
    REQUIRE(QTest::qWaitFor([&] { return k.workflow->pendingReprints() == 1; }, 3000));
    CHECK(k.devices.receiptPrinter->pagesPrinted() == 0);
    k.workflow->finish();
    k.panel->takeItems();
    k.panel->setPrinterFault(QStringLiteral("none"));
    k.workflow->reprintPending();
    REQUIRE(reprinted.wait(20000));
    CHECK(reprinted.at(0).at(0).toInt() == 1);
    CHECK(reprinted.at(0).at(1).toInt() == 0);
    CHECK(k.workflow->pendingReprints() == 0);
    CHECK(k.devices.receiptPrinter->pagesPrinted() == 1);
    CHECK(std::filesystem::exists(k.dir / "receipts/receipt-001.png"));
}

TEST_CASE("a damaged member cache is moved aside, the kiosk says why, and comes back after a good list") {
    auto options = Kiosk::options(std::nullopt, true);
    options.damagedMemberCache = true;
    Kiosk k(std::move(options));
    CHECK(k.workflow->screen() == Screen::OutOfService);
    CHECK(k.workflow->outOfServiceReason().contains("damaged"));
    bool movedAside = false;
    for (const auto& e : std::filesystem::directory_iterator(k.dir))
        movedAside |= e.path().filename().string().starts_with("members.sqlite.damaged-");
    CHECK(movedAside);
    k.workflow->checkHealth();
    CHECK(k.workflow->screen() == Screen::OutOfService);
    *k.sim.goodListArrived = true;  // a sync (in the simulator: the demo list) brings a good list
    k.workflow->checkHealth();
    CHECK(k.workflow->screen() == Screen::Attract);
    k.arrive("kim-minji");
    CHECK(k.workflow->screen() == Screen::Fingerprint);
}

TEST_CASE("a damaged generation is moved aside itself, not only the link to it, and the kiosk comes back") {
    auto options = Kiosk::options(std::nullopt, true);
    options.damagedMemberCache = true;
    options.damagedCacheIsGeneration = true;
    Kiosk k(std::move(options));
    CHECK(k.workflow->screen() == Screen::OutOfService);
    // The damaged bytes are kept under the quarantine name (a generation left under its own name would
    // be removed as stale by the next apply), and no link or generation is left at the cache's path.
    std::vector<std::string> beside;
    for (const auto& e : std::filesystem::directory_iterator(k.dir))
        if (e.path().filename().string().starts_with("members.sqlite")) beside.push_back(e.path().filename().string());
    REQUIRE(beside.size() == 1);
    CHECK(beside[0].starts_with("members.sqlite.damaged-"));
    CHECK(std::filesystem::is_regular_file(std::filesystem::symlink_status(k.dir / beside[0])));
    CHECK(std::filesystem::file_size(k.dir / beside[0]) == 8192);
    *k.sim.goodListArrived = true;
    k.workflow->checkHealth();
    CHECK(k.workflow->screen() == Screen::Attract);
}

TEST_CASE("a scanner unplugged during the capture refers the member for a device fault; plugged in again, the kiosk is back") {
    AuditCapture audit;
    Kiosk k(withAudit(audit));
    QSignalSpy decided(k.workflow.get(), &KioskWorkflow::decided);
    k.arrive("kim-minji");
    REQUIRE(k.workflow->screen() == Screen::Fingerprint);
    REQUIRE(QTest::qWaitFor([&] { return k.devices.fingerprintScanner->capturing(); }, 3000));
    k.panel->setDeviceConnected(QStringLiteral("fingerprint"), false);
    REQUIRE(k.waitFor(Screen::Result));
    REQUIRE(decided.count() == 1);
    CHECK(decided.at(0).at(0).toString() == "referred");
    CHECK(decided.at(0).at(1).toString() == "DEVICE");
    k.workflow->finish();
    REQUIRE(QTest::qWaitFor([&] {
        k.panel->takeItems();
        return k.workflow->screen() == Screen::OutOfService;
    }, 10000));
    CHECK(k.workflow->outOfServiceReason().contains("fingerprint"));
    k.panel->setDeviceConnected(QStringLiteral("fingerprint"), true);
    CHECK(k.workflow->screen() == Screen::Attract);
    const auto steps = audit.steps();
    CHECK(std::find(steps.begin(), steps.end(), "fingerprint.capture:device_error") != steps.end());
}

TEST_CASE("a passport reader unplugged while the traveler is asked for the passport ends the transaction, nothing read") {
    AuditCapture audit;
    Kiosk k(withAudit(audit));
    k.workflow->start();
    k.workflow->chooseLanguage(QStringLiteral("en"));
    REQUIRE(k.workflow->screen() == Screen::Passport);
    k.panel->setDeviceConnected(QStringLiteral("passport"), false);
    k.workflow->checkHealth();  // the periodic check
    CHECK(k.workflow->screen() == Screen::OutOfService);
    CHECK(k.workflow->outOfServiceReason().contains("passport"));
    CHECK(audit.steps().back().starts_with("kiosk.out_of_service"));
    const auto steps = audit.steps();
    CHECK(std::find(steps.begin(), steps.end(), "transaction.ended:abandoned_device") != steps.end());
    k.panel->setDeviceConnected(QStringLiteral("passport"), true);
    CHECK(k.workflow->screen() == Screen::Attract);
}
