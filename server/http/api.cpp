// The API's shared machinery: routes' installation, limits, sessions, CSRF, JSON errors, audit.
#include "http/api.h"

#include <ctime>

#include "auth/crypto.h"
#include "blankett/pnr.h"
#include "log.h"

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

api::api(const config& c)
    : login_user(c.login_attempts, std::chrono::minutes(15)),
      login_address(c.login_attempts * 5, std::chrono::minutes(15)),
      requests(c.rate_per_minute, std::chrono::minutes(1)),
      cfg_(c) {}

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

void api::send(httplib::Response& res, int status, const std::string& json) {
  res.status = status;
  res.set_content(json, "application/json; charset=utf-8");
}

std::string api::now_iso() {
  char buf[32];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string api::client_address(const httplib::Request& req) const {
  if (cfg_.client_address_header.empty() || !req.has_header(cfg_.client_address_header)) return req.remote_addr;
  std::string v = req.get_header_value(cfg_.client_address_header);
  if (const size_t comma = v.rfind(','); comma != std::string::npos) v = v.substr(comma + 1);
  const size_t b = v.find_first_not_of(" \t"), e = v.find_last_not_of(" \t");
  return b == std::string::npos ? req.remote_addr : v.substr(b, e - b + 1);
}

civil_date api::today_civil() {
  auto d = parse_civil_date(today_iso());
  return d ? *d : civil_date{};
}

std::string api::today_iso() { return date_in_days(0); }

std::string api::date_in_days(int days) {
  char buf[16];
  const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  localtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

simdjson::dom::element api::body(const httplib::Request& req, simdjson::dom::parser& parser) const {
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

int64_t path_id(const httplib::Request& req, size_t index) {
  if (index >= req.matches.size()) throw api_error{404, "not_found", "Not found.", ""};
  const std::string s = req.matches[index];
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v <= 0) throw api_error{404, "not_found", "Not found.", ""};
  return v;
}

namespace {

std::string cookie(const httplib::Request& req, std::string_view name) {
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

}  // namespace

session_info api::require_session(const httplib::Request& req, std::string_view kind, bool csrf) const {
  const std::string token = cookie(req, "blankett_session");
  if (token.size() != 64) throw api_error{401, "auth.required", "Log in first.", ""};
  connection& c = const_cast<api*>(this)->db();
  statement st = c.prepare(
      "SELECT kind, staff_id, citizen_id, acting_for, unit_id, csrf FROM sessions WHERE token_hash = ? AND expires_at > ?");
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
    if (s.acting_for) {
      // Acting for a child ends when the child's login is locked (menprövning covers the guardian
      // too) or the child has turned 13: the guardian is back on their own forms.
      statement child = c.prepare("SELECT locked, pnr FROM citizens WHERE id = ?");
      child.args(*s.acting_for);
      bool ends = !child.step() || child.integer(0) != 0;
      if (!ends) {
        auto p = parse_pnr(child.text(1), pnr_options{today_civil(), false});
        ends = !p || p->age_on(today_civil()) >= 13;
      }
      if (ends) {
        c.prepare("UPDATE sessions SET acting_for = NULL WHERE token_hash = ?").args(std::string_view(s.token_hash)).run();
        s.acting_for.reset();
      }
    }
  }
  return s;
}

session_info api::require_staff(const httplib::Request& req, std::string_view role, bool csrf) const {
  session_info s = require_session(req, "staff", csrf);
  if (!s.unit_id) throw api_error{409, "staff.no_unit", "Choose a unit first.", ""};
  if (!role.empty() && !s.has_role(role))
    throw api_error{403, "auth.role", "This needs the role " + std::string(role) + " at the chosen unit.", ""};
  // Any staff route needs some role at the unit: one whose roles were all revoked sees nothing there.
  if (s.roles.empty()) throw api_error{403, "auth.role", "You have no role at the chosen unit.", ""};
  return s;
}

void api::audit(const session_info& s, std::string_view action, std::string_view target, std::string_view details) {
  db().prepare("INSERT INTO audit (at, staff_id, unit_id, action, target, details) VALUES (?, ?, ?, ?, ?, ?)")
      .args(std::string_view(now_iso()), s.staff_id, s.unit_id, action, target, details)
      .run();
}

void api::install(httplib::Server& s) {
  s.set_payload_max_length(std::max(cfg_.max_body, cfg_.max_attachment));
  // Limits and security headers before routing.
  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
    // The web apps load only their own scripts; WebAssembly needs 'wasm-unsafe-eval' to compile.
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
                   "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    res.set_header("X-Frame-Options", "DENY");
    if (req.path.rfind("/api/", 0) == 0 && requests.hit(client_address(req))) {
      send(res, 429, error_json({429, "request.rate", "Too many requests; slow down.", ""}));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) send(res, 413, error_json({413, "request.too_large", "The request body is too large.", ""}));
    else if (res.status == 404) send(res, 404, error_json({404, "not_found", "Not found.", ""}));
    else if (res.status == 405) send(res, 405, error_json({405, "request.method", "Method not allowed.", ""}));
    else if (res.status >= 400) send(res, res.status, error_json({res.status, "request.error", "The request failed.", ""}));
    (void)req;
  });
  s.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log(log_level::error, "request.failed", {{"method", req.method}, {"path", req.path}, {"what", what}});
    send(res, 500, error_json({500, "server.error", "Something went wrong on the server.", ""}));
  });
  s.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    // Paths carry ids, never personnummer; the log scrubs digit runs anyway.
    log(log_level::info, "request", {{"method", req.method}, {"path", req.path}, {"status", std::to_string(res.status)}});
  });
  s.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
    send(res, 200, R"({"status":"ok","format":1})");
  });
  staff_routes(s);
  admin_routes(s);
  template_routes(s);
  dispatch_routes(s);
  answer_routes(s);
  citizen_routes(s);
  if (!cfg_.web_root.empty()) s.set_mount_point("/", cfg_.web_root);
  s.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  s.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  s.set_file_extension_and_mimetype_mapping("js", "text/javascript");
  s.set_file_extension_and_mimetype_mapping("css", "text/css");
  s.set_file_extension_and_mimetype_mapping("svg", "image/svg+xml");
  s.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
}

}  // namespace blankett::server
