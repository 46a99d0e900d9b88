// The README's example of the core's API, compiled and run; a test also checks that README.md still
// shows exactly this code.
#include <gtest/gtest.h>

#include <string>

#include "test_util.h"

// README-BEGIN
#include <blankett/answers.h>
#include <blankett/form.h>
#include <blankett/report.h>
#include <blankett/validate.h>

// Returns the issues of one answer document, or the problems of the form or the document.
std::string check_answers(std::string_view form_json, std::string_view answers_json) {
  std::string out;
  blankett::json_writer json(out);
  blankett::form_load loaded = blankett::load_form(form_json);
  if (!loaded.ok()) return "form: " + blankett::diagnostic_summary(loaded.diagnostics);

  blankett::answer_reader reader;  // reuse one per thread
  blankett::answer_document answers;
  std::vector<blankett::diagnostic> problems;
  if (!reader.read(*loaded.value, answers_json, answers, problems))
    return "answers: " + blankett::diagnostic_summary(problems);

  blankett::validation_result result;
  blankett::validate(*loaded.value, answers, {.today = {2026, 11, 22}}, result);
  blankett::write_result(*loaded.value, answers, result, json);  // {valid, issues, scores, ...}
  return out;
}
// README-END

namespace {

TEST(readme, example_runs) {
  const std::string form = blankett::testing::read_file(blankett::testing::source_path("samples/phq-9/form.json"));
  const std::string answers =
      blankett::testing::read_file(blankett::testing::source_path("samples/phq-9/answers/valid-mild.json"));
  EXPECT_EQ(check_answers(form, answers).substr(0, 25), R"({"valid":true,"issues":[])");
  EXPECT_EQ(check_answers(R"({"format": 1, "id": "x"})", answers),
            "form: 4 errors; first: form.missing_key at 1:1 (\"languages\" is missing.)");
  EXPECT_EQ(check_answers(form, "{"), "answers: 1 error; first: json.unexpected_end at 1:2 "
                                      "(The document ends in the middle of a value. Is the file truncated?)");
}

TEST(readme, shows_this_example) {
  const std::string me = blankett::testing::read_file(blankett::testing::source_path("tests/core/readme_example_test.cpp"));
  const std::string readme = blankett::testing::read_file(blankett::testing::source_path("README.md"));
  const std::string begin = "// README-BEGIN\n", end = "// README-END";
  const size_t from = me.find(begin) + begin.size();
  const std::string example = me.substr(from, me.find(end) - from);
  EXPECT_NE(readme.find(example), std::string::npos) << "README.md does not show tests/core/readme_example_test.cpp's example";
}

}  // namespace
