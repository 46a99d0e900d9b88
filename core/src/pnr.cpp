// Personnummer, samordningsnummer and interim numbers: the written forms, century, Luhn, dates, sex.
#include "blankett/pnr.h"

#include <algorithm>

namespace blankett {
namespace {

constexpr std::string_view kInterimLetters = "PTRSUWXJKLMN";

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
int num(const char* p, int n) noexcept {
  int v = 0;
  for (int i = 0; i < n; ++i) v = v * 10 + (p[i] - '0');
  return v;
}

// Luhn with weights 2,1,2,1,... from the left over the 10-digit body; body[9] is the check digit.
bool luhn_ok(const char* body) noexcept {
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    int d = body[i] - '0';
    if (i % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - sum % 10) % 10 == body[9] - '0';
}

}  // namespace

std::string_view pnr_kind_name(pnr_kind k) noexcept {
  switch (k) {
    case pnr_kind::personnummer: return "personnummer";
    case pnr_kind::samordningsnummer: return "samordningsnummer";
    case pnr_kind::interim: return "interim";
  }
  return "";
}

result<pnr> parse_pnr(std::string_view s, const pnr_options& opt) noexcept {
  // Split into an optional century, YYMMDD, separator and NNNC.
  bool long_form = false;
  char sep = '\0';
  switch (s.size()) {
    case 10: break;
    case 11: sep = s[6]; break;
    case 12: long_form = true; break;
    case 13: long_form = true; sep = s[8]; break;
    default: return error_code::pnr_format;
  }
  if (sep != '\0' && sep != '-' && sep != '+') return error_code::pnr_format;

  const size_t date_at = long_form ? 2 : 0;           // start of YYMMDD
  const size_t tail_at = date_at + 6 + (sep ? 1 : 0);  // start of NNNC
  if (long_form && !(is_digit(s[0]) && is_digit(s[1]))) return error_code::pnr_format;
  for (size_t i = date_at; i < date_at + 6; ++i)
    if (!is_digit(s[i])) return error_code::pnr_format;
  char tail[4];
  bool interim = false;
  for (size_t i = 0; i < 4; ++i) {
    const char c = s[tail_at + i];
    if (is_digit(c)) {
      tail[i] = c;
    } else if (i == 0 && c >= 'A' && c <= 'Z') {
      interim = true;
      tail[i] = c;
    } else {
      return error_code::pnr_format;
    }
  }
  if (interim && (!opt.allow_interim || kInterimLetters.find(tail[0]) == std::string_view::npos))
    return error_code::pnr_interim;

  // Century.
  const int yy = num(s.data() + date_at, 2);
  int year = 0;
  if (long_form) {
    year = num(s.data(), 4);
    if (sep == '+' && opt.today.year - year < 100) return error_code::pnr_separator;
  } else {
    // The year ending in yy with (today.year - year) in [0, 99] for '-', [100, 199] for '+'.
    const int newest = opt.today.year - (sep == '+' ? 100 : 0);
    year = newest - (((newest - yy) % 100) + 100) % 100;
  }

  // Date; samordningsnummer have day + 60, month 00 and day 60 meaning unknown.
  const int month = num(s.data() + date_at + 2, 2);
  const int raw_day = num(s.data() + date_at + 4, 2);
  pnr out;
  if (raw_day >= 60) {
    if (interim) return error_code::pnr_date;
    const int day = raw_day - 60;
    // Month and day are not checked against each other: Skatteverket issues samordningsnummer for
    // 30 February and 31 April (24 of its 2,264 test numbers).
    if (month > 12 || day > 31) return error_code::pnr_date;
    out.kind = pnr_kind::samordningsnummer;
    out.birth_month = static_cast<uint8_t>(month);
    out.birth_day = static_cast<uint8_t>(day);
  } else {
    if (!is_valid_date(year, month, raw_day)) return error_code::pnr_date;
    out.kind = interim ? pnr_kind::interim : pnr_kind::personnummer;
    out.birth_month = static_cast<uint8_t>(month);
    out.birth_day = static_cast<uint8_t>(raw_day);
  }
  out.birth_year = year;

  if (!interim && tail[0] == '0' && tail[1] == '0' && tail[2] == '0') return error_code::pnr_birth_number;

  char body[10];
  for (int i = 0; i < 6; ++i) body[i] = s[date_at + static_cast<size_t>(i)];
  for (int i = 0; i < 4; ++i) body[6 + i] = tail[i];
  if (interim) body[6] = '1';  // the letter counts as 1 in the check digit
  if (!luhn_ok(body)) return error_code::pnr_checksum;

  // Not born after the reference date (compare only what is known).
  const civil_date& t = opt.today;
  if (year > t.year ||
      (year == t.year && out.birth_month != 0 &&
       (out.birth_month > t.month || (out.birth_month == t.month && out.birth_day > t.day))))
    return error_code::pnr_future;

  out.sex = (tail[2] - '0') % 2 == 1 ? pnr_sex::male : pnr_sex::female;
  const int century = year / 100;
  out.digits[0] = static_cast<char>('0' + century / 10);
  out.digits[1] = static_cast<char>('0' + century % 10);
  for (int i = 0; i < 6; ++i) out.digits[2 + static_cast<size_t>(i)] = s[date_at + static_cast<size_t>(i)];
  for (int i = 0; i < 4; ++i) out.digits[8 + static_cast<size_t>(i)] = tail[i];
  return out;
}

std::string pnr::long_separated() const {
  std::string r(twelve());
  r.insert(8, 1, '-');
  return r;
}

std::string pnr::ten(civil_date today) const {
  std::string r(twelve().substr(2));
  r.insert(6, 1, today.year - birth_year >= 100 ? '+' : '-');
  return r;
}

int pnr::age_on(civil_date on) const noexcept {
  const uint8_t month = birth_month == 0 ? uint8_t{1} : birth_month;
  const int last = days_in_month(birth_year, month);
  const uint8_t day = birth_day == 0 ? uint8_t{1} : static_cast<uint8_t>(std::min<int>(birth_day, last));
  const civil_date born{birth_year, month, day};
  return blankett::age_on(born, on);
}

}  // namespace blankett
