// The WAL between deltas (sync/bundle_apply.cpp): a delta leaves its WAL for the next to overwrite in
// place, and a kept WAL the page cache no longer holds is truncated before the next delta writes.
// Either way every delta lands whole.
#include <catch2/catch.hpp>

#include "app/members/generations.h"
#include "app/members/page_residency.h"
#include "tests/members/bundle_test_support.h"

using namespace kiosk::members;
using namespace kiosk::members::test;
namespace fs = std::filesystem;

namespace {

std::uintmax_t sizeOf(const fs::path& file) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    return ec ? 0 : size;
}

}  // namespace

TEST_CASE("a delta's WAL is kept for the next to overwrite, and truncated first when it is not cached",
          "[members][bundle]") {
    TempDir dir;
    const auto publisher = publisherKey();
    const fs::path file = dir / "members.sqlite";
    snapshot(dir / "s1.kmb", {0, 3000}, 0, 1, publisher);
    auto cache = openCacheFile(file);
    REQUIRE(cache.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());
    const fs::path wal = generations::resolve(file, generations::linkText(file)).string() + "-wal";

    // Deltas of `count` changed members from `first`, at revision `sequence`.
    const auto applyDelta = [&](std::uint64_t sequence, std::uint64_t first, std::uint64_t count) {
        synthetic::DeltaSpec spec;
        spec.sequence = sequence, spec.baseSequence = sequence - 1, spec.revision = static_cast<std::uint32_t>(sequence);
        spec.change = {first, first + count};
        const auto bundle = dir / ("d" + std::to_string(sequence) + ".kmb");
        delta(bundle, spec, publisher);
        auto applied = cache.applyBundle(bundle, publisher.publicKey());
        INFO((applied ? std::string() : applied.error().describe()));
        REQUIRE(applied.has_value());
        CHECK(applied->changed == count);
        expectMember(cache, first, static_cast<std::uint32_t>(sequence));
        expectMember(cache, first + count - 1, static_cast<std::uint32_t>(sequence));
    };

    applyDelta(2, 0, 2000);  // two thirds of the members: nearly every page of the file
    const auto large = sizeOf(wal);
    INFO("WAL after 2 000 changes: " << large << " bytes");
    CHECK(large > 0);  // checkpointed (RESTART), not truncated

    // A smaller delta overwrites the cached WAL from its start: the file keeps its size.
    applyDelta(3, 2000, 50);
    CHECK(sizeOf(wal) == large);

    // The same after the WAL left the page cache: truncated first, then only this delta's frames.
    evictFromPageCache(wal);
    const auto residency = pageResidency(wal);
    REQUIRE(residency.has_value());
    if (residency->resident * 2 > residency->pages) {
        WARN("skipped the evicted case: the OS keeps " << wal.string() << " cached (a tmpfs?)");
        return;
    }
    applyDelta(4, 2100, 20);  // ~20 member and ~20 document pages
    CHECK(sizeOf(wal) > 0);
    CHECK(sizeOf(wal) < large / 3);
    // Nothing was lost on the way: a member of each delta, and one no delta touched.
    expectMember(cache, 0, 2);
    expectMember(cache, 2000, 3);
    expectMember(cache, 2999, 0);
}
