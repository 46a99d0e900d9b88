// Tests of form.h's loader: every diagnostic at its pointer and line:column, limits, the model.
#include "blankett/form.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "blankett/messages.h"

#include "test_util.h"

namespace blankett {
namespace {

struct seen {
  std::string code, pointer;
  uint32_t line, column;
  bool operator==(const seen&) const = default;
};
std::ostream& operator<<(std::ostream& os, const seen& s) {
  return os << s.code << " " << s.pointer << " " << s.line << ":" << s.column;
}

std::vector<seen> diags_of(const form_load& r) {
  std::vector<seen> out;
  for (const auto& d : r.diagnostics) out.push_back({std::string(diag_name(d.code)), d.pointer, d.line, d.column});
  return out;
}

// A minimal valid form around the given items (JSON text of the items array's content).
std::string form_with(const std::string& items, const std::string& extra = "",
                      const std::string& languages = R"(["sv", "en"])") {
  return R"({"format": 1, "id": "t", "version": 1, "languages": )" + languages + R"(, "title": )" +
         (languages == R"(["sv"])" ? R"("T",)" : R"({"sv": "T", "en": "T"},)") + extra + R"( "pages": [{"id": "p1", "items": [)" + items + "]}]}";
}
const std::string kSwedish = R"(["sv"])";

std::string param(const diagnostic& d, std::string_view name) {
  for (const auto& p : d.params)
    if (p.name == name) return p.value;
  return "<none>";
}

TEST(form_parser, loads_every_sample) {
  for (const char* s : {"phq-9", "gad-7", "audit", "who-5"}) {
    const auto r = load_form(testing::read_file(testing::source_path(std::string("samples/") + s + "/form.json")));
    EXPECT_TRUE(r.ok()) << s;
    EXPECT_TRUE(r.diagnostics.empty()) << s << ": " << (r.diagnostics.empty() ? "" : diag_name(r.diagnostics[0].code));
  }
}

TEST(form_parser, three_mistakes_give_three_located_diagnostics) {
  const std::string text = R"({
  "format": 1,
  "id": "demo",
  "version": 1,
  "languages": ["sv", "en"],
  "title": {"sv": "Demo", "en": "Demo"},
  "pages": [
    {"id": "p1", "items": [
      {"id": "q1", "type": "sclae", "title": {"sv": "A", "en": "A"}},
      {"id": "q2", "type": "integer", "title": {"sv": "B", "en": "B"}, "min": "zero"},
      {"id": "q2", "type": "text", "title": {"sv": "C", "en": "C"}}
    ]}
  ]
})";
  const auto r = load_form(text);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(diags_of(r), (std::vector<seen>{
                             {"form.unknown_type", "/pages/0/items/0/type", 9, 28},
                             {"form.wrong_type", "/pages/0/items/1/min", 10, 79},
                             {"form.duplicate_id", "/pages/0/items/2/id", 11, 14},
                         }));
  EXPECT_EQ(param(r.diagnostics[0], "type"), "sclae");
  EXPECT_EQ(param(r.diagnostics[1], "expected"), "number");
  EXPECT_EQ(param(r.diagnostics[1], "got"), "string");
  EXPECT_EQ(r.diagnostics[2].related_pointer, "/pages/0/items/1/id");
  EXPECT_EQ(r.diagnostics[2].related_line, 10u);
  EXPECT_EQ(r.diagnostics[2].related_column, 14u);
}

TEST(form_parser, truncated_file_is_one_diagnostic) {
  const std::string full = testing::read_file(testing::source_path("samples/phq-9/form.json"));
  const auto r = load_form(std::string_view(full).substr(0, full.size() / 2));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(diag_name(r.diagnostics[0].code), "json.unexpected_end");
  EXPECT_GT(r.diagnostics[0].line, 1u);
}

TEST(form_parser, fifty_megabytes_is_one_diagnostic_without_parsing) {
  const std::string big(50u << 20, ' ');
  const auto r = load_form(big);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(diags_of(r)[0], (seen{"input.too_large", "", 1, 1}));
  EXPECT_EQ(param(r.diagnostics[0], "size"), "52428800");
  EXPECT_EQ(param(r.diagnostics[0], "limit"), "8388608");
}

TEST(form_parser, ten_thousand_deep_nesting_is_one_diagnostic) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  const auto r = load_form(deep);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(diags_of(r)[0], (seen{"json.too_deep", "", 1, 65}));
  // The same inside a real form, at the exact value.
  const auto in_form = load_form(form_with(R"({"id": "q1", "type": "text", "title": "x", "extra": )" +
                                           std::string(100, '[') + std::string(100, ']') + "}"));
  ASSERT_EQ(in_form.diagnostics.size(), 1u);
  EXPECT_EQ(diag_name(in_form.diagnostics[0].code), "json.too_deep");
}

