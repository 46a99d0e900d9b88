// In-memory limits: failed logins per key in a sliding window, requests per client per minute.
// Thread-safe; state is per process (a cluster would keep it in the shared store).
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace blankett::server {

class throttle {
 public:
  throttle(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

  // True when `key` is over its limit now (without counting this call).
  bool blocked(const std::string& key);
  // Counts one event (a failed login, a request) for `key`.
  void record(const std::string& key);
  // Counts and says whether the key went over: hit() == record() + blocked().
  bool hit(const std::string& key);
  void clear(const std::string& key);

 private:
  void prune(std::deque<std::chrono::steady_clock::time_point>& q, std::chrono::steady_clock::time_point now);
  int limit_;
  std::chrono::seconds window_;
  std::mutex m_;
  std::unordered_map<std::string, std::deque<std::chrono::steady_clock::time_point>> events_;
};

}  // namespace blankett::server
