// The writer: one connection, one mutex, one SQLite segment open at a time.
#include "app/audit/audit_log.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>

#include "app/audit/audit_internal.h"

namespace kiosk::audit {

using namespace detail;

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE records(
  seq INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  txn TEXT NOT NULL,
  step TEXT NOT NULL,
  outcome TEXT NOT NULL,
  details TEXT NOT NULL,
  prev BLOB NOT NULL,
  hash BLOB NOT NULL);
CREATE INDEX records_by_txn ON records(txn) WHERE txn != '';
CREATE TABLE heads(
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  last_hash BLOB NOT NULL,
  signed_at TEXT NOT NULL,
  public_key BLOB NOT NULL,
  signature BLOB NOT NULL);
)sql";

// A rename is durable only once its directory is synced.
void syncDirectory(const std::filesystem::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

void removeDbFiles(const std::filesystem::path& file) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(file.string() + suffix, ec);
}

Result<void> bindText(sqlite3_stmt* st, int index, const std::string& text) {
    sqlite3_bind_text(st, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return {};
}

}  // namespace

struct AuditLog::Impl {
    std::filesystem::path folder;
    AuditOptions options;
    std::array<std::uint8_t, kSecretKeyBytes> secret{};
    mutable std::mutex mutex;

    Db db;  // the current (last) segment; empty until the first append creates one
    SegmentName current;
    SegmentMeta currentMeta;
    std::int64_t recordsInCurrent = 0;
    std::int64_t lastSeq = 0;
    Hash lastHash{};
    std::optional<std::int64_t> lastTimeMs;
    std::int64_t lastSealedSeq = -1;
    bool closed = false;

    ~Impl() { sodium_memzero(secret.data(), secret.size()); }

    [[nodiscard]] std::chrono::system_clock::time_point now() const {
        return options.clock ? options.clock() : std::chrono::system_clock::now();
    }
    [[nodiscard]] std::string ctx() const { return current.fileName(); }

