#include "app/members/member_cache.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <new>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "app/members/finger_pack.h"
#include "app/members/generations.h"
#include "app/members/mapped_vfs.h"
#include "app/members/member_cache_impl.h"
#include "app/members/program_pack.h"

namespace kiosk::members {

namespace {

// 'KMC1': marks the file as a kiosk member cache so a foreign SQLite file is refused, not migrated.
constexpr int kApplicationId = 0x4B4D4331;
constexpr int kBusyTimeoutMs = 5000;
// Page cache per connection (heap, counted in RSS): the kiosk has two (lookups, sync).
constexpr int kCacheKiB = 64 * 1024;
// The WAL a delta leaves is kept for the next to overwrite (sync/bundle_apply.cpp, RESTART): up to this
// much of it. A 100 000-change delta at 10 M members writes ~1.4 GB.
constexpr std::int64_t kWalKeepBytes = std::int64_t{2} << 30;
// Page size of a file this build creates, every snapshot's generation included (SQLite's default is 4096).
// A delta writes each page it changes into the WAL and again at the checkpoint, so its cost follows the
// page size; a snapshot (built without a WAL since generations) costs a little more CPU with smaller
// pages. Measured at 1 M members, generations built: against 16 KiB, 8 KiB leaves the snapshot's CPU within
// the runs' noise and saves a delta's 15-48 %; 4 KiB costs the snapshot 22-27 % and the file 9 %.
// docs/members.md, "Page size".
constexpr int kNewFilePageSize = 8192;

// SQLite keeps process-wide memory statistics behind one global mutex taken on every allocation, so the
// sync thread's apply and the UI thread's lookups contend on it; nothing in the kiosk reads them (no
// sqlite3_memory_used, no soft heap limit). Measured at 1 M members: a delta's applying thread -10-15 %
// CPU with a lookup thread running, the snapshot +6 % members per CPU second. sqlite3_config() is only
// allowed before SQLite initialises and while no other thread uses SQLite, hence a static initialiser
// (it runs before main(), in every program that links the member cache); if SQLite was somehow already
// initialised it returns SQLITE_MISUSE and nothing changes.
[[maybe_unused]] const bool kSqliteMemoryStatisticsOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
// The VFS that maps the whole file for the lookup connection (mapped_vfs.h). Registered here, after the
// line above (registering initialises SQLite, after which sqlite3_config is refused) and before main(),
// because it installs a hook in the unix VFS that no other thread may be using at that moment.
[[maybe_unused]] const bool kMappedVfsRegistered = detail::registerMappedVfs();

// Each entry takes the schema from version i to i+1; never edit a released entry, append a new one.
// Sizes matter at 20 million members: program names are interned, dates are day numbers, the
// lookup-key B-trees are WITHOUT ROWID so the 32-byte key is stored once.
constexpr std::string_view kMigrations[] = {
    R"sql(
CREATE TABLE schema_migrations(
  version INTEGER PRIMARY KEY,
  applied_unix INTEGER NOT NULL,
  description TEXT NOT NULL);
CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE imports(
  sequence INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('list', 'snapshot', 'delta')),
  created TEXT NOT NULL,
  imported_unix INTEGER NOT NULL,
  members INTEGER NOT NULL,
  documents INTEGER NOT NULL,
  fingers INTEGER NOT NULL,
  digest BLOB NOT NULL);
CREATE TABLE members(
  id INTEGER PRIMARY KEY,
  member_ref TEXT NOT NULL UNIQUE);
CREATE TABLE program_codes(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE);
CREATE TABLE programs(
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  program_id INTEGER NOT NULL REFERENCES program_codes(id),
  status INTEGER NOT NULL CHECK (status IN (0, 1, 2)),
  expires INTEGER NOT NULL,
  PRIMARY KEY (member_id, program_id)) WITHOUT ROWID;
CREATE TABLE documents(
  lookup_key BLOB PRIMARY KEY CHECK (length(lookup_key) = 32),
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE) WITHOUT ROWID;
CREATE INDEX documents_by_member ON documents(member_id);
CREATE TABLE sealed_fingers(
  id INTEGER PRIMARY KEY,
  lookup_key BLOB NOT NULL REFERENCES documents(lookup_key) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 10),
  quality INTEGER NOT NULL CHECK (quality BETWEEN 0 AND 100),
  nonce BLOB NOT NULL CHECK (length(nonce) = 24),
  ciphertext BLOB NOT NULL);
CREATE UNIQUE INDEX sealed_fingers_by_document ON sealed_fingers(lookup_key, position);
)sql",
    // v2: per-member flags; bit 0 = lookout (the vetting authority wants an officer to see the member).
    // DEFAULT 0 gives every member of a v1 file "no lookout", which is what a v1 list said.
    R"sql(
ALTER TABLE members ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;
)sql",
    // v3: member_ref's uniqueness moves from the inline UNIQUE (an autoindex, which SQLite cannot drop)
    // to a named index a snapshot can drop and rebuild by one sort, like the other secondary indexes:
    // filled record by record it takes every insert at a random place (~250 MB at 10 M members).
    // The table is rebuilt (sqlite.org/lang_altertable.html, "making other kinds of table schema
    // changes"); migrate() runs every migration with foreign keys off (else DROP TABLE would cascade
    // into programs and documents) and PRAGMA foreign_key_check before COMMIT. Row ids are kept, so
    // programs and documents still point at their member.
    R"sql(
