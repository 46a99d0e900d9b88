// The driver interface's shared parts: statements' helpers, locations, opening a backend.
#include "store/sql.h"

#include "store/postgres.h"
#include "store/sqlite.h"

namespace blankett::server::sql {

int64_t statement::returned_id() {
  if (!step()) throw error("INSERT ... RETURNING gave no row", failure::other);
  const int64_t id = integer(0);
  // Stepping to the end lets SQLite finish the statement, so that it cannot hold the transaction.
  run();
  return id;
}

std::optional<std::string> statement::text_or_null(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::optional<int64_t> statement::integer_or_null(int col) const {
  if (is_null(col)) return std::nullopt;
  return integer(col);
}

location parse_location(std::string_view database) {
  location l;
  if (database.rfind("postgresql://", 0) == 0 || database.rfind("postgres://", 0) == 0) {
    l.kind = backend::postgresql;
  }
  l.target = std::string(database);
  return l;
}

std::string location::display() const {
  if (kind == backend::sqlite) return target;
  // postgresql://user:secret@host/... and ?password=... are not shown.
  std::string out = target;
  const size_t scheme = out.find("://");
  const size_t at = out.find('@', scheme == std::string::npos ? 0 : scheme + 3);
  const size_t slash = out.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
    const size_t colon = out.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    size_t end = out.find('&', p);
    if (end == std::string::npos) end = out.size();
    out.replace(p + 9, end - p - 9, "***");
  }
  return out;
}

std::unique_ptr<connection> open(const location& where, const open_options& options) {
  if (where.kind == backend::postgresql) return open_postgres(where.target);
  return open_sqlite(where.target, options.synchronous_full);
}

std::string canonical_value(const statement& st, int col, bool blob_column) {
  if (st.is_null(col)) return std::string("\x01null", 5);
  if (!blob_column) return st.text(col);
  static constexpr char kHex[] = "0123456789abcdef";
  const std::string bytes = st.blob(col);
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace blankett::server::sql
