// Swedish personnummer, samordningsnummer and (on request) interim numbers: parsing and formatting.
//
// Accepts every written form: YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDDNNNC, YYYYMMDD-NNNC and
// YYYYMMDD+NNNC; nothing else (no spaces, no other separators). The century of a 10-digit form follows
// from the separator and the caller's reference date: '-' (or none) means under 100 in the reference
// year, '+' means 100 or more (Skatteverket changes the separator at the start of the year a person
// turns 100). Numbers are stored and shown as 12 digits.
//
// Policies (docs/personnummer.md):
// - Samordningsnummer have day + 60. Month 00 means the month is unknown, day 60 (day 00 + 60) that
//   the day is unknown; both occur in Skatteverket's test data and are accepted. Month and day are
//   not checked against each other (the test data has 30 February and 31 April); ages then count
//   from the month's last day.
// - A birth date after the reference date is rejected.
// - A 12-digit form with '+' must belong to someone aged 100 or more in the reference year.
// - Interim numbers (a letter in place of the first birth-number digit, letters P T R S U W X J K L M
//   N; the letter counts as 1 in the check digit) are refused unless allow_interim is set.
//
// Never put a number in a log line or an error text: errors are codes only.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "blankett/dates.h"
#include "blankett/result.h"

namespace blankett {

enum class pnr_kind : uint8_t { personnummer, samordningsnummer, interim };
enum class pnr_sex : uint8_t { female, male };

struct pnr_options {
  civil_date today;            // the reference date (the core has no clock)
  bool allow_interim = false;  // accept interim numbers
};

struct pnr {
  std::array<char, 12> digits{};  // YYYYMMDDNNNC as written, day + 60 kept; interim letter at [8]
  pnr_kind kind = pnr_kind::personnummer;
  pnr_sex sex = pnr_sex::female;
  int32_t birth_year = 0;
  uint8_t birth_month = 0;  // 0: unknown (samordningsnummer only)
  uint8_t birth_day = 0;    // 0: unknown (samordningsnummer only)

  // "YYYYMMDDNNNC".
  std::string_view twelve() const noexcept { return {digits.data(), digits.size()}; }
  // "YYYYMMDD-NNNC".
  std::string long_separated() const;
  // "YYMMDD-NNNC", or with '+' from the year the person turns 100.
  std::string ten(civil_date today) const;
  // Completed years on `on`. An unknown month or day counts as the earliest possible one, so the age
  // is the highest the person can have.
  int age_on(civil_date on) const noexcept;
  // True when month and day are known and form a real date.
  bool birth_date_known() const noexcept {
    return birth_month != 0 && birth_day != 0 && is_valid_date(birth_year, birth_month, birth_day);
  }
};

std::string_view pnr_kind_name(pnr_kind k) noexcept;  // "personnummer", "samordningsnummer", "interim"

result<pnr> parse_pnr(std::string_view text, const pnr_options& options) noexcept;

}  // namespace blankett
