// The audit log: append-only (the schema refuses updates and deletes), read per unit.
#include "store/repos.h"

namespace blankett::server {

void audit_repo::append(std::optional<int64_t> staff, std::optional<int64_t> unit, std::string_view action, std::string_view target,
                        std::string_view details) {
  c_.prepare("INSERT INTO audit (at, staff_id, unit_id, action, target, details) VALUES (?, ?, ?, ?, ?, ?)")
      .args(now_, staff, unit, action, target, details)
      .run();
}

std::vector<audit_entry> audit_repo::at_unit(int64_t unit, int64_t before, int64_t limit) {
  sql::statement st = c_.prepare(
      "SELECT a.id, a.at, a.staff_id, a.unit_id, s.username, a.action, a.target, a.details FROM audit a "
      "LEFT JOIN staff s ON s.id = a.staff_id WHERE a.unit_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?");
  st.args(unit, before, limit);
  std::vector<audit_entry> out;
  while (st.step()) {
    audit_entry e;
    e.id = st.integer(0);
    e.at = st.text(1);
    e.staff_id = st.integer_or_null(2);
    e.unit_id = st.integer_or_null(3);
    e.staff_username = st.text(4);
    e.action = st.text(5);
    e.target = st.text(6);
    e.details = st.text(7);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace blankett::server
