// Tests of the error-path JSON scanner: exact positions, and agreement with simdjson on every input.
#include "json/scanner.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "simdjson.h"
#include "test_util.h"

namespace blankett::json {
namespace {

struct where {
  diag_code code;
  uint32_t line, column;
};

where first_error(std::string_view text, uint32_t depth = 64) {
  const scan_error e = find_error(text, depth);
  EXPECT_TRUE(e.found) << text;
  where w{e.code, 0, 0};
  line_column(text, e.offset, w.line, w.column);
  return w;
}

#define EXPECT_ERROR_AT(text, want_code, want_line, want_column) \
  do {                                                             \
    const where w_ = first_error(text);                            \
    EXPECT_EQ(w_.code, want_code) << text;                         \
    EXPECT_EQ(w_.line, want_line) << text;                         \
    EXPECT_EQ(w_.column, want_column) << text;                     \
  } while (0)

TEST(json_scanner, valid_documents_have_no_error) {
  for (const char* s : {"{}", "[]", "0", "-0.5e+10", "\"a\\u00e5\\ud83d\\ude00\"", "{\"a\":[1,{\"b\":null}],\"c\":true}",
                        " \n\t[ ] ", "\xEF\xBB\xBF{}"})
    EXPECT_FALSE(find_error(s, 64).found) << s;
}

TEST(json_scanner, syntax_errors_are_located) {
  EXPECT_ERROR_AT("{\"a\": 1,}", diag_code::json_syntax, 1u, 9u);
  EXPECT_ERROR_AT("[1, 2 3]", diag_code::json_syntax, 1u, 7u);
  EXPECT_ERROR_AT("{\n  \"a\": 1\n  \"b\": 2\n}", diag_code::json_syntax, 3u, 3u);
  EXPECT_ERROR_AT("{\"a\" 1}", diag_code::json_syntax, 1u, 6u);
  EXPECT_ERROR_AT("[01]", diag_code::json_syntax, 1u, 3u);
  EXPECT_ERROR_AT("[tru]", diag_code::json_syntax, 1u, 2u);
  EXPECT_ERROR_AT("{} x", diag_code::json_syntax, 1u, 4u);
  EXPECT_ERROR_AT("[\"a\\x\"]", diag_code::json_syntax, 1u, 4u);
  EXPECT_ERROR_AT("[\"tab\there\"]", diag_code::json_syntax, 1u, 6u);
  EXPECT_ERROR_AT("{'a': 1}", diag_code::json_syntax, 1u, 2u);
  EXPECT_ERROR_AT("[\"åäö\", x]", diag_code::json_syntax, 1u, 9u);  // columns count characters
}

TEST(json_scanner, truncation_utf8_and_depth) {
  EXPECT_ERROR_AT("{\"a\": [1, 2", diag_code::json_unexpected_end, 1u, 12u);
  EXPECT_ERROR_AT("\"abc", diag_code::json_unexpected_end, 1u, 5u);
  EXPECT_ERROR_AT("", diag_code::json_unexpected_end, 1u, 1u);
  EXPECT_ERROR_AT("[\"a\xff\"]", diag_code::json_invalid_utf8, 1u, 4u);
  EXPECT_ERROR_AT("[\"\xc3\"]", diag_code::json_invalid_utf8, 1u, 3u);
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const scan_error e = find_error(deep, 64);
  EXPECT_EQ(e.code, diag_code::json_too_deep);
  EXPECT_EQ(e.offset, 64u);  // the 65th '['
  EXPECT_FALSE(find_error(std::string(64, '[') + std::string(64, ']'), 64).found);
}

TEST(json_scanner, locates_pointers_to_values_and_keys) {
  const std::string text = "{\n  \"pages\": [\n    {\"id\": \"p1\", \"a~b\": 2, \"c/d\": [true]}\n  ]\n}";
  const std::vector<wanted> ptrs{{"/pages/0/id"}, {"/pages/0/a~0b"}, {"/pages/0/c~1d/0"}, {"/nope"}, {""}};
  const auto loc = locate(text, ptrs);
  uint32_t line = 0, col = 0;
  line_column(text, loc[0].value, line, col);
  EXPECT_EQ(line, 3u);
  EXPECT_EQ(col, 12u);
  line_column(text, loc[0].key, line, col);
  EXPECT_EQ(col, 6u);
  line_column(text, loc[1].value, line, col);
  EXPECT_EQ(col, 25u);
  line_column(text, loc[2].value, line, col);
  EXPECT_EQ(col, 36u);
  EXPECT_EQ(loc[3].value, std::string_view::npos);
  EXPECT_EQ(loc[4].value, 0u);
}

TEST(json_scanner, locates_the_second_occurrence_of_a_repeated_key) {
  const std::string text = R"({"a": 1, "b": 2, "a": 3})";
  const auto loc = locate(text, {{"/a", 0}, {"/a", 1}, {"/a", 2}});
  EXPECT_EQ(loc[0].key, 1u);
  EXPECT_EQ(loc[1].key, 17u);
  EXPECT_EQ(loc[1].value, 22u);
  EXPECT_EQ(loc[2].key, std::string_view::npos);
}

// The scanner exists to explain simdjson's verdicts: they must agree on every input. Mutate real
// documents (delete, duplicate or replace one byte, truncate) and compare.
TEST(json_scanner, agrees_with_simdjson_on_mutated_samples) {
  std::mt19937 rng(7);
  simdjson::dom::parser parser;
  ASSERT_EQ(parser.allocate(1 << 20, 64), simdjson::SUCCESS);
  size_t disagreements = 0, invalid = 0, total = 0;
  for (const char* sample : {"samples/phq-9/form.json", "samples/audit/form.json"}) {
    const std::string base = testing::read_file(testing::source_path(sample));
    ASSERT_FALSE(base.empty());
    constexpr std::string_view kBytes = "{}[],:\"\\ 0-e.tnx\xc3\xff";
    for (int i = 0; i < 3000; ++i) {
      std::string s = base;
      const size_t at = rng() % s.size();
      switch (rng() % 4) {
        case 0: s.erase(at, 1); break;
        case 1: s.insert(at, 1, s[at]); break;
        case 2: s[at] = kBytes[rng() % kBytes.size()]; break;
        case 3: s.resize(at); break;
      }
      const bool simd_ok = parser.parse(s).error() == simdjson::SUCCESS;
      const bool scan_ok = !find_error(s, 64).found;
      ++total;
      invalid += !simd_ok;
      if (simd_ok != scan_ok) {
        ++disagreements;
        ADD_FAILURE() << "simdjson " << simd_ok << " scanner " << scan_ok << " on mutation " << i << " of " << sample;
        if (disagreements > 5) return;
      }
    }
  }
  EXPECT_GT(invalid, total / 3);  // the mutations really do break documents
}

}  // namespace
}  // namespace blankett::json
