// Tests of pattern.h: HTML pattern syntax, whole-value matching, errors, linear time.
#include "blankett/pattern.h"

#include <gtest/gtest.h>

#include <string>

namespace blankett {
namespace {

pattern compiled(std::string_view src) {
  pattern p;
  pattern::compile_error err;
  EXPECT_TRUE(pattern::compile(src, p, err)) << src << ": " << err.reason << " at " << err.position;
  return p;
}

pattern::compile_error error_of(std::string_view src) {
  pattern p;
  pattern::compile_error err;
  EXPECT_FALSE(pattern::compile(src, p, err)) << src;
  return err;
}

TEST(pattern, matches_the_whole_value_only) {
  const pattern p = compiled("[0-9]{3}");
  EXPECT_TRUE(p.matches("123"));
  EXPECT_FALSE(p.matches("1234"));
  EXPECT_FALSE(p.matches("a123"));
  EXPECT_FALSE(p.matches(""));
}

TEST(pattern, swedish_postal_code_and_phone) {
  const pattern postal = compiled(R"(\d{3} ?\d{2})");
  EXPECT_TRUE(postal.matches("722 14"));
  EXPECT_TRUE(postal.matches("72214"));
  EXPECT_FALSE(postal.matches("722-14"));
  const pattern phone = compiled(R"((\+46|0)7[02369]-?\d{7})");
  EXPECT_TRUE(phone.matches("070-1234567"));
  EXPECT_TRUE(phone.matches("+46701234567"));
  EXPECT_FALSE(phone.matches("071-1234567"));
}

TEST(pattern, classes_escapes_alternation_and_counts) {
  EXPECT_TRUE(compiled("[^0-9]+").matches("abc"));
  EXPECT_FALSE(compiled("[^0-9]+").matches("ab1"));
  EXPECT_TRUE(compiled(R"(\w+@\w+\.se)").matches("anna@region.se"));
  EXPECT_TRUE(compiled("(?:ja|nej)").matches("nej"));
  EXPECT_FALSE(compiled("ja|nej").matches("janej"));
  EXPECT_TRUE(compiled("a{2,}").matches("aaaa"));
  EXPECT_FALSE(compiled("a{2,}").matches("a"));
  EXPECT_TRUE(compiled("a{1,3}b?").matches("aaab"));
  EXPECT_FALSE(compiled("a{1,3}").matches("aaaa"));
  EXPECT_TRUE(compiled(R"([\d\s-]+)").matches("12 34-5"));
  EXPECT_TRUE(compiled(R"(\u00e5\x41)").matches("åA"));
  EXPECT_TRUE(compiled(R"(\.\*)").matches(".*"));
  EXPECT_TRUE(compiled(".").matches("ö"));  // one code point, two bytes
  EXPECT_FALSE(compiled(".").matches("\n"));
  EXPECT_TRUE(compiled("^ab$").matches("ab"));  // explicit anchors at the ends are accepted
  EXPECT_TRUE(compiled("").matches(""));
  EXPECT_TRUE(compiled("a*?").matches("aa"));   // lazy is the same for whole values
}

TEST(pattern, unicode_letters_are_single_characters) {
  EXPECT_TRUE(compiled("[åäö]{3}").matches("öäå"));
  EXPECT_TRUE(compiled("[a-zåäö]+").matches("smörgåsbord"));
  EXPECT_FALSE(compiled("[a-z]+").matches("smörgås"));
}

TEST(pattern, invalid_utf8_never_matches) { EXPECT_FALSE(compiled(".*").matches("\xff")); }

TEST(pattern, reports_unsupported_or_broken_patterns_with_position) {
  EXPECT_EQ(error_of("(ab").reason, "unbalanced parenthesis");
  EXPECT_EQ(error_of("ab)").position, 2u);
  EXPECT_EQ(error_of("*a").reason, "nothing to repeat");
  EXPECT_EQ(error_of(R"((a)\1)").reason, "back-references are not supported");
  EXPECT_EQ(error_of("(?=a)").reason, "look-around and named groups are not supported");
  EXPECT_EQ(error_of("[a-").reason, "']' to close the class");
  EXPECT_EQ(error_of("[z-a]").reason, "a range out of order");
  EXPECT_EQ(error_of("a{3,2}").reason, "{n,m} with m smaller than n");
  EXPECT_EQ(error_of("a{1001}").reason, "a repeat count over 1000");
  EXPECT_EQ(error_of(R"(\q)").reason, "an unknown escape");
  EXPECT_EQ(error_of(R"(\b)").reason, "word boundaries are not supported");
  EXPECT_EQ(error_of("a^b").reason, "anchors are only allowed at the ends");
  EXPECT_EQ(error_of("(a{1000}){1000}").reason, "pattern too large");
}

TEST(pattern, bounds_program_and_value_size) {
  EXPECT_EQ(error_of("a{1000}b{1000}c").reason, "pattern too large");
  const pattern any = compiled(".*");
  EXPECT_TRUE(any.matches(std::string(16384, 'x')));
  EXPECT_FALSE(any.matches(std::string(16385, 'x')));
}

TEST(pattern, nested_quantifiers_stay_linear) {
  // (a+)+b backtracks exponentially in a backtracking engine; a Pike VM does not care.
  const pattern p = compiled("(a+)+b");
  const std::string many(16000, 'a');
  EXPECT_FALSE(p.matches(many));
  EXPECT_TRUE(p.matches(many + "b"));
}

}  // namespace
}  // namespace blankett
