#pragma once
// ICAO Doc 9303 MRZ parser: TD1 (3x30), TD2 (2x36), TD3 (2x44), MRV-A (2x44), MRV-B (2x36).
// No regex, no iostreams, no exceptions: it sits on the document-reader hot path.
#include <optional>
#include <string>
#include <vector>

#include "app/core/calendar_date.h"
#include "app/core/error.h"
#include "app/documents/travel_document.h"

namespace kiosk::documents {

struct ParseOptions {
    kiosk::CalendarDate today;  // resolves the two-digit years' centuries
    bool tolerant = false;      // OCR mode: fixes 0/O 1/I 2/Z 5/S 8/B where check digits prove it
};

// Lines as a reader framed them (trailing CR/LF/space trimmed by the parser). Any failure -> Error with
// code InvalidInput, message in technician words, context naming line, columns (1-based) and field,
// e.g. context "line 2, columns 14-19 (date of birth)", message "check digit is 3 but the field gives 5".
[[nodiscard]] kiosk::Result<TravelDocument> parseMrz(const std::vector<std::string>& lines,
                                                     const ParseOptions& options);

// A detailed report for tools: every check digit's verdict, all errors (not only the first), and the
// OCR corrections made in tolerant mode.
struct CheckDigitVerdict {
    std::string field;
    int line;
    int column;
    char found;
    char expected;
    bool ok;
};

struct MrzReport {
    std::optional<TravelDocument> document;  // set only when there are no errors
    std::vector<CheckDigitVerdict> checks;
    std::vector<kiosk::Error> errors;
    std::vector<std::string> corrections;  // "line 2, column 3 (document number): O -> 0"
    [[nodiscard]] bool valid() const;
};

[[nodiscard]] MrzReport analyseMrz(const std::vector<std::string>& lines, const ParseOptions& options);

}  // namespace kiosk::documents