CREATE TABLE members_v3(
  id INTEGER PRIMARY KEY,
  member_ref TEXT NOT NULL,
  flags INTEGER NOT NULL DEFAULT 0);
INSERT INTO members_v3(id, member_ref, flags) SELECT id, member_ref, flags FROM members ORDER BY id;
DROP TABLE members;
ALTER TABLE members_v3 RENAME TO members;
CREATE UNIQUE INDEX members_by_ref ON members(member_ref);
)sql",
    // v4: all of a document's sealed fingers packed into one blob on its row (finger_pack.h), and all of
    // a member's programs into one blob on the member's row (program_pack.h), so a lookup reads two rows
    // (document, member) and a snapshot writes ~40 % fewer B-tree entries. `documents` becomes a rowid table: a WITHOUT ROWID table keeps whole rows in its interior
    // pages, which ~700-byte rows would starve of fan-out; the 32-byte key is found through the named
    // unique index documents_by_key, which a snapshot rebuilds by one sort like the others. The
    // templates are not re-sealed (each keeps its nonce, tag and associated data); pack_fingers() is
    // registered by migrate() and refuses a row it cannot pack, which fails the migration and leaves the
    // file at v3; so does pack_programs(). Rows without their parent are refused before any migration
    // runs (migrate()'s first foreign_key_check), so dropping the child tables loses nothing reachable.
    R"sql(
CREATE TABLE documents_v4(
  id INTEGER PRIMARY KEY,
  lookup_key BLOB NOT NULL CHECK (length(lookup_key) = 32),
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  fingers BLOB NOT NULL CHECK (typeof(fingers) = 'blob'));
INSERT INTO documents_v4(lookup_key, member_id, fingers)
  SELECT d.lookup_key, d.member_id,
         (SELECT pack_fingers(f.position, f.quality, f.nonce, f.ciphertext) FROM sealed_fingers f
          WHERE f.lookup_key = d.lookup_key)
  FROM documents d ORDER BY d.lookup_key;
DROP TABLE sealed_fingers;
DROP TABLE documents;
ALTER TABLE documents_v4 RENAME TO documents;
CREATE UNIQUE INDEX documents_by_key ON documents(lookup_key);
CREATE INDEX documents_by_member ON documents(member_id);
ALTER TABLE members ADD COLUMN programs BLOB NOT NULL DEFAULT x'';
UPDATE members SET programs = coalesce(
  (SELECT pack_programs(p.program_id, p.status, p.expires) FROM programs p WHERE p.member_id = members.id), x'');
DROP TABLE programs;
)sql",
    // v5: the member's enrolment tag (member_crypto.h enrolmentTag, 16 bytes), so a delta's change that
    // keeps the enrolment (a status change) skips reading the member's documents. NULL means "not
    // known" (every member of an older file, and of a JSON list import): such a change reads the
    // documents as before and stores the tag. O(1), like v2: the default lives in the schema.
    R"sql(
ALTER TABLE members ADD COLUMN enrolment BLOB;
)sql",
};
constexpr std::string_view kMigrationNames[] = {"member cache v1: hashed documents, sealed templates",
                                                "member cache v2: member flags (bit 0 lookout)",
                                                "member cache v3: member_ref unique by a named index",
                                                "member cache v4: fingers packed on the document row, programs on the member row",
                                                "member cache v5: enrolment tag on the member row"};
static_assert(std::size(kMigrations) == std::size(kMigrationNames));
static_assert(std::size(kMigrations) == MemberCache::kSchemaVersion);

// The rows a packing aggregate collects, kept through SQLite's aggregate context (a pointer to a heap
// vector; finishPacked frees it in xFinal, which SQLite also calls when a statement stops early).
template <class Row>
std::vector<Row>* collectedRows(sqlite3_context* context) {
    auto** slot = static_cast<std::vector<Row>**>(sqlite3_aggregate_context(context, sizeof(void*)));
    if (slot == nullptr) return nullptr;
    if (*slot == nullptr) *slot = new std::vector<Row>();
    return *slot;
}

// xFinal of a packing aggregate: the collected rows packed by `pack` (an empty blob when there were
// none), or `refusal` as the statement's error when they cannot be packed.
template <class Row, class Pack>
void finishPacked(sqlite3_context* context, Pack pack, const char* refusal) {
    auto** slot = static_cast<std::vector<Row>**>(sqlite3_aggregate_context(context, 0));
    if (slot == nullptr || *slot == nullptr) return sqlite3_result_zeroblob(context, 0);
    const std::unique_ptr<std::vector<Row>> rows(*slot);
    *slot = nullptr;
    std::vector<std::uint8_t> packed;
    try {
        if (!pack(std::move(*rows), packed)) return sqlite3_result_error(context, refusal, -1);
    } catch (const std::bad_alloc&) {
        return sqlite3_result_error_nomem(context);
    }
    sqlite3_result_blob64(context, packed.data(), packed.size(), SQLITE_TRANSIENT);
}

