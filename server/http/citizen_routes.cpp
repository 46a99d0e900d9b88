// The citizen's session: log in, who am I, a guardian acting for a child under 13, notification
// settings, claiming a form link. The forms themselves are in citizen_form_routes.cpp.
#include "auth/crypto.h"
#include "blankett/formats.h"
#include "blankett/pnr.h"
#include "http/app.h"
#include "log.h"
#include "policy.h"

namespace blankett::server {
namespace {

// 07XXXXXXXX or +467XXXXXXXX, spaces and dashes allowed.
bool swedish_mobile(std::string_view x) {
  if (!valid_phone(x)) return false;
  std::string digits;
  for (char ch : x)
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (ch == '(' || ch == ')') return false;
  if (x[0] == '+') return digits.size() == 11 && digits.rfind("467", 0) == 0;
  return digits.size() == 10 && digits.rfind("07", 0) == 0;
}

// Demo identity: {"personnummer": "..."}; with identity "header", the trusted proxy's header.
void login(app& a, const http::request& req, http::response& res) {
  sessions::require_json_same_origin(req);
  const config& cfg = a.cfg();
  std::string number;
  if (cfg.identity == "header") {
    // The proxy sets exactly one; two mean a client's copy got through beside the proxy's.
    if (req.header_count(cfg.identity_header) > 1)
      throw api_error{400, "auth.identity_ambiguous", "The login service sent more than one identity.", ""};
    number = req.get_header_value(cfg.identity_header);
    if (number.empty()) throw api_error{401, "auth.no_identity", "No identity from the login service.", ""};
  } else {
    if (!cfg.demo) throw api_error{403, "auth.demo_off", "The demo login is turned off.", ""};
    simdjson::dom::parser parser;
    number = std::string(field_text(a.body(req, parser), "personnummer"));
  }
  const std::string address = a.client_address(req);
  if (a.auth().login_blocked("", address)) throw api_error{429, "auth.throttled", "Too many failed logins; wait a while.", ""};
  const civil_date today = a.time().today();
  auto p = parse_pnr(number, pnr_options{today, false});
  if (!p) {
    a.auth().login_failed("", address);
    throw api_error{400, "auth.personnummer", "That is not a valid personnummer.", "personnummer"};
  }
  struct logged_in {
    int64_t citizen;
    sessions::started session;
    std::vector<citizen_row> children;
  };
  const logged_in l = a.db().write([&](tx& t) {
    logged_in out{};
    if (const auto who = t.citizens().by_pnr(p->twelve())) {
      if (who->locked) throw api_error{403, "auth.locked", "This login is locked. Contact your care unit.", ""};
      out.citizen = who->id;
    } else {
      out.citizen = t.citizens().create(p->twelve());
    }
    t.citizens().mark_logged_in(out.citizen);
    out.session = a.auth().start(t, session_kind::citizen, std::nullopt, out.citizen, std::nullopt);
    out.children = t.citizens().children_of(out.citizen);
    return out;
  });
  log(log_level::info, "citizen.login", {{"citizen", std::to_string(l.citizen)}});
  a.auth().set_cookie(res, l.session.token);
  std::string out;
  json_writer w(out);
  w.begin_object().key("citizen").value(l.citizen).key("csrf").value(std::string_view(l.session.csrf));
  write_children(w, l.children, today);
  w.end_object();
  send_json(res, 200, out);
}

// The demo login's people: the citizens in the database, for trying Blankett out. Demo mode only.
void demo_people(app& a, const http::request&, http::response& res) {
  if (!a.cfg().demo || a.cfg().identity != "demo") throw api_error{404, "not_found", "Not found.", ""};
  const auto people = a.db().read([](tx& t) { return t.citizens().demo_people(50); });
  std::string out;
  json_writer w(out);
  w.begin_object().key("people").begin_array();
  for (const citizen_row& c : people) {
    w.begin_object().key("name").value(std::string_view(c.name)).key("personnummer").value(std::string_view(c.pnr));
    w.key("protected_identity").value(c.protected_identity).end_object();
  }
  w.end_array().end_object();
  send_json(res, 200, out);
}

void logout(app& a, const http::request& req, http::response& res) {
  a.auth().end(a.auth().require(req, session_kind::citizen, true), res);
  send_json(res, 200, R"({"ok":true})");
}

// Act for a child under 13 ({"child": id}) or for oneself again ({"child": null}).
void acting_for(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  std::optional<int64_t> child;
  if (auto v = b["child"]; !v.error() && !v.value_unsafe().is_null()) child = field_int(b, "child");
  const civil_date today = a.time().today();
  a.db().write([&](tx& t) {
    if (child) {
      const auto c = t.citizens().child_of(*se.citizen_id, *child);
      if (!c) throw api_error{404, "not_found", "No such child.", "child"};
      if (c->locked) throw api_error{403, "auth.locked", "The child's login is locked.", "child"};
      auto p = parse_pnr(c->pnr, pnr_options{today, false});
      if (!p || !policy::guardian_may_act(*p, today))
        throw api_error{403, "guardian.age", "A guardian answers for a child until the child turns 13.", "child"};
    }
    t.sessions().set_acting_for(se.token_hash, child);
  });
  send_json(res, 200, R"({"ok":true})");
}

// Who is logged in, and their notification settings (e-mail, SMS).
void me(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, false);
  struct view {
    std::optional<citizen_row> me;
    std::vector<citizen_row> children;
  };
  const view v = a.db().read([&](tx& t) { return view{t.citizens().by_id(*se.citizen_id), t.citizens().children_of(*se.citizen_id)}; });
  if (!v.me) throw api_error{401, "auth.required", "Log in first.", ""};
  std::string out;
  json_writer w(out);
  w.begin_object().key("citizen").value(*se.citizen_id).key("name").value(std::string_view(v.me->name));
  w.key("notifications").begin_object();
  w.key("email");
  if (v.me->email) w.value(std::string_view(*v.me->email));
  else w.null();
  w.key("sms");
  if (v.me->sms) w.value(std::string_view(*v.me->sms));
  else w.null();
  w.end_object();
  w.key("acting_for");
  if (se.acting_for) w.value(*se.acting_for);
  else w.null();
  w.key("csrf").value(std::string_view(se.csrf));
  write_children(w, v.children, a.time().today());
  w.end_object();
  send_json(res, 200, out);
}

// Notification settings: {"email"?: address or null, "sms"?: mobile number or null}.
void settings(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  struct change {
    bool given = false;
    std::optional<std::string> value;
  } email, sms;
  for (const char* key : {"email", "sms"}) {
    auto v = b[key];
    if (v.error()) continue;
    change& c = key[0] == 'e' ? email : sms;
    c.given = true;
    if (v.value_unsafe().is_null()) continue;
    c.value = std::string(field_text(b, key));
    const std::string& x = *c.value;
    // The core's rules, as for an e-mail or phone answer (ASCII only: no CR or LF gets through); an
    // SMS needs a Swedish mobile number.
    const bool ok = x.size() <= 254 && (key[0] == 'e' ? valid_email(x) : swedish_mobile(x));
    if (!ok) throw api_error{400, "request.value", std::string("That is not a valid ") + (key[0] == 'e' ? "e-mail address." : "mobile number."), key};
  }
  a.db().write([&](tx& t) {
    if (email.given) t.citizens().set_email(*se.citizen_id, email.value);
    if (sms.given) t.citizens().set_sms(*se.citizen_id, sms.value);
  });
  send_json(res, 200, R"({"ok":true})");
}

// Claim a form link: {"token": "..."}, or the code of a paper letter typed by hand: {"code":
// "K7QM-4XTP-9WRD"}; the form becomes the logged-in citizen's (or the child's). 404 link.unknown: no
// such link or code; 409 link.used: someone else's now; 410 link.expired: not claimed before the
// form's last day to answer. Opening one's own link again gives the form. A wrong code counts as a
// failed login of the client's address (codes cannot be guessed through the limit).
void claim_link(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, true);
  simdjson::dom::parser parser;
  const auto b = a.body(req, parser);
  const bool by_code = !b["code"].error();
  const std::string field = by_code ? "code" : "token";
  const std::string given(field_text(b, field));
  const std::string address = a.client_address(req);
  if (by_code && a.auth().login_blocked("", address)) throw api_error{429, "auth.throttled", "Too many wrong codes; wait a while.", "code"};
  const std::string key = by_code ? normalize_letter_code(given) : given;
  auto unknown = [&] {
    if (by_code) a.auth().login_failed("", address);
    return api_error{404, "link.unknown", "No such form link.", field};
  };
  if (by_code ? key.empty() : key.size() != 64) throw unknown();
  const std::string today = a.time().today_iso();
  const int64_t id = a.db().write([&](tx& t) {
    const auto link = by_code ? t.instances().by_letter_code(token_hash(key)) : t.instances().by_link(token_hash(key));
    if (!link) return int64_t{0};
    if (link->owner && *link->owner != se.subject()) throw api_error{409, "link.used", "The form link has been used already.", field};
    if (!link->owner && ((link->answer_by && *link->answer_by < today) || link->state == instance_state::cancelled))
      throw api_error{410, "link.expired", "The form link is no longer valid.", field};
    if (!link->owner && t.instances().claim_link(link->id, se.subject())) t.instances().add_event(link->id, "link_claimed", se.actor());
    return link->id;
  });
  if (id == 0) throw unknown();
  send_json(res, 200, "{\"id\":" + std::to_string(id) + "}");
}

