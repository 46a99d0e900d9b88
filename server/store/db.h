// A thin layer over SQLite: connections, prepared statements, transactions. Server code only.
//
// Errors throw db_error (the HTTP layer turns them into 500 responses without details); SQL is kept
// portable to PostgreSQL where it costs nothing (RETURNING, ISO-8601 text times, CHECK constraints),
// so that a second backend can follow behind the same store interface.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace blankett::server {

class db_error : public std::runtime_error {
 public:
  db_error(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const noexcept { return code_; }
  bool busy() const noexcept;
  bool constraint() const noexcept;

 private:
  int code_;
};

class statement;

class connection {
 public:
  // Opens (creating) the database file with WAL, foreign keys, a busy timeout and `synchronous`
  // (FULL: every commit survives power loss; NORMAL: survives a killed process).
  connection(const std::string& path, bool synchronous_full);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  void exec(std::string_view sql);
  statement prepare(std::string_view sql);
  int64_t last_insert_id() const;
  int changes() const;
  sqlite3* raw() const noexcept { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class statement {
 public:
  statement(sqlite3* db, std::string_view sql);
  ~statement();
  statement(statement&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  // Binds by 1-based position; returns *this for chaining.
  statement& bind(int i, int64_t v);
  statement& bind(int i, std::string_view v);
  statement& bind(int i, std::nullopt_t);
  statement& bind_blob(int i, std::string_view bytes);
  statement& bind(int i, const std::optional<int64_t>& v);
  statement& bind(int i, const std::optional<std::string>& v);
  // Binds every argument in order.
  template <class... A>
  statement& args(const A&... a) {
    int i = 0;
    (bind(++i, a), ...);
    return *this;
  }

  bool step();  // true while there is a row
  // For INSERT ... RETURNING id: runs the statement and returns the id (the statement is then done,
  // so that it cannot hold a transaction open).
  int64_t returned_id();
  void run();   // steps to completion
  void reset();

  int64_t integer(int col) const;
  std::string text(int col) const;
  std::string blob(int col) const;
  std::optional<std::string> text_or_null(int col) const;
  std::optional<int64_t> integer_or_null(int col) const;
  bool is_null(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when not committed (an exception passing through).
// Write transactions of one process take turns on a mutex first, so that writers queue in order
// instead of polling SQLite's lock (which sleeps and makes the latency's tail long).
class transaction {
 public:
  explicit transaction(connection& c);
  ~transaction();
  void commit();

 private:
  std::unique_lock<std::mutex> lock_;
  connection& c_;
  bool done_ = false;
};

}  // namespace blankett::server
