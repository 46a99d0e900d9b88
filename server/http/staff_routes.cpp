// Staff: log in (argon2id, throttled), log out, who am I, choose the unit to work for.
#include "auth/crypto.h"
#include "http/api.h"
#include "log.h"

namespace blankett::server {
namespace {

// {staff, units: [{id, code, name, roles}], unit, csrf}
std::string me_json(connection& c, int64_t staff_id, std::optional<int64_t> unit, const std::string& csrf) {
  std::string out;
  json_writer w(out);
  w.begin_object();
  statement st = c.prepare("SELECT username, display_name FROM staff WHERE id = ?");
  st.args(staff_id);
  if (st.step()) {
    w.key("staff").begin_object();
    w.key("id").value(staff_id);
    w.key("username").value(std::string_view(st.text(0)));
    w.key("name").value(std::string_view(st.text(1)));
    w.end_object();
  }
  w.key("units").begin_array();
  statement units = c.prepare(
      "SELECT u.id, u.code, u.name, r.role FROM staff_roles r JOIN units u ON u.id = r.unit_id "
      "WHERE r.staff_id = ? ORDER BY u.name, u.id, r.role");
  units.args(staff_id);
  int64_t open = -1;
  while (units.step()) {
    if (units.integer(0) != open) {
      if (open >= 0) w.end_array().end_object();
      open = units.integer(0);
      w.begin_object().key("id").value(open).key("code").value(std::string_view(units.text(1)));
      w.key("name").value(std::string_view(units.text(2))).key("roles").begin_array();
    }
    w.value(std::string_view(units.text(3)));
  }
  if (open >= 0) w.end_array().end_object();
  w.end_array();
  w.key("unit");
  if (unit) w.value(*unit);
  else w.null();
  w.key("csrf").value(std::string_view(csrf));
  w.end_object();
  return out;
}

bool has_any_role(connection& c, int64_t staff_id, int64_t unit_id) {
  statement st = c.prepare("SELECT 1 FROM staff_roles WHERE staff_id = ? AND unit_id = ? LIMIT 1");
  st.args(staff_id, unit_id);
  return st.step();
}

}  // namespace

void api::staff_routes(http::router& s) {
  s.post("/api/v1/staff/login", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      require_json_same_origin(req);
      simdjson::dom::parser parser;
      auto b = body(req, parser);
      const std::string username(field_text(b, "username"));
      const std::string_view password = field_text(b, "password");
      if (login_user.blocked(username) || login_address.blocked(client_address(req)))
        throw api_error{429, "auth.throttled", "Too many failed logins; wait a while and try again.", ""};
      connection& c = db();
      statement st = c.prepare("SELECT id, password_hash, last_unit_id, disabled FROM staff WHERE username = ?");
      st.args(std::string_view(username));
      const bool found = st.step();
      const std::string stored = found ? st.text(1) : std::string();
      const bool disabled = found && st.integer(3) != 0;
      const int64_t staff_id = found ? st.integer(0) : 0;
      std::optional<int64_t> unit = found ? st.integer_or_null(2) : std::nullopt;
      st.reset();
      // Verify even for unknown names, so that timing does not tell which names exist.
      static const std::string kDummy = password_hash("not a password");
      const bool ok = password_verify(found ? stored : kDummy, password) && found && !disabled;
      if (!ok) {
        login_user.record(username);
        login_address.record(client_address(req));
        log(log_level::warning, "staff.login_failed", {{"address", client_address(req)}});
        throw api_error{401, "auth.failed", "Wrong user name or password.", ""};
      }
      login_user.clear(username);
      if (unit && !has_any_role(c, staff_id, *unit)) unit.reset();
      if (!unit) {  // with roles at exactly one unit, that is the unit
        statement one = c.prepare("SELECT DISTINCT unit_id FROM staff_roles WHERE staff_id = ?");
        one.args(staff_id);
        std::vector<int64_t> units;
        while (one.step()) units.push_back(one.integer(0));
        if (units.size() == 1) unit = units[0];
      }
      const std::string token = random_token(), csrf = random_token();
      {
        transaction t(c);
        // Expired sessions go as new ones come: the table holds only live ones.
        c.prepare("DELETE FROM sessions WHERE expires_at <= ?").args(std::string_view(now_iso())).run();
        c.prepare("INSERT INTO sessions (token_hash, kind, staff_id, unit_id, csrf, created_at, expires_at) "
                  "VALUES (?, 'staff', ?, ?, ?, ?, ?)")
            .args(std::string_view(token_hash(token)), staff_id, unit, std::string_view(csrf), std::string_view(now_iso()),
                  std::string_view(time().in_hours_iso(cfg_.session_hours)))
            .run();
        t.commit();
      }
      log(log_level::info, "staff.login", {{"staff", std::to_string(staff_id)}});
      res.set_header("Set-Cookie", session_cookie(token, cfg_.session_hours * 3600));
      send(res, 200, me_json(c, staff_id, unit, csrf));
    });
  });

  s.post("/api/v1/staff/logout", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "staff", true);
      connection& c = db();
      transaction t(c);
      c.prepare("DELETE FROM sessions WHERE token_hash = ?").args(std::string_view(se.token_hash)).run();
      t.commit();
      res.set_header("Set-Cookie", session_cookie("", 0));
      send(res, 200, R"({"ok":true})");
    });
  });

  s.get("/api/v1/staff/me", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "staff", false);
      send(res, 200, me_json(db(), *se.staff_id, se.unit_id, se.csrf));
    });
  });

  // Choose the unit to work for; remembered for the next login.
  s.put("/api/v1/staff/unit", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "staff", true);
      simdjson::dom::parser parser;
      const int64_t unit = *field_int(body(req, parser), "unit");
      connection& c = db();
      if (!has_any_role(c, *se.staff_id, unit)) throw api_error{403, "auth.role", "You have no role at that unit.", "unit"};
      transaction t(c);
      c.prepare("UPDATE sessions SET unit_id = ? WHERE token_hash = ?").args(unit, std::string_view(se.token_hash)).run();
      c.prepare("UPDATE staff SET last_unit_id = ? WHERE id = ?").args(unit, *se.staff_id).run();
      t.commit();
      send(res, 200, me_json(c, *se.staff_id, unit, se.csrf));
    });
  });
}

}  // namespace blankett::server
