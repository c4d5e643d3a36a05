// A delta's read-ahead (sync/page_warmer.h): it brings into the OS page cache the pages a delta's
// records will need, skips the records the apply has passed, leaves most records out while the file is
// cached, and never starts on a file that is not there.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "app/members/generations.h"
#include "app/members/page_residency.h"
#include "app/members/sync/bundle_record_reader.h"
#include "app/members/sync/page_warmer.h"
#include "tests/members/bundle_test_support.h"

using namespace kiosk::members;
using namespace kiosk::members::test;
using detail::BundleMember;
using detail::PageWarmer;
using detail::ReadAheadPolicy;
namespace fs = std::filesystem;

namespace {

// Pages of `file` (the OS's, 4 KiB here) resident in the page cache, and all its pages.
std::size_t residentPages(const fs::path& file) {
    const auto r = pageResidency(file);
    REQUIRE(r.has_value());
    return static_cast<std::size_t>(r->resident);
}

std::size_t filePages(const fs::path& file) {
    const auto r = pageResidency(file);
    REQUIRE(r.has_value());
    return static_cast<std::size_t>(r->pages);
}

// Waits (up to 30 s) until `done(stats)`.
template <typename Done>
PageWarmer::Stats waitFor(const PageWarmer& warmer, Done done) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    auto stats = warmer.stats();
    while (!done(stats) && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        stats = warmer.stats();
    }
    return stats;
}

// A cache of 4 000 members and a delta's records: 400 changes (documents kept: the member, its rows and
// index leaves), 40 removals and 40 additions (documents_by_key and members_by_ref leaves too).
struct DeltaOnCache {
    TempDir dir;
    PublisherSecretKey publisher = publisherKey();
    fs::path file = dir / "members.sqlite";
    std::optional<MemberCache> cache;
    fs::path generation;
    std::vector<BundleMember> records;

    DeltaOnCache() {
        snapshot(dir / "s1.kmb", {0, 4000}, 0, 1, publisher);
        cache.emplace(openCacheFile(file));
        REQUIRE(cache->applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());
        generation = generations::resolve(file, generations::linkText(file));
        synthetic::DeltaSpec spec;
        spec.sequence = 2, spec.baseSequence = 1, spec.revision = 1;
        spec.change = {1000, 1400}, spec.remove = {3000, 3040}, spec.add = {4000, 4040};
        delta(dir / "d2.kmb", spec, publisher);
        auto verified = verifyBundle(dir / "d2.kmb", publisher.publicKey());
        REQUIRE(verified.has_value());
        auto reader = detail::BundleRecordReader::start(dir / "d2.kmb", verified->fileSize, verified->header, "d2");
        REQUIRE(reader.has_value());
        for (;;) {
            auto next = (*reader)->next();
            REQUIRE(next.has_value());
            if (*next == nullptr) break;
            records.push_back(**next);
        }
        REQUIRE(records.size() == 480);
    }
};

}  // namespace

