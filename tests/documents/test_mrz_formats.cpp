#include <catch2/catch.hpp>

#include "app/documents/mrz_parser.h"
#include "app/documents/mrz_writer.h"
#include "tests/documents/mrz_test_support.h"

using namespace kiosk::documents;
using namespace kiosk::documents::test;
using kiosk::CalendarDate;

TEST_CASE("TD1 specimen (3x30)", "[documents][td1]") {
    const auto report = analyseMrz(kSpecimenTd1, specimenOptions());
    REQUIRE(report.valid());
    const auto& doc = *report.document;
    CHECK(doc.format == DocumentFormat::TD1);
    CHECK(doc.documentCode == "I");
    CHECK(doc.issuingState == "UTO");
    CHECK(doc.documentNumber == "D23145890");
    CHECK(*doc.birthDate == CalendarDate{1974, 8, 12});
    CHECK(doc.sex == 'F');
    CHECK(doc.expiryDate == CalendarDate{2012, 4, 15});
    CHECK(doc.nationality == "UTO");
    CHECK(doc.displayName() == "ANNA MARIA ERIKSSON");
    REQUIRE(report.checks.size() == 4);
    CHECK(report.checks[0].line == 1);
    CHECK(report.checks[0].column == 15);
    CHECK(report.checks[3].field == "composite");
    CHECK(report.checks[3].line == 2);
    CHECK(report.checks[3].column == 30);
}

TEST_CASE("TD1 composite covers line 1 columns 6-30 and line 2 columns 1-7, 9-15, 19-29", "[documents][td1]") {
    auto lines = kSpecimenTd1;
    lines[0][20] = 'B';  // optional data 1: only the composite protects it
    const auto r = parseMrz(lines, specimenOptions());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().context == "line 2, column 30 (composite check digit)");
    CHECK(r.error().message.find("line 1 columns 6-30; line 2 columns 1-7, 9-15, 19-29") != std::string::npos);
    auto outside = kSpecimenTd1;
    outside[1].replace(15, 3, "KOR");  // nationality is outside the composite
    outside[1][7] = 'M';               // and so is sex
    CHECK(parseMrz(outside, specimenOptions()).has_value());
}

TEST_CASE("TD1 long document numbers continue in the optional data", "[documents][td1]") {
    TravelDocument d;
    d.documentCode = "ID";
    d.issuingState = "UTO";
    d.nationality = "UTO";
    d.primaryIdentifier = "ERIKSSON";
    d.secondaryIdentifier = "ANNA";
    d.documentNumber = "D23145890123";
    d.birthDate = CalendarDate{1974, 8, 12};
    d.sex = 'F';
    d.expiryDate = CalendarDate{2030, 1, 1};
    d.optionalData = "XY";
    const auto lines = writeTd1(d);
    REQUIRE(lines.has_value());
    CHECK((*lines)[0].substr(0, 22) == std::string("IDUTOD23145890<123") + mrzCheckDigit("D23145890123") + "<XY");
    const ParseOptions today{{2025, 1, 1}, false};
    const auto report = analyseMrz(*lines, today);
    REQUIRE(report.valid());
    CHECK(report.document->documentNumber == "D23145890123");
    CHECK(report.document->optionalData == "XY");
    CHECK(report.checks[0].column == 19);  // the check digit after the extension

    auto broken = *lines;
    broken[0][16] = broken[0][16] == '3' ? '4' : '3';
    const auto r = parseMrz(broken, today);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().context == "line 1, columns 6-19 (long document number)");

    auto noExtension = kSpecimenTd1;
    noExtension[0][14] = '<';
    const auto e = parseMrz(noExtension, specimenOptions());
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().context == "line 1, column 15 (document number check digit)");

    // Short numbers round-trip through writeTd1 too.
    d.documentNumber = "AB123";
    const auto shortLines = writeTd1(d);
    REQUIRE(shortLines.has_value());
    const auto s = parseMrz(*shortLines, today);
    REQUIRE(s.has_value());
    CHECK(s->documentNumber == "AB123");
    CHECK(s->optionalData == "XY");
}

TEST_CASE("TD2 specimen (2x36) and its composite", "[documents][td2]") {
    const auto doc = parseMrz(kSpecimenTd2, specimenOptions());
    REQUIRE(doc.has_value());
    CHECK(doc->format == DocumentFormat::TD2);
    CHECK(doc->documentNumber == "D23145890");
    CHECK(doc->displayName() == "ANNA MARIA ERIKSSON");
    CHECK(*doc->birthDate == CalendarDate{1974, 8, 12});
    auto lines = kSpecimenTd2;
    lines[1][30] = 'Q';  // optional data, composite-protected only
    const auto r = parseMrz(lines, specimenOptions());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().context == "line 2, column 36 (composite check digit)");
    CHECK(r.error().message.find("line 2 columns 1-10, 14-20, 22-35") != std::string::npos);
}

