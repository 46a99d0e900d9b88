// Following up (Uppföljning): a reader lists the unit's answers, opens one with the exact template
// version it was given on, adds staff measurements, marks it documented and deletes it (gallrar).
//
// Every instance is reached through the staff session's unit: another unit's answer is a 404, never
// a 403, so that ids cannot be probed. Every list and every opening of answers is in the audit log,
// written in the same transaction as the read.
#include <algorithm>
#include <cctype>

#include "blankett/pnr.h"
#include "blankett/report.h"
#include "http/answer_query.h"
#include "http/attachments.h"
#include "http/instance.h"
#include "log.h"
#include "policy.h"
#include "retention.h"

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

// A local date parameter (YYYY-MM-DD), or nullopt when absent; 400 when malformed.
std::optional<civil_date> date_param(const http::request& req, const char* key) {
  if (!req.has_param(key)) return std::nullopt;
  const auto d = parse_civil_date(req.get_param_value(key));
  if (!d.ok()) throw api_error{400, "request.value", std::string(key) + " is a date, YYYY-MM-DD.", key};
  return d.value();
}
// A local date's first moment, and the next date's (a period's end, excluded), as UTC text.
std::string day_start(civil_date d) { return format_utc(local_moment(d, 0)); }
std::string day_after(civil_date d) { return format_utc(local_moment(civil_from_days(days_from_civil(d) + 1), 0)); }

const std::string_view kAlertLevels[] = {"none", "info", "warning", "critical"};

}  // namespace

// The filter of the request's query (docs/api.md, GET /answers): the unit's answers it selects.
answer_filter filter_of(app& a, const http::request& req, const session_info& se) {
  answer_filter f;
  f.unit_id = *se.unit_id;
  const std::string state = req.get_param_value("state");
  if (!state.empty()) {
    f.state = parse_name<instance_state>(state);
    if (!f.state) throw api_error{400, "request.value", "state is one of ONGOING, PENDING_COMPLETION, COMPLETED, CANCELLED.", "state"};
  }
  f.limit = query_int(req, "limit", 1, 500).value_or(100);
  f.offset = query_int(req, "offset", 0, INT64_MAX).value_or(0);
  f.before = query_int(req, "before", 1, INT64_MAX).value_or(INT64_MAX);
  f.template_id = query_int(req, "template", 1, INT64_MAX);
  f.package_id = query_int(req, "package", 1, INT64_MAX);
  if (req.get_param_value("delete_due") == "true") f.delete_after_to = a.time().today_iso();
  if (auto d = date_param(req, "sent_from")) f.sent_from = day_start(*d);
  if (auto d = date_param(req, "sent_to")) f.sent_to = day_after(*d);
  if (auto d = date_param(req, "answered_from")) f.answered_from = day_start(*d);
  if (auto d = date_param(req, "answered_to")) f.answered_to = day_after(*d);
  if (auto d = date_param(req, "answer_by_from")) f.answer_by_from = format_date(*d);
  if (auto d = date_param(req, "answer_by_to")) f.answer_by_to = format_date(*d);
  if (auto d = date_param(req, "delete_after_from")) f.delete_after_from = format_date(*d);
  if (auto d = date_param(req, "delete_after_to")) {
    const std::string to = format_date(*d);
    if (!f.delete_after_to || to < *f.delete_after_to) f.delete_after_to = to;
  }
  if (req.has_param("personnummer")) {
    auto p = parse_pnr(req.get_param_value("personnummer"), pnr_options{a.time().today(), false});
    if (!p) throw api_error{400, std::string(error_name(p.error())), "personnummer is not a valid number.", "personnummer"};
    f.pnr = std::string(p->twelve());
  }
  if (std::string name = req.get_param_value("name"); !name.empty()) {
    if (name.size() > 100) throw api_error{400, "request.value", "name is at most 100 characters.", "name"};
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string escaped;  // LIKE's wildcards are the user's characters here
    for (char ch : name) {
      if (ch == '%' || ch == '_') continue;
      escaped += ch;
    }
    if (!escaped.empty()) f.name = escaped;
  }
  f.attention = req.get_param_value("attention") == "true";
  if (const std::string d = req.get_param_value("documented"); d == "true" || d == "false") f.documented = d == "true";
  if (const std::string sort = req.get_param_value("sort"); !sort.empty()) {
    const auto s = parse_name<answer_sort>(sort);
    if (!s) throw api_error{400, "request.value", "sort is one of sent, answered, answer_by, delete_after, alert, form, recipient, state.", "sort"};
    f.sort = *s;
  }
  if (const std::string dir = req.get_param_value("dir"); !dir.empty()) {
    if (dir != "asc" && dir != "desc") throw api_error{400, "request.value", "dir is asc or desc.", "dir"};
    f.descending = dir == "desc";
  }
  return f;
}

