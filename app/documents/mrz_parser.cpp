#include "app/documents/mrz_parser.h"

#include <array>
#include <bit>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "app/documents/country_codes.h"
#include "app/documents/mrz_internal.h"

namespace kiosk::documents {
namespace {

using detail::isDigit;
using detail::isLetter;
using detail::isMrzChar;

constexpr int kMaxLines = 3;
constexpr int kMaxLength = 44;

// A run of columns; line and column 0-based here, 1-based in every message.
struct Span {
    int line = -1;
    int col = 0;
    int len = 0;
    [[nodiscard]] constexpr bool present() const { return line >= 0; }
};

struct Layout {
    DocumentFormat format;
    int lines;
    int length;
    Span code, state, name, number, numberCheck, nationality, birth, birthCheck, sex, expiry, expiryCheck,
        optional, optionalCheck, optional2, composite;
    std::array<Span, 4> compositeParts;
    int compositePartCount;
    bool longNumberRule;  // TD1/TD2: numbers over 9 characters continue in the optional data
};

// Doc 9303 part 4 (TD3), part 5 (TD1), part 6 (TD2), part 7 (MRV-A, MRV-B).
constexpr Layout kTd3{DocumentFormat::TD3, 2, 44,
                      {0, 0, 2}, {0, 2, 3}, {0, 5, 39},
                      {1, 0, 9}, {1, 9, 1}, {1, 10, 3}, {1, 13, 6}, {1, 19, 1}, {1, 20, 1}, {1, 21, 6}, {1, 27, 1},
                      {1, 28, 14}, {1, 42, 1}, {}, {1, 43, 1},
                      {{{1, 0, 10}, {1, 13, 7}, {1, 21, 22}, {}}}, 3, false};
constexpr Layout kMrvA{DocumentFormat::MRVA, 2, 44,
                       {0, 0, 2}, {0, 2, 3}, {0, 5, 39},
                       {1, 0, 9}, {1, 9, 1}, {1, 10, 3}, {1, 13, 6}, {1, 19, 1}, {1, 20, 1}, {1, 21, 6}, {1, 27, 1},
                       {1, 28, 16}, {}, {}, {},
                       {}, 0, false};
constexpr Layout kTd2{DocumentFormat::TD2, 2, 36,
                      {0, 0, 2}, {0, 2, 3}, {0, 5, 31},
                      {1, 0, 9}, {1, 9, 1}, {1, 10, 3}, {1, 13, 6}, {1, 19, 1}, {1, 20, 1}, {1, 21, 6}, {1, 27, 1},
                      {1, 28, 7}, {}, {}, {1, 35, 1},
                      {{{1, 0, 10}, {1, 13, 7}, {1, 21, 14}, {}}}, 3, true};
constexpr Layout kMrvB{DocumentFormat::MRVB, 2, 36,
                       {0, 0, 2}, {0, 2, 3}, {0, 5, 31},
                       {1, 0, 9}, {1, 9, 1}, {1, 10, 3}, {1, 13, 6}, {1, 19, 1}, {1, 20, 1}, {1, 21, 6}, {1, 27, 1},
                       {1, 28, 8}, {}, {}, {},
                       {}, 0, false};
constexpr Layout kTd1{DocumentFormat::TD1, 3, 30,
                      {0, 0, 2}, {0, 2, 3}, {2, 0, 30},
                      {0, 5, 9}, {0, 14, 1}, {1, 15, 3}, {1, 0, 6}, {1, 6, 1}, {1, 7, 1}, {1, 8, 6}, {1, 14, 1},
                      {0, 15, 15}, {}, {1, 18, 11}, {1, 29, 1},
                      {{{0, 5, 25}, {1, 0, 7}, {1, 8, 7}, {1, 18, 11}}}, 4, true};

std::string_view trimRight(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) {
        line.remove_suffix(1);
    }
    return line;
}

std::string where(int line, int col, int len, std::string_view field) {
    std::string text = "line " + std::to_string(line + 1);
    if (len <= 1) {
        text += ", column " + std::to_string(col + 1);
    } else {
        text += ", columns " + std::to_string(col + 1) + "-" + std::to_string(col + len);
    }
    if (!field.empty()) {
        text += " (";
        text += field;
        text += ')';
    }
    return text;
}

std::string where(Span span, std::string_view field) { return where(span.line, span.col, span.len, field); }

std::string quoted(char c) {
    if (c >= 0x21 && c <= 0x7e) {
        return std::string{'\'', c, '\''};
    }
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(c);
    return std::string{"byte 0x"} + kHex[byte >> 4] + kHex[byte & 0xF];
}

// OCR look-alikes (Doc 9303 OCR-B): the digit and the letter each may be read as the other.
constexpr char digitFor(char letter) {
    switch (letter) {
        case 'O': return '0';
        case 'I': return '1';
        case 'Z': return '2';
        case 'S': return '5';
        case 'B': return '8';
        default: return 0;
    }
}
constexpr char letterFor(char digit) {
    switch (digit) {
        case '0': return 'O';
        case '1': return 'I';
        case '2': return 'Z';
        case '5': return 'S';
        case '8': return 'B';
        default: return 0;
    }
}
constexpr char lookAlike(char c) { return isDigit(c) ? letterFor(c) : digitFor(c); }

// The numeric value a check digit position must hold for `expected`; '<' stands for 0 in optional checks.
int digitValue(char c) { return c - '0'; }

class Decoder {
public:
    Decoder(const Layout& layout, const ParseOptions& options, MrzReport* report)
        : layout_(layout), options_(options), report_(report) {}

