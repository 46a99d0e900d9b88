// Staff accounts and their roles per unit.
#include "store/repos.h"

namespace blankett::server {
namespace {

role role_of(const sql::statement& st, int col) { return parse_name<role>(st.text(col)).value_or(role::reader); }

}  // namespace

int64_t staff_repo::create(std::string_view username, std::string_view display_name, std::string_view password_hash,
                           std::optional<int64_t> last_unit) {
  return c_
      .prepare("INSERT INTO staff (username, display_name, password_hash, last_unit_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
      .args(username, display_name, password_hash, last_unit, now_)
      .returned_id();
}

std::optional<staff_login> staff_repo::login(std::string_view username) {
  sql::statement st = c_.prepare("SELECT id, password_hash, last_unit_id, disabled FROM staff WHERE username = ?");
  st.args(username);
  if (!st.step()) return std::nullopt;
  return staff_login{st.integer(0), st.text(1), st.integer_or_null(2), st.flag(3)};
}

std::optional<int64_t> staff_repo::id_of(std::string_view username) {
  sql::statement st = c_.prepare("SELECT id FROM staff WHERE username = ?");
  st.args(username);
  if (!st.step()) return std::nullopt;
  return st.integer(0);
}

std::optional<staff_profile> staff_repo::profile(int64_t staff_id) {
  sql::statement st = c_.prepare("SELECT username, display_name FROM staff WHERE id = ?");
  st.args(staff_id);
  if (!st.step()) return std::nullopt;
  return staff_profile{staff_id, st.text(0), st.text(1)};
}

std::vector<unit_roles> staff_repo::units(int64_t staff_id) {
  sql::statement st = c_.prepare(
      "SELECT u.id, u.code, u.name, r.role FROM staff_roles r JOIN units u ON u.id = r.unit_id "
      "WHERE r.staff_id = ? ORDER BY u.name, u.id, r.role");
  st.args(staff_id);
  std::vector<unit_roles> out;
  while (st.step()) {
    if (out.empty() || out.back().id != st.integer(0)) out.push_back(unit_roles{st.integer(0), st.text(1), st.text(2), {}});
    out.back().roles.push_back(role_of(st, 3));
  }
  return out;
}

std::vector<role> staff_repo::roles_at(int64_t staff_id, int64_t unit) {
  sql::statement st = c_.prepare("SELECT role FROM staff_roles WHERE staff_id = ? AND unit_id = ? ORDER BY role");
  st.args(staff_id, unit);
  std::vector<role> out;
  while (st.step()) out.push_back(role_of(st, 0));
  return out;
}

bool staff_repo::has_role_at(int64_t staff_id, int64_t unit) {
  sql::statement st = c_.prepare("SELECT 1 FROM staff_roles WHERE staff_id = ? AND unit_id = ? LIMIT 1");
  st.args(staff_id, unit);
  return st.step();
}

void staff_repo::set_last_unit(int64_t staff_id, int64_t unit) {
  c_.prepare("UPDATE staff SET last_unit_id = ? WHERE id = ?").args(unit, staff_id).run();
}

void staff_repo::grant(int64_t staff_id, int64_t unit, role r) {
  c_.prepare("INSERT INTO staff_roles (staff_id, unit_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING").args(staff_id, unit, name(r)).run();
}

void staff_repo::revoke(int64_t staff_id, int64_t unit, role r) {
  c_.prepare("DELETE FROM staff_roles WHERE staff_id = ? AND unit_id = ? AND role = ?").args(staff_id, unit, name(r)).run();
}

std::vector<staff_member> staff_repo::at_unit(int64_t unit) {
  sql::statement st = c_.prepare(
      "SELECT s.id, s.username, s.display_name, r.role, s.disabled FROM staff s JOIN staff_roles r ON r.staff_id = s.id "
      "WHERE r.unit_id = ? ORDER BY s.username, r.role");
  st.args(unit);
  std::vector<staff_member> out;
  while (st.step()) {
    if (out.empty() || out.back().id != st.integer(0)) out.push_back(staff_member{st.integer(0), st.text(1), st.text(2), {}, st.flag(4)});
    out.back().roles.push_back(role_of(st, 3));
  }
  return out;
}

void staff_repo::set_disabled(int64_t staff_id, bool disabled) {
  c_.prepare("UPDATE staff SET disabled = ? WHERE id = ?").args(disabled, staff_id).run();
}

}  // namespace blankett::server
