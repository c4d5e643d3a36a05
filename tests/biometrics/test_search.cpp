// The fast descriptor stage and the 1:N search: every kernel gives the same scores as a plain reference
// implementation of the MCC local-similarity-sort score, and Gallery::search returns what a brute-force
// screen + full re-score over the same templates returns.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <vector>

#include "app/biometrics/gallery.h"
#include "app/biometrics/iso19794_2.h"
#include "app/biometrics/matcher.h"
#include "app/biometrics/matcher_kernels.h"
#include "tests/biometrics/test_support.h"

using namespace kiosk::biometrics;

namespace {

// Random minutiae; every third template is a rotated, shifted, thinned copy of the one before, so that
// similar descriptors (not only impostor-like ones) are exercised. Counts are not multiples of 8 (padding).
std::vector<FingerprintTemplate> randomTemplates(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> pos(20.f, 380.f), ang(0.f, 2 * std::numbers::pi_v<float>);
    std::uniform_int_distribution<int> count(9, 71);
    std::vector<FingerprintTemplate> out;
    for (std::size_t k = 0; k < n; ++k) {
        FingerprintTemplate t;
        t.width = t.height = 400;
        if (k % 3 == 2) {
            const float r = 0.2f, c = std::cos(r), s = std::sin(r);
            for (std::size_t i = 0; i < out.back().minutiae.size(); ++i) {
                if (i % 5 == 4) continue;
                Minutia m = out.back().minutiae[i];
                const float x = static_cast<float>(m.x) - 200, y = static_cast<float>(m.y) - 200;
                m.x = static_cast<std::uint16_t>(std::clamp(c * x - s * y + 210.f, 0.f, 399.f));
                m.y = static_cast<std::uint16_t>(std::clamp(s * x + c * y + 195.f, 0.f, 399.f));
                m.angleRad = std::fmod(m.angleRad + 2 * std::numbers::pi_v<float> - r, 2 * std::numbers::pi_v<float>);
                t.minutiae.push_back(m);
            }
        } else {
            const int m = count(rng);
            for (int i = 0; i < m; ++i)
                t.minutiae.push_back({static_cast<std::uint16_t>(pos(rng)), static_cast<std::uint16_t>(pos(rng)), ang(rng), Minutia::Type::Ending, 50});
        }
        out.push_back(std::move(t));
    }
    return out;
}

// SecuGen records of one FVC2002 set (real minutiae, no extraction: fast); empty without the data.
std::vector<FingerprintTemplate> isoRecords(const std::string& db) {
    std::vector<FingerprintTemplate> out;
    for (int f = 101; f <= 110; ++f)
        for (int i = 1; i <= 8; ++i) {
            const auto bytes = kiosk::test::readBytes(kiosk::test::fvcDir(db) / (std::to_string(f) + "_" + std::to_string(i) + ".iso"));
            if (bytes.empty()) return {};
            auto t = decodeIso19794_2(bytes);
            REQUIRE(t.has_value());
            out.push_back(std::move(*t));
        }
    return out;
}

// Plain reference of the LSS screening score from its definition (docs/biometrics.md, MCC): every pair whose
// directions differ by <= 90 degrees and whose cylinders share >= 31 of the 52 cells (60 %), Dice over the
// common cells; mean of the best nP, nP from MCC's sigmoid (4..12, mu 20, tau 0.4).
double referenceScreen(const MatchTemplate& a, const MatchTemplate& b) {
    if (a.points.size() < 2 || b.points.size() < 2) return 0;
    auto word = [](const MatchTemplate& t, std::size_t i, int w) {
        return t.cylinders[(i / 8) * MatchTemplate::kWordsPerMinutia * 8 + static_cast<std::size_t>(w) * 8 + i % 8];
    };
    std::vector<float> sims;
    for (std::size_t i = 0; i < a.points.size(); ++i)
        for (std::size_t j = 0; j < b.points.size(); ++j) {
            float da = std::abs(a.points[i].angle - b.points[j].angle);
            if (da > std::numbers::pi_v<float>) da = 2 * std::numbers::pi_v<float> - da;
            if (da > std::numbers::pi_v<float> / 2) continue;
            const std::uint64_t mask = word(a, i, 6) & word(b, j, 6);
            if (std::popcount(mask) < 31) continue;
            int pa = 0, pb = 0, pab = 0;
            for (int w = 0; w < 6; ++w) {
                pa += std::popcount(word(a, i, w) & mask);
                pb += std::popcount(word(b, j, w) & mask);
                pab += std::popcount(word(a, i, w) & word(b, j, w) & mask);
            }
            if (pa + pb > 0) sims.push_back(2.f * static_cast<float>(pab) / static_cast<float>(pa + pb));
        }
    std::sort(sims.begin(), sims.end(), std::greater<>());
    const float zn = static_cast<float>(std::min(a.points.size(), b.points.size()));
    const int nP = 4 + static_cast<int>(std::lround(8 / (1.f + std::exp(-0.4f * (zn - 20.f)))));
    float sum = 0;
    for (std::size_t k = 0; k < sims.size() && k < static_cast<std::size_t>(nP); ++k) sum += sims[k];
    return 100.0 * static_cast<double>(sum / static_cast<float>(nP));
}

std::vector<detail::DescriptorKernel> availableKernels() {
    std::vector<detail::DescriptorKernel> out{detail::DescriptorKernel::Portable};
    if (detail::kernelAvailable(detail::DescriptorKernel::Avx512)) out.push_back(detail::DescriptorKernel::Avx512);
    else std::puts("NOTE: no AVX-512 VPOPCNTDQ on this CPU: only the portable kernel is checked");
    return out;
}

struct KernelGuard {  // restores the automatic choice
    detail::DescriptorKernel saved = detail::descriptorKernel();
    ~KernelGuard() { detail::useDescriptorKernel(saved); }
};

void checkKernelsAgainstReference(const std::vector<FingerprintTemplate>& templates) {
    KernelGuard guard;
    std::vector<MatchTemplate> prepared;
    for (const auto& t : templates) prepared.push_back(prepareForMatching(t));
    std::vector<double> screenFirst, fullFirst;
    for (const auto kernel : availableKernels()) {
        detail::useDescriptorKernel(kernel);
        std::vector<double> screen, full;
        int positive = 0;
        for (std::size_t a = 0; a < prepared.size(); ++a)
            for (std::size_t b = 0; b < prepared.size(); b += 3) {
                const double s = screenTemplates(prepared[a], prepared[b]);
                if (s > 0) ++positive;
                REQUIRE(s == Approx(referenceScreen(prepared[a], prepared[b])).margin(1e-4));
                screen.push_back(s);
                if (b % 9 == 0) full.push_back(compareTemplates(prepared[a], prepared[b]));
            }
        CHECK(positive > static_cast<int>(screen.size() / 4));  // the check is not vacuous
        if (screenFirst.empty()) {
            screenFirst = screen, fullFirst = full;
        } else {
            CHECK(screen == screenFirst);  // bit for bit: the gallery's answer cannot depend on the CPU
            CHECK(full == fullFirst);
        }
    }
}

}  // namespace

