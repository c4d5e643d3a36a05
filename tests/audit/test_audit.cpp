// The audit trail: round trip, tamper detection with its place, retention, disk full, clock going back,
// recovery of interrupted transactions, refusal of personal data, concurrent appends.
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>
#include <vector>

#include "app/audit/audit_internal.h"
#include "tests/audit/audit_test_support.h"

using namespace audit_test;
using kiosk::Error;
using kiosk::audit::Details;
using kiosk::audit::ProblemKind;
using kiosk::audit::verifyAudit;

namespace {

// Three days, four records each: seq 1-4 on 11-20, 5-8 on 11-21, 9-12 on 11-22; closed (so sealed).
struct ThreeDays {
    ScratchDir dir;
    KeyPair key;
    ManualClock clock;
    ThreeDays() {
        auto log = AuditLog::open(dir.audit(), key.secret, options(clock));
        REQUIRE(log);
        for (int day = 0; day < 3; ++day) {
            for (int i = 0; i < 4; ++i) {
                Entry e = step("T" + std::to_string(day * 4 + i), "fingerprint.compare", "match");
                e.details.number("score", 61.25 + i).number("threshold", 60.84).integer("finger", 2).integer("quality", 71);
                REQUIRE(log->append(e));
                clock.advance(1min);
            }
            clock.advance(24h);
        }
        REQUIRE(log->close());
    }
    [[nodiscard]] std::filesystem::path seg(const std::string& day) const { return segment(dir.audit(), day); }
    [[nodiscard]] kiosk::audit::VerifyReport verify() const {
        auto report = verifyAudit(dir.audit(), key.pub);
        REQUIRE(report);
        return *report;
    }
};

// What an attacker without the key can do: recompute every hash of a segment from its anchor.
int rechain(const std::filesystem::path& file) {
    namespace d = kiosk::audit::detail;
    auto db = d::openDb(file, false);
    REQUIRE(db);
    auto meta = d::readMeta(db->get(), "test");
    REQUIRE(meta);
    auto rows = d::prepare(db->get(), "SELECT seq, time, kiosk, txn, step, outcome, details FROM records ORDER BY seq", "test");
    REQUIRE(rows);
    std::vector<kiosk::audit::Record> records;
    while (sqlite3_step(rows->get()) == SQLITE_ROW) {
        kiosk::audit::Record r;
        r.seq = sqlite3_column_int64(rows->get(), 0);
        r.time = d::columnText(rows->get(), 1);
        r.kioskId = d::columnText(rows->get(), 2);
        r.transactionId = d::columnText(rows->get(), 3);
        r.step = d::columnText(rows->get(), 4);
        r.outcome = d::columnText(rows->get(), 5);
        r.details = d::columnText(rows->get(), 6);
        records.push_back(r);
    }
    auto update = d::prepare(db->get(), "UPDATE records SET prev = ?, hash = ? WHERE seq = ?", "test");
    REQUIRE(update);
    kiosk::audit::Hash prev = meta->anchorHash;
    for (auto& r : records) {
        r.hash = d::recordHash(prev, r);
        sqlite3_reset(update->get());
        sqlite3_bind_blob(update->get(), 1, prev.data(), 32, SQLITE_TRANSIENT);
        sqlite3_bind_blob(update->get(), 2, r.hash.data(), 32, SQLITE_TRANSIENT);
        sqlite3_bind_int64(update->get(), 3, r.seq);
        REQUIRE(sqlite3_step(update->get()) == SQLITE_DONE);
        prev = r.hash;
    }
    return static_cast<int>(records.size());
}

void requireProblem(const kiosk::audit::VerifyReport& report, ProblemKind kind, std::int64_t seq, const std::string& segment) {
    INFO(report.verdict());
    REQUIRE_FALSE(report.intact);
    REQUIRE(report.problem);
    CHECK(report.problem->kind == kind);
    CHECK(report.problem->seq == seq);
    if (!segment.empty()) CHECK(report.problem->segment == segment);
    CHECK_THAT(report.verdict(), Catch::Contains("seq " + std::to_string(seq)));
}

}  // namespace

