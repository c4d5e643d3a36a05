#pragma once
// Internal: the `members.programs` column (schema v4). A member's program memberships live in one
// blob on the member's row instead of one row each in a table of their own: a lookup reads the member
// and its programs from one row, a snapshot writes ~1.5 B-tree entries a member fewer, and a delta's
// change dirties one page fewer (docs/members.md, "Schema").
//
// Layout, memberships in ascending program code id, each code once; integers little-endian:
//   u32 code id (program_codes.id, >= 1) | u8 status (0 active, 1 suspended, 2 revoked) | i32 expiry (days since 1970)
// Code ids are stable for the life of the file: imports only ever add codes (never renumber or delete
// them), so a code id read from a member row always names the code it named when it was written.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace kiosk::members::detail {

inline constexpr std::size_t kPackedProgramSize = 9;
inline constexpr std::size_t kMaxPackedPrograms = 16;

struct PackedProgram {
    std::int64_t codeId = 0;
    int status = 0;
    std::int32_t expiresDays = 0;
    friend bool operator==(const PackedProgram&, const PackedProgram&) = default;
};

// Packs `programs` (sorted by code id here) into `out` (replaced). False, with `out` cleared, when a code
// repeats or a field is out of range: the caller refuses the record rather than store half of it.
[[nodiscard]] bool packPrograms(std::vector<PackedProgram> programs, std::vector<std::uint8_t>& out);

// Unpacks a blob (replaced). False on anything malformed (a partial entry, codes out of order or
// repeated, a status or count out of range): a damaged row, never half a member.
[[nodiscard]] bool unpackPrograms(std::span<const std::uint8_t> blob, std::vector<PackedProgram>& out);

}  // namespace kiosk::members::detail
