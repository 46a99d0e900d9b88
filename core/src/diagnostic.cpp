// The diagnostic table: code, stable name and severity of every diagnostic the core reports.
#include "blankett/diagnostic.h"

#include <array>

#include "blankett/result.h"

namespace blankett {
namespace {

using enum diag_code;
constexpr std::array<diag_info, static_cast<size_t>(diag_code::count_)> kDiagnostics{{
    {input_too_large, "input.too_large", severity::error},
    {input_too_many_problems, "input.too_many_problems", severity::error},
    {json_syntax, "json.syntax", severity::error},
    {json_unexpected_end, "json.unexpected_end", severity::error},
    {json_invalid_utf8, "json.invalid_utf8", severity::error},
    {json_too_deep, "json.too_deep", severity::error},
    {json_duplicate_key, "json.duplicate_key", severity::error},
    {form_unsupported_format, "form.unsupported_format", severity::error},
    {form_missing_key, "form.missing_key", severity::error},
    {form_wrong_type, "form.wrong_type", severity::error},
    {form_invalid_id, "form.invalid_id", severity::error},
    {form_duplicate_id, "form.duplicate_id", severity::error},
    {form_unknown_type, "form.unknown_type", severity::error},
    {form_unknown_reference, "form.unknown_reference", severity::error},
    {form_missing_translation, "form.missing_translation", severity::error},
    {form_invalid_value, "form.invalid_value", severity::error},
    {form_pattern_syntax, "form.pattern_syntax", severity::error},
    {form_pattern_too_complex, "form.pattern_too_complex", severity::error},
    {form_too_many_items, "form.too_many_items", severity::error},
    {form_unknown_key, "form.unknown_key", severity::warning},
    {form_attribute_not_applicable, "form.attribute_not_applicable", severity::warning},
    {form_undeclared_language, "form.undeclared_language", severity::warning},
    {form_cycle, "form.cycle", severity::error},
    {expr_syntax, "expr.syntax", severity::error},
    {expr_unknown_reference, "expr.unknown_reference", severity::error},
    {expr_unknown_function, "expr.unknown_function", severity::error},
    {expr_arity, "expr.arity", severity::error},
    {expr_type, "expr.type", severity::error},
    {answers_missing_key, "answers.missing_key", severity::error},
    {answers_wrong_type, "answers.wrong_type", severity::error},
    {answers_form_mismatch, "answers.form_mismatch", severity::error},
    {answers_version_mismatch, "answers.version_mismatch", severity::error},
    {answers_unknown_key, "answers.unknown_key", severity::warning},
    {answers_invalid_value, "answers.invalid_value", severity::error},
}};

constexpr bool table_in_order() {
  for (size_t i = 0; i < kDiagnostics.size(); ++i)
    if (static_cast<size_t>(kDiagnostics[i].code) != i) return false;
  return true;
}
static_assert(table_in_order(), "kDiagnostics rows must follow diag_code's order");

}  // namespace

const diag_info& diag_lookup(diag_code c) noexcept {
  BLANKETT_ASSERT(c < diag_code::count_);
  return kDiagnostics[static_cast<size_t>(c)];
}

diagnostics_summary summarize(const std::vector<diagnostic>& diags) noexcept {
  diagnostics_summary s;
  for (const auto& d : diags) (d.level == severity::error ? s.errors : s.warnings)++;
  return s;
}

diagnostic too_large(size_t size, size_t limit) {
  diagnostic d;
  d.code = diag_code::input_too_large;
  d.line = d.column = 1;
  d.params = {{"size", std::to_string(size), true}, {"limit", std::to_string(limit), true}};
  return d;
}

diagnostic too_many_problems(size_t total, size_t kept) {
  diagnostic d;
  d.code = diag_code::input_too_many_problems;
  d.line = d.column = 1;
  d.params = {{"total", std::to_string(total), true}, {"kept", std::to_string(kept), true}};
  return d;
}

void pointer_append(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (char c : token) {
    if (c == '~') pointer += "~0";
    else if (c == '/') pointer += "~1";
    else pointer += c;
  }
}

void pointer_append(std::string& pointer, size_t index) {
  pointer += '/';
  pointer += std::to_string(index);
}

}  // namespace blankett
