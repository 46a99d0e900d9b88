// The API's shared machinery: routes' installation, limits, sessions, CSRF, JSON errors, audit.
#include "http/api.h"

#include <ctime>

#include "auth/crypto.h"
#include "blankett/pnr.h"
#include "log.h"
#include "policy.h"

namespace blankett::server {

bool session_info::has_role(std::string_view r) const {
  for (const auto& x : roles)
    if (x == r) return true;
  return false;
}

std::string error_json(const api_error& e) {
  std::string out;
  json_writer w(out);
  w.begin_object().key("error").begin_object();
  w.key("code").value(std::string_view(e.code));
  w.key("message").value(std::string_view(e.message));
  if (!e.field.empty()) w.key("field").value(std::string_view(e.field));
  w.end_object().end_object();
  return out;
}

api::api(const config& c, const clock& time)
    : login_user(c.login_attempts, std::chrono::minutes(15), time),
      login_address(c.login_attempts * 5, std::chrono::minutes(15), time),
      requests(c.rate_per_minute, std::chrono::minutes(1), time),
      cfg_(c),
      clock_(time),
      files_(c.web_root) {
  std::string bad;
  parse_networks(cfg_.trusted_proxies, trusted_proxies_, bad);  // checked when the configuration was read
}

connection& api::db() {
  thread_local std::unique_ptr<connection> conn;
  thread_local std::string path;
  if (!conn || path != cfg_.database) {
    conn = std::make_unique<connection>(cfg_.database, cfg_.synchronous_full);
    path = cfg_.database;
  }
  return *conn;
}

std::shared_ptr<const form> api::form_of(int64_t version_id, const std::string& definition) {
  {
    std::lock_guard<std::mutex> lock(forms_mutex_);
    if (auto it = forms_.find(version_id); it != forms_.end()) return it->second;
  }
  form_load loaded = load_form(definition);
  if (!loaded.ok()) throw api_error{500, "server.form", "A stored form does not load.", ""};
  auto f = std::make_shared<const form>(std::move(*loaded.value));
  std::lock_guard<std::mutex> lock(forms_mutex_);
  return forms_.emplace(version_id, std::move(f)).first->second;
}

std::shared_ptr<const form> api::form_of(int64_t version_id) {
  {
    std::lock_guard<std::mutex> lock(forms_mutex_);
    if (auto it = forms_.find(version_id); it != forms_.end()) return it->second;
  }
  statement st = db().prepare("SELECT definition FROM template_versions WHERE id = ?");
  st.args(version_id);
  if (!st.step()) throw api_error{500, "server.form", "A stored form does not load.", ""};
  return form_of(version_id, st.text(0));
}

void api::send(http::response& res, int status, const std::string& json) {
  res.status = status;
  res.set_content(json, "application/json; charset=utf-8");
}

std::string api::session_cookie(const std::string& token, int max_age) const {
  std::string v = "blankett_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (cfg_.secure_cookies) v += "; Secure";
  return v;
}

std::string api::client_address(const http::request& req) const {
  // The proxy's header counts only from a trusted proxy (any peer when none is configured): its last
  // line's last entry is what the proxy itself appended; what a client sent stands before it.
  if (!cfg_.client_address_header.empty() && req.has_header(cfg_.client_address_header) &&
      (trusted_proxies_.empty() || in_any(trusted_proxies_, req.remote_addr))) {
    std::string v = req.last_header_value(cfg_.client_address_header);
    if (const size_t comma = v.rfind(','); comma != std::string::npos) v = v.substr(comma + 1);
    const size_t b = v.find_first_not_of(" \t"), e = v.find_last_not_of(" \t");
    if (b != std::string::npos)
      if (std::string key = address_key(std::string_view(v).substr(b, e - b + 1)); !key.empty()) return key;
  }
  std::string key = address_key(req.remote_addr);
  return key.empty() ? req.remote_addr : key;
}

simdjson::dom::element api::body(const http::request& req, simdjson::dom::parser& parser) const {
  if (req.body.size() > cfg_.max_body)
    throw api_error{413, "request.too_large", "The request body is too large.", ""};
  if (parser.allocate(std::max<size_t>(req.body.size(), 64), cfg_.max_json_depth) != simdjson::SUCCESS)
    throw api_error{413, "request.too_large", "The request body is too large.", ""};
  auto doc = parser.parse(req.body);
  if (doc.error() == simdjson::DEPTH_ERROR)
    throw api_error{400, "request.too_deep", "The JSON is nested too deeply.", ""};
  if (doc.error()) throw api_error{400, "request.json", "The request body is not valid JSON.", ""};
  if (!doc.value_unsafe().is_object()) throw api_error{400, "request.json", "The request body must be a JSON object.", ""};
  return doc.value_unsafe();
}

std::string_view field_text(simdjson::dom::element obj, std::string_view key, bool required) {
  auto v = obj[key];
  if (v.error()) {
    if (!required) return {};
    throw api_error{400, "request.missing", "A required field is missing.", std::string(key)};
  }
  if (!v.value_unsafe().is_string()) throw api_error{400, "request.type", "The field must be a string.", std::string(key)};
  return v.value_unsafe().get_string().value_unsafe();
}

std::optional<int64_t> field_int(simdjson::dom::element obj, std::string_view key, bool required) {
  auto v = obj[key];
  if (v.error()) {
    if (!required) return std::nullopt;
    throw api_error{400, "request.missing", "A required field is missing.", std::string(key)};
  }
  if (!v.value_unsafe().is_int64()) throw api_error{400, "request.type", "The field must be an integer.", std::string(key)};
  return v.value_unsafe().get_int64().value_unsafe();
}

std::optional<bool> field_bool(simdjson::dom::element obj, std::string_view key) {
  auto v = obj[key];
  if (v.error()) return std::nullopt;
  if (!v.value_unsafe().is_bool()) throw api_error{400, "request.type", "The field must be true or false.", std::string(key)};
  return v.value_unsafe().get_bool().value_unsafe();
}

int64_t path_id(const http::request& req, size_t index) {
  if (index >= req.matches.size()) throw api_error{404, "not_found", "Not found.", ""};
  const std::string s = req.matches[index];
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v <= 0) throw api_error{404, "not_found", "Not found.", ""};
  return v;
}

