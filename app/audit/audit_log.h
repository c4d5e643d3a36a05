#pragma once
// The kiosk's audit trail (issue 10): an append-only, hash-chained log of transaction steps, with each
// day's head signed by the kiosk key. Records hold times, codes, scores, thresholds and quality values,
// never names, document numbers, MRZ text or images; append() refuses what looks like personal data.
//
// Storage: a folder of SQLite segments, one per UTC day (audit-YYYY-MM-DD.sqlite, audit-YYYY-MM-DD-N.sqlite
// when a day rolls over early past the size limit), WAL + synchronous=FULL. See docs/audit.md.
// SQLite and libsodium stay behind this header (pimpl). Everything that can fail returns kiosk::Result.
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "app/core/error.h"

namespace kiosk::audit {

inline constexpr std::size_t kSecretKeyBytes = 64;  // libsodium Ed25519 secret key (seed || public key)
inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kHashBytes = 32;       // BLAKE2b-256
inline constexpr std::size_t kMaxDetailText = 64;   // longer strings in details are refused

using Hash = std::array<std::uint8_t, kHashBytes>;
using PublicKey = std::array<std::uint8_t, kPublicKeyBytes>;
using Clock = std::function<std::chrono::system_clock::time_point()>;

// The lead maps kiosk::config::AuditSettings onto this (maxSegmentBytes = maxSegmentMegabytes << 20).
struct AuditOptions {
    std::string kioskId;                        // [A-Za-z0-9._-]{1,24}, written into every record
    int retentionDays = 90;                     // applyRetention deletes whole days older than this
    std::int64_t maxSegmentBytes = 64ll << 20;  // a day's segment rolls over early past this size
    Clock clock;                                // empty: std::chrono::system_clock::now
    // Tests only: caps each segment at this many SQLite pages, so a test can make the "disk" full.
    std::int64_t testMaxPageCount = 0;
};

// Numbers and short codes only. Keys [a-z0-9_]{1,32}; text values printable ASCII without quotes or
// backslashes, at most 64 characters, and nothing MRZ-shaped (checked by append, which names the key).
class Details {
public:
    using Value = std::variant<std::int64_t, double, bool, std::string>;
    Details& integer(std::string_view key, std::int64_t value);
    Details& number(std::string_view key, double value);
    Details& flag(std::string_view key, bool value);
    Details& code(std::string_view key, std::string_view value);
    [[nodiscard]] const std::vector<std::pair<std::string, Value>>& items() const { return items_; }

private:
    std::vector<std::pair<std::string, Value>> items_;
};

// What the kiosk appends.
struct Entry {
    std::string transactionId;  // the kiosk's transaction number, [A-Za-z0-9._-]{0,40}; "" for kiosk events
    std::string step;           // [a-z0-9._-]{1,48}: "transaction.started", "fingerprint.compare", ...
    std::string outcome;        // short code [a-z0-9._-]{0,32}: "ok", "match", "timeout", ...
    Details details;
};

// What is stored (and read back by recent(), readRecords(), kioskctl audit show).
struct Record {
    std::int64_t seq = 0;  // global, monotonic across segments, from 1
    std::string time;      // UTC, "2026-11-27T03:00:00.123Z", as the clock said (seq is the order)
    std::string kioskId;
    std::string transactionId;
    std::string step;
    std::string outcome;
    std::string details;  // canonical JSON object text
    Hash hash{};
};

// Checks an entry without writing it (append does the same). InvalidInput naming the field or key.
[[nodiscard]] Result<void> validateEntry(const Entry& entry);
// The canonical JSON text of details (keys in the order given). InvalidInput as validateEntry.
[[nodiscard]] Result<std::string> detailsJson(const Details& details);

struct RetentionResult {
    int segmentsDeleted = 0;
    std::int64_t verifyFromSeq = 1;  // first seq still on disk; verification starts here
};

// Reads a 64-byte libsodium secret key file such as <dataDir>/receipt-signing.key (the kiosk key, created
// by receipt::ReceiptSigner::loadOrCreate). Refuses another size or a file group/others may read.
// The caller wipes the bytes after AuditLog::open has copied them.
[[nodiscard]] Result<std::array<std::uint8_t, kSecretKeyBytes>> readSecretKeyFile(const std::filesystem::path& file);

class AuditLog {
public:
    // Opens (creating when missing) the folder. The secret key signs day heads; it is copied and wiped
    // on destruction. Removes half-created segment files left by a kill. Io, Database, Crypto, Config.
    [[nodiscard]] static Result<AuditLog> open(const std::filesystem::path& folder,
                                               std::span<const std::uint8_t> signingSecretKey,
                                               AuditOptions options);

