#include "app/members/member_crypto.h"

#include <sodium.h>

#include <algorithm>
#include <utility>

namespace kiosk::members::detail {

namespace {
// Distinct, versioned prefixes so the lookup key and the sealing key can never coincide, and a later
// scheme can coexist. The NUL ends the prefix unambiguously (canonical text never holds one).
constexpr std::string_view kLookupDomain{"kiosk.members.lookup.v1\0", 24};
constexpr std::string_view kSealDomain{"kiosk.members.seal.v1\0", 22};
constexpr std::string_view kAdDomain{"kiosk.members.finger.v1\0", 24};
constexpr std::string_view kNonceDomain{"kiosk.members.nonce.v1\0", 23};
static_assert(crypto_generichash_KEYBYTES_MAX >= DeploymentKey::kSize);
static_assert(crypto_generichash_KEYBYTES_MIN <= DeploymentKey::kSize);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == kHashSize);
static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == kNonceSize);
static_assert(kNonceSize >= crypto_generichash_BYTES_MIN && kNonceSize <= crypto_generichash_BYTES_MAX);
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == kTagSize);

const unsigned char* uc(const void* p) { return static_cast<const unsigned char*>(p); }

void keyedHash(const DeploymentKey& key, std::string_view domain, std::string_view canonical,
               std::uint8_t* out) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, key.bytes().data(), key.bytes().size(), kHashSize);
    crypto_generichash_update(&state, uc(domain.data()), domain.size());
    crypto_generichash_update(&state, uc(canonical.data()), canonical.size());
    crypto_generichash_final(&state, out, kHashSize);
    sodium_memzero(&state, sizeof state);  // the state holds key material
}

// domain | lookup key | position | quality: 24 + 32 + 2 bytes, built on the stack.
using Ad = std::array<std::uint8_t, kAdDomain.size() + kHashSize + 2>;
Ad associatedData(const LookupKey& row, int position, int quality) {
    Ad ad{};
    std::size_t i = 0;
    for (const char c : kAdDomain) ad[i++] = static_cast<std::uint8_t>(c);
    for (const std::uint8_t b : row) ad[i++] = b;
    ad[i++] = static_cast<std::uint8_t>(position);
    ad[i] = static_cast<std::uint8_t>(quality);
    return ad;
}
}  // namespace

SealKey::SealKey(SealKey&& other) noexcept { *this = std::move(other); }
SealKey& SealKey::operator=(SealKey&& other) noexcept {
    if (this != &other) {
        bytes = other.bytes;
        nonceKey = other.nonceKey;
        derivesNonces = std::exchange(other.derivesNonces, false);
        wipe(other.bytes.data(), kHashSize);
        wipe(other.nonceKey.data(), kHashSize);
    }
    return *this;
}
SealKey::~SealKey() {
    wipe(bytes.data(), kHashSize);
    wipe(nonceKey.data(), kHashSize);
}

bool sodiumReady() {
    static const bool ready = sodium_init() >= 0;  // magic static: initialised once, thread-safe
    return ready;
}

void wipe(void* data, std::size_t size) noexcept { sodium_memzero(data, size); }

void deriveLookupKey(const DeploymentKey& key, std::string_view canonical, LookupKey& out) {
    keyedHash(key, kLookupDomain, canonical, out.data());
}

void deriveSealKey(const DeploymentKey& key, std::string_view canonical, SealKey& out) {
    keyedHash(key, kSealDomain, canonical, out.bytes.data());
    wipe(out.nonceKey.data(), kHashSize);  // a key reused for another document never keeps the last one's
    out.derivesNonces = false;
}

void deriveSealingKey(const DeploymentKey& key, std::string_view canonical, SealKey& out) {
    deriveSealKey(key, canonical, out);
    keyedHash(key, kNonceDomain, canonical, out.nonceKey.data());
    out.derivesNonces = true;
}

void sealTemplate(const SealKey& key, const LookupKey& row, int position, int quality,
                  std::span<const std::uint8_t> plain, Nonce& nonce, std::vector<std::uint8_t>& sealed) {
    const Ad ad = associatedData(row, position, quality);
    if (key.derivesNonces) {
        crypto_generichash_state state;
        crypto_generichash_init(&state, key.nonceKey.data(), key.nonceKey.size(), nonce.size());
        crypto_generichash_update(&state, ad.data(), ad.size());
        crypto_generichash_update(&state, plain.data(), plain.size());
        crypto_generichash_final(&state, nonce.data(), nonce.size());
        sodium_memzero(&state, sizeof state);  // the state holds key material
    } else {
        randombytes_buf(nonce.data(), nonce.size());
    }
    sealed.resize(plain.size() + kTagSize);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(sealed.data(), &written, plain.data(), plain.size(),
                                               ad.data(), ad.size(), nullptr, nonce.data(),
                                               key.bytes.data());
    sealed.resize(static_cast<std::size_t>(written));
}

