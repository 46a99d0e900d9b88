// SQLite connections, statements and transactions.
#include "store/db.h"

#include <sqlite3.h>

namespace blankett::server {
namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
  throw db_error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)), rc);
}

}  // namespace

bool db_error::busy() const noexcept { return (code_ & 0xff) == SQLITE_BUSY || (code_ & 0xff) == SQLITE_LOCKED; }
bool db_error::constraint() const noexcept { return (code_ & 0xff) == SQLITE_CONSTRAINT; }

connection::connection(const std::string& path, bool synchronous_full) {
  const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw db_error("open " + path + ": " + msg, rc);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  exec("PRAGMA journal_mode=WAL");
  exec(synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  exec("PRAGMA foreign_keys=ON");
  exec("PRAGMA secure_delete=ON");  // deleted answers are overwritten, not left in free pages
}

connection::~connection() { sqlite3_close_v2(db_); }

void connection::exec(std::string_view sql) {
  char* err = nullptr;
  const std::string s(sql);
  const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw db_error(msg, rc);
  }
}

statement connection::prepare(std::string_view sql) { return statement(db_, sql); }
int64_t connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int connection::changes() const { return sqlite3_changes(db_); }

statement::statement(sqlite3* db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st_, nullptr);
  if (rc != SQLITE_OK) fail(db, rc, "prepare");
}

statement::~statement() { sqlite3_finalize(st_); }

statement& statement::bind(int i, int64_t v) {
  if (const int rc = sqlite3_bind_int64(st_, i, v); rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}
statement& statement::bind(int i, std::string_view v) {
  if (const int rc = sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
    fail(db_, rc, "bind");
  return *this;
}
statement& statement::bind_blob(int i, std::string_view bytes) {
  if (const int rc = sqlite3_bind_blob64(st_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT); rc != SQLITE_OK)
    fail(db_, rc, "bind");
  return *this;
}
statement& statement::bind(int i, std::nullopt_t) {
  if (const int rc = sqlite3_bind_null(st_, i); rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}
statement& statement::bind(int i, const std::optional<int64_t>& v) { return v ? bind(i, *v) : bind(i, std::nullopt); }
statement& statement::bind(int i, const std::optional<std::string>& v) {
  return v ? bind(i, std::string_view(*v)) : bind(i, std::nullopt);
}

bool statement::step() {
  const int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, rc, "step");
}

void statement::run() {
  while (step()) {
  }
}

void statement::reset() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

int64_t statement::integer(int col) const { return sqlite3_column_int64(st_, col); }
int64_t statement::returned_id() {
  if (!step()) throw db_error("INSERT ... RETURNING gave no row", 1);
  const int64_t id = integer(0);
  reset();
  return id;
}

std::string statement::text(int col) const {
  const auto* p = sqlite3_column_text(st_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col))) : std::string();
}
std::string statement::blob(int col) const {
  const auto* p = sqlite3_column_blob(st_, col);
  return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col))) : std::string();
}
std::optional<std::string> statement::text_or_null(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}
std::optional<int64_t> statement::integer_or_null(int col) const {
  if (is_null(col)) return std::nullopt;
  return integer(col);
}
bool statement::is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

namespace {
std::mutex& write_mutex() {
  static std::mutex m;
  return m;
}
}  // namespace

transaction::transaction(connection& c) : lock_(write_mutex()), c_(c) { c_.exec("BEGIN IMMEDIATE"); }
transaction::~transaction() {
  if (!done_) {
    try {
      c_.exec("ROLLBACK");
    } catch (...) {  // a failed rollback leaves SQLite to roll back on close
    }
  }
}
void transaction::commit() {
  c_.exec("COMMIT");
  done_ = true;
}

}  // namespace blankett::server
