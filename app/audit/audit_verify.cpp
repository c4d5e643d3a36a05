// The verifier and reader: read-only, one segment at a time, stops at the first problem in chain order.
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <map>
#include <set>

#include "app/audit/audit_internal.h"

namespace kiosk::audit {

using namespace detail;

namespace {

constexpr std::int64_t kMaxReorderProbe = 200000;  // hashes tried to tell "reordered" from "edited"

struct StoredHead {
    HeadRow row;
    std::string segment;
};

struct RowReader {
    Stmt st;
    Result<bool> next(sqlite3* db, const std::string& context, Record& r, Hash& prev, bool& columnsOk) {
        const int rc = sqlite3_step(st.get());
        if (rc == SQLITE_DONE) return false;
        if (rc != SQLITE_ROW) return std::unexpected(sqliteError(db, rc, context));
        r.seq = sqlite3_column_int64(st.get(), 0);
        r.time = columnText(st.get(), 1);
        r.kioskId = columnText(st.get(), 2);
        r.transactionId = columnText(st.get(), 3);
        r.step = columnText(st.get(), 4);
        r.outcome = columnText(st.get(), 5);
        r.details = columnText(st.get(), 6);
        columnsOk = columnHash(st.get(), 7, prev) && columnHash(st.get(), 8, r.hash);
        return true;
    }
};

constexpr const char* kAllRows =
    "SELECT seq, time, kiosk, txn, step, outcome, details, prev, hash FROM records ORDER BY seq";

std::string jsonField(std::string_view json, std::string_view key) {
    const std::string needle = "\"" + std::string(key) + "\":";
    const auto at = json.find(needle);
    if (at == std::string_view::npos) return {};
    auto rest = json.substr(at + needle.size());
    if (!rest.empty() && rest[0] == '"') {
        rest.remove_prefix(1);
        return std::string(rest.substr(0, rest.find('"')));
    }
    return std::string(rest.substr(0, rest.find_first_of(",}")));
}

class Verifier {
public:
    Verifier(const PublicKey& pk) : publicKey_(pk) {}

    Result<VerifyReport> run(const std::filesystem::path& folder) {
        auto segments = listSegments(folder);
        if (!segments) return std::unexpected(segments.error());
        report_.segments = static_cast<int>(segments->size());
        if (segments->empty()) {
            report_.intact = true;
            return report_;
        }
        collectHeads(*segments);
        if (!problem_) walk(*segments);
        if (!problem_) afterWalk();
        report_.problem = problem_;
        report_.intact = !problem_.has_value();
        report_.lastSeq = runningSeq_;
        report_.lastSealedSeq = std::max<std::int64_t>(lastSealed_, 0);
        report_.unsealedTail = runningSeq_ - std::max(lastSealed_, report_.firstSeq - 1);
        if (report_.unsealedTail < 0) report_.unsealedTail = 0;
        return report_;
    }

private:
    const PublicKey& publicKey_;
    VerifyReport report_;
    std::optional<Problem> problem_;
    std::multimap<std::int64_t, StoredHead> heads_;
    std::map<std::string, std::string> unreadable_;  // segment -> why
    std::int64_t runningSeq_ = 0;
    Hash runningHash_{};
    std::int64_t startAnchorSeq_ = 0;
    Hash startAnchorHash_{};
    std::set<std::pair<std::int64_t, std::string>> retentionAnchors_;  // (through seq, anchor hash hex)
    std::set<std::int64_t> sealed_;
    std::int64_t lastSealed_ = -1;

    void report(ProblemKind kind, const std::string& segment, std::int64_t seq, std::string message) {
        if (!problem_) problem_ = Problem{kind, segment, seq, std::move(message)};
    }

