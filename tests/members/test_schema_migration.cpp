// Schema v3: a file a v2 build left behind migrates on open (members rebuilt without the inline UNIQUE,
// the uniqueness now in the named index members_by_ref) and keeps every member, its counts and history;
// foreign keys keep working after the table rebuild; a file the migration cannot make consistent is
// refused and stays as it was.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>

#include "tests/members/bundle_test_support.h"
#include "tests/members/frozen_schemas.h"

using namespace kiosk::members;
using namespace kiosk::members::test;
using kiosk::Error;

namespace {

// Frozen: the schema of a v2 build, i.e. migration v1 followed by v2's ALTER, exactly as released.
const std::string kV2Schema = test::kFrozenV1Tables + test::kFrozenV2Addition + R"sql(
INSERT INTO schema_migrations VALUES(1, 1790000000, 'member cache v1: hashed documents, sealed templates');
INSERT INTO schema_migrations VALUES(2, 1790000100, 'member cache v2: member flags (bit 0 lookout)');
PRAGMA user_version = 2;
PRAGMA application_id = 1263354673;
)sql";

// A v2 file holding exactly the rows of `source` (a cache filled through the current build): the same
// members, row ids, sealed templates, meta counts and import history a v2 kiosk would hold.
void writeV2Copy(const std::filesystem::path& source, const std::filesystem::path& target) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(target.c_str(), &db) == SQLITE_OK);
    sqlExec(db, "BEGIN;" + std::string(kV2Schema));
    sqlExec(db, "ATTACH DATABASE '" + source.string() + "' AS src");
    sqlExec(db, R"sql(
INSERT INTO main.meta SELECT * FROM src.meta;
INSERT INTO main.imports SELECT * FROM src.imports;
INSERT INTO main.program_codes SELECT * FROM src.program_codes;
INSERT INTO main.members(id, member_ref, flags) SELECT id, member_ref, flags FROM src.members;
INSERT INTO main.programs SELECT * FROM src.programs;
INSERT INTO main.documents SELECT * FROM src.documents;
INSERT INTO main.sealed_fingers SELECT * FROM src.sealed_fingers;
COMMIT;
DETACH DATABASE src;
)sql");
    REQUIRE(sqlText(db, "PRAGMA integrity_check") == "ok");
    sqlite3_close(db);
}

sqlite3* openRaw(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    return db;
}

}  // namespace

TEST_CASE("a schema v2 cache migrates to v3 on open and keeps every member", "[members][schema]") {
    TempDir dir;
    const auto publisher = publisherKey();
    constexpr std::uint64_t kMembers = 60;
    snapshot(dir / "s1.kmb", {0, kMembers}, 0, 1, publisher);
    {
        auto current = openCacheFile(dir / "current.sqlite");
        REQUIRE(current.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());
    }
    const auto file = dir / "members.sqlite";
    writeV2Copy(dir / "current.sqlite", file);
    std::string membersBefore;
    {
        sqlite3* db = openRaw(file);
        // The fixture really is the v2 layout: the inline UNIQUE's autoindex, no members_by_ref.
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_members_1'") == "1");
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'members_by_ref'") == "0");
        membersBefore = sqlText(db, "SELECT group_concat(id || ':' || member_ref || ':' || flags, ',') FROM "
                                    "(SELECT * FROM members ORDER BY id)");
        sqlite3_close(db);
    }
    CHECK(membersBefore.find(":1,") != std::string::npos);  // a lookout among them, to see it survive

    {
        auto cache = openCacheFile(file);
        auto stats = cache.stats();
        REQUIRE(stats.has_value());
        CHECK(stats->schemaVersion == 3);
        CHECK(stats->sequence == 1);
        CHECK(stats->members == kMembers);
        for (std::uint64_t i = 0; i < kMembers; ++i) expectMember(cache, i, 0);
    }
    {
        sqlite3* db = openRaw(file);
        CHECK(sqlText(db, "PRAGMA user_version") == "3");
        CHECK(sqlText(db, "PRAGMA page_size") == "4096");  // an existing file keeps its page size
        CHECK(sqlText(db, "SELECT group_concat(version) FROM schema_migrations") == "1,2,3");
        CHECK(sqlText(db, "SELECT count(*) FROM imports") == "1");
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'sqlite_autoindex_members%'") == "0");
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'members_by_ref'") == "1");
        CHECK(sqlText(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'members_v3%'") == "0");
        // Same rows, same row ids (programs and documents point at them), same flags.
        CHECK(sqlText(db, "SELECT group_concat(id || ':' || member_ref || ':' || flags, ',') FROM "
                          "(SELECT * FROM members ORDER BY id)") == membersBefore);
        CHECK(sqlText(db, "PRAGMA foreign_key_check") == "");
        CHECK(sqlText(db, "PRAGMA integrity_check") == "ok");
        // The uniqueness moved, it did not go.
        CHECK(sqlite3_exec(db, "INSERT INTO members(member_ref) SELECT member_ref FROM members LIMIT 1", nullptr,
                           nullptr, nullptr) == SQLITE_CONSTRAINT);
        sqlite3_close(db);
    }

    // The rebuilt table is still the parent of programs and documents: a delta's removal cascades,
    // a change finds its member through members_by_ref, an addition lands.
    synthetic::DeltaSpec spec;
    spec.sequence = 2, spec.baseSequence = 1, spec.createdUnix = 1'790'003'600;
    spec.change = {0, 10}, spec.remove = {10, 20}, spec.add = {kMembers, kMembers + 5};
    delta(dir / "d2.kmb", spec, publisher);
    auto cache = openCacheFile(file);
    auto applied = cache.applyBundle(dir / "d2.kmb", publisher.publicKey());
    INFO((applied ? std::string() : applied.error().describe()));
    REQUIRE(applied.has_value());
    for (std::uint64_t i = 0; i < 10; ++i) expectMember(cache, i, 1);
    for (std::uint64_t i = 10; i < 20; ++i) expectMember(cache, i, std::nullopt);
    for (std::uint64_t i = 20; i < kMembers; ++i) expectMember(cache, i, 0);
    for (std::uint64_t i = kMembers; i < kMembers + 5; ++i) expectMember(cache, i, 1);
    CHECK(cache.stats()->members == kMembers - 10 + 5);
    sqlite3* db = openRaw(file);
    CHECK(sqlText(db, "PRAGMA foreign_key_check") == "");
    // No program or document of a removed member is left behind.
    CHECK(sqlText(db, "SELECT count(*) FROM programs WHERE member_id NOT IN (SELECT id FROM members)") == "0");
    CHECK(sqlText(db, "SELECT count(*) FROM documents WHERE member_id NOT IN (SELECT id FROM members)") == "0");
    sqlite3_close(db);
}

TEST_CASE("a v2 file the migration cannot make consistent is refused and left as it was", "[members][schema]") {
    TempDir dir;
    const auto publisher = publisherKey();
    snapshot(dir / "s1.kmb", {0, 5}, 0, 1, publisher);
    {
        auto current = openCacheFile(dir / "current.sqlite");
        REQUIRE(current.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());
    }
    const auto file = dir / "members.sqlite";
    writeV2Copy(dir / "current.sqlite", file);
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
    CHECK(sqlText(db, "SELECT count(*) FROM members") == "5");
    sqlite3_close(db);
}
