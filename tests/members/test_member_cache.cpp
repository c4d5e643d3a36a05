#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <thread>

#include "app/members/mapped_vfs.h"
#include "app/members/member_cache.h"
#include "tests/members/member_test_support.h"
#include "tests/members/packed_fingers_support.h"

using namespace kiosk::members;
using namespace kiosk::members::test;
using kiosk::CalendarDate;
using kiosk::Error;
using kiosk::FingerPosition;

namespace {

DeploymentKey fixedKey(std::uint8_t fill = 0x42) {
    std::array<std::uint8_t, DeploymentKey::kSize> bytes{};
    bytes.fill(fill);
    return DeploymentKey::fromBytes(bytes);
}

const auto kThumb = fakeTemplate(1);
const auto kIndex = fakeTemplate(2);
const auto kOther = fakeTemplate(3, 280);

// Two members; M0001 renewed her passport, so she has two documents.
QJsonObject sampleList(std::int64_t sequence = 1) {
    return memberList(
        sequence,
        QJsonArray{
            QJsonObject{{"member_id", "M0001"},
                        {"programs", QJsonArray{program("GLOBAL_ENTRY", "active", "2030-01-31"),
                                                program("NEXUS", "suspended", "2028-06-30")}},
                        {"documents", QJsonArray{document("USA", "A12345678", "1985-04-12"),
                                                 document("USA", "B98765432", "1985-04-12")}},
                        {"fingers", QJsonArray{finger(2, 80, kIndex), finger(1, 65, kThumb)}}},
            QJsonObject{{"member_id", "M0002"},
                        {"programs", QJsonArray{program("KOREA_SES", "revoked", "2027-12-01")}},
                        {"documents", QJsonArray{document("D", "C01X00T47", "1990-02-28")}},
                        {"fingers", QJsonArray{finger(7, 90, kOther)}}},
        });
}

const DocumentKey kAlice{"USA", "A12345678", {1985, 4, 12}};
const DocumentKey kAliceRenewed{"USA", "B98765432", {1985, 4, 12}};
const DocumentKey kBob{"D<<", "C01X00T47", {1990, 2, 28}};

MemberCache openCache(const std::filesystem::path& file, std::uint8_t keyFill = 0x42) {
    auto cache = MemberCache::open(file, fixedKey(keyFill));
    INFO((cache ? std::string() : cache.error().describe()));
    REQUIRE(cache.has_value());
    return std::move(*cache);
}

void importJson(MemberCache& cache, const TempDir& dir, const QJsonObject& list, const std::string& name = "list.json") {
    writeJson(dir / name, list);
    auto stats = cache.importMemberList(dir / name);
    INFO((stats ? std::string() : stats.error().describe()));
    REQUIRE(stats.has_value());
}

std::string sqlText(sqlite3* db, const char* sql) {
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return out;
}

bool contains(const std::vector<std::uint8_t>& hay, const void* needle, std::size_t size) {
    const auto* n = static_cast<const std::uint8_t*>(needle);
    return std::search(hay.begin(), hay.end(), n, n + size) != hay.end();
}

}  // namespace

TEST_CASE("documents are normalised before hashing") {
    auto c = canonicalDocument({"usa", "a1234567<", {1985, 4, 12}});
    REQUIRE(c.has_value());
    CHECK(*c == "USA|A1234567|1985-04-12");
    CHECK(canonicalDocument({"D<<", "C01X 00T47", {1990, 2, 28}}).value() == "D|C01X00T47|1990-02-28");
    CHECK(canonicalDocument({"", "A1", {1985, 4, 12}}).error().code == Error::Code::InvalidInput);
    CHECK(canonicalDocument({"US1", "A1", {1985, 4, 12}}).error().code == Error::Code::InvalidInput);
    CHECK(canonicalDocument({"USA", "<<<", {1985, 4, 12}}).error().code == Error::Code::InvalidInput);
    CHECK(canonicalDocument({"USA", "A-1", {1985, 4, 12}}).error().code == Error::Code::InvalidInput);
    CHECK(canonicalDocument({"USA", "A1", {1985, 2, 30}}).error().code == Error::Code::InvalidInput);
}