// What the filter selects, for the audit log: the kinds of filter, never a number or name searched for.
std::string filter_details(const answer_filter& f) {
  std::string details;
  if (f.state) details += " state=" + std::string(name(*f.state));
  if (f.template_id) details += " template=" + std::to_string(*f.template_id);
  if (f.package_id) details += " package=" + std::to_string(*f.package_id);
  if (f.delete_after_to) details += " delete_after_to=" + *f.delete_after_to;
  if (f.sent_from || f.sent_to || f.answered_from || f.answered_to || f.answer_by_from || f.answer_by_to || f.delete_after_from)
    details += " dates";
  if (f.attention) details += " attention";
  if (f.documented) details += *f.documented ? " documented" : " not_documented";
  if (f.pnr || f.name) details += " by recipient";
  return details;
}

namespace {

// The unit's answers (uppföljning), filtered, sorted and paged, with how many the filter selects.
// docs/api.md lists the parameters.
void list_answers(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::reader, false);
  const answer_filter f = filter_of(a, req, se);
  // The list names people and the forms they were sent (AUDIT, PHQ-9): reading it is logged.
  struct page {
    std::vector<answer_list_row> rows;
    int64_t total = 0;
  };
  const page p = a.db().write([&](tx& t) {
    page out{t.instances().list(f), t.instances().count(f)};
    audit(t, se, "answers.list", "unit:" + std::to_string(*se.unit_id),
          std::to_string(out.rows.size()) + " of " + std::to_string(out.total) + " answers" + filter_details(f));
    return out;
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("answers").begin_array();
  for (const answer_list_row& r : p.rows) {
    w.begin_object();
    w.key("id").value(r.id).key("state").value(name(r.state));
    w.key("template").value(r.template_id).key("name").value(std::string_view(r.template_name));
    w.key("version").value(r.version);
    field(w, "recipient", r.recipient);
    w.key("sent_at").value(std::string_view(r.created_at));
    field(w, "answer_by", r.answer_by);
    field(w, "delete_after", r.delete_after);
    field(w, "submitted_at", r.submitted_at);
    w.key("updated_at").value(std::string_view(r.updated_at));
    field(w, "answered_by", r.answered_by);
    field(w, "documented_at", r.documented_at);
    w.key("alert").value(kAlertLevels[std::clamp<int64_t>(r.alert_level, 0, 3)]);
    w.key("package");
    if (r.package_id) w.value(*r.package_id);
    else w.null();
    w.end_object();
  }
  w.end_array().key("total").value(p.total).key("offset").value(f.offset).key("limit").value(f.limit).key("next");
  if (static_cast<int64_t>(p.rows.size()) == f.limit) w.value(p.rows.back().id);
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
    if (!t.instances().set_measurements(r.id, revision, changed.measurements, result, alert_level(e)))
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
    if (!r.documented_at) t.webhooks().emit("FormDocumented", {id});
    t.instances().mark_documented(id);
    t.instances().add_event(id, "documented", se.actor());
  });
  a.wake_jobs();  // the webhooks go now
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
    t.webhooks().emit("FormDeleted", {id});  // before the form goes: the event copies its ids
    t.instances().erase(id);
    audit(t, se, "answer.deleted", "instance:" + std::to_string(id), "template:" + std::to_string(r.template_id));
  });
  a.purge_deleted();
  a.wake_jobs();  // the webhooks go now
  send_json(res, 200, R"({"deleted":true})");
}

// Gallring of what a filter selects (the query as for GET /answers) after the confirmation that
// stated how many: {"count": n}. Another count (answers came or went meanwhile) is 409 with the
// count now, and nothing is deleted. At most 10,000 at once. The audit log gets the number only.
constexpr int64_t kMaxGallring = 10000;
void delete_answers(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::reader, true);
  answer_filter f = filter_of(a, req, se);
  simdjson::dom::parser parser;
  const int64_t confirmed = *field_int(a.body(req, parser), "count");
  const int64_t deleted = a.db().write([&](tx& t) {
    const int64_t now = t.instances().count(f);
    if (now != confirmed)
      throw api_error{409, "gallring.changed", "The filter selects " + std::to_string(now) + " answers now; confirm again.", "count"};
    if (now > kMaxGallring) throw api_error{400, "gallring.too_many", "At most 10000 answers at once: narrow the filter.", "count"};
    f.offset = 0;
    f.limit = kMaxGallring;
    std::vector<int64_t> ids;
    for (const answer_list_row& r : t.instances().list(f)) ids.push_back(r.id);
    t.webhooks().emit("FormDeleted", ids);
    t.instances().erase_many(ids);
    audit(t, se, "answers.deleted", "unit:" + std::to_string(*se.unit_id), std::to_string(ids.size()) + " answers" + filter_details(f));
    return static_cast<int64_t>(ids.size());
  });
  a.purge_deleted();
  a.wake_jobs();  // the webhooks go now
  send_json(res, 200, "{\"deleted\":" + std::to_string(deleted) + "}");
}