TEST_CASE("records round-trip, chain across segments and verify intact", "[audit]") {
    ThreeDays fx;
    CHECK(std::filesystem::exists(fx.seg("2026-11-20")));
    CHECK(std::filesystem::exists(fx.seg("2026-11-21")));
    CHECK(std::filesystem::exists(fx.seg("2026-11-22")));

    const auto report = fx.verify();
    INFO(report.verdict());
    CHECK(report.intact);
    CHECK(report.records == 12);
    CHECK(report.firstSeq == 1);
    CHECK(report.lastSeq == 12);
    CHECK(report.segments == 3);
    CHECK(report.unsealedTail == 0);
    CHECK(report.lastSealedSeq == 12);

    auto all = kiosk::audit::readRecords(fx.dir.audit(), {});
    REQUIRE(all);
    REQUIRE(all->size() == 12);
    CHECK(all->front().seq == 1);
    CHECK(all->front().time == "2026-11-20T10:00:00.000Z");
    CHECK(all->front().kioskId == "KIOSK-07");
    CHECK(all->front().step == "fingerprint.compare");
    CHECK(all->front().details == R"({"score":61.25,"threshold":60.84,"finger":2,"quality":71})");
    CHECK(all->back().time.starts_with("2026-11-22T"));

    auto one = kiosk::audit::readRecords(fx.dir.audit(), {"T5", 0});
    REQUIRE(one);
    REQUIRE(one->size() == 1);
    CHECK(one->front().seq == 6);

    // Reopen: seq continues, records after the last head are an unsealed tail until sealed.
    auto log = AuditLog::open(fx.dir.audit(), fx.key.secret, options(fx.clock));
    REQUIRE(log);
    CHECK(log->lastSeq() == 12);
    REQUIRE(log->append(step("T99", "transaction.started")) == 13);
    REQUIRE(log->append(step("T99", "document.read")) == 14);
    auto recent = log->recent(3);
    REQUIRE(recent);
    REQUIRE(recent->size() == 3);
    CHECK((*recent)[0].seq == 12);
    CHECK((*recent)[2].seq == 14);
    {
        const auto r = fx.verify();
        INFO(r.verdict());
        CHECK(r.intact);
        CHECK(r.unsealedTail == 2);
        CHECK_THAT(r.verdict(), Catch::Contains("unsealed tail: 2 records"));
    }
    REQUIRE(log->sealDay());
    const auto sealed = fx.verify();
    CHECK(sealed.intact);
    CHECK(sealed.unsealedTail == 0);
}

TEST_CASE("a day rolls over early past the size limit", "[audit]") {
    ScratchDir dir;
    KeyPair key;
    ManualClock clock;
    auto opts = options(clock);
    opts.maxSegmentBytes = 40 * 1024;
    auto log = AuditLog::open(dir.audit(), key.secret, opts);
    REQUIRE(log);
    for (int i = 0; i < 300; ++i) {
        Entry e = step("T" + std::to_string(i), "member.lookup", "found");
        e.details.code("list_age", "fresh").integer("attempt", i);
        REQUIRE(log->append(e));
    }
    REQUIRE(log->close());
    CHECK(std::filesystem::exists(segment(dir.audit(), "2026-11-20", 1)));
    auto report = verifyAudit(dir.audit(), key.pub);
    REQUIRE(report);
    INFO(report->verdict());
    CHECK(report->intact);
    CHECK(report->segments > 1);
    CHECK(report->records == 300);
}