    void load(const std::array<std::string_view, kMaxLines>& lines) {
        for (int l = 0; l < layout_.lines; ++l) {
            std::memcpy(buf_[l].data(), lines[static_cast<std::size_t>(l)].data(),
                        static_cast<std::size_t>(layout_.length));
        }
    }

    void run(TravelDocument& doc) {
        doc.format = layout_.format;
        checkCharacters();
        if (stopped()) {
            return;
        }
        if (options_.tolerant) {
            correctByClass();
        }
        decodeCode(doc);
        decodeState(layout_.state, "issuing state", doc.issuingState);
        decodeName(doc);
        decodeNumber(doc);
        decodeState(layout_.nationality, "nationality", doc.nationality);
        decodeBirth(doc);
        decodeSex(doc);
        decodeExpiry(doc);
        decodeOptional(doc);
        decodeComposite();
    }

    [[nodiscard]] bool failed() const { return failed_; }
    Error takeFirstError() { return std::move(first_); }

private:
    [[nodiscard]] bool stopped() const { return failed_ && report_ == nullptr; }

    void fail(std::string context, std::string message) {
        if (report_ != nullptr) {
            report_->errors.push_back(Error{Error::Code::InvalidInput, std::move(message), std::move(context), 0});
        } else if (!failed_) {
            first_ = Error{Error::Code::InvalidInput, std::move(message), std::move(context), 0};
        }
        failed_ = true;
    }

    [[nodiscard]] std::string_view view(Span span) const {
        return {buf_[span.line].data() + span.col, static_cast<std::size_t>(span.len)};
    }
    char& at(int line, int col) { return buf_[line][static_cast<std::size_t>(col)]; }

    void checkCharacters() {
        for (int l = 0; l < layout_.lines; ++l) {
            for (int c = 0; c < layout_.length; ++c) {
                const char ch = at(l, c);
                if (!isMrzChar(ch)) {
                    fail(where(l, c, 1, {}), "character " + quoted(ch) + " is not allowed (A-Z, 0-9 and < only)");
                    if (stopped()) {
                        return;
                    }
                }
            }
        }
    }

    void correct(int line, int col, char to, std::string_view field) {
        char& ch = at(line, col);
        if (report_ != nullptr) {
            report_->corrections.push_back(where(line, col, 1, field) + ": " + quoted(ch) + " -> " + quoted(to));
        }
        ch = to;
    }

    // Digits cannot occur in alphabetic fields nor letters in numeric ones: the class proves these.
    void correctSpan(Span span, bool numeric, std::string_view field) {
        if (!span.present()) {
            return;
        }
        for (int c = span.col; c < span.col + span.len; ++c) {
            const char ch = at(span.line, c);
            const char to = numeric ? digitFor(ch) : (isDigit(ch) ? letterFor(ch) : 0);
            if (to != 0) {
                correct(span.line, c, to, field);
            }
        }
    }

