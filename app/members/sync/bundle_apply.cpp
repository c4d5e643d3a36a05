// MemberCache::applyBundle: the second pass over a verified bundle, in one transaction.

#include <algorithm>
#include <chrono>
#include <ctime>
#include <unordered_map>

#include "app/core/calendar_date.h"
#include "app/members/finger_pack.h"
#include "app/members/generations.h"
#include "app/members/member_cache_impl.h"
#include "app/members/page_residency.h"
#include "app/members/program_pack.h"
#include "app/members/sync/bundle_format.h"
#include "app/members/sync/bundle_record_reader.h"
#include "app/members/sync/page_warmer.h"

namespace kiosk::members {

namespace {

using Clock = std::chrono::steady_clock;

// Exactly as created by the schema (member_cache.cpp, migrations v3 and v4); dropped and rebuilt by a
// snapshot. The two unique indexes are the ones a bundle can violate (a member listed twice, a document
// of two members); when they cannot be built the refusal names the first record that repeats.
constexpr std::string_view kUniqueIndexes =
    "CREATE UNIQUE INDEX members_by_ref ON members(member_ref);\n"
    "CREATE UNIQUE INDEX documents_by_key ON documents(lookup_key);";
constexpr std::string_view kSecondaryIndexes = "CREATE INDEX documents_by_member ON documents(member_id);";
constexpr std::string_view kDropIndexes =
    "DROP INDEX members_by_ref; DROP INDEX documents_by_key; DROP INDEX documents_by_member;";
// A snapshot gives its members row ids 1, 2, ... in record order (and its documents ids in the same
// order), so the first member whose reference an earlier row holds is record id - 1, and so is the
// member of the first document an earlier row holds. 0 when there is none. Run only on a refusal.
constexpr std::string_view kFirstRepeatedMember =
    "SELECT coalesce(min(id), 0) FROM (SELECT id, row_number() OVER (PARTITION BY member_ref ORDER BY id) AS k "
    "FROM members) WHERE k > 1";
constexpr std::string_view kFirstRepeatedDocumentsMember =
    "SELECT coalesce(min(member_id), 0) FROM (SELECT member_id, row_number() OVER (PARTITION BY lookup_key "
    "ORDER BY id) AS k FROM documents) WHERE k > 1";


// The anti-rollback rules, one place for the cheap pre-check and the check under the write lock.
kiosk::Result<void> checkSequence(const BundleHeader& h, std::uint64_t current, const std::string& where) {
    const auto seq = std::to_string(h.sequence), cur = std::to_string(current);
    if (h.kind == BundleKind::Snapshot) {
        if (h.sequence == current)
            return fail(Error::Code::InvalidInput, "replay: snapshot " + seq + " is already applied", where);
        if (h.sequence < current)
            return fail(Error::Code::InvalidInput,
                        "downgrade: snapshot " + seq + " is older than the cache's sequence " + cur, where);
        return {};
    }
    const auto base = std::to_string(h.baseSequence);
    if (h.sequence <= current)
        return fail(Error::Code::InvalidInput,
                    "replay: delta " + seq + " is already applied (the cache is at sequence " + cur + ")", where);
    if (current == 0)
        return fail(Error::Code::InvalidInput,
                    "gap: delta " + seq + " applies on sequence " + base + " but the cache holds no list yet "
                    "(a snapshot is needed)", where);
    if (h.baseSequence > current)
        return fail(Error::Code::InvalidInput,
                    "gap: delta " + seq + " applies on sequence " + base + " but the cache is at " + cur +
                        " (bundles in between are missing)", where);
    if (h.baseSequence < current)
        return fail(Error::Code::InvalidInput,
                    "downgrade: delta " + seq + " applies on sequence " + base + ", older than the cache's " + cur,
                    where);
    return {};
}

}  // namespace

kiosk::Result<BundleApplyStats> MemberCache::applyBundle(const std::filesystem::path& bundle,
                                                         const PublisherKey& publisher) {
    if (!impl_) return fail(Error::Code::Internal, "member cache used after move");
    std::lock_guard lock(impl_->mutex);
    if (auto r = impl_->followGeneration(); !r) return std::unexpected(r.error());
    const auto start = Clock::now();
    // Cheap refusals first, from the (not yet authenticated) header: refusing is always safe.
    auto header = readBundleHeader(bundle);
    if (!header) return std::unexpected(header.error());
    if (header->keyId != publisher.id())
        return fail(Error::Code::Crypto,
                    "signed by another publisher key (key id " + toHex(header->keyId.data(), header->keyId.size()) +
                        ", this kiosk trusts " + publisher.idHex() + ")",
                    bundle.string());
    auto current = impl_->scalarInt("SELECT coalesce((SELECT value FROM meta WHERE key = 'sequence'), 0)",
                                    "cannot read the current sequence");
    if (!current) return std::unexpected(current.error());
    if (auto r = checkSequence(*header, static_cast<std::uint64_t>(*current), bundle.string()); !r)
        return std::unexpected(r.error());
    auto stats = impl_->applyBundleLocked(bundle, publisher);
    if (stats) stats->applySeconds = std::chrono::duration<double>(Clock::now() - start).count() - stats->verifySeconds;
    return stats;
}

kiosk::Result<BundleApplyStats> MemberCache::Impl::applyBundleLocked(const std::filesystem::path& bundle,
                                                                     const PublisherKey& publisher) {
    using namespace detail;
    const auto verifyStart = Clock::now();
    auto verified = verifyBundle(bundle, publisher);
    if (!verified) return std::unexpected(verified.error());
    const BundleHeader& h = verified->header;
    BundleApplyStats stats;
    stats.kind = h.kind;
    stats.sequence = h.sequence;
    stats.verifySeconds = std::chrono::duration<double>(Clock::now() - verifyStart).count();
    const std::string context = bundle.string();

    // A delta's read-ahead (page_warmer.h), on the generation this connection holds: a switch by another
    // process meanwhile would only have it warm a file no longer used (it is a hint, never a source).
    // Declared before the reader, which feeds it, so the reader stops first.
    std::unique_ptr<PageWarmer> warmer;
    if (h.kind == BundleKind::Delta && options.readAhead) warmer = PageWarmer::start(generation);
    // Second pass: the same file, read again record by record, on the reader's thread (read, hashed and
    // decoded there; applied here). Started before the transaction so the first records are ready.
    auto reader = BundleRecordReader::start(bundle, verified->fileSize, h, context, warmer.get());
    if (!reader) return std::unexpected(reader.error());

    // A delta's removals cascade: foreign keys on, checked (the pragma is a no-op inside a transaction,
    // so before BEGIN). A snapshot's generation is written with them off (createGeneration).
    if (h.kind == BundleKind::Delta) {
        if (auto r = exec("PRAGMA foreign_keys=ON", "cannot enable foreign keys"); !r) return std::unexpected(r.error());
        auto on = scalarInt("PRAGMA foreign_keys", "cannot read foreign_keys");
        if (!on) return std::unexpected(on.error());
        if (*on != 1) return fail(Error::Code::Database, "foreign keys cannot be enabled for the delta", context);
    }

    if (h.kind == BundleKind::Delta) {
        if (auto r = followGeneration(); !r) return std::unexpected(r.error());
        truncateWalIfNotCached();
    }

    // A snapshot holds this lock for its whole build too: it keeps other writers (a delta, another
    // snapshot) off the generation it replaces, while lookups keep reading it.
    WriteTransaction transaction(*this);
    if (auto r = beginOnCurrentGeneration(transaction, "cannot start the bundle transaction"); !r)
        return std::unexpected(r.error());

    // Under the write lock: a concurrent importer cannot slip another bundle past the check.
    const auto metaInt = [&](const char* name) {
        return scalarInt(std::string("SELECT coalesce((SELECT value FROM meta WHERE key = '") + name + "'), 0)",
                         "cannot read the cache statistics");
    };
    auto current = metaInt("sequence");
    if (!current) return std::unexpected(current.error());
    stats.previousSequence = static_cast<std::uint64_t>(*current);
    if (auto r = checkSequence(h, stats.previousSequence, context); !r) return std::unexpected(r.error());
    // What a process killed during a snapshot left: its unfinished generation, or the one it replaced
    // but had not removed yet. Only under the current generation's write lock, which any builder holds
    // for its whole build, so no build in progress is touched.
    generations::removeStale(file, generation);

    if (h.kind == BundleKind::Snapshot) {
        auto m = metaInt("member_count");
        if (!m) return std::unexpected(m.error());
        stats.removed = static_cast<std::size_t>(*m);
        if (auto r = buildGeneration(**reader, *verified, publisher, stats, context); !r) return std::unexpected(r.error());
        transaction.abandon();  // the lock of the replaced generation: nothing was written to it
        if (auto r = followGeneration(); !r) return std::unexpected(r.error());
        return stats;
    }

    auto m = metaInt("member_count"), d = metaInt("document_count"), f = metaInt("finger_count");
    if (!m || !d || !f) return std::unexpected((!m ? m : !d ? d : f).error());
    RecordCounts counts{*m, *d, *f};
    if (auto r = writeBundle(**reader, *verified, publisher, counts, stats, context); !r) return std::unexpected(r.error());
    if (warmer) {
        const auto warmed = warmer->stats();
        stats.readAheadRecords = warmed.warmed;
        stats.readAheadSampledOut = warmed.sampledOut;
        warmer->stop();  // its reads end before the commit and the checkpoint
    }
    const auto commitStart = Clock::now();
    {
        // SQLite would copy the WAL into the file inside COMMIT (its automatic checkpoint, past 1000
        // pages): at 10 M members that copy is 15-20 s of what the bench reported as "commit" (0.8 s
        // without it at 3 M). The explicit checkpoint below does the same copy, so the copy is done once
        // either way and the two figures now say what they measure.
        auto autoCheckpoint = scalarInt("PRAGMA wal_autocheckpoint", "cannot read the checkpoint setting");
        if (!autoCheckpoint) return std::unexpected(autoCheckpoint.error());
        if (auto r = exec("PRAGMA wal_autocheckpoint=0", "cannot configure the checkpoint"); !r)
            return std::unexpected(r.error());
        auto committed = transaction.commit("cannot commit the bundle");
        (void)exec("PRAGMA wal_autocheckpoint=" + std::to_string(*autoCheckpoint), "cannot configure the checkpoint");
        if (!committed) return std::unexpected(committed.error());
    }
    const auto checkpointStart = Clock::now();
    stats.commitSeconds = std::chrono::duration<double>(checkpointStart - commitStart).count();
    // RESTART, not TRUNCATE: the WAL stays (up to kWalKeepBytes) and the next delta overwrites it in place
    // (truncateWalIfNotCached).
    (void)exec("PRAGMA wal_checkpoint(RESTART)", "checkpoint");
    stats.checkpointSeconds = std::chrono::duration<double>(Clock::now() - checkpointStart).count();
    stats.members = static_cast<std::size_t>(counts.members);
    stats.documents = static_cast<std::size_t>(counts.documents);
    stats.fingers = static_cast<std::size_t>(counts.fingers);
    return stats;
}

kiosk::Result<void> MemberCache::Impl::buildGeneration(detail::BundleRecordReader& reader,
                                                       const VerifiedBundle& verified, const PublisherKey& publisher,
                                                       BundleApplyStats& stats, const std::string& context) {
    const auto path = generations::fresh(file, verified.header.sequence);
    struct RemoveUnlessPublished {
        const std::filesystem::path& path;
        bool published = false;
        ~RemoveUnlessPublished() {
            if (!published) generations::remove(path);
        }
    } unpublished{path};
    // This connection only holds the lock from here on: its page cache (up to kCacheKiB, full after an
    // integrity check or a run of deltas) is given back first, so the builder's cache replaces it in
    // memory instead of adding to it (peak RSS 201 -> 137 MB over a held list at 1 M members).
    sqlite3_db_release_memory(db);
    auto created = createGeneration(file, path, key);
    if (!created) return std::unexpected(created.error());
    Impl& builder = **created;

    // The import history and the settings in `meta` carry over; program codes start afresh (their ids
    // are per file, and every connection re-reads them when it moves to the new generation).
    {
        Statement attach;
        if (attach.prepare(builder.db, "ATTACH DATABASE ?1 AS previous", 0) != SQLITE_OK)
            return builder.dbError("cannot read the previous generation");
        sqlite3_bind_text(attach.get(), 1, generation.c_str(), -1, SQLITE_TRANSIENT);
        if (auto r = builder.step(attach, "cannot read the previous generation"); !r) return r;
    }
    if (auto r = builder.exec("INSERT INTO main.imports SELECT * FROM previous.imports; "
                              "INSERT OR REPLACE INTO main.meta SELECT * FROM previous.meta; DETACH DATABASE previous;",
                              "cannot carry the import history over");
        !r)
        return r;

    WriteTransaction transaction(builder);
    if (auto r = transaction.begin("cannot start the snapshot"); !r) return r;
    // The indexes are rebuilt by one sort each after the records instead of taking a random-order
    // insert per row (kUniqueIndexes, kSecondaryIndexes).
    if (auto r = builder.exec(kDropIndexes, "cannot prepare the snapshot"); !r) return r;
    RecordCounts counts;
    if (auto r = builder.writeBundle(reader, verified, publisher, counts, stats, context); !r) return r;
    const auto commitStart = Clock::now();
    if (auto r = transaction.commit("cannot commit the snapshot"); !r) return r;
    auto mode = builder.scalar("PRAGMA journal_mode=WAL", "cannot switch the new generation to WAL");
    if (!mode) return std::unexpected(mode.error());
    if (*mode != "wal")
        return fail(Error::Code::Database, "cannot switch the new generation to WAL (journal mode stays " + *mode + ")",
                    path.string());
    builder.disconnect();
    // Written once with no journal: durable only once synced, and published only then.
    if (auto r = generations::sync(path); !r) return r;
    if (auto r = generations::publish(file, path); !r) return r;
    unpublished.published = true;
    stats.commitSeconds = std::chrono::duration<double>(Clock::now() - commitStart).count();
    // The replaced generation: connections still reading it keep it until they move on. A plain file
    // the link replaced is gone already; its WAL and shared memory are not.
    // Only these files: the lock held here is the replaced generation's, so another builder may already
    // hold the new one's and be writing its own generation beside it.
    if (generation != file) generations::remove(generation);
    else generations::removeReplacedPlainFile(file);
    stats.members = static_cast<std::size_t>(counts.members);
    stats.documents = static_cast<std::size_t>(counts.documents);
    stats.fingers = static_cast<std::size_t>(counts.fingers);
    return {};
}

void MemberCache::Impl::truncateWalIfNotCached() {
    // A delta's frames overwrite the WAL the last one left (wal_checkpoint(RESTART), journal_size_limit):
    // with its pages cached that costs a copy, where appending to a truncated WAL makes ext4 allocate and
    // zero every new block its 24 + page-size frames begin in (1.3 GB of frames on this machine: 0.8 s
    // overwritten, 2.5-4.1 s appended). But a page the OS has evicted is read from the disk before such a
    // partial write (11.6 s for the same frames), so a WAL that is not almost wholly cached (after a long
    // idle spell, under memory pressure) is truncated first and appended to instead.
    const auto residency = pageResidency(generation.string() + "-wal");
    if (!residency || residency->pages == 0 || residency->resident * 10 >= residency->pages * 9) return;
    (void)exec("PRAGMA wal_checkpoint(TRUNCATE)", "checkpoint");
}

kiosk::Result<void> MemberCache::Impl::writeBundle(detail::BundleRecordReader& reader, const VerifiedBundle& verified,
                                                   const PublisherKey& publisher, RecordCounts& counts,
                                                   BundleApplyStats& stats, const std::string& context) {
    using namespace detail;
    const BundleHeader& h = verified.header;
    std::int64_t& members = counts.members;
    std::int64_t& documents = counts.documents;
    std::int64_t& fingers = counts.fingers;
    Statement insertCode, insertMember, updateMember, insertDocument, updateFingers, findMember, memberDocuments,
        deleteMember, deleteDocument, setMeta, logImport;
    const std::pair<Statement*, std::string_view> all[] = {
        {&insertCode, kInsertProgramCode},
        {&insertMember,
         "INSERT INTO members(id, member_ref, flags, programs, enrolment) VALUES(?1, ?2, ?3, ?4, ?5)"},
        // A change carries the whole member, so its flags, programs and enrolment tag replace the old ones
        // (a lookout is cleared by a change without it). Only a different value is written: an unchanged
        // row leaves its page clean (a delta's pages are random: each one dirtied is a WAL frame at commit
        // and a write at the checkpoint).
        {&updateMember,
         "UPDATE members SET flags = ?2, programs = ?3, enrolment = ?4 WHERE id = ?1 AND "
         "(flags IS NOT ?2 OR programs IS NOT ?3 OR enrolment IS NOT ?4)"},
        {&insertDocument, "INSERT INTO documents(lookup_key, member_id, fingers) VALUES(?1, ?2, ?3)"},
        // Written in place when the document stays: its row id and index entries stay (only written when
        // the packed fingers differ; writeDocuments compares first).
        {&updateFingers, "UPDATE documents SET fingers = ?2 WHERE id = ?1"},
        {&findMember, "SELECT id, enrolment FROM members WHERE member_ref = ?1"},
        {&memberDocuments, "SELECT id, lookup_key, fingers FROM documents WHERE member_id = ?1"},
        {&deleteMember, "DELETE FROM members WHERE id = ?1"},
        {&deleteDocument, "DELETE FROM documents WHERE id = ?1"},
        {&setMeta, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)"},
        {&logImport,
         "INSERT INTO imports(sequence, kind, created, imported_unix, members, documents, fingers, digest) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
    };
    for (const auto& [statement, sql] : all)
        if (statement->prepare(db, sql, 0) != SQLITE_OK) return dbError("cannot prepare the bundle apply");

    std::unordered_map<std::string, std::int64_t> codes;
    if (auto r = readCodeIds(codes); !r) return std::unexpected(r.error());
    const auto isConstraint = [&] { return (sqlite3_extended_errcode(db) & 0xff) == SQLITE_CONSTRAINT; };
    const auto recordError = [&](std::uint64_t i, const std::string& message) {
        return fail(Error::Code::InvalidInput, message, context + " record " + std::to_string(i));
    };
    // What the cache holds for one member: its documents, each with its packed fingers and their
    // positions (bit mask). Read before a change or removal, for the counts in `meta` and so a change
    // writes only what differs.
    struct Held {
        std::int64_t row = 0;
        LookupKey key{};
        std::vector<std::uint8_t> packed;
        unsigned positions = 0;
    };
    std::vector<Held> held;
    const auto readHeld = [&](std::int64_t id) -> kiosk::Result<void> {
        held.clear();
        Use q(memberDocuments);
        sqlite3_bind_int64(*q, 1, id);
        int rc;
        while ((rc = sqlite3_step(*q)) == SQLITE_ROW) {
            const auto k = blob(*q, 1);
            if (k.size() != LookupKey{}.size()) return dbError("a document row has a malformed lookup key");
            Held& entry = held.emplace_back();
            entry.row = sqlite3_column_int64(*q, 0);
            std::copy(k.begin(), k.end(), entry.key.begin());
            const auto packed = blob(*q, 2);
            entry.packed.assign(packed.begin(), packed.end());
            if (!packedPositions(entry.packed, entry.positions))
                return fail(Error::Code::Database, "a document's sealed fingers are malformed (damaged row)", context,
                            SQLITE_CORRUPT);
        }
        if (rc != SQLITE_DONE) return dbError("cannot read a member's documents");
        return {};
    };
    const auto heldPositions = [&] {
        unsigned any = 0;
        for (const auto& entry : held) any |= entry.positions;
        return __builtin_popcount(any);
    };
    // A record's programs packed for its member row (program_pack.h), codes new to the file added.
    std::vector<PackedProgram> programs;
    std::vector<std::uint8_t> packedPrograms;
    const auto packMemberPrograms = [&](std::uint64_t i, const BundleMember& m) -> kiosk::Result<void> {
        programs.clear();
        for (const auto& p : m.programs) {
            auto code = internCode(p.code, codes, insertCode);
            if (!code) return std::unexpected(code.error());
            programs.push_back({*code, p.status, p.expiresDays});
        }
        // decodeRecord has already refused repeated codes and out-of-range fields.
        if (!packPrograms(programs, packedPrograms)) return recordError(i, "a member's programs cannot be stored");
        return {};
    };
    // Documents and their packed fingers of one member record. `held` is what the cache holds for this
    // member (empty for a new one): a document it already holds keeps its row, and its fingers are
    // rewritten only when they differ (most changes touch programs, not enrolment).
    std::vector<std::uint8_t> packed;
    const auto writeDocuments = [&](std::uint64_t i, std::int64_t id, const BundleMember& m) -> kiosk::Result<void> {
        unsigned positions = 0;
        for (const auto& d : m.documents) {
            // decodeRecord has already refused repeated positions and out-of-range fields.
            if (!packFingers(d.fingers, packed)) return recordError(i, "a document's fingers cannot be stored");
            for (const auto& f : d.fingers) positions |= 1u << f.position;
            const auto old = std::find_if(held.begin(), held.end(), [&](const Held& entry) { return entry.key == d.lookupKey; });
            if (old != held.end()) {
                if (old->packed == packed) continue;
                Use q(updateFingers);
                sqlite3_bind_int64(*q, 1, old->row);
                bindBytes(*q, 2, packed);
                if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot apply a sealed template");
                ++stats.documentsWritten;
                continue;
            }
            Use q(insertDocument);
            sqlite3_bind_blob(*q, 1, d.lookupKey.data(), static_cast<int>(d.lookupKey.size()), SQLITE_STATIC);
            sqlite3_bind_int64(*q, 2, id);
            bindBytes(*q, 3, packed);
            if (sqlite3_step(*q) != SQLITE_DONE) {
                // A snapshot has no documents_by_key while it loads: its repeats are found after the loop.
                if (!isConstraint()) return dbError("cannot apply a document");
                return recordError(i, "a document of this member already belongs to a member");
            }
            ++stats.documentsWritten;
        }
        documents += static_cast<std::int64_t>(m.documents.size());
        fingers += __builtin_popcount(positions);
        return {};
    };

    std::int64_t nextId = 1;
    const auto recordsStart = Clock::now();
    for (std::uint64_t i = 0;; ++i) {
        auto next = reader.next();
        if (!next) return std::unexpected(next.error());
        if (*next == nullptr) break;
        const BundleMember& m = **next;

        if (h.kind == BundleKind::Snapshot) {
            if (m.type != RecordType::Member) return recordError(i, "a snapshot holds member records only");
            const std::int64_t id = nextId++;
            if (auto r = packMemberPrograms(i, m); !r) return std::unexpected(r.error());
            {
                // No uniqueness check here (members_by_ref is rebuilt after the last record).
                Use q(insertMember);
                sqlite3_bind_int64(*q, 1, id);
                sqlite3_bind_text(*q, 2, m.ref.data(), static_cast<int>(m.ref.size()), SQLITE_STATIC);
                sqlite3_bind_int64(*q, 3, memberFlags(m.lookout));
                bindBytes(*q, 4, packedPrograms);
                const EnrolmentTag tag = enrolmentTag(m.documents);
                bindBytes(*q, 5, tag);
                if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot apply a member");
            }
            if (auto r = writeDocuments(i, id, m); !r) return std::unexpected(r.error());
            ++members;
            ++stats.added;
            continue;
        }
        if (m.type == RecordType::Member) return recordError(i, "a delta holds add, change and remove records only");
        std::int64_t id = 0;
        // A change whose enrolment tag is the one the member row holds keeps its documents and fingers as
        // they are: neither read nor written (a status change). A row without a tag (older file, JSON
        // import) or with another one has its documents read and compared, as before.
        const EnrolmentTag tag = m.type == RecordType::Remove ? EnrolmentTag{} : enrolmentTag(m.documents);
        bool enrolmentKept = false;
        if (m.type != RecordType::Add) {
            Use q(findMember);
            sqlite3_bind_text(*q, 1, m.ref.data(), static_cast<int>(m.ref.size()), SQLITE_STATIC);
            const int rc = sqlite3_step(*q);
            if (rc == SQLITE_DONE)
                return recordError(i, m.type == RecordType::Remove ? "removal of a member the cache does not hold"
                                                                   : "change of a member the cache does not hold");
            if (rc != SQLITE_ROW) return dbError("cannot find a member");
            id = sqlite3_column_int64(*q, 0);
            const auto heldTag = blob(*q, 1);
            enrolmentKept = m.type == RecordType::Change && std::ranges::equal(heldTag, tag);
        }
        held.clear();
        if (m.type != RecordType::Add && !enrolmentKept) {
            if (auto r = readHeld(id); !r) return std::unexpected(r.error());
            documents -= static_cast<std::int64_t>(held.size());
            fingers -= heldPositions();
        }
        if (m.type == RecordType::Remove) {
            Use q(deleteMember);  // ON DELETE CASCADE: its documents (with their packed fingers)
            sqlite3_bind_int64(*q, 1, id);
            if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot remove a member");
            --members;
            ++stats.removed;
        } else if (m.type == RecordType::Change) {
            // Documents the member no longer holds go (their fingers with them); the others stay. (With
            // its enrolment kept, `held` is empty and the record's documents are the member's.)
            for (const auto& entry : held) {
                const bool kept = std::any_of(m.documents.begin(), m.documents.end(),
                                              [&](const SealedDocument& d) { return d.lookupKey == entry.key; });
                if (kept) continue;
                Use q(deleteDocument);
                sqlite3_bind_int64(*q, 1, entry.row);
                if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot replace a member");
            }
            if (auto r = packMemberPrograms(i, m); !r) return std::unexpected(r.error());
            {
                Use q(updateMember);
                sqlite3_bind_int64(*q, 1, id);
                sqlite3_bind_int64(*q, 2, memberFlags(m.lookout));
                bindBytes(*q, 3, packedPrograms);
                bindBytes(*q, 4, tag);
                if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot replace a member");
            }
            if (enrolmentKept) {
                ++stats.enrolmentsKept;
            } else if (auto r = writeDocuments(i, id, m); !r) {
                return std::unexpected(r.error());
            }
            ++stats.changed;
        } else {
            if (auto r = packMemberPrograms(i, m); !r) return std::unexpected(r.error());
            {
                Use q(insertMember);
                sqlite3_bind_null(*q, 1);
                sqlite3_bind_text(*q, 2, m.ref.data(), static_cast<int>(m.ref.size()), SQLITE_STATIC);
                sqlite3_bind_int64(*q, 3, memberFlags(m.lookout));
                bindBytes(*q, 4, packedPrograms);
                bindBytes(*q, 5, tag);
                if (sqlite3_step(*q) != SQLITE_DONE) {
                    if (isConstraint()) return recordError(i, "addition of a member the cache already holds");
                    return dbError("cannot add a member");
                }
            }
            id = sqlite3_last_insert_rowid(db);
            if (auto r = writeDocuments(i, id, m); !r) return std::unexpected(r.error());
            ++members;
            ++stats.added;
        }
    }

    auto again = reader.finish();
    if (!again) return std::unexpected(again.error());
    if (*again != verified.digest)
        return fail(Error::Code::Crypto, "the bundle changed on disk after it was verified; nothing applied", context);
    const auto indexesStart = Clock::now();
    if (h.kind == BundleKind::Snapshot) {
        if (auto r = exec(kUniqueIndexes, "cannot rebuild the indexes"); !r) {
            if (!isConstraint()) return std::unexpected(r.error());
            // Whichever repeat comes first in the bundle is the one reported, as a record-by-record
            // check would have.
            auto member = scalarInt(kFirstRepeatedMember, "cannot find the member listed twice");
            if (!member) return std::unexpected(member.error());
            auto document = scalarInt(kFirstRepeatedDocumentsMember, "cannot find the document listed twice");
            if (!document) return std::unexpected(document.error());
            if (*member < 1 && *document < 1) return std::unexpected(r.error());
            if (*member >= 1 && (*document < 1 || *member <= *document))
                return recordError(static_cast<std::uint64_t>(*member - 1), "member listed twice");
            return recordError(static_cast<std::uint64_t>(*document - 1),
                               "a document of this member already belongs to a member");
        }
        if (auto r = exec(kSecondaryIndexes, "cannot rebuild the indexes"); !r) return std::unexpected(r.error());
        stats.indexesSeconds = std::chrono::duration<double>(Clock::now() - indexesStart).count();
    }

    const std::int64_t now = nowUnix();
    const std::string created = isoUtcTimestamp(h.createdUnix);
    const std::pair<const char*, std::int64_t> meta[] = {
        {"sequence", static_cast<std::int64_t>(h.sequence)},
        {"last_import_unix", now},
        {"member_count", members},
        {"document_count", documents},
        {"finger_count", fingers},
    };
    for (const auto& [name, value] : meta) {
        Use q(setMeta);
        sqlite3_bind_text(*q, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(*q, 2, value);
        if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot record the bundle");
    }
    const std::string keyId = publisher.idHex();
    for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"list_created", created},
                                      std::pair<const char*, const std::string&>{"publisher_key_id", keyId}}) {
        Use q(setMeta);
        sqlite3_bind_text(*q, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(*q, 2, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
        if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot record the bundle");
    }
    {
        Use q(logImport);
        sqlite3_bind_int64(*q, 1, static_cast<std::int64_t>(h.sequence));
        sqlite3_bind_text(*q, 2, bundleKindName(h.kind), -1, SQLITE_STATIC);
        sqlite3_bind_text(*q, 3, created.data(), static_cast<int>(created.size()), SQLITE_STATIC);
        sqlite3_bind_int64(*q, 4, now);
        sqlite3_bind_int64(*q, 5, members);
        sqlite3_bind_int64(*q, 6, documents);
        sqlite3_bind_int64(*q, 7, fingers);
        sqlite3_bind_blob(*q, 8, verified.digest.data(), static_cast<int>(verified.digest.size()), SQLITE_STATIC);
        if (sqlite3_step(*q) != SQLITE_DONE) return dbError("cannot record the bundle");
    }
    stats.recordsSeconds = std::chrono::duration<double>(Clock::now() - recordsStart).count();
    return {};
}

}  // namespace kiosk::members
