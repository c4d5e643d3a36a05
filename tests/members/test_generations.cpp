// Generations (app/members/generations.h): a snapshot is built into a new file and the cache's path
// switched to it; every connection follows on its next call, deltas apply to the current generation,
// and nothing of a replaced or abandoned generation stays behind.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "app/members/generations.h"
#include "tests/members/bundle_test_support.h"

using namespace kiosk::members;
using namespace kiosk::members::test;
namespace fs = std::filesystem;

namespace {

// The files beside the cache: its link or plain file, and every generation with its -wal/-shm.
std::set<std::string> filesBeside(const fs::path& cache) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(cache.parent_path()))
        if (entry.path().filename().string().starts_with(cache.filename().string()))
            names.insert(entry.path().filename().string());
    return names;
}

// A cache folder and its publisher; the first snapshot (members [0, count) at revision 0, sequence 1).
struct CacheFolder {
    TempDir dir;
    PublisherSecretKey publisher = publisherKey();
    fs::path file = dir / "members.sqlite";

    MemberCache cacheAtFirstSnapshot(std::uint64_t count) {
        snapshot(dir / "s1.kmb", {0, count}, 0, 1, publisher);
        auto cache = openCacheFile(file);
        REQUIRE(cache.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());
        return cache;
    }
};

}  // namespace

TEST_CASE_METHOD(CacheFolder, "a snapshot switches the cache to a new generation that every connection follows",
                 "[members][generations]") {
    snapshot(dir / "s1.kmb", {0, 40}, 0, 1, publisher);
    snapshot(dir / "s2.kmb", {0, 50}, 1, 2, publisher);
    snapshot(dir / "s4.kmb", {10, 60}, 3, 4, publisher);
    synthetic::DeltaSpec spec;
    spec.sequence = 3, spec.baseSequence = 2, spec.revision = 2;
    spec.change = {0, 5}, spec.remove = {45, 50}, spec.add = {50, 55};
    delta(dir / "d3.kmb", spec, publisher);

    auto writer = openCacheFile(file);
    auto reader = openCacheFile(file);  // as the kiosk's lookup connection: opened once, kept open
    auto late = openCacheFile(file);    // a connection that only writes later, on a replaced generation
    REQUIRE(fs::is_regular_file(fs::symlink_status(file)));  // a new cache is a plain file
    REQUIRE(writer.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());

    // The plain file was replaced by a link to the first generation; its WAL and shared memory went.
    REQUIRE(fs::is_symlink(file));
    const auto first = generations::resolve(file, generations::linkText(file));
    CHECK(first.filename().string().starts_with("members.sqlite.gen-1-"));
    CHECK(filesBeside(file) == std::set<std::string>{"members.sqlite", first.filename().string(),
                                                     first.filename().string() + "-shm",
                                                     first.filename().string() + "-wal"});
    {
        // Built without a journal, handed over in WAL mode with this build's page size.
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
        CHECK(sqlText(db, "PRAGMA journal_mode") == "wal");
        CHECK(sqlText(db, "PRAGMA page_size") == "8192");
        CHECK(sqlText(db, "PRAGMA integrity_check") == "ok");
        sqlite3_close(db);
    }
    // The reader opened on the plain file answers from the new list on its very next call.
    expectMember(reader, 0, 0);
    CHECK(reader.stats()->sequence == 1);

    REQUIRE(writer.applyBundle(dir / "s2.kmb", publisher.publicKey()).has_value());
    const auto second = generations::resolve(file, generations::linkText(file));
    CHECK(second != first);
    CHECK_FALSE(fs::exists(first));  // the replaced generation is removed, though `reader` still held it
    expectMember(reader, 0, 1);
    expectMember(reader, 45, 1);
    CHECK(reader.stats()->members == 50);

    // A delta through a connection that still held the first generation lands in the current one.
    auto applied = late.applyBundle(dir / "d3.kmb", publisher.publicKey());
    INFO((applied ? std::string() : applied.error().describe()));
    REQUIRE(applied.has_value());
    CHECK(generations::resolve(file, generations::linkText(file)) == second);  // a delta stays in place
    for (auto* cache : {&writer, &reader, &late}) {
        CHECK(cache->stats()->sequence == 3);
        expectMember(*cache, 0, 2);
        expectMember(*cache, 47, std::nullopt);
        expectMember(*cache, 52, 2);
    }

    // The import history carries over from generation to generation.
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
        CHECK(sqlText(db, "SELECT group_concat(sequence || kind, ',') FROM (SELECT * FROM imports ORDER BY sequence)") ==
              "1snapshot,2snapshot,3delta");
        sqlite3_close(db);
    }
    REQUIRE(reader.applyBundle(dir / "s4.kmb", publisher.publicKey()).has_value());
    expectMember(writer, 0, std::nullopt);
    expectMember(late, 59, 3);
    CHECK(late.stats()->members == 50);
}

TEST_CASE_METHOD(CacheFolder,
                 "a generation left by a build that never switched is removed by the next snapshot, never opened",
                 "[members][generations]") {
    auto cache = cacheAtFirstSnapshot(20);
    snapshot(dir / "s2.kmb", {0, 20}, 1, 2, publisher);
    // What a process killed mid-build leaves: a half-written generation and a link it never renamed.
    const auto abandoned = dir / "members.sqlite.gen-2-0badf00d";
    std::ofstream(abandoned) << "half a database";
    fs::create_symlink(abandoned.filename(), dir / "members.sqlite.link-0badf00d");
    std::ofstream(abandoned.string() + "-wal") << "x";

    auto reopened = openCacheFile(file);  // the link still names the first generation
    CHECK(reopened.stats()->sequence == 1);
    expectMember(reopened, 3, 0);
    REQUIRE(cache.applyBundle(dir / "s2.kmb", publisher.publicKey()).has_value());
    const auto current = generations::resolve(file, generations::linkText(file)).filename().string();
    CHECK(filesBeside(file) == std::set<std::string>{"members.sqlite", current, current + "-shm", current + "-wal"});
    expectMember(reopened, 3, 1);
}

TEST_CASE_METHOD(CacheFolder, "a refused snapshot leaves the generation in force and nothing beside it",
                 "[members][generations]") {
    // Signed but repeating a member: refused when the new generation's unique index is built.
    auto cache = cacheAtFirstSnapshot(20);
    const auto before = filesBeside(file);
    {
        BundleHeader h;
        h.kind = BundleKind::Snapshot;
        h.sequence = 2;
        h.recordCount = 2;
        auto writer = BundleWriter::create(dir / "twice.kmb", h, publisher);
        REQUIRE(writer.has_value());
        detail::BundleMember m;
        synthetic::toBundle(synthetic::member(kSeed, 4, 1), deploymentKey(), detail::RecordType::Member, m);
        REQUIRE(writer->add(m).has_value());
        REQUIRE(writer->add(m).has_value());
        REQUIRE(writer->finish().has_value());
    }
    auto refused = cache.applyBundle(dir / "twice.kmb", publisher.publicKey());
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().describe().find("member listed twice") != std::string::npos);
    CHECK(filesBeside(file) == before);
    CHECK(cache.stats()->sequence == 1);
    expectMember(cache, 4, 0);
}
