#include <catch2/catch.hpp>

#include <random>

#include "app/documents/mrz_parser.h"
#include "app/documents/mrz_writer.h"
#include "tests/documents/mrz_test_support.h"

using namespace kiosk::documents;
using kiosk::CalendarDate;
using kiosk::documents::test::kSpecimenTd3;
using kiosk::documents::test::specimenOptions;

namespace {

TravelDocument korean() {
    TravelDocument d;
    d.documentCode = "P";
    d.issuingState = "KOR";
    d.primaryIdentifier = "KIM";
    d.secondaryIdentifier = "MIN JI";
    d.documentNumber = "M12345678";
    d.nationality = "KOR";
    d.birthDate = CalendarDate{1990, 3, 4};
    d.sex = 'F';
    d.expiryDate = CalendarDate{2031, 5, 6};
    return d;
}

const ParseOptions kToday{{2025, 6, 1}, false};

std::vector<std::string> withChar(std::vector<std::string> lines, int line, int column, char c) {
    lines[static_cast<std::size_t>(line - 1)][static_cast<std::size_t>(column - 1)] = c;
    return lines;
}

std::vector<std::string> written(const TravelDocument& d) {
    auto lines = writeTd3(d);
    REQUIRE(lines.has_value());
    return *lines;
}

}  // namespace

TEST_CASE("check digit follows Doc 9303 part 3 (7-3-1, < = 0, A = 10)", "[documents][checkdigit]") {
    CHECK(mrzCheckDigit("L898902C3") == '6');
    CHECK(mrzCheckDigit("740812") == '2');
    CHECK(mrzCheckDigit("120415") == '9');
    CHECK(mrzCheckDigit("ZE184226B<<<<<") == '1');
    CHECK(mrzCheckDigit("<<<<<<<<<") == '0');
    CHECK(mrzCheckDigit("") == '0');
    CHECK(mrzCheckDigit("A") == '0');  // 10 * 7 = 70
    CHECK(mrzCheckDigit("B") == '7');  // 11 * 7 = 77
}

TEST_CASE("the Doc 9303 TD3 specimen parses to its printed data", "[documents][td3]") {
    const auto doc = parseMrz(kSpecimenTd3, specimenOptions());
    REQUIRE(doc.has_value());
    CHECK(doc->format == DocumentFormat::TD3);
    CHECK(formatName(doc->format) == "TD3");
    CHECK(doc->documentCode == "P");
    CHECK(doc->issuingState == "UTO");
    CHECK(doc->primaryIdentifier == "ERIKSSON");
    CHECK(doc->secondaryIdentifier == "ANNA MARIA");
    CHECK(doc->displayName() == "ANNA MARIA ERIKSSON");
    CHECK(doc->nameField == "ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<");
    CHECK_FALSE(doc->nameTruncated);
    CHECK(doc->documentNumber == "L898902C3");
    CHECK(doc->nationality == "UTO");
    REQUIRE(doc->birthDate.has_value());
    CHECK(*doc->birthDate == CalendarDate{1974, 8, 12});
    CHECK(doc->sex == 'F');
    CHECK(doc->expiryDate == CalendarDate{2012, 4, 15});
    CHECK(doc->optionalData == "ZE184226B");
}

TEST_CASE("analyseMrz reports every check digit of a valid TD3", "[documents][td3][report]") {
    const auto report = analyseMrz(kSpecimenTd3, specimenOptions());
    CHECK(report.valid());
    REQUIRE(report.checks.size() == 5);
    CHECK(report.checks[0].field == "document number");
    CHECK(report.checks[0].line == 2);
    CHECK(report.checks[0].column == 10);
    CHECK(report.checks[0].found == '6');
    CHECK(report.checks[1].field == "date of birth");
    CHECK(report.checks[1].column == 20);
    CHECK(report.checks[2].field == "date of expiry");
    CHECK(report.checks[2].column == 28);
    CHECK(report.checks[3].field == "personal number");
    CHECK(report.checks[3].column == 43);
    CHECK(report.checks[4].field == "composite");
    CHECK(report.checks[4].column == 44);
    for (const auto& c : report.checks) {
        CHECK(c.ok);
        CHECK(c.found == c.expected);
    }
    CHECK(report.errors.empty());
    CHECK(report.corrections.empty());
}

