// The lookout flag end to end: member list JSON, cache schema v2 (and the v1 -> v2 migration), signed
// bundles v2 (and v1 bundles still applying), deltas that set and clear it.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstring>
#include <string>

#include "app/members/member_crypto.h"
#include "app/members/sync/bundle_format.h"
#include "tests/members/bundle_test_support.h"
#include "tests/members/frozen_schemas.h"
#include "tests/support/test_paths.h"

using namespace kiosk::members;
using namespace kiosk::members::test;
using kiosk::CalendarDate;
using kiosk::Error;

namespace {

const DocumentKey kWatched{"BRA", "FT482719", {1986, 4, 21}};
const DocumentKey kPlain{"USA", "A12345678", {1985, 4, 12}};
const auto kTemplate = fakeTemplate(11);

// Two members: M-WATCH with "lookout": true, M-PLAIN without the field.
QJsonObject lookoutList(std::int64_t sequence, const QJsonValue& lookout = true) {
    QJsonObject watched{{"member_id", "M-WATCH"},
                        {"programs", QJsonArray{program("GLOBAL_ENTRY", "active", "2031-04-21")}},
                        {"documents", QJsonArray{document("BRA", "FT482719", "1986-04-21")}},
                        {"fingers", QJsonArray{finger(2, 70, kTemplate)}}};
    if (!lookout.isUndefined()) watched.insert("lookout", lookout);
    return memberList(sequence,
                      QJsonArray{watched, QJsonObject{{"member_id", "M-PLAIN"},
                                                      {"programs", QJsonArray{program("NEXUS", "active", "2030-01-31")}},
                                                      {"documents", QJsonArray{document("USA", "A12345678", "1985-04-12")}}}});
}

MemberRecord found(const MemberCache& cache, const DocumentKey& document) {
    auto r = cache.lookup(document);
    INFO((r ? std::string() : r.error().describe()));
    REQUIRE(r.has_value());
    REQUIRE(r->has_value());
    return **r;
}

void writeBundle(const std::filesystem::path& file, BundleHeader h, const std::vector<detail::BundleMember>& records,
                 const PublisherSecretKey& key, const std::vector<std::vector<std::uint8_t>>& raw = {}) {
    h.recordCount = records.size() + raw.size();
    auto w = BundleWriter::create(file, h, key);
    REQUIRE(w.has_value());
    for (const auto& r : records) {
        auto added = w->add(r);
        INFO((added ? std::string() : added.error().describe()));
        REQUIRE(added.has_value());
    }
    for (const auto& r : raw) REQUIRE(w->addRaw(r).has_value());
    REQUIRE(w->finish().has_value());
}

// Synthetic member `index` as a record, with the lookout forced (the population draws its own).
detail::BundleMember record(std::uint64_t index, detail::RecordType type, bool lookout, std::uint32_t revision = 0) {
    detail::BundleMember out;
    synthetic::toBundle(synthetic::member(kSeed, index, revision), deploymentKey(), type, out);
    out.lookout = lookout;
    return out;
}

bool lookoutOf(const MemberCache& cache, std::uint64_t index) {
    return found(cache, synthetic::member(kSeed, index, 0).documents.front()).lookout;
}

}  // namespace

TEST_CASE("the member list's optional lookout reaches the record the cache returns", "[members][lookout]") {
    TempDir dir;
    auto cache = openCacheFile(dir / "members.sqlite");
    writeJson(dir / "list.json", lookoutList(1));
    auto imported = cache.importMemberList(dir / "list.json");
    INFO((imported ? std::string() : imported.error().describe()));
    REQUIRE(imported.has_value());
    const auto watched = found(cache, kWatched);
    CHECK(watched.memberId == "M-WATCH");
    CHECK(watched.lookout);
    REQUIRE(watched.fingers.size() == 1);
    CHECK(watched.fingers[0].isoTemplate == kTemplate);  // the flag changes nothing else
    CHECK_FALSE(found(cache, kPlain).lookout);           // absent means false

    // "lookout": false is accepted and clears it on the next list.
    writeJson(dir / "next.json", lookoutList(2, false));
    REQUIRE(cache.importMemberList(dir / "next.json").has_value());
    CHECK_FALSE(found(cache, kWatched).lookout);
    CHECK(cache.stats()->members == 2);
}

