#pragma once
// A proleptic Gregorian calendar date with day arithmetic; Qt-free so the pure modules can use it.
#include <compare>
#include <cstdint>
#include <string>

namespace kiosk {

struct CalendarDate {
    int year = 0;
    int month = 0;  // 1..12
    int day = 0;    // 1..31

    auto operator<=>(const CalendarDate&) const = default;

    [[nodiscard]] bool isValid() const;
    // Days since 1970-01-01 (negative before); only meaningful for valid dates.
    [[nodiscard]] std::int64_t daysSinceEpoch() const;
    [[nodiscard]] static CalendarDate fromDaysSinceEpoch(std::int64_t days);
    [[nodiscard]] std::string iso() const;  // YYYY-MM-DD
    [[nodiscard]] static bool isLeapYear(int year);
    [[nodiscard]] static int daysInMonth(int year, int month);
};

// "2026-11-26T10:15:00Z" for seconds since 1970 UTC (audit records, receipts, bundles).
[[nodiscard]] std::string isoUtcTimestamp(std::int64_t unixSeconds);

}  // namespace kiosk
