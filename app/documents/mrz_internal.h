#pragma once
// Shared between the parser and the writer; not part of the module's API.
#include <array>
#include <cstddef>
#include <string_view>

namespace kiosk::documents::detail {

// Doc 9303 part 3 character values: 0-9 -> 0-9, A-Z -> 10-35, '<' (and anything else) -> 0.
inline constexpr auto kCharValue = [] {
    std::array<unsigned char, 256> values{};
    for (int c = '0'; c <= '9'; ++c) {
        values[static_cast<std::size_t>(c)] = static_cast<unsigned char>(c - '0');
    }
    for (int c = 'A'; c <= 'Z'; ++c) {
        values[static_cast<std::size_t>(c)] = static_cast<unsigned char>(c - 'A' + 10);
    }
    return values;
}();

inline constexpr int kWeights[3] = {7, 3, 1};

// Adds a field's weighted sum; `position` continues across the parts of a composite.
inline int weightedSum(std::string_view field, int& position) {
    int sum = 0;
    for (const char c : field) {
        sum += kCharValue[static_cast<unsigned char>(c)] * kWeights[position % 3];
        ++position;
    }
    return sum;
}

inline constexpr bool isDigit(char c) { return c >= '0' && c <= '9'; }
inline constexpr bool isLetter(char c) { return c >= 'A' && c <= 'Z'; }
inline constexpr bool isMrzChar(char c) { return isDigit(c) || isLetter(c) || c == '<'; }

}  // namespace kiosk::documents::detail
