// The export area (Uppföljning): an answer exported as a PDF, several answers as one PDF or a zip of
// PDFs, and a template's answers as CSV with a codebook (made by a job, export/csv_job.h) land here,
// for the staff member who made them, for 14 days; a job deletes each then (once across nodes), and
// its maker may delete it at once. Exporting and the area need the exporter role (besides reader for
// the answers); every export and every download is in the audit log. Deleting an answer deletes the
// exports that hold it.
#include <algorithm>
#include <memory>

#include "export/answers_csv.h"
#include "export/zip.h"
#include "http/answer_query.h"
#include "http/instance.h"
#include "log.h"
#include "pdf/answer.h"

namespace blankett::server {
namespace {

constexpr int kExportDays = 14;
// Several answers at once (one PDF or a zip): at most this many.
constexpr size_t kMaxPdfAnswers = 200;
// A CSV export: at most this many answers (a filter selecting more is refused).
constexpr int64_t kMaxCsvAnswers = 1000000;

// Exporting needs both: reading answers at the unit and the export permission.
session_info require_exporter(app& a, const http::request& req, bool csrf, bool reader_too) {
  const session_info se = a.auth().require_staff(req, role::exporter, csrf);
  if (reader_too && !se.has_role(role::reader)) throw api_error{403, "auth.role", "Exporting answers needs the reader role too.", ""};
  return se;
}

void write_export(json_writer& w, const export_file& e) {
  w.begin_object().key("id").value(e.id).key("kind").value(std::string_view(e.kind)).key("name").value(std::string_view(e.name));
  w.key("answers").value(e.answers).key("size").value(e.size).key("created_at").value(std::string_view(e.created_at));
  w.key("expires_at").value(std::string_view(e.expires_at)).key("state").value(std::string_view(e.state));
  w.key("done").value(e.done).key("total").value(e.total).key("error");
  if (e.error) w.value(std::string_view(*e.error));
  else w.null();
  w.end_object();
}

void send_export(http::response& res, int status, const export_file& e) {
  std::string out;
  json_writer w(out);
  w.begin_object().key("export");
  write_export(w, e);
  w.end_object();
  send_json(res, status, out);
}

std::string expiry(app& a) { return format_utc(a.time().now() + std::chrono::hours(24 * kExportDays)); }

// An answer loaded for a PDF: the instance, the guardian who answered for a child, the evaluation.
struct loaded_answer {
  instance_row r;
  std::optional<person> proxy;
  evaluated e;  // points into itself: never moved (held by pointer)
};

std::unique_ptr<loaded_answer> load_answer(tx& t, const session_info& se, int64_t id) {
  auto row = t.instances().load(id);
  if (!row || row->unit_id != *se.unit_id) return nullptr;
  auto out = std::make_unique<loaded_answer>();
  out->r = *row;
  if (row->answered_by == answerer::guardian && row->actor_citizen_id) {
    if (const auto c = t.citizens().by_id(*row->actor_citizen_id)) out->proxy = person{c->name, c->pnr};
  }
  return out;
}

// The answer evaluated with the core (the version it was given on) and described for the PDF.
answer_export describe(app& a, loaded_answer& l) {
  const instance_row& r = l.r;
  evaluate_instance(a, r, r.answers, r.subject ? std::optional<std::string>(r.subject->pnr) : std::nullopt, -1, false, l.e);
  if (!l.e.readable || !l.e.ev) throw api_error{500, "export.failed", "The answer could not be read.", ""};
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
  x.answers = l.e.ev.get();
  return x;
}

// One answer as a PDF into the export area: 201 with the export.
void export_answer_pdf(app& a, const http::request& req, http::response& res) {
  const session_info se = require_exporter(a, req, true, true);
  const int64_t id = path_id(req, 1);
  std::unique_ptr<loaded_answer> l = a.db().read([&](tx& t) { return load_answer(t, se, id); });
  if (!l) throw api_error{404, "not_found", "No such answer.", ""};
  if (l->r.state == instance_state::cancelled) throw api_error{409, "form.state", "The form was cancelled: there is nothing to export.", ""};
  const std::string pdf = answer_pdf(describe(a, *l));
  if (pdf.empty()) throw api_error{500, "export.failed", "The PDF could not be made.", ""};

  export_file f;
  f.unit_id = *se.unit_id;
  f.staff_id = *se.staff_id;
  f.kind = "pdf";
  f.name = "formularsvar-" + std::to_string(id) + ".pdf";
  f.expires_at = expiry(a);
  const export_file made = a.db().write([&](tx& t) {
    f.id = t.exports().add(f, pdf, {id});
    t.instances().add_event(id, "exported", se.actor());
    audit(t, se, "answer.export", "instance:" + std::to_string(id), "pdf export:" + std::to_string(f.id));
    return *t.exports().find(f.id);
  });
  send_export(res, 201, made);
}

// Several answers at once, {"answers": [ids], "format": "pdf"|"zip"}: one PDF (each answer from a new
// page, numbered on its own) or a zip of one PDF per answer. 201 with the export; each answer gets
// "exported" in its history and a row in the audit log.
void export_answers_pdf(app& a, const http::request& req, http::response& res) {
  const session_info se = require_exporter(a, req, true, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const std::string format(field_text(b, "format", false));
  if (!format.empty() && format != "pdf" && format != "zip") throw api_error{400, "request.value", "format is pdf or zip.", "format"};
  const bool zip = format == "zip";
  std::vector<int64_t> ids;
  simdjson::dom::array list;
  if (b["answers"].get(list)) throw api_error{400, "request.missing", "answers is a list of answer ids.", "answers"};
  for (simdjson::dom::element e : list) {
    if (!e.is_int64()) throw api_error{400, "request.type", "answers is a list of answer ids.", "answers"};
    ids.push_back(e.get_int64().value_unsafe());
  }
  if (ids.empty()) throw api_error{400, "request.value", "answers holds 1 to 200 ids.", "answers"};
  if (ids.size() > kMaxPdfAnswers) throw api_error{400, "export.too_many", "At most 200 answers at once.", "answers"};
  std::vector<int64_t> unique = ids;
  std::sort(unique.begin(), unique.end());
  if (std::adjacent_find(unique.begin(), unique.end()) != unique.end())
    throw api_error{400, "request.value", "answers names each answer once.", "answers"};

  std::vector<std::unique_ptr<loaded_answer>> loaded = a.db().read([&](tx& t) {
    std::vector<std::unique_ptr<loaded_answer>> out;
    for (int64_t id : ids) {
      auto l = load_answer(t, se, id);
      // Which one is not the unit's is not said: ids of other units cannot be probed.
      if (!l) throw api_error{404, "not_found", "No such answer.", "answers"};
      out.push_back(std::move(l));
    }
    return out;
  });
  for (size_t i = 0; i < loaded.size(); ++i)
    if (loaded[i]->r.state == instance_state::cancelled)
      throw api_error{409, "form.state", "A form was cancelled: there is nothing to export.", "answers." + std::to_string(i)};
  std::vector<answer_export> described;
  described.reserve(loaded.size());
  for (auto& l : loaded) described.push_back(describe(a, *l));

  std::string content;
  if (zip) {
    std::vector<std::pair<std::string, std::string>> files;
    for (size_t i = 0; i < described.size(); ++i) {
      std::string pdf = answer_pdf(described[i]);
      if (pdf.empty()) throw api_error{500, "export.failed", "The PDF could not be made.", ""};
      files.emplace_back("formularsvar-" + std::to_string(ids[i]) + ".pdf", std::move(pdf));
    }
    content = make_zip(files);
  } else {
    content = answers_pdf(described);
  }
  if (content.empty()) throw api_error{500, "export.failed", "The file could not be made.", ""};

  export_file f;
  f.unit_id = *se.unit_id;
  f.staff_id = *se.staff_id;
  f.kind = zip ? "zip" : "pdf";
  f.name = "formularsvar-" + a.time().today_iso() + "-" + std::to_string(ids.size()) + "-svar." + (zip ? "zip" : "pdf");
  f.expires_at = expiry(a);
  const export_file made = a.db().write([&](tx& t) {
    f.id = t.exports().add(f, content, ids);
    t.instances().add_events(ids, "exported", se.actor());
    for (int64_t id : ids) audit(t, se, "answer.export", "instance:" + std::to_string(id), f.kind + " export:" + std::to_string(f.id));
    return *t.exports().find(f.id);
  });
  send_export(res, 201, made);
}

// A template's answers as CSV with a codebook: the filter of GET /answers (naming one template) and
// {"values": "codes"|"labels", "format": "sv"|"international", "identify": bool}. 202 with the
// running export; the job "csv_export" writes it (export/csv_job.h). Only submitted answers are rows.
void export_answers_csv(app& a, const http::request& req, http::response& res) {
  const session_info se = require_exporter(a, req, true, true);
  answer_filter f = filter_of(a, req, se);
  if (!f.template_id) throw api_error{400, "export.template", "The filter names one template: template=<id>.", "template"};
  std::string values = "codes", format = "sv";
  bool identify = false;
  if (!req.body.empty()) {
    simdjson::dom::parser parser;
    auto b = a.body(req, parser);
    if (const std::string_view v = field_text(b, "values", false); !v.empty()) values = v;
    if (const std::string_view v = field_text(b, "format", false); !v.empty()) format = v;
    identify = field_bool(b, "identify").value_or(false);
  }
  if (values != "codes" && values != "labels") throw api_error{400, "request.value", "values is codes or labels.", "values"};
  if (format != "sv" && format != "international") throw api_error{400, "request.value", "format is sv or international.", "format"};
  // Only submitted answers are rows: a filter on another state selects none.
  const bool other_state = f.state && *f.state != instance_state::completed;
  f.state = instance_state::completed;
  f.before = INT64_MAX;  // the list's paging, not a filter

  std::string options;
  json_writer w(options);
  w.begin_object().key("values").value(std::string_view(values)).key("format").value(std::string_view(format));
  w.key("identify").value(identify).end_object();

  const export_file made = a.db().write([&](tx& t) {
    std::vector<int64_t> ids;
    if (!other_state) ids = t.instances().ids(f, kMaxCsvAnswers + 1);
    if (static_cast<int64_t>(ids.size()) > kMaxCsvAnswers)
      throw api_error{400, "export.too_many", "At most 1000000 answers in one CSV export: narrow the filter.", "template"};
    const auto summary = t.templates().summary(*f.template_id);
    if (ids.empty() || !summary) throw api_error{422, "export.empty", "The filter selects no submitted answers.", ""};
    export_file e;
    e.unit_id = *se.unit_id;
    e.staff_id = *se.staff_id;
    e.kind = "csv";
    e.name = csv_export_name(summary->form_id, a.time().today_iso());
    e.expires_at = expiry(a);
    e.state = "running";
    e.id = t.exports().add(e, "", ids, options);
    audit(t, se, "answers.export", "unit:" + std::to_string(*se.unit_id),
          "csv export:" + std::to_string(e.id) + " " + std::to_string(ids.size()) + " answers" + filter_details(f) + " values=" + values +
              " format=" + format + (identify ? " identify" : ""));
    return *t.exports().find(e.id);
  });
  a.wake_jobs();
  send_export(res, 202, made);
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
    file out{own_export(t, se, id), ""};
    if (out.e.state == "running") throw api_error{409, "export.running", "The export is being made; its file comes when it is ready.", ""};
    if (out.e.state == "failed") throw api_error{409, "export.failed", "The export failed; it has no file.", ""};
    out.content = *t.exports().content(id);
    audit(t, se, "export.read", "export:" + std::to_string(id), std::to_string(out.e.answers) + " answers");
    return out;
  });
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"" + f.e.name + "\"");
  // A CSV export is a zip (svar.csv and kodbok.csv).
  res.set_content(f.content, f.e.kind == "pdf" ? "application/pdf" : "application/zip");
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
  r.post("/api/v1/answers/pdf", a.handler(export_answers_pdf));
  r.post("/api/v1/answers/csv", a.handler(export_answers_csv));
  r.post("/api/v1/answers/{id}/pdf", a.handler(export_answer_pdf));
  r.get("/api/v1/exports", a.handler(list_exports));
  r.get("/api/v1/exports/{id}/file", a.handler(download_export));
  r.del("/api/v1/exports/{id}", a.handler(delete_export));
}

}  // namespace blankett::server
