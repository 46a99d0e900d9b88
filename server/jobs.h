// The node's job runner: a background thread that claims due jobs in the database and runs them, so
// that work which must happen once (across restarts and across every node of a cluster) happens once.
//
// Each job kind has a function that does its work in the same transaction that finishes the job
// (store/repos.h job_repo): a node that dies mid-job leaves it to another node once its lease is
// over. The kinds: housekeeping (expired sessions, old failed-login rows, finished jobs, the
// recipients of packages ended a week ago), the outbox (notifications, mail to staff addresses) and
// the package scheduler's occasions (packages.h). Thread-safe; stops when destroyed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "notify/outbox.h"
#include "store/store.h"

namespace blankett::server {

// What a job's action outside the database came to (sending a message, say).
struct act_result {
  enum class state { ok, skip, transient, permanent } s = state::ok;
  std::string error;
  long http_status = 0;  // the other system's HTTP answer, where there was one (webhooks)
};

// What becomes of a job after its work: done for good, due again at `at` (a recurring job), tried
// again at `at` after `error` (its attempts keep counting), or (more) worked on again at once in a
// new transaction, the claim kept: work too large for one transaction, each part committed.
struct job_outcome {
  enum class next { done, recur, retry, more } n = next::done;
  std::string at, error;
  // Runs once the work is committed (its log lines: what a reader of the log may rely on).
  std::function<void()> after_commit;
  static job_outcome done(std::function<void()> then = nullptr) { return {next::done, {}, {}, std::move(then)}; }
  static job_outcome recur(std::string at) { return {next::recur, std::move(at), {}, nullptr}; }
  static job_outcome retry(std::string at, std::string error) { return {next::retry, std::move(at), std::move(error), nullptr}; }
  static job_outcome more(std::function<void()> then = nullptr) { return {next::more, {}, {}, std::move(then)}; }
};

class job_runner {
 public:
  // A kind of job: its name; what it does outside any transaction, if anything (talking to another
  // system, which a transaction's retry must not repeat); its work in the transaction that finishes
  // it, given what the action came to; how long a claim lasts (longer than the action may take).
  struct kind {
    std::string name;
    std::function<act_result(const job&)> act;
    std::function<job_outcome(tx&, const job&, const act_result&)> work;
    std::chrono::seconds lease{60};
  };

  // `node`: this process's name in claims (host:pid:random). `before_each_look`, if given, runs before
  // the runner looks for due jobs (the test clock's offset is read there). Starts the thread.
  job_runner(store& db, std::string node, std::vector<kind> kinds, std::chrono::milliseconds interval,
             std::function<void()> before_each_look = nullptr);
  ~job_runner();
  job_runner(const job_runner&) = delete;
  job_runner& operator=(const job_runner&) = delete;

  // Claims and runs every due job once, now (the thread calls it at each interval; tests call it).
  // Returns the number of jobs run.
  int run_due();
  void wake();

  const std::string& node() const { return node_; }

 private:
  void loop();

  store& db_;
  std::string node_;
  std::vector<kind> kinds_;
  std::chrono::milliseconds interval_;
  std::function<void()> before_each_look_;
  std::mutex m_;
  std::condition_variable cv_;
  bool stopping_ = false, woken_ = false;
  std::thread thread_;
};

// This process's name for job claims: the host name, the process id and a random part.
std::string node_name();

// Housekeeping: what a server does every few minutes, once across the cluster.
job_runner::kind housekeeping_job(store& db);
// The outbox: one notification a job, handed to `post` (which outlives the runner) and marked sent,
// tried again with growing waits (1 minute to 12 hours) or, after 8 attempts or without an address,
// marked failed.
job_runner::kind notification_job(store& db, courier& post, std::string public_url);
// The export area's expiry: an export is deleted when its 14 days are over (then `deleted` runs: the
// server purges SQLite's write-ahead log).
job_runner::kind export_expiry_job(std::function<void()> deleted);
// Mail to staff addresses (a package's error address): as notifications, by e-mail only.
job_runner::kind mail_job(store& db, courier& post);
// Makes sure the recurring jobs exist (each node calls it at start; the first one adds them).
void schedule_recurring_jobs(store& db);

}  // namespace blankett::server