// pack_fingers(position, quality, nonce, ciphertext): the aggregate migration v4 packs a document's
// sealed_fingers rows with, through the same packFingers() the bundle apply uses.
void packFingersStep(sqlite3_context* context, int, sqlite3_value** args) {
    try {
        auto* rows = collectedRows<detail::SealedFinger>(context);
        if (rows == nullptr) return sqlite3_result_error_nomem(context);
        const auto bytes = [&](int i) {
            const auto* data = static_cast<const std::uint8_t*>(sqlite3_value_blob(args[i]));
            return std::span<const std::uint8_t>(data, data ? static_cast<std::size_t>(sqlite3_value_bytes(args[i])) : 0);
        };
        detail::SealedFinger f;
        f.position = sqlite3_value_int(args[0]);
        f.quality = sqlite3_value_int(args[1]);
        const auto nonce = bytes(2);
        if (nonce.size() != f.nonce.size())
            return sqlite3_result_error(context, "a sealed finger row has a malformed nonce", -1);
        std::copy(nonce.begin(), nonce.end(), f.nonce.begin());
        const auto ciphertext = bytes(3);
        f.ciphertext.assign(ciphertext.begin(), ciphertext.end());
        rows->push_back(std::move(f));
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(context);
    }
}

void packFingersFinal(sqlite3_context* context) {
    finishPacked<detail::SealedFinger>(
        context,
        [](std::vector<detail::SealedFinger> fingers, std::vector<std::uint8_t>& out) {
            return detail::packFingers(fingers, out);
        },
        "a document's sealed finger rows cannot be packed (a position repeated or out of range)");
}

// pack_programs(program_id, status, expires): the aggregate migration v4 packs a member's programs rows
// with, through the same packPrograms() the imports use.
void packProgramsStep(sqlite3_context* context, int, sqlite3_value** args) {
    try {
        auto* rows = collectedRows<detail::PackedProgram>(context);
        if (rows == nullptr) return sqlite3_result_error_nomem(context);
        const auto expires = sqlite3_value_int64(args[2]);
        if (expires < INT32_MIN || expires > INT32_MAX)
            return sqlite3_result_error(context, "a program row's expiry is out of range", -1);
        rows->push_back({sqlite3_value_int64(args[0]), sqlite3_value_int(args[1]), static_cast<std::int32_t>(expires)});
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(context);
    }
}

void packProgramsFinal(sqlite3_context* context) {
    finishPacked<detail::PackedProgram>(
        context,
        [](std::vector<detail::PackedProgram> programs, std::vector<std::uint8_t>& out) {
            return detail::packPrograms(std::move(programs), out);
        },
        "a member's program rows cannot be packed (out of range)");
}

}  // namespace

kiosk::Result<void> MemberCache::Impl::configure() {
    const auto integrity = options.integrity;
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    // The first read of the header: a garbage file fails here with SQLITE_NOTADB.
    auto appId = scalarInt("PRAGMA application_id", "cannot read the database header");
    if (!appId) return std::unexpected(appId.error());
    auto version = scalarInt("PRAGMA user_version", "cannot read the schema version");
    if (!version) return std::unexpected(version.error());
    if (*appId != 0 && *appId != kApplicationId)
        return fail(Error::Code::Database, "an SQLite database of another application, not a member cache", where);
    if (*appId == 0) {
        auto tables = scalarInt("SELECT count(*) FROM sqlite_schema", "cannot read the schema");
        if (!tables) return std::unexpected(tables.error());
        if (*tables != 0)
            return fail(Error::Code::Database, "an SQLite database with foreign tables, not a member cache", where);
        // A new file: the page size can still be chosen (it is fixed when the first table is created;
        // an existing file keeps its own).
        if (auto r = exec("PRAGMA page_size=" + std::to_string(kNewFilePageSize), "cannot set the page size"); !r)
            return r;
    }
    if (*version > kSchemaVersion)
        return fail(Error::Code::Unsupported,
                    "schema version " + std::to_string(*version) + " is newer than this build knows (" +
                        std::to_string(kSchemaVersion) + ")",
                    where);

    auto mode = scalar("PRAGMA journal_mode=WAL", "cannot switch to WAL");
    if (!mode) return std::unexpected(mode.error());
    if (*mode != "wal")
        return fail(Error::Code::Database, "cannot switch to WAL (journal mode stays " + *mode + ")", where);
    // NORMAL is safe with WAL: a power cut may lose the last import, never the file's consistency,
    // and the next sync brings the import back.
    // secure_delete zeroes freed pages, so a replaced list leaves no hashes of former members behind.
    // cache_size: SQLite's default 2 MB cache holds only a fraction of the B-tree interior pages once
    // the file passes ~100 000 members, so every lookup re-read them through pread and every bundle
    // apply spilled dirty pages to the WAL mid-transaction. kCacheKiB bounds each connection's share.
    // journal_size_limit: what of the WAL stays on disk after a checkpoint resets it (kWalKeepBytes).
    if (auto r = exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; "
                      "PRAGMA cache_size=-" + std::to_string(kCacheKiB) + "; PRAGMA journal_size_limit=" +
                          std::to_string(kWalKeepBytes) + ";",
                      "cannot configure the connection");
        !r)
        return r;
    if (options.mmapBytes > 0)
        if (auto r = exec("PRAGMA mmap_size=" + std::to_string(options.mmapBytes), "cannot configure the memory map"); !r)
            return r;
    auto fk = scalarInt("PRAGMA foreign_keys", "cannot read foreign_keys");
    if (!fk) return std::unexpected(fk.error());
    if (*fk != 1) return fail(Error::Code::Database, "foreign keys cannot be enabled", where);

    if (integrity == OpenOptions::Integrity::None) return {};
    // integrity_check reports up to 100 problems, one per row; the first is enough to say why.
    auto check = scalar(integrity == OpenOptions::Integrity::Full ? "PRAGMA integrity_check" : "PRAGMA quick_check",
                        "integrity check failed");
    if (!check) return std::unexpected(check.error());
    if (*check != "ok") {
        std::replace(check->begin(), check->end(), '\n', ' ');  // one line in the technician's log
        return fail(Error::Code::Database, "integrity check failed: " + *check, where, SQLITE_CORRUPT);
    }
    return {};
}

