#include "app/technician/pin_rules.h"

#include <algorithm>

namespace kiosk::technician {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Each digit is the previous one plus step (mod 10).
bool isRun(std::string_view pin, int step) {
    for (std::size_t i = 1; i < pin.size(); ++i) {
        const int previous = pin[i - 1] - '0';
        const int current = pin[i] - '0';
        if (current != (previous + step + 10) % 10) return false;
    }
    return true;
}

}  // namespace

Result<void> checkPinRules(std::string_view pin) {
    if (pin.size() < kMinPinDigits || pin.size() > kMaxPinDigits)
        return fail(Error::Code::InvalidInput, "a PIN has 6 to 12 digits", "technician PIN");
    if (!std::all_of(pin.begin(), pin.end(), isDigit))
        return fail(Error::Code::InvalidInput, "a PIN has digits only", "technician PIN");
    if (isRun(pin, 0))
        return fail(Error::Code::InvalidInput, "a PIN may not repeat one digit", "technician PIN");
    if (isRun(pin, 1) || isRun(pin, -1))
        return fail(Error::Code::InvalidInput, "a PIN may not be a straight run of digits counting up or down",
                    "technician PIN");
    return {};
}

bool isValidTechnicianId(std::string_view id) {
    if (id.empty() || id.size() > kMaxTechnicianIdLength) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' || c == '-';
    });
}

}  // namespace kiosk::technician
