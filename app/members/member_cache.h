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
#include "app/members/sync/bundle.h"

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

struct OpenOptions {
    // Full: PRAGMA integrity_check (O(size): ~1 s per 200 000 members). Quick: quick_check (skips index
    // cross-checks, several times faster). None: header and schema checks only, for a second connection
    // on a file this process already checked (the sync service's).
    enum class Integrity { Full, Quick, None };
    Integrity integrity = Integrity::Full;
    // Bytes of the file read through a memory map instead of pread (PRAGMA mmap_size). The cache's own
    // VFS (mapped_vfs.h) maps up to 64 GiB; SQLite's unix VFS alone would stop at its compile-time
    // SQLITE_MAX_MMAP_SIZE, 2 GB in Debian. For the kiosk's lookup connection: a warm lookup then
    // copies no page. The mapped pages it touches count in the process's RSS as clean, shared file
    // pages (the kernel reclaims them like page cache), not heap. 0 (the default, and the sync
    // connection's): no map. Reads only: SQLite still writes with pwrite and the WAL, so crash safety is
    // unchanged.
    std::uint64_t mmapBytes = 0;
    // A delta's pages read ahead of its apply on a few read-only connections (sync/page_warmer.h). On
    // everywhere; off only to measure what it gives (bench_members_delta).
    bool readAhead = true;
};
// The kiosk's lookup connection (kiosk_setup.cpp) and bench_members_bundles' lookups: the whole file,
// up to the VFS's limit (20 M members take ~19 GB).
inline constexpr std::uint64_t kLookupMmapBytes = std::uint64_t{64} << 30;

// One SQLite connection. Every call is serialised by an internal mutex, so one cache can be shared
// between the UI thread and workers; other processes may open the same file (WAL, busy timeout).
class MemberCache {
public:
    static constexpr int kSchemaVersion = 5;

    // Opens or creates the file: WAL, foreign_keys=ON, PRAGMA integrity_check (fails clearly if not
    // "ok"), schema versioned (user_version + schema_migrations), prepared statements kept for reuse.
    // Refuses a file that is not an SQLite database, another application's database, or a schema
    // newer than this build knows.
    [[nodiscard]] static kiosk::Result<MemberCache> open(const std::filesystem::path& file,
                                                         DeploymentKey key);
    [[nodiscard]] static kiosk::Result<MemberCache> open(const std::filesystem::path& file, DeploymentKey key,
                                                         const OpenOptions& options);

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

    // Applies a signed bundle (snapshot or delta, docs/members.md "Bundle format"):
    //  1. the header: refused at once when signed by another key or when its sequence is a replay, a
    //     gap or a downgrade for this cache (nothing is hashed);
    //  2. verifyBundle(): one streaming pass, Ed25519ph over the whole content, truncation;
    //  3. one BEGIN IMMEDIATE transaction: the sequence re-checked under the write lock, the records
    //     streamed and applied (constant memory; read, hashed and decoded on a second thread), the
    //     content digest re-computed and compared with the verified one before COMMIT (a file changed
    //     between the passes is refused).
    // Any refusal or failure leaves the previous list in force, as does a crash at any moment (WAL).
    // The call holds this object's mutex for the whole apply: lookups that must keep answering use
    // another MemberCache on the same file (the sync service opens its own).
    [[nodiscard]] kiosk::Result<BundleApplyStats> applyBundle(const std::filesystem::path& bundle,
                                                              const PublisherKey& publisher);

    [[nodiscard]] kiosk::Result<CacheStats> stats() const;

    [[nodiscard]] const std::filesystem::path& file() const;

private:
    struct Impl;
    explicit MemberCache(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::members