kiosk::Result<void> MemberCache::Impl::migrate() {
    // A file at this build's version needs nothing, and taking the write lock to find that out would
    // make a lookup connection that follows a new generation wait behind a delta's apply. A version
    // read outside the lock can only be older than the truth, never newer: the locked path re-reads it.
    auto version = scalarInt("PRAGMA user_version", "cannot read the schema version");
    if (!version) return std::unexpected(version.error());
    if (*version == kSchemaVersion) {
        schemaVersion = kSchemaVersion;
        return {};
    }
    // Foreign keys off for the migrations (a table rebuild drops the parent table; with them on, the
    // DROP would delete every child row). The pragma is a no-op inside a transaction, so it is set
    // before BEGIN, and foreign_key_check proves the result consistent before COMMIT.
    if (auto r = exec("PRAGMA foreign_keys=OFF", "cannot prepare the schema migration"); !r) return r;
    // DIRECTONLY: callable from the migration's own SQL, never from a schema object a damaged or
    // hostile file might define.
    if (sqlite3_create_function_v2(db, "pack_fingers", 4, SQLITE_UTF8 | SQLITE_DIRECTONLY, nullptr, nullptr,
                                   packFingersStep, packFingersFinal, nullptr) != SQLITE_OK ||
        sqlite3_create_function_v2(db, "pack_programs", 3, SQLITE_UTF8 | SQLITE_DIRECTONLY, nullptr, nullptr,
                                   packProgramsStep, packProgramsFinal, nullptr) != SQLITE_OK)
        return dbError("cannot prepare the schema migration");
    auto result = migrateWithoutForeignKeys();
    if (auto r = exec("PRAGMA foreign_keys=ON", "cannot re-enable foreign keys"); !r) return r;
    auto fk = scalarInt("PRAGMA foreign_keys", "cannot read foreign_keys");
    if (!fk) return std::unexpected(fk.error());
    if (*fk != 1) return fail(Error::Code::Database, "foreign keys cannot be enabled", where);
    return result;
}

kiosk::Result<void> MemberCache::Impl::migrateWithoutForeignKeys() {
    // IMMEDIATE takes the write lock first, so two processes opening a new file migrate it once.
    if (auto r = exec("BEGIN IMMEDIATE", "cannot start the schema migration"); !r) return r;
    auto result = [&]() -> kiosk::Result<void> {
        auto current = scalarInt("PRAGMA user_version", "cannot read the schema version");
        if (!current) return std::unexpected(current.error());
        // A file that already holds rows without their parent is refused before anything is migrated: a
        // migration that folds a child table into its parent (v4) would otherwise drop them unseen.
        // Both checks scan every child table (a minute or two at 10 M members), so they run only when a
        // migration that drops or rebuilds a table is among those to run: v5 and later only add columns.
        constexpr std::int64_t kLastTableRebuild = 4;
        const bool rebuilds = *current < kLastTableRebuild;
        if (*current > 0 && rebuilds) {
            auto orphan = scalar("PRAGMA foreign_key_check", "cannot check foreign keys before the migration");
            if (!orphan) return std::unexpected(orphan.error());
            if (!orphan->empty())
                return fail(Error::Code::Database,
                            "the file holds rows without their parent in table " + *orphan +
                                " (damaged); not migrated",
                            where);
        }
        for (auto v = *current; v < kSchemaVersion; ++v) {
            const auto i = static_cast<std::size_t>(v);
            if (auto r = exec(kMigrations[i], "schema migration to version " + std::to_string(v + 1)); !r)
                return r;
            const std::string record = "INSERT INTO schema_migrations(version, applied_unix, description) VALUES(" +
                                       std::to_string(v + 1) + ", " + std::to_string(nowUnix()) + ", '" +
                                       std::string(kMigrationNames[i]) + "'); PRAGMA user_version=" +
                                       std::to_string(v + 1) + "; PRAGMA application_id=" +
                                       std::to_string(kApplicationId) + ";";
            if (auto r = exec(record, "cannot record schema migration"); !r) return r;
        }
        if (*current >= kSchemaVersion || !rebuilds) return {};
        // One row per child row whose parent is missing; none may be left by a migration.
        auto orphan = scalar("PRAGMA foreign_key_check", "cannot check foreign keys after the migration");
        if (!orphan) return std::unexpected(orphan.error());
        if (!orphan->empty())
            return fail(Error::Code::Database,
                        "schema migration left rows without their parent in table " + *orphan, where);
        return {};
    }();
    if (!result) {
        (void)exec("ROLLBACK", "rollback");
        return result;
    }
    if (auto r = exec("COMMIT", "cannot commit the schema migration"); !r) return r;
    auto version = scalarInt("PRAGMA user_version", "cannot read the schema version");
    if (!version) return std::unexpected(version.error());
    schemaVersion = static_cast<int>(*version);
    return {};
}

