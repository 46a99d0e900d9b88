// The render model and its writers: visibility, numbering, required, issue texts, the citizen's
// view of calculations, the star profile's SVG.
#include <gtest/gtest.h>

#include <filesystem>

#include "blankett/answers.h"
#include "blankett/render.h"
#include "simdjson.h"
#include "test_util.h"

namespace blankett {
namespace {

form sample_form(const char* id) {
  auto r = load_form(testing::read_file(testing::source_path(std::string("samples/") + id + "/form.json")));
  EXPECT_TRUE(r.ok()) << id;
  return r.ok() ? std::move(*r.value) : form{};
}

struct rendered {
  std::string json;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
};

void model(const form& f, const evaluation& ev, std::string_view lang, rendered& out, bool state = false) {
  render_options o;
  o.language = std::string(lang);
  json_writer w(out.json);
  if (state) write_render_state(f, ev, o, w);
  else write_render_model(f, ev, o, w);
  ASSERT_FALSE(out.parser.parse(out.json).get(out.root)) << out.json;
}

using found = simdjson::simdjson_result<simdjson::dom::element>;
std::string str(found e) {
  std::string_view s;
  return e.get(s) ? std::string("<none>") : std::string(s);
}
int64_t num(found e) {
  int64_t i = -1;
  return e.get(i) ? -1 : i;
}
double real(found e) {
  double d = -1;
  return e.get(d) ? -1 : d;
}
bool flag(found e) {
  bool b = false;
  EXPECT_FALSE(e.get(b));
  return b;
}
bool is_null(found e) { return !e.error() && e.value_unsafe().is_null(); }
size_t count(found e) {
  simdjson::dom::array a;
  return e.get(a) ? 999 : a.size();
}

TEST(render, phq9_follow_up_numbering_and_language) {
  const form f = sample_form("phq-9");
  evaluation ev(f);
  evaluation_options opt;
  opt.mandatory = false;
  ev.set_options(opt);
  answer_reader reader;
  answer_document doc;
  std::vector<diagnostic> diags;
  ASSERT_TRUE(reader.read(f, R"({"form":"phq-9","version":1,"answers":{}})", doc, diags));
  ev.evaluate(doc);
  {
    rendered r;
    model(f, ev, "en", r);
    EXPECT_EQ(str(r.root["form"]["language"]), "en");
    EXPECT_EQ(str(r.root["form"]["title"]), "Patient Health Questionnaire (PHQ-9)");
    found group = r.root["pages"].at(0)["items"].at(1);
    EXPECT_EQ(str(group["type"]), "group");
    EXPECT_EQ(num(group["items"].at(0)["number"]), 1);
    EXPECT_EQ(num(group["items"].at(8)["number"]), 9);
    EXPECT_EQ(str(group["items"].at(0)["input"]), "radio");
    EXPECT_EQ(str(group["items"].at(0)["choices"].at(3)["label"]), "Nearly every day");
    found q10 = r.root["pages"].at(0)["items"].at(2);
    EXPECT_FALSE(flag(q10["visible"]));  // no symptom yet
    EXPECT_TRUE(is_null(q10["number"]));
  }
  // One symptom: q10 appears and is numbered 10.
  ev.set_answer(static_cast<uint32_t>(f.find_item("q3")), R"("2")");
  {
    rendered r;
    model(f, ev, "sv", r, true);
    EXPECT_TRUE(flag(r.root["items"]["q10"]["visible"]));
    EXPECT_EQ(num(r.root["items"]["q10"]["number"]), 10);
    EXPECT_EQ(num(r.root["items"]["q3"]["number"]), 3);
    EXPECT_TRUE(is_null(r.root["items"]["intro"]["number"]));
    EXPECT_TRUE(flag(r.root["pages"]["p1"]));
  }
  // Checking the page with mandatory on: every unanswered question has a Swedish message.
  opt.mandatory = true;
  ev.set_options(opt);
  ev.evaluate(ev.answers());
  rendered r;
  model(f, ev, "sv", r, true);
  found issues = r.root["items"]["q1"]["issues"];
  ASSERT_EQ(count(issues), 1u);
  EXPECT_EQ(str(issues.at(0)["rule"]), "mandatory");
  EXPECT_EQ(str(issues.at(0)["text"]), "Du behöver svara på frågan.");
  EXPECT_EQ(count(r.root["items"]["q3"]["issues"]), 0u);
}

TEST(render, custom_messages_and_hidden_follow_ups) {
  const form f = sample_form("kontakta-mig");
  evaluation ev(f);
  answer_reader reader;
  answer_document doc;
  std::vector<diagnostic> diags;
  ASSERT_TRUE(reader.read(f, testing::read_file(testing::source_path("samples/kontakta-mig/answers/other-missing.json")), doc, diags));
  ev.evaluate(doc);
  for (const char* lang : {"sv", "en"}) {
    rendered r;
    model(f, ev, lang, r, true);
    found message = r.root["items"]["message"]["issues"].at(0);
    EXPECT_EQ(str(message["rule"]), "min_length");
    EXPECT_EQ(str(message["text"]), std::string(lang) == "sv" ? "Skriv minst 10 tecken." : "Write at least 10 characters.");
    EXPECT_TRUE(flag(r.root["items"]["reason_other"]["required"]));
    EXPECT_TRUE(flag(r.root["items"]["phone"]["visible"]));
  }
  ev.set_answer(static_cast<uint32_t>(f.find_item("contact_by")), R"("message")");
  rendered r;
  model(f, ev, "xx", r, true);  // an unknown language falls back to the form's default
  EXPECT_FALSE(flag(r.root["items"]["phone"]["visible"]));
  EXPECT_FALSE(flag(r.root["items"]["phone"]["required"]));
  EXPECT_EQ(count(r.root["items"]["phone"]["issues"]), 0u);
  EXPECT_EQ(str(r.root["items"]["message"]["issues"].at(0)["text"]), "Skriv minst 10 tecken.");
}

TEST(render, citizen_sees_only_citizen_visible_calculations_and_the_star_profile_is_drawn) {
  const form f = sample_form("halsoenkat");
  evaluation ev(f);
  evaluation_options opt;
  opt.today = {2026, 6, 1};
  ev.set_options(opt);
  answer_reader reader;
  answer_document doc;
  std::vector<diagnostic> diags;
  ASSERT_TRUE(reader.read(f, testing::read_file(testing::source_path("samples/halsoenkat/answers/fair-edges.json")), doc, diags));
  ev.evaluate(doc);
  rendered r;
  model(f, ev, "sv", r);
  std::vector<std::string> ids;
  for (size_t i = 0; i < count(r.root["calculations"]); ++i) ids.push_back(str(r.root["calculations"].at(i)["id"]));
  EXPECT_EQ(ids, (std::vector<std::string>{"bmi", "activity_minutes"}));
  EXPECT_EQ(real(r.root["calculations"].at(0)["value"]), 25.0);  // expected/fair-edges.json
  EXPECT_EQ(str(r.root["routes"].at(0)["url"]), "https://www.fyss.se/for-vuxna/");

  const std::string svg = render_profile_svg(f, ev, 0, "sv");
  ASSERT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  size_t spokes = 0;
  for (size_t at = svg.find("<g>"); at != std::string::npos; at = svg.find("<g>", at + 1)) ++spokes;
  EXPECT_EQ(spokes, 10u);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(render_profile_svg(f, ev, 1, "sv"), "");
}

TEST(render, html_print_view_shows_answers_in_words_and_escapes_every_text) {
  const form f = sample_form("kontakta-mig");
  answer_reader reader;
  std::vector<diagnostic> diags;
  {
    answer_document doc;
    ASSERT_TRUE(reader.read(f, testing::read_file(testing::source_path("samples/kontakta-mig/answers/phone.json")), doc, diags));
    evaluation ev(f);
    ev.evaluate(doc);
    render_options o;
    o.language = "sv";
    const std::string html = render_html(f, ev, o);
    EXPECT_EQ(html.rfind("<!doctype html><html lang=\"sv\">", 0), 0u);
    EXPECT_NE(html.find("<span class=\"n\">1.</span> Vad gäller det?</p><p class=\"a\">Fråga om provsvar</p>"), std::string::npos);
    EXPECT_NE(html.find("070-123 45 67"), std::string::npos);
    EXPECT_NE(html.find("Förmiddag (8–12)"), std::string::npos);
  }
  {
    // Hidden questions are left out (their answers are dropped on submit).
    answer_document doc;
    ASSERT_TRUE(reader.read(f, testing::read_file(testing::source_path("samples/kontakta-mig/answers/inbox-hidden-phone.json")), doc, diags));
    evaluation ev(f);
    ev.evaluate(doc);
    render_options o;
    o.language = "en";
    const std::string html = render_html(f, ev, o);
    EXPECT_EQ(html.find("Phone number"), std::string::npos);
    EXPECT_NE(html.find("A message in my inbox"), std::string::npos);
  }
  // Texts from a form and answers from a citizen never become markup.
  auto loaded = load_form(R"({"format": 1, "id": "x", "version": 1, "languages": ["sv"], "title": "<b>T</b>",
    "pages": [{"id": "p", "items": [{"id": "a", "type": "text", "title": "A & \"B\""}]}]})");
  ASSERT_TRUE(loaded.ok());
  answer_document doc;
  ASSERT_TRUE(reader.read(*loaded.value, R"({"form": "x", "version": 1, "answers": {"a": "<script>alert(1)</script>"}})", doc, diags));
  evaluation ev(*loaded.value);
  ev.evaluate(doc);
  const std::string html = render_html(*loaded.value, ev, {});
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("A &amp; &quot;B&quot;"), std::string::npos);
  EXPECT_NE(html.find("<title>&lt;b&gt;T&lt;/b&gt;</title>"), std::string::npos);
}

