// The store's pool of connections, migrations and the backends' ways to purge deleted content.
#include "store/store.h"

#include <chrono>
#include <random>
#include <thread>

#include "store/migrations.h"

namespace blankett::server {

store::store(const store_options& options, const clock& time)
    : options_(options), where_(sql::parse_location(options.database)), clock_(time) {}

store::~store() = default;

std::unique_ptr<sql::connection> store::acquire() {
  {
    std::lock_guard<std::mutex> lock(pool_m_);
    if (!idle_.empty()) {
      std::unique_ptr<sql::connection> c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return sql::open(where_, sql::open_options{options_.synchronous_full});
}

void store::release(std::unique_ptr<sql::connection> c) {
  if (!c || c->broken()) return;
  std::lock_guard<std::mutex> lock(pool_m_);
  idle_.push_back(std::move(c));
}

void store::backoff(int attempt) {
  // Colliding transactions try again after a short random wait that grows with each attempt, so that
  // they do not collide again in step (about 0.1 ms at first, at most about 50 ms).
  thread_local std::minstd_rand random(std::random_device{}());
  const int ceiling = std::min(50000, 100 << std::min(attempt, 9));
  std::uniform_int_distribution<int> micros(ceiling / 2, ceiling);
  std::this_thread::sleep_for(std::chrono::microseconds(micros(random)));
}

void store::with_connection(const std::function<void(sql::connection&)>& fn) {
  std::unique_ptr<sql::connection> c = acquire();
  try {
    fn(*c);
  } catch (...) {
    c->rollback();
    release(std::move(c));
    throw;
  }
  release(std::move(c));
}

int store::migrate() {
  int version = 0;
  with_connection([&](sql::connection& c) { version = server::migrate(c, clock_.now_iso()); });
  return version;
}

bool store::checkpoint() {
  if (where_.kind != sql::backend::sqlite) return true;
  bool done = false;
  with_connection([&](sql::connection& c) {
    // Copies the write-ahead log into the database (whose deleted content secure_delete has
    // overwritten) and empties it; the first column is 1 when a reader kept it from completing.
    sql::statement st = c.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    done = st.step() && st.integer(0) == 0;
  });
  return done;
}

void store::refresh_statistics() {
  // PostgreSQL's autovacuum keeps its statistics; SQLite keeps none unless told. A sampled ANALYZE
  // (a few hundred rows an index) costs milliseconds and lets the planner pick a recipient's index
  // over the unit's order when the follow-up list filters on one person.
  if (where_.kind != sql::backend::sqlite) return;
  with_connection([](sql::connection& c) { c.exec("PRAGMA analysis_limit = 400; ANALYZE"); });
}

void store::purge() {
  if (where_.kind == sql::backend::sqlite) {
    if (!checkpoint()) throw sql::error("a reader holds the write-ahead log; try again", sql::failure::retry);
    return;
  }
  // Rewrites the tables that hold answers and personal data, so that deleted rows are gone from the
  // table files too; the old files are removed when the command ends. Then a checkpoint, so that the
  // data files on disk are the new ones.
  with_connection([](sql::connection& c) {
    c.exec("VACUUM (FULL, ANALYZE) instances, instance_events, attachments, inbox_messages, notifications, citizens, sessions, login_failures, package_recipients, package_deliveries, exports, export_instances");
    try {
      c.exec("CHECKPOINT");  // needs superuser or pg_checkpoint; without it the next timed checkpoint does it
    } catch (const sql::error&) {
    }
  });
}

}  // namespace blankett::server
