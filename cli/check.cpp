// `blankett check FORM`: load a form definition and report every diagnostic.
#include "blankett/form.h"
#include "blankett/report.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace blankett::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: blankett check FORM [--lang sv|en] [--compact]\n"
    "\n"
    "Loads the form definition FORM (JSON, docs/form-format.md) and prints every problem at once:\n"
    "{valid, errors, warnings, diagnostics: [{severity, code, pointer, line, column, message, params}],\n"
    " form: {id, version, languages, pages, items, questions}}.\n"
    "Exit status: 0 the form loads (warnings allowed), 1 it has errors, 2 usage or unreadable file.\n";

}  // namespace

int run_check(int argc, char** argv) {
  common_options o;
  if (!parse_options(argc, argv, {}, {}, o)) return exit_usage;
  if (o.help) {
    std::fputs(kHelp.data(), stdout);
    return exit_valid;
  }
  if (o.positional.size() != 1) return usage_error("check takes one FORM", kHelp);
  const std::string& path = o.positional[0];
  const load_options limits;
  form_load loaded;
  file_read file = read_file(path, limits.max_bytes);
  if (file.too_big) {
    loaded.diagnostics.push_back(too_large(file.size, limits.max_bytes));
  } else if (!file.ok) {
    return input_error(o, "io.read", file.error, path);
  } else {
    loaded = load_form(file.data, limits);
  }
  std::string out;
  json_writer w(out, !o.compact);
  write_check(loaded, o.language, w);
  print(out);
  return loaded.ok() ? exit_valid : exit_invalid;
}

}  // namespace blankett::cli
