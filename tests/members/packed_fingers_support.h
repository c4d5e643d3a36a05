#pragma once
// Test access to the `documents.fingers` column (schema v4): every finger of a document packed in one
// blob (app/members/finger_pack.h), which SQL alone cannot take apart.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "app/members/finger_pack.h"

namespace kiosk::members::test {

// Distinct (member, finger position) pairs over every document, i.e. what meta's finger_count counts.
// Fails the test on a blob that does not unpack.
inline std::size_t fingersHeld(sqlite3* db) {
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT member_id, fingers FROM documents", -1, &s, nullptr) == SQLITE_OK);
    std::map<std::int64_t, unsigned> positions;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(s, 1));
        const std::vector<std::uint8_t> blob(data, data + sqlite3_column_bytes(s, 1));
        unsigned mask = 0;
        CHECK(detail::packedPositions(blob, mask));
        positions[sqlite3_column_int64(s, 0)] |= mask;
    }
    sqlite3_finalize(s);
    std::size_t total = 0;
    for (const auto& [member, mask] : positions) total += static_cast<std::size_t>(__builtin_popcount(mask));
    return total;
}

// Rewrites the packed fingers of every document that has some with `edit` (as a damaged or tampered
// file would hold them); returns how many rows changed.
inline int rewriteFingers(sqlite3* db, const std::function<void(std::vector<std::uint8_t>&)>& edit) {
    std::vector<std::pair<std::int64_t, std::vector<std::uint8_t>>> rows;
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT id, fingers FROM documents WHERE length(fingers) > 0", -1, &s, nullptr) ==
            SQLITE_OK);
    while (sqlite3_step(s) == SQLITE_ROW) {
        const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(s, 1));
        rows.emplace_back(sqlite3_column_int64(s, 0), std::vector<std::uint8_t>(data, data + sqlite3_column_bytes(s, 1)));
    }
    sqlite3_finalize(s);
    REQUIRE(sqlite3_prepare_v2(db, "UPDATE documents SET fingers = ?2 WHERE id = ?1", -1, &s, nullptr) == SQLITE_OK);
    int changed = 0;
    for (auto& [id, blob] : rows) {
        edit(blob);
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_blob(s, 2, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
        REQUIRE(sqlite3_step(s) == SQLITE_DONE);
        sqlite3_reset(s);
        changed += sqlite3_changes(db);
    }
    sqlite3_finalize(s);
    return changed;
}

// Byte offsets inside one packed finger (finger_pack.h's layout).
inline constexpr std::size_t kPackedQuality = 1;
inline constexpr std::size_t kPackedNonce = 2;
inline constexpr std::size_t kPackedCiphertext = 2 + 24 + 4;

}  // namespace kiosk::members::test
