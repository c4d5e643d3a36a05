#pragma once
// An 8-bit grey image as a device delivers it: the currency between devices/ and app/biometrics,
// free of OpenCV and Qt so that drivers do not depend on either. Row-major, no padding.
#include <cstdint>
#include <vector>

namespace kiosk {

struct GreyImage {
    int width = 0;
    int height = 0;
    int dpi = 500;  // resolution the device states; biometrics rescales to 500 dpi from it
    std::vector<std::uint8_t> pixels;

    [[nodiscard]] bool isValid() const {
        return width > 0 && height > 0 &&
               pixels.size() == static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    }
};

}  // namespace kiosk
