#pragma once
// 1:N search over an in-memory gallery of prepared templates on every core.
//
// Two stages, both with this library's matcher: (1) every gallery template is screened with the descriptor
// stage of the matcher (screenTemplates: local similarity sort of the minutia cylinders, no alignment), on a
// pool of std::jthreads, one contiguous chunk at a time; (2) the `rescore` best screened candidates are
// compared with the full matcher (compareTemplates: alignment, pairing, overlap-normalised score) and the
// topK of those are returned with their full, calibrated scores (thresholdForFalseMatchRate applies).
// Storage is one flat arena per kind (points; descriptor words and directions in the matcher's blocked
// structure-of-arrays layout, padded to blocks of 8 minutiae; hulls), contiguous in slot order so the screening
// pass streams through memory; no per-template heap blocks. A search allocates only its result vector: no
// allocation per comparison.
// Thread safety: add() and search() must not run at the same time; searches are serialised internally.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "app/biometrics/fingerprint_template.h"
#include "app/biometrics/matcher.h"

namespace kiosk::biometrics {

class Gallery {
public:
    explicit Gallery(unsigned threads = 0);  // 0 = std::thread::hardware_concurrency()
    ~Gallery();
    Gallery(const Gallery&) = delete;
    Gallery& operator=(const Gallery&) = delete;

    void reserve(std::size_t templates, std::size_t minutiaePerTemplate);
    std::size_t add(const FingerprintTemplate& t, std::uint64_t id);  // returns the slot index
    std::size_t add(const MatchTemplate& t, std::uint64_t id);

    [[nodiscard]] std::size_t size() const { return slots_.size(); }
    [[nodiscard]] std::size_t memoryBytes() const;  // arena + slot table in use (not reserved capacity)
    [[nodiscard]] MatchTemplateView view(std::size_t slot) const;
    [[nodiscard]] unsigned threads() const { return static_cast<unsigned>(workers_.size()); }

    struct Hit {
        std::uint64_t id = 0;
        std::size_t slot = 0;    // index in the gallery
        double score = 0;        // full matcher score (calibrated)
        double screenScore = 0;  // stage-1 score
    };
    struct Options {
        std::size_t topK = 10;
        std::size_t rescore = 64;  // stage-2 candidates (at least topK)
    };
    [[nodiscard]] std::vector<Hit> search(const MatchTemplate& probe, const Options& options) const;
    [[nodiscard]] std::vector<Hit> search(const FingerprintTemplate& probe, std::size_t topK) const;

    struct Stats {
        std::size_t screened = 0, rescored = 0;
        double screenSeconds = 0, rescoreSeconds = 0;  // wall time
        double screenCpuSeconds = 0;                   // stage-1 thread CPU time summed over the workers
    };
    [[nodiscard]] Stats lastStats() const { return stats_; }

private:
    struct Slot {
        std::uint64_t id;
        std::uint32_t pointOffset, paddedOffset, hullOffset;  // paddedOffset: into angles_ (x kWords: words_)
        std::uint16_t count, hullCount;
    };
    void runOnAll(const std::function<void(unsigned worker)>& job) const;
    void workerLoop(std::stop_token stop, unsigned index);

    std::vector<MatchTemplate::Point> points_;
    std::vector<std::uint64_t> words_;
    std::vector<float> angles_;
    std::vector<MatchTemplate::Point> hulls_;
    std::vector<Slot> slots_;

    mutable std::mutex searchMutex_;
    mutable std::mutex poolMutex_;
    mutable std::condition_variable poolWake_, poolDone_;
    mutable const std::function<void(unsigned)>* job_ = nullptr;
    mutable std::uint64_t generation_ = 0;
    mutable unsigned running_ = 0;
    mutable std::vector<std::vector<Hit>> perWorker_;
    mutable Stats stats_;
    std::vector<std::jthread> workers_;
};

}  // namespace kiosk::biometrics