    void collectHeads(const std::vector<SegmentName>& segments) {
        for (const auto& seg : segments) {
            auto db = openDb(seg.path, true);
            if (!db) {
                unreadable_[seg.fileName()] = db.error().message;
                continue;
            }
            auto st = prepare(db->get(),
                              "SELECT day, kiosk, last_seq, last_hash, signed_at, public_key, signature FROM heads ORDER BY id",
                              seg.fileName());
            if (!st) {
                unreadable_[seg.fileName()] = st.error().message;
                continue;
            }
            int rc;
            while ((rc = sqlite3_step(st->get())) == SQLITE_ROW) {
                HeadRow h;
                h.day = columnText(st->get(), 0);
                h.kioskId = columnText(st->get(), 1);
                h.lastSeq = sqlite3_column_int64(st->get(), 2);
                (void)columnHash(st->get(), 3, h.lastHash);
                h.signedAt = columnText(st->get(), 4);
                for (int c : {5, 6}) {
                    const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(st->get(), c));
                    const auto n = static_cast<std::size_t>(sqlite3_column_bytes(st->get(), c));
                    auto& dest = c == 5 ? h.publicKey : h.signature;
                    if (blob != nullptr) dest.assign(blob, blob + n);
                }
                heads_.emplace(h.lastSeq, StoredHead{std::move(h), seg.fileName()});
            }
            if (rc != SQLITE_DONE) unreadable_[seg.fileName()] = sqlite3_errstr(rc);
        }
    }

    // A head's own validity: key, then signature. The chain check is the caller's.
    bool headSigned(const StoredHead& head) {
        const auto& h = head.row;
        if (h.publicKey.size() != kPublicKeyBytes || !std::equal(h.publicKey.begin(), h.publicKey.end(), publicKey_.begin())) {
            report(ProblemKind::WrongKey, head.segment, h.lastSeq,
                   "head for " + h.day + " was signed by another key (" + toHex(h.publicKey).substr(0, 16) + "..., expected " +
                       toHex(publicKey_).substr(0, 16) + "...)");
            return false;
        }
        const auto message = headMessage(h);
        if (h.signature.size() != crypto_sign_BYTES ||
            crypto_sign_verify_detached(h.signature.data(), message.data(), message.size(), publicKey_.data()) != 0) {
            report(ProblemKind::BadSignature, head.segment, h.lastSeq,
                   "head for " + h.day + " covering seq " + std::to_string(h.lastSeq) + ": signature does not verify");
            return false;
        }
        return true;
    }

    void checkHeadsAt(std::int64_t seq, const Hash& hash) {
        auto [from, to] = heads_.equal_range(seq);
        for (auto it = from; it != to && !problem_; ++it) {
            if (!headSigned(it->second)) return;
            if (it->second.row.lastHash != hash) {
                report(ProblemKind::HeadMismatch, it->second.segment, seq,
                       "signed head for " + it->second.row.day + " does not match the chain at seq " + std::to_string(seq));
                return;
            }
            sealed_.insert(seq);
            lastSealed_ = std::max(lastSealed_, seq);
        }
    }

    bool checkAnchor(const SegmentName& seg, const SegmentMeta& meta, bool first, const std::string& previous,
                     std::int64_t previousFirstSeq) {
        const std::string name = seg.fileName();
        if (first) {
            runningSeq_ = startAnchorSeq_ = meta.anchorSeq;
            runningHash_ = startAnchorHash_ = meta.anchorHash;
            report_.firstSeq = meta.anchorSeq + 1;
            const Hash zero{};
            if (meta.anchorSeq == 0 && meta.anchorHash != zero) {
                report(ProblemKind::Edited, name, 1, "the first segment's genesis anchor was altered");
                return false;
            }
            // Heads from before the verification start can only be checked for their signature.
            for (auto it = heads_.begin(); it != heads_.end() && it->first <= meta.anchorSeq; ++it) {
                if (!headSigned(it->second)) return false;
                if (it->first == meta.anchorSeq && it->second.row.lastHash != meta.anchorHash) {
                    report(ProblemKind::HeadMismatch, it->second.segment, it->first,
                           "signed head does not match the anchor of " + name);
                    return false;
                }
                if (it->first == meta.anchorSeq) sealed_.insert(it->first), lastSealed_ = std::max(lastSealed_, it->first);
            }
            return true;
        }
        if (meta.anchorSeq > runningSeq_) {
            // Was the previous segment cut short (its own head covers more) or is a whole segment gone?
            const bool cutShort = std::any_of(heads_.begin(), heads_.end(), [&](const auto& h) {
                return h.second.segment == previous && h.first > runningSeq_;
            });
            const std::string range = "seq " + std::to_string(runningSeq_ + 1) + ".." + std::to_string(meta.anchorSeq);
            if (cutShort)
                report(ProblemKind::Removed, previous, runningSeq_ + 1, "records removed from the end of the segment: " + range + " missing");
            else
                report(ProblemKind::SegmentMissing, name, runningSeq_ + 1,
                       "a segment is missing before this one: " + range + " absent");
            return false;
        }
        if (meta.anchorSeq < runningSeq_) {
            report(ProblemKind::Reordered, name, meta.anchorSeq + 1,
                   "segment starts at seq " + std::to_string(meta.anchorSeq + 1) + " but the previous one ends at seq " +
                       std::to_string(runningSeq_));
            return false;
        }
        if (meta.anchorHash != runningHash_) {
            report(ProblemKind::Edited, name, meta.anchorSeq + 1, "the segment's anchor does not match the end of " + previous);
            return false;
        }
        (void)previousFirstSeq;
        return true;
    }