TEST_CASE("every kind of tampering is found, with its place", "[audit][tamper]") {
    ThreeDays fx;
    REQUIRE(fx.verify().intact);

    SECTION("a field edited with raw SQL") {
        REQUIRE(rawSql(fx.seg("2026-11-21"), "UPDATE records SET outcome = 'no-match' WHERE seq = 6") == SQLITE_OK);
        requireProblem(fx.verify(), ProblemKind::Edited, 6, "audit-2026-11-21.sqlite");
    }
    SECTION("details edited (a score raised)") {
        REQUIRE(rawSql(fx.seg("2026-11-20"), "UPDATE records SET details = replace(details, '61.25', '71.25') WHERE seq = 1") ==
                SQLITE_OK);
        requireProblem(fx.verify(), ProblemKind::Edited, 1, "audit-2026-11-20.sqlite");
    }
    SECTION("a row deleted in the middle of a segment") {
        REQUIRE(rawSql(fx.seg("2026-11-21"), "DELETE FROM records WHERE seq = 7") == SQLITE_OK);
        requireProblem(fx.verify(), ProblemKind::Removed, 7, "audit-2026-11-21.sqlite");
    }
    SECTION("the last row of a sealed segment deleted") {
        REQUIRE(rawSql(fx.seg("2026-11-20"), "DELETE FROM records WHERE seq = 4") == SQLITE_OK);
        requireProblem(fx.verify(), ProblemKind::Removed, 4, "audit-2026-11-20.sqlite");
    }
    SECTION("the last row of the last segment deleted (it was sealed at close)") {
        REQUIRE(rawSql(fx.seg("2026-11-22"), "DELETE FROM records WHERE seq = 12") == SQLITE_OK);
        requireProblem(fx.verify(), ProblemKind::Removed, 12, "audit-2026-11-22.sqlite");
    }
    SECTION("two rows' seq swapped") {
        REQUIRE(rawSql(fx.seg("2026-11-21"),
                       "UPDATE records SET seq = -1 WHERE seq = 6; UPDATE records SET seq = 6 WHERE seq = 7;"
                       "UPDATE records SET seq = 7 WHERE seq = -1;") == SQLITE_OK);
        const auto report = fx.verify();
        requireProblem(report, ProblemKind::Reordered, 6, "audit-2026-11-21.sqlite");
        CHECK_THAT(report.verdict(), Catch::Contains("written as seq 7"));
    }
    SECTION("a middle segment file deleted") {
        std::filesystem::remove(fx.seg("2026-11-21"));
        requireProblem(fx.verify(), ProblemKind::SegmentMissing, 5, "audit-2026-11-22.sqlite");
    }
    SECTION("the first segment file deleted (not by retention)") {
        std::filesystem::remove(fx.seg("2026-11-20"));
        const auto report = fx.verify();
        requireProblem(report, ProblemKind::SegmentMissing, 4, "");
        CHECK_THAT(report.verdict(), Catch::Contains("no retention record"));
    }
    SECTION("a byte of a head signature flipped") {
        REQUIRE(flipSignatureByte(fx.seg("2026-11-21"), 10));
        requireProblem(fx.verify(), ProblemKind::BadSignature, 8, "audit-2026-11-21.sqlite");
    }
    SECTION("verified with another kiosk's key") {
        KeyPair other;
        auto report = verifyAudit(fx.dir.audit(), other.pub);
        REQUIRE(report);
        requireProblem(*report, ProblemKind::WrongKey, 4, "audit-2026-11-20.sqlite");
    }
    SECTION("a segment re-signed with an attacker's key after editing") {
        KeyPair attacker;
        REQUIRE(rawSql(fx.seg("2026-11-22"), "UPDATE heads SET public_key = x'" + kiosk::audit::toHex(attacker.pub) + "'") ==
                SQLITE_OK);
        requireProblem(fx.verify(), ProblemKind::WrongKey, 12, "audit-2026-11-22.sqlite");
    }
    SECTION("the head at a segment's end removed") {
        REQUIRE(rawSql(fx.seg("2026-11-20"), "DELETE FROM heads") == SQLITE_OK);
        requireProblem(fx.verify(), ProblemKind::Unsealed, 4, "audit-2026-11-20.sqlite");
    }
    SECTION("a record edited and the chain recomputed after it (no key): the signed head catches it") {
        REQUIRE(rawSql(fx.seg("2026-11-22"), "UPDATE records SET outcome = 'no-match' WHERE seq = 10") == SQLITE_OK);
        REQUIRE(rechain(fx.seg("2026-11-22")) == 4);
        requireProblem(fx.verify(), ProblemKind::HeadMismatch, 12, "audit-2026-11-22.sqlite");
    }
    SECTION("a head pointed at another hash") {
        REQUIRE(rawSql(fx.seg("2026-11-21"), "UPDATE heads SET last_hash = zeroblob(32)") == SQLITE_OK);
        // The hash is under the signature, so the signature fails first: either way it is caught at seq 8.
        const auto report = fx.verify();
        REQUIRE_FALSE(report.intact);
        CHECK(report.problem->seq == 8);
    }
}

