// Templates (formulärmallar): upload and check, versions and their states, sharing, export.
//
// A template belongs to a unit and is identified there by its form's id; each version is the form
// definition as uploaded (its "version" field numbers it). A unit sees its own templates, national
// ones, and shared ones it subscribes to; only the owner's designers change them.
#include "blankett/report.h"
#include "http/api.h"
#include "log.h"

namespace blankett::server {
namespace {

struct template_access {
  int64_t id, owner;
  bool national, shared;
};

// The template if the unit may see it (owner, national, or shared and subscribed); 404 otherwise.
template_access visible_template(connection& c, int64_t id, int64_t unit) {
  statement st = c.prepare(
      "SELECT t.id, t.unit_id, t.national, t.shared, "
      "EXISTS (SELECT 1 FROM subscriptions s WHERE s.template_id = t.id AND s.unit_id = ?) "
      "FROM templates t WHERE t.id = ?");
  st.args(unit, id);
  if (!st.step()) throw api_error{404, "not_found", "No such template.", ""};
  template_access a{st.integer(0), st.integer(1), st.integer(2) != 0, st.integer(3) != 0};
  const bool subscribed = st.integer(4) != 0;
  if (a.owner != unit && !a.national && !(a.shared && subscribed)) throw api_error{404, "not_found", "No such template.", ""};
  return a;
}

void write_template(json_writer& w, statement& st) {
  // Columns: id, unit_id, unit name, form_id, name, kind, national, shared, public, latest version,
  // latest state, published version.
  w.begin_object();
  w.key("id").value(st.integer(0));
  w.key("unit").begin_object().key("id").value(st.integer(1)).key("name").value(std::string_view(st.text(2))).end_object();
  w.key("form_id").value(std::string_view(st.text(3)));
  w.key("name").value(std::string_view(st.text(4)));
  w.key("kind").value(std::string_view(st.text(5)));
  w.key("national").value(st.integer(6) != 0);
  w.key("shared").value(st.integer(7) != 0);
  w.key("public").value(st.integer(8) != 0);
  w.key("latest_version").value(st.integer(9));
  w.key("latest_state").value(std::string_view(st.text(10)));
  w.key("published_version");
  if (st.is_null(11)) w.null();
  else w.value(st.integer(11));
  w.end_object();
}

constexpr const char* kTemplateColumns =
    "SELECT t.id, t.unit_id, u.name, t.form_id, t.name, t.kind, t.national, t.shared, t.public, "
    "(SELECT MAX(v.version) FROM template_versions v WHERE v.template_id = t.id), "
    "(SELECT v.state FROM template_versions v WHERE v.template_id = t.id ORDER BY v.version DESC LIMIT 1), "
    "(SELECT MAX(v.version) FROM template_versions v WHERE v.template_id = t.id AND v.state = 'published') "
    "FROM templates t JOIN units u ON u.id = t.unit_id ";

bool allowed_transition(std::string_view from, std::string_view to) {
  if (from == "unpublished") return to == "pending" || to == "published";
  if (from == "pending") return to == "unpublished" || to == "published";
  if (from == "published") return to == "archived";
  if (from == "archived") return to == "published";
  return false;
}

}  // namespace

void api::template_routes(http::router& s) {
  // The templates this unit may use.
  s.get("/api/v1/templates", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "", false);
      statement st = db().prepare(std::string(kTemplateColumns) +
                                  "WHERE t.unit_id = ? OR t.national = 1 OR (t.shared = 1 AND EXISTS "
                                  "(SELECT 1 FROM subscriptions s WHERE s.template_id = t.id AND s.unit_id = ?)) "
                                  "ORDER BY t.name, t.id");
      st.args(*se.unit_id, *se.unit_id);
      std::string out;
      json_writer w(out);
      w.begin_object().key("templates").begin_array();
      while (st.step()) write_template(w, st);
      w.end_array().end_object();
      send(res, 200, out);
    });
  });

  // Upload a form definition (the request body, as a file would be): a new template or a new version.
  // Query: kind=questionnaire|case|information, public=true|false.
  s.post("/api/v1/templates", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "designer", true);
      if (req.body.size() > cfg_.max_body) throw api_error{413, "request.too_large", "The request body is too large.", ""};
      form_load loaded = load_form(req.body);
      if (!loaded.ok()) {
        std::string out;
        json_writer w(out);
        w.begin_object().key("error").begin_object();
        w.key("code").value("template.invalid").key("message").value("The form definition has errors.");
        w.end_object().key("diagnostics");
        write_diagnostics(loaded.diagnostics, "en", w);
        w.end_object();
        return send(res, 422, out);
      }
      const form& f = *loaded.value;
      const std::string kind = req.has_param("kind") ? req.get_param_value("kind") : "questionnaire";
      if (kind != "questionnaire" && kind != "case" && kind != "information")
        throw api_error{400, "request.value", "kind is questionnaire, case or information.", "kind"};
      const bool is_public = req.has_param("public") && req.get_param_value("public") == "true";
      connection& c = db();
      transaction t(c);
      statement find = c.prepare("SELECT id, kind, public FROM templates WHERE unit_id = ? AND form_id = ?");
      find.args(*se.unit_id, std::string_view(f.id));
      int64_t template_id = 0;
      if (find.step()) {
        // A new version keeps the template's kind; `public`, when given, is applied.
        template_id = find.integer(0);
        const std::string stored_kind = find.text(1);
        if (req.has_param("kind") && kind != stored_kind)
          throw api_error{409, "template.kind", "The template is a " + stored_kind + "; a new version keeps its kind.", "kind"};
        if (req.has_param("public") && is_public != (find.integer(2) != 0)) {
          c.prepare("UPDATE templates SET public = ? WHERE id = ?").args(int64_t{is_public}, template_id).run();
          audit(se, "template.public", "template:" + std::to_string(template_id), is_public ? "on" : "off");
        }
      } else {
        statement ins = c.prepare(
            "INSERT INTO templates (unit_id, form_id, name, kind, public, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
        ins.args(*se.unit_id, std::string_view(f.id), f.title.in(f.default_language(), f.default_language()),
                 std::string_view(kind), int64_t{is_public}, std::string_view(now_iso()));
        template_id = ins.returned_id();
      }
      statement latest = c.prepare("SELECT version, state FROM template_versions WHERE template_id = ? ORDER BY version DESC LIMIT 1");
      latest.args(template_id);
      bool replace = false;
      if (latest.step()) {
        const int64_t v = latest.integer(0);
        const std::string state = latest.text(1);
        if (f.version < v || (f.version == v && state != "unpublished"))
          throw api_error{409, "template.version",
                          "Upload a higher version: version " + std::to_string(v) + " exists and is " + state + ".", "version"};
        replace = f.version == v;  // a draft that was never published is replaced
      }
      if (replace)
        c.prepare("UPDATE template_versions SET definition = ?, created_by = ?, created_at = ? WHERE template_id = ? AND version = ?")
            .args(std::string_view(req.body), *se.staff_id, std::string_view(now_iso()), template_id, f.version)
            .run();
      else
        c.prepare("INSERT INTO template_versions (template_id, version, state, definition, created_by, created_at) "
                  "VALUES (?, ?, 'unpublished', ?, ?, ?)")
            .args(template_id, f.version, std::string_view(req.body), *se.staff_id, std::string_view(now_iso()))
            .run();
      audit(se, "template.upload", "template:" + std::to_string(template_id), "version " + std::to_string(f.version));
      t.commit();
      std::string out;
      json_writer w(out);
      w.begin_object().key("id").value(template_id).key("version").value(f.version).key("state").value("unpublished");
      w.key("warnings");
      write_diagnostics(loaded.diagnostics, "en", w);
      w.end_object();
      send(res, 201, out);
    });
  });

  s.get("/api/v1/templates/{id}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "", false);
      const int64_t id = path_id(req, 1);
      connection& c = db();
      const template_access a = visible_template(c, id, *se.unit_id);
      statement st = c.prepare(std::string(kTemplateColumns) + "WHERE t.id = ?");
      st.args(id);
      std::string out;
      json_writer w(out);
      w.begin_object().key("template");
      if (st.step()) write_template(w, st);
      else w.null();
      w.key("versions").begin_array();
      // Other units see the versions that were published (drafts and versions in review are the owner's).
      statement vs = c.prepare(std::string("SELECT version, state, created_at FROM template_versions WHERE template_id = ? ") +
                               (a.owner == *se.unit_id ? "" : "AND state IN ('published', 'archived') ") + "ORDER BY version");
      vs.args(id);
      while (vs.step()) {
        w.begin_object().key("version").value(vs.integer(0)).key("state").value(std::string_view(vs.text(1)));
        w.key("created_at").value(std::string_view(vs.text(2))).end_object();
      }
      w.end_array().end_object();
      send(res, 200, out);
    });
  });

  // A version's definition, as uploaded.
  s.get("/api/v1/templates/{id}/versions/{id}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "", false);
      const int64_t id = path_id(req, 1), version = path_id(req, 2);
      connection& c = db();
      const template_access a = visible_template(c, id, *se.unit_id);
      statement st = c.prepare("SELECT definition, state FROM template_versions WHERE template_id = ? AND version = ?");
      st.args(id, version);
      if (!st.step() || (a.owner != *se.unit_id && st.text(1) != "published" && st.text(1) != "archived"))
        throw api_error{404, "not_found", "No such version.", ""};
      send(res, 200, st.text(0));
    });
  });

  // Change a version's state: {"state": "pending" | "published" | "archived" | "unpublished"}.
  s.put("/api/v1/templates/{id}/versions/{id}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "designer", true);
      const int64_t id = path_id(req, 1), version = path_id(req, 2);
      simdjson::dom::parser parser;
      const std::string state(field_text(body(req, parser), "state"));
      connection& c = db();
      transaction t(c);
      const template_access a = visible_template(c, id, *se.unit_id);
      if (a.owner != *se.unit_id) throw api_error{403, "template.not_owner", "Only the owning unit changes a template.", ""};
      statement st = c.prepare("SELECT state FROM template_versions WHERE template_id = ? AND version = ?");
      st.args(id, version);
      if (!st.step()) throw api_error{404, "not_found", "No such version.", ""};
      const std::string from = st.text(0);
      if (!allowed_transition(from, state))
        throw api_error{409, "template.state", "A version cannot go from " + from + " to " + state + ".", "state"};
      c.prepare("UPDATE template_versions SET state = ? WHERE template_id = ? AND version = ?")
          .args(std::string_view(state), id, version)
          .run();
      audit(se, "template.state", "template:" + std::to_string(id), "version " + std::to_string(version) + " " + from + " -> " + state);
      t.commit();
      send(res, 200, R"({"ok":true})");
    });
  });

  // Template settings: {"shared"?, "public"?, "national"?}.
  s.put("/api/v1/templates/{id}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "designer", true);
      const int64_t id = path_id(req, 1);
      simdjson::dom::parser parser;
      auto b = body(req, parser);
      connection& c = db();
      transaction t(c);
      const template_access a = visible_template(c, id, *se.unit_id);
      if (a.owner != *se.unit_id) throw api_error{403, "template.not_owner", "Only the owning unit changes a template.", ""};
      if (field_bool(b, "national") && !se.has_role("admin"))
        throw api_error{403, "auth.role", "Only an administrator puts a template in the national library.", "national"};
      for (const char* key : {"shared", "public", "national"}) {
        if (auto v = field_bool(b, key)) {
          c.prepare(std::string("UPDATE templates SET ") + key + " = ? WHERE id = ?").args(int64_t{*v}, id).run();
          audit(se, std::string("template.") + key, "template:" + std::to_string(id), *v ? "on" : "off");
        }
      }
      t.commit();
      send(res, 200, R"({"ok":true})");
    });
  });

  // Subscribe this unit to another unit's shared template.
  s.post("/api/v1/templates/{id}/subscription", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "designer", true);
      const int64_t id = path_id(req, 1);
      connection& c = db();
      statement st = c.prepare("SELECT shared FROM templates WHERE id = ?");
      st.args(id);
      if (!st.step() || st.integer(0) == 0) throw api_error{404, "not_found", "No such shared template.", ""};
      transaction t(c);
      c.prepare("INSERT INTO subscriptions (unit_id, template_id) VALUES (?, ?) ON CONFLICT DO NOTHING").args(*se.unit_id, id).run();
      audit(se, "template.subscribe", "template:" + std::to_string(id), "");
      t.commit();
      send(res, 200, R"({"ok":true})");
    });
  });

  // Export: the newest published version, ready to import elsewhere (POST /api/v1/templates).
  s.get("/api/v1/templates/{id}/export", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "", false);
      const int64_t id = path_id(req, 1);
      connection& c = db();
      visible_template(c, id, *se.unit_id);
      statement st = c.prepare(
          "SELECT definition, version FROM template_versions WHERE template_id = ? AND state = 'published' ORDER BY version DESC LIMIT 1");
      st.args(id);
      if (!st.step()) throw api_error{404, "template.unpublished", "The template has no published version.", ""};
      res.set_header("Content-Disposition", "attachment; filename=\"template-" + std::to_string(id) + "-v" +
                                                std::to_string(st.integer(1)) + ".json\"");
      send(res, 200, st.text(0));
    });
  });
}

}  // namespace blankett::server
