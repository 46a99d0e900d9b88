// Sessions: cookies, who is calling, CSRF, start and end, failed-login throttling in the database.
#include "http/session.h"

#include "auth/crypto.h"
#include "blankett/pnr.h"
#include "http/errors.h"
#include "policy.h"

namespace blankett::server {
namespace {

constexpr auto kLoginWindow = std::chrono::minutes(15);

std::string cookie(const http::request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == ';')) ++i;
    const size_t eq = header.find('=', i);
    if (eq == std::string::npos) break;
    size_t end = header.find(';', eq);
    if (end == std::string::npos) end = header.size();
    if (std::string_view(header).substr(i, eq - i) == name) return header.substr(eq + 1, end - eq - 1);
    i = end;
  }
  return {};
}

// A throttle key as stored: the kind and a hash of the name or address (at most 256 bytes of it).
std::string login_key(std::string_view kind, std::string_view value) {
  return std::string(kind) + ":" + sha256_hex(value.substr(0, 256));
}

// Whether a guardian may still act for the child (policy.h): the guardianship exists, the child's
// login is not locked (menprövning covers the guardian too) and the child is under 13.
bool may_act_for(const std::optional<citizen_row>& child, civil_date today) {
  if (!child || child->locked) return false;
  auto p = parse_pnr(child->pnr, pnr_options{today, false});
  return p && policy::guardian_may_act(*p, today);
}

}  // namespace

void write_children(json_writer& w, const std::vector<citizen_row>& children, civil_date today) {
  w.key("children").begin_array();
  for (const citizen_row& c : children)
    if (may_act_for(c, today)) w.begin_object().key("id").value(c.id).key("name").value(std::string_view(c.name)).end_object();
  w.end_array();
}

bool session_info::has_role(role r) const {
  for (role x : roles)
    if (x == r) return true;
  return false;
}

std::string session_info::actor() const {
  if (kind == session_kind::staff) return "staff:" + std::to_string(*staff_id);
  return (acting_for ? "guardian:" : "citizen:") + std::to_string(*citizen_id);
}

void audit(tx& t, const session_info& s, std::string_view action, std::string_view target, std::string_view details,
           std::optional<int64_t> unit) {
  t.audit().append(s.staff_id, unit ? unit : s.unit_id, action, target, details);
}

sessions::sessions(const config& c, const clock& time, store& db) : cfg_(c), clock_(time), db_(db) {}

session_info sessions::require(const http::request& req, session_kind kind, bool csrf) {
  const std::string token = cookie(req, "blankett_session");
  if (token.size() != 64) throw api_error{401, "auth.required", "Log in first.", ""};
  const std::string hash = token_hash(token);
  const civil_date today = clock_.today();
  struct seen {
    std::optional<session_row> row;
    std::vector<role> roles;
    bool locked = false, acting_ends = false;
  };
  const seen s = db_.read([&](tx& t) {
    seen out;
    out.row = t.sessions().find(hash);
    if (!out.row || out.row->kind != kind) return out;
    if (out.row->kind == session_kind::staff && out.row->unit_id) out.roles = t.staff().roles_at(*out.row->staff_id, *out.row->unit_id);
    if (out.row->kind == session_kind::citizen) {
      out.locked = out.row->citizen_locked;
      if (out.row->acting_for) out.acting_ends = !may_act_for(t.citizens().child_of(*out.row->citizen_id, *out.row->acting_for), today);
    }
    return out;
  });
  if (!s.row) throw api_error{401, "auth.required", "Log in first.", ""};
  if (s.row->staff_disabled) {
    // A disabled staff account ends its sessions at its next request.
    db_.write([&](tx& t) { t.sessions().remove_for_staff(*s.row->staff_id); });
    throw api_error{401, "auth.required", "Log in first.", ""};
  }
  if (s.row->kind != kind) throw api_error{403, "auth.forbidden", "This needs another kind of login.", ""};
  if (csrf && !same_secret(req.get_header_value("X-CSRF-Token"), s.row->csrf))
    throw api_error{403, "auth.csrf", "The request lacks the session's CSRF token.", ""};
  if (s.locked) throw api_error{403, "auth.locked", "This login is locked.", ""};
  session_info out;
  out.kind = s.row->kind;
  out.token_hash = hash;
  out.csrf = s.row->csrf;
  out.staff_id = s.row->staff_id;
  out.citizen_id = s.row->citizen_id;
  out.acting_for = s.row->acting_for;
  out.unit_id = s.row->unit_id;
  out.roles = s.roles;
  if (s.acting_ends) {
    // The guardian is back on their own forms.
    db_.write([&](tx& t) { t.sessions().set_acting_for(hash, std::nullopt); });
    out.acting_for.reset();
  }
  return out;
}

