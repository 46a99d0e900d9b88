// PostgreSQL connections, statements and transactions behind the driver interface (libpq).
//
// Each statement is prepared once per connection (named "b1", "b2", ...; PostgreSQL then parses it once
// and, after a few runs, plans it once) and run with one PQexecPrepared round trip: parameters go as
// text (blobs as binary), results come back as text (integers in decimal, booleans as t/f, bytea as
// \x-hex). Errors are told apart by their SQLSTATE: 40001 and 40P01 mean "run the transaction again",
// class 23 a constraint.
#include "store/postgres.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <unordered_map>
#include <vector>

namespace blankett::server::sql {
namespace {

failure classify(const PGresult* r, const PGconn* c) {
  if (PQstatus(c) != CONNECTION_OK) return failure::connection;
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (!state) return failure::other;
  const std::string_view s(state);
  if (s == "40001" || s == "40P01") return failure::retry;
  if (s.substr(0, 2) == "23") return failure::constraint;
  if (s.substr(0, 2) == "08" || s == "57P01" || s == "57P02" || s == "57P03") return failure::connection;
  return failure::other;
}

struct result_deleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, result_deleter>;

[[noreturn]] void fail(PGconn* c, PGresult* r, std::string_view what) {
  std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  throw error(std::string(what) + ": " + msg, classify(r, c));
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A connection's prepared statements, by their SQL. The SQL is the store's own (a bounded set of
// texts); past kMaxPrepared the rest run unnamed, so a surprise cannot grow the server's memory.
struct prepared_cache {
  static constexpr size_t kMaxPrepared = 512;
  std::unordered_map<std::string, std::string> names;
};

class pg_statement final : public statement_impl {
 public:
  pg_statement(PGconn* c, prepared_cache& cache, std::string_view sql) : conn_(c), cache_(cache), sql_(number_placeholders(sql)) {}

  void bind_integer(int i, int64_t v) override { set(i, std::to_string(v), false, false); }
  void bind_text(int i, std::string_view v) override { set(i, std::string(v), false, false); }
  void bind_blob(int i, std::string_view b) override { set(i, std::string(b), true, false); }
  void bind_null(int i) override { set(i, {}, false, true); }

  bool step() override {
    if (!result_) {
      std::vector<const char*> values(params_.size());
      std::vector<int> lengths(params_.size()), formats(params_.size());
      for (size_t i = 0; i < params_.size(); ++i) {
        values[i] = params_[i].null ? nullptr : params_[i].value.data();
        lengths[i] = static_cast<int>(params_[i].value.size());
        formats[i] = params_[i].binary ? 1 : 0;
      }
      const int n = static_cast<int>(params_.size());
      if (const std::string* name = prepared()) {
        result_.reset(PQexecPrepared(conn_, name->c_str(), n, values.data(), lengths.data(), formats.data(), 0));
      } else {
        result_.reset(PQexecParams(conn_, sql_.c_str(), n, nullptr, values.data(), lengths.data(), formats.data(), 0));
      }
      const ExecStatusType status = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        PGresult* r = result_.release();
        result_ptr keep(r);
        fail(conn_, r, "query");
      }
      rows_ = PQntuples(result_.get());
      const char* affected = PQcmdTuples(result_.get());
      changes_ = affected && *affected ? std::strtoll(affected, nullptr, 10) : 0;
      row_ = -1;
    }
    return ++row_ < rows_;
  }
  void reset() override {
    result_.reset();
    params_.clear();
    row_ = -1;
    rows_ = 0;
  }
  int64_t integer(int col) const override {
    const char* v = PQgetvalue(result_.get(), row_, col);
    if (v[0] == 't' && v[1] == '\0') return 1;  // a boolean (EXISTS, comparisons)
    if (v[0] == 'f' && v[1] == '\0') return 0;
    return std::strtoll(v, nullptr, 10);
  }
  std::string text(int col) const override {
    return std::string(PQgetvalue(result_.get(), row_, col), static_cast<size_t>(PQgetlength(result_.get(), row_, col)));
  }
  std::string blob(int col) const override {
    const char* v = PQgetvalue(result_.get(), row_, col);
    const size_t n = static_cast<size_t>(PQgetlength(result_.get(), row_, col));
    if (n < 2 || v[0] != '\\' || v[1] != 'x') return std::string(v, n);
    std::string out;
    out.reserve((n - 2) / 2);
    for (size_t i = 2; i + 1 < n; i += 2) out += static_cast<char>(hex_digit(v[i]) * 16 + hex_digit(v[i + 1]));
    return out;
  }
  bool is_null(int col) const override { return PQgetisnull(result_.get(), row_, col) != 0; }
  int64_t changes() const override { return changes_; }

 private:
  struct param {
    std::string value;
    bool binary = false, null = false;
  };
  void set(int i, std::string v, bool binary, bool null) {
    if (i < 1) throw error("bind: positions start at 1", failure::other);
    if (params_.size() < static_cast<size_t>(i)) params_.resize(static_cast<size_t>(i));
    params_[static_cast<size_t>(i - 1)] = param{std::move(v), binary, null};
  }

  // The statement's name on this connection, prepared now if it is new; nullptr past the cache's size.
  const std::string* prepared() {
    if (auto it = cache_.names.find(sql_); it != cache_.names.end()) return &it->second;
    if (cache_.names.size() >= prepared_cache::kMaxPrepared) return nullptr;
    std::string name = "b" + std::to_string(cache_.names.size() + 1);
    result_ptr r(PQprepare(conn_, name.c_str(), sql_.c_str(), 0, nullptr));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(conn_, r.get(), "prepare");
    return &cache_.names.emplace(sql_, std::move(name)).first->second;
  }

  PGconn* conn_;
  prepared_cache& cache_;
  std::string sql_;
  std::vector<param> params_;
  result_ptr result_;
  int row_ = -1, rows_ = 0;
  int64_t changes_ = 0;
};

class pg_connection final : public connection {
 public:
  explicit pg_connection(const std::string& uri) : conn_(PQconnectdb(uri.c_str())) {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      PQfinish(conn_);
      conn_ = nullptr;
      throw error("connect: " + msg, failure::connection);
    }
    // Notices (a table that already exists, ...) are not the server's log.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    exec("SET application_name = 'blankett'; SET client_encoding = 'UTF8'");
  }
  ~pg_connection() override { PQfinish(conn_); }

  backend kind() const override { return backend::postgresql; }
  statement prepare(std::string_view sql) override { return statement(std::make_unique<pg_statement>(conn_, cache_, sql)); }

  void exec(std::string_view sql) override {
    const std::string s(sql);
    result_ptr r(PQexec(conn_, s.c_str()));
    const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(conn_, r.get(), "exec");
  }
  void begin(isolation how) override {
    switch (how) {
      case isolation::read: exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"); break;
      case isolation::write: exec("BEGIN ISOLATION LEVEL SERIALIZABLE"); break;
      case isolation::read_committed: exec("BEGIN ISOLATION LEVEL READ COMMITTED"); break;
    }
  }
  void commit() override { exec("COMMIT"); }
  void rollback() noexcept override {
    if (PQstatus(conn_) != CONNECTION_OK) return;
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
    result_ptr r(PQexec(conn_, "ROLLBACK"));
  }
  bool broken() const override { return PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) == PQTRANS_UNKNOWN; }

 private:
  PGconn* conn_;
  prepared_cache cache_;
};

}  // namespace

std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

std::unique_ptr<connection> open_postgres(const std::string& uri) { return std::make_unique<pg_connection>(uri); }

}  // namespace blankett::server::sql
