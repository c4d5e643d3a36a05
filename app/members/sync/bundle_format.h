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
// are still read, their members without a lookout.
inline constexpr std::uint16_t kBundleVersion = 2;
inline constexpr std::uint16_t kOldestBundleVersion = 1;
static_assert(BundleHeader{}.formatVersion == kBundleVersion);
// The record flags byte (version 2). Bits not defined here must be 0: a reader that does not know a
// bit refuses the record rather than drop what it might mean.
inline constexpr std::uint8_t kRecordFlagLookout = 0x01;
inline constexpr std::uint8_t kRecordFlagsKnown = kRecordFlagLookout;
inline constexpr std::size_t kHeaderSize = 80;
inline constexpr std::size_t kTrailerSize = 24;    // magic, record count, content length
inline constexpr std::size_t kSignatureSize = 64;  // Ed25519ph
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