TEST_CASE("search: descriptor kernels equal the reference LSS score (random templates)", "[biometrics][gallery][search]") {
    checkKernelsAgainstReference(randomTemplates(60, 11));
}

TEST_CASE("search: descriptor kernels equal the reference LSS score (FVC2002 SecuGen records)", "[biometrics][gallery][search]") {
    auto records = isoRecords("DB3_B");
    if (records.empty()) {
        std::puts("SKIPPED: FVC2002 DB3_B records not found");
        return;
    }
    records.resize(40);
    checkKernelsAgainstReference(records);
}

TEST_CASE("search: the gallery returns the brute-force screen + re-score answer", "[biometrics][gallery][search]") {
    auto source = isoRecords("DB1_B");
    if (source.empty()) source = randomTemplates(60, 5);
    std::vector<MatchTemplate> prepared;
    for (const auto& t : source) prepared.push_back(prepareForMatching(t));
    Gallery gallery(2);
    std::vector<std::size_t> sourceOf;  // gallery slot -> template; three copies of each, interleaved
    for (int copy = 0; copy < 3; ++copy)
        for (std::size_t k = 0; k < prepared.size(); ++k) {
            gallery.add(prepared[k], sourceOf.size());
            sourceOf.push_back(k);
        }
    CHECK(gallery.memoryBytes() > prepared.size() * 3 * 500);
    const Gallery::Options options{5, 16};
    for (std::size_t q = 0; q < prepared.size(); q += 13) {
        const MatchTemplate probe = prepareForMatching(q + 1 < source.size() ? source[q + 1] : source[0]);
        // Brute force: screen every slot, keep the 16 best (ties by slot), re-score in full, best 5.
        std::vector<Gallery::Hit> all;
        for (std::size_t s = 0; s < sourceOf.size(); ++s) all.push_back({s, s, 0, screenTemplates(probe, prepared[sourceOf[s]])});
        std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) {
            return x.screenScore != y.screenScore ? x.screenScore > y.screenScore : x.slot < y.slot;
        });
        all.resize(options.rescore);
        for (auto& h : all) h.score = compareTemplates(probe, prepared[sourceOf[h.slot]]);
        std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.score != y.score ? x.score > y.score : x.slot < y.slot; });
        all.resize(options.topK);
        const auto hits = gallery.search(probe, options);
        REQUIRE(hits.size() == options.topK);
        for (std::size_t k = 0; k < options.topK; ++k) {
            CHECK(hits[k].slot == all[k].slot);
            CHECK(hits[k].id == all[k].id);
            CHECK(hits[k].score == all[k].score);
            CHECK(hits[k].screenScore == all[k].screenScore);
        }
        CHECK(hits[0].score > 0);
        CHECK(gallery.lastStats().screened == sourceOf.size());
    }
}
