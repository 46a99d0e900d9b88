// The unit's own settings (its address for messages to the unit, its deletion rule) and the queries
// of the daily retention run (server/retention.h), which deletes through instance_repo::erase_many.
#include "store/repos.h"

namespace blankett::server {
namespace {

// The condition of the rule's basis: a delete-after date before a date, or documented before a time.
std::string_view condition(retention_basis basis) {
  return basis == retention_basis::delete_after ? "delete_after IS NOT NULL AND delete_after < ?"
                                                : "documented_at IS NOT NULL AND documented_at < ?";
}

unit_settings settings_of(sql::statement& st) {
  unit_settings u{st.integer(0), st.text(1), st.text_or_null(2), std::nullopt};
  const auto days = st.integer_or_null(3);
  const auto basis = st.text_or_null(4);
  if (days && basis)
    u.retention = retention_policy{*days, parse_name<retention_basis>(*basis).value_or(retention_basis::delete_after)};
  return u;
}

constexpr std::string_view kColumns = "SELECT id, name, email, retention_days, retention_after FROM units ";

}  // namespace

std::optional<unit_settings> retention_repo::unit(int64_t unit) {
  sql::statement st = c_.prepare(std::string(kColumns) + "WHERE id = ?");
  st.args(unit);
  if (!st.step()) return std::nullopt;
  return settings_of(st);
}

void retention_repo::set_email(int64_t unit, const std::optional<std::string>& email) {
  c_.prepare("UPDATE units SET email = ? WHERE id = ?").args(email, unit).run();
}

void retention_repo::set_policy(int64_t unit, const std::optional<retention_policy>& policy) {
  if (!policy) {
    c_.prepare("UPDATE units SET retention_days = NULL, retention_after = NULL WHERE id = ?").args(unit).run();
    return;
  }
  c_.prepare("UPDATE units SET retention_days = ?, retention_after = ? WHERE id = ?").args(policy->days, name(policy->after), unit).run();
}

std::optional<unit_settings> retention_repo::next_unit(std::string_view today) {
  sql::statement st = c_.prepare(std::string(kColumns) +
                                 "WHERE retention_days IS NOT NULL AND (retention_run_on IS NULL OR retention_run_on < ?) ORDER BY id LIMIT 1");
  st.args(today);
  if (!st.step()) return std::nullopt;
  return settings_of(st);
}

void retention_repo::mark_run(int64_t unit, std::string_view today) {
  c_.prepare("UPDATE units SET retention_run_on = ? WHERE id = ?").args(today, unit).run();
}

std::vector<int64_t> retention_repo::due(int64_t unit, retention_basis basis, std::string_view before, int64_t limit) {
  sql::statement st = c_.prepare("SELECT id FROM instances WHERE unit_id = ? AND " + std::string(condition(basis)) + " ORDER BY id LIMIT ?");
  st.args(unit, before, limit);
  std::vector<int64_t> out;
  while (st.step()) out.push_back(st.integer(0));
  return out;
}

int64_t retention_repo::count_due(int64_t unit, retention_basis basis, std::string_view before) {
  sql::statement st = c_.prepare("SELECT COUNT(*) FROM instances WHERE unit_id = ? AND " + std::string(condition(basis)));
  st.args(unit, before);
  return st.step() ? st.integer(0) : 0;
}

}  // namespace blankett::server
