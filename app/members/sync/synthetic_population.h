#pragma once
// Publisher side, for tools, tests and benchmarks: a deterministic synthetic member population.
// Member i at revision r is a pure function of (seed, i, r), so a 10-million-member snapshot or a
// delta is streamed without ever holding the population: only the publisher sees the clear data.
// Documents never change with the revision; programs and templates do. Sealing is deterministic
// (member_crypto.h), so the same member at the same revision gives the same sealed bytes every time.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/core/error.h"
#include "app/members/deployment_key.h"
#include "app/members/member.h"
#include "app/members/sync/bundle_format.h"
#include "app/members/sync/bundle_writer.h"

namespace kiosk::members::synthetic {

struct Population {
    std::uint64_t seed = 1;
    std::uint64_t count = 0;
};
// DIR/population.json: {"format":"kiosk-synthetic-population","seed":S,"count":N}
[[nodiscard]] kiosk::Result<Population> loadPopulation(const std::filesystem::path& file);
[[nodiscard]] kiosk::Result<void> savePopulation(const Population& p, const std::filesystem::path& file);

struct Member {
    std::string ref;
    std::vector<ProgramMembership> programs;  // sorted by program
    std::vector<DocumentKey> documents;       // one; every tenth member two (a renewed passport)
    std::vector<EnrolledFinger> fingers;      // two ~300-byte templates, sorted by position
    bool lookout = false;                     // about one member in fifty, per revision
};

[[nodiscard]] std::vector<DocumentKey> documentsOf(std::uint64_t seed, std::uint64_t index);
[[nodiscard]] Member member(std::uint64_t seed, std::uint64_t index, std::uint32_t revision);
// Member i at `revision` with the fingers it had at revision `enrolment` (programs and lookout changed,
// enrolment kept: a status change).
[[nodiscard]] Member member(std::uint64_t seed, std::uint64_t index, std::uint32_t revision, std::uint32_t enrolment);
// What MemberCache::lookup must return for any of the member's documents.
[[nodiscard]] MemberRecord expectedRecord(const Member& m);
// Seals the member for a bundle (the shared detail::sealDocument), as a record of the given type.
void toBundle(const Member& m, const DeploymentKey& key, detail::RecordType type, detail::BundleMember& out);

struct Range {
    std::uint64_t first = 0, last = 0;  // [first, last)
    [[nodiscard]] std::uint64_t size() const { return last > first ? last - first : 0; }
};

struct PublishKeys {
    const DeploymentKey& deployment;
    const PublisherSecretKey& publisher;
};

// A snapshot of members [range) at one revision, records ordered by lookup key so the kiosk's
// B-trees grow at their right edge. Returns the bundle size in bytes.
[[nodiscard]] kiosk::Result<std::uint64_t> writeSnapshot(const std::filesystem::path& file, std::uint64_t seed,
                                                         Range members, std::uint32_t revision,
                                                         std::uint64_t sequence, std::int64_t createdUnix,
                                                         const PublishKeys& keys);

struct DeltaSpec {
    std::uint64_t sequence = 0, baseSequence = 0;
    std::int64_t createdUnix = 0;
    Range change, remove, add;
    std::uint32_t revision = 1;  // of changed and added members
    // The revision whose fingers the changed members keep (a delta of status changes: their document
    // rows stay as they are); none: every change enrols the member again at `revision`.
    std::optional<std::uint32_t> enrolment;
};
[[nodiscard]] kiosk::Result<std::uint64_t> writeDelta(const std::filesystem::path& file, std::uint64_t seed,
                                                      const DeltaSpec& spec, const PublishKeys& keys);

}  // namespace kiosk::members::synthetic