TEST_CASE("a wrong check digit names the field's columns and both digits", "[documents][td3][errors]") {
    SECTION("date of birth") {
        const auto r = parseMrz(withChar(kSpecimenTd3, 2, 20, '3'), specimenOptions());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == kiosk::Error::Code::InvalidInput);
        CHECK(r.error().context == "line 2, columns 14-19 (date of birth)");
        CHECK(r.error().message == "check digit is 3 but the field gives 2");
    }
    SECTION("document number") {
        const auto r = parseMrz(withChar(kSpecimenTd3, 2, 10, '5'), specimenOptions());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().context == "line 2, columns 1-9 (document number)");
        CHECK(r.error().message == "check digit is 5 but the field gives 6");
    }
    SECTION("date of expiry") {
        const auto r = parseMrz(withChar(kSpecimenTd3, 2, 28, '1'), specimenOptions());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().context == "line 2, columns 22-27 (date of expiry)");
    }
    SECTION("personal number") {
        const auto r = parseMrz(withChar(kSpecimenTd3, 2, 43, '2'), specimenOptions());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().context == "line 2, columns 29-42 (personal number)");
    }
    SECTION("composite") {
        const auto r = parseMrz(withChar(kSpecimenTd3, 2, 44, '1'), specimenOptions());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().context == "line 2, column 44 (composite check digit)");
        CHECK(r.error().message == "check digit is '1' but line 2 columns 1-10, 14-20, 22-43 give 0");
    }
    SECTION("a letter where a check digit belongs") {
        const auto r = parseMrz(withChar(kSpecimenTd3, 2, 20, 'A'), specimenOptions());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message == "check digit is 'A', not a digit, but the field gives 2");
    }
}

TEST_CASE("analyseMrz lists every error, not only the first", "[documents][td3][report]") {
    auto lines = withChar(kSpecimenTd3, 2, 20, '3');
    lines = withChar(lines, 2, 28, '1');
    lines = withChar(lines, 1, 3, 'X');  // XTO: unknown
    const auto report = analyseMrz(lines, specimenOptions());
    CHECK_FALSE(report.valid());
    CHECK_FALSE(report.document.has_value());
    CHECK(report.errors.size() >= 3);
    int failedChecks = 0;
    for (const auto& c : report.checks) {
        failedChecks += c.ok ? 0 : 1;
    }
    CHECK(failedChecks == 3);  // both fields and the composite over them
}

TEST_CASE("the composite covers exactly columns 1-10, 14-20 and 22-43 of line 2", "[documents][td3]") {
    // Nationality (11-13) and sex (21) sit outside the composite: changing them keeps it valid.
    auto lines = kSpecimenTd3;
    lines[1].replace(10, 3, "KOR");
    lines[1][20] = 'M';
    const auto doc = parseMrz(lines, specimenOptions());
    REQUIRE(doc.has_value());
    CHECK(doc->nationality == "KOR");
    CHECK(doc->sex == 'M');
    // Any other column, with the field's own check digit kept right, breaks the composite.
    auto d = korean();
    d.optionalData = "AB12";
    auto base = written(d);
    auto changed = d;
    changed.optionalData = "AB13";
    auto other = written(changed);
    other[1][43] = base[1][43];  // keep the old composite
    if (other[1][43] != mrzCheckDigit(other[1].substr(0, 10) + other[1].substr(13, 7) + other[1].substr(21, 22))) {
        const auto r = parseMrz(other, kToday);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().context == "line 2, column 44 (composite check digit)");
    }
}

TEST_CASE("an empty personal number may carry < or 0 as its check digit", "[documents][td3]") {
    const auto lines = written(korean());
    CHECK(lines[1].substr(28, 15) == "<<<<<<<<<<<<<<<");
    const auto a = parseMrz(lines, kToday);
    REQUIRE(a.has_value());
    CHECK(a->optionalData.empty());
    auto zero = lines;
    zero[1][42] = '0';  // '<' and '0' both weigh 0, so the composite stays right
    CHECK(parseMrz(zero, kToday).has_value());
    auto wrong = lines;
    wrong[1][42] = '3';
    CHECK_FALSE(parseMrz(wrong, kToday).has_value());
    // '<' is not acceptable once the field holds data.
    auto d = korean();
    d.optionalData = "12345";
    auto filled = written(d);
    filled[1][42] = '<';
    CHECK_FALSE(parseMrz(filled, kToday).has_value());
}

