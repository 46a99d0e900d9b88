// JSON reports of diagnostics: what `blankett check` prints and what the server returns for a form.
#pragma once

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

// {valid, errors, warnings, diagnostics, form?}: `form` summarises a loaded form (id, version,
// languages, pages, items, questions).
void write_check(const form_load& loaded, std::string_view language, json_writer& out);

}  // namespace blankett
