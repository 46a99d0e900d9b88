// Form instances on the server: merging saved answers, running the core over them.
//
// The stored answers are a JSON object {itemId: value}; the core reads them as an answer document
// built around them, so the server validates exactly the bytes the browser's core validated.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "blankett/answers.h"
#include "blankett/logic.h"
#include "blankett/validate.h"
#include "http/app.h"

namespace blankett::server {

// Merges `incoming` (a JSON object) over `stored` (a JSON object): incoming keys replace stored ones.
std::string merge_answers(const std::string& stored, simdjson::dom::element incoming);

// The core's view of an instance: the answer document read and the logic evaluated.
struct evaluated {
  std::shared_ptr<const form> f;
  answer_document doc;
  std::unique_ptr<evaluation> ev;
  validation_result result;
  bool readable = true;                // false when the stored answers no longer read (never expected)
  std::vector<diagnostic> diagnostics;
};

// Evaluates the instance's answers (and measurements) with the subject's personnummer into `out`
// (which the evaluation then points into: do not move it). `page`: issues for one page only (-1:
// all); `mandatory`: false for drafts.
void evaluate_instance(app& a, const instance_row& row, const std::string& answers, const std::optional<std::string>& subject,
                       int32_t page, bool mandatory, evaluated& out);

// The answers without the items the logic hides (what a submission keeps).
std::string drop_hidden(const evaluated& e, const std::string& answers);

// Result JSON (the core's contract) of an evaluation.
std::string result_json(const evaluated& e);

// The highest severity among the alerts the evaluation raised, as the follow-up list sorts on it:
// 0 none, 1 info, 2 warning, 3 critical.
int64_t alert_level(const evaluated& e);

// What the citizen may see of a result (full result JSON as stored): validity, issues, the
// calculations marked citizen_visible and the follow-on links. Scores, bands, alerts and profiles
// are for staff.
std::string citizen_result_json(const form& f, std::string_view full_result);

}  // namespace blankett::server
