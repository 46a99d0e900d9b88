// Sessions of staff and citizens: one helper for both. The cookie, who is calling, CSRF, starting
// and ending a session, and failed-login throttling counted in the database (so that every node of a
// cluster counts every attempt).
//
// A session is a 32-byte random token in an HttpOnly, SameSite=Strict cookie; the database keeps only
// its SHA-256 and the session's CSRF token, which every state-changing request must send in
// X-CSRF-Token. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "blankett/json_writer.h"
#include "clock.h"
#include "config.h"
#include "http/message.h"
#include "store/store.h"

namespace blankett::server {

// Who is calling.
struct session_info {
  session_kind kind = session_kind::citizen;
  std::string token_hash, csrf;
  std::optional<int64_t> staff_id, citizen_id, acting_for, unit_id;
  std::vector<role> roles;  // staff: roles at unit_id

  bool has_role(role r) const;
  // Citizens: the person the forms are about (the child a guardian acts for, else the citizen).
  int64_t subject() const { return acting_for ? *acting_for : *citizen_id; }
  // Who did something, for a form's history: "staff:12", "citizen:4", "guardian:4".
  std::string actor() const;
};

// "children": the guardian's children a guardian may act for today (under 13, not locked), as the
// citizen's login, forms page and /me list them.
void write_children(json_writer& w, const std::vector<citizen_row>& children, civil_date today);

// An audit entry for what the staff member did, at their unit (or at `unit`: an action that concerns
// several units is logged at each).
void audit(tx& t, const session_info& s, std::string_view action, std::string_view target, std::string_view details,
           std::optional<int64_t> unit = std::nullopt);

class sessions {
 public:
  sessions(const config& c, const clock& time, store& db);

  // The session of the request's cookie; 401 without a live one, 403 for another kind, or without
  // the CSRF token when `csrf` (a state-changing request). Ends a disabled staff account's sessions
  // and a guardian's acting for a child who has turned 13, been locked or is no longer theirs.
  session_info require(const http::request& req, session_kind kind, bool csrf);
  // A staff session with a unit chosen and `needed` among its roles there (any role when nullopt).
  session_info require_staff(const http::request& req, std::optional<role> needed, bool csrf);

  struct started {
    std::string token, csrf;
  };
  // Creates a session in the caller's transaction (expired ones go as new ones come).
  started start(tx& t, session_kind kind, std::optional<int64_t> staff, std::optional<int64_t> citizen, std::optional<int64_t> unit);
  // The Set-Cookie header for a started session, or the one that ends it.
  void set_cookie(http::response& res, const std::string& token) const;
  void clear_cookie(http::response& res) const;
  // Ends the calling session and clears its cookie.
  void end(const session_info& s, http::response& res);
  // The request's session, if it has one (live or not), lasts the session's hours from now: the test
  // clock keeps the one who moves it logged in.
  void renew(tx& t, const http::request& req);

  // Failed logins per user name (`login_attempts` in 15 minutes) and per client address (five times
  // as many). Keys are hashed before they are stored.
  bool login_blocked(std::string_view user, std::string_view address);
  void login_failed(std::string_view user, std::string_view address);
  // Forgets the user name's failures, in the login's transaction.
  void login_succeeded(tx& t, std::string_view user);

  // A login request must be JSON from this site (login CSRF): 415 or 403 otherwise.
  static void require_json_same_origin(const http::request& req);

 private:
  const config& cfg_;
  const clock& clock_;
  store& db_;
};

}  // namespace blankett::server
