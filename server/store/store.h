// The store: the server's only way to its data. A unit of work (`read`, `write`) hands a transaction
// (`tx`) to a function; the transaction gives one repository per aggregate. Handlers see structs and
// enums (model.h), never SQL.
//
//   auto row = store.read([&](tx& t) { return t.instances().load(id); });
//   store.write([&](tx& t) { t.sessions().remove(hash); });
//
// `read` runs the function outside a transaction: each statement sees what was committed when it
// began (one round trip less on each side of it; the repositories' reads are each one statement, and
// a handler that reads two things gets two up-to-date answers). `write` runs the function in one
// serializable transaction and commits it; when the database says
// the transaction collided with another (SQLite busy, PostgreSQL 40001 or 40P01) it rolls back and
// runs the function again, so the function must do nothing but database work and computing what it
// returns (its side effects on the outside world belong after `write` returns). Any other exception
// rolls the transaction back and passes through. Past the retries it throws store_busy.
//
// Connections come from a pool (one per thread that is using the store, reused). Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "clock.h"
#include "store/model.h"
#include "store/repos.h"
#include "store/sql.h"

namespace blankett::server {

// The store could not complete a transaction because of other transactions (it retried): 503.
class store_busy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One transaction: `now` is the clock's time when it began (the same for every row it writes).
class tx {
 public:
  tx(sql::connection& c, std::string now) : c_(c), now_(std::move(now)) {}
  const std::string& now() const { return now_; }
  // The connection under the repositories: for the store's own code and its tests, never handlers.
  sql::connection& connection() { return c_; }

  session_repo sessions() { return {c_, now_}; }
  staff_repo staff() { return {c_, now_}; }
  citizen_repo citizens() { return {c_, now_}; }
  template_repo templates() { return {c_, now_}; }
  instance_repo instances() { return {c_, now_}; }
  attachment_repo attachments() { return {c_, now_}; }
  dispatch_repo dispatches() { return {c_, now_}; }
  inbox_repo inbox() { return {c_, now_}; }
  notification_repo notifications() { return {c_, now_}; }
  audit_repo audit() { return {c_, now_}; }
  login_repo logins() { return {c_, now_}; }
  job_repo jobs() { return {c_, now_}; }
  package_template_repo package_templates() { return {c_, now_}; }
  package_repo packages() { return {c_, now_}; }
  mail_repo mail() { return {c_, now_}; }
  export_repo exports() { return {c_, now_}; }
  unit_repo units() { return {c_, now_}; }
  settings_repo settings() { return {c_, now_}; }
  staff_notice_repo staff_notices() { return {c_, now_}; }
  retention_repo retention() { return {c_, now_}; }
  record_system_repo record_systems() { return {c_, now_}; }
  webhook_repo webhooks() { return {c_, now_}; }

 private:
  sql::connection& c_;
  std::string now_;
};

struct store_options {
  std::string database;          // a file path (SQLite) or postgresql://... (PostgreSQL)
  bool synchronous_full = true;  // SQLite
  int max_attempts = 12;         // runs of one write before store_busy
};

class store {
 public:
  store(const store_options& options, const clock& time);
  ~store();
  store(const store&) = delete;
  store& operator=(const store&) = delete;

  sql::backend backend() const { return where_.kind; }
  const sql::location& location() const { return where_; }
  const clock& time() const { return clock_; }

  // Creates and migrates the schema; returns its version. Throws sql::error.
  int migrate();

  template <class F>
  auto read(F&& fn) {
    return run(sql::isolation::read, std::forward<F>(fn));
  }
  template <class F>
  auto write(F&& fn) {
    return run(sql::isolation::write, std::forward<F>(fn));
  }
  // A write whose statements each see what is committed when they start: for claiming rows with
  // FOR UPDATE SKIP LOCKED (jobs), where serializable isolation would only add conflicts.
  template <class F>
  auto claim(F&& fn) {
    return run(sql::isolation::read_committed, std::forward<F>(fn));
  }

  // Makes deleted content unreadable in the database's own files where the backend allows it from
  // here: SQLite copies the write-ahead log into the database (whose deleted pages secure_delete has
  // overwritten) and empties it. A reader holding an old snapshot keeps that from completing; then
  // it returns false and the caller tries again later. PostgreSQL: nothing to do from a request (its
  // dead rows stay in the table files until VACUUM FULL: `blankett purge-db`, docs/operations.md).
  bool checkpoint();
  // Fresh statistics for the query planner where the backend does not keep them itself (SQLite);
  // the server does it at start and at each housekeeping.
  void refresh_statistics();
  // VACUUM FULL of the tables that hold answers (PostgreSQL) or a TRUNCATE checkpoint (SQLite):
  // the operator's `blankett purge-db`. Takes exclusive locks on PostgreSQL: run it at a quiet hour.
  void purge();

  // Runs `fn` with a connection of the pool outside any transaction (migrate-db, purge).
  void with_connection(const std::function<void(sql::connection&)>& fn);

 private:
  std::unique_ptr<sql::connection> acquire();
  void release(std::unique_ptr<sql::connection> c);
  void backoff(int attempt);

  template <class F>
  auto run(sql::isolation how, F&& fn) {
    using R = std::invoke_result_t<F&, tx&>;
    const bool transaction = how != sql::isolation::read;
    std::unique_ptr<sql::connection> c = acquire();
    for (int attempt = 1;; ++attempt) {
      try {
        if (transaction) c->begin(how);
        tx t(*c, clock_.now_iso());
        if constexpr (std::is_void_v<R>) {
          fn(t);
          if (transaction) c->commit();
          release(std::move(c));
          return;
        } else {
          R out = fn(t);
          if (transaction) c->commit();
          release(std::move(c));
          return out;
        }
      } catch (const sql::error& e) {
        c->rollback();
        if (c->broken()) {
          c.reset();
          if (e.kind() == sql::failure::connection) throw;
          c = acquire();
        }
        if (!e.retry()) {
          release(std::move(c));
          throw;
        }
        if (attempt >= options_.max_attempts) {
          release(std::move(c));
          throw store_busy("the database stayed busy");
        }
        backoff(attempt);
      } catch (...) {
        c->rollback();
        release(std::move(c));
        throw;
      }
    }
  }

  store_options options_;
  sql::location where_;
  const clock& clock_;
  std::mutex pool_m_;
  std::vector<std::unique_ptr<sql::connection>> idle_;
};

}  // namespace blankett::server
