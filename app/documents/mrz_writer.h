#pragma once
// MRZ writer: the simulator makes synthetic passports with it; the tests round-trip through it.
#include <string>
#include <string_view>
#include <vector>

#include "app/core/error.h"
#include "app/documents/travel_document.h"

namespace kiosk::documents {

// Doc 9303 part 3 check digit: weights 7-3-1 repeating, '<' = 0, 0-9 = value, A=10..Z=35.
// Characters outside that set count as 0 (the parser rejects them before computing).
[[nodiscard]] char mrzCheckDigit(std::string_view field);

// Builds the 2x44 lines, transliterating nothing (input must already be A-Z, 0-9, space or '<'),
// truncating names per Doc 9303 and computing every check digit and the composite.
[[nodiscard]] kiosk::Result<std::vector<std::string>> writeTd3(const TravelDocument& document);

// Builds the 3x30 TD1 lines (document numbers over 9 characters use the long-number rule).
[[nodiscard]] kiosk::Result<std::vector<std::string>> writeTd1(const TravelDocument& document);

}  // namespace kiosk::documents
