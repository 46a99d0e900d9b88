// JSON reports of diagnostics: what `blankett check` prints and what the server returns for a form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "blankett/diagnostic.h"
#include "blankett/form.h"
#include "blankett/json_writer.h"

namespace blankett {

// One diagnostic: {severity, code, pointer, line, column, message, params{}, related?}.
void write_diagnostic(const diagnostic& d, std::string_view language, json_writer& out);
// [diagnostic, ...]
void write_diagnostics(const std::vector<diagnostic>& diags, std::string_view language, json_writer& out);

// One line for logs and exceptions to the rule: "2 errors, 1 warning; first: form.missing_key at
// 1:1 (\"id\" is missing.)". The first error is named (the first warning when there is none).
std::string diagnostic_summary(const std::vector<diagnostic>& diags, std::string_view language = "en");

// {valid, errors, warnings, diagnostics, form?}: `form` summarises a loaded form (id, version,
// languages, pages, items, questions).
void write_check(const form_load& loaded, std::string_view language, json_writer& out);

}  // namespace blankett
