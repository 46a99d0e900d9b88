// Calendar arithmetic and the strict parsers of HTML's date and time input formats.
#include "blankett/dates.h"

#include <cstdio>

namespace blankett {

bool is_leap_year(int32_t y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int32_t y, int m) noexcept {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

bool is_valid_date(int32_t y, int m, int d) noexcept {
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int64_t days_from_civil(civil_date d) noexcept {
  const int64_t y = static_cast<int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (d.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

civil_date civil_from_days(int64_t z) noexcept {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return civil_date{static_cast<int32_t>(y), static_cast<uint8_t>(m), static_cast<uint8_t>(d)};
}

int age_on(civil_date born, civil_date on) noexcept {
  int age = on.year - born.year;
  if (on.month < born.month || (on.month == born.month && on.day < born.day)) --age;
  return age;
}

int iso_weeks_in_year(int32_t y) noexcept {
  // A year has 53 ISO weeks when 1 January is a Thursday, or a Wednesday in a leap year.
  const int64_t jan1 = days_from_civil({y, 1, 1});
  const int weekday = static_cast<int>(((jan1 % 7) + 7 + 3) % 7);  // 0 = Monday; 1970-01-01 was Thursday
  return weekday == 3 || (weekday == 2 && is_leap_year(y)) ? 53 : 52;
}

namespace {

// Reads exactly n ASCII digits at s[pos..); false if any is not a digit.
bool digits(std::string_view s, size_t pos, size_t n, int& out) noexcept {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

result<civil_date> date_at(std::string_view s, size_t pos) noexcept {
  int y = 0, m = 0, d = 0;
  if (!digits(s, pos, 4, y) || s[pos + 4] != '-' || !digits(s, pos + 5, 2, m) || s[pos + 7] != '-' ||
      !digits(s, pos + 8, 2, d))
    return error_code::date_format;
  if (!is_valid_date(y, m, d)) return error_code::date_range;
  return civil_date{y, static_cast<uint8_t>(m), static_cast<uint8_t>(d)};
}

// HH:MM or HH:MM:SS at s[pos..] to the end of s.
result<int64_t> time_at(std::string_view s, size_t pos) noexcept {
  const size_t n = s.size() - pos;
  int h = 0, mi = 0, sec = 0;
  if (n != 5 && n != 8) return error_code::date_format;
  if (!digits(s, pos, 2, h) || s[pos + 2] != ':' || !digits(s, pos + 3, 2, mi)) return error_code::date_format;
  if (n == 8 && (s[pos + 5] != ':' || !digits(s, pos + 6, 2, sec))) return error_code::date_format;
  if (h > 23 || mi > 59 || sec > 59) return error_code::date_range;
  return int64_t{h * 3600 + mi * 60 + sec};
}

}  // namespace

result<civil_date> parse_civil_date(std::string_view s) noexcept {
  if (s.size() != 10) return error_code::date_format;
  return date_at(s, 0);
}

result<int64_t> parse_date(std::string_view s) noexcept {
  auto d = parse_civil_date(s);
  if (!d) return d.error();
  return days_from_civil(*d);
}

result<int64_t> parse_time(std::string_view s) noexcept { return time_at(s, 0); }

result<int64_t> parse_month(std::string_view s) noexcept {
  int y = 0, m = 0;
  if (s.size() != 7 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, m)) return error_code::date_format;
  if (m < 1 || m > 12) return error_code::date_range;
  return int64_t{y} * 12 + (m - 1);
}

result<int64_t> parse_week(std::string_view s) noexcept {
  int y = 0, w = 0;
  if (s.size() != 8 || !digits(s, 0, 4, y) || s[4] != '-' || s[5] != 'W' || !digits(s, 6, 2, w))
    return error_code::date_format;
  if (w < 1 || w > iso_weeks_in_year(y)) return error_code::date_range;
  return int64_t{y} * 64 + w;
}

result<int64_t> parse_datetime(std::string_view s) noexcept {
  if (s.size() != 16 && s.size() != 19) return error_code::date_format;
  if (s[10] != 'T') return error_code::date_format;
  auto d = date_at(s, 0);
  if (!d) return d.error();
  auto t = time_at(s, 11);
  if (!t) return t.error();
  return days_from_civil(*d) * 86400 + *t;
}

std::string format_date(civil_date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year), static_cast<unsigned>(d.month),
                static_cast<unsigned>(d.day));
  return buf;
}

}  // namespace blankett