TEST_CASE("open creates a WAL database with a versioned schema") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    {
        auto cache = openCache(file);
        auto stats = cache.stats();
        REQUIRE(stats.has_value());
        CHECK(stats->schemaVersion == MemberCache::kSchemaVersion);
        CHECK(stats->members == 0);
        CHECK(stats->sequence == 0);
        CHECK(stats->lastSyncUnixSeconds == 0);
        CHECK(cache.lookup(kAlice).value() == std::nullopt);
    }
    REQUIRE(std::filesystem::exists(file));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(sqlText(db, "PRAGMA journal_mode") == "wal");
    CHECK(sqlText(db, "PRAGMA page_size") == "8192");  // a new file gets the larger pages (kNewFilePageSize)
    CHECK(sqlText(db, "PRAGMA user_version") == std::to_string(MemberCache::kSchemaVersion));
    CHECK(sqlText(db, "SELECT max(version) FROM schema_migrations") == std::to_string(MemberCache::kSchemaVersion));
    sqlite3_close(db);
    // Opening again does not migrate twice.
    auto again = openCache(file);
    CHECK(again.stats()->schemaVersion == MemberCache::kSchemaVersion);
}

TEST_CASE("SQLite's global memory statistics are off in a program that links the cache") {
    // member_cache.cpp turns them off before main() (one global mutex fewer per allocation); with them
    // on, opening and filling a cache would count its allocations here.
    TempDir dir;
    auto cache = openCache(dir / "members.sqlite");
    writeJson(dir / "list.json", memberList(1, QJsonArray{QJsonObject{
                                                   {"member_id", "M1"},
                                                   {"programs", QJsonArray{program("NEXUS", "active", "2030-01-31")}},
                                                   {"documents", QJsonArray{document("USA", "A1", "1985-04-12")}}}}));
    REQUIRE(cache.importMemberList(dir / "list.json").has_value());
    CHECK(sqlite3_memory_used() == 0);
}

TEST_CASE("an imported member is found by each of her passports, with programs and templates") {
    TempDir dir;
    auto cache = openCache(dir / "members.sqlite");
    writeJson(dir / "list.json", sampleList(7));
    auto imported = cache.importMemberList(dir / "list.json");
    REQUIRE(imported.has_value());
    CHECK(imported->members == 2);
    CHECK(imported->documents == 3);
    CHECK(imported->fingers == 3);
    CHECK(imported->sequence == 7);

    for (const auto& passport : {kAlice, kAliceRenewed}) {
        auto found = cache.lookup(passport);
        REQUIRE(found.has_value());
        REQUIRE(found->has_value());
        const MemberRecord& m = **found;
        CHECK(m.memberId == "M0001");
        REQUIRE(m.programs.size() == 2);
        CHECK(m.programs[0] == ProgramMembership{"GLOBAL_ENTRY", ProgramStatus::Active, {2030, 1, 31}});
        CHECK(m.programs[1] == ProgramMembership{"NEXUS", ProgramStatus::Suspended, {2028, 6, 30}});
        REQUIRE(m.fingers.size() == 2);
        CHECK(m.fingers[0].position == FingerPosition::RightThumb);
        CHECK(m.fingers[0].quality == 65);
        CHECK(m.fingers[0].isoTemplate == kThumb);
        CHECK(m.fingers[1].position == FingerPosition::RightIndex);
        CHECK(m.fingers[1].quality == 80);
        CHECK(m.fingers[1].isoTemplate == kIndex);
    }
    // MRZ spelling: lower case and fillers normalise to the same key.
    auto bob = cache.lookup({"d", "C01X00T47<", {1990, 2, 28}});
    REQUIRE(bob.has_value());
    REQUIRE(bob->has_value());
    CHECK((*bob)->memberId == "M0002");
    CHECK((*bob)->programs.at(0).status == ProgramStatus::Revoked);
    CHECK((*bob)->fingers.at(0).isoTemplate == kOther);

    auto stats = cache.stats();
    REQUIRE(stats.has_value());
    CHECK(stats->members == 2);
    CHECK(stats->documents == 3);
    CHECK(stats->fingers == 3);
    CHECK(stats->sequence == 7);
    CHECK(stats->lastSyncUnixSeconds > 1'700'000'000);
}

TEST_CASE("the lookup connection reads through the whole-file map and finds what an unmapped one finds") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    auto writer = openCache(file);
    importJson(writer, dir, sampleList(3));
    auto mapped = MemberCache::open(file, fixedKey(), OpenOptions{OpenOptions::Integrity::Quick, kLookupMmapBytes});
    REQUIRE(mapped.has_value());
    // Twice: a page's first read by a connection is a pread, the later ones come from the map.
    const auto before = detail::mappedPageReads();
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& passport : {kAlice, kAliceRenewed, kBob}) {
            auto viaMap = mapped->lookup(passport);
            auto viaRead = writer.lookup(passport);
            REQUIRE(viaMap.has_value());
            REQUIRE(viaRead.has_value());
            REQUIRE(viaMap->has_value());
            REQUIRE(viaRead->has_value());
            CHECK((*viaMap)->memberId == (*viaRead)->memberId);
            CHECK((*viaMap)->programs == (*viaRead)->programs);
            REQUIRE((*viaMap)->fingers.size() == (*viaRead)->fingers.size());
            for (std::size_t i = 0; i < (*viaMap)->fingers.size(); ++i)
                CHECK((*viaMap)->fingers[i].isoTemplate == (*viaRead)->fingers[i].isoTemplate);
        }
    }
    CHECK(detail::mappedPageReads() > before);
    // A later import by the other connection is seen through the map.
    auto list = sampleList(4);
    editMember(list, 1, [](QJsonObject& m) { m["member_id"] = "M0003"; });
    importJson(writer, dir, list, "list4.json");
    auto bob = mapped->lookup(kBob);
    REQUIRE(bob.has_value());
    REQUIRE(bob->has_value());
    CHECK((*bob)->memberId == "M0003");
}

