// Administration at the chosen unit: staff and their roles, citizens' locks, the audit log, the unit's
// own settings (its name in notifications, its address, its deletion rule).
#include <algorithm>
#include <cctype>

#include "auth/crypto.h"
#include "blankett/dates.h"
#include "blankett/formats.h"
#include "blankett/pnr.h"
#include "http/app.h"

namespace blankett::server {
namespace {

void list_staff(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, false);
  const auto staff = a.db().read([&](tx& t) { return t.staff().at_unit(*se.unit_id); });
  std::string out;
  json_writer w(out);
  w.begin_object().key("staff").begin_array();
  for (const staff_member& m : staff) {
    w.begin_object().key("id").value(m.id).key("username").value(std::string_view(m.username)).key("name").value(std::string_view(m.name));
    w.key("disabled").value(m.disabled).key("roles").begin_array();
    for (role r : m.roles) w.value(name(r));
    w.end_array().end_object();
  }
  w.end_array().end_object();
  send_json(res, 200, out);
}

// A new staff account with a first role at this unit: {"username", "name", "role"}. The password is
// generated and answered this once ({"id", "username", "password"}): the administrator hands it over.
void create_staff(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const std::string username(field_text(b, "username"));
  const std::string display(field_text(b, "name"));
  const auto r = parse_name<role>(field_text(b, "role"));
  bool ok = username.size() >= 2 && username.size() <= 64;
  for (char c : username) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_');
  if (!ok) throw api_error{400, "request.value", "A user name is 2-64 of a-z, 0-9, '.', '-' and '_'.", "username"};
  if (display.empty() || display.size() > 200) throw api_error{400, "request.value", "Give the person's name.", "name"};
  if (!r) throw api_error{400, "request.value", "The role is sender, reader, exporter, designer or admin.", "role"};
  const std::string password = random_token().substr(0, 20);
  const std::string hash = password_hash(password);
  const int64_t id = a.db().write([&](tx& t) {
    if (t.staff().id_of(username)) throw api_error{409, "staff.exists", "That user name is taken: grant a role instead.", "username"};
    const int64_t created = t.staff().create(username, display, hash, *se.unit_id);
    t.staff().grant(created, *se.unit_id, *r);
    audit(t, se, "staff.create", "staff:" + std::to_string(created), name(*r));
    return created;
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("id").value(id).key("username").value(std::string_view(username)).key("password").value(std::string_view(password));
  w.end_object();
  send_json(res, 201, out);
}

// Turn a staff account off or on again: {"disabled": true|false}. Only for someone with a role at this
// unit, never oneself. A disabled account's sessions end at once.
void change_staff(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, true);
  const int64_t id = path_id(req, 1);
  simdjson::dom::parser parser;
  const auto disabled = field_bool(a.body(req, parser), "disabled");
  if (!disabled) throw api_error{400, "request.missing", "A required field is missing.", "disabled"};
  if (id == *se.staff_id) throw api_error{409, "admin.self", "You cannot turn off your own account.", "disabled"};
  a.db().write([&](tx& t) {
    if (!t.staff().has_role_at(id, *se.unit_id)) throw api_error{404, "not_found", "No such staff account at this unit.", ""};
    t.staff().set_disabled(id, *disabled);
    if (*disabled) t.sessions().remove_for_staff(id);
    audit(t, se, *disabled ? "staff.disable" : "staff.enable", "staff:" + std::to_string(id), "");
  });
  send_json(res, 200, R"({"ok":true})");
}

// Grant (POST) or revoke (DELETE) a role at this unit: {"username", "role"}.
void change_role(app& a, const http::request& req, http::response& res, bool grant) {
  const session_info se = a.auth().require_staff(req, role::admin, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const std::string_view username = field_text(b, "username");
  const auto r = parse_name<role>(field_text(b, "role"));
  if (!r) throw api_error{400, "request.value", "The role is sender, reader, exporter, designer or admin.", "role"};
  a.db().write([&](tx& t) {
    const auto staff_id = t.staff().id_of(username);
    if (!staff_id) throw api_error{404, "not_found", "No such staff account.", "username"};
    if (!grant && *staff_id == *se.staff_id && *r == role::admin)
      throw api_error{409, "admin.self", "You cannot revoke your own administrator role.", "role"};
    if (grant) t.staff().grant(*staff_id, *se.unit_id, *r);
    else t.staff().revoke(*staff_id, *se.unit_id, *r);
    audit(t, se, grant ? "role.grant" : "role.revoke", "staff:" + std::to_string(*staff_id), name(*r));
  });
  send_json(res, 200, R"({"ok":true})");
}

void grant_role(app& a, const http::request& req, http::response& res) { change_role(a, req, res, true); }
void revoke_role(app& a, const http::request& req, http::response& res) { change_role(a, req, res, false); }

// A citizen by personnummer (?personnummer=, either written form), for locking or marking protected
// identity: {"id", "name", "locked", "protected_identity"}. Only a citizen with a form at this unit
// (an administrator's reach, as for the change); anyone else, and a number that is not one, is 404.
void find_citizen(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, false);
  const auto p = parse_pnr(req.get_param_value("personnummer"), pnr_options{a.time().today(), false});
  if (!p) throw api_error{404, "not_found", "No such citizen.", "personnummer"};
  const auto found = a.db().write([&](tx& t) -> std::optional<citizen_row> {
    auto c = t.citizens().by_pnr(p->twelve());
    if (!c) return std::nullopt;
    const std::vector<int64_t> units = t.instances().units_of_subject(c->id);
    if (std::find(units.begin(), units.end(), *se.unit_id) == units.end()) return std::nullopt;
    audit(t, se, "citizen.read", "citizen:" + std::to_string(c->id), "");
    return c;
  });
  if (!found) throw api_error{404, "not_found", "No such citizen.", "personnummer"};
  std::string out;
  json_writer w(out);
  w.begin_object().key("id").value(found->id).key("name").value(std::string_view(found->name));
  w.key("locked").value(found->locked).key("protected_identity").value(found->protected_identity).end_object();
  send_json(res, 200, out);
}

// Lock or unlock a citizen's login (menprövning), mark protected identity: {"locked"?, "protected_identity"?}.
// Only for a citizen the unit has a relation with (a form of the unit's, sent, claimed or started):
// any other id is 404, so that an administrator cannot reach every citizen by counting ids. The
// change is logged at every unit the citizen has forms at, so that each sees who changed what.
void change_citizen(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, true);
  const int64_t id = path_id(req, 1);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const auto locked = field_bool(b, "locked");
  const auto prot = field_bool(b, "protected_identity");
  a.db().write([&](tx& t) {
    const std::vector<int64_t> units = t.instances().units_of_subject(id);
    if (std::find(units.begin(), units.end(), *se.unit_id) == units.end()) throw api_error{404, "not_found", "No such citizen.", ""};
    auto audit_everywhere = [&](std::string_view action, std::string_view details) {
      for (int64_t unit : units) {
        std::string d(details);
        if (unit != *se.unit_id) d += std::string(d.empty() ? "" : " ") + "by unit:" + std::to_string(*se.unit_id);
        audit(t, se, action, "citizen:" + std::to_string(id), d, unit);
      }
    };
    if (locked) {
      t.citizens().set_locked(id, *locked);
      if (*locked) t.sessions().remove_for_citizen(id);
      audit_everywhere(*locked ? "citizen.lock" : "citizen.unlock", "");
    }
    if (prot) {
      t.citizens().set_protected(id, *prot);
      audit_everywhere("citizen.protected_identity", *prot ? "on" : "off");
    }
  });
  send_json(res, 200, R"({"ok":true})");
}

// The audit log of this unit, newest first, 100 a page (?before=<id>), filtered by ?action= (an
// action, or a kind such as "answer."), ?staff= (a user name), ?from= and ?to= (days, YYYY-MM-DD).
void audit_log(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, false);
  audit_filter f;
  f.unit_id = *se.unit_id;
  f.before = query_int(req, "before", 1, INT64_MAX).value_or(INT64_MAX);
  f.action = req.get_param_value("action");
  f.staff = req.get_param_value("staff");
  f.from = req.get_param_value("from");
  f.to = req.get_param_value("to");
  if (f.action.size() > 64) throw api_error{400, "request.value", "action is too long.", "action"};
  if (f.staff.size() > 64) throw api_error{400, "request.value", "staff is too long.", "staff"};
  for (const auto& [key, value] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}})
    if (!value->empty() && !parse_civil_date(*value).ok()) throw api_error{400, "request.value", std::string(key) + " is a date, YYYY-MM-DD.", key};
  const auto entries = a.db().read([&](tx& t) { return t.audit().at_unit(f); });
  std::string out;
  json_writer w(out);
  w.begin_object().key("entries").begin_array();
  for (const audit_entry& e : entries) {
    w.begin_object().key("id").value(e.id).key("at").value(std::string_view(e.at));
    w.key("staff").value(std::string_view(e.staff_username)).key("action").value(std::string_view(e.action));
    w.key("target").value(std::string_view(e.target)).key("details").value(std::string_view(e.details));
    w.end_object();
  }
  w.end_array().key("next");
  if (static_cast<int64_t>(entries.size()) == f.limit) w.value(entries.back().id);
  else w.null();
  w.end_object();
  send_json(res, 200, out);
}

