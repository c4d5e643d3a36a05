#pragma once
// Internal: the bundle byte layout shared by the reader (kiosk) and the writer (publisher tools).
// All integers little-endian. See docs/members.md, "Bundle format".
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/error.h"
#include "app/members/member_crypto.h"
#include "app/members/sync/bundle.h"

namespace kiosk::members::detail {

inline constexpr std::array<std::uint8_t, 8> kBundleMagic{'K', 'M', 'B', 'U', 'N', 'D', 'L', 0};
inline constexpr std::array<std::uint8_t, 8> kTrailerMagic{'K', 'M', 'B', 'T', 'R', 'A', 'I', 'L'};
// Version 2 appends a flags byte to member, add and change records; version 1 bundles (without it)
// are still read, their members without a lookout. Version 3 keeps version 2's records and changes how
// the content is signed (kFirstDigestSignedVersion); versions 1 and 2 are still verified as they were.
inline constexpr std::uint16_t kBundleVersion = 3;
inline constexpr std::uint16_t kOldestBundleVersion = 1;
static_assert(BundleHeader{}.formatVersion == kBundleVersion);
// The record flags byte (version 2). Bits not defined here must be 0: a reader that does not know a
// bit refuses the record rather than drop what it might mean.
inline constexpr std::uint8_t kRecordFlagLookout = 0x01;
inline constexpr std::uint8_t kRecordFlagsKnown = kRecordFlagLookout;
inline constexpr std::size_t kHeaderSize = 80;
inline constexpr std::size_t kTrailerSize = 24;    // magic, record count, content length
inline constexpr std::size_t kSignatureSize = 64;  // Ed25519ph (versions 1, 2) or Ed25519 (3)

// From version 3 the publisher signs, with plain Ed25519, the 64-byte message kSignedDigestContext ‖
// BLAKE2b-256(content) instead of the content itself with Ed25519ph. Why: Ed25519ph hashes with
// SHA-512 (libsodium: ~474 MB/s on this machine), the digest pass with BLAKE2b (~930 MB/s), so
// verifying a version 2 bundle hashed everything twice; a version 3 bundle is hashed once, and the
// digest signed is the one the apply pass re-checks and `imports` records. BLAKE2b-256's 128-bit
// collision resistance matches Ed25519's security level (hash-then-sign as minisign does with
// BLAKE2b-512); the context binds the signature to this use.
inline constexpr std::uint16_t kFirstDigestSignedVersion = 3;
inline constexpr std::size_t kDigestSize = kHashSize;  // contentDigest(), VerifiedBundle::digest
inline constexpr std::size_t kSignedDigestMessageSize = 32 + kDigestSize;
// The message a version >= 3 signature covers: "kiosk.members.bundle.v3", NUL-padded to 32 bytes, then
// the content digest.
[[nodiscard]] std::array<std::uint8_t, kSignedDigestMessageSize> signedDigestMessage(
    std::span<const std::uint8_t, kDigestSize> digest);
// Signs a whole content (everything before the signature) as a bundle of `version` is signed: for tests
// and the fuzzer, which re-sign files they made or mutated. `secret` is libsodium's 64-byte secret key.
void signContent(std::span<const std::uint8_t> content, std::uint16_t version,
                 std::span<const std::uint8_t, 64> secret, std::span<std::uint8_t, kSignatureSize> signature);
inline constexpr std::size_t kMinBundleSize = kHeaderSize + kTrailerSize + kSignatureSize;
inline constexpr std::uint32_t kMaxRecordSize = 16u << 20;
inline constexpr std::size_t kMaxMemberRef = 64;
inline constexpr std::size_t kMaxProgramCode = 32;
inline constexpr std::size_t kMaxPrograms = 16;
inline constexpr std::size_t kMaxDocuments = 16;
inline constexpr std::size_t kMaxFingers = 10;
inline constexpr std::size_t kMaxCiphertext = 64 * 1024 + kTagSize;

enum class RecordType : std::uint8_t { Member = 1, Add = 2, Change = 3, Remove = 4 };

struct BundleProgram {
    std::string code;
    std::uint8_t status = 0;  // ProgramStatus
    std::int32_t expiresDays = 0;
};

// One member as it travels in a bundle: lookup keys and already-sealed templates only.
struct BundleMember {
    RecordType type = RecordType::Member;
    std::string ref;
    std::vector<BundleProgram> programs;
    std::vector<SealedDocument> documents;
    bool lookout = false;  // flags bit 0; version 2 only (a version 1 record decodes as false)
};

void encodeHeader(const BundleHeader& h, std::array<std::uint8_t, kHeaderSize>& out);
[[nodiscard]] kiosk::Result<BundleHeader> decodeHeader(std::span<const std::uint8_t, kHeaderSize> in,
                                                       const std::string& where);
// Appends u32 length + body in the layout of `version` (1 or 2). Version 1 has no flags byte: the
// caller (BundleWriter::add) refuses a lookout it cannot carry.
void encodeRecord(const BundleMember& m, std::vector<std::uint8_t>& out, std::uint16_t version = kBundleVersion);
// Decodes one record body (without its length prefix) in the layout of `version`, the header's;
// checks every range. InvalidInput naming the record index and field on anything malformed.
[[nodiscard]] kiosk::Result<void> decodeRecord(std::span<const std::uint8_t> body, std::uint64_t index,
                                               const std::string& where, BundleMember& out,
                                               std::uint16_t version = kBundleVersion);

// Reads a file sequentially through a 1 MiB buffer; every byte read before `hashLimit` feeds a
// BLAKE2b-256 state (the content digest).
class BundleFile {
public:
    BundleFile() = default;
    BundleFile(const BundleFile&) = delete;
    BundleFile& operator=(const BundleFile&) = delete;
    ~BundleFile();
    [[nodiscard]] kiosk::Result<void> open(const std::filesystem::path& file);
    [[nodiscard]] std::uint64_t size() const { return size_; }
    [[nodiscard]] std::uint64_t position() const { return position_; }
    // Exactly n bytes or an InvalidInput "truncated" error.
    [[nodiscard]] kiosk::Result<void> read(std::uint8_t* out, std::size_t n);
    [[nodiscard]] kiosk::Result<void> readAt(std::uint64_t offset, std::uint8_t* out, std::size_t n) const;
    [[nodiscard]] const std::string& where() const { return where_; }

private:
    int fd_ = -1;
    std::uint64_t size_ = 0, position_ = 0;
    std::vector<std::uint8_t> buffer_;
    std::size_t bufferPos_ = 0, bufferEnd_ = 0;
    std::string where_;
};

std::uint32_t loadU32(const std::uint8_t* p);
std::uint64_t loadU64(const std::uint8_t* p);

}  // namespace kiosk::members::detail
