#pragma once
// Shared by the passport camera calibration tests: the calibration kit's reference page and the OCR
// check that a frame reads exactly its MRZ.
#include <catch2/catch.hpp>

#include "app/calibration/passport/passport_camera_calibration.h"
#include "app/calibration/passport/simulated_camera_rig.h"
#include "app/documents/ocr/mrz_reader.h"

namespace kiosk::calibration::passport::test {

inline const ReferenceLayout& reference() {
    static const ReferenceLayout layout = [] {
        auto r = simulatedReferenceLayout();
        REQUIRE(r);
        return *r;
    }();
    return layout;
}

inline bool readsExactly(const GreyImage& image) {
    static const auto reader = documents::ocr::MrzReader::create();
    REQUIRE(reader);
    documents::ParseOptions options;
    options.today = CalendarDate{2026, 11, 27};
    auto read = reader->read(image, options);
    return read && read->lines == reference().mrz;
}

}  // namespace kiosk::calibration::passport::test
