// Crash safety: a real child process applying a bundle is killed (SIGKILL) at random moments; the
// cache must then open (full integrity check) and show the previous or the new version entirely.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "app/members/sync/bundle_writer.h"
#include "tests/members/bundle_test_support.h"

extern char** environ;

using namespace kiosk::members;
using namespace kiosk::members::test;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint64_t kMembers = 12'000;

pid_t spawnApply(const std::filesystem::path& cache, const TempDir& dir, const std::filesystem::path& bundle) {
    const std::string helper = MEMBERS_APPLY_HELPER;
    const std::string c = cache.string(), k = (dir / "deployment.key").string(), p = (dir / "publisher.pub").string(),
                      b = bundle.string();
    char* argv[] = {const_cast<char*>(helper.c_str()), const_cast<char*>(c.c_str()), const_cast<char*>(k.c_str()),
                    const_cast<char*>(p.c_str()), const_cast<char*>(b.c_str()), nullptr};
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, helper.c_str(), nullptr, nullptr, argv, environ) == 0);
    return pid;
}

void copyBase(const TempDir& dir, const std::filesystem::path& target) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code ec;
        std::filesystem::remove(target.string() + suffix, ec);
    }
    std::filesystem::copy_file(dir / "base.sqlite", target);
}

// The cache shows version 1 (snapshot of revision 0) or version 2 entirely, never a mix.
std::uint64_t checkConsistent(const std::filesystem::path& file, std::uint64_t expectedMembers2, bool deltaCase) {
    auto cache = openCacheFile(file);  // full PRAGMA integrity_check inside
    const auto stats = cache.stats();
    REQUIRE(stats.has_value());
    const auto seq = static_cast<std::uint64_t>(stats->sequence);
    REQUIRE((seq == 1 || seq == 2));
    if (seq == 1) {
        CHECK(stats->members == kMembers);
        for (std::uint64_t i : {std::uint64_t{0}, std::uint64_t{1}, kMembers / 2, kMembers - 1}) expectMember(cache, i, 0);
    } else {
        CHECK(stats->members == expectedMembers2);
        if (deltaCase) {
            for (std::uint64_t i : {std::uint64_t{0}, std::uint64_t{1}, kMembers / 3}) expectMember(cache, i, 1);  // changed
            expectMember(cache, kMembers - 1, std::nullopt);                               // removed
            expectMember(cache, kMembers + 5, 1);                                          // added
            expectMember(cache, kMembers - 200, 0);                                        // untouched
        } else {
            for (std::uint64_t i : {std::uint64_t{0}, kMembers / 2, kMembers - 1}) expectMember(cache, i, 2);
        }
    }
    return seq;
}

}  // namespace

TEST_CASE("killing the applying process at any moment leaves the previous or the new version", "[members][crash]") {
    TempDir dir;
    const auto publisher = publisherKey();
    {
        std::ofstream key(dir / "deployment.key", std::ios::binary);
        std::array<char, 32> bytes{};
        bytes.fill(0x42);
        key.write(bytes.data(), bytes.size());
    }
    std::filesystem::permissions(dir / "deployment.key",
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    REQUIRE(savePublisherKey(publisher.publicKey(), dir / "publisher.pub").has_value());
    snapshot(dir / "s1.kmb", {0, kMembers}, 0, 1, publisher);
    snapshot(dir / "s2.kmb", {0, kMembers}, 2, 2, publisher);
    synthetic::DeltaSpec spec;
    spec.sequence = 2, spec.baseSequence = 1, spec.revision = 1;
    spec.change = {0, kMembers / 2}, spec.remove = {kMembers - 100, kMembers}, spec.add = {kMembers, kMembers + 300};
    delta(dir / "d2.kmb", spec, publisher);
    {
        auto base = openCacheFile(dir / "base.sqlite");
        REQUIRE(base.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());
    }  // closed: checkpointed, no -wal left

    std::mt19937 rng(std::random_device{}());
    for (const bool deltaCase : {true, false}) {
        const auto bundle = dir / (deltaCase ? "d2.kmb" : "s2.kmb");
        const std::uint64_t members2 = deltaCase ? kMembers - 100 + 300 : kMembers;
        // One undisturbed run measures how long an apply takes here.
        const auto work = dir / "work.sqlite";
        copyBase(dir, work);
        const auto t0 = Clock::now();
        const pid_t pid = spawnApply(work, dir, bundle);
        int status = 0;
        REQUIRE(waitpid(pid, &status, 0) == pid);
        REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
        const auto full = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0);
        CHECK(checkConsistent(work, members2, deltaCase) == 2);

        int before = 0, after = 0;
        const int runs = 14;
        for (int run = 0; run < runs; ++run) {
            copyBase(dir, work);
            // Kill times spread over the whole run (start-up, verification pass, apply, commit, checkpoint).
            std::uniform_int_distribution<long> delay(0, full.count() * 11 / 10);
            const auto wait = std::chrono::microseconds(delay(rng));
            const pid_t child = spawnApply(work, dir, bundle);
            std::this_thread::sleep_for(wait);
            ::kill(child, SIGKILL);
            REQUIRE(waitpid(child, &status, 0) == child);
            INFO((deltaCase ? "delta" : "snapshot") << " run " << run << ", killed after " << wait.count() << " us of "
                                                   << full.count());
            (checkConsistent(work, members2, deltaCase) == 1 ? before : after)++;
            // The previous version stays usable: the same bundle applies after the crash.
            auto cache = openCacheFile(work);
            if (cache.stats()->sequence == 1) {
                REQUIRE(cache.applyBundle(bundle, publisher.publicKey()).has_value());
                // An apply removes what a killed snapshot left (its unfinished generation, or the one it
                // replaced): only the current generation of the cache remains.
                const auto current = std::filesystem::canonical(work).filename().string();
                for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
                    const auto name = entry.path().filename().string();
                    if (name.starts_with("work.sqlite.")) CHECK(name.starts_with(current));
                }
            }
            CHECK(cache.stats()->sequence == 2);
        }
        WARN((deltaCase ? "delta" : "snapshot") << ": full apply " << full.count() / 1000 << " ms; " << before
                                                << " kills left the previous version, " << after << " the new one");
        CHECK(before > 0);
    }
}
