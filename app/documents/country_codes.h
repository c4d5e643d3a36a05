#pragma once
// Issuing state and nationality codes: ISO 3166-1 alpha-3 plus the Doc 9303 part 3 non-ISO codes.
#include <string_view>

namespace kiosk::documents {

// code without fillers ("D", "KOR", "UTO"); the Doc 9303 specimen state "UTO" is accepted.
[[nodiscard]] bool isKnownIssuerCode(std::string_view code);
// English short name, or an empty view for an unknown code.
[[nodiscard]] std::string_view countryName(std::string_view code);

}  // namespace kiosk::documents
