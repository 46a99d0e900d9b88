// Diagnostics about a whole document (a form definition or an answer document): code, place, params.
//
// A document that does not load yields every diagnostic at once. Each has a stable dotted code that
// is also the message key of its text (messages.h), an RFC 6901 JSON pointer, a 1-based line and
// column (the column counts Unicode characters), and the parameters its message quotes. Parameters
// never hold answer values: answers may be personal data, diagnostics end up in logs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace blankett {

enum class severity : uint8_t { error, warning };

// Rows of the diagnostic table (diagnostic.cpp); the order is the documentation's order.
enum class diag_code : uint8_t {
  input_too_large,
  input_too_many_problems,
  json_syntax,
  json_unexpected_end,
  json_invalid_utf8,
  json_too_deep,
  json_duplicate_key,
  form_unsupported_format,
  form_missing_key,
  form_wrong_type,
  form_invalid_id,
  form_duplicate_id,
  form_unknown_type,
  form_unknown_reference,
  form_missing_translation,
  form_invalid_value,
  form_pattern_syntax,
  form_pattern_too_complex,
  form_too_many_items,
  form_unknown_key,
  form_attribute_not_applicable,
  form_undeclared_language,
  form_cycle,
  expr_syntax,
  expr_unknown_reference,
  expr_unknown_function,
  expr_arity,
  expr_type,
  answers_missing_key,
  answers_wrong_type,
  answers_form_mismatch,
  answers_version_mismatch,
  answers_unknown_key,
  answers_invalid_value,
  count_
};

struct diag_info {
  diag_code code;
  std::string_view name;  // "form.unknown_type": stable, and the message key
  severity level;
};
const diag_info& diag_lookup(diag_code c) noexcept;
inline std::string_view diag_name(diag_code c) noexcept { return diag_lookup(c).name; }

// A named value quoted by a message; `number` says whether JSON output writes it unquoted.
struct diag_param {
  std::string name;
  std::string value;
  bool number = false;
};

struct diagnostic {
  diag_code code{};
  severity level = severity::error;
  std::string pointer;           // RFC 6901; "" is the whole document
  uint32_t line = 0, column = 0;  // 1-based; 0 before locate_diagnostics() has run
  std::vector<diag_param> params;
  std::string related_pointer;  // e.g. the first use of a duplicate id; "" when none
  uint32_t related_line = 0, related_column = 0;
  bool at_key = false;     // locate the member's key rather than its value (unknown keys)
  uint32_t occurrence = 0;  // with a repeated key, which of its occurrences the pointer means
  uint32_t inner = 0;       // expressions: byte offset + 1 inside the string value (0: the value itself)
};

struct diagnostics_summary {
  size_t errors = 0, warnings = 0;
};
diagnostics_summary summarize(const std::vector<diagnostic>& diags) noexcept;

// input.too_large at 1:1 for a document of `size` bytes over `limit`.
diagnostic too_large(size_t size, size_t limit);
// input.too_many_problems: `total` problems found, only the first `kept` reported.
diagnostic too_many_problems(size_t total, size_t kept);

// Appends an RFC 6901 reference token (escaping '~' and '/') to a pointer.
void pointer_append(std::string& pointer, std::string_view token);
void pointer_append(std::string& pointer, size_t index);

}  // namespace blankett
