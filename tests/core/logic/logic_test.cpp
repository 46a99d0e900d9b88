// Tests of the form logic: expression diagnostics in forms, cycles, visibility, routing, rules,
// calculations, scores, and the agreement of incremental and full evaluation.
#include "blankett/logic.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "blankett/json_writer.h"
#include "blankett/messages.h"
#include "simdjson.h"
#include "test_util.h"

namespace blankett {
namespace {

std::string form_json(const std::string& items, const std::string& extra = "") {
  return R"({"format": 1, "id": "t", "version": 1, "languages": ["sv"], "title": "T",)" + extra +
         R"( "pages": [{"id": "p1", "items": [)" + items + "]}]}";
}

struct seen {
  std::string code, pointer;
  uint32_t line, column;
  bool operator==(const seen&) const = default;
};
std::ostream& operator<<(std::ostream& os, const seen& s) { return os << s.code << " " << s.pointer << " " << s.line << ":" << s.column; }
std::vector<seen> diags_of(const form_load& r) {
  std::vector<seen> out;
  for (const auto& d : r.diagnostics) out.push_back({std::string(diag_name(d.code)), d.pointer, d.line, d.column});
  return out;
}
std::string param(const diagnostic& d, std::string_view name) {
  for (const auto& p : d.params)
    if (p.name == name) return p.value;
  return "<none>";
}

form loaded(const std::string& json) {
  auto r = load_form(json);
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : std::string(diag_name(r.diagnostics[0].code)) + " " +
                                                            r.diagnostics[0].pointer + " " + param(r.diagnostics[0], "expected") +
                                                            param(r.diagnostics[0], "name"));
  return r.ok() ? std::move(*r.value) : form{};
}

std::string result_json(const form& f, const evaluation& ev) {
  validation_result r;
  ev.result(r);
  std::string out;
  json_writer w(out);
  write_result(f, ev.answers(), r, w);
  return out;
}

TEST(logic, a_cycle_a_type_error_and_an_unknown_reference_are_located) {
  const std::string text = R"J({"format": 1, "id": "t", "version": 1, "languages": ["sv"], "title": "T",
  "pages": [{"id": "p1", "items": [
    {"id": "a", "type": "integer", "title": "A", "visible_if": "answered(b)"},
    {"id": "b", "type": "integer", "title": "B", "visible_if": "a > 1"},
    {"id": "c", "type": "text", "title": "C", "visible_if": "c_typo = 'x'"},
    {"id": "d", "type": "text", "title": "D", "required_if": "a + c"}
  ]}]})J";
  const auto r = load_form(text);
  EXPECT_FALSE(r.ok());
  // The cycle is found after the expressions compile, so only when they do; here two do not.
  EXPECT_EQ(diags_of(r), (std::vector<seen>{{"expr.unknown_reference", "/pages/0/items/2/visible_if", 5, 62},
                                            {"expr.type", "/pages/0/items/3/required_if", 6, 67}}));
  EXPECT_EQ(param(r.diagnostics[0], "name"), "c_typo");
  EXPECT_EQ(param(r.diagnostics[1], "expected"), "number");
  EXPECT_EQ(param(r.diagnostics[1], "found"), "text");

  const std::string cyclic = R"J({"format": 1, "id": "t", "version": 1, "languages": ["sv"], "title": "T",
  "pages": [{"id": "p1", "items": [
    {"id": "a", "type": "integer", "title": "A", "visible_if": "answered(b)"},
    {"id": "b", "type": "integer", "title": "B", "visible_if": "a > 1"}
  ]}]})J";
  const auto c = load_form(cyclic);
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(diag_name(c.diagnostics[0].code), "form.cycle");
  EXPECT_EQ(param(c.diagnostics[0], "cycle"), "a → b → a");
  EXPECT_EQ(c.diagnostics[0].line, 3u);
  EXPECT_EQ(c.diagnostics[0].column, 64u);  // a's visible_if, where the cycle is entered
}

