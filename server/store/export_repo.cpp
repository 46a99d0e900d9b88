// The export area (repos.h export_repo): exported answers kept for the staff member who made them.
#include <algorithm>

#include "store/batch.h"
#include "store/repos.h"

namespace blankett::server {
namespace {

constexpr const char* kColumns =
    "SELECT id, unit_id, staff_id, kind, name, answers, size, created_at, expires_at, state, done, total, error FROM exports ";

export_file row_of(const sql::statement& st) {
  export_file e;
  e.id = st.integer(0);
  e.unit_id = st.integer(1);
  e.staff_id = st.integer(2);
  e.kind = st.text(3);
  e.name = st.text(4);
  e.answers = st.integer(5);
  e.size = st.integer(6);
  e.created_at = st.text(7);
  e.expires_at = st.text(8);
  e.state = st.text(9);
  e.done = st.integer(10);
  e.total = st.integer(11);
  e.error = st.text_or_null(12);
  return e;
}

}  // namespace

int64_t export_repo::add(const export_file& e, std::string_view content, const std::vector<int64_t>& instances,
                         std::string_view options) {
  const bool running = e.state == "running";
  const auto n = static_cast<int64_t>(instances.size());
  sql::statement insert = c_.prepare(
      "INSERT INTO exports (unit_id, staff_id, kind, name, answers, size, content, created_at, expires_at, state, done, total, options) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.args(e.unit_id, e.staff_id, e.kind, e.name, n, static_cast<int64_t>(content.size()));
  insert.bind_blob(7, content).bind(8, now_).bind(9, e.expires_at).bind(10, e.state).bind(11, running ? int64_t{0} : n).bind(12, n);
  insert.bind(13, options);
  const int64_t id = insert.returned_id();
  if (instances.size() > 64) {
    // Many answers (a CSV export of 100,000): one statement over a JSON array of the ids rather than
    // a round trip per 64 rows.
    const bool pg = c_.kind() == sql::backend::postgresql;
    std::string list = pg ? "{" : "[";  // an array of bigint on PostgreSQL, JSON on SQLite
    for (size_t i = 0; i < instances.size(); ++i) list += (i ? "," : "") + std::to_string(instances[i]);
    list += pg ? "}" : "]";
    c_.prepare(pg ? "INSERT INTO export_instances (export_id, instance_id) SELECT CAST(? AS BIGINT), unnest(CAST(? AS BIGINT[]))"
                  : "INSERT INTO export_instances (export_id, instance_id) SELECT ?, value FROM json_each(?)")
        .args(id, list)
        .run();
  } else for_each_batch(instances.size(), [&](size_t first, size_t count) {
    sql::statement st = c_.prepare("INSERT INTO export_instances (export_id, instance_id) VALUES " + value_rows(count, 2));
    int k = 0;
    for (size_t i = first; i < first + count; ++i) {
      st.bind(++k, id);
      st.bind(++k, instances[i]);
    }
    st.run();
  });
  // SQLite gives a deleted export's id to the next one: its expiry job (done or not) is then this one's.
  c_.prepare(
        "INSERT INTO jobs (kind, key, due_at) VALUES ('export_expiry', ?, ?) ON CONFLICT (kind, key) DO UPDATE SET "
        "due_at = excluded.due_at, done_at = NULL, claimed_by = NULL, lease_until = NULL, attempts = 0, last_error = NULL")
      .args(std::to_string(id), e.expires_at)
      .run();
  // The same for the job that writes a running export's file (due now).
  if (running)
    c_.prepare(
          "INSERT INTO jobs (kind, key, due_at) VALUES ('csv_export', ?, ?) ON CONFLICT (kind, key) DO UPDATE SET "
          "due_at = excluded.due_at, done_at = NULL, claimed_by = NULL, lease_until = NULL, attempts = 0, last_error = NULL")
        .args(std::to_string(id), now_)
        .run();
  return id;
}

std::string export_repo::options(int64_t id) {
  sql::statement st = c_.prepare("SELECT options FROM exports WHERE id = ?");
  st.args(id);
  return st.step() ? st.text(0) : std::string("{}");
}

bool export_repo::progress(int64_t id, int64_t done) {
  return c_.prepare("UPDATE exports SET done = ? WHERE id = ? AND state = 'running'").args(done, id).execute() == 1;
}

bool export_repo::finish(int64_t id, std::string_view content) {
  sql::statement st = c_.prepare("UPDATE exports SET state = 'ready', done = total, content = ?, size = ? WHERE id = ? AND state = 'running'");
  st.bind_blob(1, content).bind(2, static_cast<int64_t>(content.size())).bind(3, id);
  return st.execute() == 1;
}

bool export_repo::fail(int64_t id, std::string_view error) {
  return c_.prepare("UPDATE exports SET state = 'failed', error = ? WHERE id = ? AND state = 'running'").args(error, id).execute() == 1;
}

std::vector<std::pair<int64_t, int64_t>> export_repo::versions(int64_t id) {
  sql::statement st = c_.prepare(
      "SELECT DISTINCT v.id, v.version FROM export_instances e JOIN instances i ON i.id = e.instance_id "
      "JOIN template_versions v ON v.id = i.version_id WHERE e.export_id = ? ORDER BY v.version");
  st.args(id);
  std::vector<std::pair<int64_t, int64_t>> out;
  while (st.step()) out.emplace_back(st.integer(0), st.integer(1));
  return out;
}

std::vector<export_answer> export_repo::answers(int64_t id, int64_t after, int64_t limit, bool identify) {
  sql::statement st = c_.prepare(
      std::string("SELECT i.id, i.version_id, v.version, i.created_at, i.submitted_at, i.answered_by, i.answers, i.measurements, i.result") +
      (identify ? ", c.name, c.pnr " : " ") +
      "FROM export_instances e JOIN instances i ON i.id = e.instance_id JOIN template_versions v ON v.id = i.version_id " +
      (identify ? "LEFT JOIN citizens c ON c.id = i.citizen_id " : "") + "WHERE e.export_id = ? AND e.instance_id > ? ORDER BY e.instance_id LIMIT ?");
  st.args(id, after, limit);
  std::vector<export_answer> out;
  out.reserve(static_cast<size_t>(std::max<int64_t>(0, std::min<int64_t>(limit, 10000))));
  while (st.step()) {
    export_answer a;
    a.id = st.integer(0);
    a.version_id = st.integer(1);
    a.version = st.integer(2);
    a.created_at = st.text(3);
    a.submitted_at = st.text_or_null(4);
    if (!st.is_null(5)) a.answered_by = parse_name<answerer>(st.text(5));
    a.answers = st.text(6);
    a.measurements = st.text(7);
    a.result = st.text_or_null(8);
    if (identify && !st.is_null(10)) a.subject = person{st.text(9), st.text(10)};
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<export_file> export_repo::of_staff(int64_t staff, int64_t unit) {
  sql::statement st = c_.prepare(std::string(kColumns) + "WHERE staff_id = ? AND unit_id = ? ORDER BY id DESC");
  st.args(staff, unit);
  std::vector<export_file> out;
  while (st.step()) out.push_back(row_of(st));
  return out;
}

std::optional<export_file> export_repo::find(int64_t id) {
  sql::statement st = c_.prepare(std::string(kColumns) + "WHERE id = ?");
  st.args(id);
  if (!st.step()) return std::nullopt;
  return row_of(st);
}

std::optional<std::string> export_repo::content(int64_t id) {
  sql::statement st = c_.prepare("SELECT content FROM exports WHERE id = ?");
  st.args(id);
  if (!st.step()) return std::nullopt;
  return st.blob(0);
}

bool export_repo::remove(int64_t id) { return c_.prepare("DELETE FROM exports WHERE id = ?").args(id).execute() == 1; }

}  // namespace blankett::server
