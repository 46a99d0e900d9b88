// Tests of dates.h: calendar arithmetic and the strict HTML date/time parsers.
#include "blankett/dates.h"

#include <gtest/gtest.h>

namespace blankett {
namespace {

TEST(dates, leap_years_follow_the_gregorian_rule) {
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(2023));
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_month(2026, 13), 0);
}

TEST(dates, days_from_civil_round_trips_over_four_centuries) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  for (int64_t d = -146097; d <= 146097; d += 7) {
    const civil_date c = civil_from_days(d);
    ASSERT_TRUE(is_valid_date(c.year, c.month, c.day));
    ASSERT_EQ(days_from_civil(c), d);
  }
}

TEST(dates, age_counts_completed_years) {
  EXPECT_EQ(age_on({1964, 8, 23}, {2026, 8, 22}), 61);
  EXPECT_EQ(age_on({1964, 8, 23}, {2026, 8, 23}), 62);
  // Born on 29 February: the birthday counts from 1 March in common years.
  EXPECT_EQ(age_on({2000, 2, 29}, {2013, 2, 28}), 12);
  EXPECT_EQ(age_on({2000, 2, 29}, {2013, 3, 1}), 13);
}

TEST(dates, iso_weeks_in_year) {
  EXPECT_EQ(iso_weeks_in_year(2020), 53);  // 1 Jan 2020 was a Wednesday in a leap year
  EXPECT_EQ(iso_weeks_in_year(2015), 53);  // Thursday
  EXPECT_EQ(iso_weeks_in_year(2026), 53);  // Thursday
  EXPECT_EQ(iso_weeks_in_year(2025), 52);
  EXPECT_EQ(iso_weeks_in_year(2021), 52);
}

TEST(dates, parse_date_accepts_only_real_dates) {
  EXPECT_EQ(*parse_date("1970-01-02"), 1);
  EXPECT_TRUE(parse_date("2000-02-29").ok());
  EXPECT_EQ(parse_date("2023-02-29").error(), error_code::date_range);
  EXPECT_EQ(parse_date("2023-13-01").error(), error_code::date_range);
  EXPECT_EQ(parse_date("2023-1-01").error(), error_code::date_format);
  EXPECT_EQ(parse_date("2023-01-01T").error(), error_code::date_format);
  EXPECT_EQ(parse_date("20230101").error(), error_code::date_format);
  EXPECT_EQ(parse_date("").error(), error_code::date_format);
}

TEST(dates, parse_time_month_week_datetime) {
  EXPECT_EQ(*parse_time("08:30"), 8 * 3600 + 30 * 60);
  EXPECT_EQ(*parse_time("23:59:59"), 86399);
  EXPECT_EQ(parse_time("24:00").error(), error_code::date_range);
  EXPECT_EQ(parse_time("8:30").error(), error_code::date_format);
  EXPECT_EQ(*parse_month("2026-11"), 2026 * 12 + 10);
  EXPECT_EQ(parse_month("2026-00").error(), error_code::date_range);
  EXPECT_EQ(*parse_week("2026-W48"), 2026 * 64 + 48);
  EXPECT_TRUE(parse_week("2026-W53").ok());
  EXPECT_EQ(parse_week("2025-W53").error(), error_code::date_range);
  EXPECT_EQ(parse_week("2025-w01").error(), error_code::date_format);
  EXPECT_EQ(*parse_datetime("1970-01-02T00:00"), 86400);
  EXPECT_EQ(*parse_datetime("1970-01-01T00:00:01"), 1);
  EXPECT_EQ(parse_datetime("1970-01-01 00:00").error(), error_code::date_format);
  EXPECT_EQ(parse_datetime("1970-02-30T00:00").error(), error_code::date_range);
}

TEST(dates, format_date_pads) { EXPECT_EQ(format_date({987, 3, 4}), "0987-03-04"); }

}  // namespace
}  // namespace blankett
