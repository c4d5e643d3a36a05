#pragma once
// What a technician PIN and a technician id may look like. Pure functions, no I/O.
#include <string_view>

#include "app/core/error.h"

namespace kiosk::technician {

inline constexpr std::size_t kMinPinDigits = 6;
inline constexpr std::size_t kMaxPinDigits = 12;
inline constexpr std::size_t kMaxTechnicianIdLength = 32;

// 6 to 12 ASCII digits, not all the same digit, not a straight run up or down (123456, 987654,
// also wrapping past 9/0 like 890123): the first PINs an attacker at the kiosk would try.
// The error names the rule broken, never the PIN.
[[nodiscard]] Result<void> checkPinRules(std::string_view pin);

// 1 to 32 characters from [A-Za-z0-9._-]: staff ids, safe to record in the audit trail and in JSON.
[[nodiscard]] bool isValidTechnicianId(std::string_view id);

}  // namespace kiosk::technician