kiosk::Result<void> MemberCache::Impl::prepareStatements() {
    const std::pair<Statement*, std::string_view> all[] = {
        {&begin, "BEGIN"},
        {&beginImmediate, "BEGIN IMMEDIATE"},
        {&commit, "COMMIT"},
        {&rollback, "ROLLBACK"},
        {&findDocument,
         "SELECT d.member_id, m.member_ref, m.flags, d.fingers, m.programs FROM documents d "
         "JOIN members m ON m.id = d.member_id WHERE d.lookup_key = ?1"},
        {&readCodes, "SELECT id, code FROM program_codes"},
        {&readMeta, "SELECT key, value FROM meta"},
    };
    for (const auto& [statement, sql] : all)
        if (statement->prepare(db, sql) != SQLITE_OK) return dbError("cannot prepare a statement");
    return {};
}

kiosk::Result<MemberCache> MemberCache::open(const std::filesystem::path& file, DeploymentKey key) {
    return open(file, std::move(key), OpenOptions{});
}

kiosk::Result<MemberCache> MemberCache::open(const std::filesystem::path& file, DeploymentKey key,
                                             const OpenOptions& options) {
    if (!detail::sodiumReady()) return fail(Error::Code::Crypto, "libsodium failed to initialise", file.string());
    if (!key.isValid())
        return fail(Error::Code::InvalidInput, "deployment key is empty (moved from)", file.string());
    auto impl = std::make_unique<Impl>(file, std::move(key));
    impl->options = options;
    if (auto r = impl->connect(); !r) return std::unexpected(r.error());
    return MemberCache(std::move(impl));
}

kiosk::Result<void> MemberCache::Impl::connect() {
    // A snapshot in another process may switch generations between reading the link and opening its
    // target, and then remove the target: a few attempts, each re-reading the link.
    constexpr int kAttempts = 4;
    for (int attempt = 1;; ++attempt) {
        disconnect();
        const std::string link = generations::linkText(file);
        const auto target = generations::resolve(file, link);
        // A generation is only ever created by its builder: opening one that was just removed must fail,
        // not create an empty list under its name.
        const int create = link.empty() ? SQLITE_OPEN_CREATE : 0;
        // Every connection goes through the mapped VFS (nullptr, SQLite's default, if it could not
        // register), mapped or not: it changes nothing but the read path of a connection with a map.
        const int rc = sqlite3_open_v2(target.c_str(), &db, SQLITE_OPEN_READWRITE | create | SQLITE_OPEN_NOMUTEX,
                                       detail::mappedVfsName());
        if (rc != SQLITE_OK && db == nullptr)
            return fail(Error::Code::Database, "out of memory opening the database", where, rc);
        kiosk::Result<void> opened =
            rc != SQLITE_OK ? kiosk::Result<void>(dbError("cannot open the member cache")) : configure();
        if (generations::linkText(file) != link && attempt < kAttempts) continue;  // switched meanwhile
        if (!opened) return opened;
        if (auto r = migrate(); !r) return r;
        if (auto r = prepareStatements(); !r) return r;
        generation = target;
        linkText = link;
        return {};
    }
}

kiosk::Result<void> MemberCache::Impl::followGeneration() {
    if (db != nullptr && generations::linkText(file) == linkText) return {};
    // The new generation was built and synced by its builder: the open checks its header and schema,
    // not its every page again.
    const auto integrity = options.integrity;
    options.integrity = OpenOptions::Integrity::None;
    auto r = connect();
    options.integrity = integrity;
    return r;
}

kiosk::Result<void> MemberCache::Impl::beginOnCurrentGeneration(WriteTransaction& transaction, const std::string& what) {
    constexpr int kAttempts = 4;
    for (int attempt = 1;; ++attempt) {
        if (auto r = followGeneration(); !r) return r;
        if (auto r = transaction.begin(what); !r) return r;
        if (generations::linkText(file) == linkText) return {};
        transaction.abandon();
        if (attempt == kAttempts)
            return fail(Error::Code::Database, what + ": the list was replaced repeatedly meanwhile; try again", where);
    }
}

