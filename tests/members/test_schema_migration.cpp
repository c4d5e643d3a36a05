// Schema migrations of files older builds left behind. v3: members rebuilt without the inline UNIQUE
// (the uniqueness now in the named index members_by_ref). v4: a document's sealed fingers packed into
// one blob on its row (not re-sealed), `documents` a rowid table found through documents_by_key. v5: the
// member's enrolment tag (NULL until the member's next change or snapshot). Each
// migrated file keeps every member, its templates, counts and history; foreign keys keep working after
// the table rebuilds; a file a migration cannot make consistent is refused and stays as it was.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>

#include "tests/members/bundle_test_support.h"
#include "tests/members/frozen_schemas.h"
#include "tests/members/packed_fingers_support.h"
#include "app/members/program_pack.h"

using namespace kiosk::members;
using namespace kiosk::members::test;
using kiosk::Error;

namespace {

const std::string kV1Record = "INSERT INTO schema_migrations VALUES(1, 1790000000, 'member cache v1: hashed documents, sealed templates');\n";
const std::string kV2Record = "INSERT INTO schema_migrations VALUES(2, 1790000100, 'member cache v2: member flags (bit 0 lookout)');\n";
const std::string kV3Record = "INSERT INTO schema_migrations VALUES(3, 1790000200, 'member cache v3: member_ref unique by a named index');\n";
const std::string kV4Record = "INSERT INTO schema_migrations VALUES(4, 1790000300, 'member cache v4: fingers packed on the document row, programs on the member row');\n";
const std::string kHeaderPragmas = "PRAGMA application_id = 1263354673;\n";

// Frozen: the schemas of a v2 and a v3 build, exactly as released.
const std::string kV2Schema = kFrozenV1Tables + kFrozenV2Addition + kV1Record + kV2Record + "PRAGMA user_version = 2;\n" + kHeaderPragmas;
const std::string kV3Schema = kFrozenV1Tables + kFrozenV2Addition + kFrozenV3Addition + kV1Record + kV2Record +
                              kV3Record + "PRAGMA user_version = 3;\n" + kHeaderPragmas;
const std::string kV4Schema = kFrozenV1Tables + kFrozenV2Addition + kFrozenV3Addition + kFrozenV4Addition + kV1Record +
                              kV2Record + kV3Record + kV4Record + "PRAGMA user_version = 4;\n" + kHeaderPragmas;

// An older file being written at `target` with `schema`, `source` attached as src, in a transaction that
// finishCopy() commits; the rows every version keeps alike (meta, import history, program codes) copied.
sqlite3* startCopy(const std::filesystem::path& source, const std::filesystem::path& target, const std::string& schema) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(target.c_str(), &db) == SQLITE_OK);
    sqlExec(db, "BEGIN;" + schema);
    sqlExec(db, "ATTACH DATABASE '" + source.string() + "' AS src");
    sqlExec(db, R"sql(
INSERT INTO main.meta SELECT * FROM src.meta;
INSERT INTO main.imports SELECT * FROM src.imports;
INSERT INTO main.program_codes SELECT * FROM src.program_codes;
)sql");
    return db;
}

void finishCopy(sqlite3* db) {
    sqlExec(db, "COMMIT; DETACH DATABASE src;");
    REQUIRE(sqlText(db, "PRAGMA integrity_check") == "ok");
    sqlite3_close(db);
}

// A v4 file holding exactly the rows of `source`: v4 kept packed fingers and programs as the current
// build does, so the rows are copied as they are, without the enrolment tag v4 did not have.
void writeV4Copy(const std::filesystem::path& source, const std::filesystem::path& target) {
    sqlite3* db = startCopy(source, target, kV4Schema);
    sqlExec(db, R"sql(
INSERT INTO main.members(id, member_ref, flags, programs) SELECT id, member_ref, flags, programs FROM src.members;
INSERT INTO main.documents(id, lookup_key, member_id, fingers) SELECT id, lookup_key, member_id, fingers FROM src.documents;
)sql");
    finishCopy(db);
}