TEST_CASE("TD2 long document numbers follow the TD1 rule", "[documents][td2]") {
    auto lines = kSpecimenTd2;
    const std::string number = "D23145890AB";
    lines[1][9] = '<';
    lines[1].replace(28, 7, std::string("AB") + mrzCheckDigit(number) + "<<<<");
    lines[1][35] = mrzCheckDigit(lines[1].substr(0, 10) + lines[1].substr(13, 7) + lines[1].substr(21, 14));
    const auto doc = parseMrz(lines, specimenOptions());
    REQUIRE(doc.has_value());
    CHECK(doc->documentNumber == number);
    CHECK(doc->optionalData.empty());
}

TEST_CASE("MRV-A specimen (2x44 visa, no composite)", "[documents][mrv]") {
    const auto report = analyseMrz(kSpecimenMrvA, specimenOptions());
    REQUIRE(report.valid());
    const auto& doc = *report.document;
    CHECK(doc.format == DocumentFormat::MRVA);
    CHECK(formatName(doc.format) == "MRV-A");
    CHECK(doc.documentCode == "V");
    CHECK(doc.documentNumber == "L8988901C");
    CHECK(doc.nationality == "XXX");
    CHECK(*doc.birthDate == CalendarDate{1940, 9, 7});
    CHECK(doc.expiryDate == CalendarDate{1996, 12, 10});
    CHECK(doc.optionalData == "6ZE184226B");
    CHECK(report.checks.size() == 3);
    // Optional data carries no check digit on a visa.
    auto lines = kSpecimenMrvA;
    lines[1][40] = 'Q';
    CHECK(parseMrz(lines, specimenOptions()).has_value());
}

TEST_CASE("MRV-B specimen (2x36 visa)", "[documents][mrv]") {
    const auto doc = parseMrz(kSpecimenMrvB, specimenOptions());
    REQUIRE(doc.has_value());
    CHECK(doc->format == DocumentFormat::MRVB);
    CHECK(formatName(doc->format) == "MRV-B");
    CHECK(doc->documentNumber == "L8988901C");
    CHECK(doc->displayName() == "ANNA MARIA ERIKSSON");
    auto wrongCode = kSpecimenMrvB;
    wrongCode[0][0] = 'P';  // a 2x36 'P' document is read as TD2, where P is not a valid code
    const auto r = parseMrz(wrongCode, specimenOptions());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().context == "line 1, columns 1-2 (document code)");
}

TEST_CASE("tolerant mode fixes look-alikes the field class proves", "[documents][tolerant]") {
    auto lines = kSpecimenTd3;
    lines[0][4] = '0';   // UT0: a state code is letters
    lines[0][9] = '5';   // ERIK5SON: names are letters
    lines[1][15] = 'O';  // date of birth digits
    lines[1][19] = 'Z';  // check digit 2 read as Z
    lines[1][43] = 'O';  // composite 0
    CHECK_FALSE(parseMrz(lines, specimenOptions()).has_value());
    const auto report = analyseMrz(lines, specimenOptions(true));
    REQUIRE(report.valid());
    CHECK(report.document->issuingState == "UTO");
    CHECK(report.document->primaryIdentifier == "ERIKSSON");
    CHECK(*report.document->birthDate == CalendarDate{1974, 8, 12});
    REQUIRE(report.corrections.size() == 5);
    CHECK(report.corrections[0] == "line 1, column 5 (issuing state): '0' -> 'O'");
    CHECK(parseMrz(lines, specimenOptions(true)).has_value());
}

TEST_CASE("tolerant mode fixes alphanumeric fields only when the check digit singles out one swap",
          "[documents][tolerant]") {
    SECTION("document number 0 read as O") {
        auto lines = kSpecimenTd3;
        lines[1][5] = 'O';  // L8989O2C3
        CHECK_FALSE(parseMrz(lines, specimenOptions()).has_value());
        const auto report = analyseMrz(lines, specimenOptions(true));
        REQUIRE(report.valid());
        CHECK(report.document->documentNumber == "L898902C3");
        REQUIRE(report.corrections.size() == 1);
        CHECK(report.corrections[0] == "line 2, column 6 (document number): 'O' -> '0'");
    }
    SECTION("two swaps that both satisfy the check digits are left alone") {
        // ZE1842268: 2->Z in column 34 and 8->B in column 37 both restore the check digit, and the
        // composite weighs these columns the same way, so neither is proven.
        auto lines = kSpecimenTd3;
        lines[1][36] = '8';
        const auto report = analyseMrz(lines, specimenOptions(true));
        CHECK_FALSE(report.valid());
        CHECK(report.corrections.empty());
    }
    SECTION("a misread that is not a look-alike stays an error") {
        auto lines = kSpecimenTd3;
        lines[1][37] = '7';  // '<' -> '7' in the personal number
        const auto report = analyseMrz(lines, specimenOptions(true));
        CHECK_FALSE(report.valid());
    }
    SECTION("no correction is made when the check digit already agrees") {
        const auto report = analyseMrz(kSpecimenTd3, specimenOptions(true));
        CHECK(report.valid());
        CHECK(report.corrections.empty());
    }
}
