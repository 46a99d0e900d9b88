// The API's shared machinery: the routes' installation, the transport's hooks (errors, security
// headers, rate limit, access log, static files), request bodies, the form cache.
#include "http/app.h"

#include "log.h"

namespace blankett::server {
namespace {

// The host name of a Host header: "127.0.0.1:8080" -> "127.0.0.1", "[::1]:8080" -> "::1".
std::string host_name(std::string_view host) {
  if (!host.empty() && host[0] == '[') {
    const size_t close = host.find(']');
    return close == std::string_view::npos ? std::string() : std::string(host.substr(1, close - 1));
  }
  return std::string(host.substr(0, host.find(':')));
}

}  // namespace

app::app(const config& c, const clock& time, store& db)
    : requests(c.rate_per_minute, std::chrono::minutes(1), time),
      cfg_(c),
      clock_(time),
      db_(db),
      sessions_(cfg_, time, db),
      files_(c.web_root) {
  std::string bad;
  parse_networks(cfg_.trusted_proxies, trusted_proxies_, bad);  // checked when the configuration was read
}

const app::version_entry& app::version(int64_t version_id) {
  {
    std::lock_guard<std::mutex> lock(versions_mutex_);
    if (auto it = versions_.find(version_id); it != versions_.end()) return *it->second;
  }
  // Loaded outside the lock; two threads that load the same version at once keep the first.
  auto definition = db_.read([&](tx& t) { return t.templates().definition(version_id); });
  if (!definition) throw api_error{500, "server.form", "A stored form does not load.", ""};
  form_load loaded = load_form(*definition);
  if (!loaded.ok()) throw api_error{500, "server.form", "A stored form does not load.", ""};
  auto entry = std::make_unique<const version_entry>(version_entry{std::make_shared<const form>(std::move(*loaded.value)), std::move(*definition)});
  std::lock_guard<std::mutex> lock(versions_mutex_);
  return *versions_.emplace(version_id, std::move(entry)).first->second;
}

std::shared_ptr<const form> app::form_of(int64_t version_id) { return version(version_id).f; }

const std::string& app::definition_of(int64_t version_id) { return version(version_id).definition; }

std::string app::client_address(const http::request& req) const {
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

simdjson::dom::element app::body(const http::request& req, simdjson::dom::parser& parser) const {
  if (req.body.size() > cfg_.max_body) throw api_error{413, "request.too_large", "The request body is too large.", ""};
  if (parser.allocate(std::max<size_t>(req.body.size(), 64), cfg_.max_json_depth) != simdjson::SUCCESS)
    throw api_error{413, "request.too_large", "The request body is too large.", ""};
  auto doc = parser.parse(req.body);
  if (doc.error() == simdjson::DEPTH_ERROR) throw api_error{400, "request.too_deep", "The JSON is nested too deeply.", ""};
  if (doc.error()) throw api_error{400, "request.json", "The request body is not valid JSON.", ""};
  if (!doc.value_unsafe().is_object()) throw api_error{400, "request.json", "The request body must be a JSON object.", ""};
  return doc.value_unsafe();
}

http::handler app::handler(handler_fn fn) {
  return [this, fn](const http::request& req, http::response& res) { guarded(res, [&] { fn(*this, req, res); }); };
}

void app::purge_deleted() {
  if (db_.checkpoint()) {
    if (purge_pending_.exchange(false)) log(log_level::info, "deletion.purged");
  } else if (!purge_pending_.exchange(true)) {
    log(log_level::warning, "deletion.pending", {{"why", "checkpoint_busy"}});
  }
}

void app::retry_purge() {
  if (purge_pending_.load()) purge_deleted();
}

void app::install(http::router& r, http::server_hooks& hooks) {
  hooks.connection_key = [this](const std::string& peer) -> std::string {
    if (!trusted_proxies_.empty() && in_any(trusted_proxies_, peer)) return {};  // the proxy caps its clients
    std::string key = address_key(peer);
    return key.empty() ? peer : key;
  };
  hooks.error = [](http::response& res, int status, std::string_view code, std::string_view message) {
    send_json(res, status, error_json({status, std::string(code), std::string(message), ""}));
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
      send_json(res, 421, error_json({421, "request.host", "The demo answers only on localhost and 127.0.0.1.", ""}));
      return true;
    }
    if (req.path.rfind("/api/", 0) == 0 && requests.hit(client_address(req))) {
      send_json(res, 429, error_json({429, "request.rate", "Too many requests; slow down.", ""}));
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
    // The staff app lives at /personal/ (its relative links need the slash).
    if (req.path == "/personal") {
      res.status = 308;
      res.set_header("Location", "/personal/");
      return;
    }
    if (req.path.rfind("/api/", 0) != 0 && files_.serve(req, res)) return;
    send_json(res, 404, error_json({404, "not_found", "Not found.", ""}));
  };
  r.get("/api/v1/health", [](const http::request&, http::response& res) { send_json(res, 200, R"({"status":"ok","format":1})"); });
  install_staff_routes(*this, r);
  install_admin_routes(*this, r);
  install_template_routes(*this, r);
  install_dispatch_routes(*this, r);
  install_package_routes(*this, r);
  install_export_routes(*this, r);
  install_answer_routes(*this, r);
  install_citizen_routes(*this, r);
  install_citizen_form_routes(*this, r);
  install_test_routes(*this, r);
  install_record_routes(*this, r);
  install_webhook_routes(*this, r);
}

}  // namespace blankett::server
