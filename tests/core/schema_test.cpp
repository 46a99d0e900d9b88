// Tests of schema.h: the tables are complete, consistent and found by name.
#include "blankett/schema.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace blankett {
namespace {

TEST(schema, has_the_21_item_types_of_the_format) {
  std::set<std::string> names;
  for (const auto& t : item_types()) names.emplace(t.name);
  EXPECT_EQ(names, (std::set<std::string>{"text", "textarea", "integer", "decimal", "date", "time", "month", "week",
                                          "datetime", "single_choice", "multiple_choice", "yes_no", "scale", "matrix",
                                          "url", "email", "phone", "personnummer", "display", "attachment", "group"}));
}

TEST(schema, every_type_has_id_type_title_and_answerable_ones_have_mandatory) {
  for (const auto& t : item_types()) {
    EXPECT_TRUE(applies(t.type, attribute::id)) << t.name;
    EXPECT_TRUE(applies(t.type, attribute::type)) << t.name;
    EXPECT_TRUE(applies(t.type, attribute::title)) << t.name;
    EXPECT_EQ(applies(t.type, attribute::mandatory), t.value != value_kind::none) << t.name;
    EXPECT_FALSE(t.summary.empty());
    for (const auto& a : attributes())
      if (required_for(t.type, a.attr)) {
        EXPECT_TRUE(applies(t.type, a.attr)) << t.name << " requires " << a.name;
      }
  }
}

TEST(schema, lookups_by_name) {
  item_type t{};
  ASSERT_TRUE(find_item_type("multiple_choice", t));
  EXPECT_EQ(t, item_type::multiple_choice);
  EXPECT_FALSE(find_item_type("checkbox", t));
  attribute a{};
  ASSERT_TRUE(find_attribute("max_length", a));
  EXPECT_EQ(a, attribute::max_length);
  rule r{};
  ASSERT_TRUE(find_rule("min_choices", r));
  EXPECT_EQ(rule_lookup(r).message_key, "validation.min_choices");
  EXPECT_FALSE(find_rule("colour", r));
}

TEST(schema, custom_messages_only_for_rules_a_designer_sets) {
  EXPECT_TRUE(rule_lookup(rule::mandatory).custom_message);
  EXPECT_TRUE(rule_lookup(rule::pattern).custom_message);
  EXPECT_FALSE(rule_lookup(rule::unknown_item).custom_message);
  EXPECT_FALSE(rule_lookup(rule::type).custom_message);
}

}  // namespace
}  // namespace blankett
