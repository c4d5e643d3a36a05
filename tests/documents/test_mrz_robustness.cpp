#include <catch2/catch.hpp>

#include <random>

#include "app/documents/mrz_parser.h"
#include "app/documents/mrz_writer.h"
#include "tests/documents/mrz_test_support.h"

using namespace kiosk::documents;
using namespace kiosk::documents::test;
using kiosk::CalendarDate;

namespace {

int charValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A' + 10;
    }
    return 0;
}

// TD3 line 2 columns (0-based) a check digit protects: number, dates, personal number and the digits.
bool protectedColumn(int col) { return col != 10 && col != 11 && col != 12 && col != 20; }

TravelDocument randomDocument(std::mt19937& rng) {
    const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    TravelDocument d;
    d.documentCode = "P";
    d.issuingState = "UTO";
    d.nationality = "KOR";
    d.primaryIdentifier = "KIM";
    d.secondaryIdentifier = "MIN JI";
    for (int k = 0; k < 9; ++k) {
        d.documentNumber += static_cast<char>(pick(3) ? '0' + pick(10) : 'A' + pick(26));
    }
    d.birthDate = CalendarDate{1930 + pick(90), 1 + pick(12), 1 + pick(28)};
    d.expiryDate = CalendarDate{2025 + pick(15), 1 + pick(12), 1 + pick(28)};
    d.sex = pick(2) ? 'M' : 'F';
    if (pick(2)) {
        d.optionalData = std::to_string(pick(1000000));
    }
    return d;
}

const ParseOptions kToday{{2025, 6, 1}, false};

}  // namespace

TEST_CASE("a substituted digit in a check-digit-protected numeric field is always detected",
          "[documents][corruption]") {
    std::mt19937 rng(9303);
    for (int i = 0; i < 300; ++i) {
        const auto lines = writeTd3(randomDocument(rng));
        REQUIRE(lines.has_value());
        REQUIRE(parseMrz(*lines, kToday).has_value());
        for (int col = 0; col < 44; ++col) {
            const char original = (*lines)[1][static_cast<std::size_t>(col)];
            if (original < '0' || original > '9' || !protectedColumn(col)) {
                continue;
            }
            for (char digit = '0'; digit <= '9'; ++digit) {
                if (digit == original) {
                    continue;
                }
                auto corrupted = *lines;
                corrupted[1][static_cast<std::size_t>(col)] = digit;
                INFO(corrupted[1] << " column " << col + 1);
                CHECK_FALSE(parseMrz(corrupted, kToday).has_value());
            }
        }
    }
}

TEST_CASE("random single-character corruption never validates silently unless the checks truly allow it",
          "[documents][corruption]") {
    std::mt19937 rng(7501);
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
    int silent = 0;
    for (int i = 0; i < 20000; ++i) {
        const auto lines = writeTd3(randomDocument(rng));
        REQUIRE(lines.has_value());
        auto corrupted = *lines;
        const auto line = static_cast<std::size_t>(rng() % 2);
        const auto col = static_cast<std::size_t>(rng() % 44);
        const char replacement = alphabet[rng() % alphabet.size()];
        const char original = corrupted[line][col];
        if (replacement == original) {
            continue;
        }
        corrupted[line][col] = replacement;
        const auto parsed = parseMrz(corrupted, kToday);
        if (!parsed.has_value()) {
            continue;
        }
        ++silent;
        if (line == 1 && protectedColumn(static_cast<int>(col))) {
            // Mod 10 cannot see a value change of 10 (e.g. '0' -> 'A'); nothing else may pass.
            INFO(corrupted[1] << " column " << col + 1);
            CHECK((charValue(replacement) - charValue(original)) % 10 == 0);
        }
    }
    CHECK(silent < 20000);
}

TEST_CASE("random bytes never crash the parser", "[documents][fuzz]") {
    std::mt19937 rng(12345);
    const int lengths[] = {30, 36, 44, 0, 1, 29, 43, 45, 100};
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<<<OISZB";
    for (int i = 0; i < 20000; ++i) {
        std::vector<std::string> lines(static_cast<std::size_t>(rng() % 5));
        const bool plausible = (i % 2) == 0;
        const int length = lengths[rng() % std::size(lengths)];
        for (auto& line : lines) {
            const int n = plausible ? length : static_cast<int>(rng() % 60);
            for (int k = 0; k < n; ++k) {
                line += plausible ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng() % 256);
            }
        }
        if (plausible && lines.size() >= 2 && length >= 2) {
            lines[0][0] = "PIVAC"[rng() % 5];
        }
        const ParseOptions options{{2025, 6, 1}, (i % 3) == 0};
        const auto parsed = parseMrz(lines, options);
        const auto report = analyseMrz(lines, options);
        CHECK(parsed.has_value() == report.valid());
        if (!parsed) {
            CHECK_FALSE(parsed.error().message.empty());
            CHECK_FALSE(parsed.error().context.empty());
        }
    }
}

TEST_CASE("parseMrz returns the first error analyseMrz lists", "[documents][report]") {
    auto lines = kSpecimenTd3;
    lines[1][19] = '3';
    lines[1][27] = '1';
    const auto parsed = parseMrz(lines, specimenOptions());
    const auto report = analyseMrz(lines, specimenOptions());
    REQUIRE_FALSE(parsed.has_value());
    REQUIRE(report.errors.size() >= 2);
    CHECK(parsed.error().context == report.errors.front().context);
    CHECK(parsed.error().message == report.errors.front().message);
}
