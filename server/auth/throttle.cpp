// Sliding-window counters with a bounded number of keys.
#include "auth/throttle.h"

namespace blankett::server {

void throttle::prune(std::deque<time_point>& q, time_point now) const {
  while (!q.empty() && now - q.front() >= window_) q.pop_front();
}

void throttle::sweep(time_point now) {
  for (auto i = events_.begin(); i != events_.end();) {
    prune(i->second, now);
    i = i->second.empty() ? events_.erase(i) : std::next(i);
  }
  // At most a few sweeps per window, however many keys arrive.
  next_sweep_ = now + window_ / 16;
}

std::deque<throttle::time_point>* throttle::find(std::string_view key, time_point now, bool create) {
  const std::string k(key.substr(0, kMaxKeyBytes));
  if (auto it = events_.find(k); it != events_.end()) return &it->second;
  if (!create) return nullptr;
  if (events_.size() >= max_keys_ && now >= next_sweep_) sweep(now);
  if (events_.size() >= max_keys_) return &events_[std::string(kOverflowKey)];
  return &events_[k];
}

bool throttle::blocked(std::string_view key) {
  std::lock_guard<std::mutex> lock(m_);
  const time_point now = clock_.now();
  auto* q = find(key, now, false);
  if (!q) return false;
  prune(*q, now);
  return static_cast<int>(q->size()) >= limit_;
}

size_t throttle::count(std::string_view key) {
  std::lock_guard<std::mutex> lock(m_);
  const time_point now = clock_.now();
  auto* q = find(key, now, true);
  prune(*q, now);
  q->push_back(now);
  return q->size();
}

void throttle::record(std::string_view key) { count(key); }

bool throttle::hit(std::string_view key) { return static_cast<int>(count(key)) > limit_; }

void throttle::clear(std::string_view key) {
  std::lock_guard<std::mutex> lock(m_);
  events_.erase(std::string(key.substr(0, kMaxKeyBytes)));
}

size_t throttle::keys() const {
  std::lock_guard<std::mutex> lock(m_);
  return events_.size();
}

}  // namespace blankett::server