TEST_CASE("a lookout that is not a boolean is refused naming the field, and changes nothing", "[members][lookout]") {
    TempDir dir;
    auto cache = openCacheFile(dir / "members.sqlite");
    writeJson(dir / "list.json", lookoutList(1));
    REQUIRE(cache.importMemberList(dir / "list.json").has_value());
    for (const QJsonValue& bad : {QJsonValue("true"), QJsonValue(1), QJsonValue(QJsonValue::Null),
                                  QJsonValue(QJsonArray{true}), QJsonValue(QJsonObject{{"set", true}})}) {
        INFO(QJsonDocument(QJsonArray{bad}).toJson(QJsonDocument::Compact).toStdString());
        writeJson(dir / "bad.json", lookoutList(2, bad));
        auto r = cache.importMemberList(dir / "bad.json");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == Error::Code::InvalidInput);
        CHECK(r.error().context == "bad.json members[0].lookout");
        CHECK(cache.stats()->sequence == 1);
        CHECK(found(cache, kWatched).lookout);
    }
}

TEST_CASE("a schema v1 cache migrates to the current schema on open and its members read without a lookout",
          "[members][lookout]") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    const auto key = deploymentKey();
    // The released v1 schema, frozen here as a fixture: the file an older kiosk left behind.
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
        sqlExec(db, "BEGIN;\n" + test::kFrozenV1Tables + R"sql(
INSERT INTO schema_migrations VALUES(1, 1790000000, 'member cache v1: hashed documents, sealed templates');
INSERT INTO meta VALUES('sequence', 4), ('member_count', 1), ('document_count', 1), ('finger_count', 1),
  ('last_import_unix', 1790000000);
INSERT INTO program_codes VALUES(1, 'GLOBAL_ENTRY');
INSERT INTO members VALUES(1, 'V1-MEMBER');
PRAGMA user_version = 1;
PRAGMA application_id = 1263354673;
COMMIT;
)sql");
        sqlExec(db, "INSERT INTO programs VALUES(1, 1, 0, " +
                        std::to_string(CalendarDate{2031, 4, 21}.daysSinceEpoch()) + ")");
        auto canonical = canonicalDocument(kWatched);
        REQUIRE(canonical.has_value());
        const std::vector<detail::PlainFinger> plain{{2, 70, kTemplate}};
        detail::SealedDocument doc;
        detail::sealDocument(key, *canonical, plain, doc);
        sqlite3_stmt* s = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO documents VALUES(?1, 1)", -1, &s, nullptr) == SQLITE_OK);
        sqlite3_bind_blob(s, 1, doc.lookupKey.data(), 32, SQLITE_STATIC);
        CHECK(sqlite3_step(s) == SQLITE_DONE);
        sqlite3_finalize(s);
        REQUIRE(sqlite3_prepare_v2(db,
                                   "INSERT INTO sealed_fingers(lookup_key, position, quality, nonce, ciphertext) "
                                   "VALUES(?1, 2, 70, ?2, ?3)",
                                   -1, &s, nullptr) == SQLITE_OK);
        const auto& f = doc.fingers.at(0);
        sqlite3_bind_blob(s, 1, doc.lookupKey.data(), 32, SQLITE_STATIC);
        sqlite3_bind_blob(s, 2, f.nonce.data(), static_cast<int>(f.nonce.size()), SQLITE_STATIC);
        sqlite3_bind_blob(s, 3, f.ciphertext.data(), static_cast<int>(f.ciphertext.size()), SQLITE_STATIC);
        CHECK(sqlite3_step(s) == SQLITE_DONE);
        sqlite3_finalize(s);
        sqlite3_close(db);
    }

    {
        auto cache = openCacheFile(file);
        auto stats = cache.stats();
        REQUIRE(stats.has_value());
        CHECK(stats->schemaVersion == MemberCache::kSchemaVersion);
        // The counts kept in meta survive the migration.
        CHECK(stats->sequence == 4);
        CHECK(stats->members == 1);
        CHECK(stats->documents == 1);
        CHECK(stats->fingers == 1);
        const auto member = found(cache, kWatched);
        CHECK(member.memberId == "V1-MEMBER");
        CHECK_FALSE(member.lookout);
        REQUIRE(member.programs.size() == 1);
        CHECK(member.programs[0] == ProgramMembership{"GLOBAL_ENTRY", ProgramStatus::Active, {2031, 4, 21}});
        REQUIRE(member.fingers.size() == 1);
        CHECK(member.fingers[0].isoTemplate == kTemplate);
    }
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
        CHECK(sqlText(db, "PRAGMA user_version") == "5");  // v1 -> v2 -> v3 -> v4 -> v5 in one open
        CHECK(sqlText(db, "SELECT group_concat(version) FROM schema_migrations") == "1,2,3,4,5");
        CHECK(sqlText(db, "SELECT flags FROM members WHERE member_ref = 'V1-MEMBER'") == "0");
        sqlite3_close(db);
    }
    // Reopened: no second migration; a newer list with a lookout lands in the migrated file.
    auto cache = openCacheFile(file);
    writeJson(dir / "list.json", lookoutList(5));
    REQUIRE(cache.importMemberList(dir / "list.json").has_value());
    CHECK(found(cache, kWatched).lookout);
    CHECK(found(cache, kWatched).memberId == "M-WATCH");
}

