#pragma once
// Internal: key derivation and template sealing for the member cache. Declared without sodium.h so
// that only the .cpp files see libsodium.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "app/core/error.h"
#include "app/members/deployment_key.h"

namespace kiosk::members::detail {

inline constexpr std::size_t kHashSize = 32;   // lookup key and derived sealing key
inline constexpr std::size_t kNonceSize = 24;  // XChaCha20-Poly1305
inline constexpr std::size_t kTagSize = 16;

using LookupKey = std::array<std::uint8_t, kHashSize>;
using Nonce = std::array<std::uint8_t, kNonceSize>;

// A document's derived key that wipes itself. Opening needs `bytes` only; sealing also uses
// `nonceKey` when deriveSealingKey filled it (see sealTemplate).
class SealKey {
public:
    SealKey() = default;
    SealKey(const SealKey&) = delete;
    SealKey& operator=(const SealKey&) = delete;
    SealKey(SealKey&& other) noexcept;
    SealKey& operator=(SealKey&& other) noexcept;
    ~SealKey();
    std::array<std::uint8_t, kHashSize> bytes{};
    std::array<std::uint8_t, kHashSize> nonceKey{};
    bool derivesNonces = false;  // nonceKey holds a derived key
};

// sodium_init() exactly once per process (thread-safe); false when libsodium cannot start.
[[nodiscard]] bool sodiumReady();

// BLAKE2b-256 keyed by the deployment key over a domain prefix + the canonical document text.
void deriveLookupKey(const DeploymentKey& key, std::string_view canonical, LookupKey& out);
void deriveSealKey(const DeploymentKey& key, std::string_view canonical, SealKey& out);
// deriveSealKey plus the document's nonce key (its own domain): what a publisher seals with.
void deriveSealingKey(const DeploymentKey& key, std::string_view canonical, SealKey& out);

// XChaCha20-Poly1305; the associated data binds the sealed template to its row (lookup key, finger
// position, quality), so rows cannot be swapped or relabelled unnoticed. With a key from
// deriveSealingKey the nonce is a keyed hash (BLAKE2b-192 under the document's nonce key) of the
// associated data and the template, so sealing is deterministic: an enrolment the publisher seals again
// unchanged gives the same bytes, and a delta that only changes a member's programs leaves its
// document rows alone. Nonces repeat only for identical input, where the ciphertext repeats too.
// Without one (a key derived for opening) the nonce is random, as before.
void sealTemplate(const SealKey& key, const LookupKey& row, int position, int quality,
                  std::span<const std::uint8_t> plain, Nonce& nonce, std::vector<std::uint8_t>& sealed);
// False when the ciphertext, nonce or associated data were altered or the key is wrong.
[[nodiscard]] bool openTemplate(const SealKey& key, const LookupKey& row, int position, int quality,
                                std::span<const std::uint8_t> nonce, std::span<const std::uint8_t> sealed,
                                std::vector<std::uint8_t>& plain);

void wipe(void* data, std::size_t size) noexcept;

// THE definition of how a document's templates are sealed, shared by the JSON member-list import
// (sealing at the kiosk) and the bundle publisher (sealing at the back end, which holds the
// deployment key): one row per (document, finger), each bound to its lookup key, position, quality.
struct PlainFinger {
    int position = 0;  // 1..10
    int quality = 0;   // 0..100
    std::span<const std::uint8_t> isoTemplate;
};
struct SealedFinger {
    int position = 0;
    int quality = 0;
    Nonce nonce{};
    std::vector<std::uint8_t> ciphertext;  // template + 16-byte tag
};
struct SealedDocument {
    LookupKey lookupKey{};
    std::vector<SealedFinger> fingers;  // in the order given
};
// Seals every finger with the document's sealing key (sealTemplate); out is resized to match.
void sealFingers(const SealKey& key, const LookupKey& row, std::span<const PlainFinger> fingers,
                 std::vector<SealedFinger>& out);
// 16 bytes that change whenever a member's enrolment does: which documents identify them and what is
// sealed on each (BLAKE2b-128 over every document's lookup key and, per finger in position order, its
// position, quality, nonce, ciphertext length and Poly1305 tag, documents in lookup-key order). Kept on
// the member row (schema v5) so a delta's change whose tag matches skips reading the member's
// documents: a status change reads one member page instead of that and every document page. The
// ciphertext's tag stands for the ciphertext: it authenticates it under a key of this nonce.
using EnrolmentTag = std::array<std::uint8_t, 16>;
[[nodiscard]] EnrolmentTag enrolmentTag(std::span<const SealedDocument> documents);
// Derives the lookup key and the sealing key from the canonical document text (canonicalDocument()),
// seals the fingers, and wipes the sealing key.
void sealDocument(const DeploymentKey& key, std::string_view canonical, std::span<const PlainFinger> fingers,
                  SealedDocument& out);

}  // namespace kiosk::members::detail

namespace kiosk::members::detail {
// Unkeyed BLAKE2b-256 of an imported file, kept in the import history for audit.
[[nodiscard]] LookupKey contentDigest(std::span<const std::uint8_t> content);
}  // namespace kiosk::members::detail
