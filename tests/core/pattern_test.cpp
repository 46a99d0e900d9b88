// Tests of pattern.h: HTML pattern syntax, whole-value matching, errors, and the limits that bound work.
#include "blankett/pattern.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "text/utf8.h"

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
  EXPECT_EQ(error_of("(a{1000}){1000}").kind, pattern::refusal::program_size);
  EXPECT_EQ(error_of("(ab").kind, pattern::refusal::syntax);
}

TEST(pattern, a_quantifier_cannot_be_repeated) {
  // As in JavaScript (/a**/ is a SyntaxError); a lazy '?' after a quantifier is still accepted.
  EXPECT_EQ(error_of("a**").reason, "nothing to repeat");
  EXPECT_EQ(error_of("a**").position, 2u);
  EXPECT_EQ(error_of("a{2}{3}").reason, "nothing to repeat");
  EXPECT_EQ(error_of("a+?*").reason, "nothing to repeat");
  EXPECT_EQ(error_of("a???").reason, "nothing to repeat");
  EXPECT_TRUE(compiled("a??").matches(""));
  EXPECT_TRUE(compiled("(?:a{2})*").matches("aaaa"));
}

std::string nested(size_t depth, std::string_view open, std::string_view inner, std::string_view close) {
  std::string s;
  for (size_t k = 0; k < depth; ++k) s += open;
  s += inner;
  for (size_t k = 0; k < depth; ++k) s += close;
  return s;
}

TEST(pattern, refuses_deep_nesting_without_crashing) {
  // 60 KB: without a limit the recursive descent overflows the stack.
  const std::string deep = nested(30000, "(", "a", ")");
  const auto err = error_of(deep);
  EXPECT_EQ(err.kind, pattern::refusal::nesting);
  EXPECT_EQ(err.reason, "groups nested too deeply");
  EXPECT_EQ(err.position, pattern::max_nesting);  // the first '(' one level too deep
  EXPECT_EQ(error_of(nested(pattern::max_nesting + 1, "(?:", "a", ")")).kind, pattern::refusal::nesting);
  // Depth counts open groups, not groups in all: a long sequence of shallow groups is fine.
  std::string wide;
  for (int k = 0; k < 1000; ++k) wide += "(a)";
  EXPECT_TRUE(compiled(wide).matches(std::string(1000, 'a')));
}

TEST(pattern, compiles_and_matches_at_the_depth_limit) {
  const pattern plain = compiled(nested(pattern::max_nesting, "(", "a", ")"));
  EXPECT_TRUE(plain.matches("a"));
  EXPECT_FALSE(plain.matches("aa"));
  const pattern quantified = compiled(nested(pattern::max_nesting, "(?:", "a|bc", ")*"));
  EXPECT_TRUE(quantified.matches("abca"));
  EXPECT_TRUE(quantified.matches("bc"));
  EXPECT_TRUE(quantified.matches(""));
  EXPECT_FALSE(quantified.matches("b"));
  // x+ is x followed by x*: the code doubles with every level, so 100 levels of + are too large.
  EXPECT_EQ(error_of(nested(pattern::max_nesting, "(?:", "a", ")+")).kind, pattern::refusal::program_size);
  const pattern alternatives = compiled(nested(pattern::max_nesting, "(x|", "y", ")"));
  EXPECT_TRUE(alternatives.matches("x"));
  EXPECT_TRUE(alternatives.matches("y"));
  EXPECT_FALSE(alternatives.matches("xy"));
}

TEST(pattern, empty_repeats_cost_nothing_to_compile) {
  // Each level repeats the one inside 1000 times; emitting the empty code 1000^5 times would stall.
  const pattern p = compiled(nested(5, "(", "", "){1000}"));
  EXPECT_TRUE(p.matches(""));
  EXPECT_FALSE(p.matches("a"));
  EXPECT_EQ(p.program().size(), 1u);  // just the match
  EXPECT_TRUE(compiled("a{0}b").matches("b"));
  EXPECT_TRUE(compiled("(?:){0,3}a").matches("a"));
}