    void correctByClass() {
        correctSpan(layout_.code, false, "document code");
        correctSpan(layout_.state, false, "issuing state");
        correctSpan(layout_.name, false, "name");
        correctSpan(layout_.nationality, false, "nationality");
        correctSpan(layout_.sex, false, "sex");
        correctSpan(layout_.birth, true, "date of birth");
        correctSpan(layout_.birthCheck, true, "date of birth check digit");
        correctSpan(layout_.expiry, true, "date of expiry");
        correctSpan(layout_.expiryCheck, true, "date of expiry check digit");
        correctSpan(layout_.composite, true, "composite check digit");
        // A '<' check digit marks a long TD1/TD2 number; an empty TD3 personal number may carry '<'.
        correctSpan(layout_.numberCheck, true, "document number check digit");
        correctSpan(layout_.optionalCheck, true, "personal number check digit");
    }

    static int checkOf(std::string_view field) {
        int position = 0;
        return detail::weightedSum(field, position) % 10;
    }

    void verdict(std::string_view field, int line, int col, char found, int expected, bool ok) {
        if (report_ != nullptr) {
            report_->checks.push_back(CheckDigitVerdict{std::string(field), line + 1, col + 1, found,
                                                        static_cast<char>('0' + expected), ok});
        }
    }

    // Tolerant mode for alphanumeric fields: the smallest set of look-alike swaps (field or check digit)
    // that makes the check digit agree, applied only when that set is unique.
    // One swap at most: a mod-10 check digit cannot tell two swaps from a swap plus another misread.
    static constexpr int kMaxFlips = 1;
    bool repairAlphanumeric(Span field, int checkLine, int checkCol, std::string_view name) {
        std::array<std::pair<int, int>, 16> spots{};  // (line, col)
        int count = 0;
        for (int c = field.col; c < field.col + field.len && count < 15; ++c) {
            if (lookAlike(at(field.line, c)) != 0) {
                spots[static_cast<std::size_t>(count++)] = {field.line, c};
            }
        }
        if (count == 0) {
            return false;
        }
        const unsigned total = 1U << static_cast<unsigned>(count);
        const auto flip = [&](unsigned mask) {
            for (int i = 0; i < count; ++i) {
                if ((mask >> static_cast<unsigned>(i)) & 1U) {
                    const auto [l, c] = spots[static_cast<std::size_t>(i)];
                    at(l, c) = lookAlike(at(l, c));
                }
            }
        };
        const char check = at(checkLine, checkCol);
        for (int flips = 1; flips <= kMaxFlips && flips <= count; ++flips) {
            std::array<unsigned, 16> found{};
            int solutions = 0;
            for (unsigned mask = 1; mask < total && solutions < 16; ++mask) {
                if (std::popcount(mask) != flips) {
                    continue;
                }
                flip(mask);  // try in place, then undo
                if (isDigit(check) && checkOf(view(field)) == digitValue(check)) {
                    found[static_cast<std::size_t>(solutions++)] = mask;
                }
                flip(mask);
            }
            if (solutions > 1 && layout_.composite.present()) {
                // Several swaps satisfy the field; the composite weighs the field differently and may pick one.
                int kept = 0;
                for (int i = 0; i < solutions; ++i) {
                    flip(found[static_cast<std::size_t>(i)]);
                    if (compositeExpected() == digitValue(at(layout_.composite.line, layout_.composite.col))) {
                        found[static_cast<std::size_t>(kept++)] = found[static_cast<std::size_t>(i)];
                    }
                    flip(found[static_cast<std::size_t>(i)]);
                }
                solutions = kept;
            }
            if (solutions == 1) {
                for (int i = 0; i < count; ++i) {
                    if ((found[0] >> static_cast<unsigned>(i)) & 1U) {
                        const auto [l, c] = spots[static_cast<std::size_t>(i)];
                        correct(l, c, lookAlike(at(l, c)), name);
                    }
                }
                return true;
            }
            if (solutions > 1) {
                return false;
            }
        }
        return false;
    }