    Result<void> configureWriter(sqlite3* handle, const std::string& context) {
        // WAL + FULL: a record is on disk (WAL synced) when append returns, even across power loss.
        if (auto r = exec(handle, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", context); !r) return r;
        if (options.testMaxPageCount > 0) {
            const std::string sql = "PRAGMA max_page_count=" + std::to_string(options.testMaxPageCount) + ";";
            if (auto r = exec(handle, sql.c_str(), context); !r) return r;
        }
        return {};
    }

    Result<void> openCurrent(const SegmentName& seg) {
        auto opened = openDb(seg.path, false);
        if (!opened) return std::unexpected(opened.error());
        if (auto r = configureWriter(opened->get(), seg.fileName()); !r) return r;
        auto meta = readMeta(opened->get(), seg.fileName());
        if (!meta) return std::unexpected(meta.error());
        db = std::move(*opened);
        current = seg;
        currentMeta = *meta;
        lastSeq = meta->anchorSeq;
        lastHash = meta->anchorHash;
        recordsInCurrent = 0;
        lastSealedSeq = -1;
        auto last = prepare(db.get(), "SELECT seq, hash, time, (SELECT count(*) FROM records) FROM records ORDER BY seq DESC LIMIT 1", ctx());
        if (!last) return std::unexpected(last.error());
        int rc = sqlite3_step(last->get());
        if (rc == SQLITE_ROW) {
            lastSeq = sqlite3_column_int64(last->get(), 0);
            if (!columnHash(last->get(), 1, lastHash))
                return fail(Error::Code::Database, "last record has no valid hash; run kioskctl audit verify", ctx());
            lastTimeMs = parseIsoTimeMs(columnText(last->get(), 2));
            recordsInCurrent = sqlite3_column_int64(last->get(), 3);
        } else if (rc != SQLITE_DONE) {
            return std::unexpected(sqliteError(db.get(), rc, ctx()));
        }
        auto heads = prepare(db.get(), "SELECT max(last_seq) FROM heads", ctx());
        if (!heads) return std::unexpected(heads.error());
        rc = sqlite3_step(heads->get());
        if (rc == SQLITE_ROW && sqlite3_column_type(heads->get(), 0) != SQLITE_NULL)
            lastSealedSeq = sqlite3_column_int64(heads->get(), 0);
        else if (recordsInCurrent == 0)
            lastSealedSeq = meta->anchorSeq;  // a segment exists only once its predecessor was sealed
        return {};
    }

    // Built under a temporary name and renamed: a kill mid-creation leaves only a .tmp to clean.
    Result<void> createSegment(const std::string& day, int part) {
        const std::string name = segmentFileName(day, part);
        const auto finalPath = folder / name;
        const auto tmpPath = folder / ("." + name + ".tmp");
        removeDbFiles(tmpPath);
        {
            auto opened = openDb(tmpPath, false);
            if (!opened) return std::unexpected(opened.error());
            sqlite3* h = opened->get();
            const std::string appId = "PRAGMA application_id=" + std::to_string(kApplicationId) + ";";
            auto r = configureWriter(h, name);
            if (r) r = exec(h, appId.c_str(), name);
            if (r) r = exec(h, "BEGIN", name);
            if (r) r = exec(h, kSchema, name);
            if (r) {
                auto st = prepare(h, "INSERT INTO meta(key, value) VALUES (?, ?)", name);
                if (!st) r = std::unexpected(st.error());
                auto put = [&](const char* key, auto bind) -> Result<void> {
                    sqlite3_reset(st->get());
                    sqlite3_bind_text(st->get(), 1, key, -1, SQLITE_STATIC);
                    bind(st->get());
                    const int rc = sqlite3_step(st->get());
                    if (rc != SQLITE_DONE) return std::unexpected(sqliteError(h, rc, name));
                    return {};
                };
                if (r) r = put("format", [](sqlite3_stmt* s) { sqlite3_bind_int(s, 2, kFormatVersion); });
                if (r) r = put("day", [&](sqlite3_stmt* s) { (void)bindText(s, 2, day); });
                if (r) r = put("kiosk", [&](sqlite3_stmt* s) { (void)bindText(s, 2, options.kioskId); });
                if (r) r = put("anchor_seq", [&](sqlite3_stmt* s) { sqlite3_bind_int64(s, 2, lastSeq); });
                if (r)
                    r = put("anchor_hash", [&](sqlite3_stmt* s) {
                        sqlite3_bind_blob(s, 2, lastHash.data(), static_cast<int>(lastHash.size()), SQLITE_TRANSIENT);
                    });
            }
            if (r) r = exec(h, "COMMIT", name);
            if (!r) {
                opened->reset();
                removeDbFiles(tmpPath);
                return r;
            }
        }  // closed: WAL checkpointed into the file and removed
        std::error_code ec;
        std::filesystem::rename(tmpPath, finalPath, ec);
        if (ec) {
            removeDbFiles(tmpPath);
            return fail(Error::Code::Io, "cannot create an audit segment: " + ec.message(), name, ec.value());
        }
        syncDirectory(folder);
        db.reset();
        return openCurrent(SegmentName{day, part, finalPath});
    }

    Result<void> sealLocked() {
        if (!db || lastSeq == 0 || lastSealedSeq == lastSeq) return {};
        HeadRow head;
        head.day = current.day;
        head.kioskId = options.kioskId;
        head.lastSeq = lastSeq;
        head.lastHash = lastHash;
        head.signedAt = isoTime(now());
        const auto message = headMessage(head);
        std::array<std::uint8_t, crypto_sign_BYTES> signature{};
        crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret.data());
        auto st = prepare(db.get(),
                          "INSERT INTO heads(day, kiosk, last_seq, last_hash, signed_at, public_key, signature) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)",
                          ctx());
        if (!st) return std::unexpected(st.error());
        sqlite3_stmt* s = st->get();
        (void)bindText(s, 1, head.day);
        (void)bindText(s, 2, head.kioskId);
        sqlite3_bind_int64(s, 3, head.lastSeq);
        sqlite3_bind_blob(s, 4, head.lastHash.data(), static_cast<int>(kHashBytes), SQLITE_TRANSIENT);
        (void)bindText(s, 5, head.signedAt);
        sqlite3_bind_blob(s, 6, secret.data() + 32, static_cast<int>(kPublicKeyBytes), SQLITE_TRANSIENT);
        sqlite3_bind_blob(s, 7, signature.data(), static_cast<int>(signature.size()), SQLITE_TRANSIENT);
        const int rc = sqlite3_step(s);
        if (rc != SQLITE_DONE) return std::unexpected(sqliteError(db.get(), rc, ctx()));
        lastSealedSeq = lastSeq;
        return {};
    }

    Result<std::int64_t> currentSizeBytes() {
        auto st = prepare(db.get(), "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", ctx());
        if (!st) return std::unexpected(st.error());
        const int rc = sqlite3_step(st->get());
        if (rc != SQLITE_ROW) return std::unexpected(sqliteError(db.get(), rc, ctx()));
        return sqlite3_column_int64(st->get(), 0);
    }

    // The day's segment for a record of `day`; a clock that went back keeps writing to the newest one.
    Result<void> segmentFor(const std::string& day) {
        if (!db) return createSegment(day, 0);
        if (day > current.day) {
            if (auto r = sealLocked(); !r) return r;
            return createSegment(day, 0);
        }
        if (recordsInCurrent > 0) {
            auto size = currentSizeBytes();
            if (!size) return std::unexpected(size.error());
            if (*size >= options.maxSegmentBytes) {
                if (auto r = sealLocked(); !r) return r;
                return createSegment(current.day, current.part + 1);
            }
        }
        return {};
    }

    Result<std::int64_t> appendLocked(const Entry& entry) {
        if (closed) return fail(Error::Code::Internal, "audit log is closed", folder.string());
        if (auto v = validateEntry(entry); !v) return std::unexpected(v.error());
        const auto when = now();
        const std::string time = isoTime(when);
        const auto ms = parseIsoTimeMs(time).value_or(0);
        Details details = entry.details;
        // Time is recorded as the clock says; seq stays the order. The flag tells the reader why.
        if (lastTimeMs && ms < *lastTimeMs) details.flag("clock_went_back", true);
        auto json = detailsJson(details);
        if (!json) return std::unexpected(json.error());
        if (auto r = segmentFor(dayOf(time)); !r) return std::unexpected(r.error());

        Record record{lastSeq + 1, time, options.kioskId, entry.transactionId, entry.step, entry.outcome, *json, {}};
        record.hash = recordHash(lastHash, record);
        auto st = prepare(db.get(),
                          "INSERT INTO records(seq, time, kiosk, txn, step, outcome, details, prev, hash) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          ctx());
        if (!st) return std::unexpected(st.error());
        sqlite3_stmt* s = st->get();
        sqlite3_bind_int64(s, 1, record.seq);
        (void)bindText(s, 2, record.time);
        (void)bindText(s, 3, record.kioskId);
        (void)bindText(s, 4, record.transactionId);
        (void)bindText(s, 5, record.step);
        (void)bindText(s, 6, record.outcome);
        (void)bindText(s, 7, record.details);
        sqlite3_bind_blob(s, 8, lastHash.data(), static_cast<int>(kHashBytes), SQLITE_TRANSIENT);
        sqlite3_bind_blob(s, 9, record.hash.data(), static_cast<int>(kHashBytes), SQLITE_TRANSIENT);
        // One statement in autocommit is one transaction: either the whole record or nothing.
        const int rc = sqlite3_step(s);
        if (rc != SQLITE_DONE) return std::unexpected(sqliteError(db.get(), rc, ctx()));
        lastSeq = record.seq;
        lastHash = record.hash;
        lastTimeMs = ms;
        ++recordsInCurrent;
        return record.seq;
    }

    Result<void> readRows(sqlite3* handle, const std::string& context, const char* sql, std::int64_t limit,
                          std::vector<Record>& out) const {
        auto st = prepare(handle, sql, context);
        if (!st) return std::unexpected(st.error());
        sqlite3_bind_int64(st->get(), 1, limit);
        int rc;
        while ((rc = sqlite3_step(st->get())) == SQLITE_ROW) {
            Record r;
            r.seq = sqlite3_column_int64(st->get(), 0);
            r.time = columnText(st->get(), 1);
            r.kioskId = columnText(st->get(), 2);
            r.transactionId = columnText(st->get(), 3);
            r.step = columnText(st->get(), 4);
            r.outcome = columnText(st->get(), 5);
            r.details = columnText(st->get(), 6);
            (void)columnHash(st->get(), 7, r.hash);
            out.push_back(std::move(r));
        }
        if (rc != SQLITE_DONE) return std::unexpected(sqliteError(handle, rc, context));
        return {};
    }
};

Result<std::array<std::uint8_t, kSecretKeyBytes>> readSecretKeyFile(const std::filesystem::path& file) {
    std::error_code ec;
    const auto perms = std::filesystem::status(file, ec).permissions();
    if (ec) return fail(Error::Code::NotFound, "no kiosk key file", file.string(), ec.value());
    using P = std::filesystem::perms;
    if ((perms & (P::group_all | P::others_all)) != P::none)
        return fail(Error::Code::Crypto, "kiosk key file may be read by others (must be 0600)", file.string());
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(Error::Code::Io, "cannot read the kiosk key file", file.string(), errno);
    std::array<std::uint8_t, kSecretKeyBytes> key{};
    std::uint8_t extra = 0;
    const auto n = ::read(fd, key.data(), key.size());
    const auto more = ::read(fd, &extra, 1);
    ::close(fd);
    if (n != static_cast<ssize_t>(key.size()) || more != 0) {
        sodium_memzero(key.data(), key.size());
        return fail(Error::Code::Crypto, "kiosk key file is not a 64-byte secret key", file.string());
    }
    return key;
}

AuditLog::AuditLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AuditLog::AuditLog(AuditLog&&) noexcept = default;
AuditLog& AuditLog::operator=(AuditLog&& other) noexcept {
    if (this != &other) {
        if (impl_ && !impl_->closed) (void)close();
        impl_ = std::move(other.impl_);
    }
    return *this;
}
AuditLog::~AuditLog() {
    if (impl_ && !impl_->closed) (void)close();
}

Result<AuditLog> AuditLog::open(const std::filesystem::path& folder, std::span<const std::uint8_t> signingSecretKey,
                                AuditOptions options) {
    ensureSodium();
    if (!validKioskId(options.kioskId))
        return fail(Error::Code::Config, "kiosk id for the audit trail is not [A-Za-z0-9._-]{1,24}", "audit");
    // An empty segment (schema only) is about 20 KB; below 32 KB every append would roll over.
    if (options.retentionDays < 1 || options.maxSegmentBytes < (32 << 10))
        return fail(Error::Code::Config, "audit retention must be >= 1 day and segments >= 32 KB", "audit");
    if (signingSecretKey.size() != kSecretKeyBytes)
        return fail(Error::Code::Crypto, "audit signing key must be a 64-byte Ed25519 secret key", "audit");
    // The secret key is seed || public key; refuse one whose halves do not belong together.
    std::array<std::uint8_t, kPublicKeyBytes> pk{};
    std::array<std::uint8_t, kSecretKeyBytes> sk{};
    crypto_sign_seed_keypair(pk.data(), sk.data(), signingSecretKey.data());
    const bool matches = sodium_memcmp(pk.data(), signingSecretKey.data() + 32, kPublicKeyBytes) == 0;
    sodium_memzero(sk.data(), sk.size());
    if (!matches) return fail(Error::Code::Crypto, "audit signing key: public half does not match its seed", "audit");

    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) return fail(Error::Code::Io, "cannot create the audit folder: " + ec.message(), folder.string(), ec.value());

    auto impl = std::make_unique<Impl>();
    impl->folder = folder;
    impl->options = std::move(options);
    std::copy(signingSecretKey.begin(), signingSecretKey.end(), impl->secret.begin());

    // Leftovers of a segment whose creation was killed: never renamed, so never part of the chain.
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.starts_with(".audit-") && name.find(".tmp") != std::string::npos)
            std::filesystem::remove(it->path(), ec);
    }
    auto segments = listSegments(folder);
    if (!segments) return std::unexpected(segments.error());
    if (!segments->empty()) {
        if (auto r = impl->openCurrent(segments->back()); !r) return std::unexpected(r.error());
    }
    return AuditLog(std::move(impl));
}

