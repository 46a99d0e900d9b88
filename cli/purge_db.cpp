// `blankett purge-db DATABASE`: makes deleted answers unreadable in the database's own files.
#include <cstdio>

#include "cli/commands.h"
#include "cli/common.h"
#include "clock.h"
#include "store/store.h"

namespace blankett::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: blankett purge-db DATABASE\n"
    "\n"
    "After answers are deleted (gallrade), their bytes can remain in the database's own files until\n"
    "the space is reused. PostgreSQL: rewrites the tables that hold answers and personal data\n"
    "(VACUUM FULL, which locks each table while it is rewritten: run it at a quiet hour, e.g. nightly)\n"
    "and checkpoints. SQLite: empties the write-ahead log into the database, whose deleted pages are\n"
    "already overwritten (the server does this after each deletion). docs/operations.md says what\n"
    "backups and PostgreSQL's write-ahead log keep.\n"
    "Exit status: 0 done, 2 usage or a database that cannot be opened or is busy.\n";

}  // namespace

int run_purge_db(int argc, char** argv) {
  common_options o;
  if (!parse_options(argc, argv, {}, {}, o)) return exit_usage;
  if (o.help) {
    std::fputs(kHelp.data(), stdout);
    return exit_valid;
  }
  if (o.positional.size() != 1) return usage_error("purge-db takes one DATABASE", kHelp);
  server::system_clock time;
  try {
    server::store db(server::store_options{o.positional[0]}, time);
    db.migrate();
    db.purge();
  } catch (const server::sql::error& e) {
    return input_error(o, "database", e.what(), "");
  }
  print("{\"purged\":true}");
  return exit_valid;
}

}  // namespace blankett::cli
