// Sessions: staff and citizens, by the SHA-256 of their cookie's token.
#include "store/repos.h"

namespace blankett::server {

void session_repo::create(const new_session& s) {
  c_.prepare(
        "INSERT INTO sessions (token_hash, kind, staff_id, citizen_id, unit_id, csrf, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .args(s.token_hash, name(s.kind), s.staff_id, s.citizen_id, s.unit_id, s.csrf, now_, s.expires_at)
      .run();
}

std::optional<session_row> session_repo::find(std::string_view token_hash) {
  sql::statement st = c_.prepare(
      "SELECT s.kind, s.staff_id, s.citizen_id, s.acting_for, s.unit_id, s.csrf, COALESCE(f.disabled, 0), COALESCE(c.locked, 0) "
      "FROM sessions s LEFT JOIN staff f ON f.id = s.staff_id LEFT JOIN citizens c ON c.id = s.citizen_id "
      "WHERE s.token_hash = ? AND s.expires_at > ?");
  st.args(token_hash, now_);
  if (!st.step()) return std::nullopt;
  session_row r;
  r.kind = parse_name<session_kind>(st.text(0)).value_or(session_kind::citizen);
  r.staff_id = st.integer_or_null(1);
  r.citizen_id = st.integer_or_null(2);
  r.acting_for = st.integer_or_null(3);
  r.unit_id = st.integer_or_null(4);
  r.csrf = st.text(5);
  r.staff_disabled = st.flag(6);
  r.citizen_locked = st.flag(7);
  return r;
}

void session_repo::renew(std::string_view token_hash, std::string_view expires_at) {
  c_.prepare("UPDATE sessions SET expires_at = ? WHERE token_hash = ?").args(expires_at, token_hash).run();
}

void session_repo::set_unit(std::string_view token_hash, int64_t unit) {
  c_.prepare("UPDATE sessions SET unit_id = ? WHERE token_hash = ?").args(unit, token_hash).run();
}

void session_repo::set_acting_for(std::string_view token_hash, std::optional<int64_t> child) {
  c_.prepare("UPDATE sessions SET acting_for = ? WHERE token_hash = ?").args(child, token_hash).run();
}

void session_repo::remove(std::string_view token_hash) {
  c_.prepare("DELETE FROM sessions WHERE token_hash = ?").args(token_hash).run();
}

void session_repo::remove_for_staff(int64_t staff_id) {
  c_.prepare("DELETE FROM sessions WHERE staff_id = ?").args(staff_id).run();
}

void session_repo::remove_for_citizen(int64_t citizen_id) {
  c_.prepare("DELETE FROM sessions WHERE citizen_id = ?").args(citizen_id).run();
}

int64_t session_repo::purge_expired() { return c_.prepare("DELETE FROM sessions WHERE expires_at <= ?").args(now_).execute(); }

}  // namespace blankett::server
