// Tests of messages.h: the table is sorted, complete and its placeholders are filled.
#include "blankett/messages.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace blankett {
namespace {

TEST(messages, table_is_sorted_and_unique_with_both_languages) {
  const auto rows = message_table();
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_FALSE(rows[i].sv.empty()) << rows[i].key;
    EXPECT_FALSE(rows[i].en.empty()) << rows[i].key;
    if (i > 0) {
      EXPECT_LT(rows[i - 1].key, rows[i].key);
    }
  }
}

TEST(messages, every_diagnostic_and_rule_has_a_text) {
  std::set<std::string_view> keys;
  for (const auto& r : message_table()) keys.insert(r.key);
  for (size_t c = 0; c < static_cast<size_t>(diag_code::count_); ++c)
    EXPECT_TRUE(keys.count(diag_name(static_cast<diag_code>(c)))) << diag_name(static_cast<diag_code>(c));
  for (const auto& r : rules()) EXPECT_TRUE(keys.count(r.message_key)) << r.message_key;
  // The errors of calculations, scores and star-profile axes (logic/evaluation.cpp).
  for (const char* key : {"calc.division_by_zero", "calc.invalid_input", "calc.missing_input", "profile.invalid_input",
                          "profile.missing_input", "profile.no_level", "score.missing_items", "score.not_scorable"})
    EXPECT_TRUE(keys.count(key)) << key;
  for (const auto& t : item_types()) {
    if (t.value == value_kind::none) continue;
    const bool has_format = t.type == item_type::date || t.type == item_type::time || t.type == item_type::month ||
                            t.type == item_type::week || t.type == item_type::datetime || t.type == item_type::email ||
                            t.type == item_type::url || t.type == item_type::phone || t.type == item_type::personnummer;
    if (has_format) {
      EXPECT_TRUE(keys.count("validation.format." + std::string(t.name))) << t.name;
    }
  }
}

TEST(messages, same_placeholders_in_both_languages) {
  auto placeholders = [](std::string_view s) {
    std::set<std::string> out;
    for (size_t i = s.find('{'); i != std::string_view::npos; i = s.find('{', i + 1))
      out.emplace(s.substr(i + 1, s.find('}', i) - i - 1));
    return out;
  };
  for (const auto& r : message_table()) {
    auto sv = placeholders(r.sv), en = placeholders(r.en);
    // Swedish may leave out an English-only detail (a reason in English), never add one.
    for (const auto& p : sv) EXPECT_TRUE(en.count(p)) << r.key << " {" << p << "}";
  }
}

TEST(messages, fills_parameters_and_refines_by_reason) {
  const std::vector<diag_param> params{{"key", "colour", false}};
  EXPECT_EQ(message_text("form.unknown_key", "en", params), "Unknown key \"colour\" is ignored.");
  EXPECT_EQ(message_text("form.unknown_key", "sv", params), "Okänd nyckel \"colour\" ignoreras.");
  EXPECT_EQ(message_text("form.unknown_key", "fi", params), "Okänd nyckel \"colour\" ignoreras.");  // falls back to sv
  const std::vector<diag_param> reason{{"reason", "max_below_min", false}};
  EXPECT_EQ(message_text("form.invalid_value", "en", reason), "max is below min.");
  const std::vector<diag_param> unknown_reason{{"reason", "no_such_reason", false}};
  EXPECT_EQ(message_text("form.invalid_value", "en", unknown_reason), "Invalid value.");
  EXPECT_EQ(message_text("no.such.key", "en", {}), "no.such.key");
}

}  // namespace
}  // namespace blankett
