// Dispatches (utskick): one sending of a template to recipients, or of form links. The banner text is
// kept only with each form (deleted with it), never here.
#include "store/repos.h"

namespace blankett::server {

int64_t dispatch_repo::create(const new_dispatch& d) {
  return c_
      .prepare(
          "INSERT INTO dispatches (unit_id, template_id, version_id, staff_id, kind, answer_by, delete_after, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
      .args(d.unit_id, d.template_id, d.version_id, d.staff_id, name(d.kind), d.answer_by, d.delete_after, now_)
      .returned_id();
}

void dispatch_repo::set_recipients(int64_t id, int64_t count) {
  c_.prepare("UPDATE dispatches SET recipients = ? WHERE id = ?").args(count, id).run();
}

void dispatch_repo::add_events(int64_t dispatch, std::string_view kind, std::string_view actor) {
  c_.prepare("INSERT INTO instance_events (instance_id, at, kind, actor) SELECT id, ?, ?, ? FROM instances WHERE dispatch_id = ?")
      .args(now_, kind, actor, dispatch)
      .run();
}

namespace {

// A dispatch with its counts: forms opened, answered, with an inbox message, notified, failed.
// Forms deleted since (gallrade) no longer count.
constexpr const char* kSummary =
    "SELECT d.id, d.template_id, d.recipients, d.kind, d.created_at, t.name, s.username, d.answer_by, "
    "(SELECT COUNT(*) FROM instances i WHERE i.dispatch_id = d.id AND i.opened_at IS NOT NULL), "
    "(SELECT COUNT(*) FROM instances i WHERE i.dispatch_id = d.id AND i.state = 'COMPLETED'), "
    "(SELECT COUNT(*) FROM inbox_messages m WHERE m.dispatch_id = d.id), "
    "(SELECT COUNT(*) FROM notifications n WHERE n.dispatch_id = d.id AND n.status = 'sent'), "
    "(SELECT COUNT(*) FROM notifications n WHERE n.dispatch_id = d.id AND n.status = 'failed') "
    "FROM dispatches d JOIN templates t ON t.id = d.template_id JOIN staff s ON s.id = d.staff_id ";

dispatch_summary summary_of(const sql::statement& st) {
  dispatch_summary d;
  d.id = st.integer(0);
  d.template_id = st.integer(1);
  d.recipients = st.integer(2);
  d.kind = parse_name<dispatch_kind>(st.text(3)).value_or(dispatch_kind::numbers);
  d.created_at = st.text(4);
  d.template_name = st.text(5);
  d.staff_username = st.text(6);
  d.answer_by = st.text(7);
  d.opened = st.integer(8);
  d.answered = st.integer(9);
  d.inbox = st.integer(10);
  d.notified = st.integer(11);
  d.failed = st.integer(12);
  return d;
}

}  // namespace

std::vector<dispatch_summary> dispatch_repo::at_unit(int64_t unit, int64_t before, int64_t limit) {
  sql::statement st = c_.prepare(std::string(kSummary) + "WHERE d.unit_id = ? AND d.id < ? ORDER BY d.id DESC LIMIT ?");
  st.args(unit, before, limit);
  std::vector<dispatch_summary> out;
  while (st.step()) out.push_back(summary_of(st));
  return out;
}

std::optional<dispatch_summary> dispatch_repo::find(int64_t id, int64_t unit) {
  sql::statement st = c_.prepare(std::string(kSummary) + "WHERE d.id = ? AND d.unit_id = ?");
  st.args(id, unit);
  if (!st.step()) return std::nullopt;
  return summary_of(st);
}

std::vector<dispatch_recipient> dispatch_repo::recipients(int64_t dispatch) {
  std::vector<dispatch_recipient> out;
  {
    sql::statement st = c_.prepare(
        "SELECT i.id, c.name, c.pnr, i.state, i.opened_at, i.submitted_at, "
        "CASE WHEN EXISTS (SELECT 1 FROM inbox_messages m WHERE m.instance_id = i.id) THEN 1 ELSE 0 END "
        "FROM instances i LEFT JOIN citizens c ON c.id = i.citizen_id WHERE i.dispatch_id = ? ORDER BY i.id");
    st.args(dispatch);
    while (st.step()) {
      dispatch_recipient r;
      r.instance_id = st.integer(0);
      if (!st.is_null(2)) r.recipient = person{st.text(1), st.text(2)};
      r.state = parse_name<instance_state>(st.text(3)).value_or(instance_state::ongoing);
      r.opened_at = st.text_or_null(4);
      r.submitted_at = st.text_or_null(5);
      r.inbox = st.flag(6);
      out.push_back(std::move(r));
    }
  }
  // The notifications, merged in by instance (both lists are in instance order).
  sql::statement st = c_.prepare(
      "SELECT n.instance_id, n.channel, n.status FROM notifications n WHERE n.dispatch_id = ? AND n.instance_id IS NOT NULL "
      "ORDER BY n.instance_id, n.channel");
  st.args(dispatch);
  size_t at = 0;
  while (st.step()) {
    const int64_t instance = st.integer(0);
    while (at < out.size() && out[at].instance_id < instance) ++at;
    if (at == out.size() || out[at].instance_id != instance) continue;
    out[at].notices.push_back(notice{parse_name<channel>(st.text(1)).value_or(channel::email),
                                     parse_name<notification_status>(st.text(2)).value_or(notification_status::pending)});
  }
  return out;
}

}  // namespace blankett::server
