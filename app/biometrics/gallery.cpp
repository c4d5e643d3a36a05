#include "app/biometrics/gallery.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>

#include "app/biometrics/matcher_kernels.h"

namespace kiosk::biometrics {
namespace {
constexpr std::size_t kChunk = 512;  // templates per work item
double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
bool byScreenDesc(const Gallery::Hit& a, const Gallery::Hit& b) {
    if (a.screenScore != b.screenScore) return a.screenScore > b.screenScore;
    return a.slot < b.slot;
}
}  // namespace

Gallery::Gallery(unsigned threads) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    perWorker_.resize(threads);
    workers_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i)
        workers_.emplace_back([this, i](std::stop_token stop) { workerLoop(stop, i); });
}

Gallery::~Gallery() {
    for (auto& w : workers_) w.request_stop();
    {
        std::lock_guard lock(poolMutex_);
        ++generation_;
    }
    poolWake_.notify_all();
    workers_.clear();  // joins
}

void Gallery::workerLoop(std::stop_token stop, unsigned index) {
    std::uint64_t seen = 0;
    for (;;) {
        const std::function<void(unsigned)>* job = nullptr;
        {
            std::unique_lock lock(poolMutex_);
            poolWake_.wait(lock, [&] { return generation_ != seen || stop.stop_requested(); });
            if (stop.stop_requested()) return;
            seen = generation_;
            job = job_;
        }
        (*job)(index);
        {
            std::lock_guard lock(poolMutex_);
            if (--running_ == 0) poolDone_.notify_all();
        }
    }
}

void Gallery::runOnAll(const std::function<void(unsigned)>& job) const {
    std::unique_lock lock(poolMutex_);
    job_ = &job;
    running_ = static_cast<unsigned>(workers_.size());
    ++generation_;
    poolWake_.notify_all();
    poolDone_.wait(lock, [&] { return running_ == 0; });
    job_ = nullptr;
}

void Gallery::reserve(std::size_t templates, std::size_t minutiaePerTemplate) {
    slots_.reserve(templates);
    points_.reserve(templates * minutiaePerTemplate);
    const std::size_t padded = detail::paddedCount(minutiaePerTemplate) + detail::kLanes / 2;  // mean padding
    words_.reserve(templates * padded * MatchTemplate::kWordsPerMinutia);
    angles_.reserve(templates * padded);
    hulls_.reserve(templates * 16);
}

std::size_t Gallery::add(const FingerprintTemplate& t, std::uint64_t id) { return add(prepareForMatching(t), id); }

std::size_t Gallery::add(const MatchTemplate& t, std::uint64_t id) {
    Slot s{};
    s.id = id;
    s.pointOffset = static_cast<std::uint32_t>(points_.size());
    s.paddedOffset = static_cast<std::uint32_t>(angles_.size());
    s.hullOffset = static_cast<std::uint32_t>(hulls_.size());
    s.count = static_cast<std::uint16_t>(t.points.size());  // prepareForMatching keeps at most 200 minutiae
    s.hullCount = static_cast<std::uint16_t>(t.hull.size());
    points_.insert(points_.end(), t.points.begin(), t.points.end());
    words_.insert(words_.end(), t.cylinders.begin(), t.cylinders.end());
    angles_.insert(angles_.end(), t.angles.begin(), t.angles.end());
    hulls_.insert(hulls_.end(), t.hull.begin(), t.hull.begin() + s.hullCount);
    slots_.push_back(s);
    return slots_.size() - 1;
}

std::size_t Gallery::memoryBytes() const {
    return points_.size() * sizeof(MatchTemplate::Point) + words_.size() * sizeof(std::uint64_t) + angles_.size() * sizeof(float) +
           hulls_.size() * sizeof(MatchTemplate::Point) + slots_.size() * sizeof(Slot);
}

MatchTemplateView Gallery::view(std::size_t slot) const {
    const Slot& s = slots_[slot];
    return {points_.data() + s.pointOffset, s.count,
            words_.data() + static_cast<std::size_t>(s.paddedOffset) * MatchTemplate::kWordsPerMinutia,
            angles_.data() + s.paddedOffset, hulls_.data() + s.hullOffset, s.hullCount};
}

std::vector<Gallery::Hit> Gallery::search(const FingerprintTemplate& probe, std::size_t topK) const {
    Options o;
    o.topK = topK;
    o.rescore = std::max(o.rescore, topK);
    return search(prepareForMatching(probe), o);
}

std::vector<Gallery::Hit> Gallery::search(const MatchTemplate& probe, const Options& options) const {
    std::lock_guard searchLock(searchMutex_);
    const std::size_t keep = std::max<std::size_t>({options.rescore, options.topK, 1});
    const MatchTemplateView pv = probe.view();
    const std::size_t n = slots_.size();
    std::atomic<std::size_t> nextChunk{0};
    for (auto& list : perWorker_) {
        list.clear();
        list.reserve(keep + 1);
    }
    const auto t0 = std::chrono::steady_clock::now();
    // Stage 1: screen everything; each worker keeps its `keep` best in a min-heap (by screen score).
    std::mutex cpuMutex;
    double cpu = 0;
    const std::function<void(unsigned)> screen = [&](unsigned w) {
        const double c0 = threadCpuSeconds();
        auto& heap = perWorker_[w];
        for (std::size_t c = nextChunk++; c * kChunk < n; c = nextChunk++) {
            const std::size_t end = std::min(n, (c + 1) * kChunk);
            for (std::size_t i = c * kChunk; i < end; ++i) {
                const double s = screenTemplates(pv, view(i));
                if (heap.size() == keep && s <= heap.front().screenScore) continue;
                heap.push_back({slots_[i].id, i, 0.0, s});
                std::push_heap(heap.begin(), heap.end(), byScreenDesc);
                if (heap.size() > keep) {
                    std::pop_heap(heap.begin(), heap.end(), byScreenDesc);
                    heap.pop_back();
                }
            }
        }
        const std::lock_guard lock(cpuMutex);
        cpu += threadCpuSeconds() - c0;
    };
    runOnAll(screen);
    const auto t1 = std::chrono::steady_clock::now();
    // Stage 2: the best `keep` overall, re-scored with the full matcher (in parallel).
    std::vector<Hit> merged;
    for (const auto& list : perWorker_) merged.insert(merged.end(), list.begin(), list.end());
    std::sort(merged.begin(), merged.end(), byScreenDesc);
    if (merged.size() > keep) merged.resize(keep);
    std::atomic<std::size_t> nextCandidate{0};
    const std::function<void(unsigned)> rescore = [&](unsigned) {
        for (std::size_t k = nextCandidate++; k < merged.size(); k = nextCandidate++)
            merged[k].score = compareTemplates(pv, view(merged[k].slot));
    };
    runOnAll(rescore);
    std::sort(merged.begin(), merged.end(), [](const Hit& x, const Hit& y) {
        if (x.score != y.score) return x.score > y.score;
        return x.slot < y.slot;
    });
    if (merged.size() > options.topK) merged.resize(options.topK);
    const auto t2 = std::chrono::steady_clock::now();
    stats_.rescored = std::min(keep, n);
    stats_.rescoreSeconds = std::chrono::duration<double>(t2 - t1).count();
    stats_.screened = n;
    stats_.screenSeconds = std::chrono::duration<double>(t1 - t0).count();
    stats_.screenCpuSeconds = cpu;
    return merged;
}

}  // namespace kiosk::biometrics
