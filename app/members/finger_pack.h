#pragma once
// Internal: the `documents.fingers` column (schema v4). All of a document's sealed fingers live in one
// blob on the document's row instead of one row each, so a lookup reads one row for the document and
// its templates, and a snapshot writes a third fewer B-tree entries (docs/members.md, "Schema").
// Each finger stays sealed on its own (nonce, tag, associated data binding lookup key, position and
// quality): packing changes where the bytes live, not what protects them.
//
// Layout, fingers in ascending position, each once; integers little-endian:
//   u8 position (1..10) | u8 quality (0..100) | nonce[24] | u32 n (16..kMaxPackedCiphertext) | ciphertext[n]
// An empty blob is a document without enrolled fingers.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "app/members/member_crypto.h"

namespace kiosk::members::detail {

// A template is a few hundred bytes; 1 MiB bounds a damaged length field, not a real template.
inline constexpr std::size_t kMaxPackedCiphertext = 1u << 20;

// A finger inside a packed blob, pointing into it (no copy: lookups open templates straight from the row).
struct PackedFingerView {
    int position = 0;
    int quality = 0;
    std::span<const std::uint8_t> nonce;
    std::span<const std::uint8_t> ciphertext;
};

// Packs `fingers` sorted by position into `out` (replaced). False, with `out` cleared, when a position
// repeats or a field is out of range: the caller refuses the record rather than store half of it.
[[nodiscard]] bool packFingers(std::span<const SealedFinger> fingers, std::vector<std::uint8_t>& out);

// Unpacks a blob into views (replaced). False on anything malformed (truncated, positions out of order
// or repeated, ranges): a damaged row, never half a document.
[[nodiscard]] bool unpackFingers(std::span<const std::uint8_t> blob, std::vector<PackedFingerView>& out);

// The fingers of a well-formed blob as a bit mask (1 << position); false when the blob is malformed.
[[nodiscard]] bool packedPositions(std::span<const std::uint8_t> blob, unsigned& positions);

}  // namespace kiosk::members::detail