// A v2 or v3 file (`schema`) holding exactly the rows of `source` (a cache filled through the current
// build): the same members, row ids, sealed templates (one row per finger, as those builds kept them,
// with the same nonces and ciphertexts), meta counts and import history an older kiosk would hold.
void writeLegacyCopy(const std::filesystem::path& source, const std::filesystem::path& target,
                     const std::string& schema) {
    sqlite3* db = startCopy(source, target, schema);
    sqlExec(db, R"sql(
INSERT INTO main.members(id, member_ref, flags) SELECT id, member_ref, flags FROM src.members;
INSERT INTO main.documents(lookup_key, member_id) SELECT lookup_key, member_id FROM src.documents;
)sql");
    // Programs: one row per membership, as those builds kept them.
    sqlite3_stmt* read = nullptr;
    sqlite3_stmt* write = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT id, programs FROM src.members", -1, &read, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO main.programs VALUES(?1, ?2, ?3, ?4)", -1, &write, nullptr) ==
            SQLITE_OK);
    std::vector<detail::PackedProgram> programs;
    while (sqlite3_step(read) == SQLITE_ROW) {
        const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(read, 1));
        REQUIRE(detail::unpackPrograms({data, static_cast<std::size_t>(sqlite3_column_bytes(read, 1))}, programs));
        for (const auto& p : programs) {
            sqlite3_bind_int64(write, 1, sqlite3_column_int64(read, 0));
            sqlite3_bind_int64(write, 2, p.codeId);
            sqlite3_bind_int(write, 3, p.status);
            sqlite3_bind_int64(write, 4, p.expiresDays);
            REQUIRE(sqlite3_step(write) == SQLITE_DONE);
            sqlite3_reset(write);
        }
    }
    sqlite3_finalize(read);
    sqlite3_finalize(write);
    REQUIRE(sqlite3_prepare_v2(db, "SELECT lookup_key, fingers FROM src.documents", -1, &read, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_prepare_v2(db,
                               "INSERT INTO main.sealed_fingers(lookup_key, position, quality, nonce, ciphertext) "
                               "VALUES(?1, ?2, ?3, ?4, ?5)",
                               -1, &write, nullptr) == SQLITE_OK);
    std::vector<detail::PackedFingerView> fingers;
    while (sqlite3_step(read) == SQLITE_ROW) {
        const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(read, 1));
        const std::vector<std::uint8_t> blob(data, data + sqlite3_column_bytes(read, 1));
        REQUIRE(detail::unpackFingers(blob, fingers));
        for (const auto& f : fingers) {
            sqlite3_bind_blob(write, 1, sqlite3_column_blob(read, 0), 32, SQLITE_TRANSIENT);
            sqlite3_bind_int(write, 2, f.position);
            sqlite3_bind_int(write, 3, f.quality);
            sqlite3_bind_blob(write, 4, f.nonce.data(), static_cast<int>(f.nonce.size()), SQLITE_TRANSIENT);
            sqlite3_bind_blob(write, 5, f.ciphertext.data(), static_cast<int>(f.ciphertext.size()), SQLITE_TRANSIENT);
            REQUIRE(sqlite3_step(write) == SQLITE_DONE);
            sqlite3_reset(write);
        }
    }
    sqlite3_finalize(read);
    sqlite3_finalize(write);
    finishCopy(db);
}

// A cache of `count` members (snapshot 1) filled through the current build, and its legacy copy at `file`.
void legacyCacheOf(const TempDir& dir, std::uint64_t count, const std::filesystem::path& file,
                   const std::string& schema) {
    const auto publisher = publisherKey();
    snapshot(dir / "s1.kmb", {0, count}, 0, 1, publisher);
    {
        auto current = openCacheFile(dir / "current.sqlite");
        REQUIRE(current.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());
    }
    writeLegacyCopy(dir / "current.sqlite", file, schema);
}

// Every sealed finger row of a legacy file as "lookup key hex, position, quality, nonce hex, ciphertext hex".
std::string legacyFingerRows(sqlite3* db) {
    return sqlText(db, "SELECT group_concat(r, ';') FROM (SELECT hex(lookup_key) || ',' || position || ',' || quality "
                       "|| ',' || hex(nonce) || ',' || hex(ciphertext) AS r FROM sealed_fingers "
                       "ORDER BY lookup_key, position)");
}

// The same, read back out of a v4 file's packed blobs.
std::string packedFingerRows(sqlite3* db) {
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT hex(lookup_key), fingers FROM documents ORDER BY lookup_key", -1, &s,
                               nullptr) == SQLITE_OK);
    const auto hex = [](std::span<const std::uint8_t> bytes) {
        static const char* digits = "0123456789ABCDEF";
        std::string out;
        for (const auto b : bytes) out += digits[b >> 4], out += digits[b & 15];
        return out;
    };
    std::string out;
    std::vector<detail::PackedFingerView> fingers;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const std::string key = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(s, 1));
        const std::vector<std::uint8_t> blob(data, data + sqlite3_column_bytes(s, 1));
        REQUIRE(detail::unpackFingers(blob, fingers));
        for (const auto& f : fingers) {
            if (!out.empty()) out += ';';
            out += key + ',' + std::to_string(f.position) + ',' + std::to_string(f.quality) + ',' + hex(f.nonce) +
                   ',' + hex(f.ciphertext);
        }
    }
    sqlite3_finalize(s);
    return out;
}

