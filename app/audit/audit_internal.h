#pragma once
// Internals shared by the writer (audit_log.cpp) and the verifier (audit_verify.cpp). Not installed,
// not included by anything outside app/audit; SQLite appears here and nowhere public.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit/audit_log.h"

namespace kiosk::audit::detail {

inline constexpr std::string_view kHeadDomain = "kiosk-audit-head-v1";
inline constexpr std::string_view kRecordDomain = "kiosk-audit-record-v1";
inline constexpr int kFormatVersion = 1;
inline constexpr int kApplicationId = 0x4B415431;  // 'KAT1': marks the file as an audit segment
inline constexpr std::string_view kRetentionStep = "audit.retention";

struct DbClose {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalize {
    void operator()(sqlite3_stmt* st) const noexcept { sqlite3_finalize(st); }
};
using Db = std::unique_ptr<sqlite3, DbClose>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

// SQLite codes become words a technician understands, once, here. SQLITE_FULL is the disk-full case.
[[nodiscard]] Error sqliteError(sqlite3* db, int rc, const std::string& context);
[[nodiscard]] Result<Db> openDb(const std::filesystem::path& file, bool readOnly);
[[nodiscard]] Result<Stmt> prepare(sqlite3* db, std::string_view sql, const std::string& context);
[[nodiscard]] Result<void> exec(sqlite3* db, const char* sql, const std::string& context);
[[nodiscard]] std::string columnText(sqlite3_stmt* st, int column);
[[nodiscard]] bool columnHash(sqlite3_stmt* st, int column, Hash& out);

// A segment file name, parsed: day "YYYY-MM-DD" and part (0 for the day's first file).
struct SegmentName {
    std::string day;
    int part = 0;
    std::filesystem::path path;
    [[nodiscard]] std::string fileName() const { return path.filename().string(); }
};
[[nodiscard]] std::optional<SegmentName> parseSegmentName(const std::filesystem::path& path);
[[nodiscard]] std::string segmentFileName(std::string_view day, int part);
// The folder's segments in chain order (day, then part). Io when the folder cannot be listed.
[[nodiscard]] Result<std::vector<SegmentName>> listSegments(const std::filesystem::path& folder);

// Segment metadata (table meta).
struct SegmentMeta {
    std::string day;
    std::string kioskId;
    std::int64_t anchorSeq = 0;  // seq of the record this segment's first record chains to; 0 = genesis
    Hash anchorHash{};           // that record's hash; zeros for genesis
};
[[nodiscard]] Result<SegmentMeta> readMeta(sqlite3* db, const std::string& context);

struct HeadRow {
    std::string day;
    std::string kioskId;
    std::int64_t lastSeq = 0;
    Hash lastHash{};
    std::string signedAt;
    std::vector<std::uint8_t> publicKey;
    std::vector<std::uint8_t> signature;
};

// BLAKE2b-256(domain || prev || canonical encoding of the record). Length-prefixed fields, so no
// field boundary can be moved and JSON formatting never matters.
[[nodiscard]] Hash recordHash(const Hash& prev, const Record& record);
// The bytes a head signs: domain || day || kiosk || last seq || last hash || signed at.
[[nodiscard]] std::vector<std::uint8_t> headMessage(const HeadRow& head);

[[nodiscard]] std::string isoTime(std::chrono::system_clock::time_point t);
[[nodiscard]] std::optional<std::int64_t> parseIsoTimeMs(std::string_view text);  // ms since 1970
[[nodiscard]] std::string dayOf(std::string_view isoTime);  // "2026-11-27"

[[nodiscard]] bool validKioskId(std::string_view id);
void ensureSodium();

}  // namespace kiosk::audit::detail
