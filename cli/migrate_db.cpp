// `blankett migrate-db FROM TO`: copies a whole installation between databases (SQLite and PostgreSQL,
// either way), checked by each table's row count and checksum on both sides.
#include <cstdio>

#include "cli/commands.h"
#include "cli/common.h"
#include "clock.h"
#include "store/copy.h"

namespace blankett::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: blankett migrate-db FROM TO [--compact]\n"
    "\n"
    "Copies every table of the Blankett database FROM into TO, ids and all, in one transaction:\n"
    "an SQLite file into PostgreSQL (postgresql://HOST:PORT/NAME?user=...), back, or between two of\n"
    "a kind. TO is created or migrated to the current schema first and must be empty. Stop the\n"
    "servers that use FROM before copying. Then every table's rows are counted and checksummed on\n"
    "both sides and printed: {ok, source: [{table, rows, checksum}], target: [...]}.\n"
    "Exit status: 0 copied and identical, 1 the copy differs, 2 usage, a database that cannot be\n"
    "opened, or a target that is not empty.\n";

void write_checks(json_writer& w, const std::vector<server::table_check>& checks) {
  w.begin_array();
  for (const auto& c : checks) {
    w.begin_object().key("table").value(std::string_view(c.table)).key("rows").value(c.rows);
    w.key("checksum").value(std::string_view(c.checksum)).end_object();
  }
  w.end_array();
}

}  // namespace

int run_migrate_db(int argc, char** argv) {
  common_options o;
  if (!parse_options(argc, argv, {}, {}, o)) return exit_usage;
  if (o.help) {
    std::fputs(kHelp.data(), stdout);
    return exit_valid;
  }
  if (o.positional.size() != 2) return usage_error("migrate-db takes FROM and TO", kHelp);
  if (o.positional[0] == o.positional[1]) return usage_error("FROM and TO are the same database", kHelp);
  server::system_clock time;
  server::copy_result r;
  try {
    server::store from(server::store_options{o.positional[0]}, time);
    server::store to(server::store_options{o.positional[1]}, time);
    r = server::copy_database(from, to);
  } catch (const server::sql::error& e) {
    return input_error(o, "database", e.what(), "");
  }
  if (!r.ok && r.source.empty()) return input_error(o, "migrate.refused", r.error, "");
  std::string out;
  json_writer w(out, !o.compact);
  w.begin_object().key("ok").value(r.ok);
  if (!r.ok) w.key("error").value(std::string_view(r.error));
  w.key("source");
  write_checks(w, r.source);
  w.key("target");
  write_checks(w, r.target);
  w.end_object();
  print(out);
  return r.ok ? exit_valid : exit_invalid;
}

}  // namespace blankett::cli
