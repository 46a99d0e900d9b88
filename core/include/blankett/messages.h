// Texts for message keys, in Swedish and English: diagnostics, validation issues.
//
// Message keys, not sentences, leave the core (DESIGN.md rule 2); the front ends turn them into text
// with these tables. Fallback: the requested language if the table has it, else Swedish. A key with a
// refinement is looked up most specific first: "form.invalid_value" with reason "max_below_min" uses
// "form.invalid_value.max_below_min" when that row exists. Parameters fill "{name}" placeholders.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "blankett/diagnostic.h"
#include "blankett/form.h"
#include "blankett/validate.h"

namespace blankett {

inline constexpr std::string_view kMessageLanguages[] = {"sv", "en"};

struct message_row {
  std::string_view key, sv, en;
};
std::span<const message_row> message_table() noexcept;

// The text of `key` in `language`, placeholders filled from `params`.
std::string message_text(std::string_view key, std::string_view language, std::span<const diag_param> params);

// The text of a diagnostic (its code refined by a "reason" parameter when there is one).
std::string diagnostic_text(const diagnostic& d, std::string_view language);

// The text of a validation issue: the item's custom message for the rule if the form has one (in
// `language`, else the form's default language), else the table's text.
std::string issue_text(const form& f, const issue& i, std::string_view language);

}  // namespace blankett