bool openTemplate(const SealKey& key, const LookupKey& row, int position, int quality,
                  std::span<const std::uint8_t> nonce, std::span<const std::uint8_t> sealed,
                  std::vector<std::uint8_t>& plain) {
    if (nonce.size() != kNonceSize || sealed.size() < kTagSize) return false;
    const Ad ad = associatedData(row, position, quality);
    plain.resize(sealed.size() - kTagSize);
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &written, nullptr, sealed.data(),
                                                   sealed.size(), ad.data(), ad.size(), nonce.data(),
                                                   key.bytes.data()) != 0) {
        plain.clear();
        return false;
    }
    plain.resize(static_cast<std::size_t>(written));
    return true;
}

void sealFingers(const SealKey& key, const LookupKey& row, std::span<const PlainFinger> fingers,
                 std::vector<SealedFinger>& out) {
    out.resize(fingers.size());
    for (std::size_t i = 0; i < fingers.size(); ++i) {
        out[i].position = fingers[i].position;
        out[i].quality = fingers[i].quality;
        sealTemplate(key, row, fingers[i].position, fingers[i].quality, fingers[i].isoTemplate, out[i].nonce,
                     out[i].ciphertext);
    }
}

EnrolmentTag enrolmentTag(std::span<const SealedDocument> documents) {
    // The domain as BLAKE2b's personalisation, so a one-document member hashes in one 128-byte block.
    static constexpr unsigned char kPersonal[crypto_generichash_blake2b_PERSONALBYTES] = {
        'k', 'i', 'o', 's', 'k', '.', 'e', 'n', 'r', 'o', 'l', '.', 'v', '1', 0, 0};
    crypto_generichash_blake2b_state state;
    crypto_generichash_blake2b_init_salt_personal(&state, nullptr, 0, sizeof(EnrolmentTag), nullptr, kPersonal);
    const auto add = [&](const void* data, std::size_t size) { crypto_generichash_blake2b_update(&state, uc(data), size); };

    std::vector<const SealedDocument*> byKey;
    byKey.reserve(documents.size());
    for (const auto& d : documents) byKey.push_back(&d);
    std::sort(byKey.begin(), byKey.end(), [](const auto* a, const auto* b) { return a->lookupKey < b->lookupKey; });
    for (const SealedDocument* d : byKey) {
        add(d->lookupKey.data(), d->lookupKey.size());
        // Positions 1..10, each once (decodeRecord's guarantee): their order is the position's.
        std::array<const SealedFinger*, 11> byPosition{};
        std::uint8_t count = 0;
        for (const auto& f : d->fingers)
            if (f.position >= 1 && f.position <= 10) byPosition[static_cast<std::size_t>(f.position)] = &f, ++count;
        add(&count, 1);
        for (const SealedFinger* f : byPosition) {
            if (f == nullptr) continue;
            const auto size = static_cast<std::uint32_t>(f->ciphertext.size());
            const std::uint8_t head[6] = {static_cast<std::uint8_t>(f->position), static_cast<std::uint8_t>(f->quality),
                                          static_cast<std::uint8_t>(size), static_cast<std::uint8_t>(size >> 8),
                                          static_cast<std::uint8_t>(size >> 16), static_cast<std::uint8_t>(size >> 24)};
            add(head, sizeof head);
            add(f->nonce.data(), f->nonce.size());
            const std::size_t tag = std::min(f->ciphertext.size(), kTagSize);
            add(f->ciphertext.data() + f->ciphertext.size() - tag, tag);
        }
    }
    EnrolmentTag out{};
    crypto_generichash_blake2b_final(&state, out.data(), out.size());
    return out;
}

void sealDocument(const DeploymentKey& key, std::string_view canonical, std::span<const PlainFinger> fingers,
                  SealedDocument& out) {
    deriveLookupKey(key, canonical, out.lookupKey);
    SealKey sealKey;
    deriveSealingKey(key, canonical, sealKey);
    sealFingers(sealKey, out.lookupKey, fingers, out.fingers);
}

}  // namespace kiosk::members::detail

namespace kiosk::members::detail {
LookupKey contentDigest(std::span<const std::uint8_t> content) {
    LookupKey out{};
    crypto_generichash(out.data(), out.size(), content.data(), content.size(), nullptr, 0);
    return out;
}
}  // namespace kiosk::members::detail
