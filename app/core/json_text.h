#pragma once
// A JSON string literal for text that may come from anyone (a typed id, a file name): quotes,
// backslashes, control characters and non-ASCII bytes escaped (\u00XX), so the result is always
// valid JSON and plain ASCII.
#include <string>
#include <string_view>

namespace kiosk {

[[nodiscard]] std::string jsonString(std::string_view text);

}  // namespace kiosk
