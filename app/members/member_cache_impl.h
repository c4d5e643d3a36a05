#pragma once
// Internal: the member cache's connection state, shared by member_cache.cpp (open, lookup, JSON
// import) and sync/bundle_apply.cpp (signed bundles). Only .cpp files of kiosk_members include it.
#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "app/members/member_cache.h"
#include "app/members/member_crypto.h"
#include "app/members/member_list.h"

namespace kiosk::members {
namespace detail {
class BundleRecordReader;

// members.flags (schema v2): bit 0 = lookout. Other bits are not defined and never written.
inline constexpr std::int64_t kMemberFlagLookout = 1;
inline constexpr std::int64_t kMemberFlagsKnown = kMemberFlagLookout;
inline std::int64_t memberFlags(bool lookout) { return lookout ? kMemberFlagLookout : 0; }

inline std::int64_t nowUnix() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A prepared statement owned for the connection's lifetime.
class Statement {
public:
    Statement() = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
    Statement& operator=(Statement&& o) noexcept {
        std::swap(s_, o.s_);
        return *this;
    }
    ~Statement() { sqlite3_finalize(s_); }
    int prepare(sqlite3* db, std::string_view sql, unsigned flags = SQLITE_PREPARE_PERSISTENT) {
        sqlite3_finalize(s_);
        s_ = nullptr;
        return sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), flags, &s_, nullptr);
    }
    [[nodiscard]] sqlite3_stmt* get() const { return s_; }

private:
    sqlite3_stmt* s_ = nullptr;
};

// Resets a statement (releasing its read lock and bindings) however the caller leaves.
class Use {
public:
    explicit Use(const Statement& s) : s_(s.get()) {}
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    ~Use() {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }
    sqlite3_stmt* operator*() const { return s_; }

private:
    sqlite3_stmt* s_;
};

inline std::span<const std::uint8_t> blob(sqlite3_stmt* s, int column) {
    const void* data = sqlite3_column_blob(s, column);
    const int size = sqlite3_column_bytes(s, column);
    if (data == nullptr || size <= 0) return {};
    return {static_cast<const std::uint8_t*>(data), static_cast<std::size_t>(size)};
}

// Binds bytes as a BLOB, an empty one included (sqlite3_bind_blob binds NULL for a null pointer, which
// a NOT NULL blob column refuses: a document without fingers has an empty packed blob).
inline int bindBytes(sqlite3_stmt* s, int parameter, std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) return sqlite3_bind_zeroblob(s, parameter, 0);
    return sqlite3_bind_blob64(s, parameter, bytes.data(), bytes.size(), SQLITE_STATIC);
}

inline std::string text(sqlite3_stmt* s, int column) {
    const auto* data = sqlite3_column_text(s, column);
    return data ? std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(sqlite3_column_bytes(s, column)))
                : std::string();
}

}  // namespace detail

using detail::bindBytes;
using detail::blob;
using detail::nowUnix;
using detail::Statement;
using detail::text;
using detail::Use;

inline constexpr std::string_view kInsertProgramCode = "INSERT INTO program_codes(code) VALUES(?1)";

struct MemberCache::Impl {
    std::filesystem::path file;        // the cache's path (a link to the current generation, or the file)
    std::filesystem::path generation;  // the file this connection holds (generations.h)
    std::string linkText;              // the link's text when the connection opened; empty for a plain file
    std::string where;  // the file's name for error contexts
    sqlite3* db = nullptr;
    DeploymentKey key;
    OpenOptions options;
    int schemaVersion = 0;
    mutable std::mutex mutex;

    Statement begin, beginImmediate, commit, rollback;
    Statement findDocument, readCodes, readMeta;
    // program_codes.id -> code, filled on demand by codeName() (ids are never reused, program_pack.h).
    std::unordered_map<std::int64_t, std::string> codeNames;

    Impl(std::filesystem::path f, DeploymentKey k) : file(std::move(f)), where(file.string()), key(std::move(k)) {}
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() { disconnect(); }

    void disconnect() {
        // Statements first: sqlite3_close_v2 would otherwise defer the close until they are finalised.
        begin = {}, beginImmediate = {}, commit = {}, rollback = {};
        findDocument = {}, readCodes = {}, readMeta = {};
        codeNames.clear();
        sqlite3_close_v2(db);
        db = nullptr;
    }

    [[nodiscard]] std::unexpected<Error> dbError(const std::string& what) const {
        const int code = sqlite3_extended_errcode(db);
        std::string message = what + ": " + sqlite3_errmsg(db);
        if ((code & 0xff) == SQLITE_NOTADB)
            message = what + ": not an SQLite database (corrupt, encrypted or a different kind of file)";
        else if ((code & 0xff) == SQLITE_CORRUPT)
            message = what + ": the database is corrupt (" + sqlite3_errmsg(db) + ")";
        return fail(Error::Code::Database, std::move(message), where, code);
    }

