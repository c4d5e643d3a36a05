// Deltas at scale, repeated on one cache: the figure of issue 5 ("a delta of 100,000 changes applied in
// ≤ 5 s while lookups keep answering") measured round after round with the cache file either evicted
// from the OS page cache (a kiosk soon after boot) or wholly cached (one that has been running), and
// with the read-ahead (app/members/sync/page_warmer.h) on or off, the four alternated so that the
// machine's drift falls on all of them alike.
//
// Usage: bench_members_delta [members=1000000] [changes=100000] [rounds=4] [dir] [lookup pause µs=0]
//                            [kind=reenrol|status] [cached rounds=running|restarted]
// kind: what each change is. `reenrol` (the heaviest, and issue 5's figure): the member's programs and
// both fingers enrolled again, so its member row and every document row are rewritten. `status`: new
// programs and lookout, the fingers kept (a suspension, a revocation, a renewal: the common change),
// so only member rows are written, the publisher's sealing being deterministic. A status round expects
// its members to hold the snapshot's fingers, true for a cache's first members/changes deltas: the
// figure "document rows written" shows it.
// cached rounds: `running` (the default) keeps the sync connections open from round to round, a kiosk
// that has been running; `restarted` closes them first as the evicted rounds do, with the file left
// cached: the kiosk process restarted (an update, a crash) on a machine that was not, so the WAL the last
// connection deleted is written anew.
// With `dir` the cache stays there between runs (dir/members.sqlite): the first run builds it from a
// snapshot (at 10 M: ~3 minutes, ~9 GB, plus an ~8 GB bundle while it imports), later runs go straight
// to the deltas. Without, a temporary folder is used and removed. Issue 5's scale:
// bench_members_delta 10000000 100000 8 DIR (./scripts/kiosk bench members).
// A lookup thread runs through every apply on the kiosk's own kind of connection (mapped), as in
// bench_members_bundles: back to back (it then holds a core), or with the given pause between lookups.
#include <sys/resource.h>

#include <atomic>
#include <cinttypes>
#include <optional>
#include <random>
#include <thread>

#include "app/members/sync/synthetic_population.h"
#include "bench/bench_report.h"
#include "bench/members/bundle_bench_support.h"

using namespace kiosk::members;
using namespace kiosk::members::bench;

namespace {

// The calling thread's CPU seconds in the kernel (page-cache copies, WAL writes, reclaim).
double threadSystemSeconds() {
    rusage u{};
    getrusage(RUSAGE_THREAD, &u);
    return static_cast<double>(u.ru_stime.tv_sec) + static_cast<double>(u.ru_stime.tv_usec) * 1e-6;
}

const std::string kBench = "members_delta";

void report(const std::string& figure, double value, const std::string& unit) {
    kiosk::bench::report(kBench, figure, value, unit);
}

}  // namespace