sqlite3* openRaw(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    return db;
}


// The checks every migrated file must pass: the current layout, the templates exactly as the legacy rows
// held them, and the deltas that follow working through the rebuilt tables.
void expectMigratedToCurrent(const std::filesystem::path& file, const std::string& migrationsBefore,
                        const std::string& membersBefore, const std::string& fingersBefore, std::uint64_t members) {
    {
        auto cache = openCacheFile(file);
        auto stats = cache.stats();
        REQUIRE(stats.has_value());
        CHECK(stats->schemaVersion == 5);
        CHECK(stats->sequence == 1);
        CHECK(stats->members == members);
        for (std::uint64_t i = 0; i < members; ++i) expectMember(cache, i, 0);
    }
    {
        sqlite3* db = openRaw(file);
        CHECK(sqlText(db, "PRAGMA user_version") == "5");
        CHECK(sqlText(db, "PRAGMA page_size") == "4096");  // an existing file keeps its page size
        CHECK(sqlText(db, "SELECT group_concat(version) FROM schema_migrations") == migrationsBefore + ",4,5");
        CHECK(sqlText(db, "SELECT count(*) FROM members WHERE enrolment IS NOT NULL") == "0");  // not known yet
        CHECK(sqlText(db, "SELECT count(*) FROM imports") == "1");
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'sqlite_autoindex_members%'") == "0");
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'members_by_ref'") == "1");
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_v3' OR name LIKE '%_v4'") == "0");
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'sealed_fingers%' OR name = "
                          "'programs'") == "0");
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('documents_by_key', "
                          "'documents_by_member')") == "2");
        // Same rows, same row ids (programs and documents point at them), same flags.
        CHECK(sqlText(db, "SELECT group_concat(id || ':' || member_ref || ':' || flags, ',') FROM "
                          "(SELECT * FROM members ORDER BY id)") == membersBefore);
        // Every template packed as it was sealed: same nonce, same ciphertext, same position and quality.
        CHECK(packedFingerRows(db) == fingersBefore);
        CHECK(fingersHeld(db) == std::stoul(sqlText(db, "SELECT value FROM meta WHERE key = 'finger_count'")));
        CHECK(sqlText(db, "PRAGMA foreign_key_check") == "");
        CHECK(sqlText(db, "PRAGMA integrity_check") == "ok");
        // The uniqueness moved, it did not go: of members, and of documents.
        CHECK(sqlite3_exec(db, "INSERT INTO members(member_ref) SELECT member_ref FROM members LIMIT 1", nullptr,
                           nullptr, nullptr) == SQLITE_CONSTRAINT);
        CHECK(sqlite3_exec(db, "INSERT INTO documents(lookup_key, member_id, fingers) SELECT lookup_key, member_id, "
                               "x'' FROM documents LIMIT 1",
                           nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
        sqlite3_close(db);
    }

    // The rebuilt tables are still parents and children: a delta's removal cascades, a change finds its
    // member through members_by_ref and its documents through documents_by_member, an addition lands.
    const auto publisher = publisherKey();
    synthetic::DeltaSpec spec;
    spec.sequence = 2, spec.baseSequence = 1, spec.createdUnix = 1'790'003'600;
    spec.change = {0, 10}, spec.remove = {10, 20}, spec.add = {members, members + 5};
    const auto bundle = file.parent_path() / "d2.kmb";
    delta(bundle, spec, publisher);
    auto cache = openCacheFile(file);
    auto applied = cache.applyBundle(bundle, publisher.publicKey());
    INFO((applied ? std::string() : applied.error().describe()));
    REQUIRE(applied.has_value());
    for (std::uint64_t i = 0; i < 10; ++i) expectMember(cache, i, 1);
    for (std::uint64_t i = 10; i < 20; ++i) expectMember(cache, i, std::nullopt);
    for (std::uint64_t i = 20; i < members; ++i) expectMember(cache, i, 0);
    for (std::uint64_t i = members; i < members + 5; ++i) expectMember(cache, i, 1);
    CHECK(cache.stats()->members == members - 10 + 5);
    sqlite3* db = openRaw(file);
    CHECK(sqlText(db, "PRAGMA foreign_key_check") == "");
    // No program or document of a removed member is left behind.
    CHECK(sqlText(db, "SELECT count(*) FROM documents WHERE member_id NOT IN (SELECT id FROM members)") == "0");
    // The changed and added members now carry their enrolment tag; the others wait for their next change.
    CHECK(sqlText(db, "SELECT count(*) FROM members WHERE length(enrolment) = 16") == "15");
    CHECK(fingersHeld(db) == cache.stats()->fingers);
    sqlite3_close(db);
}