TEST_CASE("names split at << with several given names and fillers", "[documents][td3][names]") {
    auto d = korean();
    d.primaryIdentifier = "VAN DER BERG";
    d.secondaryIdentifier = "ANNA MARIA JOHANNA";
    const auto doc = parseMrz(written(d), kToday);
    REQUIRE(doc.has_value());
    CHECK(doc->primaryIdentifier == "VAN DER BERG");
    CHECK(doc->secondaryIdentifier == "ANNA MARIA JOHANNA");
    CHECK(doc->nameField.substr(0, 32) == "VAN<DER<BERG<<ANNA<MARIA<JOHANNA");
    CHECK(doc->displayName() == "ANNA MARIA JOHANNA VAN DER BERG");

    SECTION("a single name (no secondary identifier)") {
        auto mono = korean();
        mono.secondaryIdentifier.clear();
        mono.primaryIdentifier = "SUKARNO";
        const auto m = parseMrz(written(mono), kToday);
        REQUIRE(m.has_value());
        CHECK(m->primaryIdentifier == "SUKARNO");
        CHECK(m->secondaryIdentifier.empty());
        CHECK(m->displayName() == "SUKARNO");
    }
    SECTION("a missing primary identifier is an error") {
        auto lines = kSpecimenTd3;
        lines[0] = "P<UTO<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<<<<<<<<";
        const auto r = parseMrz(lines, specimenOptions());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().context == "line 1, columns 6-44 (name)");
    }
    SECTION("a digit in the name names its column") {
        const auto r = parseMrz(withChar(kSpecimenTd3, 1, 8, '3'), specimenOptions());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().context == "line 1, column 8 (name)");
    }
}

TEST_CASE("long names are truncated so the field ends in a letter", "[documents][td3][names]") {
    auto d = korean();
    d.primaryIdentifier = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ";  // 36 letters
    d.secondaryIdentifier = "JOHN PAUL";
    const auto lines = written(d);
    CHECK(lines[0].size() == 44);
    const auto doc = parseMrz(lines, kToday);
    REQUIRE(doc.has_value());
    CHECK(doc->nameTruncated);
    CHECK(doc->nameField.back() != '<');
    CHECK(doc->primaryIdentifier == d.primaryIdentifier);
    // 36 + "<<" leaves one character of the given names.
    CHECK(doc->nameField.substr(36, 3) == "<<J");

    SECTION("a cut that lands on a separator drops the trailing filler") {
        auto e = korean();
        e.primaryIdentifier = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";  // 26
        e.secondaryIdentifier = "MAXIMILIAN ALEXANDER";
        const auto l = written(e);
        const auto p = parseMrz(l, kToday);
        REQUIRE(p.has_value());
        CHECK(p->secondaryIdentifier == "MAXIMILIAN");
        CHECK_FALSE(p->nameTruncated);
    }
    SECTION("a name that exactly fills the field counts as possibly truncated") {
        auto lines2 = kSpecimenTd3;
        lines2[0] = "P<UTO" + std::string("ERIKSSON<<ANNAMARIA") + std::string(20, 'X');
        REQUIRE(lines2[0].size() == 44);
        const auto p = parseMrz(lines2, specimenOptions());
        REQUIRE(p.has_value());
        CHECK(p->nameTruncated);
    }
}

TEST_CASE("sex accepts M, F, X and <", "[documents][td3]") {
    for (const char sex : {'M', 'F', 'X', '<'}) {
        auto d = korean();
        d.sex = sex;
        const auto doc = parseMrz(written(d), kToday);
        REQUIRE(doc.has_value());
        CHECK(doc->sex == sex);
    }
    const auto r = parseMrz(withChar(kSpecimenTd3, 2, 21, 'Q'), specimenOptions());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().context == "line 2, column 21 (sex)");
    CHECK(r.error().message == "sex must be M, F, X or <, found 'Q'");
    auto writer = korean();
    writer.sex = 'Q';
    CHECK_FALSE(writeTd3(writer).has_value());
}

