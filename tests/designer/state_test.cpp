// The designer's state and panels without a window: the test panel's evaluation, pointers from ids and
// diagnostics, and every panel drawn over a real form (headless Dear ImGui) without harm to it.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <filesystem>

#include "blankett/json_writer.h"
#include "blankett/validate.h"

#include "panels/panels.h"
#include "platform.h"
#include "state.h"
#include "state_file.h"
#include "test_util.h"

namespace blankett::designer {
namespace {

TEST(designer_state, the_test_panel_scores_the_answers_as_the_server_does) {
  state s;
  ASSERT_TRUE(s.open(testing::source_path("samples/phq-9/form.json"))) << s.status;
  for (int q = 1; q <= 9; ++q) s.answers["q" + std::to_string(q)] = "\"2\"";
  s.answers["q10"] = "\"1\"";
  s.retest();
  ASSERT_TRUE(s.test);
  const auto& r = s.test->result;
  EXPECT_TRUE(r.valid());
  ASSERT_EQ(r.scores.size(), 1u);
  EXPECT_EQ(r.scores[0].value.number, 18);
  EXPECT_EQ(s.doc.loaded()->scores[0].bands[0].ranges[static_cast<size_t>(r.scores[0].bands[0])].code, "moderately_severe");
  ASSERT_EQ(r.alerts.size(), 1u);
  EXPECT_TRUE(r.alerts[0]);  // item 9 above 0
  // An answer to a question that is not in the form is ignored, not an error.
  s.answers["nosuch"] = "1";
  s.retest();
  EXPECT_TRUE(s.test->result.valid());
}

TEST(designer_state, the_preview_shows_the_renderers_numbers_required_marks_and_issue_texts) {
  state s;
  ASSERT_TRUE(s.open(testing::source_path("samples/phq-9/form.json"))) << s.status;
  s.answers["q1"] = "\"7\"";  // not one of the alternatives
  s.answers["q2"] = "\"1\"";
  s.retest();
  ASSERT_TRUE(s.test);
  const form& f = *s.doc.loaded();
  auto view = [&](const char* id) { return s.test->view[static_cast<size_t>(f.find_item(id))]; };
  EXPECT_EQ(view("q1").number, 1);
  EXPECT_TRUE(view("q1").required);
  EXPECT_EQ(view("q1").issues, std::vector<std::string>{"Välj ett av svarsalternativen."});
  EXPECT_EQ(view("q3").issues, std::vector<std::string>{"Du behöver svara på frågan."});
  // The follow-up is shown (q2 scores a point), numbered 10 and optional.
  EXPECT_EQ(view("q10").number, 10);
  EXPECT_FALSE(view("q10").required);
  EXPECT_EQ(view("intro").number, 0);  // display text: no number
  // In English, the same issue in English; without answers the follow-up is hidden and has no number.
  s.language = "en";
  s.retest();
  EXPECT_EQ(view("q1").issues, std::vector<std::string>{"Choose one of the alternatives."});
  s.answers.clear();
  s.retest();
  EXPECT_EQ(view("q10").number, 0);
}

TEST(designer_state, a_rule_written_in_its_editor_shows_its_message_in_the_preview) {
  state s;
  s.new_form();
  ASSERT_TRUE(s.apply(add_item("/pages/0/items", -1, "integer")));
  ASSERT_TRUE(s.apply(add_item("/pages/0/items", -1, "integer")));
  const json& items = s.doc.definition()["pages"][0]["items"];
  const std::string from = items[1]["id"], to = items[2]["id"];
  ASSERT_TRUE(s.apply(append("/rules", new_rule(s.doc.definition()))));
  ASSERT_TRUE(s.apply(set_value("/rules/0/check", to + " >= " + from)));
  ASSERT_TRUE(s.apply(set_value("/rules/0/items", json::array({to}))));
  ASSERT_TRUE(s.apply(set_value("/rules/0/message/sv", "Till kan inte vara mindre än från.")));
  ASSERT_EQ(s.doc.errors(), 0u) << s.doc.text();
  s.answers[from] = "5";
  s.answers[to] = "3";
  s.retest();
  const auto& view = s.test->view[static_cast<size_t>(s.doc.loaded()->find_item(to))];
  EXPECT_EQ(view.issues, std::vector<std::string>{"Till kan inte vara mindre än från."});
  s.answers[to] = "7";
  s.retest();
  EXPECT_TRUE(s.test->view[static_cast<size_t>(s.doc.loaded()->find_item(to))].issues.empty());
}

// The health survey needs the staff's measurements and the test person for its star profile: entered in
// the test panel, they give the sample's golden result exactly.
TEST(designer_state, measurements_and_the_test_person_give_the_health_surveys_golden_result) {
  const auto dir = std::filesystem::temp_directory_path() / ("blankett-measurements-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(testing::source_path("samples/halsoenkat/form.json"), dir / "form.json",
                             std::filesystem::copy_options::overwrite_existing);
  state s;
  ASSERT_TRUE(s.open((dir / "form.json").string())) << s.status;
  const json doc = json::parse(testing::read_file(testing::source_path("samples/halsoenkat/answers/healthy.json")));
  ASSERT_FALSE(doc["measurements"].empty());
  for (const auto& [id, value] : doc["answers"].items()) s.answers[id] = value.dump();
  for (const auto& [id, value] : doc["measurements"].items()) s.answers[id] = value.dump();
  s.subject = doc["meta"]["subject"];
  s.retest();
  ASSERT_TRUE(s.test);
  EXPECT_TRUE(s.test->result.valid());
  // Every axis of the star profile has a level (BMI needs weight and height from the measurements).
  for (const axis_result& a : s.test->result.axes) EXPECT_GE(a.level, 0);
  ASSERT_TRUE(s.save_test_case("healthy")) << s.status;
  EXPECT_EQ(testing::read_file((dir / "expected" / "healthy.json").string()),
            testing::read_file(testing::source_path("samples/halsoenkat/expected/healthy.json")));
  // Without measurements, BMI cannot be computed.
  for (const auto& [id, value] : doc["measurements"].items()) s.answers.erase(id);
  s.retest();
  const form& f = *s.doc.loaded();
  size_t bmi = 0;
  while (bmi < f.calculations.size() && f.calculations[bmi].id != "bmi") ++bmi;
  ASSERT_LT(bmi, f.calculations.size());
  EXPECT_EQ(s.test->result.calculations[bmi].error, "calc.missing_input");
  std::filesystem::remove_all(dir);
}

// AUDIT-C's risk levels differ for women and men: with a test person, the panel names the level from
// that sex's table (a total of 5 is hazardous use for a woman, not for a man).
TEST(designer_panels, a_band_by_sex_follows_the_test_person) {
  auto p = make_headless_platform(1440, 900);
  state s;
  ASSERT_TRUE(s.open(testing::source_path("samples/audit-c/form.json")));
  bool quit = false;
  auto band = [&](const std::string& subject, const std::map<std::string, std::string>& answers) {
    s.answers = answers;
    s.subject = subject;
    s.retest();
    for (int frame = 0; frame < 2; ++frame) {  // the test panel draws the level's text
      EXPECT_TRUE(p->begin_frame());
      draw_frame(s, p->width(), p->height(), quit);
      p->end_frame();
    }
    const score_result& r = s.test->result.scores[0];
    if (r.bands.empty() || r.bands[0] < 0) return std::string("none");
    return s.doc.loaded()->scores[0].bands[0].ranges_for(r.sexes[0])[static_cast<size_t>(r.bands[0])].code;
  };
  EXPECT_EQ(band("19460823-9986", {{"q1", "\"2\""}, {"q2", "\"1\""}, {"q3", "\"2\""}}), "risk");  // a woman, 5
  EXPECT_EQ(band("19640823-3234", {{"q1", "\"3\""}, {"q2", "\"1\""}, {"q3", "\"1\""}}), "low");   // a man, 5
  EXPECT_EQ(band("", {{"q1", "\"3\""}, {"q2", "\"1\""}, {"q3", "\"1\""}}), "none");              // no test person: no sex
}

TEST(designer_panels, lists_typed_on_one_line_with_commas) {
  EXPECT_EQ(comma_list("  never , daily,, sometimes "), json::array({"never", "daily", "sometimes"}));
  EXPECT_EQ(comma_list(""), json::array());
  EXPECT_EQ(comma_text(json::array({"q1", "q2"})), "q1, q2");
  EXPECT_EQ(comma_list(comma_text(json::array({"a b", "c"}))), json::array({"a b", "c"}));
}

TEST(designer_state, a_saved_test_case_replays_to_the_same_result) {
  const auto dir = std::filesystem::temp_directory_path() / ("blankett-testcase-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(testing::source_path("samples/phq-9/form.json"), dir / "form.json");
  state s;
  ASSERT_TRUE(s.open((dir / "form.json").string()));
  for (int q = 1; q <= 9; ++q) s.answers["q" + std::to_string(q)] = q == 9 ? "\"1\"" : "\"3\"";
  s.answers["q10"] = "\"2\"";
  s.retest();
  EXPECT_FALSE(s.save_test_case("Bad Name"));
  EXPECT_EQ(s.status, "Testfallets namn: små bokstäver a-z, siffror och -");
  ASSERT_TRUE(s.save_test_case("svara-tre")) << s.status;
  // Replayed as the golden runner does: the answer document validated with the reference date.
  const form& f = *s.doc.loaded();
  answer_reader reader;
  answer_document d;
  std::vector<diagnostic> diags;
  ASSERT_TRUE(reader.read(f, testing::read_file((dir / "answers" / "svara-tre.json").string()), d, diags));
  validate_options opt;
  opt.today = kGoldenDate;
  validation_result r;
  validate(f, d, opt, r);
  std::string replayed;
  json_writer w(replayed, true);
  write_result(f, d, r, w);
  EXPECT_EQ(replayed + "\n", testing::read_file((dir / "expected" / "svara-tre.json").string()));
  EXPECT_NE(replayed.find("\"value\": 25"), std::string::npos) << replayed;  // 8 x 3 + 1
  std::filesystem::remove_all(dir);
}

// The designer's first use: PHQ-9 built from an empty form through the panels' commands (nine
// questions with points, the total with its bands, the item-9 alert, a follow-up question, both
// languages), tested, saved; the saved form validated as the server and `blankett validate` do gives
// exactly the test panel's result.
// What a newcomer does in the designer, step by step, through the same commands and builders as the
// panels' buttons and fields: nine questions with points, the total with its bands, the item-9 alert,
// a follow-up question, both languages; tested in the test panel, saved, and validated by `blankett
// validate` with the same result.
TEST(designer_state, phq9_built_from_an_empty_form_scores_as_the_server_does) {
  const auto dir = std::filesystem::temp_directory_path() / ("blankett-build-phq9-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  state s;
  s.new_form();
  auto ok = [&](const command& c) { ASSERT_TRUE(s.apply(c)) << s.status; };
  // The form's fields.
  ok(set_value("/id", "phq-9-egen"));
  ok(set_value("/title/sv", "Hälsoformulär"));
  ok(set_value("/title/en", "Health questionnaire"));
  const char* sv[] = {"Inte alls", "Flera dagar", "Mer än hälften av dagarna", "Nästan varje dag"};
  const char* en[] = {"Not at all", "Several days", "More than half the days", "Nearly every day"};
  for (int q = 1; q <= 9; ++q) {
    // Struktur: Ny fråga (single_choice) after the last one; Egenskaper: id, texts, mandatory, and the
    // alternatives table (it starts with two rows; "+ alternativ" adds the others).
    ok(add_item("/pages/0/items", -1, "single_choice"));
    const std::string at = "/pages/0/items/" + std::to_string(q);  // after the welcome text
    ok(set_value(at + "/id", "q" + std::to_string(q)));
    ok(set_value(at + "/title/sv", "Fråga " + std::to_string(q)));
    ok(set_value(at + "/title/en", "Question " + std::to_string(q)));
    ok(set_value(at + "/mandatory", true));
    for (int v = 0; v < 4; ++v) {
      const std::string c = at + "/choices/" + std::to_string(v);
      ok(set_value(c, json{{"value", std::to_string(v)}, {"label", json::object()}}));
      ok(set_value(c + "/value", std::to_string(v)));
      ok(set_value(c + "/label/sv", sv[v]));
      ok(set_value(c + "/label/en", en[v]));
      ok(set_value(c + "/points", v));
    }
  }
  // The follow-up: a yes/no question shown once any symptom scores.
  ok(add_item("/pages/0/items", -1, "yes_no"));
  ok(set_value("/pages/0/items/10/id", "q10"));
  ok(set_value("/pages/0/items/10/visible_if", "sum(points(q1), points(q2), points(q3), points(q4), points(q5), points(q6), points(q7), points(q8), points(q9)) > 0"));
  // Poängsummor: + poängsumma, its questions ticked, + nivåtabell and its ranges (+ intervall).
  ok(append("/scores", new_score(s.doc.definition())));
  ok(set_value("/scores/0/id", "total"));
  ok(set_value("/scores/0/items", json{"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"}));
  ok(append("/scores/0/bands", new_band_table(s.doc.definition(), false)));
  ok(set_value("/scores/0/bands/0/id", "severity"));
  ok(set_value("/scores/0/bands/0/version", "Kroenke 2001"));
  const std::pair<int, int> edges[] = {{0, 4}, {5, 9}, {10, 14}, {15, 19}, {20, 27}};
  const char* codes[] = {"minimal", "mild", "moderate", "moderately_severe", "severe"};
  for (int b = 0; b < 5; ++b) {
    const std::string r = "/scores/0/bands/0/ranges/" + std::to_string(b);
    if (b > 0) ok(append("/scores/0/bands/0/ranges", new_band_range(s.doc.definition(), s.doc.definition()["scores"][0]["bands"][0]["ranges"])));
    ok(set_value(r + "/code", codes[b]));
    ok(set_value(r + "/min", edges[b].first));
    ok(set_value(r + "/max", edges[b].second));
  }
  // Larm: + larm, its condition, severity and message.
  ok(append("/alerts", new_alert(s.doc.definition())));
  ok(set_value("/alerts/0/id", "item9"));
  ok(set_value("/alerts/0/when", "points(q9) > 0"));
  ok(set_value("/alerts/0/severity", "critical"));
  ok(set_value("/alerts/0/message/sv", "Fråga 9 över 0"));
  ok(set_value("/alerts/0/message/en", "Item 9 above 0"));
  ASSERT_EQ(s.doc.errors(), 0u) << s.doc.text();
  for (const diagnostic& d : s.doc.diagnostics()) ADD_FAILURE() << diag_name(d.code) << " " << d.pointer;  // no warnings either
  // Tested in the test panel: q10 appears once a symptom is answered.
  const form* f = s.doc.loaded();
  s.answers["q1"] = "\"1\"";
  s.retest();
  EXPECT_TRUE(s.test->ev->visible(static_cast<uint32_t>(f->find_item("q10"))));
  for (int q = 2; q <= 9; ++q) s.answers["q" + std::to_string(q)] = "\"2\"";
  s.answers["q10"] = "true";
  s.retest();
  const validation_result& panel = s.test->result;
  ASSERT_TRUE(panel.valid());
  EXPECT_EQ(panel.scores[0].value.number, 17);
  EXPECT_EQ(f->scores[0].bands[0].ranges[static_cast<size_t>(panel.scores[0].bands[0])].code, "moderately_severe");
  EXPECT_TRUE(panel.alerts[0]);
  std::string shown;
  json_writer wp(shown);
  write_result(*f, s.test->doc, panel, wp);
  // Saved with the test panel's answers as a test case, then validated by the command line.
  ASSERT_TRUE(s.save((dir / "form.json").string())) << s.status;
  ASSERT_TRUE(s.save_test_case("symptom")) << s.status;
  const std::string command = std::string(BLANKETT_BINARY) + " validate " + (dir / "form.json").string() + " " +
                              (dir / "answers" / "symptom.json").string() + " --compact --today 2026-06-01";
  FILE* out = ::popen(command.c_str(), "r");
  ASSERT_NE(out, nullptr);
  std::string validated;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, out)) > 0;) validated.append(buffer, n);
  EXPECT_EQ(::pclose(out), 0) << validated;  // exit 0: valid
  while (!validated.empty() && validated.back() == '\n') validated.pop_back();
  EXPECT_EQ(validated, shown);
  std::filesystem::remove_all(dir);
}

TEST(designer_state, opening_another_form_keeps_unsaved_work_and_opening_it_again_brings_it_back) {
  const auto dir = std::filesystem::temp_directory_path() / ("blankett-recovery-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string a = (dir / "a.json").string(), b = (dir / "b.json").string();
  std::filesystem::copy_file(testing::source_path("samples/phq-9/form.json"), a, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(testing::source_path("samples/gad-7/form.json"), b, std::filesystem::copy_options::overwrite_existing);
  state s;
  ASSERT_TRUE(s.open(a)) << s.status;
  ASSERT_TRUE(s.apply(set_value("/title/en", "Unsaved title")));
  ASSERT_TRUE(s.open(b)) << s.status;
  EXPECT_NE(s.status.find(a + ".recovery"), std::string::npos) << s.status;
  EXPECT_TRUE(std::filesystem::exists(a + ".recovery"));
  EXPECT_FALSE(s.doc.dirty());
  // Nothing unsaved in b: opening a again leaves no recovery file for b, and brings a's work back.
  ASSERT_TRUE(s.open(a)) << s.status;
  EXPECT_FALSE(std::filesystem::exists(b + ".recovery"));
  EXPECT_EQ(s.doc.definition()["title"]["en"], "Unsaved title");
  EXPECT_TRUE(s.doc.dirty());
  EXPECT_EQ(s.doc.undo_name(), "Återställ osparade ändringar");
  // Saving removes the recovery file; a new form keeps nothing when nothing is unsaved.
  ASSERT_TRUE(s.save(""));
  EXPECT_FALSE(std::filesystem::exists(a + ".recovery"));
  s.new_form();
  EXPECT_EQ(s.status, "Nytt formulär");
  std::filesystem::remove_all(dir);
}

TEST(designer_state, pointers_from_ids_and_from_diagnostics) {
  state s;
  ASSERT_TRUE(s.open(testing::source_path("samples/phq-9/form.json")));
  EXPECT_EQ(s.pointer_of("q10"), "/pages/0/items/2");
  EXPECT_EQ(s.pointer_of("q3"), "/pages/0/items/1/items/2");
  EXPECT_EQ(s.pointer_of("p1"), "/pages/0");
  EXPECT_EQ(s.pointer_of("nosuch"), "");
  EXPECT_EQ(state::item_pointer("/pages/0/items/1/items/2/title/sv"), "/pages/0/items/1/items/2");
  EXPECT_EQ(state::item_pointer("/pages/1/title"), "/pages/1");
  EXPECT_EQ(state::item_pointer("/scores/0/items/0"), "");
  // The staff's measurements: the first one creates the list; they are found like the questions.
  ASSERT_TRUE(s.apply(add_item("/measurements", -1, "decimal"))) << s.status;
  EXPECT_EQ(s.doc.errors(), 0u);
  ASSERT_EQ(s.doc.loaded()->measurements.size(), 1u);
  const std::string id = s.doc.definition()["measurements"][0]["id"];
  EXPECT_EQ(s.pointer_of(id), "/measurements/0");
  EXPECT_EQ(state::item_pointer("/measurements/0/min"), "/measurements/0");
  EXPECT_EQ(state::item_pointer("/measurements/0"), "/measurements/0");
}

TEST(designer_state, the_dependency_view_names_what_reads_what) {
  state s;
  ASSERT_TRUE(s.open(testing::source_path("samples/phq-9/form.json")));
  const form& f = *s.doc.loaded();
  const auto q9 = static_cast<uint32_t>(f.find_item("q9"));
  const auto q10 = static_cast<uint32_t>(f.find_item("q10"));
  EXPECT_EQ(reads_of(f, q10), (std::vector<std::string>{"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"}));
  EXPECT_EQ(readers_of(f, q9), (std::vector<std::string>{"q10: visible_if", "score total", "alert suicidal_thoughts"}));
  EXPECT_EQ(readers_of(f, q10), std::vector<std::string>{});
}

TEST(designer_state, a_failed_command_says_why_on_the_status_line) {
  state s;
  EXPECT_FALSE(s.apply(remove("/pages/3")));
  EXPECT_EQ(s.status, "Ta bort /pages/3: nothing at /pages/3");
}

TEST(designer_panels, every_panel_draws_a_real_form_and_changes_nothing_by_itself) {
  auto p = make_headless_platform(1440, 900);
  state s;
  ASSERT_TRUE(s.open(testing::source_path("samples/halsoenkat/form.json")));
  s.answers["q1"] = "\"1\"";
  s.retest();
  s.show_server = true;  // the Server window too (not logged in: its login form)
  const std::string before = s.doc.text();
  bool quit = false;
  for (const std::string selected : {"", "/pages/0", "/pages/0/items/1", "/pages/1/items/0"}) {
    s.selected = selected;
    for (int frame = 0; frame < 3; ++frame) {
      ASSERT_TRUE(p->begin_frame());
      draw_frame(s, p->width(), p->height(), quit);
      p->end_frame();
    }
    EXPECT_EQ(s.selected, selected);
    // The preview shows the selected thing's page.
    if (!selected.empty()) {
      EXPECT_EQ(s.preview_page, selected[7] - '0');
    }
  }
  EXPECT_FALSE(quit);
  EXPECT_EQ(s.doc.text(), before);
  EXPECT_FALSE(s.doc.dirty());
  EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, 1000);
}

TEST(designer_panels, a_problem_in_the_logic_opens_its_editor_where_the_field_is) {
  auto p = make_headless_platform(1440, 900);
  state s;
  ASSERT_TRUE(s.open(testing::source_path("samples/halsoenkat/form.json")));
  // Break the second star-profile axis's value: the problem is listed at its pointer.
  ASSERT_TRUE(s.apply(set_value("/profiles/0/axes/1/value", "nosuch + 1")));
  ASSERT_EQ(s.doc.errors(), 1u);
  const std::string where = s.doc.diagnostics()[0].pointer;
  EXPECT_EQ(where, "/profiles/0/axes/1/value");
  // A click in the problem list: the form is selected and the field is revealed.
  s.selected = state::item_pointer(where);
  s.reveal = where;
  EXPECT_EQ(s.selected, "");
  bool quit = false;
  auto frame = [&] {
    ASSERT_TRUE(p->begin_frame());
    draw_frame(s, p->width(), p->height(), quit);
    p->end_frame();
  };
  frame();
  EXPECT_TRUE(s.reveal.empty());
  frame();
  // The property panel scrolled down to the star profile (its section and the axis's tree, closed
  // before, opened for it): far below the form's own fields.
  const ImGuiWindow* panel = ImGui::FindWindowByName("Egenskaper");
  ASSERT_NE(panel, nullptr);
  EXPECT_GT(panel->Scroll.y, 1000.0f);
  EXPECT_EQ(s.doc.errors(), 1u);  // drawing changed nothing
  // Without a problem to reveal, selecting the form again starts at the top.
  s.selected = "/pages/0";
  frame();
  s.selected = "";
  frame();
  frame();
  EXPECT_EQ(ImGui::FindWindowByName("Egenskaper")->Scroll.y, 0.0f);
}

// The test hook (--state-file): what a frame showed, as the tests under Xvfb wait for it.
TEST(designer_panels, the_state_file_says_what_the_last_frame_showed) {
  auto p = make_headless_platform(1440, 900);
  state s;
  ASSERT_TRUE(s.open(testing::source_path("samples/phq-9/form.json")));
  bool quit = false;
  auto frame = [&] {
    ImGui::GetIO().MousePos = ImVec2(70, 206);
    EXPECT_TRUE(p->begin_frame());
    draw_frame(s, p->width(), p->height(), quit);
    p->end_frame();
  };
  frame();
  std::string lines = state_lines(s, *p, 1, "form.json - Blankett formulärdesigner");
  EXPECT_EQ(lines.substr(0, lines.find('\n', lines.find("title")) + 1), "frame 1\ntitle form.json - Blankett formulärdesigner\n");
  EXPECT_NE(lines.find("\ndialog -\n"), std::string::npos) << lines;
  EXPECT_NE(lines.find("\nmouse 70 206 up\n"), std::string::npos) << lines;
  EXPECT_NE(lines.find("\ndrag -\n"), std::string::npos) << lines;
  EXPECT_NE(lines.find("\ndirty 0\n"), std::string::npos) << lines;
  // Ctrl+O: the dialog opens with its path field ready for typing (within two frames).
  shortcut(s, 'o');
  frame();
  frame();
  s.dialog_path = "/tmp/b.json";
  lines = state_lines(s, *p, 3, "t");
  EXPECT_NE(lines.find("\ndialog Öppna\ndialog-typing 1\ndialog-path /tmp/b.json\n"), std::string::npos) << lines;
  // A status with a line break stays one fact.
  s.status = "two\nlines";
  EXPECT_NE(state_lines(s, *p, 3, "t").find("\nstatus two lines\n"), std::string::npos);
  // Written whole, through a temporary file.
  const std::string path = (std::filesystem::temp_directory_path() / ("blankett-state-" + std::to_string(::getpid()))).string();
  ASSERT_TRUE(write_state_file(path, lines));
  EXPECT_EQ(testing::read_file(path), lines);
  EXPECT_FALSE(std::filesystem::exists(path + ".part"));
  std::filesystem::remove(path);
  EXPECT_FALSE(write_state_file("/nonexistent-dir/state", lines));
}

}  // namespace
}  // namespace blankett::designer