int main(int argc, char** argv) {
    const std::uint64_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
    const std::uint64_t changes = std::min<std::uint64_t>(argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100'000, n);
    const unsigned rounds = argc > 3 ? static_cast<unsigned>(std::strtoul(argv[3], nullptr, 10)) : 4;
    if (n == 0 || changes == 0)
        return std::fprintf(stderr, "usage: bench_members_delta [members > 0] [changes > 0] [rounds] [dir]\n"), 2;
    const bool kept = argc > 4 && argv[4][0] != '\0';
    const auto lookupPause = std::chrono::microseconds(argc > 5 ? std::strtoll(argv[5], nullptr, 10) : 0);
    const std::string kind = argc > 6 ? argv[6] : "reenrol";
    if (kind != "reenrol" && kind != "status")
        return std::fprintf(stderr, "bench_members_delta: kind is reenrol or status, not '%s'\n", kind.c_str()), 2;
    const std::string cachedRounds = argc > 7 ? argv[7] : "running";
    if (cachedRounds != "running" && cachedRounds != "restarted")
        return std::fprintf(stderr, "bench_members_delta: cached rounds are running or restarted, not '%s'\n",
                            cachedRounds.c_str()), 2;
    const bool restartCached = cachedRounds == "restarted";
    const std::filesystem::path dir =
        kept ? std::filesystem::path(argv[4])
             : std::filesystem::temp_directory_path() / ("kiosk-bench-delta-" + std::to_string(::getpid()));
    struct Cleanup {
        std::filesystem::path dir;
        ~Cleanup() {
            std::error_code ec;
            if (!dir.empty()) std::filesystem::remove_all(dir, ec);
        }
    } cleanup{kept ? std::filesystem::path() : dir};
    std::filesystem::create_directories(dir);
    const auto dbFile = dir / "members.sqlite";
    const auto publisher = publisherKey().publicKey();
    report("machine cores", static_cast<double>(std::thread::hardware_concurrency()), "cores");
    report("members", static_cast<double>(n), "members");
    report("changes per delta", static_cast<double>(changes), "members");
    report("each change enrols both fingers again (1) or keeps them, a status change (0)", kind == "reenrol" ? 1 : 0,
           "flag");

    std::uint64_t sequence = 0;
    {
        auto cache = MemberCache::open(dbFile, deploymentKey(), OpenOptions{OpenOptions::Integrity::None});
        if (!cache) return failed(cache.error());
        auto stats = cache->stats();
        if (!stats) return failed(stats.error());
        if (stats->sequence != 0 && stats->members != n)
            return std::fprintf(stderr, "bench_members_delta: %s holds %zu members, not %" PRIu64 "\n",
                                dbFile.c_str(), stats->members, n), 2;
        sequence = stats->sequence;
        if (sequence == 0) {
            std::fprintf(stderr, "building a cache of %" PRIu64 " members in %s ...\n", n, dir.c_str());
            const auto file = dir / "s1.kmb";
            if (!inChild([&] {
                    auto r = synthetic::writeSnapshot(file, kSeed, {0, n}, 0, 1, 1'790'000'000,
                                                      {deploymentKey(), publisherKey()});
                    if (!r) std::fprintf(stderr, "%s\n", r.error().describe().c_str());
                    return r.has_value();
                }))
                return 1;
            auto applied = cache->applyBundle(file, publisher);
            std::filesystem::remove(file);
            if (!applied) return failed(applied.error());
            sequence = 1;
        }
    }
    const auto generationFile = std::filesystem::canonical(dbFile);  // the link's target (generations.h)

    std::mt19937_64 rng(7);
    std::vector<DocumentKey> docs;
    for (int i = 0; i < 20'000; ++i) docs.push_back(synthetic::documentsOf(kSeed, rng() % n)[0]);

    // The sync connections, one per read-ahead setting, kept open from round to round as the kiosk keeps
    // its own (so the WAL a delta leaves stays for the next one: docs/members.md, "The WAL between
    // deltas"), except that an evicted round closes every connection first, as a restart does (the last
    // connection to close checkpoints the WAL and deletes it).
    std::optional<MemberCache> writers[2];
    for (unsigned round = 0; round < rounds; ++round) {
        // evicted+on, evicted+off, cached+on, cached+off, again.
        const bool readAhead = round % 2 == 0;
        const bool evicted = round / 2 % 2 == 0;
        const std::string label = std::string(evicted ? "evicted" : restartCached ? "cached, restarted" : "cached") +
                                  (readAhead ? ", read-ahead on" : ", read-ahead off");
        ++sequence;
        const auto bundle = dir / ("d" + std::to_string(sequence) + ".kmb");
        if (!inChild([&] {
                synthetic::DeltaSpec spec;
                spec.sequence = sequence, spec.baseSequence = sequence - 1;
                spec.createdUnix = 1'790'000'000 + 3600 * static_cast<std::int64_t>(sequence);
                const std::uint64_t first = (sequence * changes) % n;
                spec.change = {first, std::min(first + changes, n)};
                spec.revision = static_cast<std::uint32_t>(sequence);
                if (kind == "status") spec.enrolment = 0;  // the snapshot's
                auto r = synthetic::writeDelta(bundle, kSeed, spec, {deploymentKey(), publisherKey()});
                if (!r) std::fprintf(stderr, "%s\n", r.error().describe().c_str());
                return r.has_value();
            }))
            return 1;
        // A restart closes every connection (the last one deletes the WAL). Before an eviction no
        // connection may be open: nothing maps the file then, so the eviction drops every clean page.
        if (evicted || restartCached) writers[0].reset(), writers[1].reset();
        if (evicted) dropFromPageCache(generationFile);
        else readWholeFile(generationFile);
        auto lookups = MemberCache::open(dbFile, deploymentKey(), OpenOptions{OpenOptions::Integrity::None, kLookupMmapBytes});
        if (!lookups) return failed(lookups.error());
        auto& writer = writers[readAhead ? 1 : 0];
        if (!writer) {
            OpenOptions writerOptions{OpenOptions::Integrity::None};
            writerOptions.readAhead = readAhead;
            auto opened = MemberCache::open(dbFile, deploymentKey(), writerOptions);
            if (!opened) return failed(opened.error());
            writer.emplace(std::move(*opened));
        }
        const auto walFile = generationFile.string() + "-wal";
        report("round " + std::to_string(round + 1) + ", " + label + ": WAL before the apply",
               static_cast<double>(sizeOr0(walFile)) / 1e6, "MB");

        std::atomic<bool> done{false}, started{false};
        std::vector<double> during;
        std::size_t errors = 0;
        std::thread reader([&] {
            started = true;
            for (std::size_t i = 0; !done; ++i) {
                const auto s = Clock::now();
                auto r = lookups->lookup(docs[i % docs.size()]);
                during.push_back(micros(Clock::now() - s));
                if (!r || !r->has_value()) ++errors;
                if (lookupPause.count() > 0) std::this_thread::sleep_for(lookupPause);
            }
        });
        while (!started) std::this_thread::yield();
        const auto t0 = Clock::now();
        const double cpu0 = threadCpuSeconds(), system0 = threadSystemSeconds();
        auto applied = writer->applyBundle(bundle, publisher);
        const double total = seconds(Clock::now() - t0);
        const double cpu = threadCpuSeconds() - cpu0, system = threadSystemSeconds() - system0;
        done = true;
        reader.join();
        std::filesystem::remove(bundle);
        if (!applied) return failed(applied.error());
        const std::string prefix = "round " + std::to_string(round + 1) + ", " + label + ": ";
        report(prefix + "applied and visible to lookups (verify + apply + commit)", total - applied->checkpointSeconds, "s");
        report(prefix + "with the checkpoint", total, "s");
        report(prefix + "records", applied->recordsSeconds, "s");
        report(prefix + "commit", applied->commitSeconds, "s");
        report(prefix + "CPU time of the applying thread", cpu, "s");
        report(prefix + "of it in the kernel", system, "s");
        report(prefix + "document rows written", static_cast<double>(applied->documentsWritten), "rows");
        report(prefix + "changes whose enrolment tag matched (documents not read)",
               static_cast<double>(applied->enrolmentsKept), "records");
        report(prefix + "records read ahead", static_cast<double>(applied->readAheadRecords), "records");
        report(prefix + "records left out, the file looking cached", static_cast<double>(applied->readAheadSampledOut), "records");
        report(prefix + "lookups answered during the apply", static_cast<double>(during.size()), "lookups");
        report(prefix + "lookup p99 during the apply", percentile(during, 0.99), "us");
        report(prefix + "lookup errors during the apply", static_cast<double>(errors), "lookups");
    }
    return 0;
}
