#pragma once
// The matcher's hot loop: descriptor similarity of every probe/candidate minutia pair and the local
// similarity sort (LSS) score. Internal to the matcher and the gallery; tests use it to check that every
// kernel gives the same scores, bit for bit.
//
// Layout it works on (MatchTemplateView): cylinders in blocks of kLanes minutiae, word-major inside a block,
// word w of minutia j at cylinders[((j / kLanes) * kWordsPerMinutia + w) * kLanes + j % kLanes]; angles
// padded to whole blocks. Padding lanes hold all-zero words (no valid cells), so they never qualify.
#include <cstddef>

#include "app/biometrics/matcher.h"

namespace kiosk::biometrics::detail {

inline constexpr std::size_t kLanes = 8;  // minutiae per block: 8 x 64-bit words = one 512-bit register
[[nodiscard]] constexpr std::size_t paddedCount(std::size_t n) { return (n + kLanes - 1) / kLanes * kLanes; }

enum class DescriptorKernel {
    Portable,  // scalar popcounts (any x86-64 / other CPU; popcnt instruction when present)
    Avx512,    // 8 candidate minutiae per step with AVX-512 VPOPCNTDQ (Ice Lake and later)
};
[[nodiscard]] bool kernelAvailable(DescriptorKernel k);
// The fastest available kernel is chosen at start-up; tests may force one (not while a search runs).
void useDescriptorKernel(DescriptorKernel k);
[[nodiscard]] DescriptorKernel descriptorKernel();

// LSS score 0..1 of probe a against candidate b: mean of the best nP pair similarities. A pair qualifies when
// the minutia directions differ by at most 90 degrees and the cylinders share at least minCommonCells valid
// cells; its similarity is the Dice coefficient of the bits over those cells. sim: null, or a.count rows of
// paddedCount(b.count) floats that receive every pair's similarity (0 where the pair does not qualify).
[[nodiscard]] float localSimilarityScore(const MatchTemplateView& a, const MatchTemplateView& b, int nP, int minCommonCells,
                                         float* sim);

}  // namespace kiosk::biometrics::detail