Result<std::int64_t> AuditLog::append(const Entry& entry) {
    std::lock_guard lock(impl_->mutex);
    return impl_->appendLocked(entry);
}

Result<int> AuditLog::recoverInterrupted() {
    std::lock_guard lock(impl_->mutex);
    if (impl_->closed) return fail(Error::Code::Internal, "audit log is closed", impl_->folder.string());
    auto segments = listSegments(impl_->folder);
    if (!segments) return std::unexpected(segments.error());
    // A transaction lasts minutes: it can span at most a rollover, so the last two segments suffice.
    const std::size_t from = segments->size() > 2 ? segments->size() - 2 : 0;
    std::vector<std::string> open;
    for (std::size_t i = from; i < segments->size(); ++i) {
        const auto& seg = (*segments)[i];
        Db readOnly;
        sqlite3* handle = nullptr;
        if (impl_->db && seg.path == impl_->current.path) {
            handle = impl_->db.get();
        } else {
            auto opened = openDb(seg.path, true);
            if (!opened) return std::unexpected(opened.error());
            readOnly = std::move(*opened);
            handle = readOnly.get();
        }
        auto st = prepare(handle,
                          "SELECT txn, step FROM records WHERE txn != '' AND step IN "
                          "('transaction.started', 'transaction.ended', 'transaction.abandoned') ORDER BY seq",
                          seg.fileName());
        if (!st) return std::unexpected(st.error());
        int rc;
        while ((rc = sqlite3_step(st->get())) == SQLITE_ROW) {
            const std::string txn = columnText(st->get(), 0);
            const std::string step = columnText(st->get(), 1);
            std::erase(open, txn);
            if (step == "transaction.started") open.push_back(txn);
        }
        if (rc != SQLITE_DONE) return std::unexpected(sqliteError(handle, rc, seg.fileName()));
    }
    for (const auto& txn : open) {
        auto r = impl_->appendLocked(Entry{txn, "transaction.abandoned", "interrupted", {}});
        if (!r) return std::unexpected(r.error());
    }
    return static_cast<int>(open.size());
}

