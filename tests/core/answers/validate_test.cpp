// Tests of validate.h: every rule, its key and parameters, order, pages and drafts.
#include "core/answers/answers_fixture.h"
#include "blankett/json_writer.h"
#include "blankett/messages.h"

namespace blankett::testing {
namespace {

using validate_test = all_types;

TEST_F(validate_test, a_complete_document_is_valid) { EXPECT_EQ(issues(doc(base())), strings{}); }

TEST_F(validate_test, mandatory_items_and_matrix_rows) {
  EXPECT_EQ(issues(doc(R"("habits": {"sleep": "2"})")),
            (strings{"name mandatory validation.mandatory", "smoker mandatory validation.mandatory",
                     "habits/food mandatory validation.mandatory"}));
  validate_options draft;
  draft.mandatory = false;
  EXPECT_EQ(issues(doc(R"("habits": {"sleep": "2"})"), draft), strings{});
}

TEST_F(validate_test, text_lengths_and_pattern) {
  EXPECT_EQ(issues(doc(base() + R"(, "notes": ")" + std::string(501, 'x') + R"(", "postal": "7221-4")")),
            (strings{"notes max_length validation.max_length max_length=500", "postal pattern validation.pattern"}));
  EXPECT_EQ(issues(doc(R"("name": "Å", "smoker": true, "habits": {"sleep": "1", "food": "1"})")),
            (strings{"name min_length validation.min_length min_length=2"}));
  // Lengths count characters: 40 Swedish letters are 80 bytes and still fit.
  EXPECT_EQ(issues(doc(R"("name": ")" + [] { std::string s; for (int i = 0; i < 40; ++i) s += "ö"; return s; }() +
                       R"(", "smoker": true, "habits": {"sleep": "1", "food": "1"})")),
            strings{});
}

TEST_F(validate_test, numbers_bounds_and_steps) {
  EXPECT_EQ(issues(doc(base() + R"(, "cigarettes": 101, "weight": 72.55, "pain": 11)")),
            (strings{"cigarettes max validation.max max=100", "weight step validation.step step=0.1",
                     "pain max validation.max max=10"}));
  EXPECT_EQ(issues(doc(base() + R"(, "cigarettes": -1, "weight": 72.3)")), (strings{"cigarettes min validation.min min=0"}));
  EXPECT_EQ(issues(doc(base() + R"(, "cigarettes": 2.5, "weight": "72")")),
            (strings{"cigarettes type validation.type expected=integer", "weight type validation.type expected=number"}));
  EXPECT_EQ(issues(doc(base() + R"(, "cigarettes": 3.0)")), strings{});  // integral numbers are integers
}

TEST_F(validate_test, calendar_formats_and_bounds) {
  EXPECT_EQ(issues(doc(base() + R"(, "visit": "2019-12-31", "bedtime": "25:00", "since": "2026-13", "week": "2025-W53",
                                   "onset": "2031-01-01T10:00")")),
            (strings{"visit min validation.min min=2020-01-01", "bedtime format validation.format.time",
                     "since format validation.format.month", "week format validation.format.week",
                     "onset max validation.max max=2030-01-01T00:00"}));
}

TEST_F(validate_test, choices) {
  EXPECT_EQ(issues(doc(base() + R"(, "mood": "4", "symptoms": ["cough", "fever", "none"])")),
            (strings{"mood choice validation.choice", "symptoms max_choices validation.max_choices max_choices=2"}));
  EXPECT_EQ(issues(doc(base() + R"(, "symptoms": ["cough", "cough"])")), (strings{"symptoms choice validation.choice"}));
  EXPECT_EQ(issues(doc(R"("name": "Anna", "smoker": "ja", "habits": {"sleep": "1", "food": "1"}, "symptoms": "cough")")),
            (strings{"smoker type validation.type expected=boolean", "symptoms type validation.type expected=array"}));
}

TEST_F(validate_test, matrices) {
  EXPECT_EQ(issues(doc(R"("name": "Anna", "smoker": true, "habits": {"sleep": "1", "walk": "1"})")),
            (strings{"habits unknown_row validation.unknown_row"}));
  EXPECT_EQ(issues(doc(R"("name": "Anna", "smoker": true, "habits": {"sleep": "9", "food": "1"})")),
            (strings{"habits choice validation.choice"}));
  EXPECT_EQ(issues(doc(base() + R"(, "doses": {"med1": {"morning": "två tabletter nu"}}, "when": {"r1": ["1", "3"]})")),
            (strings{"doses/med1 max_length validation.max_length max_length=10"}));
  EXPECT_EQ(issues(doc(base() + R"(, "when": {"r1": "1"})")), (strings{"when type validation.type expected=array"}));
}

TEST_F(validate_test, contact_formats) {
  // HTML's e-mail rule allows a single-label domain.
  EXPECT_EQ(issues(doc(base() + R"(, "email": "anna@region")")), strings{});
  EXPECT_EQ(issues(doc(base() + R"(, "email": "anna.region.se", "phone": "070-12", "site": "www.1177.se")")),
            (strings{"email format validation.format.email", "phone format validation.format.phone",
                     "site format validation.format.url"}));
  EXPECT_EQ(issues(doc(base() + R"(, "email": "anna.andersson@regionvastmanland.se", "phone": "+46 70-123 45 67",
                                   "site": "https://www.1177.se/liv--halsa")")),
            strings{});
  EXPECT_EQ(issues(doc(base() + R"(, "email": "@x.se")")), (strings{"email format validation.format.email"}));
  EXPECT_EQ(issues(doc(base() + R"(, "email": "a@-x.se")")), (strings{"email format validation.format.email"}));
  EXPECT_EQ(issues(doc(base() + R"(, "site": "https://")")), (strings{"site format validation.format.url"}));
  EXPECT_EQ(issues(doc(base() + R"(, "site": "https://a.se/x y")")), (strings{"site format validation.format.url"}));
}

TEST_F(validate_test, personnummer_answers_give_a_reason_never_the_number) {
  EXPECT_EQ(issues(doc(base() + R"(, "child": "19640823-3234")")), strings{});
  EXPECT_EQ(issues(doc(base() + R"(, "child": "19640823-3235")")),
            (strings{"child format validation.format.personnummer reason=checksum"}));
  EXPECT_EQ(issues(doc(base() + R"(, "child": "6408233234 ")")),
            (strings{"child format validation.format.personnummer reason=format"}));
  // The reference date comes from the caller: a number from the future is refused.
  validate_options past;
  past.today = {1960, 1, 1};
  EXPECT_EQ(issues(doc(base() + R"(, "child": "19640823-3234")"), past),
            (strings{"child format validation.format.personnummer reason=future"}));
  // The JSON and the message carry the reason, not the number.
  issues(doc(base() + R"(, "child": "19640823-3235")"));
  std::string json;
  json_writer w(json);
  write_result(*form_, document, result, w);
  EXPECT_EQ(json.find("3235"), std::string::npos);
  EXPECT_EQ(issue_text(*form_, result.issues[0], "sv"), "Kontrollsiffran stämmer inte. Kontrollera numret.");
}

TEST_F(validate_test, attachments) {
  EXPECT_EQ(issues(doc(base() + R"(, "files": [{"name": "a.jpg", "media_type": "image/jpeg", "size": 10},
                                              {"name": "b.pdf", "media_type": "application/pdf", "size": 2000000},
                                              {"name": "c.png", "media_type": "image/png", "size": 5}])")),
            (strings{"files media_type validation.media_type", "files max_size validation.max_size max_size=1000000",
                     "files max_files validation.max_files max_files=2"}));
  EXPECT_EQ(issues(doc(base() + R"(, "files": {"name": "a.pdf", "size": 1})")),
            (strings{"files type validation.type expected=object"}));
}

TEST_F(validate_test, not_answerable_and_unknown_items_come_in_order) {
  EXPECT_EQ(issues(doc(R"("zzz": 1, "info": "x", "name": "Anna", "contact": {}, "aaa": null, "smoker": true,
                          "habits": {"sleep": "1", "food": "1"})")),
            (strings{"info not_answerable validation.not_answerable", "contact not_answerable validation.not_answerable",
                     "zzz unknown_item validation.unknown_item", "aaa unknown_item validation.unknown_item"}));
}

TEST_F(validate_test, one_page_only) {
  validate_options page3;
  page3.page = 2;
  EXPECT_EQ(issues(doc(R"("cigarettes": 500)"), page3),
            (strings{"smoker mandatory validation.mandatory", "habits mandatory validation.mandatory"}));
}

TEST_F(validate_test, custom_messages_replace_the_table_text) {
  issues(doc(R"("smoker": true, "habits": {"sleep": "1", "food": "1"}, "postal": "1")"));
  ASSERT_EQ(result.issues.size(), 2u);
  EXPECT_EQ(issue_text(*form_, result.issues[0], "en"), "Write your name.");
  EXPECT_EQ(issue_text(*form_, result.issues[0], "fi"), "Skriv ditt namn.");  // the form's default language
  EXPECT_EQ(issue_text(*form_, result.issues[1], "sv"), "Skriv postnumret som 123 45.");
  issues(doc(base() + R"(, "cigarettes": 200)"));
  EXPECT_EQ(issue_text(*form_, result.issues[0], "sv"), "Svaret får vara högst 100.");
  EXPECT_EQ(issue_text(*form_, result.issues[0], "en"), "The answer must be at most 100.");
}

TEST_F(validate_test, result_json_follows_the_contract) {
  ASSERT_EQ(issues(doc(R"("name": "Anna", "smoker": true, "cigarettes": 200, "habits": {"sleep": "1"})")).size(), 2u);
  std::string json;
  json_writer w(json);
  write_result(*form_, document, result, w);
  EXPECT_EQ(json,
            R"({"valid":false,"issues":[{"item":"cigarettes","rule":"max","key":"validation.max","params":{"max":100}},)"
            R"({"item":"habits","row":"food","rule":"mandatory","key":"validation.mandatory","params":{}}],)"
            R"("calculations":{},"scores":{},"profiles":{},"alerts":[],"routes":[]})");
}

TEST_F(validate_test, a_warm_result_is_reused_without_growing) {
  issues(doc(base() + R"(, "cigarettes": 200)"));
  const auto cap = result.issues.capacity();
  for (int i = 0; i < 100; ++i) issues(doc(base()));
  EXPECT_EQ(result.issues.capacity(), cap);
  EXPECT_TRUE(result.valid());
}

}  // namespace
}  // namespace blankett::testing
