// Tests of json_writer.h: escaping, layout, and numbers that round-trip.
#include "blankett/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>

namespace blankett {
namespace {

TEST(json_writer, compact_and_pretty_layout) {
  std::string compact, pretty;
  for (auto* s : {&compact, &pretty}) {
    json_writer w(*s, s == &pretty);
    w.begin_object().key("a").value(1).key("b").begin_array().value("x").value(true).null().end_array();
    w.key("c").begin_object().end_object().key("d").begin_array().end_array().end_object();
  }
  EXPECT_EQ(compact, R"({"a":1,"b":["x",true,null],"c":{},"d":[]})");
  EXPECT_EQ(pretty, "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    true,\n    null\n  ],\n  \"c\": {},\n  \"d\": []\n}");
}

TEST(json_writer, escapes_quotes_backslashes_and_control_characters) {
  std::string out;
  json_writer(out).value(std::string_view("a\"b\\c\n\t\x01 å", 11));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\u0001 å\"");
}

TEST(json_writer, numbers_print_short_and_read_back_exactly) {
  EXPECT_EQ(format_number(0.0), "0");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(27.0), "27");
  EXPECT_EQ(format_number(-3.0), "-3");
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(2.5), "2.5");
  EXPECT_EQ(format_number(1e300), "1e+300");
  EXPECT_EQ(format_number(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(format_number(NAN), "null");
  EXPECT_EQ(format_number(INFINITY), "null");
  std::mt19937_64 rng(42);
  for (int i = 0; i < 100000; ++i) {
    uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) continue;
    const std::string s = format_number(d);
    ASSERT_EQ(std::strtod(s.c_str(), nullptr), d) << s;
  }
}

}  // namespace
}  // namespace blankett
