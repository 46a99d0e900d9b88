// In-memory limits: failed logins per key in a sliding window, requests per client per minute.
//
// Time comes from the server's clock (tests move it). Memory is bounded: keys are cut to 256 bytes,
// and beyond `max_keys` live keys a new key is counted under one shared overflow key, so that a flood
// of distinct keys is limited together instead of growing the table. Thread-safe; state is per
// process (docs/api.md says how a cluster divides it).
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "clock.h"

namespace blankett::server {

class throttle {
 public:
  throttle(int limit, std::chrono::seconds window, const clock& c, size_t max_keys = 100000)
      : limit_(limit), window_(window), clock_(c), max_keys_(max_keys) {}

  // True when `key` is over its limit now (without counting this call).
  bool blocked(std::string_view key);
  // Counts one event (a failed login, a request) for `key`.
  void record(std::string_view key);
  // Counts and says whether the key went over: hit() == record() + blocked().
  bool hit(std::string_view key);
  void clear(std::string_view key);
  size_t keys() const;

  static constexpr size_t kMaxKeyBytes = 256;
  static constexpr std::string_view kOverflowKey = "\x01overflow";

 private:
  using time_point = clock::time_point;
  std::deque<time_point>* find(std::string_view key, time_point now, bool create);
  size_t count(std::string_view key);  // records one event; the events in the window after it
  void prune(std::deque<time_point>& q, time_point now) const;
  void sweep(time_point now);

  int limit_;
  std::chrono::seconds window_;
  const clock& clock_;
  size_t max_keys_;
  mutable std::mutex m_;
  std::unordered_map<std::string, std::deque<time_point>> events_;
  time_point next_sweep_{};
};

}  // namespace blankett::server
