// Form instances: one sent, started or linked form with its answers, state, result and history.
//
// Every change is conditional on the state (and, for answers, the revision) the caller read, so that
// two writers never overwrite each other: a change that finds something else changes nothing and
// says so, and the caller answers 409.
#include <variant>

#include "store/batch.h"
#include "store/repos.h"

namespace blankett::server {
namespace {

instance_state state_of(const sql::statement& st, int col) {
  return parse_name<instance_state>(st.text(col)).value_or(instance_state::cancelled);
}
template_kind kind_of(const sql::statement& st, int col) {
  return parse_name<template_kind>(st.text(col)).value_or(template_kind::questionnaire);
}
std::optional<answerer> answerer_of(const sql::statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return parse_name<answerer>(st.text(col));
}

}  // namespace

std::optional<instance_row> instance_repo::load(int64_t id) {
  sql::statement st = c_.prepare(
      "SELECT i.id, i.unit_id, i.version_id, i.revision, i.citizen_id, i.state, i.answers, i.measurements, t.kind, "
      "c.name, u.name, i.banner, i.answer_by, i.delete_after, i.result, i.submitted_at, i.answered_by, i.read_at, "
      "i.created_at, i.updated_at, t.id, v.version, i.actor_citizen_id, i.documented_at, i.dispatch_id, c.pnr, i.opened_at "
      "FROM instances i JOIN template_versions v ON v.id = i.version_id JOIN templates t ON t.id = v.template_id "
      "JOIN units u ON u.id = i.unit_id LEFT JOIN citizens c ON c.id = i.citizen_id WHERE i.id = ?");
  st.args(id);
  if (!st.step()) return std::nullopt;
  instance_row r;
  r.id = st.integer(0);
  r.unit_id = st.integer(1);
  r.version_id = st.integer(2);
  r.revision = st.integer(3);
  r.citizen_id = st.integer_or_null(4);
  r.state = state_of(st, 5);
  r.answers = st.text(6);
  r.measurements = st.text(7);
  r.kind = kind_of(st, 8);
  if (!st.is_null(25)) r.subject = person{st.text(9), st.text(25)};
  r.unit_name = st.text(10);
  r.banner = st.text_or_null(11);
  r.answer_by = st.text_or_null(12);
  r.delete_after = st.text_or_null(13);
  r.result = st.text_or_null(14);
  r.submitted_at = st.text_or_null(15);
  r.answered_by = answerer_of(st, 16);
  r.read_at = st.text_or_null(17);
  r.created_at = st.text(18);
  r.updated_at = st.text(19);
  r.template_id = st.integer(20);
  r.version = st.integer(21);
  r.actor_citizen_id = st.integer_or_null(22);
  r.documented_at = st.text_or_null(23);
  r.dispatch_id = st.integer_or_null(24);
  r.opened_at = st.text_or_null(26);
  return r;
}

// The recipient's and the template's names that Uppföljning sorts on (migration 10), from the
// citizen's and the version's ids.
const std::string kNames =
    "COALESCE((SELECT name FROM citizens WHERE id = ?), ''), "
    "(SELECT t.name FROM template_versions v JOIN templates t ON t.id = v.template_id WHERE v.id = ?)";

int64_t instance_repo::create(const new_instance& n) {
  return c_
      .prepare(
          "INSERT INTO instances (unit_id, version_id, citizen_id, dispatch_id, package_id, package_occasion, package_position, state, "
          "banner, answer_by, delete_after, public_token_hash, created_at, updated_at, recipient_name, form_name) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, 'ONGOING', ?, ?, ?, ?, ?, ?, " +
          kNames + ") RETURNING id")
      .args(n.unit_id, n.version_id, n.citizen_id, n.dispatch_id, n.package_id, n.package_occasion, n.package_position, n.banner,
            n.answer_by, n.delete_after, n.link_token_hash, now_, now_, n.citizen_id, n.version_id)
      .returned_id();
}

std::vector<std::pair<int64_t, int64_t>> instance_repo::create_many(const new_instance& n, const std::vector<int64_t>& citizens) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for_each_batch(citizens.size(), [&](size_t first, size_t count) {
    sql::statement st = c_.prepare(
        "INSERT INTO instances (unit_id, version_id, citizen_id, dispatch_id, package_id, package_occasion, package_position, state, "
        "banner, answer_by, delete_after, created_at, updated_at, recipient_name, form_name) VALUES " +
        value_rows(count, 0, "(?, ?, ?, ?, ?, ?, ?, 'ONGOING', ?, ?, ?, ?, ?, " + kNames + ")") +
        " RETURNING citizen_id, id");
    int k = 0;
    for (size_t i = 0; i < count; ++i) {
      st.bind(++k, n.unit_id);
      st.bind(++k, n.version_id);
      st.bind(++k, citizens[first + i]);
      st.bind(++k, n.dispatch_id);
      st.bind(++k, n.package_id);
      st.bind(++k, n.package_occasion);
      st.bind(++k, n.package_position);
      st.bind(++k, n.banner);
      st.bind(++k, n.answer_by);
      st.bind(++k, n.delete_after);
      st.bind(++k, now_);
      st.bind(++k, now_);
      st.bind(++k, citizens[first + i]);
      st.bind(++k, n.version_id);
    }
    while (st.step()) out.emplace_back(st.integer(0), st.integer(1));
  });
  return out;
}