TEST(logic, expression_columns_count_escapes_in_the_json_string) {
  // \" inside the JSON string is one character of the expression but two of the file.
  const auto r = load_form(form_json(R"({"id": "a", "type": "text", "title": "A", "visible_if": "a = \"x\" and b"})"));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(diag_name(r.diagnostics[0].code), "expr.unknown_reference");
  EXPECT_EQ(r.diagnostics[0].column, 179u);  // at "b": after the two escaped quotes
}

TEST(logic, calculation_cycles_and_types) {
  const auto r = load_form(form_json(R"({"id": "a", "type": "integer", "title": "A"})",
                                     R"( "calculations": [{"id": "x", "title": "X", "formula": "y + 1"},
                                                          {"id": "y", "title": "Y", "formula": "x * 2"}],)"));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(param(r.diagnostics[0], "cycle"), "x → y → x");
  const auto t = load_form(form_json(R"({"id": "a", "type": "integer", "title": "A", "visible_if": "x"})",
                                     R"( "calculations": [{"id": "x", "title": "X", "formula": "a * 2"}],)"));
  ASSERT_EQ(t.diagnostics.size(), 1u);
  EXPECT_EQ(diag_name(t.diagnostics[0].code), "expr.type");
  EXPECT_EQ(param(t.diagnostics[0], "expected"), "boolean");
}

TEST(logic, hiding_is_transitive_and_hidden_items_have_no_issues) {
  const form f = loaded(form_json(R"(
    {"id": "smoker", "type": "yes_no", "title": "Röker du?", "mandatory": true},
    {"id": "g", "type": "group", "visible_if": "smoker", "items": [
      {"id": "count", "type": "integer", "title": "Antal", "mandatory": true, "max": 100},
      {"id": "inner", "type": "group", "items": [{"id": "since", "type": "integer", "title": "Sedan", "mandatory": true}]}
    ]})"));
  evaluation ev(f);
  const auto count = static_cast<uint32_t>(f.find_item("count"));
  const auto since = static_cast<uint32_t>(f.find_item("since"));
  EXPECT_FALSE(ev.visible(count));  // smoker unanswered: the group's condition is null
  EXPECT_FALSE(ev.visible(since));
  ev.set_answer(static_cast<uint32_t>(f.find_item("smoker")), "true");
  EXPECT_TRUE(ev.visible(since));
  EXPECT_TRUE(ev.required(since));
  ev.set_answer(count, "500");
  validation_result r;
  ev.result(r);
  ASSERT_EQ(r.issues.size(), 2u);  // count over max, since unanswered
  ev.set_answer(static_cast<uint32_t>(f.find_item("smoker")), "false");
  EXPECT_FALSE(ev.visible(since));
  ev.result(r);
  EXPECT_TRUE(r.issues.empty());  // the kept answer 500 is hidden: no issue
  ev.set_answer(static_cast<uint32_t>(f.find_item("smoker")), "true");
  ev.result(r);
  EXPECT_EQ(r.issues.size(), 2u);  // and comes back with its issue
}

TEST(logic, routing_skips_pages) {
  const form f = loaded(R"({"format": 1, "id": "t", "version": 1, "languages": ["sv"], "title": "T", "pages": [
    {"id": "p1", "items": [{"id": "drinks", "type": "yes_no", "title": "Dricker du alkohol?"}],
     "next": [{"when": "drinks = false", "page": "p3"}]},
    {"id": "p2", "items": [{"id": "how_often", "type": "integer", "title": "Hur ofta?", "mandatory": true}]},
    {"id": "p3", "items": [{"id": "sleep", "type": "integer", "title": "Sömn"}], "next": [{"when": "sleep > 10", "page": "end"}]},
    {"id": "p4", "items": [{"id": "last", "type": "text", "title": "Sist"}]}
  ]})");
  evaluation ev(f);
  EXPECT_TRUE(ev.on_path(1));
  ev.set_answer(0, "false");
  EXPECT_FALSE(ev.on_path(1));
  EXPECT_FALSE(ev.visible(1));
  EXPECT_TRUE(ev.on_path(2));
  EXPECT_TRUE(ev.on_path(3));
  ev.set_answer(2, "12");
  EXPECT_FALSE(ev.on_path(3));
  validation_result r;
  ev.result(r);
  EXPECT_TRUE(r.issues.empty());  // how_often is mandatory but skipped
  ev.set_answer(0, "true");
  ev.result(r);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].item, 1u);
  // A route backwards is refused when the form loads.
  const auto back = load_form(R"({"format": 1, "id": "t", "version": 1, "languages": ["sv"], "title": "T", "pages": [
    {"id": "p1", "items": [{"id": "a", "type": "yes_no", "title": "A"}]},
    {"id": "p2", "items": [{"id": "b", "type": "yes_no", "title": "B"}], "next": [{"when": "b", "page": "p1"}]}]})");
  ASSERT_EQ(back.diagnostics.size(), 1u);
  EXPECT_EQ(param(back.diagnostics[0], "reason"), "route_backwards");
}

