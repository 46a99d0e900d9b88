// Tests of pnr.h: written forms, century, Luhn, dates, samordningsnummer, interim numbers.
#include "blankett/pnr.h"

#include <gtest/gtest.h>

namespace blankett {
namespace {

constexpr civil_date kToday{2026, 11, 22};
const pnr_options kOpt{kToday, false};

TEST(pnr, accepts_every_written_form_of_the_same_number) {
  for (const char* s : {"640823-3234", "6408233234", "196408233234", "19640823-3234"}) {
    auto r = parse_pnr(s, kOpt);
    ASSERT_TRUE(r.ok()) << s;
    EXPECT_EQ(r->twelve(), "196408233234");
    EXPECT_EQ(r->ten(kToday), "640823-3234");
    EXPECT_EQ(r->long_separated(), "19640823-3234");
    EXPECT_EQ(r->kind, pnr_kind::personnummer);
    EXPECT_EQ(r->sex, pnr_sex::male);
    EXPECT_EQ(r->age_on(kToday), 62);
  }
}

TEST(pnr, rejects_other_separators_and_spaces) {
  for (const char* s : {"640823 3234", "640823_3234", "19640823 3234", " 6408233234", "6408233234 ", "64082-33234",
                        "", "640823-323", "1964082332345"})
    EXPECT_EQ(parse_pnr(s, kOpt).error(), error_code::pnr_format) << s;
}

TEST(pnr, rejects_a_wrong_check_digit) { EXPECT_EQ(parse_pnr("640823-3235", kOpt).error(), error_code::pnr_checksum); }

TEST(pnr, rejects_birth_number_000) {
  // 640823-0008 passes Luhn; birth number 000 is never issued.
  EXPECT_EQ(parse_pnr("640823-0008", kOpt).error(), error_code::pnr_birth_number);
}

TEST(pnr, needs_a_real_calendar_date) {
  EXPECT_EQ(parse_pnr("19640230-3232", kOpt).error(), error_code::pnr_date);
  EXPECT_EQ(parse_pnr("19641323-3232", kOpt).error(), error_code::pnr_date);
  // 29 February counts in 2000 (list.json has 20000229-2399) but not in 1900.
  EXPECT_TRUE(parse_pnr("20000229-2399", kOpt).ok());
  EXPECT_EQ(parse_pnr("19000229-2399", kOpt).error(), error_code::pnr_date);
}

TEST(pnr, century_follows_separator_and_reference_date) {
  // '-': under 100 in the reference year; '+': 100 or more.
  // The same ten digits with '-' are someone born in 2009 (Luhn covers the ten digits only).
  EXPECT_EQ(parse_pnr("090527-1474", kOpt)->twelve(), "200905271474");
  auto plus = parse_pnr("090527+1474", kOpt);
  ASSERT_TRUE(plus.ok());
  EXPECT_EQ(plus->twelve(), "190905271474");
  EXPECT_EQ(plus->ten(kToday), "090527+1474");
  auto minus = parse_pnr("0002292399", kOpt);
  ASSERT_TRUE(minus.ok());
  EXPECT_EQ(minus->twelve(), "200002292399");
  // The separator changes at the start of the year the person turns 100.
  const civil_date new_year{2064, 1, 1};
  EXPECT_EQ(parse_pnr("19640823-3234", kOpt)->ten(new_year), "640823+3234");
  EXPECT_EQ(parse_pnr("19640823-3234", kOpt)->ten({2063, 12, 31}), "640823-3234");
  EXPECT_EQ(parse_pnr("640823+3234", {new_year, false})->twelve(), "196408233234");
}

TEST(pnr, twelve_digit_plus_needs_a_hundred_year_old) {
  EXPECT_TRUE(parse_pnr("19090527+1474", kOpt).ok());
  EXPECT_EQ(parse_pnr("19640823+3234", kOpt).error(), error_code::pnr_separator);
}

TEST(pnr, rejects_birth_dates_after_the_reference_date) {
  // 20261231: born after 2026-11-22.
  EXPECT_EQ(parse_pnr("20261231-0000", kOpt).error(), error_code::pnr_birth_number);  // 000 checked before Luhn
  EXPECT_EQ(parse_pnr("20261231-1239", kOpt).error(), error_code::pnr_future);
  EXPECT_EQ(parse_pnr("261231-1239", kOpt).error(), error_code::pnr_future);  // '-' in 2026 means 2026
  EXPECT_TRUE(parse_pnr("20261231-1239", {{2026, 12, 31}, false}).ok());
}

TEST(pnr, sex_from_the_ninth_digit) {
  EXPECT_EQ(parse_pnr("19460823-9986", kOpt)->sex, pnr_sex::female);
  EXPECT_EQ(parse_pnr("19570428-9999", kOpt)->sex, pnr_sex::male);
}

TEST(pnr, samordningsnummer_day_plus_60) {
  auto r = parse_pnr("19730288-9931", kOpt);  // day 28 + 60
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, pnr_kind::samordningsnummer);
  EXPECT_EQ(r->birth_day, 28);
  EXPECT_EQ(r->twelve(), "197302889931");
  EXPECT_EQ(r->ten(kToday), "730288-9931");
  EXPECT_EQ(parse_pnr("19420566-9899", kOpt).error(), error_code::pnr_checksum);  // list.json: invalid
}

TEST(pnr, samordningsnummer_with_unknown_month_or_day) {
  // Skatteverket's test data: month 00 (191500722390) and day 60 (191711602399).
  auto m0 = parse_pnr("191500722390", kOpt);
  ASSERT_TRUE(m0.ok());
  EXPECT_EQ(m0->kind, pnr_kind::samordningsnummer);
  EXPECT_EQ(m0->birth_month, 0);
  EXPECT_EQ(m0->birth_day, 12);
  EXPECT_FALSE(m0->birth_date_known());
  // Unknown parts count as the earliest possible date: the highest age the person can have.
  EXPECT_EQ(m0->age_on({2015, 1, 12}), 100);
  EXPECT_EQ(m0->age_on({2015, 1, 11}), 99);
  auto d0 = parse_pnr("191711602399", kOpt);
  ASSERT_TRUE(d0.ok());
  EXPECT_EQ(d0->birth_month, 11);
  EXPECT_EQ(d0->birth_day, 0);
  EXPECT_EQ(d0->age_on({2017, 11, 1}), 100);
  EXPECT_EQ(d0->age_on({2017, 10, 31}), 99);
  // Month and day are not checked against each other: Skatteverket has 30 February (193002902397).
  auto feb30 = parse_pnr("193002902397", kOpt);
  ASSERT_TRUE(feb30.ok());
  EXPECT_FALSE(feb30->birth_date_known());
  EXPECT_EQ(feb30->age_on({2026, 2, 28}), 96);  // counts from the month's last day
  EXPECT_EQ(feb30->age_on({2026, 2, 27}), 95);
  // A personnummer, though, needs a real date.
  EXPECT_EQ(parse_pnr("19300230-2397", kOpt).error(), error_code::pnr_date);
  // Day above 91 is no date at all.
  EXPECT_EQ(parse_pnr("19640892-3232", kOpt).error(), error_code::pnr_date);
}

TEST(pnr, interim_numbers_only_when_allowed) {
  EXPECT_EQ(parse_pnr("20000101-T220", kOpt).error(), error_code::pnr_interim);
  const pnr_options allow{kToday, true};
  auto r = parse_pnr("20000101-T220", allow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, pnr_kind::interim);
  EXPECT_EQ(r->twelve(), "20000101T220");
  EXPECT_EQ(r->sex, pnr_sex::female);
  EXPECT_EQ(parse_pnr("000101E221", allow).error(), error_code::pnr_interim);  // E is not an interim letter
  EXPECT_EQ(parse_pnr("000101T221", allow).error(), error_code::pnr_checksum);
  EXPECT_EQ(parse_pnr("000101t220", allow).error(), error_code::pnr_format);
}

TEST(pnr, error_names_are_stable) {
  EXPECT_EQ(error_name(error_code::pnr_checksum), "pnr.checksum");
  EXPECT_EQ(error_name(error_code::pnr_birth_number), "pnr.birth_number");
}

}  // namespace
}  // namespace blankett