TEST(form_parser, malformed_json_is_located) {
  const auto r = load_form("{\n  \"format\": 1,\n  \"id\": \"x\"\n  \"version\": 1\n}");
  EXPECT_EQ(diags_of(r), (std::vector<seen>{{"json.syntax", "", 4, 3}}));
  EXPECT_EQ(param(r.diagnostics[0], "expected"), "',' or '}'");
  // A real upstream file with a trailing comma (tests/data/external/fhir).
  const auto fhir = load_form(testing::read_file(
      testing::source_path("tests/data/external/fhir/researchkitonfhir-SkipLogicExample.INVALID-trailing-comma.json")));
  ASSERT_EQ(fhir.diagnostics.size(), 1u);
  EXPECT_EQ(diag_name(fhir.diagnostics[0].code), "json.syntax");
  EXPECT_EQ(fhir.diagnostics[0].line, 82u);
}

TEST(form_parser, format_must_be_1) {
  EXPECT_EQ(diags_of(load_form(R"({"format": 2, "id": "x"})")),
            (std::vector<seen>{{"form.unsupported_format", "/format", 1, 12}}));
  EXPECT_EQ(diags_of(load_form(R"({"id": "x"})")), (std::vector<seen>{{"form.unsupported_format", "", 1, 1}}));
  EXPECT_EQ(diags_of(load_form("[]")), (std::vector<seen>{{"form.wrong_type", "", 1, 1}}));
}

TEST(form_parser, missing_keys_and_translations) {
  const auto r = load_form(R"({"format": 1, "languages": ["sv", "en"], "title": {"sv": "T"}, "pages": []})");
  EXPECT_EQ(diags_of(r), (std::vector<seen>{
                             {"form.missing_key", "", 1, 1},
                             {"form.missing_key", "", 1, 1},
                             {"form.missing_translation", "/title", 1, 51},
                             {"form.invalid_value", "/pages", 1, 73},
                         }));
  EXPECT_EQ(param(r.diagnostics[0], "key"), "id");
  EXPECT_EQ(param(r.diagnostics[1], "key"), "version");
  EXPECT_EQ(param(r.diagnostics[2], "language"), "en");
  EXPECT_EQ(param(r.diagnostics[3], "reason"), "no_pages");
}

TEST(form_parser, plain_string_text_is_the_default_language) {
  const auto one = load_form(R"({"format": 1, "id": "t", "version": 1, "languages": ["sv"], "title": "Hej",
    "pages": [{"id": "p1", "items": [{"id": "q1", "type": "yes_no", "title": "Röker du?"}]}]})");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one.value->items[0].title.in("en", "sv"), "Röker du?");  // falls back to the default language
  const auto two = load_form(form_with(R"({"id": "q1", "type": "yes_no", "title": "Röker du?"})"));
  EXPECT_EQ(diags_of(two), (std::vector<seen>{{"form.missing_translation", "/pages/0/items/0/title", 1, 173}}));
}

TEST(form_parser, unknown_keys_and_languages_are_warnings) {
  const auto r = load_form(form_with(R"({"id": "q1", "type": "yes_no", "title": {"sv": "A", "en": "A", "de": "A"},
     "colour": "red", "max_length": 3})"));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(diag_name(r.diagnostics[0].code), "form.undeclared_language");
  EXPECT_EQ(diag_name(r.diagnostics[1].code), "form.unknown_key");
  EXPECT_EQ(r.diagnostics[1].line, 2u);
  EXPECT_EQ(r.diagnostics[1].column, 6u);  // at the key, not its value
  EXPECT_EQ(diag_name(r.diagnostics[2].code), "form.attribute_not_applicable");
  for (const auto& d : r.diagnostics) EXPECT_EQ(d.level, severity::warning);
}

TEST(form_parser, unknown_choice_set_reference) {
  const auto r = load_form(form_with(R"({"id": "q1", "type": "single_choice", "title": "A", "choices": "freq"})"));
  ASSERT_FALSE(r.ok());
  const auto d = diags_of(r);
  ASSERT_EQ(d.size(), 2u);  // "en" missing from the plain title, and the reference
  EXPECT_EQ(d[0].code, "form.missing_translation");
  EXPECT_EQ(d[1], (seen{"form.unknown_reference", "/pages/0/items/0/choices", 1, 196}));
}

