// Staff notifications that a followed form was answered: addresses, subscriptions, and the count of
// answers not yet told, which a job per (staff, unit, template) turns into one mail at most every 10
// minutes. Counting and the job's arming happen in the submission's transaction; the job takes the
// count and writes the mail (store/mail_repo.cpp) in its own, so each answer is told exactly once.
#include <algorithm>
#include <chrono>

#include "clock.h"
#include "store/repos.h"

namespace blankett::server {
namespace {

// At most one mail per follower and template in this time; answers meanwhile are counted together.
constexpr auto kCoalesce = std::chrono::minutes(10);

}  // namespace

staff_settings staff_notice_repo::settings(int64_t staff, int64_t unit) {
  staff_settings out;
  sql::statement st = c_.prepare("SELECT email FROM staff WHERE id = ?");
  st.args(staff);
  if (st.step()) out.email = st.text_or_null(0);
  sql::statement subs = c_.prepare("SELECT template_id FROM staff_subscriptions WHERE staff_id = ? AND unit_id = ? ORDER BY template_id");
  subs.args(staff, unit);
  while (subs.step()) out.notify.push_back(subs.integer(0));
  return out;
}

void staff_notice_repo::set_email(int64_t staff, const std::optional<std::string>& email) {
  c_.prepare("UPDATE staff SET email = ? WHERE id = ?").args(email, staff).run();
}

void staff_notice_repo::set_templates(int64_t staff, int64_t unit, const std::vector<int64_t>& templates) {
  const std::vector<int64_t> now_following = settings(staff, unit).notify;
  for (int64_t t : now_following)
    if (std::find(templates.begin(), templates.end(), t) == templates.end())
      c_.prepare("DELETE FROM staff_subscriptions WHERE unit_id = ? AND template_id = ? AND staff_id = ?").args(unit, t, staff).run();
  for (int64_t t : templates)
    c_.prepare("INSERT INTO staff_subscriptions (unit_id, template_id, staff_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        .args(unit, t, staff)
        .run();
}

int64_t staff_notice_repo::answered(int64_t unit, int64_t template_id) {
  sql::statement st = c_.prepare(
      "UPDATE staff_subscriptions SET pending = pending + 1 WHERE unit_id = ? AND template_id = ? AND staff_id IN ("
      "SELECT s.id FROM staff s JOIN staff_roles r ON r.staff_id = s.id AND r.unit_id = ? AND r.role = 'reader' "
      "WHERE s.disabled = 0 AND s.email IS NOT NULL) RETURNING staff_id, last_mail_at");
  st.args(unit, template_id, unit);
  std::vector<std::pair<int64_t, std::optional<std::string>>> counted;
  while (st.step()) counted.emplace_back(st.integer(0), st.text_or_null(1));
  const auto now = parse_utc(now_);
  for (const auto& [staff, last] : counted) {
    const std::string due = last ? format_utc(std::max(now, parse_utc(*last) + kCoalesce)) : now_;
    // A job already waiting keeps its time (it will take this answer too); a done one is armed again.
    c_.prepare(
          "INSERT INTO jobs (kind, key, due_at) VALUES ('answer_notice', ?, ?) ON CONFLICT (kind, key) DO UPDATE SET "
          "due_at = excluded.due_at, done_at = NULL, claimed_by = NULL, lease_until = NULL, attempts = 0, last_error = NULL "
          "WHERE jobs.done_at IS NOT NULL")
        .args(std::to_string(staff) + ":" + std::to_string(unit) + ":" + std::to_string(template_id), due)
        .run();
  }
  return static_cast<int64_t>(counted.size());
}

std::optional<answer_notice> staff_notice_repo::take(int64_t staff, int64_t unit, int64_t template_id) {
  sql::statement st = c_.prepare(
      "SELECT n.pending, COALESCE(s.email, ''), s.disabled, "
      "CASE WHEN EXISTS (SELECT 1 FROM staff_roles r WHERE r.staff_id = n.staff_id AND r.unit_id = n.unit_id AND r.role = 'reader') "
      "THEN 1 ELSE 0 END, t.name, u.name "
      "FROM staff_subscriptions n JOIN staff s ON s.id = n.staff_id JOIN templates t ON t.id = n.template_id "
      "JOIN units u ON u.id = n.unit_id WHERE n.unit_id = ? AND n.template_id = ? AND n.staff_id = ?");
  st.args(unit, template_id, staff);
  if (!st.step()) return std::nullopt;
  answer_notice out{staff, unit, template_id, st.integer(0), st.text(1), st.text(4), st.text(5)};
  if (st.flag(2) || !st.flag(3)) out.address.clear();
  st.reset();
  if (out.pending == 0) return out;
  const bool mailed = !out.address.empty();
  c_.prepare(
        "UPDATE staff_subscriptions SET pending = 0, last_mail_at = CASE WHEN ? = 1 THEN ? ELSE last_mail_at END "
        "WHERE unit_id = ? AND template_id = ? AND staff_id = ?")
      .args(mailed ? 1 : 0, now_, unit, template_id, staff)
      .run();
  return out;
}

}  // namespace blankett::server
