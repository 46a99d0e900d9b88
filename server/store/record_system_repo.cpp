// Record systems (journalsystem): the unit's API clients, their keys' hashes, and the forms they created.
#include "store/repos.h"

namespace blankett::server {
namespace {

record_system system_of(const sql::statement& st) {
  return record_system{st.integer(0), st.integer(1), st.text(2), st.text(3), st.text_or_null(4)};
}

}  // namespace

int64_t record_system_repo::create(int64_t unit, std::string_view name, std::string_view key_hash) {
  return c_.prepare("INSERT INTO record_systems (unit_id, name, key_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id")
      .args(unit, name, key_hash, now_)
      .returned_id();
}

std::vector<record_system> record_system_repo::at_unit(int64_t unit) {
  sql::statement st = c_.prepare("SELECT id, unit_id, name, created_at, revoked_at FROM record_systems WHERE unit_id = ? ORDER BY id");
  st.args(unit);
  std::vector<record_system> out;
  while (st.step()) out.push_back(system_of(st));
  return out;
}

std::optional<record_system> record_system_repo::by_key(std::string_view key_hash) {
  sql::statement st =
      c_.prepare("SELECT id, unit_id, name, created_at, revoked_at FROM record_systems WHERE key_hash = ? AND revoked_at IS NULL");
  st.args(key_hash);
  if (!st.step()) return std::nullopt;
  return system_of(st);
}

bool record_system_repo::revoke(int64_t id, int64_t unit) {
  return c_.prepare("UPDATE record_systems SET revoked_at = ? WHERE id = ? AND unit_id = ? AND revoked_at IS NULL")
             .args(now_, id, unit)
             .execute() == 1;
}

void record_system_repo::set_origin(int64_t instance, int64_t system, const std::optional<std::string>& external_ref) {
  c_.prepare("UPDATE instances SET record_system_id = ?, external_ref = ? WHERE id = ?").args(system, external_ref, instance).run();
}

std::pair<std::optional<int64_t>, std::optional<std::string>> record_system_repo::origin(int64_t instance) {
  sql::statement st = c_.prepare("SELECT record_system_id, external_ref FROM instances WHERE id = ?");
  st.args(instance);
  if (!st.step()) return {};
  return {st.integer_or_null(0), st.text_or_null(1)};
}

std::vector<record_form_row> record_system_repo::forms(const record_form_filter& f) {
  // Only the filters given are in the statement.
  std::string q =
      "SELECT i.id, t.id, v.version, i.state, COALESCE(c.pnr, ''), i.created_at, i.updated_at, i.submitted_at, i.answer_by, "
      "i.external_ref, i.record_system_id "
      "FROM instances i JOIN template_versions v ON v.id = i.version_id JOIN templates t ON t.id = v.template_id "
      "LEFT JOIN citizens c ON c.id = i.citizen_id WHERE i.unit_id = ?";
  if (f.pnr) q += " AND i.citizen_id = (SELECT id FROM citizens WHERE pnr = ?)";
  if (f.template_id) q += " AND t.id = ?";
  if (f.state) q += " AND i.state = ?";
  if (f.changed_since) q += " AND i.updated_at >= ?";
  if (f.after_updated) q += " AND (i.updated_at > ? OR (i.updated_at = ? AND i.id > ?))";
  q += " ORDER BY i.updated_at, i.id LIMIT ?";
  sql::statement st = c_.prepare(q);
  int k = 0;
  st.bind(++k, f.unit_id);
  if (f.pnr) st.bind(++k, *f.pnr);
  if (f.template_id) st.bind(++k, *f.template_id);
  if (f.state) st.bind(++k, name(*f.state));
  if (f.changed_since) st.bind(++k, *f.changed_since);
  if (f.after_updated) {
    st.bind(++k, *f.after_updated);
    st.bind(++k, *f.after_updated);
    st.bind(++k, f.after_id);
  }
  st.bind(++k, f.limit);
  std::vector<record_form_row> out;
  while (st.step()) {
    record_form_row r;
    r.id = st.integer(0);
    r.template_id = st.integer(1);
    r.version = st.integer(2);
    r.state = parse_name<instance_state>(st.text(3)).value_or(instance_state::cancelled);
    r.pnr = st.text(4);
    r.created_at = st.text(5);
    r.updated_at = st.text(6);
    r.submitted_at = st.text_or_null(7);
    r.answer_by = st.text_or_null(8);
    r.external_ref = st.text_or_null(9);
    r.record_system_id = st.integer_or_null(10);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace blankett::server
