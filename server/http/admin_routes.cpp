// Administration at the chosen unit: staff and their roles, citizens' locks, the audit log.
#include "http/api.h"

namespace blankett::server {
namespace {

bool valid_role(std::string_view r) { return r == "sender" || r == "reader" || r == "designer" || r == "admin"; }

}  // namespace

void api::admin_routes(httplib::Server& s) {
  // Staff with roles at this unit.
  s.Get("/api/v1/admin/staff", [this](const httplib::Request& req, httplib::Response& res) {
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
  auto change_role = [this](const httplib::Request& req, httplib::Response& res, bool grant) {
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
  s.Post("/api/v1/admin/roles", [change_role](const httplib::Request& req, httplib::Response& res) { change_role(req, res, true); });
  s.Delete("/api/v1/admin/roles", [change_role](const httplib::Request& req, httplib::Response& res) { change_role(req, res, false); });

  // Lock or unlock a citizen's login (menprövning), mark protected identity: {"locked"?, "protected_identity"?}.
  s.Put(R"(/api/v1/admin/citizens/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "admin", true);
      const int64_t id = path_id(req, 1);
      simdjson::dom::parser parser;
      auto b = body(req, parser);
      const auto locked = field_bool(b, "locked");
      const auto prot = field_bool(b, "protected_identity");
      connection& c = db();
      transaction t(c);
      statement exists = c.prepare("SELECT 1 FROM citizens WHERE id = ?");
      exists.args(id);
      if (!exists.step()) throw api_error{404, "not_found", "No such citizen.", ""};
      if (locked) {
        c.prepare("UPDATE citizens SET locked = ? WHERE id = ?").args(int64_t{*locked}, id).run();
        if (*locked) c.prepare("DELETE FROM sessions WHERE citizen_id = ?").args(id).run();
        audit(se, *locked ? "citizen.lock" : "citizen.unlock", "citizen:" + std::to_string(id), "");
      }
      if (prot) {
        c.prepare("UPDATE citizens SET protected_identity = ? WHERE id = ?").args(int64_t{*prot}, id).run();
        audit(se, "citizen.protected_identity", "citizen:" + std::to_string(id), *prot ? "on" : "off");
      }
      t.commit();
      send(res, 200, R"({"ok":true})");
    });
  });

  // The audit log of this unit, newest first: ?before=<id> pages back.
  s.Get("/api/v1/admin/audit", [this](const httplib::Request& req, httplib::Response& res) {
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
