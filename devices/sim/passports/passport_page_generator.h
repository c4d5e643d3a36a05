#pragma once
// Synthetic passport data pages (TD3) and ID cards (TD1, MRZ side) for the MRZ reader's tests and bench:
// a photo placeholder, visual-zone fields, and the MRZ printed in OCR-B at the ICAO pitch (2.54 mm, ten
// characters per inch) and position; then a capture as a reader sees it: rotation, perspective, blur,
// noise, JPEG artefacts, uneven light and glare, low contrast, a laminate pattern. Seeded and
// deterministic; plain OpenCV (the OCR-B glyphs come from kiosk_mrz_ocr's build-time rendering).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/error.h"
#include "app/core/grey_image.h"
#include "app/documents/travel_document.h"

namespace kiosk::sim {

enum class Degradation { None, Mild, Medium, Hard };
[[nodiscard]] std::string_view degradationName(Degradation level);

// An invented traveler's document: TD3 passport or TD1 identity card (documentCode "P" or "I"/"ID"/"AC").
[[nodiscard]] documents::TravelDocument syntheticDocument(std::uint64_t seed, documents::DocumentFormat format);

struct DataPage {
    GreyImage image;
    std::vector<std::string> mrz;  // the lines printed (writeTd3 / writeTd1)
    // The MRZ print area's corners in image pixels: top-left, top-right, bottom-right, bottom-left as
    // printed (after an upside-down capture "top-left" is at the image's bottom right).
    std::array<std::array<double, 2>, 4> mrzCorners{};
    double pixelsPerMm = 0.0;  // of the clean page
};

// The clean page: TD3 125x88 mm at 8 px/mm (1000x704), TD1 85.6x54 mm at 11 px/mm (942x594).
[[nodiscard]] Result<DataPage> renderDataPage(const documents::TravelDocument& document, std::uint64_t seed);

// How the reader sees the page. Angles in degrees; strengths 0..1 unless stated.
struct CaptureConditions {
    int width = 1000, height = 700;  // the captured image
    double rotation = 0.0;           // in-plane, degrees; the upside-down flag adds 180
    bool upsideDown = false;
    double scale = 1.0;              // page size relative to the largest that fits upright
    double perspective = 0.0;        // corner displacement as a share of the page size
    double blurSigma = 0.0;          // pixels
    double noiseSigma = 0.0;         // grey levels
    int jpegQuality = 0;             // 0: no JPEG round trip
    double lightGradient = 0.0;      // darkening across the page, 0..1
    double glare = 0.0;              // strength of a bright specular spot, 0..1
    double contrast = 1.0;           // 1: as printed; 0.4: faint
    double laminate = 0.0;           // amplitude of the laminate's wavy pattern, grey levels
    double inkSpread = 0.0;          // set at rendering; kept here for reports
};

// Seeded conditions for a level: mild (a flatbed reader: up to 3 degrees, light blur), medium (up to 8
// degrees, some perspective, JPEG 60-85), hard (up to 15 degrees, a third upside down, perspective of a
// camera-based reader, blur, noise, JPEG 35-60, glare, low contrast, laminate).
[[nodiscard]] CaptureConditions captureConditions(Degradation level, std::uint64_t seed);

// Places the clean page in a width x height capture under the conditions. The MRZ stays in the frame.
[[nodiscard]] DataPage capturePage(const DataPage& clean, const CaptureConditions& conditions, std::uint64_t seed);

// Everything at once: a synthetic document of the format, rendered and captured at the level.
struct SyntheticPage {
    documents::TravelDocument document;
    DataPage page;
    CaptureConditions conditions;
};
[[nodiscard]] Result<SyntheticPage> syntheticPage(std::uint64_t seed, Degradation level,
                                                  documents::DocumentFormat format);

}  // namespace kiosk::sim
