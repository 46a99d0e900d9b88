// SQLite connections, statements and transactions behind the driver interface.
#include "store/sqlite.h"

#include <sqlite3.h>

#include <mutex>

namespace blankett::server::sql {
namespace {

failure classify(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return failure::retry;
    case SQLITE_CONSTRAINT:
      return failure::constraint;
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
      return failure::connection;
    default:
      return failure::other;
  }
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
  throw error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)), classify(rc));
}

// SQLite has one writer at a time. Writers of this process take turns on a mutex before BEGIN
// IMMEDIATE, so that they queue in order instead of polling SQLite's lock (which sleeps and makes the
// latency's tail long). Other processes (an operator's sqlite3 shell, migrate-db) meet the busy
// timeout and, past it, the store's retries.
std::mutex& writer_mutex() {
  static std::mutex m;
  return m;
}

class sqlite_statement final : public statement_impl {
 public:
  sqlite_statement(sqlite3* db, std::string_view sql) : db_(db) {
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st_, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, "prepare");
  }
  ~sqlite_statement() override { sqlite3_finalize(st_); }

  void bind_integer(int i, int64_t v) override { check(sqlite3_bind_int64(st_, i, v)); }
  void bind_text(int i, std::string_view v) override {
    // An empty view may have no data pointer, which SQLite would bind as NULL.
    check(sqlite3_bind_text64(st_, i, v.data() ? v.data() : "", v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void bind_blob(int i, std::string_view b) override {
    check(sqlite3_bind_blob64(st_, i, b.data() ? b.data() : "", b.size(), SQLITE_TRANSIENT));
  }
  void bind_null(int i) override { check(sqlite3_bind_null(st_, i)); }

  bool step() override {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    fail(db_, rc, "step");
  }
  void reset() override {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
  int64_t integer(int col) const override { return sqlite3_column_int64(st_, col); }
  std::string text(int col) const override {
    const auto* p = sqlite3_column_text(st_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col))) : std::string();
  }
  std::string blob(int col) const override {
    const auto* p = sqlite3_column_blob(st_, col);
    return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col))) : std::string();
  }
  bool is_null(int col) const override { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  int64_t changes() const override { return changes_; }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
  }
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
  int64_t changes_ = 0;
};

class sqlite_connection final : public connection {
 public:
  sqlite_connection(const std::string& path, bool synchronous_full) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw error("open " + path + ": " + msg, failure::connection);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA journal_mode=WAL");
    exec(synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    exec("PRAGMA foreign_keys=ON");
    exec("PRAGMA secure_delete=ON");  // deleted answers are overwritten, not left in free pages
  }
  ~sqlite_connection() override {
    rollback();
    sqlite3_close_v2(db_);
  }

  backend kind() const override { return backend::sqlite; }
  statement prepare(std::string_view sql) override { return statement(std::make_unique<sqlite_statement>(db_, sql)); }

  void exec(std::string_view sql) override {
    char* err = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw error(msg, classify(rc));
    }
  }

  void begin(isolation how) override {
    if (how == isolation::read) {
      exec("BEGIN");  // deferred: the snapshot is taken at the first read
      return;
    }
    std::unique_lock<std::mutex> lock(writer_mutex());
    exec("BEGIN IMMEDIATE");
    writer_ = std::move(lock);
  }
  void commit() override {
    exec("COMMIT");
    if (writer_.owns_lock()) writer_.unlock();
  }
  void rollback() noexcept override {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    if (writer_.owns_lock()) writer_.unlock();
  }
  bool broken() const override { return false; }

 private:
  sqlite3* db_ = nullptr;
  std::unique_lock<std::mutex> writer_;
};

}  // namespace

std::unique_ptr<connection> open_sqlite(const std::string& path, bool synchronous_full) {
  return std::make_unique<sqlite_connection>(path, synchronous_full);
}

}  // namespace blankett::server::sql