namespace {

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

// The host name of a Host header: "127.0.0.1:8080" -> "127.0.0.1", "[::1]:8080" -> "::1".
std::string host_name(std::string_view host) {
  if (!host.empty() && host[0] == '[') {
    const size_t close = host.find(']');
    return close == std::string_view::npos ? std::string() : std::string(host.substr(1, close - 1));
  }
  return std::string(host.substr(0, host.find(':')));
}

}  // namespace

session_info api::require_session(const http::request& req, std::string_view kind, bool csrf) const {
  const std::string token = cookie(req, "blankett_session");
  if (token.size() != 64) throw api_error{401, "auth.required", "Log in first.", ""};
  connection& c = const_cast<api*>(this)->db();
  // A disabled staff account ends its sessions at its next request.
  statement st = c.prepare(
      "SELECT s.kind, s.staff_id, s.citizen_id, s.acting_for, s.unit_id, s.csrf, COALESCE(f.disabled, 0) "
      "FROM sessions s LEFT JOIN staff f ON f.id = s.staff_id WHERE s.token_hash = ? AND s.expires_at > ?");
  const std::string hash = token_hash(token);
  st.args(std::string_view(hash), std::string_view(now_iso()));
  if (!st.step()) throw api_error{401, "auth.required", "Log in first.", ""};
  session_info s;
  s.kind = st.text(0);
  s.token_hash = hash;
  s.staff_id = st.integer_or_null(1);
  s.citizen_id = st.integer_or_null(2);
  s.acting_for = st.integer_or_null(3);
  s.unit_id = st.integer_or_null(4);
  s.csrf = st.text(5);
  const bool disabled = st.integer(6) != 0;
  st.reset();
  if (disabled) {
    transaction t(c);
    c.prepare("DELETE FROM sessions WHERE staff_id = ?").args(*s.staff_id).run();
    t.commit();
    throw api_error{401, "auth.required", "Log in first.", ""};
  }
  if (s.kind != kind) throw api_error{403, "auth.forbidden", "This needs another kind of login.", ""};
  if (csrf && !same_secret(req.get_header_value("X-CSRF-Token"), s.csrf))
    throw api_error{403, "auth.csrf", "The request lacks the session's CSRF token.", ""};
  if (s.kind == "staff" && s.unit_id) {
    statement roles = c.prepare("SELECT role FROM staff_roles WHERE staff_id = ? AND unit_id = ? ORDER BY role");
    roles.args(*s.staff_id, *s.unit_id);
    while (roles.step()) s.roles.push_back(roles.text(0));
  }
  if (s.kind == "citizen") {
    statement locked = c.prepare("SELECT locked FROM citizens WHERE id = ?");
    locked.args(*s.citizen_id);
    if (locked.step() && locked.integer(0) != 0) throw api_error{403, "auth.locked", "This login is locked.", ""};
    locked.reset();
    if (s.acting_for) {
      // Acting for a child ends when the guardianship is gone, when the child's login is locked
      // (menprövning covers the guardian too) or the child has turned 13: the guardian is back on
      // their own forms.
      statement child = c.prepare(
          "SELECT c.locked, c.pnr FROM guardianships g JOIN citizens c ON c.id = g.child_id "
          "WHERE g.guardian_id = ? AND g.child_id = ?");
      child.args(*s.citizen_id, *s.acting_for);
      bool ends = !child.step() || child.integer(0) != 0;
      if (!ends) {
        auto p = parse_pnr(child.text(1), pnr_options{today_civil(), false});
        ends = !p || !policy::guardian_may_act(*p, today_civil());
      }
      child.reset();
      if (ends) {
        transaction t(c);
        c.prepare("UPDATE sessions SET acting_for = NULL WHERE token_hash = ?").args(std::string_view(s.token_hash)).run();
        t.commit();
        s.acting_for.reset();
      }
    }
  }
  return s;
}

