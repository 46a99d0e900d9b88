// The node's job runner: a background thread that claims due jobs in the database and runs them, so
// that work which must happen once (across restarts and across every node of a cluster) happens once.
//
// Each job kind has a function that does its work in the same transaction that finishes the job
// (store/repos.h job_repo): a node that dies mid-job leaves it to another node once its lease is
// over. Today's kind is housekeeping (expired sessions, old failed-login rows; SQLite: a deletion's
// pending checkpoint); the package scheduler, the notification outbox and retention come next and
// plug in here. Thread-safe; stops when destroyed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"

namespace blankett::server {

class job_runner {
 public:
  // A kind of job: its name, its work (in the transaction that finishes it; returns the next due
  // time for a recurring job, or nullopt when it is done for good), how long a claim lasts.
  struct kind {
    std::string name;
    std::function<std::optional<std::string>(tx&, const job&)> work;
    std::chrono::seconds lease{60};
  };

  // `node`: this process's name in claims (host:pid:random). Starts the thread.
  job_runner(store& db, std::string node, std::vector<kind> kinds, std::chrono::milliseconds interval);
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
  std::mutex m_;
  std::condition_variable cv_;
  bool stopping_ = false, woken_ = false;
  std::thread thread_;
};

// This process's name for job claims: the host name, the process id and a random part.
std::string node_name();

// Housekeeping: what a server does every few minutes, once across the cluster.
job_runner::kind housekeeping_job();
// Makes sure the recurring jobs exist (each node calls it at start; the first one adds them).
void schedule_recurring_jobs(store& db);

}  // namespace blankett::server