kiosk::Result<std::unique_ptr<MemberCache::Impl>> MemberCache::Impl::createGeneration(
    const std::filesystem::path& file, const std::filesystem::path& generation, const DeploymentKey& key) {
    auto impl = std::make_unique<Impl>(file, DeploymentKey::fromBytes(key.bytes()));
    impl->where = generation.string();
    const int rc = sqlite3_open_v2(generation.c_str(), &impl->db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   detail::mappedVfsName());
    if (rc != SQLITE_OK) {
        if (impl->db == nullptr) return fail(Error::Code::Database, "out of memory creating a generation", impl->where, rc);
        return impl->dbError("cannot create the new generation");
    }
    sqlite3_extended_result_codes(impl->db, 1);
    // journal_mode=OFF: pages are written once, straight into the file (a WAL would take each twice,
    // and a checkpoint). secure_delete is off: a new file has nothing to forget.
    if (auto r = impl->exec("PRAGMA page_size=" + std::to_string(kNewFilePageSize) +
                                "; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA secure_delete=OFF; "
                                "PRAGMA cache_size=-" + std::to_string(kCacheKiB) + ";",
                            "cannot configure the new generation");
        !r)
        return std::unexpected(r.error());
    if (auto r = impl->migrate(); !r) return std::unexpected(r.error());
    // migrate() leaves foreign keys on. A snapshot's rows reference only rows the same loop has just
    // inserted (a member before its documents), so the per-row parent lookups would prove nothing the
    // loop does not guarantee (+10 % members per CPU second at 1 M, measured through the WAL).
    if (auto r = impl->exec("PRAGMA foreign_keys=OFF", "cannot configure the new generation"); !r)
        return std::unexpected(r.error());
    if (auto r = impl->prepareStatements(); !r) return std::unexpected(r.error());
    impl->generation = generation;
    return impl;
}

