// Configuration from a file, the environment and flags (later ones win).
#include "config.h"

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "blankett/formats.h"
#include "http/address.h"
#include "simdjson.h"

namespace blankett::server {

const char* const kServeHelp =
    "usage: blankett serve [options]\n"
    "\n"
    "Runs the Blankett server: the JSON API under /api/v1 and the web apps, on one port.\n"
    "Every option can also be set in the environment (BLANKETT_<OPTION>, e.g. BLANKETT_PORT=8080)\n"
    "or in a JSON file given with --config (keys as the options, with '_' for '-').\n"
    "\n"
    "  --host ADDRESS          listen address (default 127.0.0.1)\n"
    "  --port N                port (default 8080; 0 picks a free one and prints it)\n"
    "  --database FILE|URL     SQLite database file (default blankett.db), or PostgreSQL:\n"
    "                          postgresql://HOST:PORT/NAME?user=USER (several nodes may share one);\n"
    "                          created or migrated at start\n"
    "  --web-root FOLDER       the static web apps to serve (default: none)\n"
    "  --samples FOLDER        form definitions published as demo templates (default samples)\n"
    "  --demo on|off           seed demo data into an empty database and allow the demo citizen login\n"
    "                          (default off; scripts/start turns it on; never in production)\n"
    "  --identity demo|header  where citizens' identity comes from: the demo login, or a header set by\n"
    "                          a trusted reverse proxy (default demo)\n"
    "  --identity-header NAME  the header with the personnummer (default X-Blankett-Personnummer)\n"
    "  --client-address-header NAME  behind a reverse proxy: the header with the client's address\n"
    "                          (its last entry, which the proxy appends), for rate limits and login\n"
    "                          throttling (default: none, the connection's address)\n"
    "  --trusted-proxies LIST  the proxies' networks (e.g. 10.0.0.5,10.1.0.0/16): only their\n"
    "                          --client-address-header counts, and they are not capped per address\n"
    "                          (default: none listed, the header counts from any peer)\n"
    "  --synchronous full|normal  full: commits survive power loss; normal: a killed process (default full)\n"
    "  --max-body BYTES        largest request body (default 1048576)\n"
    "  --max-attachment BYTES  largest attachment (default 10485760)\n"
    "  --rate N                requests per minute per client address (default 600)\n"
    "  --login-attempts N      failed logins per user name in 15 minutes (default 5)\n"
    "  --session-hours N       session lifetime (default 8)\n"
    "  --threads N             worker threads that run requests (default 16; idle or slow\n"
    "                          connections hold none)\n"
    "  --request-timeout S     seconds for the head and body of one request (default 30)\n"
    "  --idle-timeout S        seconds a keep-alive connection waits for its next request (default 5)\n"
    "  --max-connections N     open connections in all (default 1000)\n"
    "  --max-connections-per-address N  per client address, IPv6 by /64 (default 32)\n"
    "  --max-body-memory BYTES request bodies being read at once (default 268435456)\n"
    "  --max-ongoing-per-template N  ongoing forms a citizen may start of one template (default 3)\n"
    "  --max-files-per-form N  attachments of one form (default 20)\n"
    "  --max-form-bytes BYTES  attachments of one form together (default 52428800)\n"
    "  --log-file FILE         log here instead of stderr\n"
    "  --demo-accounts FILE    where --demo keeps the generated staff passwords (default: beside an\n"
    "                          SQLite database; with PostgreSQL they are only printed)\n"
    "  --job-interval S        seconds between this node's looks for due jobs (default 30)\n"
    "  --test-clock on|off     for tests and the demo only: PUT /api/v1/test/clock {\"now\": \"...Z\"}\n"
    "                          moves the server's time forward (refused unless --identity demo)\n"
    "  --public-url URL        where citizens log in, as notifications say (default http://HOST:PORT/)\n"
    "  --outbox-dir FOLDER     notifications without SMTP or an SMS gateway are written here (default:\n"
    "                          beside an SQLite database, DATABASE.outbox; with PostgreSQL ./outbox)\n"
    "  --smtp-url URL          e-mail through this server: smtp://HOST:587 (STARTTLS when offered) or\n"
    "                          smtps://HOST:465\n"
    "  --smtp-from ADDRESS     the sender of notification e-mail (default no-reply@blankett.invalid)\n"
    "  --smtp-user NAME        SMTP login (its password from BLANKETT_SMTP_PASSWORD)\n"
    "  --sms-url URL           SMS through this HTTP gateway (POST, JSON, Idempotency-Key header)\n"
    "  --sms-body TEMPLATE     the gateway's JSON body with {to}, {text} and {id}\n"
    "                          (default {\"to\":\"{to}\",\"text\":\"{text}\",\"id\":\"{id}\"})\n"
    "  --secure-cookies on|off mark cookies Secure (behind TLS)\n"
    "  --config FILE           read options from a JSON file first\n";

namespace {

// A header name: letters, digits and '-' (no room for a second header or a value).
bool header_name(const std::string& v) {
  bool ok = !v.empty() && v.size() <= 64;
  for (char ch : v) ok = ok && ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-');
  return ok;
}

bool set(config& c, const std::string& key, const std::string& v, std::string& error) {
  auto number = [&](auto& field, long long lo, long long hi) {
    char* end = nullptr;
    const long long n = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || n < lo || n > hi) {
      error = "--" + key + " takes a number from " + std::to_string(lo) + " to " + std::to_string(hi);
      return false;
    }
    field = static_cast<std::remove_reference_t<decltype(field)>>(n);
    return true;
  };
  auto flag = [&](bool& field) {
    if (v == "on" || v == "true" || v == "1") field = true;
    else if (v == "off" || v == "false" || v == "0") field = false;
    else return error = "--" + key + " is on or off", false;
    return true;
  };
  if (key == "host") c.host = v;
  else if (key == "port") return number(c.port, 0, 65535);
  else if (key == "database") c.database = v;
  else if (key == "web-root") c.web_root = v;
  else if (key == "samples") c.samples = v;
  else if (key == "demo") return flag(c.demo);
  else if (key == "identity") {
    if (v != "demo" && v != "header") return error = "--identity is demo or header", false;
    c.identity = v;
  } else if (key == "identity-header") {
    if (!header_name(v)) return error = "--identity-header is a header name", false;
    c.identity_header = v;
  } else if (key == "client-address-header") {
    if (!header_name(v)) return error = "--client-address-header is a header name", false;
    c.client_address_header = v;
  } else if (key == "trusted-proxies") {
    std::vector<network> nets;
    std::string bad;
    if (!parse_networks(v, nets, bad)) return error = "--trusted-proxies: " + bad + " is not an address or network", false;
    c.trusted_proxies = v;
  }
  else if (key == "synchronous") {
    if (v != "full" && v != "normal") return error = "--synchronous is full or normal", false;
    c.synchronous_full = v == "full";
  } else if (key == "max-body") return number(c.max_body, 1024, 1LL << 30);
  else if (key == "max-attachment") return number(c.max_attachment, 1024, 1LL << 30);
  else if (key == "rate") return number(c.rate_per_minute, 1, 1000000);
  else if (key == "login-attempts") return number(c.login_attempts, 1, 1000);
  else if (key == "session-hours") return number(c.session_hours, 1, 24 * 30);
  else if (key == "threads") return number(c.threads, 1, 256);
  else if (key == "request-timeout") return number(c.request_timeout, 1, 3600);
  else if (key == "idle-timeout") return number(c.idle_timeout, 1, 3600);
  else if (key == "max-connections") return number(c.max_connections, 1, 100000);
  else if (key == "max-connections-per-address") return number(c.max_connections_per_address, 1, 100000);
  else if (key == "max-body-memory") return number(c.max_body_memory, 1 << 20, 1LL << 40);
  else if (key == "max-ongoing-per-template") return number(c.max_ongoing_per_template, 1, 1000);
  else if (key == "max-files-per-form") return number(c.max_files_per_form, 1, 1000);
  else if (key == "max-form-bytes") return number(c.max_form_bytes, 1024, 1LL << 40);
  else if (key == "log-file") c.log_file = v;
  else if (key == "demo-accounts") c.demo_accounts = v;
  else if (key == "job-interval") return number(c.job_interval, 1, 3600);
  else if (key == "test-clock") return flag(c.test_clock);
  else if (key == "public-url") {
    if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) return error = "--public-url is an http(s) URL", false;
    c.public_url = v.back() == '/' ? v : v + "/";
  } else if (key == "outbox-dir") c.outbox_dir = v;
  else if (key == "smtp-url") {
    if (v.rfind("smtp://", 0) != 0 && v.rfind("smtps://", 0) != 0) return error = "--smtp-url is smtp://HOST:PORT or smtps://HOST:PORT", false;
    c.smtp_url = v;
  } else if (key == "smtp-from") {
    if (!valid_email(v)) return error = "--smtp-from is an e-mail address", false;
    c.smtp_from = v;
  }
  else if (key == "smtp-user") c.smtp_user = v;
  else if (key == "smtp-password") c.smtp_password = v;
  else if (key == "sms-url") {
    if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) return error = "--sms-url is an http(s) URL", false;
    c.sms_url = v;
  } else if (key == "sms-body") {
    if (v.find("{to}") == std::string::npos || v.find("{text}") == std::string::npos)
      return error = "--sms-body needs {to} and {text}", false;
    c.sms_body = v;
  }
  else if (key == "secure-cookies") return flag(c.secure_cookies);
  else return error = "unknown option --" + key, false;
  return true;
}

