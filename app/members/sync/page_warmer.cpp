#include "app/members/sync/page_warmer.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <system_error>

#include "app/members/member_cache_impl.h"

namespace kiosk::members::detail {

// One read-only connection and the reads of one record, in the order the apply makes them.
class PageWarmer::Worker {
public:
    ~Worker() {
        // Statements before the connection: sqlite3_close_v2 would otherwise defer the close.
        findMember_ = {}, memberDocuments_ = {}, probeMember_ = {}, probeDocument_ = {};
        sqlite3_close_v2(db_);
    }

    bool open(const std::filesystem::path& generation) {
        // Read-only, never created: a generation removed meanwhile fails the open instead of leaving an
        // empty file behind. SQLite's default VFS without a map: the reads go through the OS page cache,
        // which is the point.
        if (sqlite3_open_v2(generation.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
            return false;
        // The interior pages stay in this small cache; the leaves and rows it reads matter only as the
        // OS caches them.
        if (sqlite3_exec(db_, "PRAGMA query_only=1; PRAGMA mmap_size=0; PRAGMA cache_size=-1024", nullptr, nullptr,
                         nullptr) != SQLITE_OK)
            return false;
        sqlite3_busy_timeout(db_, 50);
        // The member's row (its programs are rewritten by a change) and, through documents_by_member,
        // its documents' rows (their sealed fingers) unless a change keeps the enrolment; the two probes
        // read only an index leaf (covering: the index holds the key and the row id), where an insertion
        // or deletion will write.
        return findMember_.prepare(db_, "SELECT id, enrolment FROM members WHERE member_ref = ?1") == SQLITE_OK &&
               memberDocuments_.prepare(db_, "SELECT lookup_key, fingers FROM documents WHERE member_id = ?1") ==
                   SQLITE_OK &&
               probeMember_.prepare(db_, "SELECT 1 FROM members WHERE member_ref = ?1") == SQLITE_OK &&
               probeDocument_.prepare(db_, "SELECT 1 FROM documents WHERE lookup_key = ?1") == SQLITE_OK;
    }

    // Read errors are ignored: the apply reads the same pages and reports what it finds.
    void warm(const Item& item) {
        held_.clear();
        if (item.type == RecordType::Add) {
            Use q(probeMember_);
            sqlite3_bind_text(*q, 1, item.ref.data(), static_cast<int>(item.ref.size()), SQLITE_STATIC);
            (void)sqlite3_step(*q);
        } else {
            std::int64_t id = 0;
            {
                Use q(findMember_);
                sqlite3_bind_text(*q, 1, item.ref.data(), static_cast<int>(item.ref.size()), SQLITE_STATIC);
                if (sqlite3_step(*q) != SQLITE_ROW) return;  // the apply will refuse this record
                id = sqlite3_column_int64(*q, 0);
                // The apply will not read the documents of a change that keeps the enrolment, nor touch
                // documents_by_key for it.
                if (item.type == RecordType::Change && std::ranges::equal(blob(*q, 1), item.tag)) return;
            }
            Use q(memberDocuments_);
            sqlite3_bind_int64(*q, 1, id);
            while (sqlite3_step(*q) == SQLITE_ROW) {
                const auto k = blob(*q, 0);
                (void)sqlite3_column_blob(*q, 1);  // the fingers: overflow pages too, where a row has them
                if (k.size() == LookupKey{}.size()) std::copy(k.begin(), k.end(), held_.emplace_back().begin());
            }
        }
        // A document the member gains is inserted into documents_by_key, one it loses (all of them on a
        // removal) deleted from it; a document it keeps is rewritten in place and its index left alone.
        const auto inRecord = [&](const LookupKey& k) { return std::find(item.keys.begin(), item.keys.end(), k) != item.keys.end(); };
        const auto isHeld = [&](const LookupKey& k) { return std::find(held_.begin(), held_.end(), k) != held_.end(); };
        for (const auto& k : held_)
            if (item.type == RecordType::Remove || !inRecord(k)) probe(k);
        if (item.type != RecordType::Remove)
            for (const auto& k : item.keys)
                if (!isHeld(k)) probe(k);
    }

private:
    void probe(const LookupKey& key) {
        Use q(probeDocument_);
        sqlite3_bind_blob(*q, 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
        (void)sqlite3_step(*q);
    }

    sqlite3* db_ = nullptr;
    Statement findMember_, memberDocuments_, probeMember_, probeDocument_;
    std::vector<LookupKey> held_;
};

PageWarmer::PageWarmer() = default;

std::unique_ptr<PageWarmer> PageWarmer::start(const std::filesystem::path& generation, unsigned threads) {
    std::unique_ptr<PageWarmer> warmer(new PageWarmer());
    for (unsigned i = 0; i < std::max(threads, 1u); ++i) {
        auto worker = std::make_unique<Worker>();
        if (!worker->open(generation)) return nullptr;
        warmer->workers_.push_back(std::move(worker));
    }
    try {
        for (auto& worker : warmer->workers_)
            warmer->threads_.emplace_back([w = warmer.get(), &worker = *worker] { w->run(worker); });
    } catch (const std::system_error&) {  // no thread left: go on without (the destructor joins those started)
        return nullptr;
    }
    return warmer;
}

PageWarmer::~PageWarmer() { stop(); }

bool PageWarmer::worthWarming(std::uint64_t index) {
    switch (policy_.decide(index, applied_.load(std::memory_order_relaxed))) {
        case ReadAheadPolicy::Decision::Passed: passed_.fetch_add(1, std::memory_order_relaxed); return false;
        case ReadAheadPolicy::Decision::SampledOut: sampledOut_.fetch_add(1, std::memory_order_relaxed); return false;
        case ReadAheadPolicy::Decision::Warm: return true;
    }
    return false;
}

void PageWarmer::add(std::uint64_t index, const BundleMember& record) {
    // Decided here first too: a record left out is neither copied nor handed to a worker (on a cached
    // file that was a wake-up and a lock round per record, ~1 s of a 2 s delta).
    if (!worthWarming(index)) return;
    Item item;
    item.index = index;
    item.type = record.type;
    item.ref = record.ref;
    item.keys.reserve(record.documents.size());
    for (const auto& d : record.documents) item.keys.push_back(d.lookupKey);
    if (record.type == RecordType::Change) item.tag = enrolmentTag(record.documents);
    {
        std::lock_guard lock(mutex_);
        if (stop_) return;
        if (queue_.size() >= kQueueCapacity) {
            dropped_.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        queue_.push_back(std::move(item));
    }
    queued_.notify_one();
}

void PageWarmer::stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        queue_.clear();
    }
    queued_.notify_all();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
    workers_.clear();
}

PageWarmer::Stats PageWarmer::stats() const {
    return {warmed_.load(), passed_.load(), sampledOut_.load(), dropped_.load()};
}

namespace {

// Bytes the calling thread has caused to be fetched from storage (/proc/thread-self/io, read_bytes:
// page-cache misses and the kernel read-ahead they start, not reads served from the cache). Opened by
// the thread it measures.
class DiskReadCounter {
public:
    DiskReadCounter() : fd_(::open("/proc/thread-self/io", O_RDONLY | O_CLOEXEC)) {}
    DiskReadCounter(const DiskReadCounter&) = delete;
    DiskReadCounter& operator=(const DiskReadCounter&) = delete;
    ~DiskReadCounter() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] std::optional<std::uint64_t> bytes() const {
        if (fd_ < 0) return std::nullopt;
        std::array<char, 512> text{};
        const ssize_t n = ::pread(fd_, text.data(), text.size() - 1, 0);
        if (n <= 0) return std::nullopt;
        const char* field = std::strstr(text.data(), "\nread_bytes: ");
        if (field == nullptr) return std::nullopt;
        return std::strtoull(field + std::strlen("\nread_bytes: "), nullptr, 10);
    }

private:
    int fd_;
};

}  // namespace

void PageWarmer::run(Worker& worker) {
    const DiskReadCounter disk;
    std::optional<std::uint64_t> windowStart = disk.bytes();
    unsigned inWindow = 0;
    for (;;) {
        Item item;
        {
            std::unique_lock lock(mutex_);
            queued_.wait(lock, [&] { return stop_ || !queue_.empty(); });
            if (stop_) return;
            item = std::move(queue_.front());
            queue_.pop_front();
        }
        if (!worthWarming(item.index)) continue;  // again: the apply may have passed it while it waited
        worker.warm(item);
        warmed_.fetch_add(1, std::memory_order_relaxed);
        if (++inWindow < ReadAheadPolicy::kWindow || !windowStart) continue;
        inWindow = 0;
        const auto now = disk.bytes();
        if (!now) continue;
        policy_.windowRead(*now - *windowStart);
        windowStart = now;
    }
}

}  // namespace kiosk::members::detail
