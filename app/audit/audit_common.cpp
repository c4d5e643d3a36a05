// Record validation, canonical encoding, hashing, segment names and the SQLite boundary.
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "app/audit/audit_internal.h"
#include "app/core/log_masking.h"

namespace kiosk::audit {

namespace {

bool inSet(std::string_view s, std::size_t minLen, std::size_t maxLen, bool upper) {
    if (s.size() < minLen || s.size() > maxLen) return false;
    return std::all_of(s.begin(), s.end(), [upper](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
               (upper && c >= 'A' && c <= 'Z');
    });
}

bool validKey(std::string_view key) {
    if (key.empty() || key.size() > 32) return false;
    return std::all_of(key.begin(), key.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// Details text must be a short code: the defence in depth against personal data in the trail.
std::optional<std::string> textProblem(std::string_view text) {
    if (text.size() > kMaxDetailText) return "longer than 64 characters";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') return "not printable ASCII";
    }
    if (maskPersonalData(text) != text) return "looks like MRZ text";
    return std::nullopt;
}

std::string formatDouble(double v) {
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, r.ptr);
}

}  // namespace

Details& Details::integer(std::string_view key, std::int64_t value) {
    items_.emplace_back(std::string(key), value);
    return *this;
}
Details& Details::number(std::string_view key, double value) {
    items_.emplace_back(std::string(key), value);
    return *this;
}
Details& Details::flag(std::string_view key, bool value) {
    items_.emplace_back(std::string(key), value);
    return *this;
}
Details& Details::code(std::string_view key, std::string_view value) {
    items_.emplace_back(std::string(key), std::string(value));
    return *this;
}

Result<std::string> detailsJson(const Details& details) {
    std::string out = "{";
    std::vector<std::string_view> seen;
    for (const auto& [key, value] : details.items()) {
        // Error messages name the key, never the value: the value may be the personal data refused.
        if (!validKey(key)) return fail(Error::Code::InvalidInput, "details key is not [a-z0-9_]{1,32}", "audit details");
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            return fail(Error::Code::InvalidInput, "details key '" + key + "' given twice", "audit details");
        seen.push_back(key);
        if (out.size() > 1) out += ',';
        out += '"' + key + "\":";
        if (const auto* i = std::get_if<std::int64_t>(&value)) {
            out += std::to_string(*i);
        } else if (const auto* d = std::get_if<double>(&value)) {
            if (!std::isfinite(*d))
                return fail(Error::Code::InvalidInput, "details '" + key + "' is not a finite number", "audit details");
            out += formatDouble(*d);
        } else if (const auto* b = std::get_if<bool>(&value)) {
            out += *b ? "true" : "false";
        } else {
            const auto& text = std::get<std::string>(value);
            if (const auto problem = textProblem(text))
                return fail(Error::Code::InvalidInput, "details '" + key + "' refused: " + *problem +
                                                           " (the audit trail holds no personal data)",
                            "audit details");
            out += '"' + text + '"';
        }
    }
    return out + "}";
}

Result<void> validateEntry(const Entry& entry) {
    if (!inSet(entry.step, 1, 48, false))
        return fail(Error::Code::InvalidInput, "step is not [a-z0-9._-]{1,48}", "audit entry");
    if (!inSet(entry.outcome, 0, 32, false))
        return fail(Error::Code::InvalidInput, "outcome is not [a-z0-9._-]{0,32}", "audit entry");
    if (!inSet(entry.transactionId, 0, 40, true))
        return fail(Error::Code::InvalidInput, "transaction id is not [A-Za-z0-9._-]{0,40}", "audit entry");
    if (maskPersonalData(entry.transactionId) != entry.transactionId)
        return fail(Error::Code::InvalidInput, "transaction id looks like MRZ text", "audit entry");
    auto json = detailsJson(entry.details);
    if (!json) return std::unexpected(json.error());
    return {};
}

std::string toHex(std::span<const std::uint8_t> bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const auto b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 0x0f];
    }
    return out;
}

