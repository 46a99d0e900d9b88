// pnr.h against the personnummer libraries' shared test data and Skatteverket's test numbers
// (tests/data/external/personnummer, see SOURCES.md there).
#include <gtest/gtest.h>

#include <string>

#include "blankett/pnr.h"
#include "simdjson.h"
#include "test_util.h"

namespace blankett {
namespace {

// Copies of the handles for range-for (value_unsafe() on a temporary result returns a dangling T&&).
simdjson::dom::array array_of(simdjson::dom::element e) { return e.get_array().value_unsafe(); }

using testing::read_file;
using testing::source_path;

// list.json and structured.json were generated on 2023-11-14 (the upstream commit): their
// separated forms ('-' or '+') are right on that date.
constexpr civil_date kListDate{2023, 11, 14};

simdjson::dom::element load(simdjson::dom::parser& parser, const std::string& name) {
  const std::string text = read_file(source_path("tests/data/external/personnummer/" + name));
  auto doc = parser.parse(text);  // the DOM copies what it needs; `text` may go
  EXPECT_EQ(doc.error(), simdjson::SUCCESS) << name;
  return doc.value_unsafe();
}

std::string str(simdjson::dom::element e, const char* key) { return std::string(e[key].get_string().value_unsafe()); }

TEST(pnr_external, list_json_every_case_and_format) {
  simdjson::dom::parser parser;
  auto list = load(parser, "personnummer-meta-list.json");
  size_t cases = 0;
  for (auto c : array_of(list)) {
    ++cases;
    const bool valid = c["valid"].get_bool().value_unsafe();
    const std::string type = str(c, "type");
    const bool male = c["isMale"].get_bool().value_unsafe();
    for (const char* fmt : {"long_format", "short_format", "separated_format", "separated_long"}) {
      const std::string input = str(c, fmt);
      auto r = parse_pnr(input, {kListDate, false});
      ASSERT_EQ(r.ok(), valid) << fmt << " of case " << cases;
      if (!valid) continue;
      EXPECT_EQ(r->kind, type == "ssn" ? pnr_kind::personnummer : pnr_kind::samordningsnummer);
      EXPECT_EQ(r->sex == pnr_sex::male, male);
      // A 10-digit form without a separator cannot say '+': the libraries' suites skip it here too.
      if (std::string_view(fmt) == "short_format") continue;
      EXPECT_EQ(r->twelve(), str(c, "long_format")) << fmt << " of case " << cases;
      EXPECT_EQ(r->ten(kListDate), str(c, "separated_format")) << fmt << " of case " << cases;
      EXPECT_EQ(r->long_separated().substr(0, 8) + r->long_separated().substr(9),
                std::string(str(c, "separated_long")).erase(8, 1));
    }
  }
  EXPECT_EQ(cases, 14u);
}

TEST(pnr_external, structured_json_valid_and_invalid_lists) {
  simdjson::dom::parser parser;
  auto doc = load(parser, "personnummer-meta-structured.json");
  size_t checked = 0;
  for (const char* kind : {"ssn", "con"}) {
    for (const char* validity : {"valid", "invalid"}) {
      const bool want = std::string_view(validity) == "valid";
      for (auto v : array_of(doc[kind]["integer"][validity].value_unsafe())) {
        const std::string s = std::to_string(v.get_uint64().value_unsafe());
        EXPECT_EQ(parse_pnr(s, {kListDate, false}).ok(), want) << kind << " integer " << validity;
        ++checked;
      }
      for (auto v : array_of(doc[kind]["string"][validity].value_unsafe())) {
        const std::string s(v.get_string().value_unsafe());
        auto r = parse_pnr(s, {kListDate, false});
        EXPECT_EQ(r.ok(), want) << kind << " string " << validity;
        if (r.ok()) {
          EXPECT_EQ(r->kind, std::string_view(kind) == "ssn" ? pnr_kind::personnummer : pnr_kind::samordningsnummer);
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 70u);
}

// Interim numbers: the libraries accept them only with an option; so does Blankett
// (pnr_options::allow_interim). Without it every interim number is refused as pnr.interim.
TEST(pnr_external, interim_json_with_and_without_allow_interim) {
  simdjson::dom::parser parser;
  auto list = load(parser, "personnummer-meta-interim.json");
  size_t cases = 0;
  for (auto c : array_of(list)) {
    ++cases;
    const bool valid = c["valid"].get_bool().value_unsafe();
    for (const char* fmt : {"long_format", "short_format", "separated_format", "separated_long"}) {
      const std::string input = str(c, fmt);
      auto allowed = parse_pnr(input, {kListDate, true});
      ASSERT_EQ(allowed.ok(), valid) << input.size() << " chars, case " << cases;
      if (valid) {
        EXPECT_EQ(allowed->kind, pnr_kind::interim);
        EXPECT_EQ(allowed->sex == pnr_sex::male, c["isMale"].get_bool().value_unsafe());
        EXPECT_EQ(allowed->twelve(), str(c, "long_format"));
      }
      EXPECT_EQ(parse_pnr(input, {kListDate, false}).error(), error_code::pnr_interim);
    }
  }
  EXPECT_EQ(cases, 12u);
}

// Every Skatteverket test personnummer, in its 12-digit, 12-digit separated and 10-digit forms.
TEST(pnr_external, all_41129_skatteverket_test_personnummer) {
  simdjson::dom::parser parser;
  auto pins = load(parser, "personnummer-meta-allPins.json");
  const civil_date today{2026, 11, 22};
  size_t n = 0, failed = 0;
  for (auto v : array_of(pins)) {
    const std::string twelve(v.get_string().value_unsafe());
    ++n;
    auto r = parse_pnr(twelve, {today, false});
    if (!r.ok() || r->kind != pnr_kind::personnummer || r->twelve() != twelve) {
      ++failed;
      continue;
    }
    auto sep = parse_pnr(r->long_separated(), {today, false});
    auto ten = parse_pnr(r->ten(today), {today, false});
    if (!sep.ok() || !ten.ok() || ten->twelve() != twelve) ++failed;
  }
  EXPECT_EQ(n, 41129u);
  EXPECT_EQ(failed, 0u);
}

TEST(pnr_external, all_2264_skatteverket_test_samordningsnummer) {
  simdjson::dom::parser parser;
  auto coords = load(parser, "personnummer-meta-allCoords.json");
  const civil_date today{2026, 11, 22};
  size_t n = 0, failed = 0, month_unknown = 0, day_unknown = 0;
  for (auto v : array_of(coords)) {
    const std::string twelve(v.get_string().value_unsafe());
    ++n;
    auto r = parse_pnr(twelve, {today, false});
    if (!r.ok() || r->kind != pnr_kind::samordningsnummer) {
      ++failed;
      continue;
    }
    month_unknown += r->birth_month == 0;
    day_unknown += r->birth_day == 0;
    auto ten = parse_pnr(r->ten(today), {today, false});
    if (!ten.ok() || ten->twelve() != twelve) ++failed;
  }
  EXPECT_EQ(n, 2264u);
  EXPECT_EQ(failed, 0u);
  EXPECT_EQ(month_unknown, 132u);
  EXPECT_EQ(day_unknown, 41u);
}

}  // namespace
}  // namespace blankett
