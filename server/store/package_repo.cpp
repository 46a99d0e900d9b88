// Packages (paketutskick): a package's forms, occasions and recipients, and what each occasion has
// reached. The scheduler (server/packages.cpp) sends an occasion in batches; the rows here make each
// (package, occasion, recipient) and each form of it happen once.
#include "store/batch.h"
#include "store/repos.h"

namespace blankett::server {
namespace {

// A package with its counts and its next planned occasion.
constexpr const char* kSummary =
    "SELECT p.id, p.unit_id, p.package_template_id, p.staff_id, p.name, p.title, p.inbox_message, s.username, p.created_at, "
    "p.error_email, p.ended_at, p.status, "
    "(SELECT COUNT(*) FROM package_recipients r WHERE r.package_id = p.id AND r.removed_at IS NULL), "
    "(SELECT COUNT(*) FROM package_occasions o WHERE o.package_id = p.id), "
    "(SELECT COUNT(*) FROM package_occasions o WHERE o.package_id = p.id AND o.state IN ('sent', 'skipped')), "
    "n.number, n.local_date, n.local_time, n.due_at, s.display_name "
    "FROM packages p JOIN staff s ON s.id = p.staff_id "
    "LEFT JOIN package_occasions n ON n.package_id = p.id AND n.number = "
    "(SELECT MIN(o.number) FROM package_occasions o WHERE o.package_id = p.id AND o.state = 'planned') ";

package_summary summary_of(const sql::statement& st) {
  package_summary p;
  p.id = st.integer(0);
  p.unit_id = st.integer(1);
  p.package_template_id = st.integer(2);
  p.staff_id = st.integer(3);
  p.name = st.text(4);
  p.title = st.text(5);
  p.inbox_message = st.text(6);
  p.staff_username = st.text(7);
  p.created_at = st.text(8);
  p.error_email = st.text_or_null(9);
  p.ended_at = st.text_or_null(10);
  p.status = parse_name<package_status>(st.text(11)).value_or(package_status::aborted);
  p.recipients = st.integer(12);
  p.occasions = st.integer(13);
  p.occasions_done = st.integer(14);
  p.staff_name = st.text(19);
  if (!st.is_null(15)) {
    package_occasion o;
    o.number = st.integer(15);
    o.local_date = st.text(16);
    o.local_time = st.text(17);
    o.due_at = st.text(18);
    p.next = o;
  }
  return p;
}

}  // namespace

int64_t package_repo::create(const new_package& p) {
  const int64_t id = c_.prepare(
                           "INSERT INTO packages (unit_id, package_template_id, staff_id, name, title, inbox_message, error_email, status, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?) RETURNING id")
                         .args(p.unit_id, p.package_template_id, p.staff_id, p.name, p.title, p.inbox_message, p.error_email, now_)
                         .returned_id();
  for_each_batch(p.forms.size(), [&](size_t first, size_t count) {
    sql::statement st = c_.prepare("INSERT INTO package_forms (package_id, position, template_id) VALUES " + value_rows(count, 3));
    int k = 0;
    for (size_t i = first; i < first + count; ++i) {
      st.bind(++k, id);
      st.bind(++k, static_cast<int64_t>(i + 1));
      st.bind(++k, p.forms[i]);
    }
    st.run();
  });
  // Each occasion with its job, due at its time: the scheduler's only trigger.
  for_each_batch(p.occasions.size(), [&](size_t first, size_t count) {
    sql::statement st =
        c_.prepare("INSERT INTO package_occasions (package_id, number, local_date, local_time, due_at) VALUES " + value_rows(count, 5));
    sql::statement jobs = c_.prepare("INSERT INTO jobs (kind, key, due_at) VALUES " + value_rows(count, 0, "('occasion', ?, ?)"));
    int k = 0, j = 0;
    for (size_t i = first; i < first + count; ++i) {
      const package_occasion& o = p.occasions[i];
      st.bind(++k, id);
      st.bind(++k, o.number);
      st.bind(++k, o.local_date);
      st.bind(++k, o.local_time);
      st.bind(++k, o.due_at);
      jobs.bind(++j, std::to_string(id) + ":" + std::to_string(o.number));
      jobs.bind(++j, o.due_at);
    }
    st.run();
    jobs.run();
  });
  for_each_batch(p.citizens.size(), [&](size_t first, size_t count) {
    sql::statement st = c_.prepare("INSERT INTO package_recipients (package_id, citizen_id) VALUES " + value_rows(count, 2));
    int k = 0;
    for (size_t i = first; i < first + count; ++i) {
      st.bind(++k, id);
      st.bind(++k, p.citizens[i]);
    }
    st.run();
  });
  return id;
}

std::vector<package_summary> package_repo::at_unit(int64_t unit, std::string_view ended_after) {
  sql::statement st =
      c_.prepare(std::string(kSummary) + "WHERE p.unit_id = ? AND (p.ended_at IS NULL OR p.ended_at >= ?) ORDER BY p.id DESC");
  st.args(unit, ended_after);
  std::vector<package_summary> out;
  while (st.step()) out.push_back(summary_of(st));
  return out;
}

std::optional<package_summary> package_repo::find(int64_t id, std::optional<int64_t> unit) {
  sql::statement st = c_.prepare(std::string(kSummary) + (unit ? "WHERE p.id = ? AND p.unit_id = ?" : "WHERE p.id = ?"));
  if (unit) st.args(id, *unit);
  else st.args(id);
  if (!st.step()) return std::nullopt;
  return summary_of(st);
}

std::vector<package_form> package_repo::forms(int64_t id) {
  sql::statement st = c_.prepare(
      "SELECT f.template_id, t.name, t.form_id FROM package_forms f JOIN templates t ON t.id = f.template_id "
      "WHERE f.package_id = ? ORDER BY f.position");
  st.args(id);
  std::vector<package_form> out;
  while (st.step()) out.push_back(package_form{st.integer(0), st.text(1), st.text(2)});
  return out;
}

std::vector<package_occasion> package_repo::occasions(int64_t id) {
  sql::statement st = c_.prepare(
      "SELECT number, local_date, local_time, due_at, state, sent_at, notes FROM package_occasions WHERE package_id = ? ORDER BY number");
  st.args(id);
  std::vector<package_occasion> out;
  while (st.step()) {
    package_occasion o;
    o.number = st.integer(0);
    o.local_date = st.text(1);
    o.local_time = st.text(2);
    o.due_at = st.text(3);
    o.state = parse_name<occasion_state>(st.text(4)).value_or(occasion_state::cancelled);
    o.sent_at = st.text_or_null(5);
    o.notes = st.text(6);
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<package_recipient> package_repo::recipients(int64_t id) {
  sql::statement st = c_.prepare(
      "SELECT r.id, r.citizen_id, c.name, c.pnr, r.removed_at, "
      "(SELECT COUNT(*) FROM instances i WHERE i.package_id = r.package_id AND i.citizen_id = r.citizen_id), "
      "(SELECT COUNT(*) FROM instances i WHERE i.package_id = r.package_id AND i.citizen_id = r.citizen_id AND i.state = 'COMPLETED') "
      "FROM package_recipients r JOIN citizens c ON c.id = r.citizen_id WHERE r.package_id = ? ORDER BY r.id");
  st.args(id);
  std::vector<package_recipient> out;
  while (st.step())
    out.push_back(package_recipient{st.integer(0), st.integer(1), person{st.text(2), st.text(3)}, st.text_or_null(4), st.integer(5),
                                    st.integer(6)});
  return out;
}

int64_t package_repo::active_recipients(int64_t id) {
  sql::statement st = c_.prepare("SELECT COUNT(*) FROM package_recipients WHERE package_id = ? AND removed_at IS NULL");
  st.args(id);
  return st.step() ? st.integer(0) : 0;
}

bool package_repo::set_status(int64_t id, package_status from, package_status to, bool ended) {
  return c_.prepare("UPDATE packages SET status = ?, ended_at = ? WHERE id = ? AND status = ?")
             .args(name(to), ended ? std::optional<std::string>(now_) : std::nullopt, id, name(from))
             .execute() == 1;
}

bool package_repo::remove_recipient(int64_t id, int64_t recipient) {
  return c_.prepare("UPDATE package_recipients SET removed_at = ? WHERE package_id = ? AND id = ? AND removed_at IS NULL")
             .args(now_, id, recipient)
             .execute() == 1;
}

void package_repo::end_occasion(int64_t id, int64_t number, occasion_state state, std::string_view notes) {
  c_.prepare("UPDATE package_occasions SET state = ?, sent_at = ?, notes = ? WHERE package_id = ? AND number = ?")
      .args(name(state), state == occasion_state::sent ? std::optional<std::string>(now_) : std::nullopt, notes, id, number)
      .run();
}

void package_repo::cancel_planned(int64_t id) {
  c_.prepare("UPDATE package_occasions SET state = 'cancelled' WHERE package_id = ? AND state = 'planned'").args(id).run();
}

std::vector<std::pair<int64_t, bool>> package_repo::next_recipients(int64_t id, int64_t occasion, int64_t limit) {
  sql::statement st = c_.prepare(
      "SELECT r.citizen_id, CASE WHEN c.protected_identity = 0 AND c.locked = 0 THEN 1 ELSE 0 END "
      "FROM package_recipients r JOIN citizens c ON c.id = r.citizen_id "
      "WHERE r.package_id = ? AND r.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM package_deliveries d "
      "WHERE d.package_id = r.package_id AND d.occasion = ? AND d.citizen_id = r.citizen_id) ORDER BY r.citizen_id LIMIT ?");
  st.args(id, occasion, limit);
  std::vector<std::pair<int64_t, bool>> out;
  while (st.step()) out.emplace_back(st.integer(0), st.flag(1));
  return out;
}

void package_repo::add_deliveries(int64_t id, int64_t occasion, const std::vector<std::pair<int64_t, bool>>& citizens) {
  for_each_batch(citizens.size(), [&](size_t first, size_t count) {
    sql::statement st =
        c_.prepare("INSERT INTO package_deliveries (package_id, occasion, citizen_id, outcome, at) VALUES " + value_rows(count, 5));
    int k = 0;
    for (size_t i = first; i < first + count; ++i) {
      st.bind(++k, id);
      st.bind(++k, occasion);
      st.bind(++k, citizens[i].first);
      st.bind(++k, citizens[i].second ? "sent" : "unreachable");
      st.bind(++k, now_);
    }
    st.run();
  });
}

std::pair<int64_t, int64_t> package_repo::deliveries(int64_t id, int64_t occasion) {
  sql::statement st = c_.prepare(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN outcome = 'unreachable' THEN 1 ELSE 0 END), 0) FROM package_deliveries "
      "WHERE package_id = ? AND occasion = ?");
  st.args(id, occasion);
  if (!st.step()) return {0, 0};
  return {st.integer(0), st.integer(1)};
}

int64_t package_repo::forget_ended(std::string_view before) {
  int64_t gone = c_.prepare(
                       "DELETE FROM package_deliveries WHERE package_id IN (SELECT id FROM packages WHERE ended_at IS NOT NULL AND ended_at < ? "
                       "AND status <> 'stopped')")
                     .args(before)
                     .execute();
  gone += c_.prepare(
                "DELETE FROM package_recipients WHERE package_id IN (SELECT id FROM packages WHERE ended_at IS NOT NULL AND ended_at < ? "
                "AND status <> 'stopped')")
              .args(before)
              .execute();
  return gone;
}

}  // namespace blankett::server
