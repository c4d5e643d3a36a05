// Fingerprint benchmark: extraction time (median, p95) on one core, 1:1 comparisons per second, template
// size (all times are thread CPU time, i.e. one core even on a loaded machine), and on FVC2002 DB1_B (when ../shared/data is present) the EER as the product's first baseline.
//   bench_biometrics               figures as JSON lines (bench_report.h)
//   bench_biometrics --calibrate   also prints the impostor score distribution on FVC2002 DB1..4_B and the
//                                  synthetic set — the numbers behind thresholdForFalseMatchRate()
//   bench_biometrics --identify [--iso] [--queries N] [--portable]
//                                  only the 1:N identification rate and speed over a gallery of 250,000 (see
//                                  identify()); --portable: without the AVX-512 kernel (as on older CPUs)
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <thread>
#include <string>
#include <vector>

#include "app/biometrics/feature_extractor.h"
#include "app/biometrics/fusion.h"
#include "app/biometrics/gallery.h"
#include "app/biometrics/iso19794_2.h"
#include "app/biometrics/matcher.h"
#include "app/biometrics/matcher_kernels.h"
#include "bench/bench_report.h"
#include "devices/sim/fingerprints/synthetic_fingerprint.h"

namespace {

using kiosk::biometrics::FingerprintTemplate;
// Thread CPU time: the machine is shared, and the figures are "on one core".
struct Clock {
    using duration = std::chrono::nanoseconds;
    static std::chrono::time_point<Clock, duration> now() {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return std::chrono::time_point<Clock, duration>(duration(std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec));
    }
};

std::filesystem::path fingerprintDir() {
    if (const char* env = std::getenv("KIOSK_SHARED_DATA"); env && *env) return std::filesystem::path(env) / "fingerprints";
    return std::filesystem::path(KIOSK_SHARED_DATA_DEFAULT) / "fingerprints";
}

kiosk::GreyImage load(const std::filesystem::path& p, int dpi) {
    const cv::Mat m = cv::imread(p.string(), cv::IMREAD_GRAYSCALE);
    kiosk::GreyImage g;
    if (m.empty()) return g;
    g.width = m.cols;
    g.height = m.rows;
    g.dpi = dpi;
    g.pixels.assign(m.data, m.data + m.total());
    return g;
}

struct Set {
    std::vector<kiosk::GreyImage> images;
    std::vector<int> finger;  // finger id per image
};

Set loadFvc(const std::string& db, int dpi) {
    Set s;
    const auto dir = fingerprintDir() / "fvc2002" / db;
    for (int f = 101; f <= 110; ++f)
        for (int i = 1; i <= 8; ++i) {
            auto g = load(dir / (std::to_string(f) + "_" + std::to_string(i) + ".tif"), dpi);
            if (!g.isValid()) return {};
            s.images.push_back(std::move(g));
            s.finger.push_back(f);
        }
    return s;
}

Set syntheticSet(int fingers, int impressions) {
    Set s;
    for (int f = 1; f <= fingers; ++f) {
        const auto master = kiosk::sim::generateMasterPrint(static_cast<std::uint64_t>(f));
        for (int i = 0; i < impressions; ++i) {
            kiosk::sim::ImpressionOptions o;
            o.seed = static_cast<std::uint64_t>(f * 100 + i);
            o.pressure = (i % 3 - 1) * 0.3;
            s.images.push_back(kiosk::sim::generateImpression(master, o));
            s.finger.push_back(f);
        }
    }
    return s;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::clamp(p * static_cast<double>(v.size() - 1), 0.0, static_cast<double>(v.size() - 1)));
    return v[i];
}

struct Scores {
    std::vector<double> genuine, impostor;
};

// Every genuine pair; impostor pairs: every unordered pair of different fingers, all impressions
// (FVC protocol uses first impressions only; all pairs are used here for a denser impostor tail).
Scores scoreAll(const std::vector<FingerprintTemplate>& t, const std::vector<int>& finger, std::size_t impostorStride) {
    Scores s;
    std::size_t k = 0;
    for (std::size_t a = 0; a < t.size(); ++a)
        for (std::size_t b = a + 1; b < t.size(); ++b) {
            if (finger[a] == finger[b]) {
                s.genuine.push_back(kiosk::biometrics::compareTemplates(t[a], t[b]));
            } else if (k++ % impostorStride == 0) {
                s.impostor.push_back(kiosk::biometrics::compareTemplates(t[a], t[b]));
            }
        }
    return s;
}

