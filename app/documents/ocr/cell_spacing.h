#pragma once
// A sanity check of a reading's grid, independent of what the characters are: every MRZ cell holds a glyph
// (fillers included), centred in its OCR-B cell, and the classifier's window centres itself on each cell's
// own ink. So on a line read under the right grid, neighbouring windows stand about a pitch apart. A grid
// that slipped against the print puts two windows on one glyph (a letter read twice, `CLAAIRE`: 0.05 pitch
// apart) or leaves one out (up to 1.6 apart), and every character can still score well: in a name no check
// digit would notice.
#include <cstddef>
#include <optional>
#include <span>

namespace kiosk::documents::ocr::detail {

// Measured on 3,491 lines read right (hard bench pages of four sets): 0.75 to 1.27 pitches.
inline constexpr float kMinCellSpacing = 0.65f;
inline constexpr float kMaxCellSpacing = 1.35f;

struct UnevenCells {
    int line = 0, column = 0;  // 0-based: the first cell of the pair
    float pitches = 0;         // how far apart their ink centres stand
};

// `inkCentres`: per cell, line by line, the x its window was centred on, in a band of `pitch` pixels per cell.
inline std::optional<UnevenCells> unevenCells(std::span<const float> inkCentres, int lines, int length, float pitch) {
    if (lines <= 0 || length <= 1 || pitch <= 0 || inkCentres.size() != static_cast<std::size_t>(lines) * static_cast<std::size_t>(length))
        return std::nullopt;
    for (int l = 0; l < lines; ++l) {
        for (int c = 0; c + 1 < length; ++c) {
            const std::size_t i = static_cast<std::size_t>(l) * static_cast<std::size_t>(length) + static_cast<std::size_t>(c);
            const float apart = (inkCentres[i + 1] - inkCentres[i]) / pitch;
            if (apart < kMinCellSpacing || apart > kMaxCellSpacing) return UnevenCells{l, c, apart};
        }
    }
    return std::nullopt;
}

}  // namespace kiosk::documents::ocr::detail
