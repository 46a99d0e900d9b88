// The outbox: notifications that a message waits in the inbox, and the jobs that deliver them.
//
// A notification holds no text: the message says only that something is waiting (and, unless the unit
// turned it off, from which unit), and is written when it goes, with the address the citizen has then.
#include "store/batch.h"
#include "store/repos.h"

namespace blankett::server {

int64_t notification_repo::add_for_dispatch(int64_t dispatch) {
  int64_t added = 0;
  for (const char* ch : {"email", "sms"}) {
    const std::string column = ch[0] == 'e' ? "c.notify_email" : "c.notify_sms";
    added += c_.prepare("INSERT INTO notifications (citizen_id, unit_id, instance_id, dispatch_id, channel, created_at) "
                        "SELECT m.citizen_id, m.unit_id, m.instance_id, m.dispatch_id, ?, ? FROM inbox_messages m "
                        "JOIN citizens c ON c.id = m.citizen_id WHERE m.dispatch_id = ? AND " +
                        column + " IS NOT NULL")
                 .args(ch, now_, dispatch)
                 .execute();
  }
  c_.prepare("INSERT INTO jobs (kind, key, due_at) SELECT 'notification', CAST(id AS TEXT), ? FROM notifications WHERE dispatch_id = ?")
      .args(now_, dispatch)
      .run();
  return added;
}

int64_t notification_repo::add_for_messages(const std::vector<int64_t>& inbox_ids, bool reminder) {
  int64_t added = 0;
  for_each_batch(inbox_ids.size(), [&](size_t first, size_t count) {
    std::string in = "(";
    for (size_t i = 0; i < count; ++i) in += i ? ", ?" : "?";
    in += ")";
    // Both channels in one statement, and their delivery jobs from what it returned.
    sql::statement st = c_.prepare(
        "INSERT INTO notifications (citizen_id, unit_id, instance_id, package_id, channel, created_at, purpose) "
        "SELECT m.citizen_id, m.unit_id, m.instance_id, m.package_id, ch.name, ?, ? FROM inbox_messages m "
        "JOIN citizens c ON c.id = m.citizen_id "
        "JOIN (SELECT 'email' AS name UNION ALL SELECT 'sms') ch ON (ch.name = 'email' AND c.notify_email IS NOT NULL) "
        "OR (ch.name = 'sms' AND c.notify_sms IS NOT NULL) WHERE m.id IN " +
        in + " RETURNING id");
    int k = 0;
    st.bind(++k, now_);
    st.bind(++k, reminder ? "reminder" : "message");
    for (size_t i = first; i < first + count; ++i) st.bind(++k, inbox_ids[i]);
    std::vector<int64_t> ids;
    while (st.step()) ids.push_back(st.integer(0));
    added += static_cast<int64_t>(ids.size());
    for_each_batch(ids.size(), [&](size_t f, size_t n) {
      sql::statement jobs = c_.prepare("INSERT INTO jobs (kind, key, due_at) VALUES " + value_rows(n, 0, "('notification', ?, ?)"));
      int j = 0;
      for (size_t i = f; i < f + n; ++i) {
        jobs.bind(++j, std::to_string(ids[i]));
        jobs.bind(++j, now_);
      }
      jobs.run();
    });
  });
  return added;
}

std::optional<notification_delivery> notification_repo::for_delivery(int64_t id) {
  sql::statement st = c_.prepare(
      "SELECT n.id, n.citizen_id, n.channel, n.status, CASE WHEN n.channel = 'email' THEN c.notify_email ELSE c.notify_sms END, "
      "CASE WHEN u.name_in_notifications = 1 THEN u.name END, n.created_at, n.purpose, "
      "CASE WHEN i.state IN ('ONGOING', 'PENDING_COMPLETION') THEN 1 ELSE 0 END "
      "FROM notifications n JOIN citizens c ON c.id = n.citizen_id JOIN units u ON u.id = n.unit_id "
      "LEFT JOIN instances i ON i.id = n.instance_id WHERE n.id = ?");
  st.args(id);
  if (!st.step()) return std::nullopt;
  notification_delivery d;
  d.id = st.integer(0);
  d.citizen_id = st.integer(1);
  d.ch = parse_name<channel>(st.text(2)).value_or(channel::email);
  d.status = parse_name<notification_status>(st.text(3)).value_or(notification_status::pending);
  d.address = st.text_or_null(4);
  d.unit_name = st.text_or_null(5);
  d.created_at = st.text(6);
  d.reminder = st.text(7) == "reminder";
  d.form_waiting = st.flag(8);
  return d;
}

void notification_repo::mark(int64_t id, notification_status status, std::string_view error) {
  c_.prepare(
        "UPDATE notifications SET status = ?, attempts = attempts + 1, last_error = ?, "
        "sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?")
      .args(name(status), error.empty() ? std::nullopt : std::optional<std::string>(error), name(status), now_, id)
      .run();
  // The form's history shows that its citizen was told (Aviserat), by which channel; never the address.
  if (status == notification_status::sent)
    c_.prepare(
          "INSERT INTO instance_events (instance_id, at, kind, actor) "
          "SELECT instance_id, ?, 'notified', 'system:' || channel FROM notifications WHERE id = ? AND instance_id IS NOT NULL")
        .args(now_, id)
        .run();
}

}  // namespace blankett::server
