// Sliding-window counters.
#include "auth/throttle.h"

namespace blankett::server {

void throttle::prune(std::deque<std::chrono::steady_clock::time_point>& q, std::chrono::steady_clock::time_point now) {
  while (!q.empty() && now - q.front() > window_) q.pop_front();
}

bool throttle::blocked(const std::string& key) {
  std::lock_guard<std::mutex> lock(m_);
  auto it = events_.find(key);
  if (it == events_.end()) return false;
  prune(it->second, std::chrono::steady_clock::now());
  return static_cast<int>(it->second.size()) >= limit_;
}

void throttle::record(const std::string& key) {
  std::lock_guard<std::mutex> lock(m_);
  const auto now = std::chrono::steady_clock::now();
  auto& q = events_[key];
  prune(q, now);
  q.push_back(now);
  if (events_.size() > 100000) {  // bound the memory a scan of many addresses could take
    for (auto i = events_.begin(); i != events_.end();) {
      prune(i->second, now);
      i = i->second.empty() ? events_.erase(i) : std::next(i);
    }
  }
}

bool throttle::hit(const std::string& key) {
  record(key);
  std::lock_guard<std::mutex> lock(m_);
  return static_cast<int>(events_[key].size()) > limit_;
}

void throttle::clear(const std::string& key) {
  std::lock_guard<std::mutex> lock(m_);
  events_.erase(key);
}

}  // namespace blankett::server
