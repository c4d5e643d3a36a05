#pragma once
// Shared by the bundle, sync and crash tests: fixed keys and small synthetic bundles.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>

#include <cstdint>
#include <filesystem>
#include <vector>

#include "app/members/member_cache.h"
#include "app/members/sync/bundle_writer.h"
#include "app/members/sync/synthetic_population.h"
#include "tests/members/member_test_support.h"

namespace kiosk::members::test {

inline constexpr std::uint64_t kSeed = 7;

// Drops a file's clean pages from the page cache (written back first: dirty pages stay).
inline void evictFromPageCache(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    ::fdatasync(fd);
    (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

inline void sqlExec(sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    REQUIRE(rc == SQLITE_OK);
}

inline std::string sqlText(sqlite3* db, const char* sql) {
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return out;
}

inline bool contains(const std::vector<std::uint8_t>& hay, const void* needle, std::size_t size) {
    const auto* n = static_cast<const std::uint8_t*>(needle);
    return std::search(hay.begin(), hay.end(), n, n + size) != hay.end();
}

inline DeploymentKey deploymentKey(std::uint8_t fill = 0x42) {
    std::array<std::uint8_t, DeploymentKey::kSize> bytes{};
    bytes.fill(fill);
    return DeploymentKey::fromBytes(bytes);
}

inline PublisherSecretKey publisherKey(std::uint8_t fill = 0x17) {
    std::array<std::uint8_t, 32> seed{};
    seed.fill(fill);
    return PublisherSecretKey::fromSeed(seed);
}

inline MemberCache openCacheFile(const std::filesystem::path& file, std::uint8_t keyFill = 0x42) {
    auto cache = MemberCache::open(file, deploymentKey(keyFill));
    INFO((cache ? std::string() : cache.error().describe()));
    REQUIRE(cache.has_value());
    return std::move(*cache);
}

inline std::uint64_t snapshot(const std::filesystem::path& file, synthetic::Range members, std::uint32_t revision,
                              std::uint64_t sequence, const PublisherSecretKey& publisher) {
    const auto key = deploymentKey();
    auto size = synthetic::writeSnapshot(file, kSeed, members, revision, sequence, 1'790'000'000, {key, publisher});
    INFO((size ? std::string() : size.error().describe()));
    REQUIRE(size.has_value());
    return *size;
}

inline std::uint64_t delta(const std::filesystem::path& file, const synthetic::DeltaSpec& spec,
                           const PublisherSecretKey& publisher) {
    const auto key = deploymentKey();
    auto size = synthetic::writeDelta(file, kSeed, spec, {key, publisher});
    INFO((size ? std::string() : size.error().describe()));
    REQUIRE(size.has_value());
    return *size;
}

// The member's expected record at a revision, or nullopt when absent: checked through every document.
// The member as of `revision` (absent: not held), with the fingers of revision `enrolment` if given.
inline void expectMember(const MemberCache& cache, std::uint64_t index, std::optional<std::uint32_t> revision,
                         std::optional<std::uint32_t> enrolment = std::nullopt) {
    const auto m = synthetic::member(kSeed, index, revision.value_or(0), enrolment.value_or(revision.value_or(0)));
    for (const auto& d : m.documents) {
        auto found = cache.lookup(d);
        INFO("member " << index << (found ? std::string() : " " + found.error().describe()));
        REQUIRE(found.has_value());
        if (!revision) {
            CHECK_FALSE(found->has_value());
        } else {
            REQUIRE(found->has_value());
            CHECK(**found == synthetic::expectedRecord(m));
        }
    }
}

}  // namespace kiosk::members::test