    // Verifies one check digit over `field`; `emptyMayBeFiller` allows '<' (or 0) for an all-filler field.
    bool checkField(Span field, int checkLine, int checkCol, std::string_view name, std::string_view checkName,
                    bool alphanumeric, bool emptyMayBeFiller = false) {
        char found = at(checkLine, checkCol);
        int expected = checkOf(view(field));
        if (emptyMayBeFiller && found == '<' && view(field).find_first_not_of('<') == std::string_view::npos) {
            verdict(checkName, checkLine, checkCol, found, expected, true);
            return true;
        }
        if (alphanumeric && options_.tolerant && !(isDigit(found) && digitValue(found) == expected) &&
            repairAlphanumeric(field, checkLine, checkCol, name)) {
            expected = checkOf(view(field));
            found = at(checkLine, checkCol);
        }
        const bool ok = isDigit(found) && digitValue(found) == expected;
        verdict(checkName, checkLine, checkCol, found, expected, ok);
        if (!ok) {
            std::string message = isDigit(found) ? "check digit is " + std::string(1, found)
                                                 : "check digit is " + quoted(found) + ", not a digit,";
            message += " but the field gives " + std::to_string(expected);
            fail(where(field, name), std::move(message));
        }
        return ok;
    }

    void decodeCode(TravelDocument& doc) {
        const auto code = view(layout_.code);
        const char kind = code[0];
        bool ok = isLetter(kind) && (isLetter(code[1]) || code[1] == '<');
        const char* expected = "P";
        switch (layout_.format) {
            case DocumentFormat::TD3: ok = ok && kind == 'P'; break;
            case DocumentFormat::MRVA:
            case DocumentFormat::MRVB: ok = ok && kind == 'V'; expected = "V"; break;
            case DocumentFormat::TD1:
            case DocumentFormat::TD2:
                ok = ok && (kind == 'A' || kind == 'C' || kind == 'I');
                expected = "A, C or I";
                break;
        }
        if (!ok) {
            fail(where(layout_.code, "document code"),
                 std::string("a ") + std::string(formatName(layout_.format)) + " document code starts with " +
                     expected + " followed by a letter or <");
            return;
        }
        doc.documentCode.assign(code.data(), code[1] == '<' ? 1 : 2);
    }

    void decodeState(Span span, std::string_view field, std::string& out) {
        const auto raw = view(span);
        const auto end = raw.find('<');
        const auto code = raw.substr(0, end);
        const bool shapeOk = !code.empty() && raw.find_first_not_of('<', code.size()) == std::string_view::npos &&
                             code.find_first_of("0123456789") == std::string_view::npos;
        if (!shapeOk) {
            fail(where(span, field), "expected a code of 1 to 3 letters padded with <");
            return;
        }
        if (!isKnownIssuerCode(code)) {
            fail(where(span, field), "unknown state or organisation code '" + std::string(code) + "'");
            return;
        }
        out.assign(code);
    }

    // Appends a run of name characters with each run of fillers as one space.
    static void appendDisplay(std::string& out, std::string_view part) {
        bool pendingSpace = false;
        for (const char c : part) {
            if (c == '<') {
                pendingSpace = !out.empty();
                continue;
            }
            if (pendingSpace) {
                out += ' ';
                pendingSpace = false;
            }
            out += c;
        }
    }

    void decodeName(TravelDocument& doc) {
        const auto raw = view(layout_.name);
        for (int i = 0; i < layout_.name.len; ++i) {
            if (isDigit(raw[static_cast<std::size_t>(i)])) {
                fail(where(layout_.name.line, layout_.name.col + i, 1, "name"),
                     "names hold letters and < only, found " + quoted(raw[static_cast<std::size_t>(i)]));
                return;
            }
        }
        if (raw[0] == '<') {
            fail(where(layout_.name, "name"), "the primary identifier (surname) is missing");
            return;
        }
        auto name = raw;
        while (!name.empty() && name.back() == '<') {
            name.remove_suffix(1);
        }
        const auto split = name.find("<<");
        const auto primary = name.substr(0, split);
        const auto secondary = split == std::string_view::npos ? std::string_view{} : name.substr(split + 2);
        doc.nameField.assign(raw);
        doc.nameTruncated = raw.back() != '<';
        doc.primaryIdentifier.clear();
        doc.secondaryIdentifier.clear();
        appendDisplay(doc.primaryIdentifier, primary);
        appendDisplay(doc.secondaryIdentifier, secondary);
    }