double equalErrorRate(const Scores& s) {
    std::vector<double> g = s.genuine, i = s.impostor;
    std::sort(g.begin(), g.end());
    std::sort(i.begin(), i.end());
    double best = 1, eer = 1;
    for (double t = 0; t <= 100; t += 0.05) {
        const double fnmr = static_cast<double>(std::lower_bound(g.begin(), g.end(), t) - g.begin()) / static_cast<double>(g.size());
        const double fmr = static_cast<double>(i.end() - std::lower_bound(i.begin(), i.end(), t)) / static_cast<double>(i.size());
        if (std::abs(fnmr - fmr) < best) best = std::abs(fnmr - fmr), eer = (fnmr + fmr) / 2;
    }
    return eer;
}

std::vector<FingerprintTemplate> extractAll(const Set& s, std::vector<double>* millis) {
    std::vector<FingerprintTemplate> out;
    for (const auto& img : s.images) {
        const auto t0 = Clock::now();
        auto t = kiosk::biometrics::extractTemplate(img);
        const auto t1 = Clock::now();
        if (millis) millis->push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        out.push_back(t ? std::move(*t) : FingerprintTemplate{});
    }
    return out;
}

// One FVC2002 B template with the finger it belongs to (finger ids unique across the four sets).
struct Labelled {
    FingerprintTemplate t;
    int finger = 0, impression = 0;
};

// Every template of DB1_B..DB4_B, from our extractor or (iso) from the SecuGen records beside the images.
std::vector<Labelled> loadAllFvc(bool iso) {
    std::vector<Labelled> out;
    const std::pair<const char*, int> dbs[] = {{"DB1_B", 500}, {"DB2_B", 569}, {"DB3_B", 500}, {"DB4_B", 500}};
    for (std::size_t d = 0; d < 4; ++d) {
        const auto dir = fingerprintDir() / "fvc2002" / dbs[d].first;
        for (int f = 101; f <= 110; ++f)
            for (int i = 1; i <= 8; ++i) {
                const std::string stem = std::to_string(f) + "_" + std::to_string(i);
                Labelled l;
                l.finger = static_cast<int>(d) * 1000 + f;
                l.impression = i;
                if (iso) {
                    std::ifstream in(dir / (stem + ".iso"), std::ios::binary);
                    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                    if (auto t = kiosk::biometrics::decodeIso19794_2(bytes)) l.t = std::move(*t);
                } else if (auto t = kiosk::biometrics::extractTemplate(load(dir / (stem + ".tif"), dbs[d].second))) {
                    l.t = std::move(*t);
                }
                out.push_back(std::move(l));
            }
    }
    return out;
}