    AuditLog(AuditLog&&) noexcept;
    AuditLog& operator=(AuditLog&&) noexcept;
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;
    ~AuditLog();  // seals the current day (best effort)

    // Appends one record and returns its seq once it is durable. Thread-safe. InvalidInput (refused
    // entry), Io with "audit log cannot be written: disk full" (nothing written), Database.
    [[nodiscard]] Result<std::int64_t> append(const Entry& entry);
    // Call once at start, before the first transaction: every transaction started and neither ended
    // nor abandoned (in the last two segments) gets "transaction.abandoned" / "interrupted". Returns how many.
    [[nodiscard]] Result<int> recoverInterrupted();
    // Signs a head (day, last seq, last hash) now. Done also at day rollover and at close.
    [[nodiscard]] Result<void> sealDay();
    // Deletes whole segments whose day is more than retentionDays before today (never the current one),
    // after appending an "audit.retention" record naming the new verification start.
    [[nodiscard]] Result<RetentionResult> applyRetention(std::chrono::year_month_day today);
    // The last n records, oldest first (technician screen).
    [[nodiscard]] Result<std::vector<Record>> recent(std::size_t n) const;
    // Seals and closes; further calls fail. The destructor does this when not done.
    [[nodiscard]] Result<void> close();

    [[nodiscard]] std::int64_t lastSeq() const;
    [[nodiscard]] PublicKey publicKey() const;

private:
    struct Impl;
    explicit AuditLog(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// ---- verification and reading (read-only; safe while the kiosk is writing) ----

enum class ProblemKind {
    Edited,          // a record's content does not match its hash
    Removed,         // a seq is missing (gap, anchor or head beyond the records)
    Reordered,       // a record sits at another seq than the one it was written with
    SegmentMissing,  // a whole segment file is gone
    BadSignature,    // a head's signature does not verify with the public key
    WrongKey,        // a head was signed by another key
    HeadMismatch,    // a signed head names a hash the chain does not have
    Unsealed,        // a segment that is not the last has no head at its end
    Unreadable,      // not an audit segment, or SQLite cannot read it
};

struct Problem {
    ProblemKind kind = ProblemKind::Unreadable;
    std::string segment;  // file name, "audit-2026-11-27.sqlite"
    std::int64_t seq = 0; // where (0 when the problem has no seq)
    std::string message;
};

struct VerifyReport {
    bool intact = false;
    std::optional<Problem> problem;  // the first problem in chain order
    int segments = 0;
    std::int64_t records = 0;
    std::int64_t firstSeq = 0;  // verified from here (after retention, not 1)
    std::int64_t lastSeq = 0;
    std::int64_t lastSealedSeq = 0;
    std::int64_t unsealedTail = 0;  // records after the last valid head (allowed, reported)
    [[nodiscard]] std::string verdict() const;  // one line
};

// Walks every segment in order. Error only when the folder itself cannot be read.
[[nodiscard]] Result<VerifyReport> verifyAudit(const std::filesystem::path& folder, const PublicKey& publicKey);

struct ReadFilter {
    std::string transactionId;  // "" = all
    std::size_t last = 0;       // 0 = all; else the last n (after the transaction filter)
};
[[nodiscard]] Result<std::vector<Record>> readRecords(const std::filesystem::path& folder, const ReadFilter& filter);

[[nodiscard]] std::string_view problemKindName(ProblemKind kind);  // "edited", "removed", ...
[[nodiscard]] std::string toHex(std::span<const std::uint8_t> bytes);

}  // namespace kiosk::audit
