// The job runner and the housekeeping job.
#include "jobs.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "auth/crypto.h"
#include "log.h"

namespace blankett::server {
namespace {

constexpr auto kHousekeepingEvery = std::chrono::minutes(10);
// Failed logins count for 15 minutes; older rows are only kept this long.
constexpr auto kLoginFailuresKept = std::chrono::hours(1);
// Finished jobs are kept a week (what happened, for an operator), then removed.
constexpr auto kDoneJobsKept = std::chrono::hours(24 * 7);

// A package that ended leaves the staff's list after 7 days; then who its recipients were is forgotten
// (their forms stay, under the forms' own names).
constexpr auto kEndedPackagesKept = std::chrono::hours(24 * 7);

// A notification is tried 8 times: again after 1, 5 and 15 minutes, 1, 3, 6 and 12 hours.
constexpr int64_t kNotificationAttempts = 8;
std::chrono::seconds notification_backoff(int64_t attempts) {
  static constexpr int kMinutes[] = {1, 5, 15, 60, 180, 360, 720};
  const size_t i = static_cast<size_t>(std::clamp<int64_t>(attempts, 1, 7) - 1);
  return std::chrono::minutes(kMinutes[i]);
}

// What a hand-over to the courier (a notification, a mail) came to, recorded with `mark`: sent,
// failed for good, or tried again later with growing waits until the attempts are spent. `what` names
// the kind in the log ("notification", "mail"), with the job's key as its id.
job_outcome delivered(tx& t, const job& j, const act_result& acted, const std::string& what,
                      const std::function<void(notification_status, std::string_view)>& mark) {
  switch (acted.s) {
    case act_result::state::ok: mark(notification_status::sent, ""); break;
    case act_result::state::skip: break;
    case act_result::state::permanent: mark(notification_status::failed, acted.error); break;
    case act_result::state::transient:
      if (j.attempts < kNotificationAttempts) {
        log(log_level::warning, what + ".retry", {{what, j.key}, {"what", acted.error}});
        return job_outcome::retry(format_utc(parse_utc(t.now()) + notification_backoff(j.attempts)), acted.error);
      }
      mark(notification_status::failed, acted.error);
      log(log_level::error, what + ".failed", {{what, j.key}, {"what", acted.error}});
      break;
  }
  return job_outcome::done();
}

}  // namespace

std::string node_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + random_token().substr(0, 8);
}

