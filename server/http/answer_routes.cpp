// Following up (Uppföljning): a reader lists the unit's answers, opens one with the exact template
// version it was given on, adds staff measurements, marks it documented and deletes it (gallrar).
//
// Every instance is reached through the staff session's unit: another unit's answer is a 404, never
// a 403, so that ids cannot be probed.
#include "blankett/report.h"
#include "http/attachments.h"
#include "http/instance.h"
#include "log.h"

namespace blankett::server {
namespace {

constexpr std::string_view kStates[] = {"ONGOING", "PENDING_COMPLETION", "COMPLETED", "CANCELLED"};

instance_row unit_instance(connection& c, const session_info& s, int64_t id) {
  auto row = load_instance(c, id);
  if (!row || row->unit_id != *s.unit_id) throw api_error{404, "not_found", "No such answer.", ""};
  return *row;
}

struct person {
  std::string name, pnr;
};

std::optional<person> person_of(connection& c, std::optional<int64_t> id) {
  if (!id) return std::nullopt;
  statement st = c.prepare("SELECT name, pnr FROM citizens WHERE id = ?");
  st.args(*id);
  if (!st.step()) return std::nullopt;
  return person{st.text(0), st.text(1)};
}

void write_person(json_writer& w, const std::optional<person>& p) {
  if (!p) {
    w.null();
    return;
  }
  w.begin_object().key("name").value(std::string_view(p->name)).key("personnummer").value(std::string_view(p->pnr)).end_object();
}

void write_optional(json_writer& w, const std::optional<std::string>& v) {
  if (v) w.value(std::string_view(*v));
  else w.null();
}

void staff_event(connection& c, int64_t instance, std::string_view kind, const session_info& s, const std::string& now) {
  c.prepare("INSERT INTO instance_events (instance_id, at, kind, actor) VALUES (?, ?, ?, ?)")
      .args(instance, std::string_view(now), kind, std::string_view("staff:" + std::to_string(*s.staff_id)))
      .run();
}

}  // namespace

void api::answer_routes(http::router& s) {
  // The unit's answers, newest first. Filters: state, template, delete_due (delete-after date on or
  // before today), limit (≤ 500) and before (an id, for the next page).
  s.get("/api/v1/answers", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "reader", false);
      std::string state = req.get_param_value("state");
      if (!state.empty() && std::find(std::begin(kStates), std::end(kStates), state) == std::end(kStates))
        throw api_error{400, "request.value", "state is one of ONGOING, PENDING_COMPLETION, COMPLETED, CANCELLED.", "state"};
      int64_t limit = 100, before = INT64_MAX, template_id = 0;
      auto number = [&](const char* name, int64_t& out, int64_t lo, int64_t hi) {
        if (!req.has_param(name)) return;
        const std::string v = req.get_param_value(name);
        char* end = nullptr;
        const long long n = std::strtoll(v.c_str(), &end, 10);
        if (v.empty() || *end != '\0' || n < lo || n > hi)
          throw api_error{400, "request.value", std::string(name) + " is out of range.", name};
        out = n;
      };
      number("limit", limit, 1, 500);
      number("before", before, 1, INT64_MAX);
      number("template", template_id, 1, INT64_MAX);
      const bool delete_due = req.get_param_value("delete_due") == "true";
      connection& c = db();
      statement st = c.prepare(
          "SELECT i.id, i.state, t.id, t.name, v.version, c.name, c.pnr, i.answer_by, i.delete_after, i.submitted_at, "
          "i.updated_at, i.answered_by, i.documented_at, json_extract(i.result, '$.valid') "
          "FROM instances i JOIN template_versions v ON v.id = i.version_id JOIN templates t ON t.id = v.template_id "
          "LEFT JOIN citizens c ON c.id = i.citizen_id "
          "WHERE i.unit_id = ? AND i.id < ? AND (? = '' OR i.state = ?) AND (? = 0 OR t.id = ?) "
          "AND (? = 0 OR i.delete_after <= ?) ORDER BY i.id DESC LIMIT ?");
      st.args(*se.unit_id, before, std::string_view(state), std::string_view(state), template_id, template_id,
              int64_t{delete_due}, std::string_view(today_iso()), limit);
      std::string out;
      json_writer w(out);
      w.begin_object().key("answers").begin_array();
      int64_t last = 0, n = 0;
      while (st.step()) {
        last = st.integer(0);
        ++n;
        w.begin_object();
        w.key("id").value(last).key("state").value(std::string_view(st.text(1)));
        w.key("template").value(st.integer(2)).key("name").value(std::string_view(st.text(3)));
        w.key("version").value(st.integer(4));
        w.key("recipient");
        if (st.is_null(5)) w.null();
        else w.begin_object().key("name").value(std::string_view(st.text(5))).key("personnummer").value(std::string_view(st.text(6))).end_object();
        w.key("answer_by");
        write_optional(w, st.text_or_null(7));
        w.key("delete_after");
        write_optional(w, st.text_or_null(8));
        w.key("submitted_at");
        write_optional(w, st.text_or_null(9));
        w.key("updated_at").value(std::string_view(st.text(10)));
        w.key("answered_by");
        write_optional(w, st.text_or_null(11));
        w.key("documented_at");
        write_optional(w, st.text_or_null(12));
        w.end_object();
      }
      w.end_array().key("next");
      if (n == limit) w.value(last);
      else w.null();
      w.end_object();
      st.reset();
      {
        // The list names people and the forms they were sent (AUDIT, PHQ-9): reading it is logged.
        std::string details = std::to_string(n) + " answers";
        if (!state.empty()) details += " state=" + state;
        if (template_id) details += " template=" + std::to_string(template_id);
        if (delete_due) details += " delete_due";
        transaction t(c);
        audit(se, "answers.list", "unit:" + std::to_string(*se.unit_id), details);
        t.commit();
      }
      send(res, 200, out);
    });
  });

  // One answer with the definition of the version it was given on, the answers, the measurements,
  // the stored result and the history.
  s.get("/api/v1/answers/{id}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "reader", false);
      connection& c = db();
      instance_row r = unit_instance(c, se, path_id(req, 1));
      {
        // Every opening of an answer is logged (access logging, as patient data law asks).
        transaction t(c);
        audit(se, "answer.read", "instance:" + std::to_string(r.id), "");
        t.commit();
      }
      std::optional<int64_t> actor;
      {
        statement a = c.prepare("SELECT actor_citizen_id FROM instances WHERE id = ?");
        a.args(r.id);
        if (a.step()) actor = a.integer_or_null(0);
      }
      std::string out;
      json_writer w(out);
      w.begin_object();
      w.key("id").value(r.id).key("state").value(std::string_view(r.state)).key("revision").value(r.revision);
      w.key("template").value(r.template_id).key("version").value(r.version).key("kind").value(std::string_view(r.kind));
      w.key("recipient");
      write_person(w, person_of(c, r.citizen_id));
      w.key("proxy");
      write_person(w, r.answered_by && *r.answered_by == "guardian" ? person_of(c, actor) : std::nullopt);
      w.key("answered_by");
      write_optional(w, r.answered_by);
      w.key("banner");
      write_optional(w, r.banner);
      w.key("answer_by");
      write_optional(w, r.answer_by);
      w.key("delete_after");
      write_optional(w, r.delete_after);
      w.key("submitted_at");
      write_optional(w, r.submitted_at);
      w.key("read_at");
      write_optional(w, r.read_at);
      w.key("form").raw(r.definition);
      w.key("answers").raw(r.answers);
      w.key("measurements").raw(r.measurements);
      w.key("result");
      if (r.result) w.raw(*r.result);
      else w.null();
      w.key("events").begin_array();
      statement ev = c.prepare("SELECT at, kind, actor FROM instance_events WHERE instance_id = ? ORDER BY id");
      ev.args(r.id);
      while (ev.step()) {
        w.begin_object().key("at").value(std::string_view(ev.text(0))).key("kind").value(std::string_view(ev.text(1)));
        w.key("actor").value(std::string_view(ev.text(2))).end_object();
      }
      w.end_array().end_object();
      send(res, 200, out);
    });
  });

  // Staff measurements: {"measurements": {id: value}, "revision": n}, merged over the stored ones and
  // checked by the core. Invalid values are a 422 and nothing is stored; a submitted answer's result
  // is recomputed with them (the star profile's measured axes).
  s.put("/api/v1/answers/{id}/measurements", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "reader", true);
      simdjson::dom::parser parser;
      auto b = body(req, parser);
      const int64_t revision = *field_int(b, "revision");
      auto m = b["measurements"];
      if (m.error() || !m.value_unsafe().is_object())
        throw api_error{400, "request.missing", "measurements is an object of measurement ids and values.", "measurements"};
      connection& c = db();
      instance_row r = unit_instance(c, se, path_id(req, 1));
      if (r.state == "CANCELLED") throw api_error{409, "form.state", "The form was cancelled.", ""};
      auto f = form_of(r.version_id, r.definition);
      const simdjson::dom::object obj = m.value_unsafe().get_object().value_unsafe();
      for (auto [k, v] : obj) {
        (void)v;
        const int32_t item = f->find_item(k);
        if (item < 0 || !f->items[static_cast<size_t>(item)].staff) throw api_error{400, "form.measurement", "The form has no such measurement.", "measurements." + std::string(k)};
      }
      instance_row changed = r;
      changed.measurements = merge_answers(r.measurements, m.value_unsafe());
      std::optional<std::string> subject;
      if (auto p = person_of(c, r.citizen_id)) subject = p->pnr;
      evaluated e;
      evaluate_instance(*this, changed, r.answers, subject, -1, false, e);
      if (!e.readable) {
        std::string out;
        json_writer w(out);
        w.begin_object().key("error").begin_object().key("code").value("form.measurements");
        w.key("message").value("The measurements cannot be read.").key("field").value("measurements");
        w.key("diagnostics").begin_array();
        for (const auto& d : e.diagnostics) write_diagnostic(d, "en", w);
        w.end_array().end_object().end_object();
        return send(res, 422, out);
      }
      for (const auto& issue : e.result.issues)
        if (issue.r != rule::unknown_item && f->items[issue.item].staff) return send(res, 422, "{\"result\":" + result_json(e) + "}");
      const std::string result = result_json(e);
      transaction t(c);
      c.prepare("UPDATE instances SET measurements = ?, result = CASE WHEN state = 'COMPLETED' THEN ? ELSE result END, "
                "revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?")
          .args(std::string_view(changed.measurements), std::string_view(result), std::string_view(now_iso()), r.id, revision)
          .run();
      if (c.changes() == 0) throw api_error{409, "form.conflict", "The answer changed meanwhile; load it again.", "revision"};
      staff_event(c, r.id, "measured", se, now_iso());
      t.commit();
      send(res, 200, "{\"revision\":" + std::to_string(revision + 1) + ",\"result\":" + result + "}");
    });
  });

  s.get("/api/v1/answers/{id}/attachments/{id}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "reader", false);
      connection& c = db();
      instance_row r = unit_instance(c, se, path_id(req, 1));
      const int64_t file = path_id(req, 2);
      {
        transaction t(c);
        audit(se, "attachment.read", "instance:" + std::to_string(r.id), "attachment:" + std::to_string(file));
        t.commit();
      }
      send_attachment(c, r.id, file, res);
    });
  });

  // Documented in the record system: a mark with time and person, before deletion.
  s.post("/api/v1/answers/{id}/documented", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "reader", true);
      connection& c = db();
      instance_row r = unit_instance(c, se, path_id(req, 1));
      if (r.state != "COMPLETED") throw api_error{409, "form.state", "Only a submitted answer is documented.", ""};
      transaction t(c);
      c.prepare("UPDATE instances SET documented_at = COALESCE(documented_at, ?) WHERE id = ?")
          .args(std::string_view(now_iso()), r.id)
          .run();
      staff_event(c, r.id, "documented", se, now_iso());
      t.commit();
      send(res, 200, R"({"ok":true})");
    });
  });

  // Delete (gallra): the instance, its answers and its history are removed for good (the database
  // overwrites deleted content, and the write-ahead log is emptied). The audit log keeps that it
  // happened, not what it held.
  s.del("/api/v1/answers/{id}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "reader", true);
      connection& c = db();
      instance_row r = unit_instance(c, se, path_id(req, 1));
      transaction t(c);
      c.prepare("DELETE FROM instances WHERE id = ?").args(r.id).run();
      audit(se, "answer.deleted", "instance:" + std::to_string(r.id), "template:" + std::to_string(r.template_id));
      t.commit();
      purge_deleted(c);
      send(res, 200, R"({"deleted":true})");
    });
  });
}

}  // namespace blankett::server