TEST_CASE("flags the cache does not know are refused as corruption, not read as a lookout", "[members][lookout]") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    auto cache = openCacheFile(file);
    writeJson(dir / "list.json", lookoutList(1));
    REQUIRE(cache.importMemberList(dir / "list.json").has_value());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    sqlExec(db, "UPDATE members SET flags = 4 WHERE member_ref = 'M-PLAIN'");
    sqlite3_close(db);
    auto r = cache.lookup(kPlain);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == Error::Code::Database);
    CHECK(found(cache, kWatched).lookout);
}

TEST_CASE("a lookout travels publish -> verify -> apply -> lookup in a v2 bundle", "[members][lookout][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    writeJson(dir / "list.json", lookoutList(1));
    auto size = writeSnapshotFromMemberList(dir / "list.json", dir / "s3.kmb", 3, 1'790'000'000, deploymentKey(),
                                            publisher);
    INFO((size ? std::string() : size.error().describe()));
    REQUIRE(size.has_value());

    auto verified = verifyBundle(dir / "s3.kmb", publisher.publicKey());
    REQUIRE(verified.has_value());
    CHECK(verified->header.formatVersion == 3);
    const auto bytes = readBytes(dir / "s3.kmb");
    CHECK(bytes.at(8) == 3);  // the format version on disk
    CHECK(bytes.at(9) == 0);

    auto cache = openCacheFile(dir / "members.sqlite");
    auto applied = cache.applyBundle(dir / "s3.kmb", publisher.publicKey());
    INFO((applied ? std::string() : applied.error().describe()));
    REQUIRE(applied.has_value());
    CHECK(applied->members == 2);
    CHECK(found(cache, kWatched).lookout);
    CHECK_FALSE(found(cache, kPlain).lookout);

    // The same list imported as JSON gives the same record: one meaning of the flag.
    auto listed = openCacheFile(dir / "listed.sqlite");
    REQUIRE(listed.importMemberList(dir / "list.json").has_value());
    CHECK(found(listed, kWatched) == found(cache, kWatched));

    // The flag is signed like everything else: flipping it breaks the signature.
    auto tampered = bytes;
    const std::size_t firstRecord = detail::kHeaderSize;
    const std::size_t flagsAt = firstRecord + 4 + detail::loadU32(bytes.data() + firstRecord) - 1;
    REQUIRE(tampered.at(flagsAt) == detail::kRecordFlagLookout);  // M-WATCH comes first in the list
    tampered[flagsAt] = 0;
    std::ofstream(dir / "tampered.kmb", std::ios::binary)
        .write(reinterpret_cast<const char*>(tampered.data()), static_cast<std::streamsize>(tampered.size()));
    auto refused = verifyBundle(dir / "tampered.kmb", publisher.publicKey());
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == Error::Code::Crypto);
}

