#include "app/documents/mrz_writer.h"

#include <string>

#include "app/documents/country_codes.h"
#include "app/documents/mrz_internal.h"

namespace kiosk::documents {
namespace {

using detail::isDigit;
using detail::isLetter;

// Copies `value` into the MRZ form: spaces become fillers; anything else outside A-Z 0-9 < is refused.
Result<std::string> mrzText(std::string_view value, std::string_view field, bool lettersOnly) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == ' ' || c == '<') {
            out += '<';
        } else if (isLetter(c) || (!lettersOnly && isDigit(c))) {
            out += c;
        } else {
            return fail(Error::Code::InvalidInput,
                        std::string(lettersOnly ? "only A-Z, space and < are allowed"
                                                : "only A-Z, 0-9, space and < are allowed") +
                            " (transliterate first)",
                        std::string("TD3 writer (") + std::string(field) + ")");
        }
    }
    return out;
}

Result<void> put(std::string& line, std::size_t col, std::size_t width, std::string_view value,
                 std::string_view field) {
    if (value.size() > width) {
        return fail(Error::Code::InvalidInput,
                    "longer than the " + std::to_string(width) + " characters the field holds",
                    std::string("TD3 writer (") + std::string(field) + ")");
    }
    line.replace(col, value.size(), value);
    return {};
}

void putDate(std::string& line, std::size_t col, const CalendarDate& date) {
    const int yy = ((date.year % 100) + 100) % 100;
    const int values[3] = {yy, date.month, date.day};
    for (std::size_t i = 0; i < 3; ++i) {
        line[col + 2 * i] = static_cast<char>('0' + values[i] / 10);
        line[col + 2 * i + 1] = static_cast<char>('0' + values[i] % 10);
    }
}

// Doc 9303 part 3 names: "PRIMARY<<SECONDARY<PARTS"; a name too long for the field is cut at the field's
// end (keeping the most characters for matching), without trailing fillers.
std::string composeName(std::string primary, std::string secondary, std::size_t width) {
    // Collapse the holder's spaces-as-fillers to single separators.
    const auto squeeze = [](std::string& s) {
        std::string out;
        for (const char c : s) {
            if (c == '<' && (out.empty() || out.back() == '<')) {
                continue;
            }
            out += c;
        }
        while (!out.empty() && out.back() == '<') {
            out.pop_back();
        }
        s = std::move(out);
    };
    squeeze(primary);
    squeeze(secondary);
    const auto join = [&] { return secondary.empty() ? primary : primary + "<<" + secondary; };
    std::string name = join();
    if (name.size() > width) {
        name.resize(width);
        while (!name.empty() && name.back() == '<') {
            name.pop_back();
        }
    }
    return name;
}

Result<std::string> checkedCode(std::string_view code, std::string_view field) {
    if (!isKnownIssuerCode(code)) {
        return fail(Error::Code::InvalidInput, "unknown state or organisation code '" + std::string(code) + "'",
                    std::string("TD3 writer (") + std::string(field) + ")");
    }
    return std::string(code);
}

char checkDigitAt(const std::string& line, std::size_t col, std::size_t len) {
    return mrzCheckDigit(std::string_view(line).substr(col, len));
}

}  // namespace

char mrzCheckDigit(std::string_view field) {
    int position = 0;
    return static_cast<char>('0' + detail::weightedSum(field, position) % 10);
}

