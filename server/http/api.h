// The HTTP API: shared state, request helpers and the route groups (one file each).
//
// Every response is JSON; an error is {"error": {"code", "message", "field"?}} with a stable code.
// Staff and citizens authenticate with a session cookie (HttpOnly, SameSite=Strict); every request
// that changes something also carries the session's CSRF token in X-CSRF-Token. Each worker thread
// has its own database connection. The transport (http_server.h) has already applied the limits on
// size, time and connections before a handler runs.
#pragma once

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
#include "clock.h"
#include "config.h"
#include "http/address.h"
#include "http/http_server.h"
#include "http/message.h"
#include "http/router.h"
#include "http/static_files.h"
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
  api(const config& c, const clock& time);
  // Adds every route to `r`; `hooks` gets the API's error format, security headers, rate limit,
  // access log and the static web apps.
  void install(http::router& r, http::server_hooks& hooks);

  // The calling thread's database connection.
  connection& db();
  // A template version's form, loaded once and shared (forms are immutable).
  std::shared_ptr<const form> form_of(int64_t version_id, const std::string& definition);
  // The same, reading the definition from the database only when it is not loaded yet.
  std::shared_ptr<const form> form_of(int64_t version_id);

  const config& cfg() const { return cfg_; }
  const clock& time() const { return clock_; }

  // ---- helpers for route handlers ---------------------------------------------------------------
  // The request's JSON body (object), within the size and depth limits; throws api_error.
  simdjson::dom::element body(const http::request& req, simdjson::dom::parser& parser) const;
  // The session of the cookie; throws 401 without one. `csrf`: state-changing request.
  session_info require_session(const http::request& req, std::string_view kind, bool csrf) const;
  // A staff session with `role` at its chosen unit; throws 401/403.
  session_info require_staff(const http::request& req, std::string_view role, bool csrf) const;
  void audit(const session_info& s, std::string_view action, std::string_view target, std::string_view details);
  // The same entry at another unit (an action that concerns several units is logged at each).
  void audit_at(const session_info& s, int64_t unit, std::string_view action, std::string_view target, std::string_view details);
  // A login request must be JSON from this site (login CSRF): 415 or 403 otherwise.
  void require_json_same_origin(const http::request& req) const;

  static void send(http::response& res, int status, const std::string& json);
  // The session cookie's Set-Cookie value (an empty token and 0 end it).
  std::string session_cookie(const std::string& token, int max_age) const;
  // The key that rate limits and throttles count the client under (see client_address()).
  std::string client_address(const http::request& req) const;
  std::string now_iso() const { return clock_.now_iso(); }
  std::string today_iso() const { return clock_.today_iso(); }
  civil_date today_civil() const { return clock_.today(); }
  std::string date_in_days(int days) const { return clock_.date_in_days(days); }

  throttle login_user;     // failed logins per user name
  throttle login_address;  // failed logins per client address
  throttle requests;       // requests per client address

  // Deletion is complete only once the write-ahead log holds no old pages: until a TRUNCATE
  // checkpoint succeeds (a reader may hold it back), it is retried. Thread-safe.
  void purge_deleted(connection& c);
  bool purge_pending() const;
  // Retries a pending purge; called by the server's background thread.
  void retry_purge();

 private:
  void staff_routes(http::router& s);
  void admin_routes(http::router& s);
  void template_routes(http::router& s);
  void dispatch_routes(http::router& s);
  void answer_routes(http::router& s);
  void citizen_routes(http::router& s);

  config cfg_;
  const clock& clock_;
  std::vector<network> trusted_proxies_;
  http::static_files files_;
  std::mutex forms_mutex_;
  std::map<int64_t, std::shared_ptr<const form>> forms_;
  std::atomic<bool> purge_pending_{false};
};

// Handlers throw api_error; this runs one and turns errors into JSON responses.
template <class F>
void guarded(http::response& res, F&& body);

std::string error_json(const api_error& e);

}  // namespace blankett::server

namespace blankett::server {

template <class F>
void guarded(http::response& res, F&& body) {
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
int64_t path_id(const http::request& req, size_t index);

}  // namespace blankett::server
