// Staff: log in (argon2id, throttled), log out, who am I, choose the unit to work for, one's own
// settings (an e-mail address, the forms to be told about when answered).
#include <algorithm>

#include "auth/crypto.h"
#include "blankett/formats.h"
#include "http/app.h"
#include "log.h"

namespace blankett::server {
namespace {

// {staff, units: [{id, code, name, roles}], unit, csrf}
std::string me_json(const std::optional<staff_profile>& who, const std::vector<unit_roles>& units, std::optional<int64_t> unit,
                    const std::string& csrf) {
  std::string out;
  json_writer w(out);
  w.begin_object();
  if (who) {
    w.key("staff").begin_object();
    w.key("id").value(who->id).key("username").value(std::string_view(who->username)).key("name").value(std::string_view(who->name));
    w.end_object();
  }
  w.key("units").begin_array();
  for (const unit_roles& u : units) {
    w.begin_object().key("id").value(u.id).key("code").value(std::string_view(u.code)).key("name").value(std::string_view(u.name));
    w.key("roles").begin_array();
    for (role r : u.roles) w.value(name(r));
    w.end_array().end_object();
  }
  w.end_array();
  w.key("unit");
  if (unit) w.value(*unit);
  else w.null();
  w.key("csrf").value(std::string_view(csrf));
  w.end_object();
  return out;
}

std::string me_json(tx& t, int64_t staff_id, std::optional<int64_t> unit, const std::string& csrf) {
  return me_json(t.staff().profile(staff_id), t.staff().units(staff_id), unit, csrf);
}

void login(app& a, const http::request& req, http::response& res) {
  sessions::require_json_same_origin(req);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const std::string username(field_text(b, "username"));
  const std::string_view password = field_text(b, "password");
  const std::string address = a.client_address(req);
  if (a.auth().login_blocked(username, address))
    throw api_error{429, "auth.throttled", "Too many failed logins; wait a while and try again.", ""};
  const auto found = a.db().read([&](tx& t) { return t.staff().login(username); });
  // Verify even for unknown names, so that timing does not tell which names exist.
  static const std::string kDummy = password_hash("not a password");
  const bool ok = password_verify(found ? found->password_hash : kDummy, password) && found && !found->disabled;
  if (!ok) {
    a.auth().login_failed(username, address);
    log(log_level::warning, "staff.login_failed", {{"address", address}});
    throw api_error{401, "auth.failed", "Wrong user name or password.", ""};
  }
  const int64_t staff_id = found->id;
  sessions::started started;
  const std::string me = a.db().write([&](tx& t) {
    a.auth().login_succeeded(t, username);
    std::optional<int64_t> unit = found->last_unit;
    if (unit && !t.staff().has_role_at(staff_id, *unit)) unit.reset();
    const std::vector<unit_roles> units = t.staff().units(staff_id);
    if (!unit && units.size() == 1) unit = units[0].id;  // with roles at exactly one unit, that is the unit
    started = a.auth().start(t, session_kind::staff, staff_id, std::nullopt, unit);
    return me_json(t.staff().profile(staff_id), units, unit, started.csrf);
  });
  log(log_level::info, "staff.login", {{"staff", std::to_string(staff_id)}});
  a.auth().set_cookie(res, started.token);
  send_json(res, 200, me);
}

void logout(app& a, const http::request& req, http::response& res) {
  a.auth().end(a.auth().require(req, session_kind::staff, true), res);
  send_json(res, 200, R"({"ok":true})");
}

void me(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::staff, false);
  send_json(res, 200, a.db().read([&](tx& t) { return me_json(t, *se.staff_id, se.unit_id, se.csrf); }));
}

// Choose the unit to work for; remembered for the next login.
void choose_unit(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::staff, true);
  simdjson::dom::parser parser;
  const int64_t unit = *field_int(a.body(req, parser), "unit");
  send_json(res, 200, a.db().write([&](tx& t) {
    if (!t.staff().has_role_at(*se.staff_id, unit)) throw api_error{403, "auth.role", "You have no role at that unit.", "unit"};
    t.sessions().set_unit(se.token_hash, unit);
    t.staff().set_last_unit(*se.staff_id, unit);
    return me_json(t, *se.staff_id, unit, se.csrf);
  }));
}