    // Was the record at `seq` written with another seq (rows swapped) or edited?
    std::optional<std::int64_t> writtenAs(const Record& r, const Hash& prevColumn, std::int64_t lo, std::int64_t hi) {
        Record probe = r;
        for (std::int64_t s = lo, n = 0; s <= hi && n < kMaxReorderProbe; ++s, ++n) {
            if (s == r.seq) continue;
            probe.seq = s;
            if (recordHash(prevColumn, probe) == r.hash) return s;
        }
        return std::nullopt;
    }

    void walk(const std::vector<SegmentName>& segments) {
        std::string previous;
        for (std::size_t i = 0; i < segments.size() && !problem_; ++i) {
            const auto& seg = segments[i];
            const std::string name = seg.fileName();
            if (auto bad = unreadable_.find(name); bad != unreadable_.end()) {
                report(ProblemKind::Unreadable, name, runningSeq_ + 1, "segment cannot be read: " + bad->second);
                return;
            }
            auto db = openDb(seg.path, true);
            if (!db) return report(ProblemKind::Unreadable, name, runningSeq_ + 1, db.error().message);
            auto meta = readMeta(db->get(), name);
            if (!meta) return report(ProblemKind::Unreadable, name, runningSeq_ + 1, meta.error().message);
            if (!checkAnchor(seg, *meta, i == 0, previous, 0)) return;

            std::int64_t lo = 0, hi = 0;
            if (auto range = prepare(db->get(), "SELECT min(seq), max(seq) FROM records", name);
                range && sqlite3_step(range->get()) == SQLITE_ROW) {
                lo = sqlite3_column_int64(range->get(), 0);
                hi = sqlite3_column_int64(range->get(), 1);
            }
            auto st = prepare(db->get(), kAllRows, name);
            if (!st) return report(ProblemKind::Unreadable, name, runningSeq_ + 1, st.error().message);
            RowReader rows{std::move(*st)};
            Record r;
            Hash prev{};
            bool columnsOk = false;
            std::int64_t inSegment = 0;
            for (;;) {
                auto more = rows.next(db->get(), name, r, prev, columnsOk);
                if (!more) return report(ProblemKind::Unreadable, name, runningSeq_ + 1, more.error().message);
                if (!*more) break;
                const std::int64_t expected = runningSeq_ + 1;
                if (r.seq > expected)
                    return report(ProblemKind::Removed, name, expected,
                                  "record removed: seq " + std::to_string(expected) +
                                      (r.seq - 1 > expected ? ".." + std::to_string(r.seq - 1) : std::string()) + " missing");
                if (r.seq < expected)
                    return report(ProblemKind::Reordered, name, r.seq, "record seq goes backwards");
                if (!columnsOk) return report(ProblemKind::Edited, name, r.seq, "record's hash columns were altered");
                if (recordHash(runningHash_, r) != r.hash) {
                    if (auto was = writtenAs(r, prev, lo, hi))
                        return report(ProblemKind::Reordered, name, r.seq,
                                      "record reordered: stored at seq " + std::to_string(r.seq) + " but written as seq " +
                                          std::to_string(*was));
                    return report(ProblemKind::Edited, name, r.seq, "record edited: its content does not match its hash");
                }
                if (prev != runningHash_) return report(ProblemKind::Edited, name, r.seq, "record's previous-hash column was altered");
                if (r.step == kRetentionStep) {
                    const std::string through = jsonField(r.details, "through_seq");
                    std::int64_t seq = 0;
                    const auto parsed = std::from_chars(through.data(), through.data() + through.size(), seq);
                    if (parsed.ec == std::errc() && !through.empty())
                        retentionAnchors_.emplace(seq, jsonField(r.details, "anchor_hash"));
                }
                runningSeq_ = r.seq;
                runningHash_ = r.hash;
                ++report_.records;
                ++inSegment;
                checkHeadsAt(r.seq, r.hash);
                if (problem_) return;
            }
            // Rollover and retention always seal a segment's end before the next one starts.
            if (i + 1 < segments.size() && inSegment > 0 && !sealed_.contains(runningSeq_)) {
                // A head in this segment past its last record: rows were cut from its end.
                for (auto it = heads_.upper_bound(runningSeq_); it != heads_.end(); ++it) {
                    if (it->second.segment == name)
                        return report(ProblemKind::Removed, name, runningSeq_ + 1,
                                      "records removed from the end of the segment: seq " + std::to_string(runningSeq_ + 1) +
                                          ".." + std::to_string(it->first) + " missing");
                }
                return report(ProblemKind::Unsealed, name, runningSeq_,
                              "segment is not sealed at its last record (head removed?)");
            }
            previous = name;
        }
    }