bool instance_repo::mark_opened(int64_t id) {
  return c_.prepare("UPDATE instances SET opened_at = ? WHERE id = ? AND opened_at IS NULL").args(now_, id).execute() == 1;
}

std::vector<instance_summary> instance_repo::for_subject(int64_t citizen) {
  sql::statement st = c_.prepare(
      "SELECT i.id, i.version_id, i.state, i.answer_by, i.updated_at, i.submitted_at, t.kind, u.name, i.package_id, "
      "i.package_occasion, i.package_position, p.title "
      "FROM instances i JOIN template_versions v ON v.id = i.version_id JOIN templates t ON t.id = v.template_id "
      "JOIN units u ON u.id = i.unit_id LEFT JOIN packages p ON p.id = i.package_id WHERE i.citizen_id = ? AND i.state <> 'CANCELLED' ORDER BY i.id DESC");
  st.args(citizen);
  std::vector<instance_summary> out;
  while (st.step()) {
    instance_summary s;
    s.id = st.integer(0);
    s.version_id = st.integer(1);
    s.state = state_of(st, 2);
    s.answer_by = st.text_or_null(3);
    s.updated_at = st.text(4);
    s.submitted_at = st.text_or_null(5);
    s.kind = kind_of(st, 6);
    s.unit_name = st.text(7);
    s.package_id = st.integer_or_null(8);
    s.package_occasion = st.integer_or_null(9);
    s.package_position = st.integer_or_null(10);
    if (s.package_id) s.package_title = st.text(11);
    out.push_back(std::move(s));
  }
  return out;
}

int64_t instance_repo::ongoing_of_template(int64_t citizen, int64_t template_id) {
  sql::statement st = c_.prepare(
      "SELECT COUNT(*) FROM instances i JOIN template_versions tv ON tv.id = i.version_id "
      "WHERE i.citizen_id = ? AND tv.template_id = ? AND i.state IN ('ONGOING', 'PENDING_COMPLETION')");
  st.args(citizen, template_id);
  return st.step() ? st.integer(0) : 0;
}

std::vector<int64_t> instance_repo::units_of_subject(int64_t citizen) {
  sql::statement st = c_.prepare("SELECT DISTINCT unit_id FROM instances WHERE citizen_id = ? ORDER BY unit_id");
  st.args(citizen);
  std::vector<int64_t> out;
  while (st.step()) out.push_back(st.integer(0));
  return out;
}

bool instance_repo::save_answers(int64_t id, int64_t revision, std::string_view answers, answerer by, int64_t actor) {
  return c_
             .prepare(
                 "UPDATE instances SET answers = ?, state = 'ONGOING', revision = revision + 1, updated_at = ?, answered_by = ?, "
                 "actor_citizen_id = ? WHERE id = ? AND revision = ? AND state IN ('ONGOING', 'PENDING_COMPLETION')")
             .args(answers, now_, name(by), actor, id, revision)
             .execute() == 1;
}

