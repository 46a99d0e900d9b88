// Units (enheter), and the installation's settings.
#include "store/repos.h"

namespace blankett::server {

bool unit_repo::any() const {
  sql::statement st = c_.prepare("SELECT 1 FROM units LIMIT 1");
  return st.step();
}

int64_t unit_repo::create(std::string_view code, std::string_view name) {
  return c_.prepare("INSERT INTO units (code, name, created_at) VALUES (?, ?, ?) RETURNING id").args(code, name, now_).returned_id();
}

std::optional<int64_t> unit_repo::id_of(std::string_view code) {
  sql::statement st = c_.prepare("SELECT id FROM units WHERE code = ?");
  st.args(code);
  if (!st.step()) return std::nullopt;
  return st.integer(0);
}

bool unit_repo::name_in_notifications(int64_t unit) {
  sql::statement st = c_.prepare("SELECT name_in_notifications FROM units WHERE id = ?");
  st.args(unit);
  return !st.step() || st.flag(0);
}

void unit_repo::set_name_in_notifications(int64_t unit, bool on) {
  c_.prepare("UPDATE units SET name_in_notifications = ? WHERE id = ?").args(on, unit).run();
}

std::optional<std::string> unit_repo::hsa_id(int64_t unit) {
  sql::statement st = c_.prepare("SELECT hsa_id FROM units WHERE id = ?");
  st.args(unit);
  if (!st.step()) return std::nullopt;
  return st.text_or_null(0);
}

void unit_repo::set_hsa_id(int64_t unit, const std::optional<std::string>& hsa_id) {
  c_.prepare("UPDATE units SET hsa_id = ? WHERE id = ?").args(hsa_id, unit).run();
}

std::optional<std::string> settings_repo::get(std::string_view key) {
  sql::statement st = c_.prepare("SELECT value FROM settings WHERE key = ?");
  st.args(key);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

void settings_repo::set(std::string_view key, std::string_view value) {
  c_.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").args(key, value).run();
}

}  // namespace blankett::server