// The per-item state for C++ front ends says what the JSON state says, for every answer document of
// every sample, in both languages.
TEST(render, item_states_equal_the_json_state_for_every_sample_answer_document) {
  namespace fs = std::filesystem;
  size_t documents = 0, issues = 0, numbered = 0;
  for (const auto& dir : fs::directory_iterator(testing::source_path("samples"))) {
    const form f = sample_form(dir.path().filename().string().c_str());
    const fs::path answers = dir.path() / "answers";
    if (!fs::exists(answers)) continue;
    for (const auto& file : fs::directory_iterator(answers)) {
      answer_reader reader;
      answer_document doc;
      std::vector<diagnostic> diags;
      if (!reader.read(f, testing::read_file(file.path().string()), doc, diags)) continue;
      evaluation ev(f);
      ev.evaluate(doc);
      ++documents;
      for (const char* lang : {"sv", "en"}) {
        rendered r;
        model(f, ev, lang, r, true);
        render_options o;
        o.language = lang;
        const std::vector<item_state> states = render_item_states(f, ev, o);
        ASSERT_EQ(states.size(), f.items.size());
        for (uint32_t i = 0; i < f.items.size(); ++i) {
          const item_state& st = states[i];
          found node = r.root["items"][f.items[i].id];
          if (node.error()) continue;  // measurements are not in the citizen's state
          const std::string where = file.path().string() + " " + f.items[i].id + " " + lang;
          EXPECT_EQ(st.number, is_null(node["number"]) ? 0 : num(node["number"])) << where;
          EXPECT_EQ(st.visible, flag(node["visible"])) << where;
          EXPECT_EQ(st.required, flag(node["required"])) << where;
          std::vector<std::string> texts;
          simdjson::dom::array list;
          if (!node["issues"].get(list))
            for (auto is : list) texts.push_back(str(is["text"]));
          EXPECT_EQ(st.issues, texts) << where;
          issues += st.issues.size();
          numbered += st.number > 0;
        }
      }
    }
  }
  // Enough to mean something: every sample's documents, with issues and numbers among them.
  EXPECT_GE(documents, 150u);
  EXPECT_GT(issues, 100u);
  EXPECT_GT(numbered, 1000u);
}

}  // namespace
}  // namespace blankett