TEST_CASE("a lookup needs issuer, number and birth date to match") {
    TempDir dir;
    auto cache = openCache(dir / "members.sqlite");
    importJson(cache, dir, sampleList());
    CHECK(cache.lookup({"USA", "A12345678", {1985, 4, 13}}).value() == std::nullopt);
    CHECK(cache.lookup({"USA", "A12345679", {1985, 4, 12}}).value() == std::nullopt);
    CHECK(cache.lookup({"CAN", "A12345678", {1985, 4, 12}}).value() == std::nullopt);
    auto invalid = cache.lookup({"USA", "A12345678", {1985, 2, 30}});
    REQUIRE_FALSE(invalid.has_value());
    CHECK(invalid.error().code == Error::Code::InvalidInput);
}

TEST_CASE("the cache survives reopening") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    {
        auto cache = openCache(file);
        importJson(cache, dir, sampleList(3));
    }
    auto cache = openCache(file);
    auto found = cache.lookup(kAlice);
    REQUIRE(found.has_value());
    REQUIRE(found->has_value());
    CHECK((*found)->fingers.at(0).isoTemplate == kThumb);
    CHECK(cache.stats()->sequence == 3);
    CHECK(cache.stats()->members == 2);
}

TEST_CASE("a new list replaces the old one; an older sequence is refused") {
    TempDir dir;
    auto cache = openCache(dir / "members.sqlite");
    importJson(cache, dir, sampleList(5));
    // Sequence 5 again (a re-import) is fine; it keeps only M0002.
    QJsonObject next = sampleList(5);
    QJsonArray members = next["members"].toArray();
    members.removeFirst();
    next["members"] = members;
    importJson(cache, dir, next, "next.json");
    CHECK(cache.lookup(kAlice).value() == std::nullopt);
    CHECK(cache.lookup(kBob).value().has_value());
    CHECK(cache.stats()->members == 1);

    writeJson(dir / "old.json", sampleList(4));
    auto old = cache.importMemberList(dir / "old.json");
    REQUIRE_FALSE(old.has_value());
    CHECK(old.error().code == Error::Code::InvalidInput);
    CHECK(old.error().message.find("older") != std::string::npos);
    CHECK(cache.lookup(kAlice).value() == std::nullopt);  // rolled back
    CHECK(cache.stats()->sequence == 5);
}

