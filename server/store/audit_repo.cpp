// The audit log: append-only (the schema refuses updates and deletes), read per unit.
#include "store/repos.h"

namespace blankett::server {

void audit_repo::append(std::optional<int64_t> staff, std::optional<int64_t> unit, std::string_view action, std::string_view target,
                        std::string_view details) {
  c_.prepare("INSERT INTO audit (at, staff_id, unit_id, action, target, details) VALUES (?, ?, ?, ?, ?, ?)")
      .args(now_, staff, unit, action, target, details)
      .run();
}

std::vector<audit_entry> audit_repo::at_unit(const audit_filter& f) {
  // Each filter a fixed fragment with its own placeholder: nothing from the request is SQL.
  std::string q =
      "SELECT a.id, a.at, a.staff_id, a.unit_id, s.username, a.action, a.target, a.details FROM audit a "
      "LEFT JOIN staff s ON s.id = a.staff_id WHERE a.unit_id = ? AND a.id < ?";
  const bool prefix = !f.action.empty() && f.action.back() == '.';
  // A kind ("dispatch.") also takes the action of its own name ("dispatch").
  if (!f.action.empty()) q += prefix ? " AND (substr(a.action, 1, ?) = ? OR a.action = ?)" : " AND a.action = ?";
  if (!f.staff.empty()) q += " AND s.username = ?";
  if (!f.from.empty()) q += " AND a.at >= ?";
  if (!f.to.empty()) q += " AND a.at < ?";
  q += " ORDER BY a.id DESC LIMIT ?";
  sql::statement st = c_.prepare(q);
  int n = 0;
  st.bind(++n, f.unit_id);
  st.bind(++n, f.before);
  if (prefix) st.bind(++n, static_cast<int64_t>(f.action.size()));
  if (!f.action.empty()) st.bind(++n, f.action);
  if (prefix) st.bind(++n, f.action.substr(0, f.action.size() - 1));
  if (!f.staff.empty()) st.bind(++n, f.staff);
  if (!f.from.empty()) st.bind(++n, f.from);               // "2026-12-01" sorts before any time that day
  if (!f.to.empty()) st.bind(++n, f.to + "T99");           // ... and "2026-12-06T99" after any time of the 6th
  st.bind(++n, f.limit);
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
