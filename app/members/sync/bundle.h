#pragma once
// Signed member-list bundles (docs/members.md, "Bundle format"): a full snapshot or a delta, streamed
// record by record, signed by the publisher with Ed25519ph over the whole content. Sodium-free header.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "app/core/error.h"

namespace kiosk::members {

enum class BundleKind : std::uint8_t { Snapshot = 1, Delta = 2 };
[[nodiscard]] const char* bundleKindName(BundleKind kind);  // "snapshot", "delta"

// The Ed25519 public key of the member-list publisher this kiosk trusts.
struct PublisherKey {
    static constexpr std::size_t kSize = 32;
    static constexpr std::size_t kIdSize = 16;
    using Id = std::array<std::uint8_t, kIdSize>;
    std::array<std::uint8_t, kSize> bytes{};

    // BLAKE2b-128 over a domain prefix and the key: written in every bundle header, so a bundle of
    // another publisher is refused by name before any hashing.
    [[nodiscard]] Id id() const;
    [[nodiscard]] std::string idHex() const;
};
[[nodiscard]] std::string toHex(const std::uint8_t* data, std::size_t size);

// A public key file: 64 hex digits (an optional newline after) or 32 raw bytes. Errors name the file.
[[nodiscard]] kiosk::Result<PublisherKey> loadPublisherKey(const std::filesystem::path& file);

struct BundleHeader {
    // Format version (bytes 8-9). Read: 1, 2 or 3. Written: what this says; 3, the current format
    // (detail::kBundleVersion), unless a test deliberately writes an older one.
    std::uint16_t formatVersion = 3;
    BundleKind kind = BundleKind::Snapshot;
    std::uint64_t sequence = 0;      // >= 1
    std::uint64_t baseSequence = 0;  // snapshot: 0; delta: the sequence it applies on (< sequence)
    std::int64_t createdUnix = 0;    // publisher's clock, seconds since 1970 UTC
    PublisherKey::Id keyId{};
    std::uint64_t recordCount = 0;
};

// Reads and checks the fixed header only (magic, version, kind, sequences). NOT authenticated: used to
// list a folder and to refuse replays cheaply; nothing is applied before verifyBundle() succeeds.
[[nodiscard]] kiosk::Result<BundleHeader> readBundleHeader(const std::filesystem::path& file);

struct VerifiedBundle {
    BundleHeader header;
    std::array<std::uint8_t, 32> digest{};  // BLAKE2b-256 of the signed content, recorded in imports
    std::uint64_t fileSize = 0;
};

// One streaming pass (constant memory whatever the size): header, publisher key id, trailer
// (truncation), then the signature over everything before it: Ed25519 over a BLAKE2b-256 digest of
// it (format version 3), or Ed25519ph over it (versions 1 and 2). Crypto for another key or a bad signature, InvalidInput for a truncated or malformed
// file, Io when it cannot be read.
[[nodiscard]] kiosk::Result<VerifiedBundle> verifyBundle(const std::filesystem::path& file,
                                                         const PublisherKey& publisher);

struct BundleApplyStats {
    BundleKind kind = BundleKind::Snapshot;
    std::uint64_t sequence = 0;
    std::uint64_t previousSequence = 0;
    std::size_t added = 0;    // snapshot: every member
    std::size_t changed = 0;
    std::size_t removed = 0;  // snapshot: the previous list's members
    std::size_t members = 0;  // totals after the apply
    std::size_t documents = 0;
    std::size_t fingers = 0;
    // Document rows this apply inserted or rewrote; a delta leaves a document whose sealed fingers are
    // byte for byte the same alone (a status change: member_crypto.h seals deterministically).
    std::size_t documentsWritten = 0;
    // A delta's changes whose enrolment tag matched the member row's (schema v5): their documents were
    // neither read nor written.
    std::size_t enrolmentsKept = 0;
    double verifySeconds = 0;
    double applySeconds = 0;     // everything after the verification, the three below included
    double recordsSeconds = 0;   // the record loop (and a snapshot's index rebuild)
    double indexesSeconds = 0;   // of which a snapshot's index rebuild (0 for a delta)
    double commitSeconds = 0;    // COMMIT: the WAL written and synced
    double checkpointSeconds = 0;  // the WAL copied into the database file afterwards
    // A delta's read-ahead (sync/page_warmer.h): records whose pages it read ahead of the apply, and
    // records it left out because the file looked cached. 0 and 0 for a snapshot, or when it did not start.
    std::uint64_t readAheadRecords = 0;
    std::uint64_t readAheadSampledOut = 0;
};

}  // namespace kiosk::members
