#include <catch2/catch.hpp>

#include "app/documents/country_codes.h"

using namespace kiosk::documents;

TEST_CASE("ISO 3166-1 alpha-3 codes are known", "[documents][codes]") {
    for (const char* code : {"KOR", "DEU", "GBR", "USA", "FRA", "JPN", "ZWE", "ABW", "ALA", "SSD", "BES"}) {
        INFO(code);
        CHECK(isKnownIssuerCode(code));
        CHECK_FALSE(countryName(code).empty());
    }
    CHECK(countryName("KOR") == "Korea, Republic of");
}

TEST_CASE("Doc 9303 part 3 non-ISO codes are known", "[documents][codes]") {
    for (const char* code : {"D", "GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA", "UNK", "EUE", "XOM", "XDC",
                             "XPO", "XCC", "XXA", "XXB", "XXC", "XXX", "UTO", "RKS"}) {
        INFO(code);
        CHECK(isKnownIssuerCode(code));
    }
    CHECK(countryName("D") == "Germany");
    CHECK(countryName("UTO") == "Utopia");
}

TEST_CASE("unknown and malformed codes are refused", "[documents][codes]") {
    for (const char* code : {"", "QQQ", "ZIM", "DE", "kor", "KORE", "K<R", "12A", "AAA"}) {
        INFO(code);
        CHECK_FALSE(isKnownIssuerCode(code));
        CHECK(countryName(code).empty());
    }
}
