#pragma once
// Publisher side (kioskctl members publish, tests, bench): the Ed25519 signing key and a streaming
// bundle writer. Not linked into the kiosk. A bundle is written to "<file>.partial" and renamed into
// place only once signed, so a sync folder never offers half a bundle.
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "app/core/error.h"
#include "app/members/deployment_key.h"
#include "app/members/sync/bundle.h"
#include "app/members/sync/bundle_format.h"

namespace kiosk::members {

class PublisherSecretKey {
public:
    static constexpr std::size_t kSize = 64;  // libsodium Ed25519 secret key (seed + public key)
    [[nodiscard]] static PublisherSecretKey generate();
    [[nodiscard]] static PublisherSecretKey fromSeed(std::span<const std::uint8_t, 32> seed);  // tests: fixed keys
    // Raw 64 bytes, refused when group/others can access the file.
    [[nodiscard]] static kiosk::Result<PublisherSecretKey> load(const std::filesystem::path& file);
    // Secret key 0600; refuses to overwrite an existing file.
    [[nodiscard]] kiosk::Result<void> save(const std::filesystem::path& file) const;

    PublisherSecretKey(const PublisherSecretKey&) = delete;
    PublisherSecretKey& operator=(const PublisherSecretKey&) = delete;
    PublisherSecretKey(PublisherSecretKey&&) noexcept;
    PublisherSecretKey& operator=(PublisherSecretKey&&) noexcept;
    ~PublisherSecretKey();

    [[nodiscard]] PublisherKey publicKey() const;
    [[nodiscard]] const std::array<std::uint8_t, kSize>& bytes() const { return bytes_; }

private:
    PublisherSecretKey() = default;
    std::array<std::uint8_t, kSize> bytes_{};
};

// Writes the public key as 64 hex digits and a newline.
[[nodiscard]] kiosk::Result<void> savePublisherKey(const PublisherKey& key, const std::filesystem::path& file);

class BundleWriter {
public:
    // header.keyId is filled from the key; header.recordCount must be the exact number of add() calls.
    // header.formatVersion picks the record layout (the current one by default; 1 for tests of old
    // bundles, where add() refuses a member with a lookout).
    [[nodiscard]] static kiosk::Result<BundleWriter> create(const std::filesystem::path& file, BundleHeader header,
                                                            const PublisherSecretKey& key);
    BundleWriter(BundleWriter&&) noexcept;
    BundleWriter& operator=(BundleWriter&&) noexcept;
    ~BundleWriter();  // an unfinished bundle's .partial file is removed

    [[nodiscard]] kiosk::Result<void> add(const detail::BundleMember& member);
    // Trailer + signature, fsync, rename into place. Returns the file size.
    [[nodiscard]] kiosk::Result<std::uint64_t> finish();

    // Tests: writes raw bytes as if they were a record body (malformed records, signed).
    [[nodiscard]] kiosk::Result<void> addRaw(std::span<const std::uint8_t> lengthPrefixedRecord);

private:
    struct Impl;
    explicit BundleWriter(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// A snapshot of a JSON member list (docs/members.md, "Member list format"), sealed with the shared
// detail::sealFingers, members in list order. Returns the bundle size.
[[nodiscard]] kiosk::Result<std::uint64_t> writeSnapshotFromMemberList(const std::filesystem::path& list,
                                                                       const std::filesystem::path& output,
                                                                       std::uint64_t sequence, std::int64_t created,
                                                                       const DeploymentKey& deployment,
                                                                       const PublisherSecretKey& secret);

}  // namespace kiosk::members