TEST_CASE("a version 1 bundle (no flags byte) still verifies and applies, its members without a lookout",
          "[members][lookout][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    const auto trusted = publisher.publicKey();
    BundleHeader v1;
    v1.formatVersion = 1;
    v1.kind = BundleKind::Snapshot, v1.sequence = 1;
    std::vector<detail::BundleMember> members;
    for (std::uint64_t i = 0; i < 5; ++i) members.push_back(record(i, detail::RecordType::Member, false));
    writeBundle(dir / "s1.kmb", v1, members, publisher);

    // The v1 layout on disk: version 1 in the header, a record one byte shorter than in v2.
    const auto bytes = readBytes(dir / "s1.kmb");
    CHECK(bytes.at(8) == 1);
    std::vector<std::uint8_t> v2Record, v1Record;
    detail::encodeRecord(members[0], v2Record);
    detail::encodeRecord(members[0], v1Record, 1);
    CHECK(v1Record.size() + 1 == v2Record.size());
    CHECK(detail::loadU32(bytes.data() + detail::kHeaderSize) + 4 == v1Record.size());

    auto verified = verifyBundle(dir / "s1.kmb", trusted);
    REQUIRE(verified.has_value());
    CHECK(verified->header.formatVersion == 1);
    auto cache = openCacheFile(dir / "members.sqlite");
    auto applied = cache.applyBundle(dir / "s1.kmb", trusted);
    INFO((applied ? std::string() : applied.error().describe()));
    REQUIRE(applied.has_value());
    CHECK(applied->members == 5);
    for (std::uint64_t i = 0; i < 5; ++i) CHECK_FALSE(lookoutOf(cache, i));

    // A v2 delta on top of a v1 snapshot sets a lookout; a v1 delta changes members without one.
    BundleHeader d2;
    d2.kind = BundleKind::Delta, d2.sequence = 2, d2.baseSequence = 1;
    writeBundle(dir / "d2.kmb", d2, {record(2, detail::RecordType::Change, true)}, publisher);
    REQUIRE(cache.applyBundle(dir / "d2.kmb", trusted).has_value());
    CHECK(lookoutOf(cache, 2));
    BundleHeader d3 = d2;
    d3.formatVersion = 1, d3.sequence = 3, d3.baseSequence = 2;
    writeBundle(dir / "d3.kmb", d3, {record(2, detail::RecordType::Change, false)}, publisher);
    REQUIRE(cache.applyBundle(dir / "d3.kmb", trusted).has_value());
    CHECK_FALSE(lookoutOf(cache, 2));

    // The v1 layout cannot carry a lookout: the writer refuses rather than drop it.
    BundleHeader v1again = v1;
    v1again.recordCount = 1;
    auto w = BundleWriter::create(dir / "lost.kmb", v1again, publisher);
    REQUIRE(w.has_value());
    auto lost = w->add(record(0, detail::RecordType::Member, true));
    REQUIRE_FALSE(lost.has_value());
    CHECK(lost.error().code == Error::Code::InvalidInput);
    // And versions outside 1..3 are neither written nor read.
    BundleHeader v4 = v1;
    v4.formatVersion = 4;
    CHECK_FALSE(BundleWriter::create(dir / "v4.kmb", v4, publisher).has_value());
    auto raw = readBytes(dir / "s1.kmb");
    raw[8] = 4;
    std::ofstream(dir / "v4.kmb", std::ios::binary)
        .write(reinterpret_cast<const char*>(raw.data()), static_cast<std::streamsize>(raw.size()));
    auto header = readBundleHeader(dir / "v4.kmb");
    REQUIRE_FALSE(header.has_value());
    CHECK(header.error().code == Error::Code::Unsupported);
}

