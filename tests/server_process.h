// `blankett serve` as a child process, for C++ tests and benchmarks that talk to the real server: a free
// loopback port, a fresh database in a temporary folder (removed afterwards) or one the caller made (a
// PostgreSQL URL), the demo data, and each demo account's password read from the server's start-up
// output. More nodes on the same PostgreSQL database with node(). SIGTERM and a wait on destruction.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

extern char** environ;

namespace blankett::testing {

class server_process {
 public:
  // `binary`: the blankett program; `samples`: the samples folder; `extra`: more `serve` options;
  // `database`: empty for a fresh SQLite file in the temporary folder, or a database the caller made
  // and removes (postgresql://HOST:PORT/NAME?user=...), which the server migrates and seeds.
  server_process(const std::string& binary, const std::string& samples, const std::vector<std::string>& extra = {},
                 const std::string& database = {})
      : binary_(binary), samples_(samples), extra_(extra) {
    start(database);
    accounts_ = output_;
  }
  // Another node on this server's database (PostgreSQL; start it after this one listens, so that
  // this one has seeded the demo data): a process, port and folder of its own, with this one's
  // options and more. It prints no passwords (the data is there already), so it shares this one's.
  std::unique_ptr<server_process> node(const std::vector<std::string>& more = {}) const {
    std::unique_ptr<server_process> n(new server_process(binary_, samples_, extra_, not_started{}));
    n->extra_.insert(n->extra_.end(), more.begin(), more.end());
    n->start(database_);
    n->accounts_ = accounts_;
    return n;
  }
  ~server_process() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  bool ok() const { return pid_ > 0 && port_ > 0; }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& database() const { return database_; }
  // The demo password of `user` ("designer", "sjukskoterska", ...), "" when the output has none. The
  // server that seeded prints one line per account: the name, spaces, "password " and 16 characters.
  std::string password(const std::string& user) const {
    for (size_t line = 0; line < accounts_.size();) {
      const size_t end = std::min(accounts_.find('\n', line), accounts_.size());
      const std::string text = accounts_.substr(line, end - line);
      const size_t name = text.find_first_not_of(' ');
      if (name != std::string::npos && text.compare(name, user.size(), user) == 0) {
        const size_t after = text.find_first_not_of(' ', name + user.size());
        if (after != std::string::npos && after > name + user.size() && text.compare(after, 9, "password ") == 0)
          return text.substr(after + 9, 16);
      }
      line = end + 1;
    }
    return {};
  }

 private:
  // Not started yet: node() adds its options before start().
  struct not_started {};
  server_process(const std::string& binary, const std::string& samples, const std::vector<std::string>& extra, not_started)
      : binary_(binary), samples_(samples), extra_(extra) {}

  void start(const std::string& database) {
    char tmpl[] = "/tmp/blankett-server-XXXXXX";
    if (!mkdtemp(tmpl)) return;
    dir_ = tmpl;
    database_ = database.empty() ? dir_ + "/blankett.db" : database;
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> args = {binary_, "serve", "--port", "0", "--database", database_, "--demo", "on",
                                     "--samples", samples_, "--log-file", dir_ + "/server.log"};
    args.insert(args.end(), extra_.begin(), extra_.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, binary_.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    char buf[4096];
    ssize_t n;
    while (output_.find("listens on") == std::string::npos && (n = read(out[0], buf, sizeof buf)) > 0) output_.append(buf, size_t(n));
    close(out[0]);
    if (const size_t at = output_.find("http://127.0.0.1:"); at != std::string::npos) port_ = std::atoi(output_.c_str() + at + 17);
  }

  std::string binary_, samples_;
  std::vector<std::string> extra_;
  std::string dir_, database_, output_, accounts_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace blankett::testing
