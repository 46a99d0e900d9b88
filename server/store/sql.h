// The SQL driver under the store: one interface, two backends (SQLite embedded, PostgreSQL over libpq).
//
// In the server only server/store/ includes this file (tests and benchmarks may). Repositories write
// SQL once, in the dialect both backends read: `?` placeholders (PostgreSQL's driver numbers them),
// INTEGER and TEXT columns (times as ISO-8601 UTC text, flags as 0/1), RETURNING, ON CONFLICT DO
// NOTHING. What differs lives in the drivers and the migrations: the DDL, how a transaction begins
// (SQLite: BEGIN IMMEDIATE behind a process-wide writer mutex; PostgreSQL: SERIALIZABLE), row claims
// (FOR UPDATE SKIP LOCKED), and which errors mean "run the transaction again".
//
// A connection and its statements belong to one thread at a time. Errors throw sql::error.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace blankett::server::sql {

enum class backend { sqlite, postgresql };

// What went wrong, as far as the caller must tell apart.
enum class failure {
  other,
  retry,       // SQLite busy or locked; PostgreSQL serialization failure or deadlock: run the transaction again
  constraint,  // a unique, foreign key or check constraint
  connection,  // the connection is lost or cannot be made
};

class error : public std::runtime_error {
 public:
  error(const std::string& what, failure kind) : std::runtime_error(what), kind_(kind) {}
  failure kind() const noexcept { return kind_; }
  bool retry() const noexcept { return kind_ == failure::retry; }
  bool constraint() const noexcept { return kind_ == failure::constraint; }

 private:
  failure kind_;
};

// How a transaction begins.
enum class isolation {
  read,            // a consistent snapshot, read only
  write,           // serializable: as if transactions ran one after the other
  read_committed,  // each statement sees what is committed when it starts (row claims with SKIP LOCKED)
};

// One statement's binding and results. Backends implement it; callers use `statement`.
class statement_impl {
 public:
  virtual ~statement_impl() = default;
  virtual void bind_integer(int i, int64_t v) = 0;
  virtual void bind_text(int i, std::string_view v) = 0;
  virtual void bind_blob(int i, std::string_view bytes) = 0;
  virtual void bind_null(int i) = 0;
  virtual bool step() = 0;  // runs the statement on the first call; true while there is a row
  virtual void reset() = 0;  // ready to run again (bindings cleared)
  virtual int64_t integer(int col) const = 0;
  virtual std::string text(int col) const = 0;
  virtual std::string blob(int col) const = 0;
  virtual bool is_null(int col) const = 0;
  virtual int64_t changes() const = 0;  // rows the last run inserted, updated or deleted
};

// A prepared statement: bind by 1-based position, step through rows, read columns by 0-based index.
class statement {
 public:
  explicit statement(std::unique_ptr<statement_impl> p) : p_(std::move(p)) {}

  statement& bind(int i, int64_t v) { return p_->bind_integer(i, v), *this; }
  statement& bind(int i, int v) { return p_->bind_integer(i, v), *this; }
  statement& bind(int i, bool v) { return p_->bind_integer(i, v ? 1 : 0), *this; }
  statement& bind(int i, std::string_view v) { return p_->bind_text(i, v), *this; }
  statement& bind(int i, const std::string& v) { return p_->bind_text(i, v), *this; }
  statement& bind(int i, const char* v) { return p_->bind_text(i, v), *this; }
  statement& bind(int i, std::nullopt_t) { return p_->bind_null(i), *this; }
  template <class T>
  statement& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind(i, std::nullopt);
  }
  statement& bind_blob(int i, std::string_view bytes) { return p_->bind_blob(i, bytes), *this; }
  // Binds every argument in order.
  template <class... A>
  statement& args(const A&... a) {
    int i = 0;
    (bind(++i, a), ...);
    return *this;
  }

  bool step() { return p_->step(); }
  void run() {
    while (step()) {
    }
  }
  // Runs the statement and says how many rows it changed.
  int64_t execute() {
    run();
    return p_->changes();
  }
  // For INSERT ... RETURNING id: runs the statement and returns the id.
  int64_t returned_id();
  void reset() { p_->reset(); }

  int64_t integer(int col) const { return p_->integer(col); }
  bool flag(int col) const { return p_->integer(col) != 0; }
  std::string text(int col) const { return p_->text(col); }
  std::string blob(int col) const { return p_->blob(col); }
  bool is_null(int col) const { return p_->is_null(col); }
  std::optional<std::string> text_or_null(int col) const;
  std::optional<int64_t> integer_or_null(int col) const;

 private:
  std::unique_ptr<statement_impl> p_;
};

class connection {
 public:
  virtual ~connection() = default;
  virtual backend kind() const = 0;
  virtual statement prepare(std::string_view sql) = 0;
  // Runs SQL without parameters (several statements may be given: migrations).
  virtual void exec(std::string_view sql) = 0;
  virtual void begin(isolation how) = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;  // leaves the connection usable, or marks it broken
  // True when the connection cannot be used again (lost; the pool opens a new one).
  virtual bool broken() const = 0;
};

// Where the data is: a file path (SQLite) or postgresql://HOST:PORT/NAME?user=... (PostgreSQL).
struct location {
  backend kind = backend::sqlite;
  std::string target;  // the file, or the libpq connection URI
  // A description without passwords, for logs and messages.
  std::string display() const;
};
location parse_location(std::string_view database);

struct open_options {
  bool synchronous_full = true;  // SQLite: every commit survives power loss (else: a killed process)
};

// Opens a connection; throws sql::error (failure::connection) when it cannot.
std::unique_ptr<connection> open(const location& where, const open_options& options);

// A row's values compared across backends (migrate-db's checksums): integers in decimal, text as it
// is, blobs in hex, NULL as a marker no text can be.
std::string canonical_value(const statement& st, int col, bool blob_column);

}  // namespace blankett::server::sql
