#pragma once
// Internal: a delta's read-ahead. On a cache file the OS has not cached (a kiosk soon after boot), each
// change of a delta waits on the applying thread for the random pages it needs (the member's
// members_by_ref leaf, its row, its documents_by_member leaf and document rows, a documents_by_key
// leaf for a document added or dropped), one read after another. The warmer reads the same pages a
// little ahead of the apply, on its own read-only connections, several reads in flight at once, so
// that the apply finds them in the OS page cache.
//
// It is only ever a hint: it never writes, the apply never waits for it, and whatever it fails to do
// (open, read, keep up) leaves the apply exactly as it would be without it. Records reach it from the
// record reader's thread (add); the apply says how far it got (appliedUpTo) so that records it has
// already passed are skipped. Where the pages turn out to be cached already (a kiosk that has been
// running), most records are skipped too (ReadAheadPolicy). docs/members.md, "Read-ahead".
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/members/member_crypto.h"
#include "app/members/sync/bundle_format.h"

namespace kiosk::members::detail {

// When a record is worth reading ahead: not once the apply has passed it; and while the file looks
// cached (a kiosk that has been running: the reads would only take CPU from the apply and from
// lookups), only one record in kSampleEvery. Whether it looks cached is measured, not guessed from
// timings that CPU contention blurs: each worker counts the bytes its reads fetched from the disk
// (/proc/thread-self/io, read_bytes) over each window of kWindow records it read ahead; a window that
// fetched nothing says "cached", one that fetched anything says "not cached". Where the kernel does not
// account I/O per thread nothing is ever reported, and every record is read ahead. Thread-safe.
class ReadAheadPolicy {
public:
    static constexpr unsigned kWindow = 32;
    static constexpr unsigned kSampleEvery = 16;
    enum class Decision { Warm, Passed, SampledOut };

    [[nodiscard]] Decision decide(std::uint64_t index, std::uint64_t applied) const {
        if (index < applied) return Decision::Passed;
        if (cached_.load(std::memory_order_relaxed) && index % kSampleEvery != 0) return Decision::SampledOut;
        return Decision::Warm;
    }
    // A worker's window of kWindow records read ahead fetched `bytesFromDisk`.
    void windowRead(std::uint64_t bytesFromDisk) { cached_.store(bytesFromDisk == 0, std::memory_order_relaxed); }
    [[nodiscard]] bool looksCached() const { return cached_.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> cached_{false};
};

class PageWarmer {
public:
    // Reads in flight at once: random reads of a virtual disk complete in parallel, and the workers
    // mostly wait on them rather than use a core.
    static constexpr unsigned kThreads = 4;
    // Records queued and not yet warmed, at most (the record reader is at most ~1 000 ahead of the apply;
    // past this the reader drops records rather than wait).
    static constexpr std::size_t kQueueCapacity = 2048;

    struct Stats {
        std::uint64_t warmed = 0;      // records whose pages were read
        std::uint64_t passed = 0;      // skipped: the apply had passed them
        std::uint64_t sampledOut = 0;  // skipped: the file looked cached (ReadAheadPolicy)
        std::uint64_t dropped = 0;     // not queued: the queue was full
    };

    // Opens kThreads read-only connections on `generation` (the file the apply writes) and starts the
    // workers; nullptr when it cannot (the file is gone, no thread left): the apply goes on without.
    [[nodiscard]] static std::unique_ptr<PageWarmer> start(const std::filesystem::path& generation,
                                                           unsigned threads = kThreads);
    PageWarmer(const PageWarmer&) = delete;
    PageWarmer& operator=(const PageWarmer&) = delete;
    ~PageWarmer();  // stop()

    // Record `index` of the bundle, just decoded (the record reader's thread). Never blocks for long.
    void add(std::uint64_t index, const BundleMember& record);
    // The apply has taken every record before `index`.
    void appliedUpTo(std::uint64_t index) { applied_.store(index, std::memory_order_relaxed); }
    // Stops the workers and closes their connections (before the apply commits: an open read does not
    // hold up the commit, but it would the checkpoint after it).
    void stop();
    [[nodiscard]] Stats stats() const;

private:
    struct Item {
        std::uint64_t index = 0;
        RecordType type = RecordType::Add;
        std::string ref;
        std::vector<LookupKey> keys;  // the record's documents
        EnrolmentTag tag{};           // a change's: where the member row holds it, its documents are not read
    };
    class Worker;

    PageWarmer();
    void run(Worker& worker);
    bool worthWarming(std::uint64_t index);  // ReadAheadPolicy's decision, counted in the stats

    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::condition_variable queued_;
    std::deque<Item> queue_;  // guarded by mutex_
    bool stop_ = false;       // guarded by mutex_
    std::atomic<std::uint64_t> applied_{0};
    ReadAheadPolicy policy_;
    std::atomic<std::uint64_t> warmed_{0}, passed_{0}, sampledOut_{0}, dropped_{0};
};

}  // namespace kiosk::members::detail
