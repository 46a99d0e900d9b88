// The server's life: opens and migrates the database, seeds the demo data into an empty one, starts
// the job runner, and serves the API and the web apps until SIGINT or SIGTERM, finishing requests in
// flight. `blankett serve` (cli/serve.cpp) reads the options and calls serve().
#include "serve.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

#include "auth/crypto.h"
#include "http/address.h"
#include "http/app.h"
#include "http/http_server.h"
#include "export/csv_job.h"
#include "jobs.h"
#include "packages.h"
#include "retention.h"
#include "staff_notify.h"
#include "webhooks.h"
#include "log.h"
#include "demo_answers.h"
#include "store/demo.h"

namespace blankett::server {
namespace {

// Health data is for the owner only: the database and its companions keep mode 0600 even when they
// were created with another mode before (umask covers only new files).
bool owner_only(const std::string& path, std::string& error, mode_t mode = 0600) {
  if (chmod(path.c_str(), mode) == 0 || errno == ENOENT) return true;
  error = path + ": " + std::strerror(errno);
  return false;
}

// Connections take file descriptors: use what the system allows this process.
void raise_file_limit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
}

// The test clock's offset as the database keeps it (PUT /api/v1/test/clock).
void read_test_clock(store& db, adjustable_clock& time) {
  try {
    const auto offset = db.read([](tx& t) { return t.settings().get(kTestClockKey); });
    if (offset) time.set_offset(std::strtoll(offset->c_str(), nullptr, 10));
  } catch (const sql::error&) {  // read again at the next look
  }
}

}  // namespace

