// Calendar values of the proleptic Gregorian calendar: dates, times, months, ISO weeks, date-times.
//
// Pure functions, no clock: "today" is always a parameter. Parsers accept exactly the HTML input
// formats (YYYY-MM-DD, HH:MM[:SS], YYYY-MM, YYYY-Www, YYYY-MM-DDTHH:MM[:SS]) and reject the rest.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "blankett/result.h"

namespace blankett {

struct civil_date {
  int32_t year = 1970;
  uint8_t month = 1;  // 1..12
  uint8_t day = 1;    // 1..31
  friend bool operator==(const civil_date&, const civil_date&) = default;
};

bool is_leap_year(int32_t year) noexcept;
int days_in_month(int32_t year, int month) noexcept;
bool is_valid_date(int32_t year, int month, int day) noexcept;
// Days since 1970-01-01 (negative before), and back.
int64_t days_from_civil(civil_date d) noexcept;
civil_date civil_from_days(int64_t days) noexcept;
// Completed years from `born` to `on` (the birthday counts on its day; 29 Feb counts on 1 Mar in
// common years).
int age_on(civil_date born, civil_date on) noexcept;
// ISO 8601: weeks in a year (52 or 53), and the week-based year and week of a date.
int iso_weeks_in_year(int32_t year) noexcept;

// Each parser returns a number that orders the values of its kind: days since the epoch for dates,
// seconds since midnight for times, months since year 0 for months, (year * 64 + week) for weeks,
// seconds since the epoch for date-times.
result<int64_t> parse_date(std::string_view s) noexcept;
result<int64_t> parse_time(std::string_view s) noexcept;
result<int64_t> parse_month(std::string_view s) noexcept;
result<int64_t> parse_week(std::string_view s) noexcept;
result<int64_t> parse_datetime(std::string_view s) noexcept;
// "YYYY-MM-DD" into a civil_date.
result<civil_date> parse_civil_date(std::string_view s) noexcept;
std::string format_date(civil_date d);

}  // namespace blankett
