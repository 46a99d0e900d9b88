// A fixture over tests/core/data/all-types.json: read an answer document, validate, list issues.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "blankett/answers.h"
#include "blankett/form.h"
#include "blankett/validate.h"
#include "test_util.h"

namespace blankett::testing {

class all_types : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = load_form(read_file(source_path("tests/core/data/all-types.json")));
    ASSERT_TRUE(r.ok());
    form_ = new form(std::move(*r.value));
  }
  static void TearDownTestSuite() {
    delete form_;
    form_ = nullptr;
  }

  // The answers object's members, wrapped in a document for the form.
  static std::string doc(const std::string& answers) {
    return R"({"form": "all-types", "version": 3, "answers": {)" + answers + R"(}, "meta": {"language": "sv"}})";
  }

  // Reads and validates; each issue as "item[/row] rule key {params}".
  std::vector<std::string> issues(const std::string& json, validate_options opt = {}) {
    diags.clear();
    if (!reader.read(*form_, json, document, diags)) return {"<document error>"};
    if (opt.today.year == 1970) opt.today = {2026, 11, 22};
    validate(*form_, document, opt, result);
    std::vector<std::string> out;
    for (const issue& i : result.issues) {
      std::string s = i.r == rule::unknown_item ? std::string(document.unknown_id(i.item)) : form_->items[i.item].id;
      if (i.row >= 0) s += "/" + form_->items[i.item].rows[static_cast<size_t>(i.row)].id;
      s += " " + std::string(rule_lookup(i.r).name) + " " +
           (i.r == rule::unknown_item ? std::string(rule_lookup(i.r).message_key) : issue_key(*form_, i));
      for (uint8_t p = 0; p < i.nparams; ++p) {
        s += " " + std::string(i.params[p].name) + "=";
        s += i.params[p].text.empty() ? format_number(i.params[p].number) : std::string(i.params[p].text);
      }
      out.push_back(s);
    }
    return out;
  }

  // The issues on top of the two mandatory ones the fixture's form always has when unanswered
  // (name, smoker, habits rows) are avoided by answering them.
  static std::string base() { return R"("name": "Anna", "smoker": false, "habits": {"sleep": "1", "food": "3"})"; }

  static inline form* form_ = nullptr;
  answer_reader reader;
  answer_document document;
  validation_result result;
  std::vector<diagnostic> diags;
};

using strings = std::vector<std::string>;

}  // namespace blankett::testing