// A class of the given single code points, written as the characters themselves.
std::string class_of(const std::vector<uint32_t>& cps, bool negated = false) {
  std::string s = negated ? "[^" : "[";
  for (uint32_t cp : cps) utf8::append(s, cp);
  return s + "]";
}
// n code points from `from`, every other one, so that no two merge into one range.
std::vector<uint32_t> every_other(uint32_t from, size_t n) {
  std::vector<uint32_t> out;
  for (size_t k = 0; k < n; ++k) out.push_back(from + 2 * static_cast<uint32_t>(k));
  return out;
}

TEST(pattern, refuses_too_many_class_ranges) {
  EXPECT_TRUE(compiled(class_of(every_other(0x4E00, pattern::max_class_ranges))).matches("\u4E00"));
  const auto one = error_of("ab" + class_of(every_other(0x4E00, pattern::max_class_ranges + 1)));
  EXPECT_EQ(one.kind, pattern::refusal::class_ranges);
  EXPECT_EQ(one.reason, "too many class ranges");
  EXPECT_EQ(one.position, 2u);  // the '[' of the class that goes over
  // The budget is for all classes together.
  const std::string first = class_of(every_other(0x4E00, 600));
  const auto two = error_of(first + "x" + class_of(every_other(0x4E00, 600)));
  EXPECT_EQ(two.kind, pattern::refusal::class_ranges);
  EXPECT_EQ(two.position, first.size() + 1);
  // Overlapping and adjacent ranges merge before they are counted.
  std::string merged = "[";
  for (int k = 0; k < 5000; ++k) merged += "a-z";
  EXPECT_TRUE(compiled(merged + "0-9]+").matches("abc123"));
  // \d \w \s store their ranges once, however often they are used.
  std::string digits, value;
  for (int k = 0; k < 1500; ++k) {
    digits += k % 2 ? "\\d" : "\\D";
    value += k % 2 ? "1" : "x";
  }
  EXPECT_TRUE(compiled(digits).matches(value));
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

TEST(pattern, classes_with_many_ranges_match_like_a_linear_scan) {
  // Random classes of up to 1,000 overlapping ranges against a scan of the ranges as written.
  std::mt19937 rng(20261204);
  auto below = [&](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  auto code_point = [&](uint32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF ? cp + 0x800 : cp; };
  for (int trial = 0; trial < 200; ++trial) {
    const bool negated = below(2) == 1;
    const uint32_t span = below(2) ? 0x3000 : 0x110000;  // dense in a small span, or sparse in all of Unicode
    std::vector<pattern::range> written(1 + below(trial % 2 ? 1000 : 20));
    std::string src = negated ? "[^" : "[";
    for (auto& r : written) {
      const uint32_t lo = code_point(below(span)), hi = code_point(std::min(lo + below(64), 0x10FFFFu));
      r = {lo, std::max(lo, hi)};
      for (uint32_t cp : {r.lo, r.hi}) {
        if (cp < 0x10000) {  // \uXXXX for the BMP, which also keeps ] \ - ^ out of the way
          char hex[8];
          std::snprintf(hex, sizeof hex, "\\u%04X", cp);
          src += hex;
        } else {
          utf8::append(src, cp);
        }
        if (cp == r.lo && r.hi != r.lo) src += '-';
        if (r.hi == r.lo) break;
      }
    }
    src += "]";
    const pattern one = compiled(src);
    const pattern many = compiled(src + "+");
    ASSERT_LE(one.ranges().size(), pattern::max_class_ranges);
    auto reference = [&](uint32_t cp) {
      bool inside = false;
      for (const auto& r : written) inside = inside || (cp >= r.lo && cp <= r.hi);
      return inside != negated;
    };
    std::string run;
    bool run_inside = true;
    for (int k = 0; k < 200; ++k) {
      // Near the ends of a written range half of the time, anywhere otherwise.
      const auto& r = written[below(static_cast<uint32_t>(written.size()))];
      uint32_t cp = below(2) ? (below(2) ? r.lo : r.hi) + below(3) - 1 : below(span);
      cp = code_point(std::min(cp, 0x10FFFFu));
      std::string value;
      utf8::append(value, cp);
      ASSERT_EQ(one.matches(value), reference(cp)) << src << " U+" << std::hex << cp;
      run += value;
      run_inside = run_inside && reference(cp);
    }
    EXPECT_EQ(many.matches(run), run_inside) << src;
  }
}

TEST(pattern, the_super_linear_example_is_refused) {
  // (?:[^...]*){600} over 21,000 CJK characters, every other one from U+3000 (~64 KB): 600 threads
  // scanning 21,000 ranges per character of a 16 KB value was minutes of work.
  const std::string src = "(?:" + class_of(every_other(0x3000, 21000), true) + "*){600}";
  ASSERT_GT(src.size(), 60000u);
  const auto err = error_of(src);
  EXPECT_EQ(err.kind, pattern::refusal::class_ranges);
  EXPECT_EQ(err.position, 3u);
  // The same shape within the range budget is over the work budget: 600 x (split 2 + class 1 + 10
  // probes + jmp 1) + match 2 = 8,402 units per character.
  const auto work = error_of("(?:" + class_of(every_other(0x4E00, 1000), true) + "*){600}");
  EXPECT_EQ(work.kind, pattern::refusal::work);
  EXPECT_EQ(work.reason, "too much matching work");
}

TEST(pattern, counts_the_work_it_bounds) {
  // a*: split, chr, jmp, match = 2 + 2 + 1 + 2 units per character. On "aaa": 3 steps to start
  // (the split, the chr, the match), 6 per character (test chr, its jmp, the split, the chr and the
  // match it reaches, test the match), 2 to find the match at the end.
  const pattern p = compiled("a*");
  EXPECT_EQ(p.work(), 7u);
  uint64_t steps = 0;
  EXPECT_TRUE(p.matches("aaa", steps));
  EXPECT_EQ(steps, 3u + 3 * 6 + 2);
  EXPECT_LE(steps, p.work() * (3 + 1));
  steps = 0;
  EXPECT_FALSE(p.matches("ab", steps));
  EXPECT_EQ(steps, 3u + 6 + 2);  // 'b' fails the chr and the match: no thread left
}

TEST(pattern, the_worst_accepted_pattern_on_a_16_kb_value) {
  // N loops over a class of 511 ranges (binary search: exactly 9 probes for any character), every
  // thread alive on every character: 13 units per loop and 2 for the match, as many loops as the
  // work budget allows.
  std::vector<uint32_t> cps = every_other(0x100, 510);
  cps.push_back('a');
  const uint64_t n = (pattern::max_work - 2) / 13;
  const pattern p = compiled("(?:" + class_of(cps) + "*){" + std::to_string(n) + "}");
  EXPECT_EQ(p.work(), 13 * n + 2);
  EXPECT_LE(p.program().size(), pattern::max_program);
  const std::string value(pattern::max_value, 'a');
  uint64_t steps = 0;
  EXPECT_TRUE(p.matches(value, steps));
  // To start: 1 + 2 per split. Per character: 9 probes per class; from the first class's success its
  // jmp, its split and 2 per split down the chain; 2 for each other class's jmp and split; the match
  // tested. At the end: the classes and the match scanned.
  const uint64_t l = value.size();
  EXPECT_EQ(steps, (2 * n + 1) + l * (9 * n + (2 * n + 2) + 2 * (n - 1) + 1) + (n + 1));
  EXPECT_EQ(steps, 66896816u);
  EXPECT_LE(steps, uint64_t{p.work()} * (l + 1));
  EXPECT_LE(steps, uint64_t{pattern::max_work} * (pattern::max_value + 1));
}

}  // namespace
}  // namespace blankett
