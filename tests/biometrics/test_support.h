#pragma once
// Shared helpers for the biometrics tests: loading FVC2002 images from the shared data folder.
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "app/core/grey_image.h"
#include "tests/support/test_paths.h"

namespace kiosk::test {

inline std::filesystem::path fvcDir(const std::string& db) { return fingerprintDataDir() / "fvc2002" / db; }

inline GreyImage loadGrey(const std::filesystem::path& p, int dpi = 500) {
    const cv::Mat m = cv::imread(p.string(), cv::IMREAD_GRAYSCALE);
    GreyImage g;
    if (m.empty()) return g;
    g.width = m.cols;
    g.height = m.rows;
    g.dpi = dpi;
    g.pixels.assign(m.data, m.data + m.total());
    return g;
}

inline std::vector<std::uint8_t> readBytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace kiosk::test