TEST_CASE("retention deletes whole old days and verification starts after them", "[audit][retention]") {
    ScratchDir dir;
    KeyPair key;
    ManualClock clock;
    auto opts = options(clock);
    opts.retentionDays = 2;
    auto log = AuditLog::open(dir.audit(), key.secret, opts);
    REQUIRE(log);
    for (int day = 0; day < 5; ++day) {  // 11-20 .. 11-24, seq 1..15
        for (int i = 0; i < 3; ++i) REQUIRE(log->append(step("T" + std::to_string(day), "decision", "cleared")));
        if (day < 4) clock.advance(24h);
    }
    using namespace std::chrono;
    auto result = log->applyRetention(year_month_day{year{2026}, month{11}, day{24}});
    REQUIRE(result);
    CHECK(result->segmentsDeleted == 2);  // 11-20 and 11-21 are before 11-22 (= 11-24 minus 2 days)
    CHECK(result->verifyFromSeq == 7);
    CHECK_FALSE(std::filesystem::exists(segment(dir.audit(), "2026-11-20")));
    CHECK_FALSE(std::filesystem::exists(segment(dir.audit(), "2026-11-21")));
    CHECK(std::filesystem::exists(segment(dir.audit(), "2026-11-22")));

    auto recent = log->recent(1);
    REQUIRE(recent);
    CHECK(recent->front().step == "audit.retention");
    CHECK_THAT(recent->front().details, Catch::Contains("\"through_seq\":6"));
    REQUIRE(log->close());

    auto report = verifyAudit(dir.audit(), key.pub);
    REQUIRE(report);
    INFO(report->verdict());
    CHECK(report->intact);
    CHECK(report->firstSeq == 7);
    CHECK_THAT(report->verdict(), Catch::Contains("verified from seq 7"));

    // Nothing more to delete the same day.
    auto again = AuditLog::open(dir.audit(), key.secret, opts);
    REQUIRE(again);
    auto none = again->applyRetention(year_month_day{year{2026}, month{11}, day{24}});
    REQUIRE(none);
    CHECK(none->segmentsDeleted == 0);
    CHECK(none->verifyFromSeq == 7);
    REQUIRE(again->close());

    // Deleting the oldest kept day by hand is still caught: no retention record names that start.
    std::filesystem::remove(segment(dir.audit(), "2026-11-22"));
    auto broken = verifyAudit(dir.audit(), key.pub);
    REQUIRE(broken);
    CHECK_FALSE(broken->intact);
    CHECK(broken->problem->kind == ProblemKind::SegmentMissing);
}

TEST_CASE("disk full: a clear error and never a half record", "[audit][diskfull]") {
    ScratchDir dir;
    KeyPair key;
    ManualClock clock;
    auto opts = options(clock);
    opts.testMaxPageCount = 12;
    std::int64_t lastGood = 0;
    {
        auto log = AuditLog::open(dir.audit(), key.secret, opts);
        REQUIRE(log);
        std::optional<Error> failure;
        for (int i = 0; i < 5000 && !failure; ++i) {
            Entry e = step("T" + std::to_string(i), "customs.answered", "no");
            e.details.code("question", "food").integer("index", i);
            auto r = log->append(e);
            if (r) lastGood = *r;
            else failure = r.error();
        }
        REQUIRE(failure);
        CHECK(failure->code == Error::Code::Io);
        CHECK(failure->message == "audit log cannot be written: disk full");
        CHECK(lastGood > 0);
        CHECK(log->lastSeq() == lastGood);
        // Still full: refused again, seq unchanged.
        CHECK_FALSE(log->append(step("T-x", "device.error", "printer")));
        CHECK(log->lastSeq() == lastGood);
        (void)log->close();  // sealing may fail too on a full disk
    }
    opts.testMaxPageCount = 0;  // space freed
    auto log = AuditLog::open(dir.audit(), key.secret, opts);
    REQUIRE(log);
    CHECK(log->lastSeq() == lastGood);
    REQUIRE(log->append(step("", "kiosk.started")) == lastGood + 1);
    REQUIRE(log->close());
    auto records = kiosk::audit::readRecords(dir.audit(), {});
    REQUIRE(records);
    CHECK(static_cast<std::int64_t>(records->size()) == lastGood + 1);
    auto report = verifyAudit(dir.audit(), key.pub);
    REQUIRE(report);
    INFO(report->verdict());
    CHECK(report->intact);
}

