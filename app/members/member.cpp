#include "app/members/member.h"

#include <array>

namespace kiosk::members {

namespace {
constexpr std::array<std::string_view, 3> kStatusNames{"active", "suspended", "revoked"};
// ICAO 9303 document numbers are 9 characters in TD3 and may extend to 22 in TD1; 40 leaves room
// for national formats without letting a caller hash megabytes.
constexpr std::size_t kMaxNumber = 40;
constexpr std::size_t kMaxIssuer = 3;

// Upper case, '<' fillers and spaces dropped; false on anything an MRZ cannot hold.
// Appends to out; false on anything an MRZ cannot hold, nothing left, or more than maxSize.
bool normalise(std::string_view in, std::string& out, std::size_t maxSize, bool digitsAllowed) {
    const std::size_t start = out.size();
    for (char c : in) {
        if (c == '<' || c == ' ') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        const bool letter = c >= 'A' && c <= 'Z';
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !(digit && digitsAllowed)) return false;
        out.push_back(c);
    }
    return out.size() > start && out.size() - start <= maxSize;
}
}  // namespace

std::string_view programStatusName(ProgramStatus status) {
    const auto i = static_cast<std::size_t>(status);
    return i < kStatusNames.size() ? kStatusNames[i] : "unknown";
}

std::optional<ProgramStatus> parseProgramStatus(std::string_view name) {
    for (std::size_t i = 0; i < kStatusNames.size(); ++i)
        if (kStatusNames[i] == name) return static_cast<ProgramStatus>(i);
    return std::nullopt;
}

kiosk::Result<std::string> canonicalDocument(const DocumentKey& document) {
    std::string out;
    out.reserve(kMaxIssuer + kMaxNumber + 12);
    if (!normalise(document.issuingState, out, kMaxIssuer, false))
        return fail(Error::Code::InvalidInput, "issuing state must be 1-3 letters", "document key (issuing state)");
    out.push_back('|');
    if (!normalise(document.documentNumber, out, kMaxNumber, true))
        return fail(Error::Code::InvalidInput, "document number must be 1-40 letters or digits",
                    "document key (document number)");
    if (!document.birthDate.isValid())
        return fail(Error::Code::InvalidInput, "birth date is not a valid calendar date",
                    "document key (birth date)");
    out.push_back('|');
    out += document.birthDate.iso();
    return out;
}

}  // namespace kiosk::members
