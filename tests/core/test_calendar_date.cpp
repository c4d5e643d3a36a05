#include <catch2/catch.hpp>

#include "app/core/calendar_date.h"

using kiosk::CalendarDate;

TEST_CASE("calendar dates round-trip through day counts") {
    for (std::int64_t d = -719000; d < 2900000; d += 997) {
        const auto date = CalendarDate::fromDaysSinceEpoch(d);
        REQUIRE(date.isValid());
        REQUIRE(date.daysSinceEpoch() == d);
    }
    CHECK(CalendarDate{1970, 1, 1}.daysSinceEpoch() == 0);
    CHECK(CalendarDate{2000, 3, 1}.daysSinceEpoch() - CalendarDate{2000, 2, 28}.daysSinceEpoch() == 2);
}

TEST_CASE("calendar date validity follows the Gregorian rules") {
    CHECK(CalendarDate{2024, 2, 29}.isValid());
    CHECK_FALSE(CalendarDate{2023, 2, 29}.isValid());
    CHECK_FALSE(CalendarDate{1900, 2, 29}.isValid());
    CHECK(CalendarDate{2000, 2, 29}.isValid());
    CHECK_FALSE(CalendarDate{2024, 13, 1}.isValid());
    CHECK_FALSE(CalendarDate{2024, 4, 31}.isValid());
    CHECK(CalendarDate{2024, 4, 30}.iso() == "2024-04-30");
}

TEST_CASE("UTC timestamps print as ISO 8601") {
    CHECK(kiosk::isoUtcTimestamp(0) == "1970-01-01T00:00:00Z");
    CHECK(kiosk::isoUtcTimestamp(1795740392) == "2026-11-27T00:46:32Z");
    CHECK(kiosk::isoUtcTimestamp(-1) == "1969-12-31T23:59:59Z");
}