// The inbox (inkorg) of the person the forms are about (the child a guardian acts for, else the
// citizen), newest first: {"messages": [{"id", "unit", "subject", "body", "created_at", "read",
// "form": instance id | null}], "unread": n}.
void inbox(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, false);
  const auto messages = a.db().read([&](tx& t) { return t.inbox().of_citizen(se.subject(), 200); });
  std::string out;
  json_writer w(out);
  w.begin_object().key("messages").begin_array();
  int64_t unread = 0;
  for (const inbox_message& m : messages) {
    unread += m.read_at ? 0 : 1;
    w.begin_object().key("id").value(m.id).key("unit").value(std::string_view(m.unit_name));
    w.key("subject").value(std::string_view(m.subject)).key("body").value(std::string_view(m.body));
    w.key("created_at").value(std::string_view(m.created_at)).key("read").value(m.read_at.has_value());
    w.key("form");
    if (m.instance_id) w.value(*m.instance_id);
    else w.null();
    w.end_object();
  }
  w.end_array().key("unread").value(unread).end_object();
  send_json(res, 200, out);
}

void read_message(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, true);
  const int64_t id = path_id(req, 1);
  if (!a.db().write([&](tx& t) { return t.inbox().mark_read(id, se.subject()); }))
    throw api_error{404, "not_found", "No such message.", ""};
  send_json(res, 200, R"({"read":true})");
}

}  // namespace

void install_citizen_routes(app& a, http::router& r) {
  r.get("/api/v1/citizen/inbox", a.handler(inbox));
  r.post("/api/v1/citizen/inbox/{id}/read", a.handler(read_message));
  r.post("/api/v1/citizen/login", a.handler(login));
  r.get("/api/v1/citizen/demo-people", a.handler(demo_people));
  r.post("/api/v1/citizen/logout", a.handler(logout));
  r.put("/api/v1/citizen/acting-for", a.handler(acting_for));
  r.get("/api/v1/citizen/me", a.handler(me));
  r.put("/api/v1/citizen/settings", a.handler(settings));
  r.post("/api/v1/citizen/links", a.handler(claim_link));
}

}  // namespace blankett::server
