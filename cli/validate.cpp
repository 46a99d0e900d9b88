// `blankett validate FORM ANSWERS`: validate an answer document and print the result contract.
#include "blankett/answers.h"
#include "blankett/form.h"
#include "blankett/pnr.h"
#include "blankett/report.h"
#include "blankett/validate.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace blankett::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: blankett validate FORM ANSWERS [--today YYYY-MM-DD] [--page PAGE_ID] [--draft]\n"
    "                         [--subject PERSONNUMMER] [--lang sv|en] [--compact] [--lines]\n"
    "\n"
    "Validates the answer document ANSWERS ({form, version, answers, meta}) against the form FORM and\n"
    "prints the result: {valid, issues, calculations, scores, profiles, alerts, routes}.\n"
    "  --today    reference date for personnummer answers (default: the machine's date)\n"
    "  --page     check only the items on this page\n"
    "  --draft    skip mandatory checks (a page saved before it is complete)\n"
    "  --subject  the person the form is about, for subject_sex() and subject_age()\n"
    "             (default: meta.subject of ANSWERS)\n"
    "  --lines    ANSWERS holds one answer document per line (JSON Lines); one compact result\n"
    "             per line is printed, or {\"error\": ...} for a line that cannot be read\n"
    "Exit status: 0 valid, 1 invalid, 2 usage error or a form or document that cannot be read\n"
    "(--lines: 0 when every document is valid, 1 otherwise).\n";

}  // namespace

int run_validate(int argc, char** argv) {
  common_options o;
  if (!parse_options(argc, argv, {"--draft", "--lines"}, {"--page", "--subject"}, o)) return exit_usage;
  if (o.help) {
    std::fputs(kHelp.data(), stdout);
    return exit_valid;
  }
  if (o.positional.size() != 2) return usage_error("validate takes FORM and ANSWERS", kHelp);
  const std::string& form_path = o.positional[0];
  const std::string& answers_path = o.positional[1];

  const load_options limits;
  file_read form_file = read_file(form_path, limits.max_bytes);
  if (form_file.too_big) {
    std::vector<diagnostic> d{too_large(form_file.size, limits.max_bytes)};
    return input_error(o, "input.form", "the form is too large", form_path, &d);
  }
  if (!form_file.ok) return input_error(o, "io.read", form_file.error, form_path);
  form_load loaded = load_form(form_file.data, limits);
  if (!loaded.ok()) return input_error(o, "input.form", "the form has errors", form_path, &loaded.diagnostics);
  const form& f = *loaded.value;

  validate_options vo;
  vo.today = today(o);
  vo.mandatory = !has_flag(o, "--draft");
  if (auto page_id = value_of(o, "--page")) {
    for (size_t i = 0; i < f.pages.size(); ++i)
      if (f.pages[i].id == *page_id) vo.page = static_cast<int32_t>(i);
    if (vo.page < 0) return input_error(o, "input.page", "the form has no such page", form_path);
  }

  const answer_limits alimits;
  if (has_flag(o, "--lines")) {
    // Many documents of one form, e.g. to compare this core with another on the same inputs.
    file_read all = read_file(answers_path, size_t{1} << 30);
    if (!all.ok) return input_error(o, "io.read", all.too_big ? "the file is too large" : all.error, answers_path);
    answer_reader reader;
    answer_document doc;
    validation_result result;
    std::vector<diagnostic> diags;
    std::string out;
    bool every_valid = true;
    size_t start = 0;
    while (start < all.data.size()) {
      size_t end = all.data.find('\n', start);
      if (end == std::string::npos) end = all.data.size();
      const std::string_view line(all.data.data() + start, end - start);
      start = end + 1;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      diags.clear();
      if (!reader.read(f, line, doc, diags, alimits)) {
        out += "{\"error\":\"input.answers\"}\n";
        every_valid = false;
        continue;
      }
      validate(f, doc, vo, nullptr, result);
      json_writer w(out);
      write_result(f, doc, result, w);
      out += '\n';
      every_valid = every_valid && result.valid();
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return every_valid ? exit_valid : exit_invalid;
  }
  file_read answers_file = read_file(answers_path, alimits.max_bytes);
  std::vector<diagnostic> diags;
  if (answers_file.too_big) {
    diags.push_back(too_large(answers_file.size, alimits.max_bytes));
    return input_error(o, "input.answers", "the answer document is too large", answers_path, &diags);
  }
  if (!answers_file.ok) return input_error(o, "io.read", answers_file.error, answers_path);
  answer_reader reader;
  answer_document doc;
  if (!reader.read(f, answers_file.data, doc, diags, alimits))
    return input_error(o, "input.answers", "the answer document has errors", answers_path, &diags);

  std::optional<pnr> subject;
  if (auto s = value_of(o, "--subject")) {
    auto p = parse_pnr(*s, pnr_options{vo.today, false});
    if (!p) return input_error(o, "input.subject", std::string("--subject is not a valid personnummer (") +
                                                       std::string(error_name(p.error())) + ")", {});
    subject = *p;
  }
  validation_result result;
  validate(f, doc, vo, subject ? &*subject : nullptr, result);
  std::string out;
  json_writer w(out, !o.compact);
  write_result(f, doc, result, w);
  print(out);
  return result.valid() ? exit_valid : exit_invalid;
}

}  // namespace blankett::cli