    void decodeNumber(TravelDocument& doc) {
        const Span number = layout_.number;
        const auto raw = view(number);
        if (raw[0] == '<') {
            fail(where(number, "document number"), "the document number is missing");
            return;
        }
        const int checkLine = layout_.numberCheck.line;
        const int checkCol = layout_.numberCheck.col;
        if (layout_.longNumberRule && at(checkLine, checkCol) == '<') {
            decodeLongNumber(doc);
            return;
        }
        if (checkField(number, checkLine, checkCol, "document number", "document number", true)) {
            doc.documentNumber.assign(raw.substr(0, raw.find('<')));
        }
    }

    // Doc 9303 part 5 section 4.2.4: the number's first 9 characters, '<' in the check position, the rest
    // in the optional data followed by the check digit over the whole number and a filler.
    void decodeLongNumber(TravelDocument& doc) {
        const Span optional = layout_.optional;
        const auto extension = view(optional);
        const auto end = extension.find('<');
        if (end == std::string_view::npos || end < 2) {
            fail(where(layout_.numberCheck, "document number check digit"),
                 "check digit is '<' but the optional data holds no continuation of a long document number");
            return;
        }
        std::array<char, kMaxLength> whole{};
        const auto head = view(layout_.number);
        std::memcpy(whole.data(), head.data(), head.size());
        std::memcpy(whole.data() + head.size(), extension.data(), end - 1);
        const std::string_view number{whole.data(), head.size() + end - 1};
        const int checkCol = optional.col + static_cast<int>(end) - 1;
        const char found = at(optional.line, checkCol);
        const int expected = checkOf(number);
        const bool ok = isDigit(found) && digitValue(found) == expected;
        verdict("document number", optional.line, checkCol, found, expected, ok);
        if (!ok) {
            fail(where(optional.line, layout_.number.col, checkCol - layout_.number.col + 1, "long document number"),
                 "check digit is " + quoted(found) + " but the field gives " + std::to_string(expected));
            return;
        }
        doc.documentNumber.assign(number);
        longNumberEnd_ = static_cast<int>(end) + 1;
    }

    // Century for a two-digit year: birth dates lie in the past, expiry dates at most 20 years ahead.
    [[nodiscard]] int birthYear(int yy, int mm, int dd) const {
        const CalendarDate& today = options_.today;
        int year = today.year - today.year % 100 + yy;
        if (year > today.year || (year == today.year && mm > 0 && std::pair{mm, dd} > std::pair{today.month, today.day})) {
            year -= 100;
        }
        return year;
    }
    [[nodiscard]] int expiryYear(int yy) const {
        const int thisYear = options_.today.year;
        int year = thisYear - thisYear % 100 + yy;
        while (year >= thisYear + 20) {
            year -= 100;
        }
        while (year < thisYear - 80) {
            year += 100;
        }
        return year;
    }

    static int twoDigits(std::string_view s, std::size_t at) {
        return (s[at] - '0') * 10 + (s[at + 1] - '0');
    }