bool instance_repo::to_review(int64_t id, int64_t revision) {
  return c_
             .prepare(
                 "UPDATE instances SET state = 'PENDING_COMPLETION', updated_at = ? WHERE id = ? AND revision = ? "
                 "AND state IN ('ONGOING', 'PENDING_COMPLETION')")
             .args(now_, id, revision)
             .execute() == 1;
}

bool instance_repo::submit(int64_t id, int64_t revision, std::string_view answers, std::string_view result, int64_t alert_level) {
  return c_
             .prepare(
                 "UPDATE instances SET state = 'COMPLETED', answers = ?, result = ?, alert_level = ?, submitted_at = ?, updated_at = ?, "
                 "revision = revision + 1 WHERE id = ? AND revision = ? AND state = 'PENDING_COMPLETION'")
             .args(answers, result, alert_level, now_, now_, id, revision)
             .execute() == 1;
}

bool instance_repo::cancel(int64_t id) {
  return c_
             .prepare("UPDATE instances SET state = 'CANCELLED', updated_at = ? WHERE id = ? AND state IN ('ONGOING', 'PENDING_COMPLETION')")
             .args(now_, id)
             .execute() == 1;
}

bool instance_repo::mark_information_read(int64_t id) {
  return c_
             .prepare(
                 "UPDATE instances SET read_at = ?, state = 'COMPLETED', submitted_at = ?, updated_at = ? "
                 "WHERE id = ? AND read_at IS NULL AND state = 'ONGOING'")
             .args(now_, now_, now_, id)
             .execute() == 1;
}

bool instance_repo::set_measurements(int64_t id, int64_t revision, std::string_view measurements, std::string_view result,
                                     int64_t alert_level) {
  return c_
             .prepare(
                 "UPDATE instances SET measurements = ?, result = CASE WHEN state = 'COMPLETED' THEN ? ELSE result END, "
                 "alert_level = CASE WHEN state = 'COMPLETED' THEN ? ELSE alert_level END, "
                 "revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ? AND state <> 'CANCELLED'")
             .args(measurements, result, alert_level, now_, id, revision)
             .execute() == 1;
}

void instance_repo::mark_documented(int64_t id) {
  c_.prepare("UPDATE instances SET documented_at = ?, updated_at = ? WHERE id = ? AND documented_at IS NULL")
      .args(now_, now_, id)
      .run();
}

std::optional<link_target> instance_repo::by_link(std::string_view token_hash) {
  sql::statement st = c_.prepare("SELECT id, citizen_id, answer_by, state FROM instances WHERE public_token_hash = ?");
  st.args(token_hash);
  if (!st.step()) return std::nullopt;
  return link_target{st.integer(0), st.integer_or_null(1), st.text_or_null(2), state_of(st, 3)};
}

std::optional<link_target> instance_repo::by_letter_code(std::string_view code_hash) {
  sql::statement st = c_.prepare("SELECT id, citizen_id, answer_by, state FROM instances WHERE letter_code_hash = ?");
  st.args(code_hash);
  if (!st.step()) return std::nullopt;
  return link_target{st.integer(0), st.integer_or_null(1), st.text_or_null(2), state_of(st, 3)};
}

void instance_repo::set_link(int64_t id, std::string_view token_hash, std::string_view code_hash) {
  c_.prepare("UPDATE instances SET public_token_hash = ?, letter_code_hash = ?, updated_at = ? WHERE id = ?")
      .args(token_hash, code_hash, now_, id)
      .run();
}

bool instance_repo::claim_link(int64_t id, int64_t subject) {
  return c_.prepare("UPDATE instances SET citizen_id = ?, updated_at = ? WHERE id = ? AND citizen_id IS NULL")
             .args(subject, now_, id)
             .execute() == 1;
}