// Skicka påminnelse: to the answers given ({"answers": [ids], at most 500}) or to all the filter selects
// ({"count": n}, the number the user confirmed, as for gallring), each that still waits for an answer
// from someone who can be reached (a citizen, not past its answer-by date) gets an inbox message and
// a notification by each channel the citizen has turned on; the notification checks again, when it
// goes, that the form still waits. Each reminder is in the form's history; the audit log has counts.
void remind(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::reader, true);
  answer_filter f = filter_of(a, req, se);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  std::vector<int64_t> given;
  simdjson::dom::element list;
  if (!b["answers"].get(list)) {
    simdjson::dom::array items;
    if (list.get(items)) throw api_error{400, "request.type", "answers is a list of answer ids.", "answers"};
    for (simdjson::dom::element e : items) {
      if (!e.is_int64()) throw api_error{400, "request.type", "answers is a list of answer ids.", "answers"};
      given.push_back(e.get_int64().value_unsafe());
    }
    if (given.empty() || given.size() > 500) throw api_error{400, "request.value", "answers holds 1 to 500 ids.", "answers"};
  }
  const std::optional<int64_t> confirmed = given.empty() ? field_int(b, "count") : std::nullopt;
  std::string text(field_text(b, "message", false));
  if (text.empty()) text = policy::kReminderDefaultText;
  const std::string today = a.time().today_iso();
  struct outcome {
    int64_t reminded = 0, skipped = 0;
  };
  const outcome o = a.db().write([&](tx& t) {
    std::vector<int64_t> ids = given;
    if (confirmed) {
      const int64_t now = t.instances().count(f);
      if (now != *confirmed)
        throw api_error{409, "reminder.changed", "The filter selects " + std::to_string(now) + " answers now; confirm again.", "count"};
      f.offset = 0;
      f.limit = kMaxGallring;
      for (const answer_list_row& r : t.instances().list(f)) ids.push_back(r.id);
    }
    outcome out;
    std::vector<std::pair<int64_t, int64_t>> to;  // (citizen, instance)
    for (int64_t id : ids) {
      const auto r = t.instances().load(id);
      if (!r || r->unit_id != *se.unit_id) {
        if (!confirmed) throw api_error{404, "not_found", "No such answer: " + std::to_string(id) + ".", "answers"};
        continue;
      }
      const bool waiting = r->state == instance_state::ongoing || r->state == instance_state::pending_completion;
      if (!waiting || !r->citizen_id || (r->answer_by && *r->answer_by < today) || r->kind == template_kind::case_form) {
        ++out.skipped;
        continue;
      }
      to.emplace_back(*r->citizen_id, r->id);
    }
    if (!to.empty()) {
      const std::vector<int64_t> messages = t.inbox().add_for_package(*se.unit_id, std::nullopt, policy::kReminderSubject, text, to);
      t.notifications().add_for_messages(messages, true);
      std::vector<int64_t> instances;
      for (const auto& [citizen, instance] : to) instances.push_back(instance);
      t.instances().add_events(instances, "reminded", se.actor());
    }
    out.reminded = static_cast<int64_t>(to.size());
    audit(t, se, "answers.remind", "unit:" + std::to_string(*se.unit_id),
          std::to_string(out.reminded) + " reminded, " + std::to_string(out.skipped) + " not waiting" + filter_details(f));
    return out;
  });
  a.wake_jobs();
  send_json(res, 200, "{\"reminded\":" + std::to_string(o.reminded) + ",\"skipped\":" + std::to_string(o.skipped) + "}");
}

// The unit's deletion rule and how many answers its next run deletes (server/retention.h), for the
// list's warning: {"policy": null | {"days", "after"}, "tomorrow": n}.
void retention_outlook(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::reader, false);
  send_json(res, 200, a.db().read([&](tx& t) {
    const auto u = t.retention().unit(*se.unit_id);
    if (!u || !u->retention) return std::string(R"({"policy":null,"tomorrow":0})");
    return "{\"policy\":{\"days\":" + std::to_string(u->retention->days) + ",\"after\":\"" + std::string(name(u->retention->after)) +
           "\"},\"tomorrow\":" + std::to_string(retention_tomorrow(t, *se.unit_id, *u->retention)) + "}";
  }));
}

}  // namespace

void install_answer_routes(app& a, http::router& r) {
  r.get("/api/v1/answers/retention", a.handler(retention_outlook));
  r.post("/api/v1/answers/reminders", a.handler(remind));
  r.post("/api/v1/answers/gallra", a.handler(delete_answers));
  r.get("/api/v1/answers", a.handler(list_answers));
  r.get("/api/v1/answers/{id}", a.handler(get_answer));
  r.put("/api/v1/answers/{id}/measurements", a.handler(put_measurements));
  r.get("/api/v1/answers/{id}/attachments/{id}", a.handler(get_attachment));
  r.post("/api/v1/answers/{id}/documented", a.handler(mark_documented));
  r.del("/api/v1/answers/{id}", a.handler(delete_answer));
}

}  // namespace blankett::server
