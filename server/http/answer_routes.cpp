// Following up (Uppföljning): a reader lists the unit's answers, opens one with the exact template
// version it was given on, adds staff measurements, marks it documented and deletes it (gallrar).
//
// Every instance is reached through the staff session's unit: another unit's answer is a 404, never
// a 403, so that ids cannot be probed. Every list and every opening of answers is in the audit log,
// written in the same transaction as the read.
#include "blankett/report.h"
#include "http/attachments.h"
#include "http/instance.h"
#include "log.h"

namespace blankett::server {
namespace {

instance_row unit_instance(tx& t, const session_info& s, int64_t id) {
  auto row = t.instances().load(id);
  if (!row || row->unit_id != *s.unit_id) throw api_error{404, "not_found", "No such answer.", ""};
  return *row;
}

// "key": value, or null when there is none.
void field(json_writer& w, std::string_view key, const std::optional<person>& p) {
  w.key(key);
  if (!p) w.null();
  else w.begin_object().key("name").value(std::string_view(p->name)).key("personnummer").value(std::string_view(p->pnr)).end_object();
}
void field(json_writer& w, std::string_view key, const std::optional<std::string>& v) {
  w.key(key);
  if (v) w.value(std::string_view(*v));
  else w.null();
}
void field(json_writer& w, std::string_view key, const std::optional<answerer>& a) {
  w.key(key);
  if (a) w.value(name(*a));
  else w.null();
}

// The guardian who answered for a child (the recipient comes with the instance).
std::optional<person> person_of(tx& t, std::optional<int64_t> id) {
  if (!id) return std::nullopt;
  const auto c = t.citizens().by_id(*id);
  if (!c) return std::nullopt;
  return person{c->name, c->pnr};
}

// The unit's answers, newest first. Filters: state, template, delete_due (delete-after date on or
// before today), limit (≤ 500) and before (an id, for the next page).
void list_answers(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::reader, false);
  answer_filter f;
  f.unit_id = *se.unit_id;
  const std::string state = req.get_param_value("state");
  if (!state.empty()) {
    f.state = parse_name<instance_state>(state);
    if (!f.state) throw api_error{400, "request.value", "state is one of ONGOING, PENDING_COMPLETION, COMPLETED, CANCELLED.", "state"};
  }
  f.limit = query_int(req, "limit", 1, 500).value_or(100);
  f.before = query_int(req, "before", 1, INT64_MAX).value_or(INT64_MAX);
  f.template_id = query_int(req, "template", 1, INT64_MAX);
  const bool delete_due = req.get_param_value("delete_due") == "true";
  if (delete_due) f.delete_due_on = a.time().today_iso();
  // The list names people and the forms they were sent (AUDIT, PHQ-9): reading it is logged.
  std::string details;
  const auto rows = a.db().write([&](tx& t) {
    auto list = t.instances().list(f);
    details = std::to_string(list.size()) + " answers";
    if (f.state) details += " state=" + state;
    if (f.template_id) details += " template=" + std::to_string(*f.template_id);
    if (delete_due) details += " delete_due";
    audit(t, se, "answers.list", "unit:" + std::to_string(*se.unit_id), details);
    return list;
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("answers").begin_array();
  for (const answer_list_row& r : rows) {
    w.begin_object();
    w.key("id").value(r.id).key("state").value(name(r.state));
    w.key("template").value(r.template_id).key("name").value(std::string_view(r.template_name));
    w.key("version").value(r.version);
    field(w, "recipient", r.recipient);
    field(w, "answer_by", r.answer_by);
    field(w, "delete_after", r.delete_after);
    field(w, "submitted_at", r.submitted_at);
    w.key("updated_at").value(std::string_view(r.updated_at));
    field(w, "answered_by", r.answered_by);
    field(w, "documented_at", r.documented_at);
    w.end_object();
  }
  w.end_array().key("next");
  if (static_cast<int64_t>(rows.size()) == f.limit) w.value(rows.back().id);
  else w.null();
  w.end_object();
  send_json(res, 200, out);
}

// One answer with the definition of the version it was given on, the answers, the measurements,
// the stored result and the history.
void get_answer(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::reader, false);
  const int64_t id = path_id(req, 1);
  struct view {
    instance_row r;
    std::optional<person> recipient, proxy;
    std::vector<instance_event> events;
  };
  const view v = a.db().write([&](tx& t) {
    view out{unit_instance(t, se, id), {}, {}, {}};
    // Every opening of an answer is logged (access logging, as patient data law asks).
    audit(t, se, "answer.read", "instance:" + std::to_string(id), "");
    out.recipient = out.r.subject;
    if (out.r.answered_by == answerer::guardian) out.proxy = person_of(t, out.r.actor_citizen_id);
    out.events = t.instances().events(id);
    return out;
  });
  const instance_row& r = v.r;
  std::string out;
  json_writer w(out);
  w.begin_object();
  w.key("id").value(r.id).key("state").value(name(r.state)).key("revision").value(r.revision);
  w.key("template").value(r.template_id).key("version").value(r.version).key("kind").value(name(r.kind));
  field(w, "recipient", v.recipient);
  field(w, "proxy", v.proxy);
  field(w, "answered_by", r.answered_by);
  field(w, "banner", r.banner);
  field(w, "answer_by", r.answer_by);
  field(w, "delete_after", r.delete_after);
  field(w, "submitted_at", r.submitted_at);
  field(w, "read_at", r.read_at);
  w.key("form").raw(a.definition_of(r.version_id));
  w.key("answers").raw(r.answers);
  w.key("measurements").raw(r.measurements);
  w.key("result");
  if (r.result) w.raw(*r.result);
  else w.null();
  w.key("events").begin_array();
  for (const instance_event& e : v.events) {
    w.begin_object().key("at").value(std::string_view(e.at)).key("kind").value(std::string_view(e.kind));
    w.key("actor").value(std::string_view(e.actor)).end_object();
  }
  w.end_array().end_object();
  send_json(res, 200, out);
}

// Staff measurements: {"measurements": {id: value}, "revision": n}, merged over the stored ones and
// checked by the core. Invalid values are a 422 and nothing is stored; a submitted answer's result
// is recomputed with them (the star profile's measured axes).
void put_measurements(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::reader, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const int64_t revision = *field_int(b, "revision");
  auto m = b["measurements"];
  if (m.error() || !m.value_unsafe().is_object())
    throw api_error{400, "request.missing", "measurements is an object of measurement ids and values.", "measurements"};
  const int64_t id = path_id(req, 1);
  const instance_row r = a.db().read([&](tx& t) { return unit_instance(t, se, id); });
  if (r.state == instance_state::cancelled) throw api_error{409, "form.state", "The form was cancelled.", ""};
  auto f = a.form_of(r.version_id);
  const simdjson::dom::object obj = m.value_unsafe().get_object().value_unsafe();
  for (auto [k, v] : obj) {
    (void)v;
    const int32_t item = f->find_item(k);
    if (item < 0 || !f->items[static_cast<size_t>(item)].staff)
      throw api_error{400, "form.measurement", "The form has no such measurement.", "measurements." + std::string(k)};
  }
  instance_row changed = r;
  changed.measurements = merge_answers(r.measurements, m.value_unsafe());
  std::optional<std::string> subject;
  if (r.subject) subject = r.subject->pnr;
  evaluated e;
  evaluate_instance(a, changed, r.answers, subject, -1, false, e);
  if (!e.readable) {
    std::string out;
    json_writer w(out);
    w.begin_object().key("error").begin_object().key("code").value("form.measurements");
    w.key("message").value("The measurements cannot be read.").key("field").value("measurements");
    w.key("diagnostics").begin_array();
    for (const auto& d : e.diagnostics) write_diagnostic(d, "en", w);
    w.end_array().end_object().end_object();
    return send_json(res, 422, out);
  }
  for (const auto& issue : e.result.issues)
    if (issue.r != rule::unknown_item && f->items[issue.item].staff) return send_json(res, 422, "{\"result\":" + result_json(e) + "}");
  const std::string result = result_json(e);
  a.db().write([&](tx& t) {
    if (!t.instances().set_measurements(r.id, revision, changed.measurements, result))
      throw api_error{409, "form.conflict", "The answer changed meanwhile; load it again.", "revision"};
    t.instances().add_event(r.id, "measured", se.actor());
  });
  send_json(res, 200, "{\"revision\":" + std::to_string(revision + 1) + ",\"result\":" + result + "}");
}

void get_attachment(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::reader, false);
  const int64_t id = path_id(req, 1), file_id = path_id(req, 2);
  const auto file = a.db().write([&](tx& t) {
    unit_instance(t, se, id);
    audit(t, se, "attachment.read", "instance:" + std::to_string(id), "attachment:" + std::to_string(file_id));
    return t.attachments().file(file_id, id);
  });
  send_attachment(file, res);
}

// Documented in the record system: a mark with time and person, before deletion.
void mark_documented(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::reader, true);
  const int64_t id = path_id(req, 1);
  a.db().write([&](tx& t) {
    const instance_row r = unit_instance(t, se, id);
    if (r.state != instance_state::completed) throw api_error{409, "form.state", "Only a submitted answer is documented.", ""};
    t.instances().mark_documented(id);
    t.instances().add_event(id, "documented", se.actor());
  });
  send_json(res, 200, R"({"ok":true})");
}

// Delete (gallra): the instance, its answers, its files and its history are removed for good (SQLite
// overwrites deleted content and the write-ahead log is emptied; PostgreSQL: docs/operations.md).
// The audit log keeps that it happened, not what it held.
void delete_answer(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::reader, true);
  const int64_t id = path_id(req, 1);
  a.db().write([&](tx& t) {
    const instance_row r = unit_instance(t, se, id);
    t.instances().erase(id);
    audit(t, se, "answer.deleted", "instance:" + std::to_string(id), "template:" + std::to_string(r.template_id));
  });
  a.purge_deleted();
  send_json(res, 200, R"({"deleted":true})");
}

}  // namespace

void install_answer_routes(app& a, http::router& r) {
  r.get("/api/v1/answers", a.handler(list_answers));
  r.get("/api/v1/answers/{id}", a.handler(get_answer));
  r.put("/api/v1/answers/{id}/measurements", a.handler(put_measurements));
  r.get("/api/v1/answers/{id}/attachments/{id}", a.handler(get_attachment));
  r.post("/api/v1/answers/{id}/documented", a.handler(mark_documented));
  r.del("/api/v1/answers/{id}", a.handler(delete_answer));
}

}  // namespace blankett::server