TEST_CASE("flag bits other than lookout, or a missing flags byte, are refused in a signed v2 bundle",
          "[members][lookout][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    const auto trusted = publisher.publicKey();
    auto cache = openCacheFile(dir / "members.sqlite");
    BundleHeader s1;
    s1.kind = BundleKind::Snapshot, s1.sequence = 1;
    writeBundle(dir / "s1.kmb", s1, {record(0, detail::RecordType::Member, false)}, publisher);
    REQUIRE(cache.applyBundle(dir / "s1.kmb", trusted).has_value());

    BundleHeader d2;
    d2.kind = BundleKind::Delta, d2.sequence = 2, d2.baseSequence = 1;
    struct Case {
        const char* name;
        std::uint8_t flags;
        bool dropFlags;
        const char* words;
    };
    for (const Case& c : {Case{"bit 1", 0x02, false, "record 0 (flags): unknown flag bits"},
                          Case{"bit 7 with lookout", 0x81, false, "record 0 (flags): unknown flag bits"},
                          Case{"all bits", 0xff, false, "record 0 (flags): unknown flag bits"},
                          Case{"no flags byte (a v1 record in a v2 bundle)", 0, true, "record 0 (flags)"}}) {
        INFO(c.name);
        std::vector<std::uint8_t> raw;
        detail::encodeRecord(record(1, detail::RecordType::Add, false), raw);
        if (c.dropFlags) {
            raw.pop_back();
            const auto length = static_cast<std::uint32_t>(raw.size() - 4);
            for (int b = 0; b < 4; ++b) raw[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(length >> (8 * b));
        } else {
            raw.back() = c.flags;
        }
        const auto file = dir / (std::string(c.name) + ".kmb");
        writeBundle(file, d2, {}, publisher, {raw});
        REQUIRE(verifyBundle(file, trusted).has_value());  // signed: the content itself is wrong
        auto r = cache.applyBundle(file, trusted);
        REQUIRE_FALSE(r.has_value());
        INFO(r.error().describe());
        CHECK(r.error().code == Error::Code::InvalidInput);
        CHECK(r.error().describe().find(c.words) != std::string::npos);
        CHECK(cache.stats()->sequence == 1);
        CHECK(cache.stats()->members == 1);
    }
    // The parser alone says the same, and a v1 parse of a v2 record sees one byte too many.
    std::vector<std::uint8_t> raw;
    detail::encodeRecord(record(1, detail::RecordType::Add, true), raw);
    const std::span<const std::uint8_t> body(raw.data() + 4, raw.size() - 4);
    detail::BundleMember decoded;
    REQUIRE(detail::decodeRecord(body, 0, "test", decoded).has_value());
    CHECK(decoded.lookout);
    auto asV1 = detail::decodeRecord(body, 0, "test", decoded, 1);
    REQUIRE_FALSE(asV1.has_value());
    CHECK(asV1.error().describe().find("trailing bytes") != std::string::npos);
    // Removals carry no flags in either version.
    raw.clear();
    detail::encodeRecord(record(1, detail::RecordType::Remove, false), raw);
    CHECK(detail::decodeRecord(std::span<const std::uint8_t>(raw.data() + 4, raw.size() - 4), 0, "test", decoded, 1)
              .has_value());
    CHECK(detail::decodeRecord(std::span<const std::uint8_t>(raw.data() + 4, raw.size() - 4), 0, "test", decoded)
              .has_value());
}

TEST_CASE("a delta sets a lookout and a later delta clears it; counts in meta stay right", "[members][lookout][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    const auto trusted = publisher.publicKey();
    BundleHeader s1;
    s1.kind = BundleKind::Snapshot, s1.sequence = 1;
    std::vector<detail::BundleMember> members;
    for (std::uint64_t i = 0; i < 6; ++i) members.push_back(record(i, detail::RecordType::Member, false));
    writeBundle(dir / "s1.kmb", s1, members, publisher);
    auto cache = openCacheFile(dir / "members.sqlite");
    REQUIRE(cache.applyBundle(dir / "s1.kmb", trusted).has_value());
    const auto before = cache.stats();
    REQUIRE(before.has_value());

    BundleHeader d2;
    d2.kind = BundleKind::Delta, d2.sequence = 2, d2.baseSequence = 1;
    writeBundle(dir / "d2.kmb", d2,
                {record(3, detail::RecordType::Change, true), record(7, detail::RecordType::Add, true)}, publisher);
    auto set = cache.applyBundle(dir / "d2.kmb", trusted);
    INFO((set ? std::string() : set.error().describe()));
    REQUIRE(set.has_value());
    CHECK(set->changed == 1);
    CHECK(set->added == 1);
    CHECK(lookoutOf(cache, 3));
    CHECK(lookoutOf(cache, 7));
    for (std::uint64_t i : {0, 2, 4, 5}) CHECK_FALSE(lookoutOf(cache, i));

    BundleHeader d3;
    d3.kind = BundleKind::Delta, d3.sequence = 3, d3.baseSequence = 2;
    writeBundle(dir / "d3.kmb", d3, {record(3, detail::RecordType::Change, false)}, publisher);
    REQUIRE(cache.applyBundle(dir / "d3.kmb", trusted).has_value());
    CHECK_FALSE(lookoutOf(cache, 3));
    CHECK(lookoutOf(cache, 7));  // untouched by the second delta
    // Everything but the flag is as the record said.
    auto expected = synthetic::expectedRecord(synthetic::member(kSeed, 3, 0));
    expected.lookout = false;
    CHECK(found(cache, synthetic::member(kSeed, 3, 0).documents.front()) == expected);

    const auto after = cache.stats();
    REQUIRE(after.has_value());
    CHECK(after->sequence == 3);
    CHECK(after->members == before->members + 1);
    CHECK(after->documents == before->documents + synthetic::member(kSeed, 7, 0).documents.size());
    CHECK(after->fingers == before->fingers + 2);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((dir / "members.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(sqlText(db, "SELECT count(*) FROM members") == std::to_string(after->members));
    CHECK(sqlText(db, "SELECT count(*) FROM members WHERE flags <> 0") == "1");
    sqlite3_close(db);
}

TEST_CASE("version 1 bundles written by the previous build (the fuzz seed corpus) still apply", "[members][lookout][bundle]") {
    // Their signing key was thrown away, so the records are re-signed byte for byte with a test key:
    // the header's version and every record stay exactly as the v1 writer left them.
    const auto corpus = kiosk::test::sourceDir() / "tests/fuzz/corpus/bundle";
    if (!std::filesystem::exists(corpus / "snapshot.kmb") || !std::filesystem::exists(corpus / "delta.kmb")) {
        WARN("skipped: no v1 bundles in " << corpus.string());
        return;
    }
    TempDir dir;
    const auto publisher = publisherKey();
    auto cache = openCacheFile(dir / "members.sqlite");
    for (const char* name : {"snapshot.kmb", "delta.kmb"}) {
        INFO(name);
        const auto bytes = readBytes(corpus / name);
        REQUIRE(bytes.size() >= detail::kMinBundleSize);
        auto header = detail::decodeHeader(std::span<const std::uint8_t, detail::kHeaderSize>(bytes.data(), detail::kHeaderSize), name);
        REQUIRE(header.has_value());
        if (header->formatVersion != 1) {
            WARN("skipped: " << name << " is format version " << header->formatVersion << ", not 1");
            return;
        }
        auto w = BundleWriter::create(dir / name, *header, publisher);
        REQUIRE(w.has_value());
        std::size_t at = detail::kHeaderSize;
        for (std::uint64_t i = 0; i < header->recordCount; ++i) {
            REQUIRE(at + 4 <= bytes.size());
            const std::size_t length = 4 + detail::loadU32(bytes.data() + at);
            REQUIRE(at + length <= bytes.size());
            REQUIRE(w->addRaw(std::span<const std::uint8_t>(bytes.data() + at, length)).has_value());
            at += length;
        }
        REQUIRE(w->finish().has_value());
        auto applied = cache.applyBundle(dir / name, publisher.publicKey());
        INFO((applied ? std::string() : applied.error().describe()));
        REQUIRE(applied.has_value());
        CHECK(applied->sequence == header->sequence);
    }
    const auto stats = cache.stats();
    REQUIRE(stats.has_value());
    CHECK(stats->sequence == 2);
    CHECK(stats->members > 0);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((dir / "members.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(sqlText(db, "SELECT count(*) FROM members") == std::to_string(stats->members));
    CHECK(sqlText(db, "SELECT count(*) FROM members WHERE flags <> 0") == "0");  // v1: nobody has a lookout
    sqlite3_close(db);
}