void instance_repo::erase_many(const std::vector<int64_t>& ids) {
  for_each_batch(ids.size(), [&](size_t first, size_t count) {
    std::string in = "(";
    for (size_t i = 0; i < count; ++i) in += i ? ", ?" : "?";
    in += ")";
    for (const std::string& q : {"DELETE FROM exports WHERE id IN (SELECT export_id FROM export_instances WHERE instance_id IN " + in + ")",
                                 "DELETE FROM export_instances WHERE instance_id IN " + in, "DELETE FROM instances WHERE id IN " + in}) {
      sql::statement st = c_.prepare(q);
      for (size_t i = 0; i < count; ++i) st.bind(static_cast<int>(i + 1), ids[first + i]);
      st.run();
    }
  });
}

void instance_repo::erase(int64_t id) {
  // Every export that holds the answer goes with it (their files hold its text).
  c_.prepare("DELETE FROM exports WHERE id IN (SELECT export_id FROM export_instances WHERE instance_id = ?)").args(id).run();
  c_.prepare("DELETE FROM export_instances WHERE instance_id = ?").args(id).run();
  c_.prepare("DELETE FROM instances WHERE id = ?").args(id).run();
}

namespace {

// The filter's conditions, each a fixed fragment with its own placeholder (nothing from the request
// is SQL), and their values in order.
struct conditions {
  std::string sql;
  std::vector<std::variant<int64_t, std::string>> values;
};

conditions where_of(const answer_filter& f) {
  conditions c;
  auto add = [&](const char* fragment, auto value) {
    c.sql += fragment;
    c.values.emplace_back(value);
  };
  c.sql = " WHERE i.unit_id = ?";
  c.values.emplace_back(f.unit_id);
  if (f.before != INT64_MAX) add(" AND i.id < ?", f.before);
  if (f.state) add(" AND i.state = ?", std::string(name(*f.state)));
  if (f.template_id) add(" AND i.version_id IN (SELECT id FROM template_versions WHERE template_id = ?)", *f.template_id);
  if (f.package_id) add(" AND i.package_id = ?", *f.package_id);
  if (f.sent_from) add(" AND i.created_at >= ?", *f.sent_from);
  if (f.sent_to) add(" AND i.created_at < ?", *f.sent_to);
  if (f.answered_from) add(" AND i.submitted_at >= ?", *f.answered_from);
  if (f.answered_to) add(" AND i.submitted_at < ?", *f.answered_to);
  if (f.answer_by_from) add(" AND i.answer_by >= ?", *f.answer_by_from);
  if (f.answer_by_to) add(" AND i.answer_by <= ?", *f.answer_by_to);
  if (f.delete_after_from) add(" AND i.delete_after >= ?", *f.delete_after_from);
  if (f.delete_after_to) add(" AND i.delete_after <= ?", *f.delete_after_to);
  if (f.attention) c.sql += " AND i.alert_level >= 2";
  if (f.documented) c.sql += *f.documented ? " AND i.documented_at IS NOT NULL" : " AND i.documented_at IS NULL";
  // The recipient through their own index, not by joining every answer's citizen.
  // A number is one citizen at most: equality lets SQLite take the recipient's index.
  if (f.pnr) add(" AND i.citizen_id = (SELECT id FROM citizens WHERE pnr = ?)", *f.pnr);
  if (f.name) add(" AND i.citizen_id IN (SELECT id FROM citizens WHERE LOWER(name) LIKE ?)", "%" + *f.name + "%");
  return c;
}

void bind_all(sql::statement& st, const conditions& c, int& n) {
  for (const auto& v : c.values) {
    if (const int64_t* i = std::get_if<int64_t>(&v)) st.bind(++n, *i);
    else st.bind(++n, std::get<std::string>(v));
  }
}

// The order: the column (answers not yet submitted last when sorting on the answer's time), then
// the id, both in the chosen direction.
std::string order_of(const answer_filter& f) {
  const char* dir = f.descending ? " DESC" : " ASC";
  std::string col;
  switch (f.sort) {
    case answer_sort::sent: col = "i.created_at"; break;
    case answer_sort::answered:
      // Answered forms only (COMPLETED): every one has the time, and the index gives the order.
      if (f.state == instance_state::completed) return std::string(" ORDER BY i.submitted_at") + dir + ", i.id" + dir;
      return std::string(" ORDER BY i.submitted_at") + dir + " NULLS LAST, i.id" + dir;
    case answer_sort::answer_by: col = "i.answer_by"; break;
    case answer_sort::delete_after: col = "i.delete_after"; break;
    case answer_sort::alert: return std::string(" ORDER BY i.alert_level") + dir + ", i.submitted_at" + dir + ", i.id" + dir;
    case answer_sort::form: col = "i.form_name"; break;  // its own index (migration 10)
    case answer_sort::recipient: col = "i.recipient_name"; break;  // its own index (migration 10)
    case answer_sort::state: col = "i.state"; break;
  }
  return " ORDER BY " + col + dir + ", i.id" + dir;
}

}  // namespace

