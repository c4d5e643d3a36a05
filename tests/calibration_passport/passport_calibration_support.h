#pragma once
// Shared by the passport camera calibration tests: a temporary folder, the calibration kit's reference
// page and the OCR check that a frame reads exactly its MRZ.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <system_error>

#include <unistd.h>

#include "app/calibration/passport/passport_camera_calibration.h"
#include "app/calibration/passport/simulated_camera_rig.h"
#include "app/documents/ocr/mrz_reader.h"

namespace kiosk::calibration::passport::test {

// A fresh folder under the system temp dir, removed when the test ends.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& name)
        : path(std::filesystem::temp_directory_path() / ("kiosk-calpp-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

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
