// Descriptor-similarity kernels (see matcher_kernels.h). Both kernels do the same float operations in the same
// order, so their scores are identical; the AVX-512 one handles 8 candidate minutiae per step.
//
// Per pair, with m = validA & validB: Dice = 2|a&b&m| / (|a&m| + |b&m|), and |a&m| + |b&m| is computed as
// |(a^b)&m| + 2|a&b&m| — two popcounts per word instead of three.
#include "app/biometrics/matcher_kernels.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define KIOSK_HAVE_AVX512_KERNEL 1
#endif

namespace kiosk::biometrics::detail {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;
constexpr float kTwoPi = 2 * kPi;
constexpr float kMaxRotationRad = kPi / 2;  // MCC delta_theta
constexpr int kAngles = MatchTemplate::kCylinderAngles;
constexpr int kWords = MatchTemplate::kWordsPerMinutia;
constexpr int kMaxPairs = 12;

// The best nP similarities, descending. Zeros are never kept: they add nothing to the sum, and a float sum of
// the same positive values in the same (descending) order is the same, bit for bit.
struct BestPairs {
    std::array<float, kMaxPairs + 1> top{};
    int filled = 0, nP;
    explicit BestPairs(int n) : nP(n) {}
    [[nodiscard]] float threshold() const { return filled < nP ? 0.f : top[static_cast<std::size_t>(nP - 1)]; }
    void offer(float v) {
        if (!(v > threshold())) return;
        // Shift the smaller ones down one place (plain moves: a swap loop here stalled on store forwarding).
        auto k = static_cast<std::size_t>(filled < nP ? filled++ : nP - 1);
        for (; k > 0 && top[k - 1] < v; --k) top[k] = top[k - 1];
        top[k] = v;
    }
    [[nodiscard]] float mean() const {
        float sum = 0;
        for (int k = 0; k < filled; ++k) sum += top[static_cast<std::size_t>(k)];
        return sum / static_cast<float>(nP);  // fewer than nP similar pairs count as zeros
    }
};

// Screening divides only when 2b > fl(fl(thr * kGenerous) * t): the test lets through every pair with
// fl(2b / t) > thr (then 2b > thr * t * (1 - 2^-24), and the rounding below costs far less than 2^-16).
constexpr float kGenerous = 1.f - 0x1p-16f;

const std::uint64_t* minutiaWords(const MatchTemplateView& t, std::size_t i) {  // word w at [w * kLanes]
    return t.cylinders + (i / kLanes) * kWords * kLanes + i % kLanes;
}

[[gnu::target_clones("popcnt", "default")]] float portableKernel(const MatchTemplateView& a, const MatchTemplateView& b, int nP,
                                                                   int minCommon, float* sim) {
    const std::size_t na = a.count, nb = b.count, stride = paddedCount(nb);
    BestPairs best(nP);
    for (std::size_t i = 0; i < na; ++i) {
        const std::uint64_t* wa = minutiaWords(a, i);
        const float ai = a.angles[i];
        float* row = sim ? sim + i * stride : nullptr;
        if (row) std::fill(row, row + stride, 0.f);
        if (wa[kAngles * kLanes] == 0) continue;  // invalid cylinder: no pair can qualify
        for (std::size_t j = 0; j < nb; ++j) {
            float da = std::abs(ai - b.angles[j]);
            if (da > kPi) da = kTwoPi - da;
            if (da > kMaxRotationRad) continue;
            const std::uint64_t* wb = minutiaWords(b, j);
            const std::uint64_t mask = wa[kAngles * kLanes] & wb[kAngles * kLanes];
            if (std::popcount(mask) < minCommon) continue;
            int both = 0, differ = 0;
            for (int w = 0; w < kAngles; ++w) {
                const std::uint64_t x = wa[w * kLanes], y = wb[w * kLanes];
                both += std::popcount(x & y & mask);
                differ += std::popcount((x ^ y) & mask);
            }
            const int total = differ + 2 * both;
            if (total == 0) continue;
            if (!row && !(static_cast<float>(2 * both) > best.threshold() * kGenerous * static_cast<float>(total))) continue;
            const float sv = 2.f * static_cast<float>(both) / static_cast<float>(total);
            if (row) row[j] = sv;
            best.offer(sv);
        }
    }
    return best.mean();
}

#ifdef KIOSK_HAVE_AVX512_KERNEL
// kRows: fill the similarity matrix (full comparison); without it (screening) the division is only done for
// the rare lanes that pass a multiply-only pre-test (kGenerous).
template <bool kRows>
[[gnu::target("avx512f,avx512vl,avx512dq,avx512bw,avx512vpopcntdq,popcnt")]] float avx512Kernel(const MatchTemplateView& a,
                                                                                               const MatchTemplateView& b,
                                                                                               int nP, int minCommon,
                                                                                               float* sim) {
    const std::size_t na = a.count, blocks = paddedCount(b.count) / kLanes, stride = blocks * kLanes;
    BestPairs best(nP);
    const __m512i minCells = _mm512_set1_epi64(minCommon);
    const __m256 pi = _mm256_set1_ps(kPi), twoPi = _mm256_set1_ps(kTwoPi), maxRotation = _mm256_set1_ps(kMaxRotationRad);
    const __m256 two = _mm256_set1_ps(2.f), signBit = _mm256_set1_ps(-0.f);
    for (std::size_t i = 0; i < na; ++i) {
        const std::uint64_t* wa = minutiaWords(a, i);
        float* row = kRows ? sim + i * stride : nullptr;
        if constexpr (kRows) std::fill(row, row + stride, 0.f);
        if (wa[kAngles * kLanes] == 0) continue;
        __m512i planes[kAngles];
        for (int w = 0; w < kAngles; ++w) planes[w] = _mm512_set1_epi64(static_cast<long long>(wa[w * kLanes]));
        const __m512i validA = _mm512_set1_epi64(static_cast<long long>(wa[kAngles * kLanes]));
        const __m256 ai = _mm256_set1_ps(a.angles[i]);
        for (std::size_t blk = 0; blk < blocks; ++blk) {
            const std::uint64_t* wb = b.cylinders + blk * kWords * kLanes;
            const __m512i mask = _mm512_and_si512(validA, _mm512_loadu_si512(wb + kAngles * kLanes));
            __mmask8 ok = _mm512_cmpge_epi64_mask(_mm512_popcnt_epi64(mask), minCells);
            __m256 da = _mm256_andnot_ps(signBit, _mm256_sub_ps(ai, _mm256_loadu_ps(b.angles + blk * kLanes)));
            da = _mm256_mask_blend_ps(_mm256_cmp_ps_mask(da, pi, _CMP_GT_OQ), da, _mm256_sub_ps(twoPi, da));
            ok &= _mm256_cmp_ps_mask(da, maxRotation, _CMP_LE_OQ);
            if (!ok) continue;
            __m512i both = _mm512_setzero_si512(), differ = _mm512_setzero_si512();
            for (int w = 0; w < kAngles; ++w) {
                const __m512i x = planes[w], y = _mm512_loadu_si512(wb + w * kLanes);
                both = _mm512_add_epi64(both, _mm512_popcnt_epi64(_mm512_and_si512(_mm512_and_si512(x, y), mask)));
                differ = _mm512_add_epi64(differ, _mm512_popcnt_epi64(_mm512_and_si512(_mm512_xor_si512(x, y), mask)));
            }
            // (masked/maskz forms: GCC 12 warns about the "undefined" source of the plain intrinsics)
            const __m512i total = _mm512_add_epi64(differ, _mm512_add_epi64(both, both));
            ok &= _mm512_test_epi64_mask(total, total);
            const __m256 fBoth = _mm256_cvtepi32_ps(_mm512_maskz_cvtepi64_epi32(0xFF, both));
            const __m256 fTotal = _mm256_cvtepi32_ps(_mm512_maskz_cvtepi64_epi32(0xFF, total));
            const __m256 twiceBoth = _mm256_mul_ps(two, fBoth);
            __m256 sv;
            unsigned better;
            if constexpr (kRows) {
                sv = _mm256_maskz_div_ps(ok, twiceBoth, fTotal);
                _mm256_storeu_ps(row + blk * kLanes, sv);
                better = _mm256_mask_cmp_ps_mask(ok, sv, _mm256_set1_ps(best.threshold()), _CMP_GT_OQ);
                if (!better) continue;
            } else {
                const __m256 bound = _mm256_mul_ps(_mm256_set1_ps(best.threshold() * kGenerous), fTotal);
                better = _mm256_mask_cmp_ps_mask(ok, twiceBoth, bound, _CMP_GT_OQ);
                if (!better) continue;
                sv = _mm256_maskz_div_ps(static_cast<__mmask8>(better), twiceBoth, fTotal);
            }
            alignas(32) std::array<float, kLanes> lanes;
            _mm256_store_ps(lanes.data(), sv);
            for (; better; better &= better - 1) best.offer(lanes[static_cast<std::size_t>(std::countr_zero(better))]);
        }
    }
    return best.mean();
}
#endif

DescriptorKernel fastestKernel() {
#ifdef KIOSK_HAVE_AVX512_KERNEL
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vpopcntdq"))
        return DescriptorKernel::Avx512;
#endif
    return DescriptorKernel::Portable;
}

std::atomic<DescriptorKernel>& selected() {
    static std::atomic<DescriptorKernel> k{fastestKernel()};
    return k;
}

}  // namespace

bool kernelAvailable(DescriptorKernel k) { return k == DescriptorKernel::Portable || fastestKernel() == k; }

void useDescriptorKernel(DescriptorKernel k) { selected().store(kernelAvailable(k) ? k : DescriptorKernel::Portable); }

DescriptorKernel descriptorKernel() { return selected().load(std::memory_order_relaxed); }

float localSimilarityScore(const MatchTemplateView& a, const MatchTemplateView& b, int nP, int minCommonCells, float* sim) {
#ifdef KIOSK_HAVE_AVX512_KERNEL
    if (descriptorKernel() == DescriptorKernel::Avx512)
        return sim ? avx512Kernel<true>(a, b, nP, minCommonCells, sim) : avx512Kernel<false>(a, b, nP, minCommonCells, sim);
#endif
    return portableKernel(a, b, nP, minCommonCells, sim);
}

}  // namespace kiosk::biometrics::detail
