// The member cache's VFS (app/members/mapped_vfs.h): a connection reads through a map of the whole file,
// past Debian SQLite's 2 GB cap, and sees what other connections write, grow or shrink.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>

#include "app/members/mapped_vfs.h"
#include "tests/members/bundle_test_support.h"

using namespace kiosk::members;
using namespace kiosk::members::test;  // TempDir, sqlExec, sqlText

namespace {

sqlite3* openWith(const std::filesystem::path& file, const char* vfs) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs) == SQLITE_OK);
    return db;
}

// Every row's bytes, as one text: two connections that read the same rows give the same digest.
constexpr const char* kDigest = "SELECT count(*) || ':' || group_concat(hex(v), '') FROM (SELECT v FROM t ORDER BY id)";

}  // namespace

TEST_CASE("the mapped VFS maps past SQLite's 2 GB cap and reads what other connections write") {
    REQUIRE(detail::registerMappedVfs());
    REQUIRE(detail::mappedVfsName() != nullptr);
    TempDir dir;
    const auto file = dir / "mapped.sqlite";
    sqlite3* mapped = openWith(file, detail::mappedVfsName());
    sqlExec(mapped, "PRAGMA journal_mode=WAL; CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB NOT NULL)");
    sqlExec(mapped, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                    "INSERT INTO t SELECT i, randomblob(900) FROM n");
    sqlExec(mapped, "PRAGMA wal_checkpoint(TRUNCATE)");  // pages in the WAL are never read through the map

    // SQLite's unix VFS alone answers 2147418112 (Debian's SQLITE_MAX_MMAP_SIZE); this VFS keeps 3 GiB.
    CHECK(sqlText(mapped, "PRAGMA mmap_size=3221225472") == "3221225472");
    sqlite3* plain = openWith(file, nullptr);  // another connection, SQLite's default VFS, no map
    // A page's first read by the connection is a pread (one read of the whole page, and an I/O error is
    // an SQLite error, not a signal); the next ones come from the map.
    auto before = detail::mappedPageReads();
    const std::string rows = sqlText(mapped, kDigest);
    CHECK(detail::mappedPageReads() < before + 10);
    CHECK(rows == sqlText(plain, kDigest));
    before = detail::mappedPageReads();
    CHECK(sqlText(mapped, kDigest) == rows);
    CHECK(detail::mappedPageReads() > before + 100);  // ~2 MB of rows in 4 KiB pages
    CHECK(rows.rfind("2000:", 0) == 0);

    SECTION("the file grows under the map: the new pages are read, not past the file's end") {
        sqlExec(plain, "WITH RECURSIVE n(i) AS (SELECT 2001 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) "
                       "INSERT INTO t SELECT i, randomblob(900) FROM n");
        sqlExec(plain, "PRAGMA wal_checkpoint(TRUNCATE)");
        const std::string grown = sqlText(plain, kDigest);
        CHECK(grown.rfind("6000:", 0) == 0);
        CHECK(sqlText(mapped, kDigest) == grown);
    }
    SECTION("the file shrinks under the map: no page past the new end is handed out") {
        sqlExec(plain, "DELETE FROM t WHERE id > 300; VACUUM; PRAGMA wal_checkpoint(TRUNCATE)");
        const std::string shrunk = sqlText(plain, kDigest);
        CHECK(shrunk.rfind("300:", 0) == 0);
        CHECK(sqlText(mapped, kDigest) == shrunk);
        // And the mapped connection itself can write and shrink the file again.
        sqlExec(mapped, "DELETE FROM t WHERE id > 100; VACUUM; PRAGMA wal_checkpoint(TRUNCATE)");
        CHECK(sqlText(mapped, kDigest) == sqlText(plain, kDigest));
        CHECK(sqlText(mapped, "PRAGMA integrity_check") == "ok");
    }
    SECTION("mmap_size 0 turns the map off") {
        sqlExec(mapped, "PRAGMA mmap_size=0");
        const auto off = detail::mappedPageReads();
        CHECK(sqlText(mapped, kDigest) == rows);
        CHECK(detail::mappedPageReads() == off);
    }
    sqlite3_close(plain);
    sqlite3_close(mapped);
}
