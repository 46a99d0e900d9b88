// Tests of answers.h: document-level diagnostics and typed values.
#include "core/answers/answers_fixture.h"

namespace blankett::testing {
namespace {

using reader_test = all_types;

std::vector<std::string> codes(const std::vector<diagnostic>& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags)
    out.push_back(std::string(diag_name(d.code)) + " " + d.pointer + " " + std::to_string(d.line) + ":" + std::to_string(d.column));
  return out;
}

TEST_F(reader_test, document_errors_are_located_diagnostics) {
  EXPECT_FALSE(reader.read(*form_, R"({"form": "other", "version": 2, "answers": {}})", document, diags));
  EXPECT_EQ(codes(diags), (strings{"answers.form_mismatch /form 1:10", "answers.version_mismatch /version 1:30"}));
  diags.clear();
  EXPECT_FALSE(reader.read(*form_, R"({"form": "all-types", "version": 3, "answers": [], "meta": {"language": "de"}, "x": 1})",
                           document, diags));
  EXPECT_EQ(codes(diags), (strings{"answers.wrong_type /answers 1:48", "answers.invalid_value /meta/language 1:73",
                                   "answers.unknown_key /x 1:80"}));
  diags.clear();
  EXPECT_FALSE(reader.read(*form_, R"({"answers": {}})", document, diags));
  EXPECT_EQ(codes(diags), (strings{"answers.missing_key  1:1", "answers.missing_key  1:1"}));
  diags.clear();
  EXPECT_FALSE(reader.read(*form_, R"({"form": "all-types", "version": 3, "answers": {"name": "A", "name": "B"}})",
                           document, diags));
  EXPECT_EQ(codes(diags), (strings{"json.duplicate_key /answers/name 1:62"}));
  diags.clear();
  EXPECT_FALSE(reader.read(*form_, R"({"form": "all-types", "version": 3, "answers": {"name": "A")", document, diags));
  EXPECT_EQ(codes(diags), (strings{"json.unexpected_end  1:60"}));
}

TEST_F(reader_test, oversized_and_deep_documents) {
  answer_limits small;
  small.max_bytes = 16;
  EXPECT_FALSE(reader.read(*form_, doc(base()), document, diags, small));
  EXPECT_EQ(codes(diags), (strings{"input.too_large  1:1"}));
  diags.clear();
  EXPECT_FALSE(reader.read(*form_, doc(R"("notes": [[[[[[[["deep"]]]]]]]])"), document, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diag_name(diags[0].code), "json.too_deep");
}

TEST_F(reader_test, values_are_typed_by_item) {
  ASSERT_TRUE(reader.read(*form_, doc(base() + R"(, "weight": 72.5, "visit": "2026-01-15", "bedtime": "22:30",
      "mood": "3", "symptoms": ["fever", "cough"], "doses": {"med1": {"morning": "1 tablett", "evening": ""}},
      "files": [{"name": "remiss.pdf", "media_type": "application/pdf", "size": 1234}], "notes": "", "site": null)"),
                          document, diags));
  const auto& a = document.answers;
  auto at = [&](const char* id) { return a[static_cast<size_t>(form_->find_item(id))]; };
  EXPECT_EQ(document.language, "sv");
  EXPECT_EQ(document.text(at("name")), "Anna");
  EXPECT_EQ(at("smoker").kind, value_kind::boolean);
  EXPECT_FALSE(at("smoker").flag);
  EXPECT_DOUBLE_EQ(at("weight").number, 72.5);
  EXPECT_EQ(at("visit").number, 20468);  // days since 1970-01-01
  EXPECT_EQ(at("bedtime").number, 22 * 3600 + 30 * 60);
  EXPECT_EQ(at("mood").first, 2u);
  EXPECT_EQ(std::vector<uint32_t>(document.choices(at("symptoms")).begin(), document.choices(at("symptoms")).end()),
            (std::vector<uint32_t>{1, 0}));
  ASSERT_EQ(document.cells(at("habits")).size(), 2u);
  EXPECT_EQ(document.cells(at("habits"))[1].column, 2u);
  ASSERT_EQ(document.cells(at("doses")).size(), 1u);  // the empty evening cell is unanswered
  EXPECT_EQ(document.cell_text(document.cells(at("doses"))[0]), "1 tablett");
  ASSERT_EQ(document.files(at("files")).size(), 1u);
  EXPECT_EQ(document.file_name(document.files(at("files"))[0]), "remiss.pdf");
  EXPECT_EQ(document.files(at("files"))[0].media, media_pdf);
  EXPECT_FALSE(at("notes").answered());  // "" is unanswered
  EXPECT_FALSE(at("site").answered());   // null is unanswered
}

TEST_F(reader_test, an_attachment_may_carry_the_servers_id_but_nothing_else) {
  ASSERT_TRUE(reader.read(*form_, doc(base() + R"(, "files": {"id": "17", "name": "a.png", "media_type": "image/png", "size": 9})"),
                          document, diags));
  const auto& files = document.files(document.answers[static_cast<size_t>(form_->find_item("files"))]);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].size, 9u);
  EXPECT_EQ(files[0].media, media_png);
  ASSERT_TRUE(reader.read(*form_, doc(base() + R"(, "files": {"id": 17, "name": "a.png", "media_type": "image/png", "size": 9})"),
                          document, diags));
  const auto& a = document.answers[static_cast<size_t>(form_->find_item("files"))];
  EXPECT_TRUE(a.answered());
  EXPECT_FALSE(a.readable());  // a numeric id is a type problem, reported by validation
  EXPECT_EQ(a.problem, rule::type);
}

TEST_F(reader_test, a_reader_is_reused_across_documents) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(reader.read(*form_, doc(base() + R"(, "cigarettes": )" + std::to_string(i)), document, diags));
    EXPECT_EQ(document.answers[static_cast<size_t>(form_->find_item("cigarettes"))].number, i);
  }
}

}  // namespace
}  // namespace blankett::testing
