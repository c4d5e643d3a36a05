// MRZ parser (app/documents/mrz_parser.h): lines as a reader frames them, in strict and OCR-tolerant
// mode, through parseMrz and analyseMrz. Properties: no crash; both entry points agree on validity;
// a parsed document has valid dates and an upper-case issuing state.
#include <string>
#include <vector>

#include "app/documents/mrz_parser.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

std::vector<std::string> splitLines(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> lines(1);
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == '\n') {
            if (lines.size() == 8) break;  // more lines than any layout: the parser refuses them anyway
            lines.emplace_back();
        } else {
            lines.back().push_back(static_cast<char>(data[i]));
        }
    }
    return lines;
}

bool isUpperOrFiller(char c) { return (c >= 'A' && c <= 'Z') || c == '<' || c == ' '; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk::documents;
    if (size > 4096) return 0;  // real MRZs are under 100 characters a line
    const auto lines = splitLines(data, size);
    for (const bool tolerant : {false, true}) {
        const ParseOptions options{kiosk::CalendarDate{2026, 11, 27}, tolerant};
        const auto parsed = parseMrz(lines, options);
        const auto report = analyseMrz(lines, options);
        KIOSK_FUZZ_CHECK(parsed.has_value() == report.valid());
        KIOSK_FUZZ_CHECK(report.valid() == report.document.has_value());
        if (!parsed) {
            KIOSK_FUZZ_CHECK(!parsed.error().message.empty());
            continue;
        }
        KIOSK_FUZZ_CHECK(parsed->expiryDate.isValid());
        if (parsed->birthDate) KIOSK_FUZZ_CHECK(parsed->birthDate->isValid());
        for (const char c : parsed->issuingState) KIOSK_FUZZ_CHECK(isUpperOrFiller(c));
    }
    return 0;
}