    static bool allDigits(std::string_view s) {
        for (const char c : s) {
            if (!isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    void decodeBirth(TravelDocument& doc) {
        const Span span = layout_.birth;
        const auto raw = view(span);
        checkField(span, layout_.birthCheck.line, layout_.birthCheck.col, "date of birth", "date of birth", false);
        // Doc 9303 part 3: an unknown day, or day and month, or whole date is written as fillers.
        const bool yearKnown = allDigits(raw.substr(0, 2));
        const bool monthKnown = allDigits(raw.substr(2, 2));
        const bool dayKnown = allDigits(raw.substr(4, 2));
        const auto fillers = [&](std::size_t from) { return raw.substr(from, 2) == "<<"; };
        const bool shapeOk = (yearKnown && monthKnown && dayKnown) ||
                             (yearKnown && monthKnown && fillers(4)) ||
                             (yearKnown && fillers(2) && fillers(4)) ||
                             (fillers(0) && fillers(2) && fillers(4));
        if (!shapeOk) {
            fail(where(span, "date of birth"), "expected YYMMDD digits, with << for an unknown day or month");
            return;
        }
        if (!dayKnown) {
            doc.birthDate.reset();
            if (monthKnown && (twoDigits(raw, 2) < 1 || twoDigits(raw, 2) > 12)) {
                fail(where(span, "date of birth"), "the month must be 01-12");
            }
            return;
        }
        const int mm = twoDigits(raw, 2);
        const int dd = twoDigits(raw, 4);
        const CalendarDate date{birthYear(twoDigits(raw, 0), mm, dd), mm, dd};
        if (!date.isValid()) {
            fail(where(span, "date of birth"), "not a calendar date");
            return;
        }
        doc.birthDate = date;
    }

    void decodeSex(TravelDocument& doc) {
        const char sex = at(layout_.sex.line, layout_.sex.col);
        if (sex != 'M' && sex != 'F' && sex != 'X' && sex != '<') {
            fail(where(layout_.sex, "sex"), "sex must be M, F, X or <, found " + quoted(sex));
            return;
        }
        doc.sex = sex;
    }

    void decodeExpiry(TravelDocument& doc) {
        const Span span = layout_.expiry;
        const auto raw = view(span);
        checkField(span, layout_.expiryCheck.line, layout_.expiryCheck.col, "date of expiry", "date of expiry", false);
        if (!allDigits(raw)) {
            fail(where(span, "date of expiry"), "expected YYMMDD digits");
            return;
        }
        const int mm = twoDigits(raw, 2);
        const int dd = twoDigits(raw, 4);
        const CalendarDate date{expiryYear(twoDigits(raw, 0)), mm, dd};
        if (!date.isValid()) {
            fail(where(span, "date of expiry"), "not a calendar date");
            return;
        }
        doc.expiryDate = date;
    }

    static void assignTrimmed(std::string& out, std::string_view raw) {
        while (!raw.empty() && raw.back() == '<') {
            raw.remove_suffix(1);
        }
        while (!raw.empty() && raw.front() == '<') {
            raw.remove_prefix(1);
        }
        out.assign(raw);
    }

    void decodeOptional(TravelDocument& doc) {
        Span optional = layout_.optional;
        if (longNumberEnd_ > 0) {
            optional.col += longNumberEnd_;
            optional.len -= longNumberEnd_;
        }
        if (layout_.optionalCheck.present()) {
            // Part 4: the personal number check digit may be '<' (or 0) when the field is all fillers.
            checkField(optional, layout_.optionalCheck.line, layout_.optionalCheck.col, "personal number",
                       "personal number", true, true);
        }
        assignTrimmed(doc.optionalData, optional.len > 0 ? view(optional) : std::string_view{});
        if (layout_.optional2.present()) {
            assignTrimmed(doc.optionalData2, view(layout_.optional2));
        }
    }

    [[nodiscard]] int compositeExpected() const {
        int position = 0;
        int sum = 0;
        for (int i = 0; i < layout_.compositePartCount; ++i) {
            sum += detail::weightedSum(view(layout_.compositeParts[static_cast<std::size_t>(i)]), position);
        }
        return sum % 10;
    }

    void decodeComposite() {
        if (!layout_.composite.present()) {
            return;
        }
        const int expected = compositeExpected();
        const Span span = layout_.composite;
        const char found = at(span.line, span.col);
        const bool ok = isDigit(found) && digitValue(found) == expected;
        verdict("composite", span.line, span.col, found, expected, ok);
        if (!ok) {
            // "line 2 columns 1-10, 14-20, 22-43" or, for TD1, grouped per line.
            std::string ranges;
            int lastLine = -1;
            for (int i = 0; i < layout_.compositePartCount; ++i) {
                const Span part = layout_.compositeParts[static_cast<std::size_t>(i)];
                if (part.line != lastLine) {
                    ranges += (i == 0 ? "line " : "; line ") + std::to_string(part.line + 1) + " columns ";
                    lastLine = part.line;
                } else {
                    ranges += ", ";
                }
                ranges += std::to_string(part.col + 1) + "-" + std::to_string(part.col + part.len);
            }
            fail(where(span, "composite check digit"), "check digit is " + quoted(found) + " but " + ranges +
                                                           " give " + std::to_string(expected));
        }
    }

    const Layout& layout_;
    const ParseOptions& options_;
    MrzReport* report_;
    std::array<std::array<char, kMaxLength>, kMaxLines> buf_{};
    bool failed_ = false;
    Error first_;
    int longNumberEnd_ = 0;  // characters of the optional data taken by a long document number
};

// Picks the layout from the line count and lengths; nullptr with an error when none fits.
const Layout* detectLayout(const std::vector<std::string>& input, std::array<std::string_view, kMaxLines>& lines,
                           Error& error) {
    std::size_t count = input.size();
    while (count > 0 && trimRight(input[count - 1]).empty()) {
        --count;  // a reader's trailing blank line is framing, not data
    }
    const auto describe = [&] {
        std::string text = "got " + std::to_string(count) + (count == 1 ? " line" : " lines");
        if (count > 0 && count <= 4) {
            text += " of ";
            for (std::size_t i = 0; i < count; ++i) {
                text += (i == 0 ? "" : i + 1 == count ? " and " : ", ") + std::to_string(trimRight(input[i]).size());
            }
            text += " characters";
        }
        return text;
    };
    const auto bad = [&](std::string context, std::string message) {
        error = Error{Error::Code::InvalidInput, std::move(message), std::move(context), 0};
        return nullptr;
    };
    if (count != 2 && count != 3) {
        return bad("MRZ", "expected 2 lines of 44 characters (TD3 passport, MRV-A visa), 2 lines of 36 (TD2, MRV-B) "
                          "or 3 lines of 30 (TD1); " + describe());
    }
    for (std::size_t i = 0; i < count; ++i) {
        lines[i] = trimRight(input[i]);
    }
    if (count == 3) {
        for (std::size_t i = 0; i < 3; ++i) {
            if (lines[i].size() != 30) {
                return bad("line " + std::to_string(i + 1),
                           "a 3-line MRZ (TD1) has 30 characters per line; this line has " +
                               std::to_string(lines[i].size()));
            }
        }
        return &kTd1;
    }
    const std::size_t length = (lines[0].size() == 44 || lines[0].size() == 36) ? lines[0].size()
                               : (lines[1].size() == 44 || lines[1].size() == 36) ? lines[1].size()
                                                                                   : 0;
    if (length == 0) {
        return bad("MRZ", "expected 2 lines of 44 characters (TD3 passport, MRV-A visa) or of 36 (TD2, MRV-B); " +
                              describe());
    }
    for (std::size_t i = 0; i < 2; ++i) {
        if (lines[i].size() != length) {
            return bad("line " + std::to_string(i + 1),
                       "expected " + std::to_string(length) + " characters like the other line; this line has " +
                           std::to_string(lines[i].size()));
        }
    }
    const bool visa = lines[0][0] == 'V';
    if (length == 44) {
        return visa ? &kMrvA : &kTd3;
    }
    return visa ? &kMrvB : &kTd2;
}

}  // namespace

bool MrzReport::valid() const { return errors.empty() && document.has_value(); }

Result<TravelDocument> parseMrz(const std::vector<std::string>& lines, const ParseOptions& options) {
    std::array<std::string_view, kMaxLines> views{};
    Error error;
    const Layout* layout = detectLayout(lines, views, error);
    if (layout == nullptr) {
        return std::unexpected(std::move(error));
    }
    Decoder decoder(*layout, options, nullptr);
    decoder.load(views);
    TravelDocument doc;
    decoder.run(doc);
    if (decoder.failed()) {
        return std::unexpected(decoder.takeFirstError());
    }
    return doc;
}

MrzReport analyseMrz(const std::vector<std::string>& lines, const ParseOptions& options) {
    MrzReport report;
    std::array<std::string_view, kMaxLines> views{};
    Error error;
    const Layout* layout = detectLayout(lines, views, error);
    if (layout == nullptr) {
        report.errors.push_back(std::move(error));
        return report;
    }
    Decoder decoder(*layout, options, &report);
    decoder.load(views);
    TravelDocument doc;
    decoder.run(doc);
    if (!decoder.failed()) {
        report.document = std::move(doc);
    }
    return report;
}

}  // namespace kiosk::documents