// The templates a reader of the unit may follow: those the unit can use and that can be answered.
std::vector<template_summary> followable(tx& t, int64_t unit) {
  std::vector<template_summary> out = t.templates().visible_to(unit);
  std::erase_if(out, [](const template_summary& s) { return s.kind == template_kind::information; });
  return out;
}

// {"email": string|null, "notify": [{"template", "name"}], "templates": [{"template", "name"}]}:
// what the user follows at the chosen unit, and what they may follow (nothing without the reader role).
std::string settings_json(tx& t, const session_info& se) {
  const staff_settings mine = t.staff_notices().settings(*se.staff_id, *se.unit_id);
  const std::vector<template_summary> all =
      se.has_role(role::reader) ? followable(t, *se.unit_id) : std::vector<template_summary>{};
  std::string out;
  json_writer w(out);
  w.begin_object().key("email");
  if (mine.email) w.value(std::string_view(*mine.email));
  else w.null();
  auto entry = [&](const template_summary& s) {
    w.begin_object().key("template").value(s.id).key("name").value(std::string_view(s.name)).end_object();
  };
  w.key("notify").begin_array();
  for (const template_summary& s : all)
    if (std::find(mine.notify.begin(), mine.notify.end(), s.id) != mine.notify.end()) entry(s);
  w.end_array().key("templates").begin_array();
  for (const template_summary& s : all) entry(s);
  w.end_array().end_object();
  return out;
}

void get_settings(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, std::nullopt, false);
  send_json(res, 200, a.db().read([&](tx& t) { return settings_json(t, se); }));
}

// {"email"?: string|null, "notify"?: [template ids]}: one's own address ("" or null: none) and the
// templates one follows at the chosen unit (a reader's; each one the unit may use and can be answered).
void put_settings(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, std::nullopt, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const std::optional<std::optional<std::string>> email = field_email(b, "email");
  std::optional<std::vector<int64_t>> notify;
  if (auto v = b["notify"]; !v.error()) {
    simdjson::dom::array items;
    if (v.get(items)) throw api_error{400, "request.type", "notify is a list of template ids.", "notify"};
    notify.emplace();
    size_t i = 0;
    for (simdjson::dom::element e : items) {
      if (!e.is_int64()) throw api_error{400, "request.type", "notify is a list of template ids.", "notify." + std::to_string(i)};
      notify->push_back(e.get_int64().value_unsafe());
      ++i;
    }
    if (!notify->empty() && !se.has_role(role::reader))
      throw api_error{403, "auth.role", "Only a reader at the unit may follow its forms.", "notify"};
  }
  const std::string out = a.db().write([&](tx& t) {
    if (notify) {
      const std::vector<template_summary> all = followable(t, *se.unit_id);
      std::vector<int64_t> ids;
      for (size_t i = 0; i < notify->size(); ++i) {
        const int64_t id = (*notify)[i];
        if (std::none_of(all.begin(), all.end(), [&](const template_summary& s) { return s.id == id; }))
          throw api_error{400, "request.value", "No such template to follow at this unit.", "notify." + std::to_string(i)};
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      }
      t.staff_notices().set_templates(*se.staff_id, *se.unit_id, ids);
    }
    if (email) t.staff_notices().set_email(*se.staff_id, *email);
    audit(t, se, "staff.settings", "staff:" + std::to_string(*se.staff_id),
          std::string(email ? (*email ? "email set" : "email removed") : "") +
              (notify ? std::string(email ? "; " : "") + "follows " + std::to_string(t.staff_notices().settings(*se.staff_id, *se.unit_id).notify.size()) + " forms" : ""));
    return settings_json(t, se);
  });
  send_json(res, 200, out);
}

}  // namespace

void install_staff_routes(app& a, http::router& r) {
  r.get("/api/v1/staff/settings", a.handler(get_settings));
  r.put("/api/v1/staff/settings", a.handler(put_settings));
  r.post("/api/v1/staff/login", a.handler(login));
  r.post("/api/v1/staff/logout", a.handler(logout));
  r.get("/api/v1/staff/me", a.handler(me));
  r.put("/api/v1/staff/unit", a.handler(choose_unit));
}

}  // namespace blankett::server
