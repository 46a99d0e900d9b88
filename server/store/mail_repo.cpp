// Mail to staff addresses (a package's address for errors): kept until delivered, each by a job
// ("mail", keyed by its id) so that it goes once however many nodes run. It names packages and forms,
// never a recipient.
#include "store/repos.h"

namespace blankett::server {

int64_t mail_repo::add(int64_t unit, std::string_view address, std::string_view subject, std::string_view body) {
  const int64_t id = c_.prepare("INSERT INTO staff_mail (unit_id, address, subject, body, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
                         .args(unit, address, subject, body, now_)
                         .returned_id();
  c_.prepare("INSERT INTO jobs (kind, key, due_at) VALUES ('mail', ?, ?)").args(std::to_string(id), now_).run();
  return id;
}

std::optional<staff_mail_delivery> mail_repo::for_delivery(int64_t id) {
  sql::statement st = c_.prepare("SELECT id, address, subject, body, status FROM staff_mail WHERE id = ?");
  st.args(id);
  if (!st.step()) return std::nullopt;
  return staff_mail_delivery{st.integer(0), st.text(1), st.text(2), st.text(3),
                             parse_name<notification_status>(st.text(4)).value_or(notification_status::pending)};
}

void mail_repo::mark(int64_t id, notification_status status, std::string_view error) {
  c_.prepare(
        "UPDATE staff_mail SET status = ?, attempts = attempts + 1, last_error = ?, "
        "sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?")
      .args(name(status), error.empty() ? std::nullopt : std::optional<std::string>(error), name(status), now_, id)
      .run();
}

}  // namespace blankett::server
