// Administration at the chosen unit: staff and their roles, citizens' locks, the audit log.
#include "http/api.h"

#include <algorithm>

namespace blankett::server {
namespace {

bool valid_role(std::string_view r) { return r == "sender" || r == "reader" || r == "designer" || r == "admin"; }

}  // namespace

void api::admin_routes(http::router& s) {
  // Staff with roles at this unit.
  s.get("/api/v1/admin/staff", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "admin", false);
      statement st = db().prepare(
          "SELECT s.id, s.username, s.display_name, r.role FROM staff s JOIN staff_roles r ON r.staff_id = s.id "
          "WHERE r.unit_id = ? ORDER BY s.username, r.role");
      st.args(*se.unit_id);
      std::string out;
      json_writer w(out);
      w.begin_object().key("staff").begin_array();
      int64_t open = -1;
      while (st.step()) {
        if (st.integer(0) != open) {
          if (open >= 0) w.end_array().end_object();
          open = st.integer(0);
          w.begin_object().key("id").value(open).key("username").value(std::string_view(st.text(1)));
          w.key("name").value(std::string_view(st.text(2))).key("roles").begin_array();
        }
        w.value(std::string_view(st.text(3)));
      }
      if (open >= 0) w.end_array().end_object();
      w.end_array().end_object();
      send(res, 200, out);
    });
  });

  // Grant (POST) or revoke (DELETE) a role at this unit: {"username", "role"}.
  auto change_role = [this](const http::request& req, http::response& res, bool grant) {
    guarded(res, [&] {
      session_info se = require_staff(req, "admin", true);
      simdjson::dom::parser parser;
      auto b = body(req, parser);
      const std::string_view username = field_text(b, "username");
      const std::string_view role = field_text(b, "role");
      if (!valid_role(role)) throw api_error{400, "request.value", "The role is sender, reader, designer or admin.", "role"};
      connection& c = db();
      statement who = c.prepare("SELECT id FROM staff WHERE username = ?");
      who.args(username);
      if (!who.step()) throw api_error{404, "not_found", "No such staff account.", "username"};
      const int64_t staff_id = who.integer(0);
      if (!grant && staff_id == *se.staff_id && role == "admin")
        throw api_error{409, "admin.self", "You cannot revoke your own administrator role.", "role"};
      transaction t(c);
      if (grant)
        c.prepare("INSERT INTO staff_roles (staff_id, unit_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
            .args(staff_id, *se.unit_id, role)
            .run();
      else
        c.prepare("DELETE FROM staff_roles WHERE staff_id = ? AND unit_id = ? AND role = ?").args(staff_id, *se.unit_id, role).run();
      audit(se, grant ? "role.grant" : "role.revoke", "staff:" + std::to_string(staff_id), role);
      t.commit();
      send(res, 200, R"({"ok":true})");
    });
  };
  s.post("/api/v1/admin/roles", [change_role](const http::request& req, http::response& res) { change_role(req, res, true); });
  s.del("/api/v1/admin/roles", [change_role](const http::request& req, http::response& res) { change_role(req, res, false); });

  // Lock or unlock a citizen's login (menprövning), mark protected identity: {"locked"?, "protected_identity"?}.
  // Only for a citizen the unit has a relation with (a form of the unit's, sent, claimed or started):
  // any other id is 404, so that an administrator cannot reach every citizen by counting ids. The
  // change is logged at every unit the citizen has forms at, so that each sees who changed what.
  s.put("/api/v1/admin/citizens/{id}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "admin", true);
      const int64_t id = path_id(req, 1);
      simdjson::dom::parser parser;
      auto b = body(req, parser);
      const auto locked = field_bool(b, "locked");
      const auto prot = field_bool(b, "protected_identity");
      connection& c = db();
      transaction t(c);
      std::vector<int64_t> units;
      {
        statement st = c.prepare("SELECT DISTINCT unit_id FROM instances WHERE citizen_id = ? ORDER BY unit_id");
        st.args(id);
        while (st.step()) units.push_back(st.integer(0));
      }
      if (std::find(units.begin(), units.end(), *se.unit_id) == units.end())
        throw api_error{404, "not_found", "No such citizen.", ""};
      auto audit_everywhere = [&](std::string_view action, std::string_view details) {
        for (int64_t unit : units) {
          std::string d(details);
          if (unit != *se.unit_id) d += std::string(d.empty() ? "" : " ") + "by unit:" + std::to_string(*se.unit_id);
          audit_at(se, unit, action, "citizen:" + std::to_string(id), d);
        }
      };
      if (locked) {
        c.prepare("UPDATE citizens SET locked = ? WHERE id = ?").args(int64_t{*locked}, id).run();
        if (*locked) c.prepare("DELETE FROM sessions WHERE citizen_id = ?").args(id).run();
        audit_everywhere(*locked ? "citizen.lock" : "citizen.unlock", "");
      }
      if (prot) {
        c.prepare("UPDATE citizens SET protected_identity = ? WHERE id = ?").args(int64_t{*prot}, id).run();
        audit_everywhere("citizen.protected_identity", *prot ? "on" : "off");
      }
      t.commit();
      send(res, 200, R"({"ok":true})");
    });
  });

  // The audit log of this unit, newest first: ?before=<id> pages back.
  s.get("/api/v1/admin/audit", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "admin", false);
      int64_t before = INT64_MAX;
      if (req.has_param("before")) before = std::strtoll(req.get_param_value("before").c_str(), nullptr, 10);
      statement st = db().prepare(
          "SELECT a.id, a.at, s.username, a.action, a.target, a.details FROM audit a LEFT JOIN staff s ON s.id = a.staff_id "
          "WHERE a.unit_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT 100");
      st.args(*se.unit_id, before);
      std::string out;
      json_writer w(out);
      w.begin_object().key("entries").begin_array();
      while (st.step()) {
        w.begin_object().key("id").value(st.integer(0)).key("at").value(std::string_view(st.text(1)));
        w.key("staff").value(std::string_view(st.text(2))).key("action").value(std::string_view(st.text(3)));
        w.key("target").value(std::string_view(st.text(4))).key("details").value(std::string_view(st.text(5)));
        w.end_object();
      }
      w.end_array().end_object();
      send(res, 200, out);
    });
  });
}

}  // namespace blankett::server
