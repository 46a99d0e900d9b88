// Templates (formulärmallar): upload and check, versions and their states, sharing, export.
//
// A template belongs to a unit and is identified there by its form's id; each version is the form
// definition as uploaded (its "version" field numbers it). A unit sees its own templates, national
// ones, and shared ones it subscribes to; only the owner's designers change them.
#include "blankett/report.h"
#include "http/app.h"

namespace blankett::server {
namespace {

void write_template(json_writer& w, const template_summary& s) {
  w.begin_object();
  w.key("id").value(s.id);
  w.key("unit").begin_object().key("id").value(s.unit_id).key("name").value(std::string_view(s.unit_name)).end_object();
  w.key("form_id").value(std::string_view(s.form_id));
  w.key("name").value(std::string_view(s.name));
  w.key("kind").value(name(s.kind));
  w.key("national").value(s.national);
  w.key("shared").value(s.shared);
  w.key("public").value(s.is_public);
  w.key("latest_version").value(s.latest_version);
  w.key("latest_state").value(name(s.latest_state));
  w.key("published_version");
  if (s.published_version) w.value(*s.published_version);
  else w.null();
  w.end_object();
}

// The template if the unit may see it; 404 otherwise (never 403: no probing).
template_access visible_template(tx& t, int64_t id, int64_t unit) {
  const auto a = t.templates().access(id, unit);
  if (!a || !a->visible_to(unit)) throw api_error{404, "not_found", "No such template.", ""};
  return *a;
}

// The same, for a change: only the owning unit changes a template.
template_access owned_template(tx& t, int64_t id, int64_t unit) {
  const template_access a = visible_template(t, id, unit);
  if (a.owner != unit) throw api_error{403, "template.not_owner", "Only the owning unit changes a template.", ""};
  return a;
}

bool allowed_transition(template_state from, template_state to) {
  using s = template_state;
  switch (from) {
    case s::unpublished: return to == s::pending || to == s::published;
    case s::pending: return to == s::unpublished || to == s::published;
    case s::published: return to == s::archived;
    case s::archived: return to == s::published;
  }
  return false;
}

// The templates this unit may use.
void list_templates(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, std::nullopt, false);
  const auto list = a.db().read([&](tx& t) { return t.templates().visible_to(*se.unit_id); });
  std::string out;
  json_writer w(out);
  w.begin_object().key("templates").begin_array();
  for (const auto& s : list) write_template(w, s);
  w.end_array().end_object();
  send_json(res, 200, out);
}

// Gemensamma mallar: other units' shared templates, each with whether this unit subscribes to it.
void list_shared(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, std::nullopt, false);
  const auto list = a.db().read([&](tx& t) { return t.templates().shared_for(*se.unit_id); });
  std::string out;
  json_writer w(out);
  w.begin_object().key("templates").begin_array();
  for (const auto& [s, subscribed] : list) {
    w.begin_object().key("subscribed").value(subscribed).key("template");
    write_template(w, s);
    w.end_object();
  }
  w.end_array().end_object();
  send_json(res, 200, out);
}

