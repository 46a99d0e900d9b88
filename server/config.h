// The server's configuration: defaults, then a JSON file, then environment variables, then flags.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace blankett::server {

struct config {
  std::string host = "127.0.0.1";
  int port = 8080;                    // 0: any free port (printed at start)
  std::string database = "blankett.db";  // a file (SQLite) or postgresql://HOST:PORT/NAME?user=...
  std::string web_root;               // the static web apps (wasm/web); empty: none
  std::string samples = "samples";    // demo templates: every *.json form definition directly in it
  bool demo = false;                  // seed demo data into an empty database; demo citizen login
  std::string identity = "demo";      // "demo" or "header"
  std::string identity_header = "X-Blankett-Personnummer";  // with identity "header"
  std::string client_address_header;  // e.g. X-Forwarded-For behind a proxy; empty: the TCP peer
  std::string trusted_proxies;        // networks whose header is believed (and not capped per address); empty: any peer
  bool synchronous_full = true;       // every commit survives power loss
  size_t max_body = 1 << 20;          // bytes per request (JSON and form definitions)
  size_t max_attachment = 10 << 20;   // bytes per attachment (pdf, jpg, png)
  uint32_t max_json_depth = 16;
  int rate_per_minute = 600;          // requests per client address
  int login_attempts = 5;             // failed logins per user name (and per address) in 15 minutes
  int session_hours = 8;
  int threads = 16;                   // workers running requests (connections do not hold one)
  int request_timeout = 30;           // seconds for the head and body of one request
  int idle_timeout = 5;               // seconds a keep-alive connection may wait for its next request
  int max_connections = 1000;
  int max_connections_per_address = 32;
  size_t max_body_memory = 256u << 20;  // bytes of request bodies being read at once
  // Quotas of a citizen's forms.
  int max_ongoing_per_template = 3;   // ongoing forms a citizen starts of one template
  int max_files_per_form = 20;
  size_t max_form_bytes = 50u << 20;  // attachments of one form together
  std::string log_file;               // empty: stderr
  std::string demo_accounts;          // where the demo passwords are kept; empty: beside an SQLite database
  // Notifications (e-mail and SMS that a message waits in the inbox). Without SMTP or a gateway they
  // are written to outbox_dir (default: beside an SQLite database, else ./outbox).
  std::string public_url;             // the address citizens are told to log in at; empty: http://HOST:PORT/
  std::string outbox_dir;
  std::string smtp_url;               // smtp://host:587 or smtps://host:465
  std::string smtp_from = "no-reply@blankett.invalid";
  std::string smtp_user, smtp_password;
  std::string sms_url;                // the gateway's HTTP endpoint (POST)
  std::string sms_body = R"({"to":"{to}","text":"{text}","id":"{id}"})";
  int job_interval = 30;              // seconds between this node's looks for due jobs
  bool test_clock = false;            // PUT /api/v1/test/clock moves the server's time forward (demo identity only)
  bool secure_cookies = false;        // Secure attribute (behind TLS)
};

// Reads `argv` (after "serve"), the environment (BLANKETT_PORT, ...) and --config FILE. Returns false
// and fills `error` on a mistake; sets `help` when --help was asked for.
bool load_config(int argc, char** argv, config& out, std::string& error, bool& help);

extern const char* const kServeHelp;

}  // namespace blankett::server