// What a legacy file holds before it migrates: its migrations, members and sealed finger rows.
struct LegacyContents {
    std::string migrations, members, fingers;
};

LegacyContents readLegacy(const std::filesystem::path& file) {
    sqlite3* db = openRaw(file);
    LegacyContents out{sqlText(db, "SELECT group_concat(version) FROM schema_migrations"),
                       sqlText(db, "SELECT group_concat(id || ':' || member_ref || ':' || flags, ',') FROM "
                                   "(SELECT * FROM members ORDER BY id)"),
                       legacyFingerRows(db)};
    sqlite3_close(db);
    return out;
}

}  // namespace

TEST_CASE("a schema v2 cache migrates to v5 on open and keeps every member", "[members][schema]") {
    TempDir dir;
    constexpr std::uint64_t kMembers = 60;
    const auto file = dir / "members.sqlite";
    legacyCacheOf(dir, kMembers, file, kV2Schema);
    {
        sqlite3* db = openRaw(file);
        // The fixture really is the v2 layout: the inline UNIQUE's autoindex, no members_by_ref.
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_members_1'") == "1");
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'members_by_ref'") == "0");
        sqlite3_close(db);
    }
    const auto before = readLegacy(file);
    CHECK(before.migrations == "1,2");
    CHECK(before.members.find(":1,") != std::string::npos);  // a lookout among them, to see it survive
    CHECK_FALSE(before.fingers.empty());
    expectMigratedToCurrent(file, "1,2,3", before.members, before.fingers, kMembers);
}

TEST_CASE("a schema v3 cache migrates to v5: templates packed on the document row, not re-sealed",
          "[members][schema]") {
    TempDir dir;
    constexpr std::uint64_t kMembers = 40;
    const auto file = dir / "members.sqlite";
    legacyCacheOf(dir, kMembers, file, kV3Schema);
    {
        sqlite3* db = openRaw(file);
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'members_by_ref'") == "1");
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'sealed_fingers'") == "1");
        sqlite3_close(db);
    }
    const auto before = readLegacy(file);
    CHECK(before.migrations == "1,2,3");
    expectMigratedToCurrent(file, "1,2,3", before.members, before.fingers, kMembers);
}

TEST_CASE("a v3 file whose finger rows cannot be packed is refused and left at v3", "[members][schema]") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    legacyCacheOf(dir, 5, file, kV3Schema);
    {
        // A ciphertext shorter than its tag: no template was ever sealed that way (a damaged row).
        sqlite3* db = openRaw(file);
        sqlExec(db, "UPDATE sealed_fingers SET ciphertext = x'0102' WHERE id = (SELECT min(id) FROM sealed_fingers)");
        sqlite3_close(db);
    }
    const auto before = readLegacy(file);
    auto cache = MemberCache::open(file, deploymentKey());
    REQUIRE_FALSE(cache.has_value());
    CHECK(cache.error().code == Error::Code::Database);
    CHECK(cache.error().describe().find("schema migration to version 4") != std::string::npos);
    CHECK(cache.error().describe().find("cannot be packed") != std::string::npos);
    sqlite3* db = openRaw(file);
    CHECK(sqlText(db, "PRAGMA user_version") == "3");
    CHECK(sqlText(db, "SELECT group_concat(version) FROM schema_migrations") == "1,2,3");
    CHECK(legacyFingerRows(db) == before.fingers);
    CHECK(sqlText(db, "SELECT count(*) FROM members") == "5");
    sqlite3_close(db);
}

TEST_CASE("a v2 file the migration cannot make consistent is refused and left as it was", "[members][schema]") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    legacyCacheOf(dir, 5, file, kV2Schema);
    {
        // A program row whose member is gone (written with foreign keys off, as a damaged file may hold).
        sqlite3* db = openRaw(file);
        sqlExec(db, "INSERT INTO programs VALUES(999, 1, 0, 20000)");
        sqlite3_close(db);
    }
    auto cache = MemberCache::open(file, deploymentKey());
    REQUIRE_FALSE(cache.has_value());
    CHECK(cache.error().code == Error::Code::Database);
    CHECK(cache.error().describe().find("without their parent in table programs") != std::string::npos);
    sqlite3* db = openRaw(file);
    CHECK(sqlText(db, "PRAGMA user_version") == "2");
    CHECK(sqlText(db, "SELECT group_concat(version) FROM schema_migrations") == "1,2");
    CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_members_1'") == "1");
    CHECK(sqlText(db, "SELECT count(*) FROM sealed_fingers") != "0");
    CHECK(sqlText(db, "SELECT count(*) FROM members") == "5");
    sqlite3_close(db);
}

