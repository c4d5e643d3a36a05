#pragma once
// The locally cached member list: one SQLite file holding no names and no document numbers.
// Travelers are found by a keyed hash of their passport data; their templates are sealed with a key
// derived from the same passport data, so they open only when that passport is presented.
// See docs/members.md for the schema and what a stolen disk reveals.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

#include "app/core/error.h"
#include "app/members/deployment_key.h"
#include "app/members/member.h"

namespace kiosk::members {

struct ImportStats {
    std::size_t members = 0;
    std::size_t documents = 0;
    std::size_t fingers = 0;  // enrolled fingers (each sealed once per document of its member)
    std::int64_t sequence = 0;
};

struct CacheStats {
    std::size_t members = 0;
    std::size_t documents = 0;
    std::size_t fingers = 0;
    std::int64_t sequence = 0;             // 0 before the first import
    std::int64_t lastSyncUnixSeconds = 0;  // 0 before the first import
    int schemaVersion = 0;
};

// One SQLite connection. Every call is serialised by an internal mutex, so one cache can be shared
// between the UI thread and workers; other processes may open the same file (WAL, busy timeout).
class MemberCache {
public:
    static constexpr int kSchemaVersion = 1;

    // Opens or creates the file: WAL, foreign_keys=ON, PRAGMA integrity_check (fails clearly if not
    // "ok"), schema versioned (user_version + schema_migrations), prepared statements kept for reuse.
    // Refuses a file that is not an SQLite database, another application's database, or a schema
    // newer than this build knows.
    [[nodiscard]] static kiosk::Result<MemberCache> open(const std::filesystem::path& file,
                                                         DeploymentKey key);

    MemberCache(MemberCache&&) noexcept;
    MemberCache& operator=(MemberCache&&) noexcept;
    MemberCache(const MemberCache&) = delete;
    MemberCache& operator=(const MemberCache&) = delete;
    ~MemberCache();

    // nullopt when no member holds this document. Templates are decrypted here; a template that does
    // not authenticate is a Crypto error, never garbage. InvalidInput for a malformed document key.
    [[nodiscard]] kiosk::Result<std::optional<MemberRecord>> lookup(const DocumentKey& document) const;

    // Imports a member list file (JSON, docs/members.md) in ONE transaction: all or nothing. It
    // replaces the whole contents (a snapshot). Every malformed field -> InvalidInput whose context
    // names the member index and field ("members[3].documents[0].birth_date"), never its value.
    // A sequence older than the cache's is refused (no silent rollback to an older list).
    [[nodiscard]] kiosk::Result<ImportStats> importMemberList(const std::filesystem::path& jsonFile);

    [[nodiscard]] kiosk::Result<CacheStats> stats() const;

    [[nodiscard]] const std::filesystem::path& file() const;

private:
    struct Impl;
    explicit MemberCache(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::members