constexpr const char* kKeys[] = {"host", "port", "database", "web-root", "samples", "demo", "identity", "identity-header",
                                 "client-address-header", "trusted-proxies", "request-timeout", "idle-timeout",
                                 "max-connections", "max-connections-per-address", "max-body-memory",
                                 "max-ongoing-per-template", "max-files-per-form", "max-form-bytes",
                                 "synchronous", "max-body", "max-attachment", "rate", "login-attempts", "session-hours", "threads",
                                 "log-file", "secure-cookies", "demo-accounts", "job-interval", "public-url", "outbox-dir",
                                 "smtp-url", "smtp-from", "smtp-user", "smtp-password", "sms-url", "sms-body", "test-clock"};

bool from_file(config& c, const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return error = "cannot read " + path, false;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  simdjson::dom::parser parser;
  auto doc = parser.parse(text);
  if (doc.error()) return error = path + " is not JSON: " + simdjson::error_message(doc.error()), false;
  simdjson::dom::object obj;
  if (doc.value_unsafe().get_object().get(obj)) return error = path + " must hold an object", false;
  for (auto [k, v] : obj) {
    std::string key(k);
    for (auto& ch : key)
      if (ch == '_') ch = '-';
    std::string value;
    if (v.is_string()) value = std::string(v.get_string().value_unsafe());
    else if (v.is_bool()) value = v.get_bool().value_unsafe() ? "on" : "off";
    else if (v.is_int64()) value = std::to_string(v.get_int64().value_unsafe());
    else return error = path + ": " + key + " must be a string, number or boolean", false;
    if (!set(c, key, value, error)) return false;
  }
  return true;
}

}  // namespace

bool load_config(int argc, char** argv, config& out, std::string& error, bool& help) {
  help = false;
  // --config first, so that the file comes before the environment and the other flags.
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--config" && i + 1 < argc && !from_file(out, argv[i + 1], error)) return false;
    if (a.rfind("--config=", 0) == 0 && !from_file(out, a.substr(9), error)) return false;
  }
  for (const char* key : kKeys) {
    std::string env = "BLANKETT_";
    for (const char* p = key; *p; ++p) env += *p == '-' ? '_' : static_cast<char>(std::toupper(*p));
    if (const char* v = std::getenv(env.c_str()); v && !set(out, key, v, error)) return false;
  }
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      help = true;
      return true;
    }
    if (a.rfind("--", 0) != 0) return error = "unexpected argument " + a, false;
    std::string key = a.substr(2), value;
    if (const size_t eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
    } else {
      if (i + 1 >= argc) return error = a + " needs a value", false;
      value = argv[++i];
    }
    if (key == "config") continue;
    if (!set(out, key, value, error)) return false;
  }
  return true;
}

}  // namespace blankett::server