TEST_CASE("the file holds no document data and no template in clear") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    auto cache = openCache(file);
    writeJson(dir / "list.json", sampleList());
    REQUIRE(cache.importMemberList(dir / "list.json").has_value());
    REQUIRE(cache.lookup(kAlice).value().has_value());

    std::vector<std::uint8_t> raw = readBytes(file);
    for (const char* suffix : {"-wal", "-shm"}) {
        auto extra = readBytes(std::filesystem::path(file.string() + suffix));
        raw.insert(raw.end(), extra.begin(), extra.end());
    }
    REQUIRE(raw.size() > 4096);
    CHECK(contains(raw, "M0001", 5));  // the opaque id is there: the search works
    for (const char* clear : {"A12345678", "B98765432", "C01X00T47", "1985-04-12", "1990-02-28", "USA|"})
        CHECK_FALSE(contains(raw, clear, std::strlen(clear)));
    for (const auto* t : {&kThumb, &kIndex, &kOther}) {
        CHECK_FALSE(contains(raw, t->data(), t->size()));
        for (std::size_t at = 4; at + 16 <= t->size(); at += 16)  // no 16-byte piece either
            CHECK_FALSE(contains(raw, t->data() + at, 16));
    }
}

TEST_CASE("another deployment key finds nobody") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    {
        auto cache = openCache(file, 0x42);
        importJson(cache, dir, sampleList());
    }
    auto stolen = openCache(file, 0x43);
    CHECK(stolen.stats()->members == 2);  // counts are not secret
    CHECK(stolen.lookup(kAlice).value() == std::nullopt);
    CHECK(stolen.lookup(kBob).value() == std::nullopt);
}

// A cache holding the sample list, and a raw connection to its file to damage rows with (closed by
// closeRaw() before the cache reads them again).
struct SampleCacheAndRawFile {
    TempDir dir;
    std::filesystem::path file = dir / "members.sqlite";
    MemberCache cache = openCache(file);
    sqlite3* db = nullptr;
    SampleCacheAndRawFile() {
        importJson(cache, dir, sampleList());
        REQUIRE(cache.lookup(kAlice).value().has_value());
        REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
        sqlite3_busy_timeout(db, 2000);
    }
    SampleCacheAndRawFile(const SampleCacheAndRawFile&) = delete;
    SampleCacheAndRawFile& operator=(const SampleCacheAndRawFile&) = delete;
    ~SampleCacheAndRawFile() { closeRaw(); }
    void closeRaw() {
        sqlite3_close(db);
        db = nullptr;
    }
};

TEST_CASE("a tampered sealed template is a Crypto error, never garbage") {
    SampleCacheAndRawFile sample;
    auto& [dir, file, cache, db] = sample;
    // The first finger of every document (the blob's layout: tests/members/packed_fingers_support.h).
    SECTION("a ciphertext byte") {
        CHECK(rewriteFingers(db, [](std::vector<std::uint8_t>& blob) { blob.at(kPackedCiphertext + 70) ^= 0x01; }) > 0);
    }
    SECTION("the quality beside it (bound as associated data)") {
        CHECK(rewriteFingers(db, [](std::vector<std::uint8_t>& blob) {
                  blob.at(kPackedQuality) = static_cast<std::uint8_t>(100 - blob.at(kPackedQuality));
              }) > 0);
    }
    SECTION("a nonce byte") {
        CHECK(rewriteFingers(db, [](std::vector<std::uint8_t>& blob) { blob.at(kPackedNonce + 5) ^= 0x80; }) > 0);
    }
    sample.closeRaw();

    auto found = cache.lookup(kAlice);
    REQUIRE_FALSE(found.has_value());
    CHECK(found.error().code == Error::Code::Crypto);
    CHECK(found.error().context == file.string());
}

TEST_CASE("a lookup connection reads program codes another connection's import added; codes are never renumbered") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    auto importer = openCache(file);
    auto kiosk = openCache(file);  // the lookup connection, beside the sync's, as in the kiosk
    importJson(importer, dir, sampleList(1));
    auto before = kiosk.lookup(kBob);  // the kiosk's connection has now read the codes of list 1
    REQUIRE(before.has_value());
    REQUIRE(before->has_value());
    CHECK((*before)->programs.at(0).program == "KOREA_SES");

    // List 2: Bob moves to a program the file has never held, and the programs of list 1 are gone.
    importJson(importer, dir,
               memberList(2, QJsonArray{QJsonObject{{"member_id", "M0002"},
                                                    {"programs", QJsonArray{program("SENTRI", "active", "2031-05-01")}},
                                                    {"documents", QJsonArray{document("D", "C01X00T47", "1990-02-28")}},
                                                    {"fingers", QJsonArray{finger(7, 90, kOther)}}}}),
               "list2.json");
    auto after = kiosk.lookup(kBob);
    REQUIRE(after.has_value());
    REQUIRE(after->has_value());
    REQUIRE((*after)->programs.size() == 1);
    CHECK((*after)->programs[0] == ProgramMembership{"SENTRI", ProgramStatus::Active, {2031, 5, 1}});
    // Member rows carry code ids (program_pack.h): the codes of list 1 keep theirs, SENTRI is added.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(sqlText(db, "SELECT group_concat(id || ':' || code, ',') FROM (SELECT * FROM program_codes ORDER BY id)") ==
          "1:GLOBAL_ENTRY,2:NEXUS,3:KOREA_SES,4:SENTRI");
    sqlite3_close(db);
}

