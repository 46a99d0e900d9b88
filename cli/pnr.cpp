// `blankett pnr NUMBER...`: check personnummer and samordningsnummer, print them as 12 digits.
#include <iostream>

#include "blankett/pnr.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace blankett::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: blankett pnr [--today YYYY-MM-DD] [--allow-interim] [--compact] NUMBER... | -\n"
    "\n"
    "Checks each personnummer or samordningsnummer (YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDDNNNC,\n"
    "YYYYMMDD-NNNC, YYYYMMDD+NNNC); '-' reads one number per line from standard input. Prints a JSON\n"
    "array in input order; a valid entry has kind, the 12-digit and 10-digit forms, sex, birth date and\n"
    "age; an invalid one only its error code (numbers are never echoed in errors).\n"
    "  --today          reference date for the century, '+' and age (default: the machine's date)\n"
    "  --allow-interim  accept interim numbers (a letter in the birth number)\n"
    "Exit status: 0 all valid, 1 some invalid, 2 usage error.\n";

}  // namespace

int run_pnr(int argc, char** argv) {
  common_options o;
  if (!parse_options(argc, argv, {"--allow-interim"}, {}, o)) return exit_usage;
  if (o.help) {
    std::fputs(kHelp.data(), stdout);
    return exit_valid;
  }
  std::vector<std::string> numbers;
  for (const auto& p : o.positional) {
    if (p == "-") {
      std::string line;
      while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) numbers.push_back(line);
      }
    } else {
      numbers.push_back(p);
    }
  }
  if (numbers.empty()) return usage_error("pnr takes at least one NUMBER (or - for standard input)", kHelp);

  const pnr_options opt{today(o), has_flag(o, "--allow-interim")};
  // One entry per line keeps large outputs readable and diffable.
  std::string out = "[";
  out.reserve(numbers.size() * 160);
  bool all_valid = true;
  for (size_t i = 0; i < numbers.size(); ++i) {
    out += i == 0 ? "" : ",";
    if (!o.compact) out += "\n  ";
    auto r = parse_pnr(numbers[i], opt);
    json_writer w(out, false);
    w.begin_object();
    w.key("valid").value(r.ok());
    if (r) {
      const pnr& p = *r;
      w.key("kind").value(pnr_kind_name(p.kind));
      w.key("number").value(p.twelve());
      w.key("ten").value(std::string_view(p.ten(opt.today)));
      w.key("sex").value(p.sex == pnr_sex::male ? "male" : "female");
      w.key("birth_year").value(p.birth_year);
      w.key("birth_month").value(static_cast<int>(p.birth_month));
      w.key("birth_day").value(static_cast<int>(p.birth_day));
      w.key("age").value(p.age_on(opt.today));
    } else {
      all_valid = false;
      w.key("error").value(error_name(r.error()));
    }
    w.end_object();
  }
  out += o.compact ? "]" : "\n]";
  print(out);
  return all_valid ? exit_valid : exit_invalid;
}

}  // namespace blankett::cli
