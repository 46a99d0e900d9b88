// The HTTP API as one application: its configuration, clock, store, caches and throttles, and the
// route groups (one file each, every route a named handler). Handlers reach the data only through
// the store (store/store.h): structs in, structs out.
//
// Every response is JSON; an error is {"error": {"code", "message", "field"?}} with a stable code
// (errors.h). Sessions, cookies and CSRF are in session.h. The transport (http_server.h) has already
// applied the limits on size, time and connections before a handler runs. Thread-safe: handlers run
// on many workers at once.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "auth/throttle.h"
#include "blankett/form.h"
#include "clock.h"
#include "config.h"
#include "http/address.h"
#include "http/errors.h"
#include "http/fields.h"
#include "http/http_server.h"
#include "http/message.h"
#include "http/router.h"
#include "http/session.h"
#include "http/static_files.h"
#include "store/store.h"

namespace blankett::server {

class app {
 public:
  app(const config& c, const clock& time, store& db);
  // Adds every route to `r`; `hooks` gets the API's error format, security headers, rate limit,
  // access log and the static web apps.
  void install(http::router& r, http::server_hooks& hooks);

  const config& cfg() const { return cfg_; }
  // The test clock (--test-clock on), or nullptr.
  adjustable_clock* test_clock() const { return test_clock_; }
  void use_test_clock(adjustable_clock* c) { test_clock_ = c; }
  // Where citizens log in (notifications and letters name it): --public-url, or this node's address
  // once it listens (serve() sets it).
  const std::string& public_url() const { return public_url_; }
  void set_public_url(std::string url) { public_url_ = std::move(url); }
  const clock& time() const { return clock_; }
  store& db() { return db_; }
  sessions& auth() { return sessions_; }

  // A template version's form, loaded by the core once and kept for the server's life (a version id
  // always names one definition, so the cache never goes stale); read from the store the first time.
  std::shared_ptr<const form> form_of(int64_t version_id);
  // The version's definition as uploaded (what the API returns as "form"), kept with its form.
  const std::string& definition_of(int64_t version_id);

  // The request's JSON body (an object) within the size and depth limits; throws api_error.
  simdjson::dom::element body(const http::request& req, simdjson::dom::parser& parser) const;
  // The key that rate limits and throttles count the client under.
  std::string client_address(const http::request& req) const;

  // A handler run with the API's error handling (errors.h `guarded`).
  using handler_fn = void (*)(app&, const http::request&, http::response&);
  http::handler handler(handler_fn fn);

  // Work for the job runner (a dispatch's notifications): it looks now instead of at its next turn.
  void on_new_jobs(std::function<void()> wake) { wake_jobs_ = std::move(wake); }
  void wake_jobs() const {
    if (wake_jobs_) wake_jobs_();
  }

  // Deletion is complete only once the write-ahead log holds no old pages (SQLite): until a
  // checkpoint succeeds (a reader may hold it back) it is retried by the server's background thread.
  void purge_deleted();
  bool purge_pending() const { return purge_pending_.load(); }
  void retry_purge();

  throttle requests;  // requests per client address, per node (docs/operations.md)

 private:
  config cfg_;
  const clock& clock_;
  store& db_;
  sessions sessions_;
  std::vector<network> trusted_proxies_;
  http::static_files files_;
  struct version_entry {
    std::shared_ptr<const form> f;
    std::string definition;
  };
  const version_entry& version(int64_t version_id);
  std::mutex versions_mutex_;
  std::map<int64_t, std::unique_ptr<const version_entry>> versions_;  // entries are never removed
  std::atomic<bool> purge_pending_{false};
  std::function<void()> wake_jobs_;
  std::string public_url_;
  adjustable_clock* test_clock_ = nullptr;
};

// The settings key of the test clock's offset in seconds.
inline constexpr std::string_view kTestClockKey = "test_clock_offset_seconds";

// The route groups (http/*_routes.cpp).
void install_staff_routes(app& a, http::router& r);
void install_admin_routes(app& a, http::router& r);
void install_template_routes(app& a, http::router& r);
void install_dispatch_routes(app& a, http::router& r);
void install_package_routes(app& a, http::router& r);
void install_export_routes(app& a, http::router& r);
void install_answer_routes(app& a, http::router& r);
void install_citizen_routes(app& a, http::router& r);
void install_citizen_form_routes(app& a, http::router& r);
void install_test_routes(app& a, http::router& r);
void install_record_routes(app& a, http::router& r);
void install_webhook_routes(app& a, http::router& r);

}  // namespace blankett::server