std::string_view problemKindName(ProblemKind kind) {
    switch (kind) {
        case ProblemKind::Edited: return "edited";
        case ProblemKind::Removed: return "removed";
        case ProblemKind::Reordered: return "reordered";
        case ProblemKind::SegmentMissing: return "segment-missing";
        case ProblemKind::BadSignature: return "bad-signature";
        case ProblemKind::WrongKey: return "wrong-key";
        case ProblemKind::HeadMismatch: return "head-mismatch";
        case ProblemKind::Unsealed: return "unsealed-segment";
        case ProblemKind::Unreadable: return "unreadable";
    }
    return "unknown";
}

namespace detail {

void ensureSodium() {
    // sodium_init is idempotent and thread-safe; < 0 only when no randomness source exists.
    if (sodium_init() < 0) std::abort();
}

bool validKioskId(std::string_view id) { return inSet(id, 1, 24, true); }

Error sqliteError(sqlite3* db, int rc, const std::string& context) {
    const int primary = rc & 0xff;
    if (primary == SQLITE_FULL)
        return Error{Error::Code::Io, "audit log cannot be written: disk full", context, rc};
    if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR)
        return Error{Error::Code::Io, std::string("audit log file error: ") + sqlite3_errstr(rc), context, rc};
    const char* text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return Error{Error::Code::Database, std::string("audit log database error: ") + text, context, rc};
}

Result<Db> openDb(const std::filesystem::path& file, bool readOnly) {
    sqlite3* raw = nullptr;
    const int flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const int rc = sqlite3_open_v2(file.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK) return std::unexpected(sqliteError(db.get(), rc, file.filename().string()));
    sqlite3_busy_timeout(db.get(), 5000);
    return db;
}

Result<Stmt> prepare(sqlite3* db, std::string_view sql, const std::string& context) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
    Stmt st(raw);
    if (rc != SQLITE_OK) return std::unexpected(sqliteError(db, rc, context));
    return st;
}

Result<void> exec(sqlite3* db, const char* sql, const std::string& context) {
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return std::unexpected(sqliteError(db, rc, context));
    return {};
}

std::string columnText(sqlite3_stmt* st, int column) {
    const auto* text = sqlite3_column_text(st, column);
    const int n = sqlite3_column_bytes(st, column);
    return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(n));
}

bool columnHash(sqlite3_stmt* st, int column, Hash& out) {
    const void* blob = sqlite3_column_blob(st, column);
    if (blob == nullptr || sqlite3_column_bytes(st, column) != static_cast<int>(kHashBytes)) return false;
    std::copy_n(static_cast<const std::uint8_t*>(blob), kHashBytes, out.begin());
    return true;
}

std::optional<SegmentName> parseSegmentName(const std::filesystem::path& path) {
    // audit-YYYY-MM-DD.sqlite or audit-YYYY-MM-DD-N.sqlite
    const std::string name = path.filename().string();
    constexpr std::string_view prefix = "audit-", suffix = ".sqlite";
    if (name.size() < prefix.size() + 10 + suffix.size() || !name.starts_with(prefix) || !name.ends_with(suffix))
        return std::nullopt;
    const std::string day = name.substr(prefix.size(), 10);
    for (std::size_t i = 0; i < day.size(); ++i) {
        const bool dash = i == 4 || i == 7;
        if (dash ? day[i] != '-' : (day[i] < '0' || day[i] > '9')) return std::nullopt;
    }
    const std::string rest = name.substr(prefix.size() + 10, name.size() - prefix.size() - 10 - suffix.size());
    int part = 0;
    if (!rest.empty()) {
        if (rest.size() < 2 || rest[0] != '-') return std::nullopt;
        const auto r = std::from_chars(rest.data() + 1, rest.data() + rest.size(), part);
        if (r.ec != std::errc() || r.ptr != rest.data() + rest.size() || part < 1) return std::nullopt;
    }
    return SegmentName{day, part, path};
}

std::string segmentFileName(std::string_view day, int part) {
    std::string name = "audit-" + std::string(day);
    if (part > 0) name += "-" + std::to_string(part);
    return name + ".sqlite";
}

Result<std::vector<SegmentName>> listSegments(const std::filesystem::path& folder) {
    std::error_code ec;
    std::vector<SegmentName> out;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (auto seg = parseSegmentName(it->path())) out.push_back(std::move(*seg));
    }
    if (ec) return fail(Error::Code::Io, "cannot list the audit folder: " + ec.message(), folder.string(), ec.value());
    std::sort(out.begin(), out.end(), [](const SegmentName& a, const SegmentName& b) {
        return a.day != b.day ? a.day < b.day : a.part < b.part;
    });
    return out;
}