    void afterWalk() {
        for (auto it = heads_.upper_bound(runningSeq_); it != heads_.end(); ++it) {
            if (!headSigned(it->second)) return;
            return report(ProblemKind::Removed, it->second.segment, runningSeq_ + 1,
                          "records removed: a signed head covers seq " + std::to_string(it->first) +
                              " but the log ends at seq " + std::to_string(runningSeq_));
        }
        if (startAnchorSeq_ > 0 && !retentionAnchors_.contains({startAnchorSeq_, toHex(startAnchorHash_)}))
            report(ProblemKind::SegmentMissing, "", startAnchorSeq_,
                   "the log starts at seq " + std::to_string(startAnchorSeq_ + 1) +
                       " and no retention record accounts for the earlier records");
    }
};

}  // namespace

std::string VerifyReport::verdict() const {
    if (!intact && problem) {
        std::string where = problem->segment.empty() ? std::string() : " in " + problem->segment;
        return "BROKEN: " + std::string(problemKindName(problem->kind)) + " at seq " + std::to_string(problem->seq) + where +
               ": " + problem->message;
    }
    if (records == 0 && lastSeq == 0) return "intact: no records";
    std::string out = "intact: " + std::to_string(records) + " records, seq " + std::to_string(firstSeq) + ".." +
                      std::to_string(lastSeq) + " in " + std::to_string(segments) + " segment" + (segments == 1 ? "" : "s") +
                      ", verified from seq " + std::to_string(firstSeq);
    if (unsealedTail > 0) out += "; unsealed tail: " + std::to_string(unsealedTail) + " records";
    else out += "; sealed through seq " + std::to_string(lastSealedSeq);
    return out;
}

Result<VerifyReport> verifyAudit(const std::filesystem::path& folder, const PublicKey& publicKey) {
    ensureSodium();
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        return fail(Error::Code::NotFound, "no audit folder", folder.string());
    return Verifier(publicKey).run(folder);
}

Result<std::vector<Record>> readRecords(const std::filesystem::path& folder, const ReadFilter& filter) {
    auto segments = listSegments(folder);
    if (!segments) return std::unexpected(segments.error());
    std::deque<Record> kept;
    for (const auto& seg : *segments) {
        auto db = openDb(seg.path, true);
        if (!db) return std::unexpected(db.error());
        auto st = prepare(db->get(), kAllRows, seg.fileName());
        if (!st) return std::unexpected(st.error());
        RowReader rows{std::move(*st)};
        Record r;
        Hash prev{};
        bool columnsOk = false;
        for (;;) {
            auto more = rows.next(db->get(), seg.fileName(), r, prev, columnsOk);
            if (!more) return std::unexpected(more.error());
            if (!*more) break;
            if (!filter.transactionId.empty() && r.transactionId != filter.transactionId) continue;
            kept.push_back(r);
            if (filter.last > 0 && kept.size() > filter.last) kept.pop_front();
        }
    }
    return std::vector<Record>(kept.begin(), kept.end());
}

}  // namespace kiosk::audit
