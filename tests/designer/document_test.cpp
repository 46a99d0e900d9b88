// The designer's document and commands, without a window: every edit checked by the core, undo and
// redo, ids kept unique, bad edits refused with the document unchanged, saving.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "document.h"
#include "test_util.h"

namespace blankett::designer {
namespace {

std::string codes(const document& d) {
  std::string out;
  for (const auto& dg : d.diagnostics())
    if (dg.level == severity::error) out += std::string(diag_name(dg.code)) + " " + dg.pointer + ";";
  return out;
}

document phq9() {
  document d;
  std::string error;
  EXPECT_TRUE(d.open_file(testing::source_path("samples/phq-9/form.json"), error)) << error;
  return d;
}

TEST(designer_document, a_new_form_loads_without_problems) {
  document d;
  EXPECT_EQ(codes(d), "");
  ASSERT_NE(d.loaded(), nullptr);
  EXPECT_EQ(d.loaded()->pages.size(), 1u);
  EXPECT_FALSE(d.dirty());
  EXPECT_FALSE(d.can_undo());
}

TEST(designer_document, an_edit_is_checked_and_can_be_undone_and_redone) {
  document d = phq9();
  ASSERT_EQ(codes(d), "");
  std::string error;
  ASSERT_TRUE(d.apply(set_value("/title/sv", "PHQ-9 (ändrad)"), error)) << error;
  EXPECT_TRUE(d.dirty());
  EXPECT_EQ(d.loaded()->title.get("sv"), "PHQ-9 (ändrad)");
  EXPECT_EQ(d.undo_name(), "Ändra /title/sv");
  ASSERT_TRUE(d.undo());
  EXPECT_EQ(d.loaded()->title.get("sv"), "Hälsoformulär (PHQ-9)");
  ASSERT_TRUE(d.redo());
  EXPECT_EQ(d.loaded()->title.get("sv"), "PHQ-9 (ändrad)");
  EXPECT_FALSE(d.redo());
}

TEST(designer_document, removing_a_question_that_a_score_counts_is_reported_where_it_is_used) {
  document d = phq9();
  std::string error;
  // q1 is the first question of the group "symptoms"; the score and q10's condition name it.
  ASSERT_TRUE(d.apply(remove("/pages/0/items/1/items/0"), error)) << error;
  EXPECT_NE(codes(d).find("form.unknown_reference /scores/0/items/0"), std::string::npos) << codes(d);
  EXPECT_EQ(d.loaded(), nullptr);
  ASSERT_TRUE(d.undo());
  EXPECT_EQ(codes(d), "");
}

TEST(designer_document, new_questions_of_every_type_load_with_fresh_ids) {
  document d;
  std::string error;
  for (const auto& t : item_types())
    ASSERT_TRUE(d.apply(add_item("/pages/0/items", -1, std::string(t.name)), error)) << t.name << ": " << error;
  EXPECT_EQ(codes(d), "") << d.text();
  const auto ids = ids_of(d.definition());
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
  EXPECT_EQ(d.loaded()->items.size(), item_types().size() + 2);  // the welcome text, the group's own text
  EXPECT_FALSE(d.apply(add_item("/pages/0/items", -1, "colour"), error));
  EXPECT_EQ(error, "no item type colour");
}

TEST(designer_document, duplicating_a_group_renames_everything_in_it) {
  document d = phq9();
  std::string error;
  ASSERT_TRUE(d.apply(duplicate_item("/pages/0/items/1"), error)) << error;
  EXPECT_EQ(codes(d), "");
  const auto& copy = d.definition()["pages"][0]["items"][2];
  EXPECT_EQ(copy["id"], "symptoms1");
  EXPECT_EQ(copy["items"][0]["id"], "q11");
  EXPECT_EQ(copy["items"].size(), 9u);
}

TEST(designer_document, moving_and_adding_pages) {
  document d = phq9();
  std::string error;
  ASSERT_TRUE(d.apply(move_item("/pages/0/items/2", 0), error)) << error;
  EXPECT_EQ(d.definition()["pages"][0]["items"][0]["id"], "q10");
  ASSERT_TRUE(d.apply(add_page(), error));
  EXPECT_EQ(d.definition()["pages"][1]["id"], "p2");
  EXPECT_EQ(codes(d), "");
  EXPECT_EQ(d.loaded()->pages.size(), 2u);
}

TEST(designer_document, an_alternative_is_appended_and_replaced_in_place) {
  document d = phq9();
  std::string error;
  const std::string choices = "/pages/0/items/2/choices";  // q10's own alternatives (4)
  ASSERT_TRUE(d.apply(set_value(choices + "/4", json{{"value", "4"}, {"label", {{"sv", "Vet ej"}, {"en", "Don't know"}}}}), error)) << error;
  ASSERT_TRUE(d.apply(set_value(choices + "/-", json{{"value", "5"}, {"label", {{"sv", "Annat"}, {"en", "Other"}}}}), error)) << error;
  EXPECT_EQ(d.definition()["pages"][0]["items"][2]["choices"].size(), 6u);
  ASSERT_TRUE(d.apply(set_value(choices + "/0/points", 0), error));
  EXPECT_EQ(codes(d), "");
  EXPECT_FALSE(d.apply(set_value(choices + "/9", 1), error));
  EXPECT_EQ(error, "nothing at " + choices + "/9");
}

TEST(designer_document, a_bad_edit_is_refused_and_changes_nothing) {
  document d = phq9();
  const std::string before = d.text();
  std::string error;
  EXPECT_FALSE(d.apply(remove("/pages/7/items/0"), error));
  EXPECT_EQ(error, "nothing at /pages/7/items");
  EXPECT_FALSE(d.apply(move_item("/pages/0/items/0", 9), error));
  EXPECT_FALSE(d.apply(set_value("no-slash", 1), error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(d.text(), before);
  EXPECT_FALSE(d.can_undo());
  EXPECT_FALSE(d.dirty());
}

TEST(designer_document, saving_writes_a_form_the_core_loads_and_a_failed_save_loses_nothing) {
  const auto dir = std::filesystem::temp_directory_path() / ("blankett-designer-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  document d = phq9();
  std::string error;
  ASSERT_TRUE(d.apply(set_value("/description", json{{"sv", "Beskrivning"}, {"en", "Description"}}), error));
  const std::string file = (dir / "phq9.json").string();
  ASSERT_TRUE(d.save(file, error)) << error;
  EXPECT_FALSE(d.dirty());
  document again;
  ASSERT_TRUE(again.open_file(file, error)) << error;
  EXPECT_EQ(codes(again), "");
  EXPECT_EQ(again.loaded()->description.get("en"), "Description");
  EXPECT_FALSE(d.save((dir / "missing" / "x.json").string(), error));
  EXPECT_EQ(error, "cannot write " + (dir / "missing" / "x.json.saving").string());
  std::filesystem::remove_all(dir);
}

TEST(designer_document, the_logic_editors_new_pieces_load_without_errors) {
  document d = phq9();
  std::string error;
  // A calculation (the form has none: the list is created) with a link.
  ASSERT_TRUE(d.apply(append("/calculations", new_calculation(d.definition())), error)) << error;
  ASSERT_TRUE(d.apply(append("/calculations/0/links", new_link(d.definition())), error)) << error;
  EXPECT_EQ(codes(d), "");
  ASSERT_EQ(d.loaded()->calculations.size(), 1u);
  EXPECT_EQ(d.loaded()->calculations[0].id, "berakning1");
  ASSERT_EQ(d.loaded()->calculations[0].links.size(), 1u);
  EXPECT_EQ(d.loaded()->calculations[0].title.get("en"), "Calculation");
  // A star profile with its first axis and level, then a second level.
  ASSERT_TRUE(d.apply(append("/profiles", new_profile(d.definition())), error)) << error;
  ASSERT_TRUE(d.apply(append("/profiles/0/axes/0/levels", new_level(d.definition(), d.definition()["profiles"][0]["axes"][0]["levels"])), error))
      << error;
  EXPECT_EQ(codes(d), "");
  ASSERT_EQ(d.loaded()->profiles.size(), 1u);
  ASSERT_EQ(d.loaded()->profiles[0].axes.size(), 1u);
  ASSERT_EQ(d.loaded()->profiles[0].axes[0].levels.size(), 2u);
  EXPECT_EQ(d.loaded()->profiles[0].axes[0].levels[0].color, "#2e7d32");
  EXPECT_EQ(d.loaded()->profiles[0].axes[0].levels[1].color, "#f9a825");
  // A routing rule on the only page: to the end, never taken until its condition is written.
  ASSERT_TRUE(d.apply(append("/pages/0/next", new_route()), error)) << error;
  EXPECT_EQ(codes(d), "");
  ASSERT_EQ(d.loaded()->pages[0].next.size(), 1u);
  // Appending to something that is not a list changes nothing.
  const std::string before = d.text();
  EXPECT_FALSE(d.apply(append("/title", 1), error));
  EXPECT_EQ(error, "/title is not a list");
  EXPECT_EQ(d.text(), before);
}

TEST(designer_document, a_shared_list_of_alternatives_and_a_rule_load_and_are_used) {
  document d;
  std::string error;
  ASSERT_TRUE(d.apply(add_item("/pages/0/items", -1, "single_choice"), error)) << error;
  const std::string question = d.definition()["pages"][0]["items"][1]["id"];
  // A choice set, then the question uses it instead of its own alternatives.
  ASSERT_TRUE(d.apply(append("/choice_sets", new_choice_set(d.definition())), error)) << error;
  ASSERT_TRUE(d.apply(set_value("/pages/0/items/1/choices", "lista1"), error)) << error;
  EXPECT_EQ(codes(d), "");
  const form& f = *d.loaded();
  ASSERT_EQ(f.choice_sets.size(), 1u);
  const choice_set* used = f.choices_of(f.items[static_cast<size_t>(f.find_item(question))]);
  ASSERT_NE(used, nullptr);
  ASSERT_EQ(used->choices.size(), 2u);
  EXPECT_EQ(used->choices[1].points, std::optional<double>(1.0));
  // A rule: it names the first question (not the welcome text) and loads.
  ASSERT_TRUE(d.apply(append("/rules", new_rule(d.definition())), error)) << error;
  EXPECT_EQ(d.definition()["rules"][0]["items"], json::array({question}));
  EXPECT_EQ(codes(d), "");
  ASSERT_EQ(d.loaded()->rules.size(), 1u);
}

TEST(designer_document, a_band_table_turns_into_one_by_sex_and_back) {
  document d = phq9();
  std::string error;
  const json ranges = d.definition()["scores"][0]["bands"][0]["ranges"];
  ASSERT_EQ(ranges.size(), 5u);
  ASSERT_TRUE(d.apply(bands_by_sex("/scores/0/bands/0", true), error)) << error;
  EXPECT_EQ(codes(d), "");
  const band_table& by_sex = d.loaded()->scores[0].bands[0];
  EXPECT_TRUE(by_sex.by_sex);
  EXPECT_GE(by_sex.sex, 0);
  EXPECT_EQ(by_sex.female.size(), 5u);
  EXPECT_EQ(by_sex.male.size(), 5u);
  EXPECT_EQ(d.definition()["scores"][0]["bands"][0]["sex"], "subject_sex()");
  // The men's ranges change; back to one table, the women's are everyone's.
  ASSERT_TRUE(d.apply(set_value("/scores/0/bands/0/by_sex/male/0/max", 5), error)) << error;
  ASSERT_TRUE(d.apply(bands_by_sex("/scores/0/bands/0", false), error)) << error;
  EXPECT_EQ(codes(d), "");
  EXPECT_EQ(d.definition()["scores"][0]["bands"][0]["ranges"], ranges);
  EXPECT_FALSE(d.definition()["scores"][0]["bands"][0].contains("sex"));
  // A new table by sex, and the next range of a table after its last one.
  ASSERT_TRUE(d.apply(append("/scores/0/bands", new_band_table(d.definition(), true)), error)) << error;
  ASSERT_TRUE(d.apply(append("/scores/0/bands/1/by_sex/male", new_band_range(d.definition(), d.definition()["scores"][0]["bands"][1]["by_sex"]["male"])), error))
      << error;
  EXPECT_EQ(codes(d), "");
  const json& male = d.definition()["scores"][0]["bands"][1]["by_sex"]["male"];
  EXPECT_EQ(male[1]["min"], 5.0);
  EXPECT_EQ(male[1]["max"], 9.0);
  EXPECT_EQ(d.loaded()->scores[0].bands.size(), 2u);
  EXPECT_FALSE(d.apply(bands_by_sex("/scores/0/bands/7", true), error));
}

TEST(designer_document, an_item_moves_to_another_page_or_group_keeping_its_id) {
  document d;
  std::string error;
  // Page 1: info1, a group with one question; page 2: its display text.
  ASSERT_TRUE(d.apply(add_item("/pages/0/items", -1, "group"), error)) << error;
  ASSERT_TRUE(d.apply(add_page(), error)) << error;
  ASSERT_TRUE(d.apply(add_item("/pages/1/items", -1, "integer"), error)) << error;
  ASSERT_EQ(codes(d), "");
  const json group = d.definition()["pages"][0]["items"][1];
  ASSERT_EQ(group["type"], "group");
  const std::string question = d.definition()["pages"][1]["items"][1]["id"];
  // The integer question into the group on page 1, first.
  ASSERT_TRUE(d.apply(move_to("/pages/1/items/1", "/pages/0/items/1/items", 0), error)) << error;
  EXPECT_EQ(codes(d), "");
  EXPECT_EQ(d.definition()["pages"][0]["items"][1]["items"][0]["id"], question);
  EXPECT_EQ(d.definition()["pages"][1]["items"].size(), 1u);
  // info1 (index 0) into the group that follows it in the same list: the group's pointer moves up.
  EXPECT_EQ(pointer_after_removal("/pages/0/items/1/items", "/pages/0/items/0"), "/pages/0/items/0/items");
  ASSERT_TRUE(d.apply(move_to("/pages/0/items/0", "/pages/0/items/1/items", -1), error)) << error;
  EXPECT_EQ(codes(d), "");
  ASSERT_EQ(d.definition()["pages"][0]["items"].size(), 1u);
  const json& inside = d.definition()["pages"][0]["items"][0]["items"];
  ASSERT_EQ(inside.size(), 3u);
  EXPECT_EQ(inside[0]["id"], question);
  EXPECT_EQ(inside[2]["id"], "info1");
  // A group cannot go into itself, nor an item into a score's list of ids; nothing changes.
  const std::string before = d.text();
  EXPECT_FALSE(d.apply(move_to("/pages/0/items/0", "/pages/0/items/0/items", 0), error));
  EXPECT_EQ(error, "a group cannot be moved into itself");
  EXPECT_FALSE(d.apply(move_to("/pages/0/items/0/items/0", "/scores/0/items", 0), error));
  EXPECT_EQ(d.text(), before);
  // Pointers before the removed element, or in other lists, stay as they are.
  EXPECT_EQ(pointer_after_removal("/pages/0/items/0", "/pages/0/items/3"), "/pages/0/items/0");
  EXPECT_EQ(pointer_after_removal("/pages/1/items/4", "/pages/0/items/3"), "/pages/1/items/4");
  EXPECT_EQ(pointer_after_removal("/pages/0/items/5", "/pages/0/items/3"), "/pages/0/items/4");
}

TEST(designer_document, undo_keeps_the_last_200_steps) {
  document d;
  std::string error;
  for (int i = 0; i < 205; ++i) ASSERT_TRUE(d.apply(set_value("/title/en", "Step " + std::to_string(i)), error)) << error;
  int undone = 0;
  while (d.undo()) ++undone;
  EXPECT_EQ(undone, 200);
  EXPECT_EQ(d.definition()["title"]["en"], "Step 4");  // the oldest 5 steps are gone
}

TEST(designer_document, an_expression_is_checked_as_typed_without_changing_the_document) {
  document d = phq9();
  const std::string before = d.text();
  const auto bad = d.check_trial("/alerts/0/when", "points(q9) >");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].code, diag_code::expr_syntax);
  EXPECT_EQ(bad[0].pointer, "/alerts/0/when");
  EXPECT_TRUE(d.check_trial("/alerts/0/when", "points(q9) > 1").empty());
  EXPECT_EQ(d.text(), before);
  EXPECT_FALSE(d.can_undo());
}

TEST(designer_document, text_that_is_not_json_is_refused) {
  document d;
  std::string error;
  EXPECT_FALSE(d.open_text("{\"format\": 1,", error));
  EXPECT_EQ(error, "the file is not JSON");
  EXPECT_EQ(codes(d), "");  // the previous document stays
}

}  // namespace
}  // namespace blankett::designer
