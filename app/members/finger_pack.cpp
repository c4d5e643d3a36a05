#include "app/members/finger_pack.h"

#include <algorithm>

namespace kiosk::members::detail {

namespace {

constexpr std::size_t kFixedPart = 1 + 1 + kNonceSize + 4;

bool inRange(int position, int quality, std::size_t ciphertext) {
    return position >= 1 && position <= 10 && quality >= 0 && quality <= 100 && ciphertext >= kTagSize &&
           ciphertext <= kMaxPackedCiphertext;
}

}  // namespace

bool packFingers(std::span<const SealedFinger> fingers, std::vector<std::uint8_t>& out) {
    out.clear();
    // Sorted by position through indexes: the sealed fingers themselves are not copied.
    std::vector<std::size_t> order(fingers.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return fingers[a].position < fingers[b].position; });
    std::size_t total = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const SealedFinger& f = fingers[order[k]];
        if (!inRange(f.position, f.quality, f.ciphertext.size())) return false;
        if (k > 0 && fingers[order[k - 1]].position == f.position) return false;
        total += kFixedPart + f.ciphertext.size();
    }
    out.reserve(total);
    for (const std::size_t i : order) {
        const SealedFinger& f = fingers[i];
        out.push_back(static_cast<std::uint8_t>(f.position));
        out.push_back(static_cast<std::uint8_t>(f.quality));
        out.insert(out.end(), f.nonce.begin(), f.nonce.end());
        const auto n = static_cast<std::uint32_t>(f.ciphertext.size());
        for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<std::uint8_t>(n >> shift));
        out.insert(out.end(), f.ciphertext.begin(), f.ciphertext.end());
    }
    return true;
}

bool unpackFingers(std::span<const std::uint8_t> blob, std::vector<PackedFingerView>& out) {
    out.clear();
    std::size_t at = 0;
    int previous = 0;
    while (at < blob.size()) {
        if (blob.size() - at < kFixedPart) return out.clear(), false;
        PackedFingerView f;
        f.position = blob[at];
        f.quality = blob[at + 1];
        f.nonce = blob.subspan(at + 2, kNonceSize);
        const std::size_t lengthAt = at + 2 + kNonceSize;
        std::size_t n = 0;
        for (int k = 3; k >= 0; --k) n = (n << 8) | blob[lengthAt + static_cast<std::size_t>(k)];
        at = lengthAt + 4;
        if (!inRange(f.position, f.quality, n) || f.position <= previous || blob.size() - at < n)
            return out.clear(), false;
        f.ciphertext = blob.subspan(at, n);
        at += n;
        previous = f.position;
        out.push_back(f);
    }
    return true;
}

bool packedPositions(std::span<const std::uint8_t> blob, unsigned& positions) {
    positions = 0;
    std::vector<PackedFingerView> views;
    if (!unpackFingers(blob, views)) return false;
    for (const auto& f : views) positions |= 1u << f.position;
    return true;
}

}  // namespace kiosk::members::detail