Result<void> AuditLog::sealDay() {
    std::lock_guard lock(impl_->mutex);
    if (impl_->closed) return fail(Error::Code::Internal, "audit log is closed", impl_->folder.string());
    return impl_->sealLocked();
}

Result<RetentionResult> AuditLog::applyRetention(std::chrono::year_month_day today) {
    std::lock_guard lock(impl_->mutex);
    Impl& m = *impl_;
    if (m.closed) return fail(Error::Code::Internal, "audit log is closed", m.folder.string());
    if (!today.ok()) return fail(Error::Code::InvalidInput, "retention: invalid date", "audit");
    const std::chrono::year_month_day cutoff{std::chrono::sys_days{today} - std::chrono::days{m.options.retentionDays}};
    const std::string cutoffDay = isoTime(std::chrono::sys_days{cutoff}).substr(0, 10);
    auto segments = listSegments(m.folder);
    if (!segments) return std::unexpected(segments.error());
    std::size_t doomed = 0;
    while (doomed < segments->size() && (*segments)[doomed].day < cutoffDay &&
           !(m.db && (*segments)[doomed].path == m.current.path))
        ++doomed;
    RetentionResult result;
    if (doomed == 0 || doomed == segments->size()) {
        if (!segments->empty()) {
            Db readOnly;
            sqlite3* handle = m.db && segments->front().path == m.current.path ? m.db.get() : nullptr;
            if (handle == nullptr) {
                auto opened = openDb(segments->front().path, true);
                if (!opened) return std::unexpected(opened.error());
                readOnly = std::move(*opened);
                handle = readOnly.get();
            }
            auto meta = readMeta(handle, segments->front().fileName());
            if (!meta) return std::unexpected(meta.error());
            result.verifyFromSeq = meta->anchorSeq + 1;
        }
        return result;
    }
    const auto& kept = (*segments)[doomed];
    SegmentMeta keptMeta;
    if (m.db && kept.path == m.current.path) {
        keptMeta = m.currentMeta;
    } else {
        auto opened = openDb(kept.path, true);
        if (!opened) return std::unexpected(opened.error());
        auto meta = readMeta(opened->get(), kept.fileName());
        if (!meta) return std::unexpected(meta.error());
        keptMeta = *meta;
    }
    // Recorded (and sealed) before deleting, so verify can accept the new start; a kill between the two
    // leaves extra old segments, which still verify.
    Details details;
    details.integer("segments", static_cast<std::int64_t>(doomed))
        .integer("through_seq", keptMeta.anchorSeq)
        .code("anchor_hash", toHex(keptMeta.anchorHash))
        .code("oldest_kept_day", kept.day);
    if (auto r = m.appendLocked(Entry{"", std::string(kRetentionStep), "deleted", details}); !r)
        return std::unexpected(r.error());
    if (auto r = m.sealLocked(); !r) return std::unexpected(r.error());
    for (std::size_t i = 0; i < doomed; ++i) removeDbFiles((*segments)[i].path);
    syncDirectory(m.folder);
    result.segmentsDeleted = static_cast<int>(doomed);
    result.verifyFromSeq = keptMeta.anchorSeq + 1;
    return result;
}

