// The clearance workflow with an image reader: the simulated reader photographs the synthetic
// passport (as a camera-based reader does) and the workflow reads the page with the MRZ OCR, then
// parses it as it parses a text reader's lines. Same collaborators as test_workflow.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>

#include <QGuiApplication>
#include <QMutex>
#include <QSignalSpy>
#include <QStringList>
#include <QTest>

#include "app/documents/ocr/mrz_reader.h"
#include "app/ui/kiosk_workflow.h"
#include "app/ui/simulator_panel.h"
#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/synthetic_world.h"
#include "tests/support/simulated_kiosk.h"

using kiosk::ui::KioskWorkflow;
using Hint = KioskWorkflow::PassportHint;
using Screen = KioskWorkflow::Screen;

namespace {

QGuiApplication& app() {
    static int argc = 1;
    static char name[] = "test_workflow_page_reader";
    static char* argv[] = {name, nullptr};
    static QGuiApplication instance(argc, argv);
    return instance;
}

// Every log line the kiosk writes while a test runs (the workflow logs under kiosk.workflow).
struct LogCapture {
    static QMutex& mutex() {
        static QMutex m;
        return m;
    }
    static QStringList& lines() {
        static QStringList l;
        return l;
    }
    QtMessageHandler previous;
    LogCapture() {
        lines().clear();
        previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString& message) {
            QMutexLocker lock(&mutex());
            lines() << message;
        });
    }
    ~LogCapture() { qInstallMessageHandler(previous); }
    [[nodiscard]] QString all() const {
        QMutexLocker lock(&mutex());
        return lines().join(QLatin1Char('\n'));
    }
};

struct AuditCapture {
    std::vector<kiosk::ui::AuditRecord> records;
    kiosk::ui::AuditSink sink() {
        return [this](const kiosk::ui::AuditRecord& r) -> kiosk::Result<void> {
            records.push_back(r);
            return {};
        };
    }
    [[nodiscard]] std::vector<std::string> documentReads() const {
        std::vector<std::string> out;
        for (const auto& r : records)
            if (r.step == "document.read") out.push_back(r.outcome + " " + r.detailsJson);
        return out;
    }
};

struct PageKiosk {
    AuditCapture audit;
    kiosk::test::SimulatedKiosk sim;

    PageKiosk() : sim((app(), options(audit))) {
        INFO(sim.setupProblem.toStdString());
        REQUIRE(sim.setupProblem.isEmpty());
    }
    static kiosk::test::SimulatedKiosk::Options options(AuditCapture& audit) {
        kiosk::test::SimulatedKiosk::Options o;
        o.audit = audit.sink();
        return o;
    }
    KioskWorkflow& workflow() { return *sim.workflow; }

    [[nodiscard]] std::vector<std::string> lines(const char* traveler) const {
        const auto* t = sim.devices.world->find(traveler);
        REQUIRE(t);
        auto l = sim.devices.world->mrzLines(*t);
        REQUIRE(l);
        return *l;
    }
    // The first photograph seed whose page the OCR reads: the OCR reads most mild pages, not all,
    // and which ones depends on the OCR of the day, so the test asks it rather than assuming.
    [[nodiscard]] std::uint64_t readableSeed(const char* traveler) const {
        auto ocr = kiosk::documents::ocr::MrzReader::create();
        REQUIRE(ocr);
        kiosk::documents::ParseOptions options;
        const auto today = QDate::currentDate();
        options.today = {today.year(), today.month(), today.day()};
        const auto mrz = lines(traveler);
        for (std::uint64_t seed = 1; seed <= 40; ++seed) {
            const auto page = kiosk::sim::SimulatedPassportReader::photograph(mrz, kiosk::sim::Degradation::Mild, seed);
            if (auto read = ocr->read(page, options); read && read->lines == mrz) return seed;
        }
        FAIL("the OCR read none of 40 mild pages of this passport");
        return 0;
    }
    // From now on the reader is an image reader whose next photograph uses `seed`.
    void photographFrom(std::uint64_t seed) {
        sim.devices.passportReader->capturePages(kiosk::sim::PageCapture{kiosk::sim::Degradation::Mild, seed});
    }
    void toPassportStep(const char* traveler) {
        workflow().start();
        REQUIRE(workflow().screen() == Screen::Language);
        workflow().chooseLanguage(QStringLiteral("en"));
        REQUIRE(workflow().screen() == Screen::Passport);
        sim.panel->setTraveler(QString::fromLatin1(traveler));
    }
    bool waitForHint(Hint hint) {
        return QTest::qWaitFor([&] { return workflow().passportHint() == hint && !workflow().busy(); }, 30000);
    }
};

}  // namespace