session_info sessions::require_staff(const http::request& req, std::optional<role> needed, bool csrf) {
  session_info s = require(req, session_kind::staff, csrf);
  if (!s.unit_id) throw api_error{409, "staff.no_unit", "Choose a unit first.", ""};
  if (needed && !s.has_role(*needed))
    throw api_error{403, "auth.role", "This needs the role " + std::string(name(*needed)) + " at the chosen unit.", ""};
  // Any staff route needs some role at the unit: one whose roles were all revoked sees nothing there.
  if (s.roles.empty()) throw api_error{403, "auth.role", "You have no role at the chosen unit.", ""};
  return s;
}

sessions::started sessions::start(tx& t, session_kind kind, std::optional<int64_t> staff, std::optional<int64_t> citizen,
                                  std::optional<int64_t> unit) {
  started s{random_token(), random_token()};
  t.sessions().purge_expired();
  new_session n;
  n.token_hash = token_hash(s.token);
  n.kind = kind;
  n.staff_id = staff;
  n.citizen_id = citizen;
  n.unit_id = unit;
  n.csrf = s.csrf;
  n.expires_at = clock_.in_hours_iso(cfg_.session_hours);
  t.sessions().create(n);
  return s;
}

void sessions::set_cookie(http::response& res, const std::string& token) const {
  const int max_age = token.empty() ? 0 : cfg_.session_hours * 3600;
  std::string v = "blankett_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (cfg_.secure_cookies) v += "; Secure";
  res.set_header("Set-Cookie", v);
}

void sessions::clear_cookie(http::response& res) const { set_cookie(res, ""); }

void sessions::renew(tx& t, const http::request& req) {
  const std::string token = cookie(req, "blankett_session");
  if (token.size() == 64) t.sessions().renew(token_hash(token), clock_.in_hours_iso(cfg_.session_hours));
}

void sessions::end(const session_info& s, http::response& res) {
  db_.write([&](tx& t) { t.sessions().remove(s.token_hash); });
  clear_cookie(res);
}

bool sessions::login_blocked(std::string_view user, std::string_view address) {
  const std::string since = format_utc(clock_.now() - kLoginWindow);
  const std::string user_key = login_key("user", user), address_key = login_key("address", address);
  return db_.read([&](tx& t) {
    return (!user.empty() && t.logins().failures_since(user_key, since) >= cfg_.login_attempts) ||
           t.logins().failures_since(address_key, since) >= 5 * cfg_.login_attempts;
  });
}

void sessions::login_failed(std::string_view user, std::string_view address) {
  const std::string user_key = login_key("user", user), address_key = login_key("address", address);
  db_.write([&](tx& t) {
    if (!user.empty()) t.logins().record_failure(user_key);
    t.logins().record_failure(address_key);
  });
}

void sessions::login_succeeded(tx& t, std::string_view user) { t.logins().clear(login_key("user", user)); }

void sessions::require_json_same_origin(const http::request& req) {
  // A cross-site form can post text/plain or form data, never application/json without a preflight.
  const std::string type = req.get_header_value("Content-Type");
  const std::string_view media = std::string_view(type).substr(0, type.find(';'));
  if (req.header_count("Content-Type") != 1 || !http::same_name(media, "application/json"))
    throw api_error{415, "request.content_type", "Send the login as JSON (Content-Type: application/json).", ""};
  const std::string site = req.get_header_value("Sec-Fetch-Site");
  if (!site.empty() && site != "same-origin" && site != "none")
    throw api_error{403, "auth.cross_site", "A login must come from Blankett's own pages.", ""};
}

}  // namespace blankett::server