Result<std::vector<Record>> AuditLog::recent(std::size_t n) const {
    std::lock_guard lock(impl_->mutex);
    const Impl& m = *impl_;
    std::vector<Record> out;
    if (n == 0 || m.closed) return out;
    auto segments = listSegments(m.folder);
    if (!segments) return std::unexpected(segments.error());
    constexpr const char* sql =
        "SELECT seq, time, kiosk, txn, step, outcome, details, hash FROM records ORDER BY seq DESC LIMIT ?";
    for (auto it = segments->rbegin(); it != segments->rend() && out.size() < n; ++it) {
        const auto want = static_cast<std::int64_t>(n - out.size());
        if (m.db && it->path == m.current.path) {
            if (auto r = m.readRows(m.db.get(), it->fileName(), sql, want, out); !r) return std::unexpected(r.error());
        } else {
            auto opened = openDb(it->path, true);
            if (!opened) return std::unexpected(opened.error());
            if (auto r = m.readRows(opened->get(), it->fileName(), sql, want, out); !r) return std::unexpected(r.error());
        }
    }
    std::reverse(out.begin(), out.end());
    return out;
}

Result<void> AuditLog::close() {
    std::lock_guard lock(impl_->mutex);
    if (impl_->closed) return {};
    auto sealed = impl_->sealLocked();
    impl_->db.reset();
    impl_->closed = true;
    return sealed;
}

std::int64_t AuditLog::lastSeq() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->lastSeq;
}

PublicKey AuditLog::publicKey() const {
    PublicKey pk{};
    std::copy_n(impl_->secret.begin() + 32, kPublicKeyBytes, pk.begin());
    return pk;
}

}  // namespace kiosk::audit
