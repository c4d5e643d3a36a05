#pragma once
// Reads the machine-readable zone from a grey image of a passport data page or an ID card: locates the
// MRZ band (any position, rotated up to +-15 degrees or upside down, mild perspective), rectifies it,
// segments the characters on the OCR-B pitch grid and classifies them against templates rendered from
// the OCR-B font (fonts-ocr-b, rendered at build time, distorted at create()). Plain OpenCV at run time.
//
// read() returns lines only when they validate through analyseMrz and every character not covered by
// a check digit was read with confidence; otherwise InvalidInput "unreadable: <reason>". Never guesses.
#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/core/error.h"
#include "app/core/grey_image.h"
#include "app/documents/mrz_parser.h"

namespace kiosk::documents::ocr {

struct OcrResult {
    std::vector<std::string> lines;
    double milliseconds = 0.0;
    std::vector<float> confidences;  // one per character, line by line, 0..1
};

// Intermediate images of each stage, for documentation and debugging (read() does not fill it).
struct OcrStages {
    kiosk::GreyImage textMask;   // dark-text response after black-hat and threshold
    kiosk::GreyImage lineMask;   // text joined into lines
    kiosk::GreyImage band;       // the rectified MRZ band (after perspective and orientation)
    kiosk::GreyImage cells;      // each character cell normalised as the classifier sees it
    std::vector<std::string> lines;  // best reading, validated or not
    std::vector<std::array<float, 2>> cellCentres;  // where each character of `lines` was read (image pixels)
};

class MrzReader {
public:
    // Builds the glyph classifier from the embedded OCR-B renderings (a few milliseconds).
    [[nodiscard]] static kiosk::Result<MrzReader> create();

    // Thread-safe: const and without shared mutable state.
    [[nodiscard]] kiosk::Result<OcrResult> read(const kiosk::GreyImage& page, const ParseOptions& options) const;

    // Same as read(), also returning the stage images.
    [[nodiscard]] kiosk::Result<OcrResult> readWithStages(const kiosk::GreyImage& page, const ParseOptions& options,
                                                          OcrStages& stages) const;

    struct Model;  // the templates; opaque

private:
    [[nodiscard]] kiosk::Result<OcrResult> readImpl(const kiosk::GreyImage& page, const ParseOptions& options,
                                                    OcrStages* stages) const;
    explicit MrzReader(std::shared_ptr<const Model> model) : model_(std::move(model)) {}
    std::shared_ptr<const Model> model_;
};

}  // namespace kiosk::documents::ocr
