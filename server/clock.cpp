// The clock's calendar: UTC formatting, the local date, calendar-day arithmetic.
#include "clock.h"

#include <ctime>

namespace blankett::server {

std::string format_utc(clock::time_point t) {
  const std::time_t s = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

clock::time_point parse_utc(std::string_view text) {
  std::tm tm{};
  const std::string s(text);
  const char* end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (!end || *end != '\0') return clock::time_point{};
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

civil_date local_date(clock::time_point t) {
  const std::time_t s = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&s, &tm);
  return civil_date{tm.tm_year + 1900, static_cast<uint8_t>(tm.tm_mon + 1), static_cast<uint8_t>(tm.tm_mday)};
}

std::optional<std::string> local_minutes(std::string_view utc) {
  if (utc.size() != 20 || utc[10] != 'T' || utc.back() != 'Z') return std::nullopt;
  const clock::time_point t = parse_utc(utc);
  if (t == clock::time_point{}) return std::nullopt;
  const std::time_t s = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

clock::time_point local_moment(civil_date d, int minutes) {
  std::tm tm{};
  tm.tm_year = d.year - 1900;
  tm.tm_mon = d.month - 1;
  tm.tm_mday = d.day;
  tm.tm_hour = minutes / 60;
  tm.tm_min = minutes % 60;
  tm.tm_isdst = -1;  // the zone's rules decide
  return std::chrono::system_clock::from_time_t(std::mktime(&tm));
}

std::string clock::now_iso() const { return format_utc(now()); }
civil_date clock::today() const { return local_date(now()); }
std::string clock::today_iso() const { return format_date(today()); }

std::string clock::date_in_days(int days) const {
  return format_date(civil_from_days(days_from_civil(today()) + days));
}

std::string clock::in_hours_iso(int hours) const { return format_utc(now() + std::chrono::hours(hours)); }

}  // namespace blankett::server