int serve(const config& cfg) {
  if (!crypto_init() || !outbox_init()) {
    std::fputs("blankett serve: libsodium or libcurl does not initialise\n", stderr);
    return 2;
  }
  // Anyone who reaches a demo login logs in as any personnummer: only on this machine.
  if (cfg.demo && cfg.identity == "demo" && !is_loopback_host(cfg.host)) {
    std::fprintf(stderr,
                 "blankett serve: the demo login (--demo on with --identity demo) lets anyone log in as anyone; it is\n"
                 "refused on %s. Listen on 127.0.0.1, or use --identity header behind a login service.\n",
                 cfg.host.c_str());
    return 2;
  }
  const sql::location where = sql::parse_location(cfg.database);
  const std::string accounts_file = demo_accounts_file(cfg);
  umask(077);  // the database, its journal and the log hold health data: owner only
  std::vector<std::string> private_files = {cfg.log_file, accounts_file};
  if (where.kind == sql::backend::sqlite)
    for (const char* suffix : {"", "-wal", "-shm"}) private_files.push_back(cfg.database + suffix);
  for (const std::string& f : private_files) {
    if (f.empty()) continue;
    if (std::string e; !owner_only(f, e)) {
      std::fprintf(stderr, "blankett serve: cannot make %s readable by its owner only\n", e.c_str());
      return 2;
    }
  }
  if (cfg.test_clock && cfg.identity != "demo") {
    std::fputs("blankett serve: --test-clock is for tests and the demo: it needs --identity demo\n", stderr);
    return 2;
  }
  raise_file_limit();
  log_open(cfg.log_file);
  // The machine's clock; with --test-clock, moved forward by the offset kept in the database.
  adjustable_clock time;

  // Signals go to one waiting thread only (blocked here, before any other thread starts).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  store db(store_options{cfg.database, cfg.synchronous_full}, time);
  try {
    const int version = db.migrate();
    log(log_level::info, "database.ready", {{"database", where.display()}, {"schema", std::to_string(version)}});
    if (cfg.test_clock) read_test_clock(db, time);
    schedule_recurring_jobs(db);
    schedule_retention(db);
    db.refresh_statistics();
    if (cfg.demo) {
      std::string warnings;
      const auto accounts = seed_demo(db, cfg.samples, warnings);
      if (!warnings.empty()) std::fputs(warnings.c_str(), stderr);
      // The generated passwords are printed once and kept beside the database (owner-only), so that
      // a newcomer who restarts can still find them. Demo mode only.
      if (!accounts.empty()) {
        std::string text = "Blankett demo staff accounts (demo data only; delete the database to seed again):\n";
        for (const auto& a : accounts) {
          char line[256];
          std::snprintf(line, sizeof line, "  %-14s password %s  roles %s\n", a.username.c_str(), a.password.c_str(), a.roles.c_str());
          text += line;
        }
        if (!accounts_file.empty()) {
          const int fd = open(accounts_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
          if (std::FILE* f = fd >= 0 ? fdopen(fd, "w") : nullptr) {
            std::fputs(text.c_str(), f);
            std::fclose(f);
          }
        }
        std::printf("Demo data seeded into %s.\n%s", where.display().c_str(), text.c_str());
        std::printf("Citizens use the demo login, which lists the demo citizens (Skatteverket test numbers).\n");
      } else if (std::FILE* f = accounts_file.empty() ? nullptr : std::fopen(accounts_file.c_str(), "r")) {
        std::fclose(f);
        std::printf("Demo staff accounts and passwords: %s\n", accounts_file.c_str());
      }
    }
  } catch (const sql::error& e) {
    std::fprintf(stderr, "blankett serve: the database %s cannot be opened: %s\n", where.display().c_str(), e.what());
    return 2;
  }

  app api(cfg, time, db);
  if (cfg.test_clock) api.use_test_clock(&time);
  if (cfg.demo) seed_demo_answers(api);  // a fresh demo database's submitted answers, computed by the core
  http::router routes;
  http::server_hooks hooks;
  api.install(routes, hooks);
  http::server_limits limits;
  limits.max_body = cfg.max_body;
  limits.max_body_memory = cfg.max_body_memory;
  limits.request_timeout = std::chrono::seconds(cfg.request_timeout);
  limits.idle_timeout = std::chrono::seconds(cfg.idle_timeout);
  limits.max_connections = cfg.max_connections;
  limits.max_connections_per_address = cfg.max_connections_per_address;
  limits.workers = cfg.threads;
  http::http_server server(limits, routes, std::move(hooks));

  std::string bind_error;
  const int port = server.bind(cfg.host, cfg.port, bind_error);
  if (port <= 0) {
    std::fprintf(stderr, "blankett serve: %s\n", bind_error.c_str());
    return 2;
  }
  const std::string node = node_name();
  std::printf("Blankett listens on http://%s:%d/\n", cfg.host.c_str(), port);
  std::fflush(stdout);
  log(log_level::info, "server.started", {{"host", cfg.host}, {"port", std::to_string(port)}, {"node", node}});

  // Work that must happen once across the cluster: claimed in the database by whichever node is first.
  // Notifications go through the configured courier (SMTP, the SMS gateway, or the outbox folder).
  config delivery = cfg;
  if (delivery.public_url.empty()) delivery.public_url = "http://" + cfg.host + ":" + std::to_string(port) + "/";
  delivery.outbox_dir = outbox_dir(cfg);
  if (cfg.smtp_url.empty() || cfg.sms_url.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(delivery.outbox_dir, ec);
    if (ec || !owner_only(delivery.outbox_dir, bind_error, 0700)) {
      std::fprintf(stderr, "blankett serve: the outbox folder %s cannot be made\n", delivery.outbox_dir.c_str());
      return 2;
    }
    log(log_level::info, "outbox.folder", {{"folder", delivery.outbox_dir}});
    std::printf("Notifications without %s go to the folder %s, one file each.\n",
                cfg.smtp_url.empty() && cfg.sms_url.empty() ? "an SMTP server or SMS gateway"
                : cfg.smtp_url.empty()                       ? "an SMTP server"
                                                             : "an SMS gateway",
                delivery.outbox_dir.c_str());
  }
  std::unique_ptr<courier> post = make_courier(delivery);
  api.set_public_url(delivery.public_url);
  // With the test clock, every look for due jobs first reads the offset another node may have moved.
  std::function<void()> before_each_look;
  if (cfg.test_clock) before_each_look = [&db, &time] { read_test_clock(db, time); };
  // The crash tests' fault (packages.h): honoured only with the test clock, which needs the demo identity.
  occasion_faults faults;
  if (const char* kill = std::getenv("BLANKETT_TEST_KILL_IN_BATCH"); kill && cfg.test_clock) faults.kill_in_batch = std::atoi(kill);
  int64_t csv_batch = kCsvBatch;  // the CSV export's answers per transaction (small in tests)
  if (const char* b = std::getenv("BLANKETT_TEST_CSV_BATCH"); b && cfg.test_clock && std::atoll(b) > 0) csv_batch = std::atoll(b);
  // In this order: an occasion's notifications go in the same look as the occasion.
  job_runner jobs(db, node,
                  {housekeeping_job(db), occasion_job(faults), notification_job(db, *post, delivery.public_url),
                   answer_notice_job(), retention_job([&api] { api.purge_deleted(); }), mail_job(db, *post),
                   export_expiry_job([&api] { api.purge_deleted(); }), csv_export_job(csv_batch), webhook_job(db)},
                  std::chrono::seconds(cfg.job_interval), before_each_look);
  api.on_new_jobs([&jobs] { jobs.wake(); });
  jobs.wake();  // at once: work a node left when it stopped (a notification not yet sent) goes now

  // Deletions whose checkpoint a reader held back are completed as soon as it can be done (SQLite).
  std::mutex purge_m;
  std::condition_variable purge_cv;
  bool stopped = false;
  std::thread purger([&] {
    std::unique_lock<std::mutex> lock(purge_m);
    while (!stopped) {
      purge_cv.wait_for(lock, std::chrono::milliseconds(250));
      lock.unlock();
      try {
        api.retry_purge();
      } catch (const std::exception& e) {
        log(log_level::error, "deletion.retry_failed", {{"what", e.what()}});
      }
      lock.lock();
    }
  });

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    log(log_level::info, "server.stopping", {{"signal", sig == SIGINT ? "INT" : "TERM"}});
    server.stop();
  });
  server.run();  // returns once stopped, after the requests in flight
  waiter.join();
  {
    std::lock_guard<std::mutex> lock(purge_m);
    stopped = true;
  }
  purge_cv.notify_all();
  purger.join();
  try {
    api.retry_purge();
  } catch (const std::exception& e) {
    log(log_level::error, "deletion.retry_failed", {{"what", e.what()}});
  }
  log(log_level::info, "server.stopped");
  std::printf("Blankett stopped.\n");
  return 0;
}

std::string outbox_dir(const config& cfg) {
  if (!cfg.outbox_dir.empty()) return cfg.outbox_dir;
  if (sql::parse_location(cfg.database).kind == sql::backend::sqlite) return cfg.database + ".outbox";
  return "outbox";
}

std::string demo_accounts_file(const config& cfg) {
  if (!cfg.demo_accounts.empty()) return cfg.demo_accounts;
  if (sql::parse_location(cfg.database).kind == sql::backend::sqlite) return cfg.database + ".demo-accounts.txt";
  return {};
}

}  // namespace blankett::server
