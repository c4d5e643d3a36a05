#pragma once
// Shared by the OCR tests: one reader for the whole run (building the templates takes a moment).
#include <catch2/catch.hpp>

#include "app/documents/ocr/mrz_reader.h"

namespace kiosk::documents::ocr::test {

inline const MrzReader& reader() {
    static const MrzReader instance = [] {
        auto created = MrzReader::create();
        REQUIRE(created.has_value());
        return *created;
    }();
    return instance;
}

inline const ParseOptions kOptions{{2025, 6, 1}, true};

}  // namespace kiosk::documents::ocr::test