std::vector<answer_list_row> instance_repo::list(const answer_filter& f) {
  const conditions c = where_of(f);
  sql::statement st = c_.prepare(
      "SELECT i.id, i.state, t.id, t.name, v.version, c.name, c.pnr, i.answer_by, i.delete_after, i.submitted_at, "
      "i.updated_at, i.answered_by, i.documented_at, i.citizen_id, i.alert_level, i.created_at, i.package_id "
      "FROM instances i JOIN template_versions v ON v.id = i.version_id JOIN templates t ON t.id = v.template_id "
      "LEFT JOIN citizens c ON c.id = i.citizen_id" +
      c.sql + order_of(f) + " LIMIT ? OFFSET ?");
  int n = 0;
  bind_all(st, c, n);
  st.bind(++n, f.limit);
  st.bind(++n, f.offset);
  std::vector<answer_list_row> out;
  while (st.step()) {
    answer_list_row r;
    r.id = st.integer(0);
    r.state = state_of(st, 1);
    r.template_id = st.integer(2);
    r.template_name = st.text(3);
    r.version = st.integer(4);
    if (!st.is_null(13)) r.recipient = person{st.text(5), st.text(6)};
    r.answer_by = st.text_or_null(7);
    r.delete_after = st.text_or_null(8);
    r.submitted_at = st.text_or_null(9);
    r.updated_at = st.text(10);
    r.answered_by = answerer_of(st, 11);
    r.documented_at = st.text_or_null(12);
    r.alert_level = st.integer(14);
    r.created_at = st.text(15);
    r.package_id = st.integer_or_null(16);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<int64_t> instance_repo::ids(const answer_filter& f, int64_t limit) {
  const conditions c = where_of(f);
  sql::statement st = c_.prepare("SELECT i.id FROM instances i" + c.sql + " ORDER BY i.id LIMIT ?");
  int n = 0;
  bind_all(st, c, n);
  st.bind(++n, limit);
  std::vector<int64_t> out;
  while (st.step()) out.push_back(st.integer(0));
  return out;
}

int64_t instance_repo::count(const answer_filter& f) {
  const conditions c = where_of(f);
  sql::statement st = c_.prepare("SELECT COUNT(*) FROM instances i" + c.sql);
  int n = 0;
  bind_all(st, c, n);
  return st.step() ? st.integer(0) : 0;
}

void instance_repo::add_event(int64_t instance, std::string_view kind, std::string_view actor) {
  c_.prepare("INSERT INTO instance_events (instance_id, at, kind, actor) VALUES (?, ?, ?, ?)").args(instance, now_, kind, actor).run();
}

void instance_repo::add_events(const std::vector<int64_t>& instances, std::string_view kind, std::string_view actor) {
  for_each_batch(instances.size(), [&](size_t first, size_t count) {
    sql::statement st = c_.prepare("INSERT INTO instance_events (instance_id, at, kind, actor) VALUES " + value_rows(count, 4));
    int k = 0;
    for (size_t i = first; i < first + count; ++i) {
      st.bind(++k, instances[i]);
      st.bind(++k, now_);
      st.bind(++k, kind);
      st.bind(++k, actor);
    }
    st.run();
  });
}

std::vector<instance_event> instance_repo::events(int64_t instance) {
  sql::statement st = c_.prepare("SELECT at, kind, actor FROM instance_events WHERE instance_id = ? ORDER BY id");
  st.args(instance);
  std::vector<instance_event> out;
  while (st.step()) out.push_back(instance_event{st.text(0), st.text(1), st.text(2)});
  return out;
}

}  // namespace blankett::server