Result<std::vector<std::string>> writeTd3(const TravelDocument& document) {
    std::string line1(44, '<');
    std::string line2(44, '<');

    auto code = mrzText(document.documentCode, "document code", true);
    if (!code) {
        return std::unexpected(code.error());
    }
    if (code->empty() || code->front() != 'P') {
        return fail(Error::Code::InvalidInput, "a TD3 document code starts with P", "TD3 writer (document code)");
    }
    auto state = checkedCode(document.issuingState, "issuing state");
    auto nationality = checkedCode(document.nationality, "nationality");
    auto primary = mrzText(document.primaryIdentifier, "primary identifier", true);
    auto secondary = mrzText(document.secondaryIdentifier, "secondary identifier", true);
    auto number = mrzText(document.documentNumber, "document number", false);
    auto optional = mrzText(document.optionalData, "personal number", false);
    for (const auto* r : {&state, &nationality, &primary, &secondary, &number, &optional}) {
        if (!*r) {
            return std::unexpected(r->error());
        }
    }
    if (primary->find_first_not_of('<') == std::string::npos) {
        return fail(Error::Code::InvalidInput, "the primary identifier is empty", "TD3 writer (name)");
    }
    if (number->empty()) {
        return fail(Error::Code::InvalidInput, "the document number is empty", "TD3 writer (document number)");
    }
    if (document.sex != 'M' && document.sex != 'F' && document.sex != 'X' && document.sex != '<') {
        return fail(Error::Code::InvalidInput, "sex must be M, F, X or <", "TD3 writer (sex)");
    }
    if (!document.expiryDate.isValid() || (document.birthDate && !document.birthDate->isValid())) {
        return fail(Error::Code::InvalidInput, "not a calendar date", "TD3 writer (dates)");
    }

    for (auto r : {put(line1, 0, 2, *code, "document code"), put(line1, 2, 3, *state, "issuing state"),
                   put(line1, 5, 39, composeName(*primary, *secondary, 39), "name"),
                   put(line2, 0, 9, *number, "document number"), put(line2, 10, 3, *nationality, "nationality"),
                   put(line2, 28, 14, *optional, "personal number")}) {
        if (!r) {
            return std::unexpected(r.error());
        }
    }
    line2[9] = checkDigitAt(line2, 0, 9);
    if (document.birthDate) {
        putDate(line2, 13, *document.birthDate);
    }  // else "<<<<<<": unknown date of birth
    line2[19] = checkDigitAt(line2, 13, 6);
    line2[20] = document.sex;
    putDate(line2, 21, document.expiryDate);
    line2[27] = checkDigitAt(line2, 21, 6);
    // An unused personal number keeps '<' as its check digit (Doc 9303 part 4 allows '<' or 0).
    line2[42] = optional->empty() ? '<' : checkDigitAt(line2, 28, 14);
    const std::string composite = line2.substr(0, 10) + line2.substr(13, 7) + line2.substr(21, 22);
    line2[43] = mrzCheckDigit(composite);
    return std::vector<std::string>{std::move(line1), std::move(line2)};
}

Result<std::vector<std::string>> writeTd1(const TravelDocument& document) {
    std::string line1(30, '<');
    std::string line2(30, '<');
    auto code = mrzText(document.documentCode, "document code", true);
    if (!code) {
        return std::unexpected(code.error());
    }
    if (code->empty() || (code->front() != 'I' && code->front() != 'A' && code->front() != 'C')) {
        return fail(Error::Code::InvalidInput, "a TD1 document code starts with A, C or I",
                    "TD1 writer (document code)");
    }
    auto state = checkedCode(document.issuingState, "issuing state");
    auto nationality = checkedCode(document.nationality, "nationality");
    auto primary = mrzText(document.primaryIdentifier, "primary identifier", true);
    auto secondary = mrzText(document.secondaryIdentifier, "secondary identifier", true);
    auto number = mrzText(document.documentNumber, "document number", false);
    auto optional = mrzText(document.optionalData, "optional data", false);
    auto optional2 = mrzText(document.optionalData2, "optional data 2", false);
    for (const auto* r : {&state, &nationality, &primary, &secondary, &number, &optional, &optional2}) {
        if (!*r) {
            return std::unexpected(r->error());
        }
    }
    if (number->empty() || primary->find_first_not_of('<') == std::string::npos || !document.expiryDate.isValid() ||
        (document.birthDate && !document.birthDate->isValid())) {
        return fail(Error::Code::InvalidInput, "document number, primary identifier and dates are required",
                    "TD1 writer");
    }
    std::string optionalField = *optional;
    if (number->size() > 9) {
        // Long number: 9 characters, '<', the rest then its check digit in the optional data, then '<'.
        const std::string rest = number->substr(9);
        optionalField = rest + mrzCheckDigit(*number) + "<" + *optional;
        line1.replace(5, 9, number->substr(0, 9));
        line1[14] = '<';
    } else {
        line1.replace(5, number->size(), *number);
        line1[14] = checkDigitAt(line1, 5, 9);
    }
    for (auto r : {put(line1, 0, 2, *code, "document code"), put(line1, 2, 3, *state, "issuing state"),
                   put(line1, 15, 15, optionalField, "optional data"),
                   put(line2, 15, 3, *nationality, "nationality"), put(line2, 18, 11, *optional2, "optional data 2")}) {
        if (!r) {
            return std::unexpected(r.error());
        }
    }
    if (document.birthDate) {
        putDate(line2, 0, *document.birthDate);
    }
    line2[6] = checkDigitAt(line2, 0, 6);
    line2[7] = document.sex;
    putDate(line2, 8, document.expiryDate);
    line2[14] = checkDigitAt(line2, 8, 6);
    const std::string composite = line1.substr(5, 25) + line2.substr(0, 7) + line2.substr(8, 7) + line2.substr(18, 11);
    line2[29] = mrzCheckDigit(composite);
    std::string line3 = composeName(*primary, *secondary, 30);
    line3.resize(30, '<');
    return std::vector<std::string>{std::move(line1), std::move(line2), std::move(line3)};
}

}  // namespace kiosk::documents
