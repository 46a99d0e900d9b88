// The HTTP API: shared state, request helpers and the route groups (one file each).
//
// Every response is JSON; an error is {"error": {"code", "message", "field"?}} with a stable code.
// Staff and citizens authenticate with a session cookie (HttpOnly, SameSite=Strict); every request
// that changes something also carries the session's CSRF token in X-CSRF-Token. Each worker thread
// has its own database connection.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/throttle.h"
#include "blankett/dates.h"
#include "blankett/form.h"
#include "blankett/json_writer.h"
#include "config.h"
#include "simdjson.h"
#include "store/db.h"

namespace blankett::server {

// An error the API reports: HTTP status, stable code, message (English; no personal data), field.
struct api_error {
  int status;
  std::string code, message, field;
};

// Who is calling.
struct session_info {
  std::string kind;                   // "staff" or "citizen"
  std::string token_hash, csrf;
  std::optional<int64_t> staff_id, citizen_id, acting_for, unit_id;
  std::vector<std::string> roles;     // staff: roles at unit_id
  bool has_role(std::string_view r) const;
};

class api {
 public:
  explicit api(const config& c);
  void install(httplib::Server& s);

  // The calling thread's database connection.
  connection& db();
  // A template version's form, loaded once and shared (forms are immutable).
  std::shared_ptr<const form> form_of(int64_t version_id, const std::string& definition);

  const config& cfg() const { return cfg_; }

  // ---- helpers for route handlers ---------------------------------------------------------------
  // The request's JSON body (object), within the size and depth limits; throws api_error.
  simdjson::dom::element body(const httplib::Request& req, simdjson::dom::parser& parser) const;
  // The session of the cookie; throws 401 without one. `csrf`: state-changing request.
  session_info require_session(const httplib::Request& req, std::string_view kind, bool csrf) const;
  // A staff session with `role` at its chosen unit; throws 401/403.
  session_info require_staff(const httplib::Request& req, std::string_view role, bool csrf) const;
  void audit(const session_info& s, std::string_view action, std::string_view target, std::string_view details);

  static void send(httplib::Response& res, int status, const std::string& json);
  // The client's address for rate limits and throttling: the last entry of --client-address-header
  // (what the trusted proxy appended) when configured and present, else the connection's peer.
  std::string client_address(const httplib::Request& req) const;
  static std::string now_iso();          // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  static std::string today_iso();        // local date, "YYYY-MM-DD"
  static civil_date today_civil();       // the same as a date
  static std::string date_in_days(int days);

  throttle login_user;     // failed logins per user name
  throttle login_address;  // failed logins per client address
  throttle requests;       // requests per client address

 private:
  void staff_routes(httplib::Server& s);
  void admin_routes(httplib::Server& s);
  void template_routes(httplib::Server& s);
  void dispatch_routes(httplib::Server& s);
  void answer_routes(httplib::Server& s);
  void citizen_routes(httplib::Server& s);

  config cfg_;
  std::mutex forms_mutex_;
  std::map<int64_t, std::shared_ptr<const form>> forms_;
};

// Handlers throw api_error; this runs one and turns errors into JSON responses.
template <class F>
void guarded(httplib::Response& res, F&& body);

std::string error_json(const api_error& e);

}  // namespace blankett::server

namespace blankett::server {

template <class F>
void guarded(httplib::Response& res, F&& body) {
  try {
    body();
  } catch (const api_error& e) {
    api::send(res, e.status, error_json(e));
  } catch (const db_error& e) {
    if (e.busy()) api::send(res, 503, error_json({503, "server.busy", "The server is busy; try again.", ""}));
    else throw;
  }
}

// Fields of a JSON object body; a missing or mistyped field is a 400 naming the field.
std::string_view field_text(simdjson::dom::element obj, std::string_view key, bool required = true);
std::optional<int64_t> field_int(simdjson::dom::element obj, std::string_view key, bool required = true);
std::optional<bool> field_bool(simdjson::dom::element obj, std::string_view key);
// A path parameter as a positive integer id (404 otherwise).
int64_t path_id(const httplib::Request& req, size_t index);

}  // namespace blankett::server