job_runner::job_runner(store& db, std::string node, std::vector<kind> kinds, std::chrono::milliseconds interval,
                       std::function<void()> before_each_look)
    : db_(db), node_(std::move(node)), kinds_(std::move(kinds)), interval_(interval), before_each_look_(std::move(before_each_look)) {
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
  if (before_each_look_) before_each_look_();
  int ran = 0;
  const clock& time = db_.time();
  for (const kind& k : kinds_) {
    const std::string lease_until = format_utc(time.now() + k.lease);
    const std::vector<job> claimed = db_.claim([&](tx& t) { return t.jobs().claim(k.name, node_, lease_until, 16); });
    for (const job& j : claimed) {
      try {
        const act_result acted = k.act ? k.act(j) : act_result{};
        for (bool more = true; more;) {
          std::function<void()> then;
          db_.write([&](tx& t) {
            const job_outcome o = k.work(t, j, acted);
            then = o.after_commit;
            // A claim that was lost (the lease ran out, another node took it) undoes the work too.
            bool kept = true;
            more = false;
            switch (o.n) {
              case job_outcome::next::done: kept = t.jobs().finish(j.id, node_); break;
              case job_outcome::next::recur: kept = t.jobs().finish(j.id, node_, o.at); break;
              case job_outcome::next::retry: kept = t.jobs().fail(j.id, node_, o.error, o.at); break;
              case job_outcome::next::more:
                kept = t.jobs().extend(j.id, node_, format_utc(parse_utc(t.now()) + k.lease));
                more = true;
                break;
            }
            if (!kept) throw sql::error("the claim was lost", sql::failure::other);
          });
          if (then) then();
        }
        log(log_level::info, "job.done", {{"kind", k.name}, {"job", std::to_string(j.id)}});
        ++ran;
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

job_runner::kind housekeeping_job(store& db) {
  return job_runner::kind{
      "housekeeping",
      [&db](const job&) {
        db.refresh_statistics();  // outside the transaction: ANALYZE takes its own
        return act_result{};
      },
      [](tx& t, const job&, const act_result&) {
        const int64_t sessions = t.sessions().purge_expired();
        const auto now = parse_utc(t.now());
        const int64_t failures = t.logins().purge_before(format_utc(now - kLoginFailuresKept));
        const int64_t jobs = t.jobs().purge_done(format_utc(now - kDoneJobsKept));
        const int64_t package_rows = t.packages().forget_ended(format_utc(now - kEndedPackagesKept));
        log(log_level::info, "housekeeping",
            {{"sessions", std::to_string(sessions)},
             {"login_failures", std::to_string(failures)},
             {"jobs", std::to_string(jobs)},
             {"package_recipients", std::to_string(package_rows)}});
        return job_outcome::recur(format_utc(now + kHousekeepingEvery));
      },
      std::chrono::seconds(60)};
}

job_runner::kind notification_job(store& db, courier& post, std::string public_url) {
  auto id_of = [](const job& j) { return std::strtoll(j.key.c_str(), nullptr, 10); };
  return job_runner::kind{
      "notification",
      [&db, &post, public_url, id_of](const job& j) {
        const auto n = db.read([&](tx& t) { return t.notifications().for_delivery(id_of(j)); });
        if (!n || n->status != notification_status::pending) return act_result{act_result::state::skip, {}};
        if (!n->address) return act_result{act_result::state::permanent, "no address any more"};
        // A reminder whose form was submitted (or deleted) meanwhile stays unsent.
        if (n->reminder && !n->form_waiting) return act_result{act_result::state::permanent, "not sent: the form no longer waits for an answer"};
        std::string error = post.send(notification_message(*n, public_url));
        if (error.empty()) {
          log(log_level::info, "notification.sent", {{"notification", std::to_string(n->id)}, {"channel", std::string(name(n->ch))}});
          return act_result{};
        }
        return act_result{act_result::state::transient, std::move(error)};
      },
      [id_of](tx& t, const job& j, const act_result& acted) {
        const int64_t id = id_of(j);
        return delivered(t, j, acted, "notification", [&](notification_status st, std::string_view error) { t.notifications().mark(id, st, error); });
      },
      // Longer than any hand-over may take (libcurl's timeout is 30 s), so that no other node takes a
      // message while it is being sent.
      std::chrono::seconds(300)};
}

job_runner::kind mail_job(store& db, courier& post) {
  auto id_of = [](const job& j) { return std::strtoll(j.key.c_str(), nullptr, 10); };
  return job_runner::kind{
      "mail",
      [&db, &post, id_of](const job& j) {
        const auto m = db.read([&](tx& t) { return t.mail().for_delivery(id_of(j)); });
        if (!m || m->status != notification_status::pending) return act_result{act_result::state::skip, {}};
        std::string error = post.send(outgoing{channel::email, m->address, m->subject, m->body, "blankett-mail-" + std::to_string(m->id)});
        if (error.empty()) {
          log(log_level::info, "mail.sent", {{"mail", std::to_string(m->id)}});
          return act_result{};
        }
        return act_result{act_result::state::transient, std::move(error)};
      },
      [id_of](tx& t, const job& j, const act_result& acted) {
        const int64_t id = id_of(j);
        return delivered(t, j, acted, "mail", [&](notification_status st, std::string_view error) { t.mail().mark(id, st, error); });
      },
      std::chrono::seconds(300)};
}

job_runner::kind export_expiry_job(std::function<void()> deleted) {
  return job_runner::kind{"export_expiry", nullptr,
                          [deleted](tx& t, const job& j, const act_result&) {
                            const int64_t id = std::strtoll(j.key.c_str(), nullptr, 10);
                            if (!t.exports().remove(id)) return job_outcome::done();  // its maker deleted it already
                            return job_outcome::done([id, deleted] {
                              log(log_level::info, "export.expired", {{"export", std::to_string(id)}});
                              if (deleted) deleted();
                            });
                          },
                          std::chrono::seconds(60)};
}

void schedule_recurring_jobs(store& db) {
  db.write([](tx& t) { t.jobs().schedule("housekeeping", "every-10-minutes", t.now()); });
}

}  // namespace blankett::server