TEST_CASE("a schema v4 cache migrates to v5: tags come with each member's next change, and status changes "
          "then skip the documents", "[members][schema]") {
    TempDir dir;
    constexpr std::uint64_t kMembers = 30;
    const auto publisher = publisherKey();
    snapshot(dir / "s1.kmb", {0, kMembers}, 0, 1, publisher);
    {
        auto current = openCacheFile(dir / "current.sqlite");
        REQUIRE(current.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());
    }
    const auto file = dir / "members.sqlite";
    writeV4Copy(dir / "current.sqlite", file);
    std::string membersBefore, documentsBefore;
    {
        sqlite3* db = openRaw(file);
        CHECK(sqlText(db, "SELECT count(*) FROM pragma_table_info('members') WHERE name = 'enrolment'") == "0");
        membersBefore = sqlText(db, "SELECT group_concat(id || ':' || member_ref || ':' || flags || ':' || hex(programs), ',') "
                                    "FROM (SELECT * FROM members ORDER BY id)");
        documentsBefore = sqlText(db, "SELECT group_concat(id || ':' || hex(lookup_key) || ':' || member_id || ':' || "
                                      "hex(fingers), ',') FROM (SELECT * FROM documents ORDER BY id)");
        sqlite3_close(db);
    }

    auto cache = openCacheFile(file);
    REQUIRE(cache.stats()->schemaVersion == 5);
    for (std::uint64_t i = 0; i < kMembers; ++i) expectMember(cache, i, 0);
    {
        sqlite3* db = openRaw(file);
        CHECK(sqlText(db, "SELECT group_concat(version) FROM schema_migrations") == "1,2,3,4,5");
        CHECK(sqlText(db, "SELECT count(*) FROM members WHERE enrolment IS NOT NULL") == "0");
        CHECK(sqlText(db, "SELECT group_concat(id || ':' || member_ref || ':' || flags || ':' || hex(programs), ',') "
                          "FROM (SELECT * FROM members ORDER BY id)") == membersBefore);
        CHECK(sqlText(db, "SELECT group_concat(id || ':' || hex(lookup_key) || ':' || member_id || ':' || hex(fingers), "
                          "',') FROM (SELECT * FROM documents ORDER BY id)") == documentsBefore);
        CHECK(sqlText(db, "PRAGMA integrity_check") == "ok");
        sqlite3_close(db);
    }

    // A status change of a member without a tag reads its documents, finds them the same, writes none,
    // and stores the tag; the next status change of that member reads none.
    synthetic::DeltaSpec spec;
    spec.sequence = 2, spec.baseSequence = 1, spec.createdUnix = 1'790'003'600;
    spec.change = {0, 10}, spec.revision = 1, spec.enrolment = 0;
    delta(dir / "d2.kmb", spec, publisher);
    auto first = cache.applyBundle(dir / "d2.kmb", publisher.publicKey());
    REQUIRE(first.has_value());
    CHECK(first->enrolmentsKept == 0);
    CHECK(first->documentsWritten == 0);
    spec.sequence = 3, spec.baseSequence = 2, spec.revision = 2;
    delta(dir / "d3.kmb", spec, publisher);
    auto second = cache.applyBundle(dir / "d3.kmb", publisher.publicKey());
    REQUIRE(second.has_value());
    CHECK(second->enrolmentsKept == 10);
    CHECK(second->documentsWritten == 0);
    for (std::uint64_t i = 0; i < 10; ++i) expectMember(cache, i, 2, 0);
    for (std::uint64_t i = 10; i < kMembers; ++i) expectMember(cache, i, 0);
    const auto stats = cache.stats();
    sqlite3* db = openRaw(file);
    CHECK(sqlText(db, "SELECT count(*) FROM members WHERE length(enrolment) = 16") == "10");
    CHECK(fingersHeld(db) == stats->fingers);
    CHECK(sqlText(db, "SELECT count(*) FROM documents") == std::to_string(stats->documents));
    sqlite3_close(db);
}
