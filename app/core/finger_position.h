#pragma once
// Finger positions as ISO/IEC 19794-2 and ANSI/NIST-ITL number them.
#include <cstdint>
#include <string_view>

namespace kiosk {

enum class FingerPosition : std::uint8_t {
    Unknown = 0,
    RightThumb = 1, RightIndex = 2, RightMiddle = 3, RightRing = 4, RightLittle = 5,
    LeftThumb = 6, LeftIndex = 7, LeftMiddle = 8, LeftRing = 9, LeftLittle = 10,
};

[[nodiscard]] constexpr std::string_view fingerName(FingerPosition p) {
    constexpr std::string_view kNames[] = {"unknown",     "right thumb", "right index", "right middle",
                                           "right ring",  "right little", "left thumb", "left index",
                                           "left middle", "left ring",   "left little"};
    const auto i = static_cast<std::size_t>(p);
    return i < std::size(kNames) ? kNames[i] : "unknown";
}

}  // namespace kiosk