TEST_CASE("a clock that goes back is recorded as given and flagged, seq keeps the order", "[audit][clock]") {
    ScratchDir dir;
    KeyPair key;
    ManualClock clock;
    auto log = AuditLog::open(dir.audit(), key.secret, options(clock));
    REQUIRE(log);
    REQUIRE(log->append(step("T1", "transaction.started")) == 1);
    clock.advance(-1h);
    REQUIRE(log->append(step("T1", "document.read")) == 2);
    clock.advance(1s);
    REQUIRE(log->append(step("T1", "transaction.ended")) == 3);
    clock.advance(-24h);  // back across midnight: stays in the newest segment
    REQUIRE(log->append(step("", "kiosk.started")) == 4);
    REQUIRE(log->close());

    auto records = kiosk::audit::readRecords(dir.audit(), {});
    REQUIRE(records);
    REQUIRE(records->size() == 4);
    CHECK((*records)[0].time == "2026-11-20T10:00:00.000Z");
    CHECK((*records)[1].time == "2026-11-20T09:00:00.000Z");
    CHECK((*records)[0].details == "{}");
    CHECK((*records)[1].details == R"({"clock_went_back":true})");
    CHECK((*records)[2].details == "{}");
    CHECK((*records)[3].time.starts_with("2026-11-19T"));
    CHECK((*records)[3].details == R"({"clock_went_back":true})");
    CHECK(std::filesystem::exists(segment(dir.audit(), "2026-11-20")));
    CHECK_FALSE(std::filesystem::exists(segment(dir.audit(), "2026-11-19")));
    auto report = verifyAudit(dir.audit(), key.pub);
    REQUIRE(report);
    CHECK(report->intact);
}

TEST_CASE("interrupted transactions are recorded as abandoned at the next start", "[audit][recovery]") {
    ScratchDir dir;
    KeyPair key;
    ManualClock clock;
    {
        auto log = AuditLog::open(dir.audit(), key.secret, options(clock));
        REQUIRE(log);
        REQUIRE(log->append(step("T1", "transaction.started")));
        REQUIRE(log->append(step("T1", "transaction.ended", "cleared")));
        REQUIRE(log->append(step("T2", "transaction.started")));
        REQUIRE(log->append(step("T2", "fingerprint.compare", "match")));
        clock.advance(24h);  // T3 starts on the next day's segment, T2 stays open across the rollover
        REQUIRE(log->append(step("T3", "transaction.started")));
        REQUIRE(log->append(step("T4", "transaction.started")));
        REQUIRE(log->append(step("T4", "transaction.abandoned", "timeout")));
    }  // the kiosk stops without ending T2 and T3
    auto log = AuditLog::open(dir.audit(), key.secret, options(clock));
    REQUIRE(log);
    auto recovered = log->recoverInterrupted();
    REQUIRE(recovered);
    CHECK(*recovered == 2);
    auto recent = log->recent(2);
    REQUIRE(recent);
    REQUIRE(recent->size() == 2);
    CHECK((*recent)[0].transactionId == "T2");
    CHECK((*recent)[1].transactionId == "T3");
    for (const auto& r : *recent) {
        CHECK(r.step == "transaction.abandoned");
        CHECK(r.outcome == "interrupted");
    }
    auto again = log->recoverInterrupted();
    REQUIRE(again);
    CHECK(*again == 0);
    REQUIRE(log->close());
    auto report = verifyAudit(dir.audit(), key.pub);
    REQUIRE(report);
    CHECK(report->intact);
}

