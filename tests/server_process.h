// `blankett serve` as a child process, for C++ tests and benchmarks that talk to the real server: a free
// loopback port, a fresh database in a temporary folder (removed afterwards), the demo data, and each
// demo account's password read from the server's start-up output. SIGTERM and a wait on destruction.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

extern char** environ;

namespace blankett::testing {

class server_process {
 public:
  // `binary`: the blankett program; `samples`: the samples folder; `extra`: more `serve` options.
  server_process(const std::string& binary, const std::string& samples, const std::vector<std::string>& extra = {}) {
    char tmpl[] = "/tmp/blankett-server-XXXXXX";
    if (!mkdtemp(tmpl)) return;
    dir_ = tmpl;
    database_ = dir_ + "/blankett.db";
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> args = {binary, "serve", "--port", "0", "--database", database_, "--demo", "on",
                                     "--samples", samples, "--log-file", dir_ + "/server.log"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    char buf[4096];
    ssize_t n;
    while (output_.find("listens on") == std::string::npos && (n = read(out[0], buf, sizeof buf)) > 0) output_.append(buf, size_t(n));
    close(out[0]);
    if (const size_t at = output_.find("http://127.0.0.1:"); at != std::string::npos) port_ = std::atoi(output_.c_str() + at + 17);
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
  // server prints one line per account: the name, spaces, "password " and 16 characters.
  std::string password(const std::string& user) const {
    for (size_t line = 0; line < output_.size();) {
      const size_t end = std::min(output_.find('\n', line), output_.size());
      const std::string text = output_.substr(line, end - line);
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
  std::string dir_, database_, output_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace blankett::testing