Result<SegmentMeta> readMeta(sqlite3* db, const std::string& context) {
    auto st = prepare(db, "SELECT key, value FROM meta", context);
    if (!st) return std::unexpected(st.error());
    SegmentMeta meta;
    bool haveFormat = false, haveAnchor = false, haveAnchorHash = false;
    int rc;
    while ((rc = sqlite3_step(st->get())) == SQLITE_ROW) {
        const std::string key = columnText(st->get(), 0);
        if (key == "format") haveFormat = sqlite3_column_int(st->get(), 1) == kFormatVersion;
        else if (key == "day") meta.day = columnText(st->get(), 1);
        else if (key == "kiosk") meta.kioskId = columnText(st->get(), 1);
        else if (key == "anchor_seq") {
            meta.anchorSeq = sqlite3_column_int64(st->get(), 1);
            haveAnchor = true;
        } else if (key == "anchor_hash") {
            haveAnchorHash = columnHash(st->get(), 1, meta.anchorHash);
        }
    }
    if (rc != SQLITE_DONE) return std::unexpected(sqliteError(db, rc, context));
    if (!haveFormat || !haveAnchor || !haveAnchorHash || meta.day.size() != 10)
        return fail(Error::Code::Database, "not an audit segment of a known format (meta incomplete)", context);
    return meta;
}

namespace {

void putU32(crypto_generichash_state& s, std::uint32_t v) {
    const std::uint8_t b[4] = {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
                               static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
    crypto_generichash_update(&s, b, 4);
}
void putU64(std::vector<std::uint8_t>& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}
void putField(crypto_generichash_state& s, std::string_view field) {
    putU32(s, static_cast<std::uint32_t>(field.size()));
    crypto_generichash_update(&s, reinterpret_cast<const unsigned char*>(field.data()), field.size());
}
void putField(std::vector<std::uint8_t>& out, std::string_view field) {
    const auto n = static_cast<std::uint32_t>(field.size());
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(n >> shift));
    out.insert(out.end(), field.begin(), field.end());
}

}  // namespace

Hash recordHash(const Hash& prev, const Record& r) {
    crypto_generichash_state s;
    crypto_generichash_init(&s, nullptr, 0, kHashBytes);
    putField(s, kRecordDomain);
    crypto_generichash_update(&s, prev.data(), prev.size());
    std::vector<std::uint8_t> seq;
    putU64(seq, static_cast<std::uint64_t>(r.seq));
    crypto_generichash_update(&s, seq.data(), seq.size());
    for (const std::string* field : {&r.time, &r.kioskId, &r.transactionId, &r.step, &r.outcome, &r.details})
        putField(s, *field);
    Hash out{};
    crypto_generichash_final(&s, out.data(), out.size());
    return out;
}

std::vector<std::uint8_t> headMessage(const HeadRow& head) {
    std::vector<std::uint8_t> out(kHeadDomain.begin(), kHeadDomain.end());
    putField(out, head.day);
    putField(out, head.kioskId);
    putU64(out, static_cast<std::uint64_t>(head.lastSeq));
    out.insert(out.end(), head.lastHash.begin(), head.lastHash.end());
    putField(out, head.signedAt);
    return out;
}

std::string isoTime(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    const auto ms = floor<milliseconds>(t);
    const auto days = floor<std::chrono::days>(ms);
    const year_month_day ymd{days};
    const hh_mm_ss hms{ms - days};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
    return buffer;
}

std::optional<std::int64_t> parseIsoTimeMs(std::string_view text) {
    int y = 0;
    unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    const std::string copy(text);
    if (std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u.%3uZ", &y, &mo, &d, &h, &mi, &s, &ms) != 7) return std::nullopt;
    using namespace std::chrono;
    const year_month_day ymd{year{y}, month{mo}, day{d}};
    if (!ymd.ok()) return std::nullopt;
    const auto t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms};
    return t.time_since_epoch().count();
}

std::string dayOf(std::string_view isoTime) { return std::string(isoTime.substr(0, 10)); }

}  // namespace detail
}  // namespace kiosk::audit