TEST_CASE_METHOD(DeltaOnCache, "the read-ahead brings a delta's pages into the page cache, and only for records not yet applied",
                 "[members][bundle]") {
    evictFromPageCache(generation);
    if (residentPages(generation) * 2 > filePages(generation)) {
        WARN("skipped: the OS keeps " << generation.string() << " cached (a tmpfs?), so read-ahead cannot be seen");
        return;
    }
    // Control: the same records, every one already applied. Only opening the connections reads anything.
    {
        auto warmer = PageWarmer::start(generation);
        REQUIRE(warmer != nullptr);
        warmer->appliedUpTo(records.size());
        for (std::size_t i = 0; i < records.size(); ++i) warmer->add(i, records[i]);
        const auto stats = waitFor(*warmer, [&](const auto& s) { return s.passed == records.size(); });
        CHECK(stats.passed == records.size());
        CHECK(stats.warmed == 0);
    }
    const std::size_t control = residentPages(generation);

    evictFromPageCache(generation);
    auto warmer = PageWarmer::start(generation);
    REQUIRE(warmer != nullptr);
    for (std::size_t i = 0; i < records.size(); ++i) warmer->add(i, records[i]);
    const auto stats = waitFor(*warmer, [&](const auto& s) { return s.warmed + s.sampledOut == records.size(); });
    CHECK(stats.warmed + stats.sampledOut == records.size());
    CHECK(stats.passed == 0);
    CHECK(stats.dropped == 0);
    warmer->stop();
    const std::size_t warmed = residentPages(generation);
    INFO("resident pages: " << control << " after the control, " << warmed << " after the read-ahead, of "
                            << filePages(generation));
    // 400 changed members' rows and documents (~45 pages of 8 KiB), the members_by_ref leaves of 480
    // refs, the documents_by_key leaves of 160 documents: well over 60 pages of 4 KiB.
    CHECK(warmed >= control + 60);

    // The apply is unchanged by it: the delta lands whole.
    auto applied = cache->applyBundle(dir / "d2.kmb", publisher.publicKey());
    REQUIRE(applied.has_value());
    CHECK(applied->changed == 400);
    CHECK(applied->readAheadRecords <= records.size());
    expectMember(*cache, 1000, 1);
    expectMember(*cache, 3000, std::nullopt);
    expectMember(*cache, 4039, 1);
}

TEST_CASE("the read-ahead backs off while the file looks cached, and resumes when a window reads from the disk",
          "[members][bundle]") {
    ReadAheadPolicy policy;
    using D = ReadAheadPolicy::Decision;
    CHECK(policy.decide(5, 6) == D::Passed);
    CHECK(policy.decide(6, 6) == D::Warm);
    CHECK(policy.decide(17, 0) == D::Warm);  // nothing measured yet: every record
    policy.windowRead(0);
    CHECK(policy.looksCached());
    CHECK(policy.decide(17, 0) == D::SampledOut);
    CHECK(policy.decide(ReadAheadPolicy::kSampleEvery * 3, 0) == D::Warm);  // the sample that watches for a change
    CHECK(policy.decide(ReadAheadPolicy::kSampleEvery * 3, ReadAheadPolicy::kSampleEvery * 3 + 1) == D::Passed);
    policy.windowRead(8192);  // a window fetched a page from the disk
    CHECK_FALSE(policy.looksCached());
    CHECK(policy.decide(17, 0) == D::Warm);
}

TEST_CASE_METHOD(DeltaOnCache, "on a file in the page cache the read-ahead leaves most records out", "[members][bundle]") {
    if (::access("/proc/thread-self/io", R_OK) != 0) {
        WARN("skipped: this kernel does not account reads per thread (/proc/thread-self/io), so every record is read ahead");
        return;
    }
    {
        std::ifstream in(generation, std::ios::binary);  // the whole file into the page cache
        std::vector<char> chunk(1 << 16);
        while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {}
    }
    REQUIRE(residentPages(generation) == filePages(generation));
    auto warmer = PageWarmer::start(generation);
    REQUIRE(warmer != nullptr);
    for (std::size_t i = 0; i < records.size(); ++i) warmer->add(i, records[i]);
    const auto stats = waitFor(*warmer, [&](const auto& s) { return s.warmed + s.sampledOut == records.size(); });
    INFO("read ahead " << stats.warmed << ", left out " << stats.sampledOut);
    CHECK(stats.warmed + stats.sampledOut == records.size());
    // Each of the 4 workers reads its first window of 32 before the first verdict, then one in 16.
    CHECK(stats.sampledOut >= records.size() / 2);
}

TEST_CASE("the read-ahead does not start on a file that is not there, and does not create it", "[members][bundle]") {
    TempDir dir;
    CHECK(PageWarmer::start(dir / "gone.sqlite") == nullptr);
    CHECK_FALSE(fs::exists(dir / "gone.sqlite"));
}
