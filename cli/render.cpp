// `blankett render FORM [ANSWERS]`: the render model (JSON) or the star profile (SVG) of a form.
#include <cstdio>

#include "blankett/answers.h"
#include "blankett/form.h"
#include "blankett/logic.h"
#include "blankett/pnr.h"
#include "blankett/render.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace blankett::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: blankett render FORM [ANSWERS] [--lang sv|en] [--state] [--staff] [--draft]\n"
    "                       [--html] [--svg PROFILE_INDEX] [--today YYYY-MM-DD] [--compact]\n"
    "\n"
    "Prints what a citizen sees of the form FORM with the answers ANSWERS (none: an empty form): the\n"
    "render model as JSON (docs/render-model.md), or with --svg the star profile as SVG.\n"
    "  --state    only the state (visibility, numbers, required, issues, calculations)\n"
    "  --staff    the staff's view of calculations (all of them, with the staff texts)\n"
    "  --draft    no mandatory issues (a form being filled in)\n"
    "  --html     the form with its answers as an HTML document (for printing)\n"
    "  --svg      draw profile number PROFILE_INDEX (0 is the first) as SVG\n"
    "Exit status: 0, or 2 on a usage error or a form or document that cannot be read.\n";

}  // namespace

int run_render(int argc, char** argv) {
  common_options o;
  if (!parse_options(argc, argv, {"--state", "--staff", "--draft", "--html"}, {"--svg"}, o)) return exit_usage;
  if (o.help) {
    std::fputs(kHelp.data(), stdout);
    return exit_valid;
  }
  if (o.positional.empty() || o.positional.size() > 2) return usage_error("render takes FORM and optionally ANSWERS", kHelp);
  const load_options limits;
  file_read form_file = read_file(o.positional[0], limits.max_bytes);
  if (!form_file.ok) return input_error(o, "io.read", form_file.too_big ? "the form is too large" : form_file.error, o.positional[0]);
  form_load loaded = load_form(form_file.data, limits);
  if (!loaded.ok()) return input_error(o, "input.form", "the form has errors", o.positional[0], &loaded.diagnostics);
  const form& f = *loaded.value;

  answer_reader reader;
  answer_document doc;
  std::vector<diagnostic> diags;
  std::string answers_text = "{\"form\":\"\",\"version\":0,\"answers\":{}}";
  const answer_limits alimits;
  if (o.positional.size() == 2) {
    file_read a = read_file(o.positional[1], alimits.max_bytes);
    if (!a.ok) return input_error(o, "io.read", a.too_big ? "the answer document is too large" : a.error, o.positional[1]);
    answers_text = std::move(a.data);
  } else {
    answers_text = "{\"form\":\"" + f.id + "\",\"version\":" + std::to_string(f.version) + ",\"answers\":{}}";
  }
  if (!reader.read(f, answers_text, doc, diags, alimits))
    return input_error(o, "input.answers", "the answer document has errors", o.positional.size() == 2 ? o.positional[1] : "", &diags);

  evaluation ev(f);
  evaluation_options eo;
  eo.today = today(o);
  eo.mandatory = !has_flag(o, "--draft");
  ev.set_options(eo);
  ev.evaluate(doc);
  // The form's default language unless --lang names one (the common option defaults to English).
  bool lang_given = false;
  for (int i = 0; i < argc; ++i) lang_given = lang_given || std::string_view(argv[i]) == "--lang";
  const std::string lang = lang_given ? o.language : std::string();
  if (auto svg = value_of(o, "--svg")) {
    const std::string n(*svg);  // digits only, checked before stoul
    if (n.empty() || n.find_first_not_of("0123456789") != std::string::npos || std::stoul(n) >= f.profiles.size())
      return input_error(o, "input.profile", "the form has no such profile", o.positional[0]);
    std::fputs(render_profile_svg(f, ev, std::stoul(n), lang).c_str(), stdout);
    std::fputc('\n', stdout);
    return exit_valid;
  }
  render_options ro;
  ro.language = lang;
  ro.citizen = !has_flag(o, "--staff");
  if (has_flag(o, "--html")) {
    std::fputs(render_html(f, ev, ro).c_str(), stdout);
    return exit_valid;
  }
  std::string out;
  json_writer w(out, !o.compact);
  if (has_flag(o, "--state")) write_render_state(f, ev, ro, w);
  else write_render_model(f, ev, ro, w);
  print(out);
  return exit_valid;
}

}  // namespace blankett::cli