TEST(form_parser, choice_sets_are_shared_and_checked) {
  const auto r = load_form(form_with(
      R"({"id": "q1", "type": "single_choice", "title": {"sv": "A", "en": "A"}, "choices": "yn"},
         {"id": "q2", "type": "multiple_choice", "title": {"sv": "B", "en": "B"}, "choices": "yn", "max_choices": 3})",
      R"( "choice_sets": [{"id": "yn", "choices": [{"value": "y", "label": {"sv": "Ja", "en": "Yes"}, "points": 1},
                                                 {"value": "y", "label": {"sv": "Nej", "en": "No"}}]}],)"));
  const auto d = diags_of(r);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].code, "form.invalid_value");
  EXPECT_EQ(d[0].pointer, "/choice_sets/0/choices/1/value");
  EXPECT_EQ(param(r.diagnostics[0], "reason"), "duplicate_choice_value");
  EXPECT_EQ(d[1].pointer, "/pages/0/items/1/max_choices");
  EXPECT_EQ(param(r.diagnostics[1], "reason"), "max_choices_above_choices");
}

TEST(form_parser, attribute_checks) {
  const auto r = load_form(form_with(R"(
    {"id": "a", "type": "integer", "title": "x", "min": 5, "max": 1, "step": 0.5},
    {"id": "b", "type": "text", "title": "x", "min_length": 4, "max_length": 2, "pattern": "(ab"},
    {"id": "c", "type": "date", "title": "x", "min": "2026-02-30"},
    {"id": "d", "type": "scale", "title": "x", "min": 0, "max": 10, "step": 3, "widget": "radio"},
    {"id": "e", "type": "attachment", "title": "x", "media_types": ["image/gif"], "max_size": 0},
    {"id": "f", "type": "matrix", "title": "x", "rows": [{"id": "r", "title": "r"}, {"id": "r", "title": "s"}],
     "columns": [{"value": "1", "label": "1"}], "cell": "slider"},
    {"id": "9bad", "type": "group", "items": []}
  )", "", kSwedish));
  std::vector<std::string> got;
  for (const auto& d : r.diagnostics) got.push_back(d.pointer + " " + std::string(diag_name(d.code)) + " " + param(d, "reason"));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "/pages/0/items/0/max form.invalid_value max_below_min",
                     "/pages/0/items/0/step form.invalid_value integer_step",
                     "/pages/0/items/1/max_length form.invalid_value max_length_below_min_length",
                     "/pages/0/items/1/pattern form.pattern_syntax unbalanced parenthesis",
                     "/pages/0/items/2/min form.invalid_value bad_bound",
                     "/pages/0/items/3/step form.invalid_value scale_steps",
                     "/pages/0/items/3/widget form.invalid_value widget",
                     "/pages/0/items/4/media_types/0 form.invalid_value media_type",
                     "/pages/0/items/4/max_size form.invalid_value zero",
                     "/pages/0/items/5/rows/1/id form.duplicate_id <none>",
                     "/pages/0/items/5/cell form.invalid_value cell",
                     "/pages/0/items/6/id form.invalid_id <none>",
                     "/pages/0/items/6/items form.invalid_value empty_group",
                 }));
}

TEST(form_parser, patterns_over_the_engines_limits_are_located) {
  // A 60 KB pattern 30,000 groups deep once overflowed the stack; each limit is its own reason.
  std::string deep;
  for (int k = 0; k < 30000; ++k) deep += '(';
  deep += 'a';
  for (int k = 0; k < 30000; ++k) deep += ')';
  auto ranges = [](int n) {  // a class of n code points, every other one from U+1000, as \\uXXXX in JSON
    std::string c = "[";
    for (int k = 0; k < n; ++k) {
      char u[12];
      std::snprintf(u, sizeof u, "\\\\u%04X", 0x1000 + 2 * k);
      c += u;
    }
    return c + "]";
  };
  const auto r = load_form(form_with(R"({"id": "a", "type": "text", "title": "x", "pattern": ")" + deep + R"("},
    {"id": "b", "type": "text", "title": "x", "pattern": ")" + ranges(1001) + R"("},
    {"id": "c", "type": "text", "title": "x", "pattern": "(?:)" + ranges(600) + R"(*){600}"},
    {"id": "d", "type": "text", "title": "x", "pattern": "(?:a{1000}){1000}"})", "", kSwedish));
  const auto d = diags_of(r);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0], (seen{"form.pattern_too_complex", "/pages/0/items/0/pattern", 1, 161}));
  EXPECT_EQ(d[1], (seen{"form.pattern_too_complex", "/pages/0/items/1/pattern", 2, 58}));
  EXPECT_EQ(d[2].pointer, "/pages/0/items/2/pattern");
  EXPECT_EQ(d[3].pointer, "/pages/0/items/3/pattern");
  std::vector<std::string> got;
  for (const auto& x : r.diagnostics)
    got.push_back(param(x, "reason") + " " + param(x, "limit") + " " + param(x, "position"));
  EXPECT_EQ(got, (std::vector<std::string>{"nesting 100 100", "class_ranges 1000 0", "work 4096 0", "size 2000 0"}));
  EXPECT_EQ(diagnostic_text(r.diagnostics[0], "en"),
            "The pattern nests groups too deeply at character 100 (at most 100 levels).");
  EXPECT_EQ(diagnostic_text(r.diagnostics[0], "sv"),
            "Mönstret har för många grupper i varandra vid tecken 100 (högst 100).");
}

