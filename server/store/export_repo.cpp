// The export area (repos.h export_repo): exported answers kept for the staff member who made them.
#include "store/batch.h"
#include "store/repos.h"

namespace blankett::server {
namespace {

constexpr const char* kColumns = "SELECT id, unit_id, staff_id, kind, name, answers, size, created_at, expires_at FROM exports ";

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
  return e;
}

}  // namespace

int64_t export_repo::add(const export_file& e, std::string_view content, const std::vector<int64_t>& instances) {
  sql::statement insert = c_.prepare(
      "INSERT INTO exports (unit_id, staff_id, kind, name, answers, size, content, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.args(e.unit_id, e.staff_id, e.kind, e.name, static_cast<int64_t>(instances.size()), static_cast<int64_t>(content.size()));
  insert.bind_blob(7, content).bind(8, now_).bind(9, e.expires_at);
  const int64_t id = insert.returned_id();
  for_each_batch(instances.size(), [&](size_t first, size_t count) {
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
  return id;
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