    kiosk::Result<void> exec(std::string_view sql, const std::string& what) {
        char* err = nullptr;
        const std::string s(sql);
        if (sqlite3_exec(db, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            sqlite3_free(err);
            return dbError(what);
        }
        return {};
    }

    // Runs a statement returning one row with one column (PRAGMAs), as text.
    kiosk::Result<std::string> scalar(std::string_view sql, const std::string& what) {
        Statement s;
        if (s.prepare(db, sql, 0) != SQLITE_OK) return dbError(what);
        const int rc = sqlite3_step(s.get());
        if (rc == SQLITE_ROW) return text(s.get(), 0);
        if (rc == SQLITE_DONE) return std::string();
        return dbError(what);
    }

    kiosk::Result<std::int64_t> scalarInt(std::string_view sql, const std::string& what) {
        auto t = scalar(sql, what);
        if (!t) return std::unexpected(t.error());
        return t->empty() ? 0 : std::stoll(*t);
    }

    kiosk::Result<void> step(const Statement& s, const std::string& what) {
        Use u(s);
        const int rc = sqlite3_step(*u);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) return dbError(what);
        return {};
    }

    // One write transaction (BEGIN IMMEDIATE) that rolls back when it leaves scope uncommitted, on any
    // error return: the previous contents stay whole.
    class WriteTransaction {
    public:
        explicit WriteTransaction(Impl& impl) : impl_(impl) {}
        WriteTransaction(const WriteTransaction&) = delete;
        WriteTransaction& operator=(const WriteTransaction&) = delete;
        ~WriteTransaction() { abandon(); }
        // Rolls back now (a transaction that only held the write lock, or one to retry).
        void abandon() {
            if (open_) (void)impl_.step(impl_.rollback, "rollback");
            open_ = false;
        }
        [[nodiscard]] kiosk::Result<void> begin(const std::string& what) {
            auto r = impl_.step(impl_.beginImmediate, what);
            open_ = r.has_value();
            return r;
        }
        [[nodiscard]] kiosk::Result<void> commit(const std::string& what) {
            auto r = impl_.step(impl_.commit, what);
            if (r) open_ = false;
            return r;
        }

    private:
        Impl& impl_;
        bool open_ = false;
    };

    // Opens the cache's current generation (open() and followGeneration()): configure, migrate, prepare.
    kiosk::Result<void> connect();
    // Moves this connection to the cache's current generation when a snapshot switched it (one readlink
    // when it did not). Every public call starts with it, so no call is served from a replaced list.
    kiosk::Result<void> followGeneration();
    // BEGIN IMMEDIATE on the current generation: if another connection switched generations while this
    // one waited for the lock, it moves there and takes the lock again (a write to a replaced generation
    // would be lost).
    kiosk::Result<void> beginOnCurrentGeneration(WriteTransaction& transaction, const std::string& what);
    kiosk::Result<void> configure();  // with `options`
    kiosk::Result<void> migrate();
    kiosk::Result<void> migrateWithoutForeignKeys();  // migrate()'s body, with foreign keys off
    kiosk::Result<void> prepareStatements();
    kiosk::Result<std::optional<MemberRecord>> lookupLocked(const DocumentKey& document);
    // The code of a program code id (see codeNames); Database error when the file lacks it.
    kiosk::Result<std::string> codeName(std::int64_t id);
    // Every program code of the file, code -> id (for an import).
    kiosk::Result<void> readCodeIds(std::unordered_map<std::string, std::int64_t>& codes);
    // The id of `code`, added to program_codes (with kInsertProgramCode) when the file lacks it. Codes are
    // only ever added: their ids are packed into member rows (program_pack.h).
    kiosk::Result<std::int64_t> internCode(const std::string& code, std::unordered_map<std::string, std::int64_t>& codes,
                                           const Statement& insertCode);
    kiosk::Result<ImportStats> replaceContents(const detail::MemberList& list);
    // sync/bundle_apply.cpp: the second pass over a bundle whose signature was verified.
    kiosk::Result<BundleApplyStats> applyBundleLocked(const std::filesystem::path& bundle,
                                                      const PublisherKey& publisher);
    // sync/bundle_apply.cpp: a snapshot's records written into a new generation file (the builder is
    // an Impl of its own on that file), then the switch. Called with this connection's write lock held.
    kiosk::Result<void> buildGeneration(detail::BundleRecordReader& reader, const VerifiedBundle& verified,
                                        const PublisherKey& publisher, BundleApplyStats& stats,
                                        const std::string& context);
    // Members, documents and distinct finger positions, kept current through a bundle's records.
    struct RecordCounts {
        std::int64_t members = 0, documents = 0, fingers = 0;
    };
    // The records of a bundle applied inside this connection's open transaction, the content digest
    // compared, a snapshot's indexes rebuilt, `meta` and `imports` written (no COMMIT).
    kiosk::Result<void> writeBundle(detail::BundleRecordReader& reader, const VerifiedBundle& verified,
                                    const PublisherKey& publisher, RecordCounts& counts, BundleApplyStats& stats,
                                    const std::string& context);
    // sync/bundle_apply.cpp: before a delta, truncates a WAL kept from the last one (RESTART) unless the
    // page cache holds almost all of it (docs/members.md, "The WAL between deltas").
    void truncateWalIfNotCached();
    // A new generation's connection: the schema created, no journal (nothing to roll back into: a build
    // that fails is deleted), no sync until the builder syncs the finished file once.
    static kiosk::Result<std::unique_ptr<Impl>> createGeneration(const std::filesystem::path& file,
                                                                 const std::filesystem::path& generation,
                                                                 const DeploymentKey& key);
};



}  // namespace kiosk::members
