// Form instances on the server: loading one with its form, merging saved answers, running the core.
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
#include "http/api.h"

namespace blankett::server {

struct instance_row {
  int64_t id = 0, unit_id = 0, version_id = 0, revision = 0;
  std::optional<int64_t> citizen_id;
  std::string state, answers, measurements, kind, definition, unit_name;
  std::optional<std::string> banner, answer_by, delete_after, result, submitted_at, answered_by, read_at;
  std::string created_at, updated_at;
  int64_t template_id = 0, version = 0;
};

// Loads an instance (and its version's definition); nullopt when there is none.
std::optional<instance_row> load_instance(connection& c, int64_t id);

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
void evaluate_instance(api& a, const instance_row& row, const std::string& answers, const std::optional<std::string>& subject,
                       int32_t page, bool mandatory, evaluated& out);

// The answers without the items the logic hides (what a submission keeps).
std::string drop_hidden(const evaluated& e, const std::string& answers);

// Result JSON (the core's contract) of an evaluation.
std::string result_json(const evaluated& e);

// What the citizen may see of a result (full result JSON as stored): validity, issues, the
// calculations marked citizen_visible and the follow-on links. Scores, bands, alerts and profiles
// are for staff.
std::string citizen_result_json(const form& f, std::string_view full_result);

}  // namespace blankett::server