// Upload a form definition (the request body, as a file would be): a new template or a new version.
// Query: kind=questionnaire|case|information, public=true|false.
void upload_template(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::designer, true);
  if (req.body.size() > a.cfg().max_body) throw api_error{413, "request.too_large", "The request body is too large.", ""};
  // The diagnostics' messages in ?lang=sv or en (default en).
  const std::string lang = req.get_param_value("lang") == "sv" ? "sv" : "en";
  form_load loaded = load_form(req.body);
  if (!loaded.ok()) {
    std::string out;
    json_writer w(out);
    w.begin_object().key("error").begin_object();
    w.key("code").value("template.invalid").key("message").value("The form definition has errors.");
    w.end_object().key("diagnostics");
    write_diagnostics(loaded.diagnostics, lang, w);
    w.end_object();
    return send_json(res, 422, out);
  }
  const form& f = *loaded.value;
  const bool kind_given = req.has_param("kind");
  const auto kind = parse_name<template_kind>(kind_given ? req.get_param_value("kind") : "questionnaire");
  if (!kind) throw api_error{400, "request.value", "kind is questionnaire, case or information.", "kind"};
  const bool public_given = req.has_param("public");
  const bool is_public = public_given && req.get_param_value("public") == "true";
  const int64_t template_id = a.db().write([&](tx& t) {
    int64_t id = 0;
    if (const auto existing = t.templates().by_form_id(*se.unit_id, f.id)) {
      // A new version keeps the template's kind; `public`, when given, is applied.
      id = existing->id;
      if (kind_given && *kind != existing->kind)
        throw api_error{409, "template.kind", "The template is a " + std::string(name(existing->kind)) + "; a new version keeps its kind.", "kind"};
      if (public_given && is_public != existing->is_public) {
        t.templates().set_flag(id, template_flag::is_public, is_public);
        audit(t, se, "template.public", "template:" + std::to_string(id), is_public ? "on" : "off");
      }
    } else {
      id = t.templates().create(*se.unit_id, f.id, f.title.in(f.default_language(), f.default_language()), *kind, is_public);
    }
    const auto latest = t.templates().latest(id);
    if (latest && (f.version < latest->version || (f.version == latest->version && latest->state != template_state::unpublished)))
      throw api_error{409, "template.version",
                      "Upload a higher version: version " + std::to_string(latest->version) + " exists and is " +
                          std::string(name(latest->state)) + ".",
                      "version"};
    if (latest && f.version == latest->version) t.templates().replace_draft(id, f.version, req.body, *se.staff_id);  // never published
    else t.templates().add_version(id, f.version, template_state::unpublished, req.body, *se.staff_id);
    audit(t, se, "template.upload", "template:" + std::to_string(id), "version " + std::to_string(f.version));
    return id;
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("id").value(template_id).key("name").value(f.title.in(f.default_language(), f.default_language()));
  w.key("form_id").value(std::string_view(f.id)).key("version").value(f.version).key("state").value("unpublished");
  w.key("warnings");
  write_diagnostics(loaded.diagnostics, lang, w);
  w.end_object();
  send_json(res, 201, out);
}

void get_template(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, std::nullopt, false);
  const int64_t id = path_id(req, 1);
  struct view {
    std::optional<template_summary> summary;
    std::vector<template_version> versions;
  };
  const view v = a.db().read([&](tx& t) {
    const template_access access = visible_template(t, id, *se.unit_id);
    // Other units see the versions that were published (drafts and versions in review are the owner's).
    return view{t.templates().summary(id), t.templates().versions(id, access.owner != *se.unit_id)};
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("template");
  if (v.summary) write_template(w, *v.summary);
  else w.null();
  w.key("versions").begin_array();
  for (const template_version& x : v.versions) {
    w.begin_object().key("version").value(x.version).key("state").value(name(x.state));
    w.key("created_at").value(std::string_view(x.created_at)).end_object();
  }
  w.end_array().end_object();
  send_json(res, 200, out);
}

// A version's definition, as uploaded.
void get_version(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, std::nullopt, false);
  const int64_t id = path_id(req, 1), version = path_id(req, 2);
  const std::string definition = a.db().read([&](tx& t) {
    const template_access access = visible_template(t, id, *se.unit_id);
    const auto v = t.templates().version(id, version);
    const bool released = v && (v->state == template_state::published || v->state == template_state::archived);
    if (!v || (access.owner != *se.unit_id && !released)) throw api_error{404, "not_found", "No such version.", ""};
    return v->definition;
  });
  send_json(res, 200, definition);
}

// Change a version's state: {"state": "pending" | "published" | "archived" | "unpublished"}.
void change_version_state(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::designer, true);
  const int64_t id = path_id(req, 1), version = path_id(req, 2);
  simdjson::dom::parser parser;
  const std::string_view state_name = field_text(a.body(req, parser), "state");
  const auto to = parse_name<template_state>(state_name);
  a.db().write([&](tx& t) {
    owned_template(t, id, *se.unit_id);
    const auto v = t.templates().version(id, version);
    if (!v) throw api_error{404, "not_found", "No such version.", ""};
    if (!to || !allowed_transition(v->state, *to))
      throw api_error{409, "template.state", "A version cannot go from " + std::string(name(v->state)) + " to " + std::string(state_name) + ".",
                      "state"};
    t.templates().set_state(id, version, *to);
    audit(t, se, "template.state", "template:" + std::to_string(id),
          "version " + std::to_string(version) + " " + std::string(name(v->state)) + " -> " + std::string(name(*to)));
  });
  send_json(res, 200, R"({"ok":true})");
}