TEST_CASE("personal data is refused: MRZ-shaped or long details, bad fields", "[audit][privacy]") {
    ScratchDir dir;
    KeyPair key;
    ManualClock clock;
    auto log = AuditLog::open(dir.audit(), key.secret, options(clock));
    REQUIRE(log);
    const std::string mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";

    Entry mrzDetail = step("T1", "document.read", "ok");
    mrzDetail.details.code("line", mrz);
    auto refused = log->append(mrzDetail);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Error::Code::InvalidInput);
    CHECK_THAT(refused.error().describe(), Catch::Contains("'line'") && Catch::Contains("MRZ"));
    CHECK_THAT(refused.error().describe(), !Catch::Contains("ERIKSSON"));

    Entry secondLine = step("T1", "document.read", "ok");
    secondLine.details.code("l2", "L898902C36UTO7408122F1204159ZE184226B<<<<<1");
    CHECK_FALSE(log->append(secondLine));

    Entry tooLong = step("T1", "document.read", "ok");
    tooLong.details.code("note", std::string(65, 'a'));
    auto longRefused = log->append(tooLong);
    REQUIRE_FALSE(longRefused);
    CHECK_THAT(longRefused.error().message, Catch::Contains("64"));

    Entry fine = step("T1", "document.read", "ok");
    fine.details.code("note", std::string(64, 'a')).code("doc_type", "P").code("check", "ok");
    CHECK(log->append(fine) == 1);

    CHECK_FALSE(log->append(step(mrz.substr(0, 30), "document.read")));        // transaction id
    CHECK_FALSE(log->append(step("T1", "Document Read")));                     // step
    CHECK_FALSE(log->append(step("T1", std::string(49, 'a'))));                // step too long
    CHECK_FALSE(log->append(step("T1", "decision", "Cleared by officer")));    // outcome
    Entry quote = step("T1", "decision");
    quote.details.code("x", "a\"b");
    CHECK_FALSE(log->append(quote));
    Entry nan = step("T1", "decision");
    nan.details.number("score", std::numeric_limits<double>::quiet_NaN());
    CHECK_FALSE(log->append(nan));
    Entry twice = step("T1", "decision");
    twice.details.integer("a", 1).integer("a", 2);
    CHECK_FALSE(log->append(twice));
    CHECK(log->lastSeq() == 1);
}

TEST_CASE("the kiosk key file is read only when it is private and 64 bytes", "[audit]") {
    ScratchDir dir;
    KeyPair key;
    const auto file = dir.path() / "receipt-signing.key";
    {
        std::ofstream out(file, std::ios::binary);
        out.write(reinterpret_cast<const char*>(key.secret.data()), 64);
    }
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto read = kiosk::audit::readSecretKeyFile(file);
    REQUIRE(read);
    CHECK(*read == key.secret);
    std::filesystem::permissions(file, std::filesystem::perms::group_read, std::filesystem::perm_options::add);
    CHECK_FALSE(kiosk::audit::readSecretKeyFile(file));
    std::filesystem::permissions(file, std::filesystem::perms::group_read, std::filesystem::perm_options::remove);
    {
        std::ofstream out(file, std::ios::binary | std::ios::app);
        out.put('x');
    }
    CHECK_FALSE(kiosk::audit::readSecretKeyFile(file));
    CHECK_FALSE(kiosk::audit::readSecretKeyFile(dir.path() / "missing.key"));
}

TEST_CASE("open refuses a bad key or kiosk id", "[audit]") {
    ScratchDir dir;
    KeyPair key;
    ManualClock clock;
    auto mismatched = key.secret;
    mismatched[40] ^= 1;  // public half no longer belongs to the seed
    CHECK_FALSE(AuditLog::open(dir.audit(), mismatched, options(clock)));
    CHECK_FALSE(AuditLog::open(dir.audit(), std::span(key.secret).first(32), options(clock)));
    auto opts = options(clock);
    opts.kioskId = "kiosk 7";
    CHECK_FALSE(AuditLog::open(dir.audit(), key.secret, opts));
}

TEST_CASE("appends from several threads keep one unbroken chain", "[audit][threads]") {
    ScratchDir dir;
    KeyPair key;
    ManualClock clock;
    auto opts = options(clock);
    opts.clock = {};  // real clock: the manual one is not meant to be read from several threads
    auto log = AuditLog::open(dir.audit(), key.secret, opts);
    REQUIRE(log);
    std::vector<std::thread> threads;
    std::atomic<int> failures = 0;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 40; ++i) {
                Entry e = step("W" + std::to_string(t), "technician.action", "ok");
                e.details.integer("i", i);
                if (!log->append(e)) ++failures;
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(failures == 0);
    CHECK(log->lastSeq() == 160);
    REQUIRE(log->close());
    auto report = verifyAudit(dir.audit(), key.pub);
    REQUIRE(report);
    INFO(report->verdict());
    CHECK(report->intact);
    CHECK(report->records == 160);
}
