// Validation of an answer document against its form, and the result contract: issues as data (item,
// rule, key, params) plus what the form's logic computes (calculations, scores, profiles, alerts,
// routes).
//
// validate() evaluates the form's logic (logic.h) and reports, for each visible item in form order,
// the problem found while reading its answer (type, format, choice, unknown row, not answerable) or
// else the rules its value breaks (mandatory, min, max, step, lengths, pattern, choice counts,
// personnummer, attachment rules); then failed form rules; answers to unknown items come last.
// Hidden items have no issues. Issues never quote an answer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "blankett/answers.h"
#include "blankett/dates.h"
#include "blankett/form.h"
#include "blankett/json_writer.h"
#include "blankett/pnr.h"
#include "blankett/result.h"

namespace blankett {

struct validate_options {
  civil_date today{};    // reference date for personnummer answers and today() (the core has no clock)
  int32_t page = -1;     // -1: the whole form; otherwise only the items on this page
  bool mandatory = true; // false to skip mandatory checks (a draft being saved)
};

struct issue_param {
  std::string_view name;
  double number = 0;
  std::string_view text;  // when non-empty, the value is this text (owned by the form or static)
};

struct issue {
  uint32_t item = 0;        // item index; for rule::unknown_item the unknown id's position instead
  rule r = rule::mandatory;
  int32_t row = -1;         // matrix row index, when the issue is about one row
  uint8_t nparams = 0;
  issue_param params[2] = {};
  error_code detail = error_code::ok;  // personnummer: why the number is wrong
};

// A computed value, or the error that stopped it.
struct computed {
  enum class state : uint8_t { none, number, text, boolean, date, error } st = state::none;
  double number = 0;       // number; date: days since 1970-01-01; boolean: 0 or 1
  std::string text;        // text
  std::string_view error;  // "calc.missing_input", "score.missing_items", ...
  friend bool operator==(const computed&, const computed&) = default;
};

struct score_result {
  computed value;
  uint32_t answered = 0, missing = 0;
  std::vector<int32_t> bands;  // per band table: the range index, -1 when none
  std::vector<uint8_t> sexes;  // per band table: 0 ranges, 1 female, 2 male
  friend bool operator==(const score_result&, const score_result&) = default;
};

struct axis_result {
  computed value;
  int32_t level = -1;      // index into the axis's levels
  std::string_view error;  // "profile.missing_input", "profile.no_level"
  friend bool operator==(const axis_result&, const axis_result&) = default;
};

struct validation_result {
  std::vector<issue> issues;
  std::vector<computed> calculations;                 // one per form calculation
  std::vector<score_result> scores;                   // one per form score
  std::vector<uint8_t> alerts;                        // one per form alert: fired
  std::vector<std::pair<uint32_t, uint32_t>> routes;  // links offered: (calculation, link)
  std::vector<axis_result> axes;                      // every profile's axes, in order
  bool valid() const noexcept { return issues.empty(); }
};

void validate(const form& f, const answer_document& doc, const validate_options& options, validation_result& out);

// The issue's message key, e.g. "validation.max" or "validation.format.date".
std::string issue_key(const form& f, const issue& i);

// Writes the result contract: {valid, issues, calculations, scores, profiles, alerts, routes}.
void write_result(const form& f, const answer_document& doc, const validation_result& r, json_writer& out);

// `subject` for the logic (subject_sex(), subject_age()); by default meta.subject of the document.
void validate(const form& f, const answer_document& doc, const validate_options& options, const pnr* subject,
              validation_result& out);

}  // namespace blankett