TEST_CASE("a row whose packed fingers or programs are malformed is a Database error, never half a member") {
    SampleCacheAndRawFile sample;
    auto& [dir, file, cache, db] = sample;
    SECTION("truncated") {
        CHECK(rewriteFingers(db, [](std::vector<std::uint8_t>& blob) { blob.resize(blob.size() - 1); }) > 0);
    }
    SECTION("a length field past the end") {
        CHECK(rewriteFingers(db, [](std::vector<std::uint8_t>& blob) { blob.at(kPackedCiphertext - 1) = 0x7f; }) > 0);
    }
    SECTION("a finger position out of range") {
        CHECK(rewriteFingers(db, [](std::vector<std::uint8_t>& blob) { blob.at(0) = 11; }) > 0);
    }
    SECTION("the member's packed programs cut short") {
        REQUIRE(sqlite3_exec(db, "UPDATE members SET programs = substr(programs, 1, 5)", nullptr, nullptr, nullptr) ==
                SQLITE_OK);
        CHECK(sqlite3_changes(db) > 0);
    }
    SECTION("a program status out of range") {
        REQUIRE(sqlite3_exec(db, "UPDATE members SET programs = x'010000000307000000'", nullptr, nullptr, nullptr) ==
                SQLITE_OK);
    }
    SECTION("a program code the file does not hold") {
        REQUIRE(sqlite3_exec(db, "UPDATE members SET programs = x'630000000007000000'", nullptr, nullptr, nullptr) ==
                SQLITE_OK);
    }
    sample.closeRaw();

    auto found = cache.lookup(kAlice);
    REQUIRE_FALSE(found.has_value());
    CHECK(found.error().code == Error::Code::Database);
    const auto message = found.error().describe();
    CHECK((message.find("malformed") != std::string::npos || message.find("code is missing") != std::string::npos));
}

TEST_CASE("a file that is not a member cache is refused clearly") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    SECTION("garbage bytes") {
        std::ofstream out(file, std::ios::binary);
        const auto garbage = fakeTemplate(99, 8192);
        out.write(reinterpret_cast<const char*>(garbage.data()), static_cast<std::streamsize>(garbage.size()));
        out.close();
        auto cache = MemberCache::open(file, fixedKey());
        REQUIRE_FALSE(cache.has_value());
        CHECK(cache.error().code == Error::Code::Database);
        CHECK(cache.error().context == file.string());
        CHECK(cache.error().message.find("not an SQLite database") != std::string::npos);
    }
    SECTION("another application's SQLite database") {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
        auto cache = MemberCache::open(file, fixedKey());
        REQUIRE_FALSE(cache.has_value());
        CHECK(cache.error().message.find("not a member cache") != std::string::npos);
    }
    SECTION("a damaged page") {
        {
            auto cache = openCache(file);
            importJson(cache, dir, sampleList());
        }
        auto bytes = readBytes(file);
        REQUIRE(bytes.size() >= 5 * 4096);
        std::fill(bytes.begin() + 3 * 4096 + 8, bytes.begin() + 4 * 4096, std::uint8_t{0xA5});
        std::ofstream(file, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        auto cache = MemberCache::open(file, fixedKey());
        REQUIRE_FALSE(cache.has_value());
        CHECK(cache.error().code == Error::Code::Database);
        INFO(cache.error().describe());
        CHECK((cache.error().message.find("integrity check failed") != std::string::npos ||
               cache.error().message.find("corrupt") != std::string::npos));
    }
}