// Template settings: {"shared"?, "public"?, "national"?}.
void change_template(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::designer, true);
  const int64_t id = path_id(req, 1);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  std::vector<std::pair<template_flag, bool>> changes;
  for (template_flag f : {template_flag::shared, template_flag::is_public, template_flag::national})
    if (auto v = field_bool(b, name(f))) changes.emplace_back(f, *v);
  a.db().write([&](tx& t) {
    owned_template(t, id, *se.unit_id);
    for (const auto& [flag, on] : changes) {
      if (flag == template_flag::national && !se.has_role(role::admin))
        throw api_error{403, "auth.role", "Only an administrator puts a template in the national library.", "national"};
      t.templates().set_flag(id, flag, on);
      audit(t, se, "template." + std::string(name(flag)), "template:" + std::to_string(id), on ? "on" : "off");
    }
  });
  send_json(res, 200, R"({"ok":true})");
}

// Subscribe this unit to another unit's shared template.
void subscribe(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::designer, true);
  const int64_t id = path_id(req, 1);
  a.db().write([&](tx& t) {
    const auto access = t.templates().access(id, *se.unit_id);
    if (!access || !access->shared) throw api_error{404, "not_found", "No such shared template.", ""};
    t.templates().subscribe(*se.unit_id, id);
    audit(t, se, "template.subscribe", "template:" + std::to_string(id), "");
  });
  send_json(res, 200, R"({"ok":true})");
}

// End this unit's subscription to another unit's shared template (sending it is then refused).
void unsubscribe(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::designer, true);
  const int64_t id = path_id(req, 1);
  a.db().write([&](tx& t) {
    const auto access = t.templates().access(id, *se.unit_id);
    if (!access || !access->subscribed) throw api_error{404, "not_found", "No such subscription.", ""};
    t.templates().unsubscribe(*se.unit_id, id);
    audit(t, se, "template.unsubscribe", "template:" + std::to_string(id), "");
  });
  send_json(res, 200, R"({"ok":true})");
}

// Export: the newest published version, ready to import elsewhere (POST /api/v1/templates).
void export_template(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, std::nullopt, false);
  const int64_t id = path_id(req, 1);
  const template_version v = a.db().read([&](tx& t) {
    visible_template(t, id, *se.unit_id);
    const auto published = t.templates().newest_published(id);
    if (!published) throw api_error{404, "template.unpublished", "The template has no published version.", ""};
    return *published;
  });
  res.set_header("Content-Disposition",
                 "attachment; filename=\"template-" + std::to_string(id) + "-v" + std::to_string(v.version) + ".json\"");
  send_json(res, 200, v.definition);
}

}  // namespace

void install_template_routes(app& a, http::router& r) {
  r.get("/api/v1/templates", a.handler(list_templates));
  r.get("/api/v1/templates/shared", a.handler(list_shared));
  r.post("/api/v1/templates", a.handler(upload_template));
  r.get("/api/v1/templates/{id}", a.handler(get_template));
  r.put("/api/v1/templates/{id}", a.handler(change_template));
  r.get("/api/v1/templates/{id}/versions/{id}", a.handler(get_version));
  r.put("/api/v1/templates/{id}/versions/{id}", a.handler(change_version_state));
  r.post("/api/v1/templates/{id}/subscription", a.handler(subscribe));
  r.del("/api/v1/templates/{id}/subscription", a.handler(unsubscribe));
  r.get("/api/v1/templates/{id}/export", a.handler(export_template));
}

}  // namespace blankett::server