TEST_CASE("two-digit years resolve to the right century", "[documents][td3][dates]") {
    auto d = korean();
    const ParseOptions today{{2025, 6, 1}, false};
    SECTION("birth dates are always in the past") {
        d.birthDate = CalendarDate{2025, 6, 1};  // born today
        auto doc = parseMrz(written(d), today);
        REQUIRE(doc.has_value());
        CHECK(doc->birthDate->year == 2025);
        d.birthDate = CalendarDate{1925, 6, 2};  // yy=25 but after today -> 1925
        doc = parseMrz(written(d), today);
        REQUIRE(doc.has_value());
        CHECK(doc->birthDate->year == 1925);
        d.birthDate = CalendarDate{1950, 1, 1};
        doc = parseMrz(written(d), today);
        CHECK(doc->birthDate->year == 1950);
        d.birthDate = CalendarDate{2003, 1, 1};
        doc = parseMrz(written(d), today);
        CHECK(doc->birthDate->year == 2003);
    }
    SECTION("expiry dates are at most 20 years ahead") {
        d.expiryDate = CalendarDate{2044, 12, 31};
        auto doc = parseMrz(written(d), today);
        REQUIRE(doc.has_value());
        CHECK(doc->expiryDate.year == 2044);
        d.expiryDate = CalendarDate{1945, 1, 1};  // yy=45: 2045 would be 20 years ahead -> 1945
        doc = parseMrz(written(d), today);
        REQUIRE(doc.has_value());
        CHECK(doc->expiryDate.year == 1945);
        d.expiryDate = CalendarDate{2012, 4, 15};
        doc = parseMrz(written(d), today);
        CHECK(doc->expiryDate.year == 2012);  // expired documents still parse: policy is the caller's
    }
    SECTION("unknown day, or day and month, or the whole birth date give nullopt") {
        for (const char* birth : {"74<<<<", "7408<<", "<<<<<<"}) {
            auto lines = kSpecimenTd3;
            lines[1].replace(13, 6, birth);
            lines[1][19] = mrzCheckDigit(birth);
            lines[1][43] = mrzCheckDigit(lines[1].substr(0, 10) + lines[1].substr(13, 7) + lines[1].substr(21, 22));
            const auto doc = parseMrz(lines, specimenOptions());
            INFO(birth);
            REQUIRE(doc.has_value());
            CHECK_FALSE(doc->birthDate.has_value());
        }
        auto u = korean();
        u.birthDate.reset();
        const auto doc = parseMrz(written(u), kToday);
        REQUIRE(doc.has_value());
        CHECK_FALSE(doc->birthDate.has_value());
    }
    SECTION("impossible dates are refused") {
        for (const char* bad : {"741312", "740230", "740000", "7<0812"}) {
            auto lines = kSpecimenTd3;
            lines[1].replace(13, 6, bad);
            lines[1][19] = mrzCheckDigit(bad);
            const auto report = analyseMrz(lines, specimenOptions());
            INFO(bad);
            CHECK_FALSE(report.valid());
            bool named = false;
            for (const auto& e : report.errors) {
                named = named || e.context == "line 2, columns 14-19 (date of birth)";
            }
            CHECK(named);
        }
        auto lines = kSpecimenTd3;
        lines[1].replace(21, 6, "120231");
        lines[1][27] = mrzCheckDigit("120231");
        lines[1][43] = mrzCheckDigit(lines[1].substr(0, 10) + lines[1].substr(13, 7) + lines[1].substr(21, 22));
        const auto r = parseMrz(lines, specimenOptions());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().context == "line 2, columns 22-27 (date of expiry)");
        CHECK(r.error().message == "not a calendar date");
    }
    SECTION("leap days") {
        d.birthDate = CalendarDate{2000, 2, 29};
        auto doc = parseMrz(written(d), today);
        REQUIRE(doc.has_value());
        CHECK(*doc->birthDate == CalendarDate{2000, 2, 29});
    }
}

