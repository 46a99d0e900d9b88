// The job runner and the housekeeping job.
#include "jobs.h"

#include <unistd.h>

#include "auth/crypto.h"
#include "log.h"

namespace blankett::server {
namespace {

constexpr auto kHousekeepingEvery = std::chrono::minutes(10);
// Failed logins count for 15 minutes; older rows are only kept this long.
constexpr auto kLoginFailuresKept = std::chrono::hours(1);

}  // namespace

std::string node_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + random_token().substr(0, 8);
}

job_runner::job_runner(store& db, std::string node, std::vector<kind> kinds, std::chrono::milliseconds interval)
    : db_(db), node_(std::move(node)), kinds_(std::move(kinds)), interval_(interval) {
  thread_ = std::thread([this] { loop(); });
}

job_runner::~job_runner() {
  {
    std::lock_guard<std::mutex> lock(m_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void job_runner::wake() {
  {
    std::lock_guard<std::mutex> lock(m_);
    woken_ = true;
  }
  cv_.notify_all();
}

int job_runner::run_due() {
  int ran = 0;
  const clock& time = db_.time();
  for (const kind& k : kinds_) {
    const std::string lease_until = format_utc(time.now() + k.lease);
    const std::vector<job> claimed = db_.claim([&](tx& t) { return t.jobs().claim(k.name, node_, lease_until, 16); });
    for (const job& j : claimed) {
      try {
        const bool finished = db_.write([&](tx& t) {
          const std::optional<std::string> next = k.work(t, j);
          // A claim that was lost (the lease ran out, another node took it) undoes the work too.
          if (!t.jobs().finish(j.id, node_, next)) throw sql::error("the claim was lost", sql::failure::other);
          return true;
        });
        ran += finished ? 1 : 0;
      } catch (const std::exception& e) {
        log(log_level::error, "job.failed", {{"kind", k.name}, {"job", std::to_string(j.id)}, {"what", e.what()}});
        try {
          db_.write([&](tx& t) { t.jobs().fail(j.id, node_, e.what(), format_utc(time.now() + std::chrono::minutes(1))); });
        } catch (const std::exception&) {  // the lease runs out and the job is claimed again
        }
      }
    }
  }
  return ran;
}

void job_runner::loop() {
  std::unique_lock<std::mutex> lock(m_);
  for (;;) {
    // First an interval (or a wake-up), then the due jobs: a node that starts does not race the
    // requests it is about to serve, and a test's runner looks only when told to.
    cv_.wait_for(lock, interval_, [this] { return stopping_ || woken_; });
    if (stopping_) return;
    woken_ = false;
    lock.unlock();
    try {
      run_due();
    } catch (const std::exception& e) {
      log(log_level::error, "jobs.failed", {{"what", e.what()}});
    }
    lock.lock();
  }
}

job_runner::kind housekeeping_job() {
  return job_runner::kind{
      "housekeeping",
      [](tx& t, const job&) -> std::optional<std::string> {
        const int64_t sessions = t.sessions().purge_expired();
        const auto now = parse_utc(t.now());
        const int64_t failures = t.logins().purge_before(format_utc(now - kLoginFailuresKept));
        log(log_level::info, "housekeeping", {{"sessions", std::to_string(sessions)}, {"login_failures", std::to_string(failures)}});
        return format_utc(now + kHousekeepingEvery);
      },
      std::chrono::seconds(60)};
}

void schedule_recurring_jobs(store& db) {
  db.write([](tx& t) { t.jobs().schedule("housekeeping", "every-10-minutes", t.now()); });
}

}  // namespace blankett::server