TEST_CASE("an image reader's page that the OCR reads gives a valid document and the traveler goes on") {
    PageKiosk k;
    LogCapture log;
    k.photographFrom(k.readableSeed("kim-minji"));
    k.toPassportStep("kim-minji");
    REQUIRE(k.sim.panel->presentPassport(QStringLiteral("clean")));
    REQUIRE(QTest::qWaitFor([&] { return k.workflow().screen() == Screen::Fingerprint && !k.workflow().busy(); }, 30000));
    CHECK(k.audit.documentReads() == std::vector<std::string>{"valid {\"attempt\":1,\"format\":\"TD3\"}"});
    CHECK(k.sim.devices.passportReader->documentPresent());
    // Neither the MRZ nor the name reached the log.
    const auto* traveler = k.sim.devices.world->find("kim-minji");
    for (const auto& line : k.lines("kim-minji")) CHECK_FALSE(log.all().contains(QString::fromStdString(line)));
    CHECK_FALSE(log.all().contains(QString::fromStdString(traveler->passport.primaryIdentifier)));
    CHECK_FALSE(log.all().contains(QString::fromStdString(traveler->passport.documentNumber)));
}

TEST_CASE("an unreadable page asks to place it again, without using up the traveler's attempts") {
    PageKiosk k;
    LogCapture log;
    k.photographFrom(1);
    k.toPassportStep("kim-minji");
    for (int i = 0; i < 3; ++i) {  // as many as the misreads that refuse a document
        REQUIRE(k.sim.panel->presentPassport(QStringLiteral("smudged")));
        // The hint stays "unreadable" from the previous page, so wait for this page's own audit record
        // (a slow run, under ASan, would otherwise present the next page while this one is read).
        REQUIRE(QTest::qWaitFor([&] { return k.audit.documentReads().size() == static_cast<std::size_t>(i + 1) && !k.workflow().busy(); }, 30000));
        REQUIRE(k.workflow().passportHint() == Hint::Unreadable);
        CHECK(k.workflow().screen() == Screen::Passport);
        k.workflow().touched();
        QTest::qWait(20);
    }
    CHECK(log.all().contains(QStringLiteral("no MRZ found")));  // the OCR's reason, for the technician
    // Placed again, and this photograph reads.
    k.photographFrom(k.readableSeed("kim-minji"));
    REQUIRE(k.sim.panel->presentPassport(QStringLiteral("clean")));
    REQUIRE(QTest::qWaitFor([&] { return k.workflow().screen() == Screen::Fingerprint && !k.workflow().busy(); }, 30000));
    const auto reads = k.audit.documentReads();
    REQUIRE(reads.size() == 4);
    for (int i = 0; i < 3; ++i) CHECK(reads[static_cast<std::size_t>(i)] == "unreadable {\"attempt\":1}");
    CHECK(reads[3] == "valid {\"attempt\":1,\"format\":\"TD3\"}");
}