session_info api::require_staff(const http::request& req, std::string_view role, bool csrf) const {
  session_info s = require_session(req, "staff", csrf);
  if (!s.unit_id) throw api_error{409, "staff.no_unit", "Choose a unit first.", ""};
  if (!role.empty() && !s.has_role(role))
    throw api_error{403, "auth.role", "This needs the role " + std::string(role) + " at the chosen unit.", ""};
  // Any staff route needs some role at the unit: one whose roles were all revoked sees nothing there.
  if (s.roles.empty()) throw api_error{403, "auth.role", "You have no role at the chosen unit.", ""};
  return s;
}

void api::require_json_same_origin(const http::request& req) const {
  // A cross-site form can post text/plain or form data, never application/json without a preflight.
  const std::string type = req.get_header_value("Content-Type");
  const std::string_view media = std::string_view(type).substr(0, type.find(';'));
  if (req.header_count("Content-Type") != 1 || !http::same_name(media, "application/json"))
    throw api_error{415, "request.content_type", "Send the login as JSON (Content-Type: application/json).", ""};
  const std::string site = req.get_header_value("Sec-Fetch-Site");
  if (!site.empty() && site != "same-origin" && site != "none")
    throw api_error{403, "auth.cross_site", "A login must come from Blankett's own pages.", ""};
}

void api::audit(const session_info& s, std::string_view action, std::string_view target, std::string_view details) {
  audit_at(s, *s.unit_id, action, target, details);
}

void api::audit_at(const session_info& s, int64_t unit, std::string_view action, std::string_view target,
                   std::string_view details) {
  db().prepare("INSERT INTO audit (at, staff_id, unit_id, action, target, details) VALUES (?, ?, ?, ?, ?, ?)")
      .args(std::string_view(now_iso()), s.staff_id, unit, action, target, details)
      .run();
}

void api::purge_deleted(connection& c) {
  // Copy the write-ahead log into the database (whose deleted content secure_delete has overwritten)
  // and empty it. A reader holding an old snapshot keeps it from completing: then it is retried.
  statement checkpoint = c.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  const bool busy = checkpoint.step() && checkpoint.integer(0) != 0;
  if (busy) {
    if (!purge_pending_.exchange(true)) log(log_level::warning, "deletion.pending", {{"why", "checkpoint_busy"}});
  } else if (purge_pending_.exchange(false)) {
    log(log_level::info, "deletion.purged");
  }
}

bool api::purge_pending() const { return purge_pending_.load(); }

void api::retry_purge() {
  if (purge_pending_.load()) purge_deleted(db());
}

void api::install(http::router& r, http::server_hooks& hooks) {
  hooks.connection_key = [this](const std::string& peer) -> std::string {
    if (!trusted_proxies_.empty() && in_any(trusted_proxies_, peer)) return {};  // the proxy caps its clients
    std::string key = address_key(peer);
    return key.empty() ? peer : key;
  };
  hooks.error = [](http::response& res, int status, std::string_view code, std::string_view message) {
    send(res, status, error_json({status, std::string(code), std::string(message), ""}));
  };
  // Security headers on every response, the web apps' files and the HTTP layer's errors included.
  hooks.finish = [](const http::request&, http::response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
    // The web apps load only their own scripts; WebAssembly needs 'wasm-unsafe-eval' to compile.
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
                   "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    res.set_header("X-Frame-Options", "DENY");
  };
  // The rate limit runs before a body is read.
  hooks.before_body = [this](const http::request& req, http::response& res) {
    // The demo (anyone logs in as anyone) answers only to its own names: a page elsewhere cannot
    // reach it through a name that points at 127.0.0.1 (DNS rebinding).
    if (cfg_.demo && cfg_.identity == "demo" && !is_loopback_host(host_name(req.get_header_value("Host")))) {
      send(res, 421, error_json({421, "request.host", "The demo answers only on localhost and 127.0.0.1.", ""}));
      return true;
    }
    if (req.path.rfind("/api/", 0) == 0 && requests.hit(client_address(req))) {
      send(res, 429, error_json({429, "request.rate", "Too many requests; slow down.", ""}));
      return true;
    }
    return false;
  };
  hooks.failed = [](const http::request& req, std::string_view what) {
    log(log_level::error, "request.failed", {{"method", req.method}, {"path", req.path}, {"what", std::string(what)}});
  };
  hooks.logged = [](const http::request& req, const http::response& res) {
    // Paths carry ids, never personnummer; the log scrubs digit runs anyway.
    log(log_level::info, "request", {{"method", req.method}, {"path", req.path}, {"status", std::to_string(res.status)}});
  };
  hooks.fallback = [this](const http::request& req, http::response& res) {
    if (req.path.rfind("/api/", 0) != 0 && files_.serve(req, res)) return;
    send(res, 404, error_json({404, "not_found", "Not found.", ""}));
  };
  r.get("/api/v1/health", [](const http::request&, http::response& res) {
    send(res, 200, R"({"status":"ok","format":1})");
  });
  staff_routes(r);
  admin_routes(r);
  template_routes(r);
  dispatch_routes(r);
  answer_routes(r);
  citizen_routes(r);
}

}  // namespace blankett::server
