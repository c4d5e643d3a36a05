// Signed member-list bundles (app/members/sync/bundle.h, bundle_format.h). Each input is a whole
// bundle file (header, length-prefixed records, trailer, 64-byte signature) and takes three routes:
//  1. the parsers alone: decodeHeader, then the records one by one through decodeRecord, as the
//     apply pass reads them. Property: a record decodeRecord accepts, encodeRecord writes back byte
//     for byte (one canonical encoding, so the signed bytes are the bytes applied).
//  2. verifyBundle on the file as it is, against the test publisher key: no crash on any framing.
//  3. verify-then-apply: the target writes the test key's id into the header and
//     re-signs everything before the signature with the test key, so mutated bundles get past the
//     signature and reach the record parser and the SQLite apply (MemberCache::applyBundle on
//     an empty cache). Properties: a bundle signed by the trusted key whose trailer matches the file
//     verifies; an applied snapshot leaves the cache at the bundle's sequence and member count; a
//     refused one leaves it as it was (empty).
// The test key pair comes from a fixed seed: it signs nothing outside this process.
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

#include "app/members/deployment_key.h"
#include "app/members/member_cache.h"
#include "app/members/sync/bundle.h"
#include "app/members/sync/bundle_format.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using namespace kiosk::members;

constexpr std::size_t kKeyIdOffset = 40;  // bundle_format.cpp encodeHeader: key id at bytes 40..55

struct TestKeys {
    PublisherKey publisher;
    std::array<std::uint8_t, crypto_sign_SECRETKEYBYTES> secret{};
    std::filesystem::path folder;
};

TestKeys& keys() {
    static TestKeys k = [] {
        TestKeys t;
        KIOSK_FUZZ_CHECK(sodium_init() >= 0);
        std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
        for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(0xA5 ^ i);
        crypto_sign_seed_keypair(t.publisher.bytes.data(), t.secret.data(), seed.data());
        // tmpfs when there is one: every input is written to a file (verifyBundle reads files).
        const std::filesystem::path base = std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                                               : std::filesystem::temp_directory_path();
        t.folder = base / ("kiosk-fuzz-bundle-" + std::to_string(::getpid()));
        std::filesystem::create_directories(t.folder);
        return t;
    }();
    // Registered after k is built, so it runs before k is destroyed.
    static const bool cleanup = [] {
        return std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(keys().folder, ec);
        }) == 0;
    }();
    (void)cleanup;
    return k;
}

void writeFile(const std::filesystem::path& file, const std::uint8_t* data, std::size_t size) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    KIOSK_FUZZ_CHECK(out.good());
}

void parseRecords(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk::members::detail;
    if (size < kHeaderSize) return;
    const auto header = decodeHeader(std::span<const std::uint8_t, kHeaderSize>(data, kHeaderSize), "fuzz");
    if (!header) return;
    std::size_t at = kHeaderSize;
    BundleMember member;
    std::vector<std::uint8_t> again;
    for (std::uint64_t i = 0; i < header->recordCount && at + 4 <= size; ++i) {
        const std::uint32_t length = loadU32(data + at);
        if (length == 0 || length > size - at - 4) return;
        const std::span<const std::uint8_t> body(data + at + 4, length);
        // Records are laid out as the header's format version says (docs/members.md).
        if (!decodeRecord(body, i, "fuzz", member, header->formatVersion)) return;
        again.clear();
        encodeRecord(member, again, header->formatVersion);
        KIOSK_FUZZ_CHECK(again.size() == length + 4u);
        KIOSK_FUZZ_CHECK(std::equal(body.begin(), body.end(), again.begin() + 4));
        at += 4 + length;
    }
}

void verifyThenApply(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk::members::detail;
    if (size < kMinBundleSize) return;
    std::vector<std::uint8_t> file(data, data + size);
    const auto id = keys().publisher.id();
    std::copy(id.begin(), id.end(), file.begin() + kKeyIdOffset);
    const std::size_t content = size - kSignatureSize;
    // Signed as the header's format version says (version 3 signs a digest, 1 and 2 the content).
    const std::uint16_t version = static_cast<std::uint16_t>(file[8] | file[9] << 8);
    signContent(std::span<const std::uint8_t>(file.data(), content), version,
                std::span<const std::uint8_t, 64>(keys().secret.data(), 64),
                std::span<std::uint8_t, kSignatureSize>(file.data() + content, kSignatureSize));
    const auto path = keys().folder / "signed.kmb";
    writeFile(path, file.data(), file.size());

    const auto header = decodeHeader(std::span<const std::uint8_t, kHeaderSize>(file.data(), kHeaderSize), "fuzz");
    const auto verified = verifyBundle(path, keys().publisher);
    const std::uint8_t* trailer = file.data() + content - kTrailerSize;
    const bool framed = header && std::equal(kTrailerMagic.begin(), kTrailerMagic.end(), trailer) &&
                        loadU64(trailer + 8) == header->recordCount && loadU64(trailer + 16) == content;
    KIOSK_FUZZ_CHECK(verified.has_value() == framed);
    if (!verified || verified->header.kind != BundleKind::Snapshot) return;

    // An empty cache (sequence 0), where a snapshot applies whatever its sequence. Re-created only
    // after a successful apply: a refused one must leave it empty, which is checked below.
    static std::optional<MemberCache> cache;
    static bool cacheUsed = true;
    if (cacheUsed) {
        cache.reset();
        const auto db = keys().folder / "members.sqlite";
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(db.string() + suffix, ec);
        std::array<std::uint8_t, DeploymentKey::kSize> deploymentBytes{};
        deploymentBytes.fill(0x5A);
        auto opened = MemberCache::open(db, DeploymentKey::fromBytes(deploymentBytes),
                                        OpenOptions{OpenOptions::Integrity::None});
        KIOSK_FUZZ_CHECK(opened.has_value());
        cache.emplace(std::move(*opened));
        cacheUsed = false;
    }
    const auto applied = cache->applyBundle(path, keys().publisher);
    const auto stats = cache->stats();
    KIOSK_FUZZ_CHECK(stats.has_value());
    if (!applied) {
        KIOSK_FUZZ_CHECK(stats->sequence == 0 && stats->members == 0);  // all or nothing
        return;
    }
    cacheUsed = true;
    KIOSK_FUZZ_CHECK(static_cast<std::uint64_t>(stats->sequence) == verified->header.sequence);
    KIOSK_FUZZ_CHECK(stats->members == applied->members);
    KIOSK_FUZZ_CHECK(applied->members == verified->header.recordCount);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 1024 * 1024) return 0;  // the parsers stream; bigger inputs only slow the search
    parseRecords(data, size);
    const auto raw = keys().folder / "raw.kmb";
    writeFile(raw, data, size);
    (void)verifyBundle(raw, keys().publisher);
    verifyThenApply(data, size);
    return 0;
}