TEST_CASE("a page is prepared (the camera's correction) before the OCR reads it") {
    // A preparation that turns the page round: the OCR reads upside-down pages, so the traveler goes on,
    // and the preparation saw every page first, on the compute pool.
    std::atomic<int> prepared{0};
    AuditCapture audit;
    kiosk::test::SimulatedKiosk::Options o = PageKiosk::options(audit);
    o.preparePage = [&prepared](kiosk::GreyImage& page) {
        std::reverse(page.pixels.begin(), page.pixels.end());
        ++prepared;
    };
    kiosk::test::SimulatedKiosk sim((app(), o));
    REQUIRE(sim.setupProblem.isEmpty());
    // Which photograph reads does not depend on the turn (the OCR reads either way round), so the seed
    // is found as in the other tests.
    PageKiosk probe;
    const auto seed = probe.readableSeed("kim-minji");
    sim.devices.passportReader->capturePages(kiosk::sim::PageCapture{kiosk::sim::Degradation::Mild, seed});
    sim.workflow->start();
    sim.workflow->chooseLanguage(QStringLiteral("en"));
    sim.panel->setTraveler(QStringLiteral("kim-minji"));
    REQUIRE(sim.panel->presentPassport(QStringLiteral("clean")));
    REQUIRE(QTest::qWaitFor([&] { return sim.workflow->screen() == Screen::Fingerprint && !sim.workflow->busy(); }, 30000));
    CHECK(prepared == 1);

    // A preparation that blanks the page shows it runs before the OCR: nothing is left to read.
    kiosk::test::SimulatedKiosk::Options blankOptions = PageKiosk::options(audit);
    blankOptions.preparePage = [](kiosk::GreyImage& page) { std::fill(page.pixels.begin(), page.pixels.end(), std::uint8_t{255}); };
    kiosk::test::SimulatedKiosk blank((app(), blankOptions));
    REQUIRE(blank.setupProblem.isEmpty());
    blank.devices.passportReader->capturePages(kiosk::sim::PageCapture{kiosk::sim::Degradation::Mild, seed});
    blank.workflow->start();
    blank.workflow->chooseLanguage(QStringLiteral("en"));
    blank.panel->setTraveler(QStringLiteral("kim-minji"));
    REQUIRE(blank.panel->presentPassport(QStringLiteral("clean")));
    REQUIRE(QTest::qWaitFor([&] { return blank.workflow->passportHint() == Hint::Unreadable && !blank.workflow->busy(); }, 30000));
    CHECK(blank.workflow->screen() == Screen::Passport);
}

TEST_CASE("a page whose printed MRZ cannot be made out is unreadable, not a misread") {
    // The generator prints only valid MRZs: a wrong check digit is photographed as a page without a
    // readable zone, as the OCR (which never returns lines whose check digits fail) would see it.
    PageKiosk k;
    k.photographFrom(1);
    k.toPassportStep("kim-minji");
    REQUIRE(k.sim.panel->presentPassport(QStringLiteral("bad-check-digit")));
    REQUIRE(k.waitForHint(Hint::Unreadable));
    CHECK(k.workflow().screen() == Screen::Passport);
    CHECK(k.audit.documentReads() == std::vector<std::string>{"unreadable {\"attempt\":1}"});
}

TEST_CASE("a page placed on the attract screen starts the transaction, as a text reader's lines do") {
    PageKiosk k;
    k.photographFrom(k.readableSeed("kim-minji"));
    k.sim.panel->setTraveler(QStringLiteral("kim-minji"));
    REQUIRE(k.sim.panel->presentPassport(QStringLiteral("clean")));
    REQUIRE(QTest::qWaitFor([&] { return k.workflow().suggestedLanguage() == "ko"; }, 30000));
    CHECK(k.workflow().screen() == Screen::Language);
    k.workflow().chooseLanguage(QStringLiteral("ko"));
    REQUIRE(QTest::qWaitFor([&] { return k.workflow().screen() == Screen::Fingerprint && !k.workflow().busy(); }, 30000));
}
