// JSON reports of diagnostics and of a checked form.
#include "blankett/report.h"

#include "blankett/messages.h"

namespace blankett {

void write_diagnostic(const diagnostic& d, std::string_view language, json_writer& out) {
  out.begin_object();
  out.key("severity").value(d.level == severity::error ? "error" : "warning");
  out.key("code").value(diag_name(d.code));
  out.key("pointer").value(std::string_view(d.pointer));
  out.key("line").value(d.line);
  out.key("column").value(d.column);
  out.key("message").value(std::string_view(diagnostic_text(d, language)));
  out.key("params").begin_object();
  for (const auto& p : d.params) {
    out.key(p.name);
    if (p.number) out.raw(p.value);
    else out.value(std::string_view(p.value));
  }
  out.end_object();
  if (!d.related_pointer.empty()) {
    out.key("related").begin_object();
    out.key("pointer").value(std::string_view(d.related_pointer));
    out.key("line").value(d.related_line);
    out.key("column").value(d.related_column);
    out.end_object();
  }
  out.end_object();
}

void write_diagnostics(const std::vector<diagnostic>& diags, std::string_view language, json_writer& out) {
  out.begin_array();
  for (const auto& d : diags) write_diagnostic(d, language, out);
  out.end_array();
}

std::string diagnostic_summary(const std::vector<diagnostic>& diags, std::string_view language) {
  const auto sum = summarize(diags);
  auto count = [](size_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  };
  std::string out;
  if (sum.errors) out += count(sum.errors, "error");
  if (sum.warnings) out += (out.empty() ? "" : ", ") + count(sum.warnings, "warning");
  if (out.empty()) return "no problems";
  const diagnostic* first = nullptr;
  for (const auto& d : diags)
    if (!first || (first->level != severity::error && d.level == severity::error)) first = &d;
  out += "; first: " + std::string(diag_name(first->code)) + " at " + std::to_string(first->line) + ":" +
         std::to_string(first->column) + " (" + diagnostic_text(*first, language) + ")";
  return out;
}

void write_check(const form_load& loaded, std::string_view language, json_writer& out) {
  const auto sum = summarize(loaded.diagnostics);
  out.begin_object();
  out.key("valid").value(loaded.ok());
  out.key("errors").value(sum.errors);
  out.key("warnings").value(sum.warnings);
  out.key("diagnostics");
  write_diagnostics(loaded.diagnostics, language, out);
  if (loaded.ok()) {
    const form& f = *loaded.value;
    size_t questions = 0;
    for (const auto& it : f.items) questions += type_info(it.type).value != value_kind::none;
    out.key("form").begin_object();
    out.key("id").value(std::string_view(f.id));
    out.key("version").value(f.version);
    out.key("languages").begin_array();
    for (const auto& l : f.languages) out.value(std::string_view(l));
    out.end_array();
    out.key("pages").value(f.pages.size());
    out.key("items").value(f.items.size());
    out.key("questions").value(questions);
    out.end_object();
  }
  out.end_object();
}

}  // namespace blankett
