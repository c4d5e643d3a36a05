#pragma once
// The 37 MRZ glyphs of the OCR-B font, rendered at build time (glyph_atlas_tool.cpp, Qt) into one grey
// cell per glyph: white background, black anti-aliased ink, the glyph drawn at its advance origin.
// Shared by the classifier (templates) and the synthetic passport generator (printing the MRZ).
#include <cstddef>
#include <string_view>

namespace kiosk::documents::ocr {

struct GlyphAtlas {
    std::string_view characters;  // "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
    int advance;                  // cell width = the monospaced advance, in pixels
    int cellHeight;               // font height (ascent + descent)
    int ascent;                   // baseline row from the cell top
    int capHeight;                // height of 'H'
    const unsigned char* pixels;  // characters.size() cells, each cellHeight rows of advance bytes

    [[nodiscard]] const unsigned char* cell(std::size_t index) const {
        return pixels + index * static_cast<std::size_t>(advance) * static_cast<std::size_t>(cellHeight);
    }
};

[[nodiscard]] const GlyphAtlas& ocrbGlyphAtlas();

}  // namespace kiosk::documents::ocr