TEST(form_parser, instrument_codes_are_lower_case) {
  const auto r = load_form(form_with(R"({"id": "q1", "type": "yes_no", "title": "x"})", R"( "instrument": "PHQ-9",)", kSwedish));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].pointer, "/instrument");
  EXPECT_EQ(param(r.diagnostics[0], "reason"), "instrument");
}

TEST(form_parser, duplicate_keys_are_errors) {
  const auto r = load_form(form_with(R"({"id": "q1", "type": "text", "type": "text", "title": "x"})", "", kSwedish));
  EXPECT_EQ(diags_of(r), (std::vector<seen>{{"json.duplicate_key", "/pages/0/items/0/type", 1, 137}}));
}

TEST(form_parser, a_text_with_many_repeated_keys_is_checked_quickly) {
  // 20,000 keys in one object: a quadratic duplicate check would take seconds.
  std::string title = "{";
  for (int i = 0; i < 20000; ++i) title += std::string(i ? "," : "") + R"("x)" + std::to_string(i % 10000) + R"(": "t")";
  title += R"(, "sv": "T"})";
  const auto r = load_form(form_with(R"({"id": "q1", "type": "yes_no", "title": )" + title + "}", "", kSwedish));
  size_t duplicates = 0, undeclared = 0;
  for (const auto& d : r.diagnostics) {
    duplicates += d.code == diag_code::json_duplicate_key;
    undeclared += d.code == diag_code::form_undeclared_language;
  }
  EXPECT_EQ(duplicates, 1000u);  // the first 1,000 problems, then one line for the rest
  EXPECT_EQ(undeclared, 0u);
  ASSERT_EQ(r.diagnostics.size(), 1001u);
  const auto& last = r.diagnostics.back();
  EXPECT_EQ(diag_name(last.code), "input.too_many_problems");
  EXPECT_EQ(param(last, "total"), "30000");
  EXPECT_EQ(param(last, "kept"), "1000");
  load_options all;
  all.max_diagnostics = 100000;
  const auto every = load_form(form_with(R"({"id": "q1", "type": "yes_no", "title": )" + title + "}", "", kSwedish), all);
  EXPECT_EQ(every.diagnostics.size(), 30000u);
}

TEST(form_parser, item_limit_is_one_diagnostic) {
  std::string items;
  for (int i = 0; i < 12; ++i) items += (i ? "," : "") + std::string(R"({"id": "q)") + std::to_string(i) + R"(", "type": "yes_no", "title": "x"})";
  load_options opt;
  opt.max_items = 10;
  const auto r = load_form(form_with(items, "", kSwedish), opt);
  const auto d = diags_of(r);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "form.too_many_items");
  EXPECT_EQ(d[0].pointer, "/pages/0/items/10");
}

TEST(form_parser, model_of_groups_and_lookup) {
  const auto r = load_form(form_with(R"(
    {"id": "g", "type": "group", "title": "G", "items": [
      {"id": "q1", "type": "yes_no", "title": "A", "mandatory": true},
      {"id": "g2", "type": "group", "items": [{"id": "q2", "type": "decimal", "title": "B", "unit": "kg", "step": 0.1}]}
    ]},
    {"id": "i", "type": "display", "text": "Info"})", "", kSwedish));
  ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : diag_name(r.diagnostics[0].code));
  const form& f = *r.value;
  ASSERT_EQ(f.items.size(), 5u);
  EXPECT_EQ(f.find_item("q2"), 3);
  EXPECT_EQ(f.find_item("nope"), -1);
  EXPECT_EQ(f.items[3].parent, 2);
  EXPECT_EQ(f.items[2].parent, 0);
  EXPECT_EQ(f.items[0].children, (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(f.pages[0].items, (std::vector<uint32_t>{0, 4}));
  EXPECT_EQ(f.items[3].unit, "kg");
  EXPECT_DOUBLE_EQ(*f.items[3].step, 0.1);
  EXPECT_TRUE(f.items[1].mandatory);
  EXPECT_EQ(f.items[4].body.get("sv"), "Info");
}

TEST(form_parser, every_item_type_loads) {
  const auto r = load_form(testing::read_file(testing::source_path("tests/core/data/all-types.json")));
  ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].pointer);
  EXPECT_TRUE(r.diagnostics.empty());
  std::vector<bool> seen_type(static_cast<size_t>(item_type::count_));
  for (const auto& it : r.value->items) seen_type[static_cast<size_t>(it.type)] = true;
  for (size_t t = 0; t < seen_type.size(); ++t) EXPECT_TRUE(seen_type[t]) << type_info(static_cast<item_type>(t)).name;
}

}  // namespace
}  // namespace blankett