TEST(logic, rules_calculations_and_links) {
  const form f = loaded(form_json(R"(
    {"id": "start", "type": "date", "title": "Från"}, {"id": "end", "type": "date", "title": "Till"},
    {"id": "weight", "type": "decimal", "title": "Vikt"}, {"id": "height", "type": "integer", "title": "Längd"})",
    R"J( "rules": [{"id": "period", "check": "days_between(start, end) >= 0", "items": ["end"], "message": "Slut före start"}],
        "calculations": [{"id": "bmi", "title": "BMI", "formula": "bmi(weight, height)", "decimals": 1,
                          "links": [{"id": "book", "when": "bmi >= 30", "url": "https://www.1177.se/boka"}]},
                         {"id": "ratio", "title": "Kvot", "formula": "weight / (height - 180)"}],)J"));
  evaluation ev(f);
  ev.set_answer(0, "\"2026-05-02\"");
  ev.set_answer(1, "\"2026-05-01\"");
  ev.set_answer(2, "95");
  ev.set_answer(3, "175");
  EXPECT_EQ(result_json(f, ev),
            R"({"valid":false,"issues":[{"item":"end","rule":"rule","key":"validation.rule","params":{"rule":"period"}}],)"
            R"("calculations":{"bmi":{"value":31},"ratio":{"value":-19}},"scores":{},"profiles":{},"alerts":[],)"
            R"("routes":[{"id":"book","url":"https://www.1177.se/boka"}]})");
  validation_result issues;
  ev.result(issues);
  ASSERT_EQ(issues.issues.size(), 1u);
  EXPECT_EQ(issue_text(f, issues.issues[0], "sv"), "Slut före start");  // the rule's own message
  ev.set_answer(3, "180");
  ev.set_answer(1, "null");
  EXPECT_EQ(result_json(f, ev),
            R"({"valid":true,"issues":[],"calculations":{"bmi":{"value":29.3},"ratio":{"error":"calc.division_by_zero"}},)"
            R"("scores":{},"profiles":{},"alerts":[],"routes":[]})");
  ev.set_answer(2, "null");
  EXPECT_EQ(result_json(f, ev),
            R"({"valid":true,"issues":[],"calculations":{"bmi":{"error":"calc.missing_input"},"ratio":{"error":"calc.missing_input"}},)"
            R"("scores":{},"profiles":{},"alerts":[],"routes":[]})");
}

TEST(logic, set_answer_reports_what_changed) {
  const form f = loaded(testing::read_file(testing::source_path("samples/phq-9/form.json")));
  evaluation ev(f);
  const auto q1 = static_cast<uint32_t>(f.find_item("q1"));
  const auto q10 = static_cast<uint32_t>(f.find_item("q10"));
  EXPECT_FALSE(ev.visible(q10));
  const auto changed = ev.set_answer(q1, "\"2\"");
  const logic_graph& g = *f.graph;
  std::vector<logic_graph::kind> kinds;
  for (uint32_t k : changed) kinds.push_back(g.nodes[k].k);
  // q1's value and issues, the total, its band, q10 shown (and its value, now visible).
  EXPECT_NE(std::find(changed.begin(), changed.end(), g.item_visible[q10]), changed.end());
  EXPECT_NE(std::find(changed.begin(), changed.end(), g.score[0]), changed.end());
  EXPECT_NE(std::find(changed.begin(), changed.end(), g.item_check[q1]), changed.end());
  EXPECT_TRUE(ev.visible(q10));
  // The same value again changes nothing.
  EXPECT_TRUE(ev.set_answer(q1, "\"2\"").size() <= 1u);  // only q1's own value stamp may move
}

// The answers of a document as (item, JSON text of the value), in document order. `whole` is false
// when the document answers an item from the wrong source (a measurement among the answers): that
// problem belongs to the document, not to one answer, so set_answer() cannot reproduce it.
std::vector<std::pair<uint32_t, std::string>> answers_of(const form& f, const std::string& doc_json, bool& whole) {
  whole = true;
  simdjson::dom::parser parser;
  auto doc = parser.parse(doc_json);
  std::vector<std::pair<uint32_t, std::string>> out;
  if (doc.error()) return out;
  for (const char* key : {"answers", "measurements"}) {
    auto obj = doc.value_unsafe()[key];
    if (obj.error()) continue;
    simdjson::dom::object o = obj.value_unsafe().get_object().value_unsafe();
    for (auto [k, v] : o) {
      const int32_t i = f.find_item(k);
      if (i < 0) continue;
      if (f.items[static_cast<size_t>(i)].staff != (std::string_view(key) == "measurements")) whole = false;
      else out.emplace_back(static_cast<uint32_t>(i), simdjson::minify(v));
    }
  }
  return out;
}

// Setting the answers one at a time, in random orders, always ends in the full evaluation's result,
// and after every step the incremental state equals a full evaluation of the answers so far.
TEST(logic, incremental_evaluation_agrees_with_full_evaluation) {
  size_t documents = 0, steps = 0;
  std::mt19937 rng(11);
  for (const char* sample : {"phq-9", "gad-7", "audit", "who-5", "audit-c", "pss-10", "isi", "ftnd", "kostindex",
                             "physical-activity", "eq-5d-5l", "halsoenkat"}) {
    const std::string dir = testing::source_path(std::string("samples/") + sample);
    const std::string form_text = testing::read_file(dir + "/form.json");
    if (form_text.empty()) continue;  // a sample still being written
    const form f = loaded(form_text);
    answer_reader reader;
    std::vector<diagnostic> diags;
    for (const auto& file : testing::list_files(dir + "/answers")) {
      const std::string text = testing::read_file(file);
      answer_document doc;
      if (!reader.read(f, text, doc, diags)) continue;
      ++documents;
      evaluation_options opt;
      opt.today = {2026, 6, 1};
      if (!doc.subject.empty()) opt.subject = *parse_pnr(doc.subject, {opt.today, false});
      evaluation full(f);
      full.set_options(opt);
      full.evaluate(doc);
      // Unknown ids are not items: compare without them.
      validation_result want;
      full.result(want);
      std::erase_if(want.issues, [](const issue& i) { return i.r == rule::unknown_item; });
      bool whole = true;
      auto values = answers_of(f, text, whole);
      if (!whole) continue;
      for (int round = 0; round < 3; ++round) {
        std::shuffle(values.begin(), values.end(), rng);
        evaluation inc(f);
        inc.set_options(opt);
        for (const auto& [item, json] : values) {
          inc.set_answer(item, json);
          ++steps;
          evaluation check(f);
          check.set_options(opt);
          check.evaluate(inc.answers());
          ASSERT_EQ(result_json(f, inc), result_json(f, check)) << file << " after setting " << f.items[item].id;
        }
        validation_result got;
        inc.result(got);
        std::string a, b;
        json_writer wa(a), wb(b);
        write_result(f, inc.answers(), got, wa);
        write_result(f, inc.answers(), want, wb);
        ASSERT_EQ(a, b) << file << " round " << round;
      }
    }
  }
  EXPECT_GT(documents, 100u);
  EXPECT_GT(steps, 3000u);
}

}  // namespace
}  // namespace blankett