// 1:N identification on FVC2002 at gallery scale. Queries: impressions 2..8 of fingers 101..105 of every set
// (20 fingers, 140 queries); each of those fingers is enrolled ONCE (impression 1, its own id); the rest of the
// 250,000 slots are filler: all 8 impressions of fingers 106..110 of every set (160 templates, no mate of any
// query), replicated and shuffled. A query succeeds on the shortlist when its mate is among the `rescore`
// screened candidates, at rank 1 when the mate is the first hit after the full re-score. The replicated filler
// means ~1,560 copies of each impostor: the mate must beat every distinct impostor, copies cannot help it.
void identify(bool iso, std::size_t maxQueries) {
    using kiosk::bench::report;
    const std::vector<Labelled> all = loadAllFvc(iso);
    std::vector<std::size_t> enrolled, filler, queries;
    for (std::size_t k = 0; k < all.size(); ++k) {
        const bool queryFinger = all[k].finger % 1000 <= 105;
        if (!queryFinger) filler.push_back(k);
        else if (all[k].impression == 1) enrolled.push_back(k);
        else queries.push_back(k);
    }
    if (queries.size() > maxQueries) queries.resize(maxQueries);
    std::vector<kiosk::biometrics::MatchTemplate> prepared;
    for (const auto& l : all) prepared.push_back(kiosk::biometrics::prepareForMatching(l.t));
    constexpr std::size_t kGallery = 250'000;
    std::vector<std::size_t> order;  // indices into `all`
    for (const auto e : enrolled) order.push_back(e);
    for (std::size_t i = 0; order.size() < kGallery; ++i) order.push_back(filler[i % filler.size()]);
    std::mt19937_64 rng(7);
    std::shuffle(order.begin(), order.end(), rng);
    kiosk::biometrics::Gallery gallery;
    gallery.reserve(kGallery, 40);
    for (const auto k : order) gallery.add(prepared[k], static_cast<std::uint64_t>(k));
    // topK = rescore: every shortlisted candidate comes back, ordered by its full score.
    constexpr kiosk::biometrics::Gallery::Options options{64, 64};
    std::size_t onShortlist = 0, rank1 = 0;
    double screenWall = 0, screenCpu = 0, totalWall = 0;
    for (const auto q : queries) {
        const auto w0 = std::chrono::steady_clock::now();
        const auto hits = gallery.search(prepared[q], options);
        totalWall += std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
        screenWall += gallery.lastStats().screenSeconds;
        screenCpu += gallery.lastStats().screenCpuSeconds;
        const auto isMate = [&](const kiosk::biometrics::Gallery::Hit& h) { return all[h.id].finger == all[q].finger; };
        if (std::any_of(hits.begin(), hits.end(), isMate)) ++onShortlist;
        if (!hits.empty() && isMate(hits.front())) ++rank1;
    }
    const double nq = static_cast<double>(queries.size());
    const std::string src = iso ? " (SecuGen records)" : " (our extractor)";
    report("biometrics", "1:N identification queries" + src, nq, "queries");
    report("biometrics", "1:N mate on the shortlist of 64, gallery 250,000" + src, 100.0 * static_cast<double>(onShortlist) / nq, "%");
    report("biometrics", "1:N rank-1 identification rate, gallery 250,000" + src, 100.0 * static_cast<double>(rank1) / nq, "%");
    report("biometrics", "1:N screening comparisons, all cores (wall)" + src, nq * kGallery / screenWall, "comparisons/s");
    report("biometrics", "1:N screening comparisons per core (thread CPU time)" + src, nq * kGallery / screenCpu, "comparisons/s");
    report("biometrics", "1:N search of 250,000, wall" + src, totalWall / nq * 1e3, "ms");
}

}  // namespace