// The unit's own settings: {"name_in_notifications": bool (whether its name is in the e-mail and SMS
// that tell a citizen a message is waiting; some units keep even their name out), "email": the unit's
// address for messages to the unit (funktionsbrevlåda) or null, "retention": the deletion rule, null
// or {"days": 0-3650, "after": "delete_after"|"documented"} (server/retention.h), "hsa_id": the unit's
// HSA-id (record systems name the unit by it) or null}.
std::string unit_json(tx& t, int64_t unit) {
  const bool on = t.units().name_in_notifications(unit);
  const auto u = t.retention().unit(unit);
  std::string out;
  json_writer w(out);
  w.begin_object().key("name_in_notifications").value(on).key("email");
  if (u && u->email) w.value(std::string_view(*u->email));
  else w.null();
  w.key("retention");
  if (u && u->retention) {
    w.begin_object().key("days").value(u->retention->days).key("after").value(name(u->retention->after)).end_object();
  } else {
    w.null();
  }
  const auto hsa = t.units().hsa_id(unit);
  w.key("hsa_id");
  if (hsa) w.value(std::string_view(*hsa));
  else w.null();
  w.end_object();
  return out;
}

// An HSA-id as the national directory writes one, checked loosely: "SE", digits, "-", letters and
// digits, at most 31 characters ("SE2321000032-abc123").
bool valid_hsa_id(std::string_view s) {
  const size_t dash = s.find('-');
  if (s.size() > 31 || s.substr(0, 2) != "SE" || dash == std::string_view::npos || dash < 3 || dash + 1 >= s.size()) return false;
  for (size_t i = 2; i < dash; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  for (size_t i = dash + 1; i < s.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

void get_unit(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, false);
  send_json(res, 200, a.db().read([&](tx& t) { return unit_json(t, *se.unit_id); }));
}

// Any of the settings above; what is left out stays as it is.
void change_unit(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const auto on = field_bool(b, "name_in_notifications");
  const std::optional<std::optional<std::string>> email = field_email(b, "email");
  std::optional<std::optional<retention_policy>> retention;
  if (auto v = b["retention"]; !v.error()) {
    if (v.value_unsafe().is_null()) {
      retention.emplace();
    } else {
      if (!v.value_unsafe().is_object()) throw api_error{400, "request.type", "retention is null or {days, after}.", "retention"};
      const simdjson::dom::element r = v.value_unsafe();
      auto days = r["days"];
      if (days.error() || !days.value_unsafe().is_int64())
        throw api_error{400, "request.type", "retention.days is a whole number of days.", "retention.days"};
      const int64_t n = days.value_unsafe().get_int64().value_unsafe();
      if (n < 0 || n > 3650) throw api_error{400, "request.value", "retention.days is 0 to 3650.", "retention.days"};
      std::string_view after;
      if (r["after"].get(after)) throw api_error{400, "request.type", "retention.after is delete_after or documented.", "retention.after"};
      const auto basis = parse_name<retention_basis>(after);
      if (!basis) throw api_error{400, "request.value", "retention.after is delete_after or documented.", "retention.after"};
      retention.emplace(retention_policy{n, *basis});
    }
  }
  std::optional<std::optional<std::string>> hsa_id;
  if (auto v = b["hsa_id"]; !v.error()) {
    std::string h = v.value_unsafe().is_null() ? std::string() : std::string(field_text(b, "hsa_id", false));
    if (h.empty()) hsa_id.emplace();
    else if (!valid_hsa_id(h)) throw api_error{400, "request.value", "hsa_id is an HSA-id: SE, digits, '-', letters and digits (at most 31).", "hsa_id"};
    else hsa_id.emplace(std::move(h));
  }
  if (!on && !email && !retention && !hsa_id)
    throw api_error{400, "request.missing", "Give name_in_notifications, email, retention or hsa_id.", "name_in_notifications"};
  const std::string unit = "unit:" + std::to_string(*se.unit_id);
  const std::string out = a.db().write([&](tx& t) {
    if (on) {
      t.units().set_name_in_notifications(*se.unit_id, *on);
      audit(t, se, "unit.name_in_notifications", unit, *on ? "on" : "off");
    }
    if (email) {
      t.retention().set_email(*se.unit_id, *email);
      audit(t, se, "unit.email", unit, *email ? "set" : "removed");
    }
    if (retention) {
      t.retention().set_policy(*se.unit_id, *retention);
      audit(t, se, "unit.retention", unit,
            *retention ? std::to_string((*retention)->days) + " days after " + std::string(name((*retention)->after)) : "none");
    }
    if (hsa_id) {
      t.units().set_hsa_id(*se.unit_id, *hsa_id);
      audit(t, se, "unit.hsa_id", unit, *hsa_id ? **hsa_id : "removed");
    }
    return unit_json(t, *se.unit_id);
  });
  send_json(res, 200, out);
}

}  // namespace

void install_admin_routes(app& a, http::router& r) {
  r.get("/api/v1/admin/unit", a.handler(get_unit));
  r.put("/api/v1/admin/unit", a.handler(change_unit));
  r.get("/api/v1/admin/staff", a.handler(list_staff));
  r.post("/api/v1/admin/staff", a.handler(create_staff));
  r.put("/api/v1/admin/staff/{id}", a.handler(change_staff));
  r.post("/api/v1/admin/roles", a.handler(grant_role));
  r.del("/api/v1/admin/roles", a.handler(revoke_role));
  r.get("/api/v1/admin/citizens", a.handler(find_citizen));
  r.put("/api/v1/admin/citizens/{id}", a.handler(change_citizen));
  r.get("/api/v1/admin/audit", a.handler(audit_log));
}

}  // namespace blankett::server