TEST_CASE("characters outside A-Z 0-9 < are refused with their column", "[documents][td3][errors]") {
    const auto r = parseMrz(withChar(kSpecimenTd3, 2, 35, 'x'), specimenOptions());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().context == "line 2, column 35");
    CHECK(r.error().message == "character 'x' is not allowed (A-Z, 0-9 and < only)");
    const auto c = parseMrz(withChar(kSpecimenTd3, 1, 7, '\x01'), specimenOptions());
    REQUIRE_FALSE(c.has_value());
    CHECK(c.error().message == "character byte 0x01 is not allowed (A-Z, 0-9 and < only)");
}

TEST_CASE("line count and length errors say what was expected", "[documents][errors]") {
    const auto one = parseMrz({kSpecimenTd3[0]}, specimenOptions());
    REQUIRE_FALSE(one.has_value());
    CHECK(one.error().context == "MRZ");
    CHECK(one.error().message ==
          "expected 2 lines of 44 characters (TD3 passport, MRV-A visa), 2 lines of 36 (TD2, MRV-B) or 3 lines of 30 "
          "(TD1); got 1 line of 44 characters");
    const auto none = parseMrz({}, specimenOptions());
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().message.find("got 0 lines") != std::string::npos);
    auto shortLine = kSpecimenTd3;
    shortLine[1].pop_back();
    const auto s = parseMrz(shortLine, specimenOptions());
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().context == "line 2");
    CHECK(s.error().message == "expected 44 characters like the other line; this line has 43");
    const auto odd = parseMrz({"ABC", "DEF"}, specimenOptions());
    REQUIRE_FALSE(odd.has_value());
    CHECK(odd.error().message.find("got 2 lines of 3 and 3 characters") != std::string::npos);
}

TEST_CASE("trailing CR, LF and spaces from the reader are trimmed", "[documents][td3]") {
    auto lines = kSpecimenTd3;
    lines[0] += "\r\n";
    lines[1] += "  \n";
    CHECK(parseMrz(lines, specimenOptions()).has_value());
    lines.emplace_back("");  // a trailing empty line from the reader's framing
    CHECK(parseMrz(lines, specimenOptions()).has_value());
}

TEST_CASE("the document code must suit the format", "[documents][td3][errors]") {
    auto lines = kSpecimenTd3;
    lines[0][0] = 'I';
    const auto r = parseMrz(lines, specimenOptions());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().context == "line 1, columns 1-2 (document code)");
    auto pm = kSpecimenTd3;
    pm[0][1] = 'M';
    const auto doc = parseMrz(pm, specimenOptions());
    REQUIRE(doc.has_value());
    CHECK(doc->documentCode == "PM");
}

TEST_CASE("unknown state codes are refused by name", "[documents][td3][codes]") {
    auto lines = kSpecimenTd3;
    lines[0].replace(2, 3, "QQQ");
    const auto r = parseMrz(lines, specimenOptions());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().context == "line 1, columns 3-5 (issuing state)");
    CHECK(r.error().message == "unknown state or organisation code 'QQQ'");
    auto nat = kSpecimenTd3;
    nat[1].replace(10, 3, "ZZZ");  // outside the composite
    const auto n = parseMrz(nat, specimenOptions());
    REQUIRE_FALSE(n.has_value());
    CHECK(n.error().context == "line 2, columns 11-13 (nationality)");
    auto germany = kSpecimenTd3;
    germany[0].replace(2, 3, "D<<");
    germany[1].replace(10, 3, "D<<");
    const auto g = parseMrz(germany, specimenOptions());
    REQUIRE(g.has_value());
    CHECK(g->issuingState == "D");
    CHECK(g->nationality == "D");
    auto gap = kSpecimenTd3;
    gap[0].replace(2, 3, "D<E");
    CHECK_FALSE(parseMrz(gap, specimenOptions()).has_value());
}

