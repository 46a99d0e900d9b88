// Checking one answer against its item, for the logic's per-item issue nodes.
#pragma once

#include <vector>

#include "blankett/answers.h"
#include "blankett/dates.h"
#include "blankett/form.h"
#include "blankett/validate.h"

namespace blankett {

// Appends the issues of item `index`'s answer to `out`. `required`: the item is mandatory now
// (visible, mandatory or required_if, and not a draft). `today` checks personnummer answers.
void check_answer_rules(const form& f, const answer_document& doc, uint32_t index, bool required, civil_date today,
                        std::vector<issue>& out);
inline void check_answer(const form& f, const answer_document& doc, uint32_t index, bool required, civil_date today,
                         std::vector<issue>& out) {
  // A readable single choice or yes/no has no rule left to break: the common case, kept cheap.
  const answer& a = doc.answers[index];
  if (a.readable() && (a.kind == value_kind::choice || a.kind == value_kind::boolean)) return;
  if (!a.answered() && a.problem == rule::count_ && type_info(f.items[index].type).value != value_kind::matrix) {
    if (required) out.push_back(issue{index, rule::mandatory});
    return;
  }
  check_answer_rules(f, doc, index, required, today, out);
}

}  // namespace blankett
