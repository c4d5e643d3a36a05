// Signed bundles: format, streaming verification, snapshot and delta apply, every refusal.
#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>

#include "app/members/sync/bundle_format.h"
#include "tests/members/bundle_test_support.h"
#include "tests/members/packed_fingers_support.h"

using namespace kiosk::members;
using namespace kiosk::members::test;
using kiosk::Error;
using synthetic::Range;

namespace {

void truncateTo(const std::filesystem::path& from, const std::filesystem::path& to, std::uintmax_t size) {
    auto bytes = readBytes(from);
    bytes.resize(static_cast<std::size_t>(size));
    std::ofstream(to, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

void flipByte(const std::filesystem::path& from, const std::filesystem::path& to, std::size_t offset) {
    auto bytes = readBytes(from);
    bytes[offset] ^= 0x01;
    std::ofstream(to, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

// A bundle from explicit records (signed by `key`), for malformed-but-signed content.
void writeRecords(const std::filesystem::path& file, BundleHeader h, const std::vector<detail::BundleMember>& records,
                  const PublisherSecretKey& key, const std::vector<std::vector<std::uint8_t>>& raw = {}) {
    h.recordCount = records.size() + raw.size();
    auto w = BundleWriter::create(file, h, key);
    REQUIRE(w.has_value());
    for (const auto& r : records) REQUIRE(w->add(r).has_value());
    for (const auto& r : raw) REQUIRE(w->addRaw(r).has_value());
    REQUIRE(w->finish().has_value());
}

detail::BundleMember sealed(std::uint64_t index, detail::RecordType type, std::uint32_t revision = 0) {
    detail::BundleMember out;
    synthetic::toBundle(synthetic::member(kSeed, index, revision), deploymentKey(), type, out);
    return out;
}

// The refusal leaves the cache exactly as it was: same sequence and counts, same records.
void expectRefused(MemberCache& cache, const std::filesystem::path& bundle, const PublisherKey& trusted,
                   Error::Code code, const std::string& words) {
    const auto before = cache.stats();
    REQUIRE(before.has_value());
    auto r = cache.applyBundle(bundle, trusted);
    REQUIRE_FALSE(r.has_value());
    INFO(r.error().describe());
    CHECK(r.error().code == code);
    CHECK(r.error().describe().find(words) != std::string::npos);
    const auto after = cache.stats();
    REQUIRE(after.has_value());
    CHECK(after->sequence == before->sequence);
    CHECK(after->members == before->members);
    CHECK(after->documents == before->documents);
    CHECK(after->fingers == before->fingers);
    CHECK(after->lastSyncUnixSeconds == before->lastSyncUnixSeconds);
}

}  // namespace

TEST_CASE("a snapshot bundle verifies in one streaming pass and fills the cache", "[members][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    const auto size = snapshot(dir / "s1.kmb", {0, 120}, 0, 1, publisher);
    CHECK(size == std::filesystem::file_size(dir / "s1.kmb"));
    CHECK_FALSE(std::filesystem::exists(dir / "s1.kmb.partial"));

    auto verified = verifyBundle(dir / "s1.kmb", publisher.publicKey());
    REQUIRE(verified.has_value());
    CHECK(verified->header.kind == BundleKind::Snapshot);
    CHECK(verified->header.sequence == 1);
    CHECK(verified->header.recordCount == 120);
    CHECK(verified->header.createdUnix == 1'790'000'000);

    auto cache = openCacheFile(dir / "members.sqlite");
    auto applied = cache.applyBundle(dir / "s1.kmb", publisher.publicKey());
    INFO((applied ? std::string() : applied.error().describe()));
    REQUIRE(applied.has_value());
    CHECK(applied->added == 120);
    CHECK(applied->members == 120);
    CHECK(applied->documents == 132);  // every tenth member renewed her passport
    CHECK(applied->fingers == 240);
    const auto stats = cache.stats();
    REQUIRE(stats.has_value());
    CHECK(stats->sequence == 1);
    CHECK(stats->members == 120);
    CHECK(stats->documents == 132);
    CHECK(stats->fingers == 240);
    CHECK(stats->lastSyncUnixSeconds > 0);
    for (std::uint64_t i : {0, 1, 10, 57, 119}) expectMember(cache, i, 0);
    expectMember(cache, 120, std::nullopt);

    // The bundle itself holds no document number, birth date or template in clear.
    const auto bytes = readBytes(dir / "s1.kmb");
    const auto m = synthetic::member(kSeed, 57, 0);
    const auto& number = m.documents[0].documentNumber;
    CHECK_FALSE(contains(bytes, number.data(), number.size()));
    CHECK_FALSE(contains(bytes, m.fingers[0].isoTemplate.data() + 100, 16));
    const auto birth = m.documents[0].birthDate.iso();
    CHECK_FALSE(contains(bytes, birth.data(), birth.size()));
}

TEST_CASE("a delta adds, changes and removes members in one transaction", "[members][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    snapshot(dir / "s1.kmb", {0, 100}, 0, 1, publisher);
    synthetic::DeltaSpec spec;
    spec.sequence = 2, spec.baseSequence = 1, spec.createdUnix = 1'790'003'600;
    spec.change = {0, 20}, spec.remove = {20, 30}, spec.add = {100, 115}, spec.revision = 1;
    delta(dir / "d2.kmb", spec, publisher);

    auto cache = openCacheFile(dir / "members.sqlite");
    REQUIRE(cache.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());
    auto applied = cache.applyBundle(dir / "d2.kmb", publisher.publicKey());
    INFO((applied ? std::string() : applied.error().describe()));
    REQUIRE(applied.has_value());
    CHECK(applied->kind == BundleKind::Delta);
    CHECK(applied->previousSequence == 1);
    CHECK(applied->changed == 20);
    CHECK(applied->removed == 10);
    CHECK(applied->added == 15);
    const auto stats = cache.stats();
    REQUIRE(stats.has_value());
    CHECK(stats->sequence == 2);
    CHECK(stats->members == 105);
    // Documents: 100 members had 110; minus removed 20..29 (member 20 has two) = 11; plus added 100..114 (100, 110 two) = 17.
    CHECK(stats->documents == 110 - 11 + 17);
    CHECK(stats->fingers == 210);
    for (std::uint64_t i : {0, 10, 19}) expectMember(cache, i, 1);
    for (std::uint64_t i : {20, 25, 29}) expectMember(cache, i, std::nullopt);
    for (std::uint64_t i : {30, 99}) expectMember(cache, i, 0);
    for (std::uint64_t i : {100, 110, 114}) expectMember(cache, i, 1);

    // The counts kept in meta agree with the tables.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((dir / "members.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(sqlText(db, "SELECT count(*) FROM members") == "105");
    CHECK(sqlText(db, "SELECT count(*) FROM documents") == std::to_string(stats->documents));
    CHECK(sqlText(db, "SELECT count(*) FROM imports WHERE kind = 'delta'") == "1");
    CHECK(sqlText(db, "PRAGMA foreign_key_check").empty());
    CHECK(sqlText(db, "SELECT count(*) FROM documents WHERE member_id NOT IN (SELECT id FROM members)") == "0");
    CHECK(fingersHeld(db) == stats->fingers);
    sqlite3_close(db);

    // Reopening (integrity check) and a later snapshot replacing everything.
    cache = openCacheFile(dir / "members.sqlite");
    snapshot(dir / "s3.kmb", {50, 80}, 2, 3, publisher);
    auto replaced = cache.applyBundle(dir / "s3.kmb", publisher.publicKey());
    REQUIRE(replaced.has_value());
    CHECK(replaced->removed == 105);
    CHECK(cache.stats()->members == 30);
    expectMember(cache, 0, std::nullopt);
    expectMember(cache, 50, 2);
}

TEST_CASE("a delta of status changes leaves every document row as it was", "[members][bundle]") {
    // The common delta (a membership suspended, revoked or renewed) carries each member whole, its
    // fingers sealed again by the publisher. Sealing is deterministic (member_crypto.h), so the sealed
    // bytes are the cache's own and no document row is rewritten: one member page per change, not two.
    TempDir dir;
    const auto publisher = publisherKey();
    snapshot(dir / "s1.kmb", {0, 40}, 0, 1, publisher);
    synthetic::DeltaSpec spec;
    spec.sequence = 2, spec.baseSequence = 1, spec.createdUnix = 1'790'003'600;
    spec.change = {0, 30}, spec.add = {40, 45}, spec.revision = 1, spec.enrolment = 0;
    delta(dir / "d2.kmb", spec, publisher);

    auto cache = openCacheFile(dir / "members.sqlite");
    REQUIRE(cache.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((dir / "members.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    const char* rowsSql = "SELECT group_concat(id || ':' || hex(fingers), ',') FROM (SELECT * FROM documents ORDER BY id)";
    const auto rowsBefore = sqlText(db, rowsSql);
    sqlite3_close(db);

    auto applied = cache.applyBundle(dir / "d2.kmb", publisher.publicKey());
    INFO((applied ? std::string() : applied.error().describe()));
    REQUIRE(applied.has_value());
    CHECK(applied->changed == 30);
    CHECK(applied->added == 5);
    CHECK(applied->documentsWritten == 6);  // the added members' (member 40 has two), none of the changed
    CHECK(applied->enrolmentsKept == 30);   // their enrolment tags matched: documents not even read
    for (std::uint64_t i : {0, 10, 20, 29}) expectMember(cache, i, 1, 0);  // new programs, enrolment kept
    for (std::uint64_t i : {30, 39}) expectMember(cache, i, 0);
    for (std::uint64_t i : {40, 44}) expectMember(cache, i, 1);

    REQUIRE(sqlite3_open_v2((dir / "members.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    const auto rowsAfter = sqlText(db, "SELECT group_concat(id || ':' || hex(fingers), ',') FROM (SELECT * FROM documents "
                                       "WHERE member_id <= 40 ORDER BY id)");
    sqlite3_close(db);
    CHECK(rowsAfter == rowsBefore);  // same rows, same ids, same sealed bytes

    // The same members enrolled again: every document of theirs is rewritten.
    spec.sequence = 3, spec.baseSequence = 2, spec.change = {0, 10}, spec.add = {}, spec.revision = 2;
    spec.enrolment.reset();
    delta(dir / "d3.kmb", spec, publisher);
    auto reenrolled = cache.applyBundle(dir / "d3.kmb", publisher.publicKey());
    REQUIRE(reenrolled.has_value());
    CHECK(reenrolled->documentsWritten == 11);  // member 0 has two documents
    CHECK(reenrolled->enrolmentsKept == 0);
    for (std::uint64_t i : {0, 9}) expectMember(cache, i, 2);

    // A member row whose tag was damaged (or never set) only costs the read it would have saved: its
    // documents are read and compared, none rewritten, and the tag is set right.
    REQUIRE(sqlite3_open((dir / "members.sqlite").c_str(), &db) == SQLITE_OK);
    sqlExec(db, "UPDATE members SET enrolment = x'00' WHERE member_ref = 'M000000020'");
    sqlExec(db, "UPDATE members SET enrolment = zeroblob(16) WHERE member_ref = 'M000000021'");
    sqlExec(db, "UPDATE members SET enrolment = NULL WHERE member_ref = 'M000000022'");
    sqlite3_close(db);
    spec.sequence = 4, spec.baseSequence = 3, spec.change = {20, 30}, spec.revision = 3, spec.enrolment = 0;
    delta(dir / "d4.kmb", spec, publisher);
    auto repaired = cache.applyBundle(dir / "d4.kmb", publisher.publicKey());
    REQUIRE(repaired.has_value());
    CHECK(repaired->enrolmentsKept == 7);
    CHECK(repaired->documentsWritten == 0);
    for (std::uint64_t i : {20, 21, 22, 29}) expectMember(cache, i, 3, 0);
    REQUIRE(sqlite3_open_v2((dir / "members.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(sqlText(db, "SELECT count(*) FROM members WHERE member_ref BETWEEN 'M000000020' AND 'M000000029' AND "
                      "length(enrolment) = 16") == "10");
    sqlite3_close(db);
}

TEST_CASE("a change writes only what differs: kept documents, dropped and added documents and fingers", "[members][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    snapshot(dir / "s1.kmb", {0, 12}, 0, 1, publisher);
    auto cache = openCacheFile(dir / "members.sqlite");
    REQUIRE(cache.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());

    // Member 0 (two documents, two fingers): drops its renewed passport and one finger.
    auto m0 = synthetic::member(kSeed, 0, 0);
    REQUIRE(m0.documents.size() == 2);
    REQUIRE(m0.fingers.size() == 2);
    const auto dropped = m0.documents[1];
    m0.documents.resize(1);
    m0.fingers.resize(1);
    // Member 1: a new passport beside the old one, and a third finger at a position it did not have.
    auto m1 = synthetic::member(kSeed, 1, 0);
    REQUIRE(m1.documents.size() == 1);
    m1.documents.push_back({"KOR", "M98765432", kiosk::CalendarDate{1990, 2, 3}});
    auto extra = m1.fingers[0];
    extra.position = kiosk::FingerPosition::LeftLittle;
    REQUIRE(std::none_of(m1.fingers.begin(), m1.fingers.end(), [&](const auto& f) { return f.position == extra.position; }));
    extra.quality = 55;
    m1.fingers.push_back(extra);
    // Member 2: new templates and programs on the same document (revision 1), the bench's case.
    const auto m2 = synthetic::member(kSeed, 2, 1);
    // Member 5: one program's status and the lookout change, nothing else (programs and flags are
    // rewritten only when they differ: members 0 and 1 keep theirs as they were).
    auto m5 = synthetic::member(kSeed, 5, 0);
    REQUIRE_FALSE(m5.programs.empty());
    m5.programs[0].status =
        m5.programs[0].status == ProgramStatus::Suspended ? ProgramStatus::Active : ProgramStatus::Suspended;
    m5.lookout = !m5.lookout;

    BundleHeader h;
    h.kind = BundleKind::Delta, h.sequence = 2, h.baseSequence = 1, h.createdUnix = 1'790'003'600;
    std::vector<detail::BundleMember> records(4);
    synthetic::toBundle(m0, deploymentKey(), detail::RecordType::Change, records[0]);
    synthetic::toBundle(m1, deploymentKey(), detail::RecordType::Change, records[1]);
    synthetic::toBundle(m2, deploymentKey(), detail::RecordType::Change, records[2]);
    synthetic::toBundle(m5, deploymentKey(), detail::RecordType::Change, records[3]);
    writeRecords(dir / "d2.kmb", h, records, publisher);
    auto applied = cache.applyBundle(dir / "d2.kmb", publisher.publicKey());
    INFO((applied ? std::string() : applied.error().describe()));
    REQUIRE(applied.has_value());
    CHECK(applied->changed == 4);

    for (const synthetic::Member* m : std::initializer_list<const synthetic::Member*>{&m0, &m1, &m2, &m5})
        for (const auto& d : m->documents) {
            auto found = cache.lookup(d);
            REQUIRE(found.has_value());
            REQUIRE(found->has_value());
            CHECK(**found == synthetic::expectedRecord(*m));
        }
    auto gone = cache.lookup(dropped);
    REQUIRE(gone.has_value());
    CHECK_FALSE(gone->has_value());
    expectMember(cache, 3, 0);  // untouched

    // The counts in meta agree with the tables (12 members; 14 documents before, members 0 and 10 having
    // two: -1 +1).
    const auto stats = cache.stats();
    REQUIRE(stats.has_value());
    CHECK(stats->members == 12);
    CHECK(stats->documents == 14);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((dir / "members.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(sqlText(db, "SELECT count(*) FROM documents") == "14");
    CHECK(fingersHeld(db) == stats->fingers);
    CHECK(stats->fingers == 24 - 1 + 1);
    CHECK(sqlText(db, "SELECT count(*) FROM documents WHERE member_id NOT IN (SELECT id FROM members)") == "0");
    sqlite3_close(db);

    // A change taking a document another member holds is refused whole.
    auto m3 = synthetic::member(kSeed, 3, 1);
    m3.documents.push_back(synthetic::member(kSeed, 4, 0).documents[0]);
    h.sequence = 3, h.baseSequence = 2;
    records.assign(1, {});
    synthetic::toBundle(m3, deploymentKey(), detail::RecordType::Change, records[0]);
    writeRecords(dir / "d3.kmb", h, records, publisher);
    expectRefused(cache, dir / "d3.kmb", publisher.publicKey(), Error::Code::InvalidInput, "already belongs to a member");
    expectMember(cache, 3, 0);
    expectMember(cache, 4, 0);
    // The same document twice in one record is refused by the decoder.
    m3 = synthetic::member(kSeed, 3, 1);
    m3.documents.push_back(m3.documents[0]);
    synthetic::toBundle(m3, deploymentKey(), detail::RecordType::Change, records[0]);
    writeRecords(dir / "d3b.kmb", h, records, publisher);
    expectRefused(cache, dir / "d3b.kmb", publisher.publicKey(), Error::Code::InvalidInput, "document listed twice");
}

TEST_CASE("replays, gaps, downgrades and stale deltas are refused with the reason", "[members][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    const auto trusted = publisher.publicKey();
    snapshot(dir / "s1.kmb", {0, 40}, 0, 1, publisher);
    snapshot(dir / "s5.kmb", {0, 40}, 1, 5, publisher);
    synthetic::DeltaSpec d2;
    d2.sequence = 2, d2.baseSequence = 1, d2.change = {0, 5};
    delta(dir / "d2.kmb", d2, publisher);
    synthetic::DeltaSpec d7;
    d7.sequence = 7, d7.baseSequence = 6, d7.change = {0, 5};
    delta(dir / "d7.kmb", d7, publisher);
    synthetic::DeltaSpec d6;
    d6.sequence = 6, d6.baseSequence = 4, d6.change = {0, 5};
    delta(dir / "d6.kmb", d6, publisher);

    auto cache = openCacheFile(dir / "members.sqlite");
    expectRefused(cache, dir / "d2.kmb", trusted, Error::Code::InvalidInput, "gap: delta 2 applies on sequence 1 but the cache holds no list");
    REQUIRE(cache.applyBundle(dir / "s1.kmb", trusted).has_value());
    expectRefused(cache, dir / "s1.kmb", trusted, Error::Code::InvalidInput, "replay: snapshot 1 is already applied");
    REQUIRE(cache.applyBundle(dir / "d2.kmb", trusted).has_value());
    expectRefused(cache, dir / "d2.kmb", trusted, Error::Code::InvalidInput, "replay: delta 2 is already applied");
    expectRefused(cache, dir / "s1.kmb", trusted, Error::Code::InvalidInput, "downgrade: snapshot 1 is older");
    expectRefused(cache, dir / "d7.kmb", trusted, Error::Code::InvalidInput, "gap: delta 7 applies on sequence 6 but the cache is at 2");
    REQUIRE(cache.applyBundle(dir / "s5.kmb", trusted).has_value());
    expectRefused(cache, dir / "d6.kmb", trusted, Error::Code::InvalidInput, "downgrade: delta 6 applies on sequence 4, older than the cache's 5");
    expectMember(cache, 3, 1);

    // A JSON member list may not roll a bundle-fed cache back either.
    writeJson(dir / "list.json", memberList(3, QJsonArray{}));
    auto list = cache.importMemberList(dir / "list.json");
    REQUIRE_FALSE(list.has_value());
    CHECK(list.error().message.find("older") != std::string::npos);
}

TEST_CASE("bundles of another key, truncated, tampered or not bundles at all are refused", "[members][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    const auto trusted = publisher.publicKey();
    const auto stranger = publisherKey(0x99);
    snapshot(dir / "s1.kmb", {0, 30}, 0, 1, publisher);
    snapshot(dir / "s2.kmb", {0, 30}, 1, 2, publisher);
    snapshot(dir / "other.kmb", {0, 30}, 1, 2, stranger);
    auto cache = openCacheFile(dir / "members.sqlite");
    REQUIRE(cache.applyBundle(dir / "s1.kmb", trusted).has_value());

    expectRefused(cache, dir / "other.kmb", trusted, Error::Code::Crypto, "signed by another publisher key");
    CHECK_FALSE(verifyBundle(dir / "other.kmb", trusted).has_value());

    // The right key id with another key's signature: a forged header.
    {
        auto bytes = readBytes(dir / "other.kmb");
        const auto id = trusted.id();
        std::memcpy(bytes.data() + 40, id.data(), id.size());
        std::ofstream(dir / "forged.kmb", std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
    expectRefused(cache, dir / "forged.kmb", trusted, Error::Code::Crypto, "signature does not verify");

    const auto full = std::filesystem::file_size(dir / "s2.kmb");
    for (const std::uintmax_t size : {std::uintmax_t{0}, std::uintmax_t{50}, std::uintmax_t{80}, std::uintmax_t{200},
                                      full / 2, full - 65, full - 64, full - 1}) {
        INFO("truncated to " << size);
        truncateTo(dir / "s2.kmb", dir / "cut.kmb", size);
        expectRefused(cache, dir / "cut.kmb", trusted, Error::Code::InvalidInput, "truncated");
    }
    // Appended bytes move the trailer: refused as incomplete too.
    {
        auto bytes = readBytes(dir / "s2.kmb");
        bytes.push_back(0);
        std::ofstream(dir / "long.kmb", std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        expectRefused(cache, dir / "long.kmb", trusted, Error::Code::InvalidInput, "no valid trailer");
    }
    for (const std::size_t offset : {std::size_t{100}, static_cast<std::size_t>(full / 2),
                                     static_cast<std::size_t>(full - 100), static_cast<std::size_t>(full - 3)}) {
        INFO("byte " << offset << " altered");
        flipByte(dir / "s2.kmb", dir / "bad.kmb", offset);
        expectRefused(cache, dir / "bad.kmb", trusted, Error::Code::Crypto, "signature does not verify");
    }
    flipByte(dir / "s2.kmb", dir / "seq.kmb", 16);  // sequence 2 -> 3 in the header: the signature breaks
    expectRefused(cache, dir / "seq.kmb", trusted, Error::Code::Crypto, "signature does not verify");

    writeJson(dir / "list.json", memberList(9, QJsonArray{}));
    expectRefused(cache, dir / "list.json", trusted, Error::Code::InvalidInput, "not a member bundle");
    // A version 3 bundle relabelled as version 2 is checked as Ed25519ph over its content and fails: the
    // version is signed like every other byte, and each version has one signature scheme.
    flipByte(dir / "s2.kmb", dir / "v2.kmb", 8);  // format version 3 -> 2
    expectRefused(cache, dir / "v2.kmb", trusted, Error::Code::Crypto, "signature does not verify");
    {
        auto bytes = readBytes(dir / "s2.kmb");
        bytes[8] = 4;  // a version this build does not know
        std::ofstream(dir / "v4.kmb", std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        expectRefused(cache, dir / "v4.kmb", trusted, Error::Code::Unsupported, "format version");
    }
    expectRefused(cache, dir / "absent.kmb", trusted, Error::Code::Io, "cannot open");
    expectMember(cache, 7, 0);
    REQUIRE(cache.applyBundle(dir / "s2.kmb", trusted).has_value());
    expectMember(cache, 7, 1);
}

TEST_CASE("signed but inconsistent bundles roll back and name the record", "[members][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    const auto trusted = publisher.publicKey();
    snapshot(dir / "s1.kmb", {0, 20}, 0, 1, publisher);
    auto cache = openCacheFile(dir / "members.sqlite");
    REQUIRE(cache.applyBundle(dir / "s1.kmb", trusted).has_value());
    using detail::RecordType;
    BundleHeader snap;
    snap.kind = BundleKind::Snapshot, snap.sequence = 2;
    BundleHeader del;
    del.kind = BundleKind::Delta, del.sequence = 2, del.baseSequence = 1;

    struct Case {
        const char* name;
        BundleHeader header;
        std::vector<detail::BundleMember> records;
        std::vector<std::vector<std::uint8_t>> raw;
        const char* words;
    };
    auto twin = sealed(30, RecordType::Member);
    twin.ref = "M000000031";  // another member holding member 30's document
    auto again = sealed(32, RecordType::Member);
    again.ref = sealed(30, RecordType::Member).ref;  // member 30 again, with other documents
    const std::vector<Case> cases = {
        {"member twice", snap, {sealed(30, RecordType::Member), sealed(30, RecordType::Member)}, {}, "record 1: member listed twice"},
        // Found when the snapshot rebuilds members_by_ref after the last record, still named by record.
        {"member twice with other documents", snap,
         {sealed(30, RecordType::Member), sealed(31, RecordType::Member), again}, {}, "record 2: member listed twice"},
        {"document twice", snap, {sealed(30, RecordType::Member), twin}, {}, "record 1: a document of this member already belongs"},
        {"delta record in a snapshot", snap, {sealed(30, RecordType::Add)}, {}, "record 0: a snapshot holds member records only"},
        {"snapshot record in a delta", del, {sealed(30, RecordType::Member)}, {}, "record 0: a delta holds add, change and remove"},
        {"add of a member held", del, {sealed(3, RecordType::Add)}, {}, "record 0: addition of a member the cache already holds"},
        {"change of an unknown member", del, {sealed(3, RecordType::Change), sealed(40, RecordType::Change)}, {}, "record 1: change of a member the cache does not hold"},
        {"removal of an unknown member", del, {sealed(40, RecordType::Remove)}, {}, "record 0: removal of a member the cache does not hold"},
        {"unknown record type", del, {}, {{2, 0, 0, 0, 9, 1}}, "record 0 (type): unknown record type"},
        {"empty record", del, {}, {{0, 0, 0, 0}}, "record 0: record length out of range"},
        {"bad member id", del, {}, {{4, 0, 0, 0, 4, 2, 'a', ' '}}, "record 0 (member_id)"},
        {"trailing bytes", del, {}, {{5, 0, 0, 0, 4, 1, 'a', 0}}, "trailing bytes"},
        {"length beyond the file", del, {}, {{0xff, 0xff, 0, 0, 4, 1, 'a'}}, "record 0: record length out of range"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const auto file = dir / (std::string(c.name) + ".kmb");
        writeRecords(file, c.header, c.records, publisher, c.raw);
        REQUIRE(verifyBundle(file, trusted).has_value());  // signed: the content itself is wrong
        expectRefused(cache, file, trusted, Error::Code::InvalidInput, c.words);
    }
    expectMember(cache, 3, 0);

    // A snapshot runs with foreign keys off; after those refused ones the same connection's delta
    // removals must still cascade to the documents (and their packed fingers).
    synthetic::DeltaSpec spec;
    spec.sequence = 2, spec.baseSequence = 1, spec.createdUnix = 1'790'003'600, spec.remove = {0, 5};
    delta(dir / "d2.kmb", spec, publisher);
    REQUIRE(cache.applyBundle(dir / "d2.kmb", trusted).has_value());
    expectMember(cache, 3, std::nullopt);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((dir / "members.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(sqlText(db, "PRAGMA foreign_key_check").empty());
    CHECK(sqlText(db, "SELECT count(*) FROM documents") == std::to_string(cache.stats()->documents));
    CHECK(sqlText(db, "SELECT count(*) FROM documents WHERE member_id NOT IN (SELECT id FROM members)") == "0");
    sqlite3_close(db);
}

TEST_CASE("the JSON list and bundles share one sealing: a bundle member opens like a listed one", "[members][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    const auto m = synthetic::member(kSeed, 3, 0);
    QJsonArray programs, documents, fingers;
    for (const auto& p : m.programs)
        programs.append(QJsonObject{{"program", QString::fromStdString(p.program)},
                                    {"status", QString::fromStdString(std::string(programStatusName(p.status)))},
                                    {"expires", QString::fromStdString(p.expires.iso())}});
    for (const auto& d : m.documents)
        documents.append(QJsonObject{{"issuing_state", QString::fromStdString(d.issuingState)},
                                     {"number", QString::fromStdString(d.documentNumber)},
                                     {"birth_date", QString::fromStdString(d.birthDate.iso())}});
    for (const auto& f : m.fingers) fingers.append(finger(static_cast<int>(f.position), f.quality, f.isoTemplate));
    writeJson(dir / "list.json",
              memberList(1, QJsonArray{QJsonObject{{"member_id", QString::fromStdString(m.ref)},
                                                   {"programs", programs},
                                                   {"documents", documents},
                                                   {"fingers", fingers}}}));
    auto listed = openCacheFile(dir / "listed.sqlite");
    REQUIRE(listed.importMemberList(dir / "list.json").has_value());
    snapshot(dir / "s2.kmb", {3, 4}, 0, 2, publisher);
    auto bundled = openCacheFile(dir / "bundled.sqlite");
    REQUIRE(bundled.applyBundle(dir / "s2.kmb", publisher.publicKey()).has_value());
    const auto a = listed.lookup(m.documents[0]);
    const auto b = bundled.lookup(m.documents[0]);
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    REQUIRE(a->has_value());
    CHECK(**a == **b);
    // A list-fed cache moves on to bundles with a higher sequence.
    REQUIRE(listed.applyBundle(dir / "s2.kmb", publisher.publicKey()).has_value());
    CHECK(listed.stats()->sequence == 2);
}

TEST_CASE("publisher keys load from hex or raw files and name bad files", "[members][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    REQUIRE(savePublisherKey(publisher.publicKey(), dir / "publisher.pub").has_value());
    auto loaded = loadPublisherKey(dir / "publisher.pub");
    REQUIRE(loaded.has_value());
    CHECK(loaded->bytes == publisher.publicKey().bytes);
    {
        std::ofstream(dir / "raw.pub", std::ios::binary)
            .write(reinterpret_cast<const char*>(publisher.publicKey().bytes.data()), 32);
    }
    CHECK(loadPublisherKey(dir / "raw.pub")->bytes == publisher.publicKey().bytes);
    std::ofstream(dir / "bad.pub") << "xyz\n";
    auto bad = loadPublisherKey(dir / "bad.pub");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().context.find("bad.pub") != std::string::npos);
    REQUIRE(publisher.save(dir / "publisher.key").has_value());
    CHECK((std::filesystem::status(dir / "publisher.key").permissions() & std::filesystem::perms::group_all) ==
          std::filesystem::perms::none);
    CHECK(PublisherSecretKey::load(dir / "publisher.key")->publicKey().bytes == publisher.publicKey().bytes);
    CHECK_FALSE(publisher.save(dir / "publisher.key").has_value());  // never overwritten
}

TEST_CASE("a version 2 bundle (Ed25519ph over the content) still verifies and applies; relabelled, it does not",
          "[members][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    const auto trusted = publisher.publicKey();
    BundleHeader h;
    h.formatVersion = 2, h.kind = BundleKind::Snapshot, h.sequence = 1, h.createdUnix = 1'790'000'000;
    std::vector<detail::BundleMember> records(6);
    for (std::uint64_t i = 0; i < records.size(); ++i)
        synthetic::toBundle(synthetic::member(kSeed, i, 0), deploymentKey(), detail::RecordType::Member, records[i]);
    writeRecords(dir / "v2.kmb", h, records, publisher);
    auto verified = verifyBundle(dir / "v2.kmb", trusted);
    INFO((verified ? std::string() : verified.error().describe()));
    REQUIRE(verified.has_value());
    CHECK(verified->header.formatVersion == 2);
    // The same records as version 3 (its signature covers the content's digest, not the content).
    h.formatVersion = 3;
    writeRecords(dir / "v3.kmb", h, records, publisher);
    auto v3 = verifyBundle(dir / "v3.kmb", trusted);
    REQUIRE(v3.has_value());
    CHECK(v3->header.formatVersion == 3);
    flipByte(dir / "v2.kmb", dir / "v2-as-v3.kmb", 8);  // 2 -> 3: now checked as a signed digest
    auto relabelled = verifyBundle(dir / "v2-as-v3.kmb", trusted);
    REQUIRE_FALSE(relabelled.has_value());
    CHECK(relabelled.error().code == Error::Code::Crypto);

    auto cache = openCacheFile(dir / "members.sqlite");
    auto applied = cache.applyBundle(dir / "v2.kmb", trusted);
    INFO((applied ? std::string() : applied.error().describe()));
    REQUIRE(applied.has_value());
    for (std::uint64_t i = 0; i < records.size(); ++i) expectMember(cache, i, 0);
}