TEST_CASE("writeTd3 -> parseMrz round trip", "[documents][td3][writer]") {
    const auto d = korean();
    const auto lines = written(d);
    CHECK(lines[0] == "P<KORKIM<<MIN<JI<<<<<<<<<<<<<<<<<<<<<<<<<<<<");
    CHECK(lines[1].size() == 44);
    const auto doc = parseMrz(lines, kToday);
    REQUIRE(doc.has_value());
    CHECK(doc->documentCode == d.documentCode);
    CHECK(doc->issuingState == d.issuingState);
    CHECK(doc->primaryIdentifier == d.primaryIdentifier);
    CHECK(doc->secondaryIdentifier == d.secondaryIdentifier);
    CHECK(doc->documentNumber == d.documentNumber);
    CHECK(doc->nationality == d.nationality);
    CHECK(doc->birthDate == d.birthDate);
    CHECK(doc->sex == d.sex);
    CHECK(doc->expiryDate == d.expiryDate);
    CHECK(doc->displayName() == "MIN JI KIM");

    SECTION("the specimen is reproduced exactly") {
        const auto specimen = parseMrz(kSpecimenTd3, specimenOptions());
        REQUIRE(specimen.has_value());
        auto again = writeTd3(*specimen);
        REQUIRE(again.has_value());
        CHECK(*again == kSpecimenTd3);
    }
    SECTION("randomised documents") {
        std::mt19937 rng(20240601);
        const char* states[] = {"KOR", "D", "UTO", "GBR", "USA", "XXA", "FRA"};
        const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        for (int i = 0; i < 500; ++i) {
            TravelDocument r;
            r.documentCode = i % 3 == 0 ? "PM" : "P";
            r.issuingState = states[pick(7)];
            r.nationality = states[pick(7)];
            const auto word = [&](int len) {
                std::string w;
                for (int k = 0; k < len; ++k) {
                    w += static_cast<char>('A' + pick(26));
                }
                return w;
            };
            r.primaryIdentifier = word(1 + pick(12));
            r.secondaryIdentifier = pick(4) == 0 ? std::string{} : word(1 + pick(8)) + " " + word(1 + pick(8));
            for (int k = 0; k < 1 + pick(9); ++k) {
                r.documentNumber += static_cast<char>(pick(2) ? '0' + pick(10) : 'A' + pick(26));
            }
            r.birthDate = CalendarDate{1930 + pick(90), 1 + pick(12), 1 + pick(28)};
            r.expiryDate = CalendarDate{2025 + pick(15), 1 + pick(12), 1 + pick(28)};
            r.sex = "MFX<"[pick(4)];
            if (pick(2)) {
                r.optionalData = word(pick(14));
            }
            const auto l = writeTd3(r);
            REQUIRE(l.has_value());
            const auto p = parseMrz(*l, kToday);
            INFO(l->at(0) << "\n" << l->at(1));
            REQUIRE(p.has_value());
            CHECK(p->documentNumber == r.documentNumber);
            CHECK(p->primaryIdentifier == r.primaryIdentifier);
            CHECK(p->secondaryIdentifier == r.secondaryIdentifier);
            CHECK(p->birthDate == r.birthDate);
            CHECK(p->expiryDate == r.expiryDate);
            CHECK(p->optionalData == r.optionalData);
            CHECK(p->sex == r.sex);
            CHECK(p->issuingState == r.issuingState);
            CHECK(*writeTd3(*p) == *l);
        }
    }
}

TEST_CASE("writeTd3 refuses what it cannot write", "[documents][writer][errors]") {
    auto d = korean();
    d.primaryIdentifier = "MÜLLER";
    CHECK_FALSE(writeTd3(d).has_value());
    d = korean();
    d.documentNumber = "1234567890";
    const auto r = writeTd3(d);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().context == "TD3 writer (document number)");
    d = korean();
    d.issuingState = "QQQ";
    CHECK_FALSE(writeTd3(d).has_value());
    d = korean();
    d.documentCode = "V";
    CHECK_FALSE(writeTd3(d).has_value());
    d = korean();
    d.expiryDate = CalendarDate{2030, 2, 30};
    CHECK_FALSE(writeTd3(d).has_value());
    d = korean();
    d.optionalData = "123456789012345";
    CHECK_FALSE(writeTd3(d).has_value());
}