MemberCache::MemberCache(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MemberCache::MemberCache(MemberCache&&) noexcept = default;
MemberCache& MemberCache::operator=(MemberCache&&) noexcept = default;
MemberCache::~MemberCache() = default;

const std::filesystem::path& MemberCache::file() const {
    static const std::filesystem::path none;
    return impl_ ? impl_->file : none;
}

kiosk::Result<std::optional<MemberRecord>> MemberCache::lookup(const DocumentKey& document) const {
    if (!impl_) return fail(Error::Code::Internal, "member cache used after move");
    std::lock_guard lock(impl_->mutex);
    if (auto r = impl_->followGeneration(); !r) return std::unexpected(r.error());
    return impl_->lookupLocked(document);
}

kiosk::Result<std::optional<MemberRecord>> MemberCache::Impl::lookupLocked(const DocumentKey& document) {
    auto canonical = canonicalDocument(document);
    if (!canonical) return std::unexpected(canonical.error());
    struct WipeOnExit {
        std::string& text;
        ~WipeOnExit() { detail::wipe(text.data(), text.size()); }
    } wipeCanonical{*canonical};
    detail::LookupKey lookupKey{};
    detail::deriveLookupKey(key, *canonical, lookupKey);

    // One read transaction: another process importing cannot show us half of two lists.
    if (auto r = step(begin, "cannot start a read transaction"); !r) return std::unexpected(r.error());
    struct End {
        Impl& self;
        ~End() { (void)self.step(self.commit, "cannot end the read transaction"); }
    } end{*this};

    MemberRecord record;
    std::vector<detail::PackedProgram> programs;
    {
        Use q(findDocument);
        sqlite3_bind_blob(*q, 1, lookupKey.data(), static_cast<int>(lookupKey.size()), SQLITE_STATIC);
        const int rc = sqlite3_step(*q);
        if (rc == SQLITE_DONE) return std::optional<MemberRecord>{};
        if (rc != SQLITE_ROW) return dbError("member lookup failed");
        record.memberId = text(*q, 1);
        const std::int64_t flags = sqlite3_column_int64(*q, 2);
        if ((flags & ~detail::kMemberFlagsKnown) != 0)
            return fail(Error::Code::Database, "member flags out of range", where, SQLITE_CORRUPT);
        record.lookout = (flags & detail::kMemberFlagLookout) != 0;
        if (!detail::unpackPrograms(blob(*q, 4), programs))
            return fail(Error::Code::Database, "a member's programs are malformed (damaged row)", where,
                        SQLITE_CORRUPT);
        // The templates are opened straight from the row (the blob is valid until the statement resets).
        std::vector<detail::PackedFingerView> sealed;
        if (!detail::unpackFingers(blob(*q, 3), sealed))
            return fail(Error::Code::Database, "a document's sealed fingers are malformed (damaged row)", where,
                        SQLITE_CORRUPT);
        detail::SealKey sealKey;
        if (!sealed.empty()) detail::deriveSealKey(key, *canonical, sealKey);
        for (const auto& f : sealed) {
            EnrolledFinger finger;
            finger.position = static_cast<FingerPosition>(f.position);
            finger.quality = f.quality;
            if (!detail::openTemplate(sealKey, lookupKey, f.position, f.quality, f.nonce, f.ciphertext,
                                      finger.isoTemplate))
                return fail(Error::Code::Crypto,
                            "a sealed template does not authenticate (tampered or corrupt row)", where);
            record.fingers.push_back(std::move(finger));
        }
    }
    for (const auto& p : programs) {
        auto code = codeName(p.codeId);
        if (!code) return std::unexpected(code.error());
        record.programs.push_back(ProgramMembership{*code, static_cast<ProgramStatus>(p.status),
                                                    CalendarDate::fromDaysSinceEpoch(p.expiresDays)});
    }
    // In program code order, as the programs table's join returned them before v4.
    std::sort(record.programs.begin(), record.programs.end(),
              [](const ProgramMembership& a, const ProgramMembership& b) { return a.program < b.program; });
    return std::optional<MemberRecord>{std::move(record)};
}

kiosk::Result<void> MemberCache::Impl::readCodeIds(std::unordered_map<std::string, std::int64_t>& codes) {
    codes.clear();
    Use q(readCodes);
    int rc;
    while ((rc = sqlite3_step(*q)) == SQLITE_ROW) codes.emplace(text(*q, 1), sqlite3_column_int64(*q, 0));
    if (rc != SQLITE_DONE) return dbError("cannot read the program codes");
    return {};
}

kiosk::Result<std::int64_t> MemberCache::Impl::internCode(const std::string& code,
                                                          std::unordered_map<std::string, std::int64_t>& codes,
                                                          const Statement& insertCode) {
    if (const auto it = codes.find(code); it != codes.end()) return it->second;
    Use q(insertCode);
    sqlite3_bind_text(*q, 1, code.data(), static_cast<int>(code.size()), SQLITE_STATIC);
    if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot add a program code");
    return codes.emplace(code, sqlite3_last_insert_rowid(db)).first->second;
}

kiosk::Result<std::string> MemberCache::Impl::codeName(std::int64_t id) {
    auto it = codeNames.find(id);
    if (it == codeNames.end()) {
        // A code this connection has not seen yet (another connection's import added it): read them
        // again. Ids are never reused for another code (program_pack.h), so what is cached stays true.
        Use q(readCodes);
        int rc;
        while ((rc = sqlite3_step(*q)) == SQLITE_ROW) codeNames.insert_or_assign(sqlite3_column_int64(*q, 0), text(*q, 1));
        if (rc != SQLITE_DONE) return dbError("cannot read the program codes");
        it = codeNames.find(id);
        if (it == codeNames.end())
            return fail(Error::Code::Database, "a member's program code is missing (damaged file)", where, SQLITE_CORRUPT);
    }
    return it->second;
}

kiosk::Result<ImportStats> MemberCache::importMemberList(const std::filesystem::path& jsonFile) {
    if (!impl_) return fail(Error::Code::Internal, "member cache used after move");
    std::lock_guard lock(impl_->mutex);
    // Everything is parsed and validated before the database is touched; the transaction then makes
    // the replacement atomic against crashes and other readers.
    auto list = detail::readMemberList(jsonFile, impl_->key);
    if (!list) return std::unexpected(list.error());
    return impl_->replaceContents(*list);  // in place, in the current generation (a small list)
}

kiosk::Result<ImportStats> MemberCache::Impl::replaceContents(const detail::MemberList& list) {
    WriteTransaction transaction(*this);
    if (auto r = beginOnCurrentGeneration(transaction, "cannot start the import transaction"); !r)
        return std::unexpected(r.error());

    // Inside the write lock, so a concurrent importer cannot slip an older list past the check.
    auto current = scalarInt("SELECT coalesce((SELECT value FROM meta WHERE key = 'sequence'), 0)",
                             "cannot read the current sequence");
    if (!current) return std::unexpected(current.error());
    if (list.sequence < *current)
        return fail(Error::Code::InvalidInput,
                    "member list sequence " + std::to_string(list.sequence) + " is older than the cache's " +
                        std::to_string(*current),
                    where + " (import)");

    // Children first so no foreign-key cascade has to run row by row. program_codes stays: its ids are
    // packed into member rows and cached by lookup connections, so they are never renumbered.
    if (auto r = exec("DELETE FROM documents; DELETE FROM members;", "cannot clear the previous member list"); !r)
        return std::unexpected(r.error());

    Statement insertCode, insertMember, insertDocument, setMeta, logImport;
    const std::pair<Statement*, std::string_view> all[] = {
        {&insertCode, kInsertProgramCode},
        {&insertMember, "INSERT INTO members(id, member_ref, flags, programs) VALUES(?1, ?2, ?3, ?4)"},
        {&insertDocument, "INSERT INTO documents(lookup_key, member_id, fingers) VALUES(?1, ?2, ?3)"},
        {&setMeta, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)"},
        {&logImport,
         "INSERT INTO imports(sequence, kind, created, imported_unix, members, documents, fingers, digest) "
         "VALUES(?1, 'list', ?2, ?3, ?4, ?5, ?6, ?7)"},
    };
    for (const auto& [statement, sql] : all)
        if (statement->prepare(db, sql, 0) != SQLITE_OK) return dbError("cannot prepare the import");

    std::unordered_map<std::string, std::int64_t> codes;
    if (auto r = readCodeIds(codes); !r) return std::unexpected(r.error());
    std::vector<detail::PackedProgram> programs;
    std::vector<std::uint8_t> packedPrograms;
    for (std::size_t i = 0; i < list.members.size(); ++i) {
        const auto& m = list.members[i];
        programs.clear();
        for (const auto& p : m.programs) {
            auto id = internCode(p.program, codes, insertCode);
            if (!id) return std::unexpected(id.error());
            programs.push_back({*id, static_cast<int>(p.status), static_cast<std::int32_t>(p.expires.daysSinceEpoch())});
        }
        if (!detail::packPrograms(programs, packedPrograms))  // readMemberList already refused repeats
            return fail(Error::Code::InvalidInput, "a member's programs cannot be stored", where + " (import)");
        Use q(insertMember);
        sqlite3_bind_int64(*q, 1, static_cast<std::int64_t>(i + 1));
        sqlite3_bind_text(*q, 2, m.memberRef.data(), static_cast<int>(m.memberRef.size()), SQLITE_STATIC);
        sqlite3_bind_int64(*q, 3, detail::memberFlags(m.lookout));
        bindBytes(*q, 4, packedPrograms);
        if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot import a member");
    }

    // Documents arrive sorted by lookup key, so the table and its key index grow at their right edge.
    std::vector<detail::PlainFinger> plain;
    std::vector<detail::SealedFinger> sealed;
    std::vector<std::uint8_t> packed;
    for (const auto& d : list.documents) {
        plain.clear();
        for (const auto& f : list.members[d.member].fingers) plain.push_back({f.position, f.quality, f.isoTemplate});
        detail::sealFingers(d.sealKey, d.lookupKey, plain, sealed);  // the one sealing definition
        if (!detail::packFingers(sealed, packed))  // readMemberList already refused repeats and ranges
            return fail(Error::Code::InvalidInput, "a member's fingers cannot be stored (position repeated)",
                        where + " (import)");
        Use q(insertDocument);
        sqlite3_bind_blob(*q, 1, d.lookupKey.data(), static_cast<int>(d.lookupKey.size()), SQLITE_STATIC);
        sqlite3_bind_int64(*q, 2, static_cast<std::int64_t>(d.member) + 1);
        bindBytes(*q, 3, packed);
        if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot import a document");
    }

    const std::int64_t now = nowUnix();
    const std::pair<const char*, std::int64_t> meta[] = {
        {"sequence", list.sequence},
        {"last_import_unix", now},
        {"member_count", static_cast<std::int64_t>(list.members.size())},
        {"document_count", static_cast<std::int64_t>(list.documents.size())},
        {"finger_count", static_cast<std::int64_t>(list.fingers)},
    };
    for (const auto& [name, value] : meta) {
        Use q(setMeta);
        sqlite3_bind_text(*q, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(*q, 2, value);
        if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot record the import");
    }
    {
        Use q(setMeta);
        sqlite3_bind_text(*q, 1, "list_created", -1, SQLITE_STATIC);
        sqlite3_bind_text(*q, 2, list.created.data(), static_cast<int>(list.created.size()), SQLITE_STATIC);
        if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot record the import");
    }
    {
        Use q(logImport);
        sqlite3_bind_int64(*q, 1, list.sequence);
        sqlite3_bind_text(*q, 2, list.created.data(), static_cast<int>(list.created.size()), SQLITE_STATIC);
        sqlite3_bind_int64(*q, 3, now);
        sqlite3_bind_int64(*q, 4, static_cast<std::int64_t>(list.members.size()));
        sqlite3_bind_int64(*q, 5, static_cast<std::int64_t>(list.documents.size()));
        sqlite3_bind_int64(*q, 6, static_cast<std::int64_t>(list.fingers));
        sqlite3_bind_blob(*q, 7, list.digest.data(), static_cast<int>(list.digest.size()), SQLITE_STATIC);
        if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot record the import");
    }
    if (auto r = transaction.commit("cannot commit the import"); !r) return std::unexpected(r.error());
    // Fold the import into the main file now rather than on some later lookup; a busy reader only
    // delays this, it is not an error.
    (void)exec("PRAGMA wal_checkpoint(TRUNCATE)", "checkpoint");
    return ImportStats{list.members.size(), list.documents.size(), list.fingers, list.sequence};
}

kiosk::Result<CacheStats> MemberCache::stats() const {
    if (!impl_) return fail(Error::Code::Internal, "member cache used after move");
    std::lock_guard lock(impl_->mutex);
    if (auto r = impl_->followGeneration(); !r) return std::unexpected(r.error());
    // Counts are kept in meta by each import: O(1) at 20 million members, where count(*) is not.
    CacheStats s;
    s.schemaVersion = impl_->schemaVersion;
    Use q(impl_->readMeta);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(*q)) == SQLITE_ROW) {
        const std::string name = text(*q, 0);
        const std::int64_t value = sqlite3_column_int64(*q, 1);
        if (name == "member_count") s.members = static_cast<std::size_t>(value);
        else if (name == "document_count") s.documents = static_cast<std::size_t>(value);
        else if (name == "finger_count") s.fingers = static_cast<std::size_t>(value);
        else if (name == "sequence") s.sequence = value;
        else if (name == "last_import_unix") s.lastSyncUnixSeconds = value;
    }
    if (rc != SQLITE_DONE) return impl_->dbError("cannot read the cache statistics");
    return s;
}

}  // namespace kiosk::members
