// The export area (Uppföljning): an answer exported as a PDF lands here, for the staff member who made
// it, for 14 days; a job deletes it then (once across nodes), and its maker may delete it at once.
// Exporting and the area need the exporter role (besides reader for the answers); every export and
// every download is in the audit log. Deleting an answer deletes the exports that hold it.
#include "http/instance.h"
#include "log.h"
#include "pdf/answer.h"

namespace blankett::server {
namespace {

constexpr int kExportDays = 14;

// Exporting needs both: reading answers at the unit and the export permission.
session_info require_exporter(app& a, const http::request& req, bool csrf, bool reader_too) {
  const session_info se = a.auth().require_staff(req, role::exporter, csrf);
  if (reader_too && !se.has_role(role::reader)) throw api_error{403, "auth.role", "Exporting answers needs the reader role too.", ""};
  return se;
}

void write_export(json_writer& w, const export_file& e) {
  w.begin_object().key("id").value(e.id).key("kind").value(std::string_view(e.kind)).key("name").value(std::string_view(e.name));
  w.key("answers").value(e.answers).key("size").value(e.size).key("created_at").value(std::string_view(e.created_at));
  w.key("expires_at").value(std::string_view(e.expires_at)).end_object();
}

// One answer as a PDF into the export area: 201 with the export.
void export_answer_pdf(app& a, const http::request& req, http::response& res) {
  const session_info se = require_exporter(a, req, true, true);
  const int64_t id = path_id(req, 1);
  struct loaded {
    instance_row r;
    std::optional<person> proxy;
  };
  const loaded l = a.db().read([&](tx& t) {
    auto row = t.instances().load(id);
    if (!row || row->unit_id != *se.unit_id) throw api_error{404, "not_found", "No such answer.", ""};
    loaded out{*row, std::nullopt};
    if (row->answered_by == answerer::guardian && row->actor_citizen_id) {
      if (const auto c = t.citizens().by_id(*row->actor_citizen_id)) out.proxy = person{c->name, c->pnr};
    }
    return out;
  });
  const instance_row& r = l.r;
  if (r.state == instance_state::cancelled) throw api_error{409, "form.state", "The form was cancelled: there is nothing to export.", ""};
  evaluated e;
  evaluate_instance(a, r, r.answers, r.subject ? std::optional<std::string>(r.subject->pnr) : std::nullopt, -1, false, e);
  if (!e.readable || !e.ev) throw api_error{500, "export.failed", "The answer could not be read.", ""};
  answer_export x;
  x.unit_name = r.unit_name;
  x.version = r.version;
  x.state = r.state;
  x.recipient = r.subject;
  x.proxy = l.proxy;
  x.answered_by = r.answered_by;
  x.sent_at = r.created_at;
  x.submitted_at = r.submitted_at;
  x.answer_by = r.answer_by;
  x.delete_after = r.delete_after;
  x.documented_at = r.documented_at;
  x.exported_at = a.time().now_iso();
  x.answers = e.ev.get();
  const std::string pdf = answer_pdf(x);
  if (pdf.empty()) throw api_error{500, "export.failed", "The PDF could not be made.", ""};

  export_file f;
  f.unit_id = *se.unit_id;
  f.staff_id = *se.staff_id;
  f.kind = "pdf";
  f.name = "formularsvar-" + std::to_string(id) + ".pdf";
  f.expires_at = format_utc(a.time().now() + std::chrono::hours(24 * kExportDays));
  const export_file made = a.db().write([&](tx& t) {
    f.id = t.exports().add(f, pdf, {id});
    t.instances().add_event(id, "exported", se.actor());
    audit(t, se, "answer.export", "instance:" + std::to_string(id), "pdf export:" + std::to_string(f.id));
    return *t.exports().find(f.id);
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("export");
  write_export(w, made);
  w.end_object();
  send_json(res, 201, out);
}

void list_exports(app& a, const http::request& req, http::response& res) {
  const session_info se = require_exporter(a, req, false, false);
  const auto list = a.db().read([&](tx& t) { return t.exports().of_staff(*se.staff_id, *se.unit_id); });
  std::string out;
  json_writer w(out);
  w.begin_object().key("exports").begin_array();
  for (const export_file& e : list) write_export(w, e);
  w.end_array().end_object();
  send_json(res, 200, out);
}

// The export, the maker's own at the session's unit; 404 otherwise.
export_file own_export(tx& t, const session_info& se, int64_t id) {
  const auto e = t.exports().find(id);
  if (!e || e->staff_id != *se.staff_id || e->unit_id != *se.unit_id) throw api_error{404, "not_found", "No such export.", ""};
  return *e;
}

void download_export(app& a, const http::request& req, http::response& res) {
  const session_info se = require_exporter(a, req, false, false);
  const int64_t id = path_id(req, 1);
  struct file {
    export_file e;
    std::string content;
  };
  const file f = a.db().write([&](tx& t) {
    file out{own_export(t, se, id), *t.exports().content(id)};
    audit(t, se, "export.read", "export:" + std::to_string(id), std::to_string(out.e.answers) + " answers");
    return out;
  });
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"" + f.e.name + "\"");
  res.set_content(f.content, f.e.kind == "pdf" ? "application/pdf" : f.e.kind == "zip" ? "application/zip" : "text/csv; charset=utf-8");
}

void delete_export(app& a, const http::request& req, http::response& res) {
  const session_info se = require_exporter(a, req, true, false);
  const int64_t id = path_id(req, 1);
  a.db().write([&](tx& t) {
    own_export(t, se, id);
    t.exports().remove(id);
    audit(t, se, "export.delete", "export:" + std::to_string(id), "");
  });
  a.purge_deleted();  // its bytes out of SQLite's write-ahead log too
  send_json(res, 200, R"({"deleted":true})");
}

}  // namespace

void install_export_routes(app& a, http::router& r) {
  r.post("/api/v1/answers/{id}/pdf", a.handler(export_answer_pdf));
  r.get("/api/v1/exports", a.handler(list_exports));
  r.get("/api/v1/exports/{id}/file", a.handler(download_export));
  r.del("/api/v1/exports/{id}", a.handler(delete_export));
}

}  // namespace blankett::server
