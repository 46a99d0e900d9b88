// `blankett serve`: the server. Opens and migrates the database, seeds the demo data into an empty
// one, and serves the API and the web apps until SIGINT or SIGTERM, finishing requests in flight.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cstdio>
#include <thread>

#include "auth/crypto.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "config.h"
#include "http/api.h"
#include "log.h"
#include "store/demo.h"
#include "store/migrations.h"

namespace blankett::cli {

int run_serve(int argc, char** argv) {
  using namespace blankett::server;
  config cfg;
  std::string error;
  bool help = false;
  if (!load_config(argc, argv, cfg, error, help)) return usage_error(error, kServeHelp);
  if (help) {
    std::fputs(kServeHelp, stdout);
    return exit_valid;
  }
  if (!crypto_init()) {
    std::fputs("blankett serve: libsodium does not initialise\n", stderr);
    return exit_usage;
  }
  umask(077);  // the database, its journal and the log hold health data: owner only
  log_open(cfg.log_file);

  // Signals go to one waiting thread only (blocked here, before any other thread starts).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  try {
    connection c(cfg.database, cfg.synchronous_full);
    const int version = migrate(c);
    log(log_level::info, "database.ready", {{"file", cfg.database}, {"schema", std::to_string(version)}});
    if (cfg.demo) {
      std::string warnings;
      const auto accounts = seed_demo(c, cfg.samples, warnings);
      if (!warnings.empty()) std::fputs(warnings.c_str(), stderr);
      // The generated passwords are printed once and kept beside the database (owner-only), so that
      // a newcomer who restarts can still find them. Demo mode only.
      const std::string accounts_file = cfg.database + ".demo-accounts.txt";
      if (!accounts.empty()) {
        std::string text = "Blankett demo staff accounts (demo data only; delete the database to seed again):\n";
        for (const auto& a : accounts) {
          char line[256];
          std::snprintf(line, sizeof line, "  %-14s password %s  roles %s\n", a.username.c_str(), a.password.c_str(), a.roles.c_str());
          text += line;
        }
        const int fd = open(accounts_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (std::FILE* f = fd >= 0 ? fdopen(fd, "w") : nullptr) {
          std::fputs(text.c_str(), f);
          std::fclose(f);
        }
        std::printf("Demo data seeded into %s.\n%s", cfg.database.c_str(), text.c_str());
        std::printf("Citizens use the demo login, which lists the demo citizens (Skatteverket test numbers).\n");
      } else if (std::FILE* f = std::fopen(accounts_file.c_str(), "r")) {
        std::fclose(f);
        std::printf("Demo staff accounts and passwords: %s\n", accounts_file.c_str());
      }
    }
  } catch (const db_error& e) {
    std::fprintf(stderr, "blankett serve: the database %s cannot be opened: %s\n", cfg.database.c_str(), e.what());
    return exit_usage;
  }

  httplib::Server server;
  const size_t threads = static_cast<size_t>(cfg.threads);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_read_timeout(std::chrono::seconds(30));
  server.set_write_timeout(std::chrono::seconds(30));
  server.set_keep_alive_timeout(2);  // an idle connection gives its thread back soon
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);  // responses are written in parts: no Nagle delay between them
  api app(cfg);
  app.install(server);

  int port = cfg.port;
  if (port == 0) port = server.bind_to_any_port(cfg.host);
  else if (!server.bind_to_port(cfg.host, port)) port = -1;
  if (port <= 0) {
    std::fprintf(stderr, "blankett serve: cannot listen on %s:%d\n", cfg.host.c_str(), cfg.port);
    return exit_usage;
  }
  std::printf("Blankett listens on http://%s:%d/\n", cfg.host.c_str(), port);
  std::fflush(stdout);
  log(log_level::info, "server.started", {{"host", cfg.host}, {"port", std::to_string(port)}});

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    log(log_level::info, "server.stopping", {{"signal", sig == SIGINT ? "INT" : "TERM"}});
    server.stop();
  });
  const bool ok = server.listen_after_bind();  // returns once stopped, after the workers finish
  if (waiter.joinable()) {
    // Stopped by a signal: the waiter has returned. Otherwise the listener failed: wake the waiter.
    if (ok) waiter.join();
    else {
      pthread_kill(waiter.native_handle(), SIGTERM);
      waiter.join();
    }
  }
  log(log_level::info, "server.stopped");
  std::printf("Blankett stopped.\n");
  return ok ? exit_valid : exit_usage;
}

}  // namespace blankett::cli