TEST_CASE("a malformed member list names the member and field, and changes nothing") {
    TempDir dir;
    auto cache = openCache(dir / "members.sqlite");
    importJson(cache, dir, sampleList(1));

    struct Case {
        const char* name;
        std::function<void(QJsonObject&)> edit;
        const char* field;
    };
    const std::vector<Case> cases = {
        {"format", [](QJsonObject& r) { r["format"] = "member-list"; }, "format"},
        {"version", [](QJsonObject& r) { r["version"] = 2; }, "version"},
        {"sequence", [](QJsonObject& r) { r.remove("sequence"); }, "sequence"},
        {"fractional sequence", [](QJsonObject& r) { r["sequence"] = 2.5; }, "sequence"},
        {"created", [](QJsonObject& r) { r["created"] = "yesterday"; }, "created"},
        {"members", [](QJsonObject& r) { r["members"] = "none"; }, "members"},
        {"member not an object", [](QJsonObject& r) { r["members"] = QJsonArray{42}; }, "members[0]"},
        {"member_id", [](QJsonObject& r) { editMember(r, 1, [](QJsonObject& m) { m.remove("member_id"); }); },
         "members[1].member_id"},
        {"member_id with a space",
         [](QJsonObject& r) { editMember(r, 1, [](QJsonObject& m) { m["member_id"] = "Jane Doe"; }); },
         "members[1].member_id"},
        {"duplicate member_id",
         [](QJsonObject& r) { editMember(r, 1, [](QJsonObject& m) { m["member_id"] = "M0001"; }); },
         "members[1].member_id"},
        {"empty programs",
         [](QJsonObject& r) { editMember(r, 0, [](QJsonObject& m) { m["programs"] = QJsonArray{}; }); },
         "members[0].programs"},
        {"program name",
         [](QJsonObject& r) { editItem(r, 0, "programs", 1, [](QJsonObject& p) { p["program"] = "nexus"; }); },
         "members[0].programs[1].program"},
        {"unknown status",
         [](QJsonObject& r) { editItem(r, 0, "programs", 1, [](QJsonObject& p) { p["status"] = "expired"; }); },
         "members[0].programs[1].status"},
        {"bad expiry",
         [](QJsonObject& r) { editItem(r, 1, "programs", 0, [](QJsonObject& p) { p["expires"] = "2030-02-30"; }); },
         "members[1].programs[0].expires"},
        {"expiry with a time",
         [](QJsonObject& r) {
             editItem(r, 1, "programs", 0, [](QJsonObject& p) { p["expires"] = "2030-01-01T00:00:00Z"; });
         },
         "members[1].programs[0].expires"},
        {"empty documents",
         [](QJsonObject& r) { editMember(r, 1, [](QJsonObject& m) { m["documents"] = QJsonArray{}; }); },
         "members[1].documents"},
        {"missing documents", [](QJsonObject& r) { editMember(r, 1, [](QJsonObject& m) { m.remove("documents"); }); },
         "members[1].documents"},
        {"bad birth date",
         [](QJsonObject& r) {
             editItem(r, 0, "documents", 1, [](QJsonObject& d) { d["birth_date"] = "1985-13-01"; });
         },
         "members[0].documents[1].birth_date"},
        {"document number characters",
         [](QJsonObject& r) { editItem(r, 0, "documents", 0, [](QJsonObject& d) { d["number"] = "A123-456"; }); },
         "members[0].documents[0].number"},
        {"issuing state",
         [](QJsonObject& r) { editItem(r, 1, "documents", 0, [](QJsonObject& d) { d["issuing_state"] = "US1"; }); },
         "members[1].documents[0].issuing_state"},
        {"document held by two members",
         [](QJsonObject& r) {
             editItem(r, 1, "documents", 0, [](QJsonObject& d) { d = document("USA", "A12345678", "1985-04-12"); });
         },
         "members[1].documents"},
        {"finger position",
         [](QJsonObject& r) { editItem(r, 0, "fingers", 1, [](QJsonObject& f) { f["position"] = 11; }); },
         "members[0].fingers[1].position"},
        {"duplicate finger position",
         [](QJsonObject& r) { editItem(r, 0, "fingers", 1, [](QJsonObject& f) { f["position"] = 2; }); },
         "members[0].fingers[1].position"},
        {"quality",
         [](QJsonObject& r) { editItem(r, 1, "fingers", 0, [](QJsonObject& f) { f["quality"] = 101; }); },
         "members[1].fingers[0].quality"},
        {"bad base64",
         [](QJsonObject& r) { editItem(r, 1, "fingers", 0, [](QJsonObject& f) { f["iso19794_2"] = "!!not*base64"; }); },
         "members[1].fingers[0].iso19794_2"},
        {"lookout not a boolean",
         [](QJsonObject& r) { editMember(r, 1, [](QJsonObject& m) { m["lookout"] = "yes"; }); },
         "members[1].lookout"},
        {"empty template",
         [](QJsonObject& r) { editItem(r, 1, "fingers", 0, [](QJsonObject& f) { f["iso19794_2"] = ""; }); },
         "members[1].fingers[0].iso19794_2"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.name) {
            // A new member at the end proves nothing of a rejected list lands.
            QJsonObject list = sampleList(2);
            QJsonArray members = list["members"].toArray();
            members.append(QJsonObject{{"member_id", "M0003"},
                                       {"programs", QJsonArray{program("SENTRI", "active", "2031-01-01")}},
                                       {"documents", QJsonArray{document("MEX", "G00000001", "1970-01-01")}}});
            if (list["members"].isArray()) list["members"] = members;
            c.edit(list);
            writeJson(dir / "bad.json", list);
            auto result = cache.importMemberList(dir / "bad.json");
            REQUIRE_FALSE(result.has_value());
            CHECK(result.error().code == Error::Code::InvalidInput);
            INFO(result.error().describe());
            CHECK(result.error().context == std::string("bad.json ") + c.field);
            // Never the offending value: no document data in errors.
            CHECK(result.error().describe().find("A123-456") == std::string::npos);

            CHECK(cache.stats()->sequence == 1);
            CHECK(cache.stats()->members == 2);
            CHECK(cache.lookup(kAlice).value().has_value());
            CHECK(cache.lookup({"MEX", "G00000001", {1970, 1, 1}}).value() == std::nullopt);
        }
    }
    SECTION("not JSON at all") {
        std::ofstream(dir / "bad.json") << "{\"format\": \"kiosk-member-list\", ";
        auto result = cache.importMemberList(dir / "bad.json");
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().code == Error::Code::InvalidInput);
        CHECK(result.error().context.find("bad.json offset") == 0);
    }
    SECTION("a missing file") {
        auto result = cache.importMemberList(dir / "absent.json");
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().code == Error::Code::Io);
        CHECK(result.error().context.find("absent.json") != std::string::npos);
    }
    CHECK(cache.lookup(kAlice).value().has_value());
}

