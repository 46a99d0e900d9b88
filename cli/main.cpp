// `blankett`: the command line of Blankett; dispatches to one subcommand.
#include <cstdio>
#include <string_view>

#include "cli/commands.h"
#include "cli/common.h"

namespace {

constexpr std::string_view kHelp =
    "usage: blankett COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  check FORM               load a form definition and report every problem\n"
    "  validate FORM ANSWERS    validate an answer document; print the result\n"
    "  render FORM [ANSWERS]    what the citizen sees: the render model (JSON) or a star profile (SVG)\n"
    "  pnr NUMBER... | -        check personnummer and samordningsnummer\n"
    "  serve [options]          run the server (API and web apps); see `blankett serve --help`\n"
    "  migrate-db FROM TO       copy a whole database (SQLite <-> PostgreSQL), checked by checksums\n"
    "  purge-db DATABASE        make deleted answers unreadable in the database's own files\n"
    "\n"
    "Every command prints JSON on stdout and exits 0 (valid), 1 (invalid) or 2 (usage or input\n"
    "error). `blankett COMMAND --help` describes a command.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace blankett::cli;
  if (argc < 2) return usage_error("a command is needed", kHelp);
  const std::string_view cmd = argv[1];
  if (cmd == "-h" || cmd == "--help" || cmd == "help") {
    std::fputs(kHelp.data(), stdout);
    return exit_valid;
  }
  if (cmd == "--version") {
    std::puts("blankett 0.1.0 (form format 1)");
    return exit_valid;
  }
  if (cmd == "check") return run_check(argc - 2, argv + 2);
  if (cmd == "validate") return run_validate(argc - 2, argv + 2);
  if (cmd == "pnr") return run_pnr(argc - 2, argv + 2);
  if (cmd == "render") return run_render(argc - 2, argv + 2);
  if (cmd == "serve" || cmd == "migrate-db" || cmd == "purge-db") {
#ifdef BLANKETT_HAVE_SERVER
    if (cmd == "serve") return run_serve(argc - 2, argv + 2);
    if (cmd == "migrate-db") return run_migrate_db(argc - 2, argv + 2);
    return run_purge_db(argc - 2, argv + 2);
#else
    return usage_error("this build has no server (WebAssembly)", kHelp);
#endif
  }
  return usage_error("unknown command", kHelp);
}