int main(int argc, char** argv) {
    using kiosk::bench::report;
    using kiosk::biometrics::thresholdForFalseMatchRate;
    cv::setNumThreads(1);  // one core
    const bool calibrate = argc > 1 && std::string(argv[1]) == "--calibrate";
    if (argc > 1 && std::string(argv[1]) == "--identify") {
        bool iso = false;
        std::size_t queries = 140;
        for (int a = 2; a < argc; ++a) {
            if (std::string(argv[a]) == "--iso") iso = true;
            else if (std::string(argv[a]) == "--queries" && a + 1 < argc) queries = std::stoul(argv[++a]);
            else if (std::string(argv[a]) == "--portable") kiosk::biometrics::detail::useDescriptorKernel(kiosk::biometrics::detail::DescriptorKernel::Portable);
        }
        if (loadFvc("DB1_B", 500).images.empty()) {
            std::fprintf(stderr, "FVC2002 not found under %s\n", fingerprintDir().c_str());
            return 1;
        }
        identify(iso, queries);
        return 0;
    }

    Set db1 = loadFvc("DB1_B", 500);
    const bool haveFvc = !db1.images.empty();
    if (!haveFvc) std::fprintf(stderr, "FVC2002 not found under %s: timing on synthetic images, no EER\n", fingerprintDir().c_str());
    const Set timingSet = haveFvc ? db1 : syntheticSet(10, 4);

    std::vector<double> ms;
    const auto templates = extractAll(timingSet, &ms);
    report("biometrics", haveFvc ? "extraction median (FVC2002 DB1_B)" : "extraction median (synthetic)", percentile(ms, 0.5), "ms");
    report("biometrics", haveFvc ? "extraction p95 (FVC2002 DB1_B)" : "extraction p95 (synthetic)", percentile(ms, 0.95), "ms");

    double bytes = 0;
    for (const auto& t : templates) bytes += static_cast<double>(kiosk::biometrics::encodeIso19794_2(t, kiosk::FingerPosition::Unknown).size());
    report("biometrics", "ISO 19794-2 template size (mean)", bytes / static_cast<double>(templates.size()), "bytes");
    double minutiae = 0;
    for (const auto& t : templates) minutiae += static_cast<double>(t.minutiae.size());
    report("biometrics", "minutiae per template (mean)", minutiae / static_cast<double>(templates.size()), "minutiae");

    // Comparisons per second over all pairs (templates prepared once), repeated until ~1 s, one core.
    std::vector<kiosk::biometrics::MatchTemplate> prepared;
    for (const auto& t : templates) prepared.push_back(kiosk::biometrics::prepareForMatching(t));
    double sink = 0;
    using kiosk::biometrics::detail::DescriptorKernel;
    const DescriptorKernel fastest = kiosk::biometrics::detail::descriptorKernel();
    report("biometrics", "descriptor kernel in use: AVX-512 (1) or portable (0)", fastest == DescriptorKernel::Avx512 ? 1 : 0, "");
    for (int pass = 0; pass < 3; ++pass) {
        // Full matcher, screening, and screening with the portable kernel (CPUs without AVX-512 VPOPCNTDQ).
        const bool screenOnly = pass > 0, portablePass = pass == 2;
        if (portablePass && fastest == DescriptorKernel::Portable) break;
        if (portablePass) kiosk::biometrics::detail::useDescriptorKernel(DescriptorKernel::Portable);
        std::size_t comparisons = 0;
        const auto c0 = Clock::now();
        while (std::chrono::duration<double>(Clock::now() - c0).count() < 1.0)
            for (std::size_t a = 0; a < prepared.size(); ++a)
                for (std::size_t b = a + 1; b < prepared.size(); b += 7) {
                    sink += screenOnly ? kiosk::biometrics::screenTemplates(prepared[a], prepared[b])
                                       : kiosk::biometrics::compareTemplates(prepared[a], prepared[b]);
                    ++comparisons;
                }
        const double seconds = std::chrono::duration<double>(Clock::now() - c0).count();
        report("biometrics",
               portablePass ? "1:1 screening comparisons (descriptor stage), portable kernel, one core"
               : screenOnly ? "1:1 screening comparisons (descriptor stage), one core"
                            : "1:1 comparisons (full matcher), one core",
               static_cast<double>(comparisons) / seconds, "comparisons/s");
        if (portablePass) kiosk::biometrics::detail::useDescriptorKernel(fastest);
    }
    if (sink < 0) std::puts("");

    if (haveFvc) {
        const Scores s = scoreAll(templates, db1.finger, 1);
        report("biometrics", "EER FVC2002 DB1_B (280 genuine, 2880 impostor pairs)", 100.0 * equalErrorRate(s), "%");
    }

    if (haveFvc && !calibrate) {
        // 1:N: the 320 FVC2002 DB1..DB4_B templates replicated and shuffled into a gallery of 250,000.
        std::vector<kiosk::biometrics::MatchTemplate> all;
        const std::pair<const char*, int> dbs[] = {{"DB1_B", 500}, {"DB2_B", 569}, {"DB3_B", 500}, {"DB4_B", 500}};
        for (const auto& [name, dpi] : dbs) {
            const Set set = loadFvc(name, dpi);
            for (const auto& t : extractAll(set, nullptr)) all.push_back(kiosk::biometrics::prepareForMatching(t));
        }
        constexpr std::size_t kGallery = 250'000;
        std::vector<std::size_t> order(kGallery);
        for (std::size_t i = 0; i < kGallery; ++i) order[i] = i % all.size();
        std::mt19937_64 rng(42);
        std::shuffle(order.begin(), order.end(), rng);
        kiosk::biometrics::Gallery gallery;
        gallery.reserve(kGallery, 40);
        double minutiaeSum = 0;
        for (std::size_t i = 0; i < kGallery; ++i) {
            gallery.add(all[order[i]], i);
            minutiaeSum += static_cast<double>(all[order[i]].points.size());
        }
        report("biometrics", "1:N gallery size", static_cast<double>(gallery.size()), "templates");
        report("biometrics", "1:N memory per template", static_cast<double>(gallery.memoryBytes()) / kGallery, "bytes");
        report("biometrics", "1:N mean minutiae per gallery template", minutiaeSum / kGallery, "minutiae");
        report("biometrics", "1:N worker threads", gallery.threads(), "threads");
        double screenWall = 0, totalWall = 0, screenCpu = 0;
        constexpr int kProbes = 8;
        for (int p = 0; p < kProbes; ++p) {
            const auto& probe = all[static_cast<std::size_t>(p * 37) % all.size()];
            const auto w0 = std::chrono::steady_clock::now();
            const auto hits = gallery.search(probe, {10, 64});
            totalWall += std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
            screenWall += gallery.lastStats().screenSeconds;
            screenCpu += gallery.lastStats().screenCpuSeconds;
            if (hits.empty()) std::puts("no hits");
        }
        report("biometrics", "1:N screening comparisons, all cores (wall)", kProbes * static_cast<double>(kGallery) / screenWall, "comparisons/s");
        report("biometrics", "1:N screening comparisons per core (thread CPU time)", kProbes * static_cast<double>(kGallery) / screenCpu, "comparisons/s");
        report("biometrics", "1:N search of 250,000 (screen + full re-score of 64), wall", totalWall / kProbes * 1e3, "ms");
        const double fused[] = {thresholdForFalseMatchRate(1e-2), thresholdForFalseMatchRate(1e-2)};
        report("biometrics", "fusion: two fingers each at the FMR 1e-2 threshold, fused FMR (Fisher)",
               kiosk::biometrics::fuseFingerScores(fused, 1e-4).fusedFmr, "");
    }

    if (calibrate) {
        std::vector<double> impostor;
        const std::pair<const char*, int> dbs[] = {{"DB1_B", 500}, {"DB2_B", 569}, {"DB3_B", 500}, {"DB4_B", 500}};
        for (const auto& [name, dpi] : dbs) {
            const Set set = loadFvc(name, dpi);
            if (set.images.empty()) continue;
            const Scores s = scoreAll(extractAll(set, nullptr), set.finger, 1);
            std::printf("# %s genuine median %.2f  impostor median %.2f p99 %.2f p99.9 %.2f max %.2f  EER %.2f%%\n", name,
                        percentile(s.genuine, 0.5), percentile(s.impostor, 0.5), percentile(s.impostor, 0.99),
                        percentile(s.impostor, 0.999), percentile(s.impostor, 1.0), 100 * equalErrorRate(s));
            impostor.insert(impostor.end(), s.impostor.begin(), s.impostor.end());
        }
        const Set syn = syntheticSet(40, 3);
        const Scores ss = scoreAll(extractAll(syn, nullptr), syn.finger, 1);
        std::printf("# synthetic 40x3 genuine min %.2f median %.2f  impostor median %.2f max %.2f (%zu pairs)\n",
                    percentile(ss.genuine, 0), percentile(ss.genuine, 0.5), percentile(ss.impostor, 0.5),
                    percentile(ss.impostor, 1.0), ss.impostor.size());
        impostor.insert(impostor.end(), ss.impostor.begin(), ss.impostor.end());
        std::printf("# all impostor pairs: %zu\n", impostor.size());
        for (const double fmr : {1e-1, 1e-2, 1e-3, 1e-4})
            std::printf("# FMR %.0e: score %.2f\n", fmr, percentile(impostor, 1.0 - fmr));
        std::printf("# max impostor score %.2f\n", percentile(impostor, 1.0));
    }
    return 0;
}
