// The server's clock (server/clock.cpp): UTC times, the local date, days on the calendar.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "clock.h"

namespace blankett::server {
namespace {

// Runs `body` with the process's time zone set to `tz`, then restores it.
template <class F>
void in_zone(const char* tz, F&& body) {
  const char* old = std::getenv("TZ");
  const std::string saved = old ? old : "";
  setenv("TZ", tz, 1);
  tzset();
  body();
  if (old) setenv("TZ", saved.c_str(), 1);
  else unsetenv("TZ");
  tzset();
}

clock::time_point utc(int y, int mo, int d, int h, int mi) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

TEST(clock, formats_utc_and_moves_when_told) {
  manual_clock c(utc(2026, 12, 4, 19, 5));
  EXPECT_EQ(c.now_iso(), "2026-12-04T19:05:00Z");
  c.advance(std::chrono::hours(8));
  EXPECT_EQ(c.now_iso(), "2026-12-05T03:05:00Z");
  EXPECT_EQ(c.in_hours_iso(8), "2026-12-05T11:05:00Z");
}

TEST(clock, the_date_is_local) {
  in_zone("Europe/Stockholm", [] {
    manual_clock c(utc(2026, 12, 4, 23, 30));  // 00:30 on 5 December in Stockholm
    EXPECT_EQ(c.today_iso(), "2026-12-05");
  });
}

TEST(clock, days_are_counted_on_the_calendar_across_daylight_saving) {
  in_zone("Europe/Stockholm", [] {
    // 00:30 local on 29 March 2026, the night summer time starts (the day has 23 hours): one year on
    // is 29 March 2027, and counting 86,400-second days would also have been right here...
    manual_clock c(utc(2026, 3, 28, 23, 30));
    EXPECT_EQ(c.today_iso(), "2026-03-29");
    EXPECT_EQ(c.date_in_days(1), "2026-03-30");
    // ...but at 23:30 local on 24 October 2026, the evening before winter time (a 25-hour day),
    // 86,400 seconds later is still 25 October, 23:30 - 1 h = 22:30: calendar days give the 26th.
    c.set(utc(2026, 10, 24, 21, 30));
    EXPECT_EQ(c.today_iso(), "2026-10-24");
    EXPECT_EQ(c.date_in_days(1), "2026-10-25");
    EXPECT_EQ(c.date_in_days(2), "2026-10-26");
    // At 00:30 local on 25 October (the long day), 86,400 s later is 23:30 the same day: the old
    // arithmetic gave 2026-10-25 for "tomorrow".
    c.set(utc(2026, 10, 24, 22, 30));
    EXPECT_EQ(c.today_iso(), "2026-10-25");
    const std::time_t t = std::chrono::system_clock::to_time_t(c.now()) + 86400;
    std::tm tm{};
    localtime_r(&t, &tm);
    EXPECT_EQ(tm.tm_mday, 25) << "the seconds way stays on the same date";
    EXPECT_EQ(c.date_in_days(1), "2026-10-26");
    EXPECT_EQ(c.date_in_days(365), "2027-10-25");
    EXPECT_EQ(c.date_in_days(-25), "2026-09-30");
  });
}

}  // namespace
}  // namespace blankett::server
