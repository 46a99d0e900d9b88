// Validation of an answer document against its form: issues as data (item, rule, key, params).
//
// validate() reports, for each item in form order, the problem found while reading its answer (type,
// format, choice, unknown row, not answerable) or else the rules its value breaks (mandatory, min,
// max, step, lengths, pattern, choice counts, personnummer, attachment rules); answers to unknown
// items come last. Issues never quote an answer. A warm validation_result is reused without
// allocating when there is nothing to report.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "blankett/answers.h"
#include "blankett/dates.h"
#include "blankett/form.h"
#include "blankett/json_writer.h"
#include "blankett/result.h"

namespace blankett {

struct validate_options {
  civil_date today{};    // reference date for personnummer answers (the core has no clock)
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

struct validation_result {
  std::vector<issue> issues;
  bool valid() const noexcept { return issues.empty(); }
};

void validate(const form& f, const answer_document& doc, const validate_options& options, validation_result& out);

// The issue's message key, e.g. "validation.max" or "validation.format.date".
std::string issue_key(const form& f, const issue& i);

// Writes the result contract: {valid, issues, calculations, scores, profiles, alerts, routes}.
void write_result(const form& f, const answer_document& doc, const validation_result& r, json_writer& out);

}  // namespace blankett