TEST_CASE("a moved cache keeps working; the moved-from one refuses politely") {
    TempDir dir;
    auto cache = openCache(dir / "members.sqlite");
    importJson(cache, dir, sampleList());
    MemberCache moved = std::move(cache);
    CHECK(moved.lookup(kAlice).value().has_value());
    // NOLINTNEXTLINE(bugprone-use-after-move): the behaviour after a move is what is tested
    CHECK(cache.lookup(kAlice).error().code == Error::Code::Internal);
}

TEST_CASE("a cache written by a newer build is refused, not downgraded") {
    TempDir dir;
    const auto file = dir / "members.sqlite";
    { auto cache = openCache(file); }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto cache = MemberCache::open(file, fixedKey());
    REQUIRE_FALSE(cache.has_value());
    CHECK(cache.error().code == Error::Code::Unsupported);
    CHECK(cache.error().message.find("99") != std::string::npos);
}

TEST_CASE("an invalid (moved-from) deployment key cannot open a cache") {
    TempDir dir;
    auto key = fixedKey();
    DeploymentKey taken = std::move(key);
    // NOLINTNEXTLINE(bugprone-use-after-move): refusing the moved-from key is what is tested
    auto cache = MemberCache::open(dir / "members.sqlite", std::move(key));
    REQUIRE_FALSE(cache.has_value());
    CHECK(cache.error().code == Error::Code::InvalidInput);
}

TEST_CASE("one cache serves lookups from several threads") {
    TempDir dir;
    auto cache = openCache(dir / "members.sqlite");
    importJson(cache, dir, sampleList());
    std::atomic<int> found{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                auto r = cache.lookup(i % 2 ? kAlice : kBob);
                if (r && r->has_value() && !(*r)->fingers.empty()) ++found;
            }
        });
    for (auto& t : threads) t.join();
    CHECK(found == 800);
}
