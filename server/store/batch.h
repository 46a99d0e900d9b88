// Multi-row statements in a few fixed shapes (private to server/store/).
//
// A statement with n rows of placeholders is prepared once per shape on PostgreSQL, so rows go in
// batches of 64, 32, 16, 8, 4, 2 and 1: at most seven shapes of each statement, whatever n is.
#pragma once

#include <cstddef>
#include <string>

namespace blankett::server {

// Calls f(first, count) for consecutive batches covering rows [0, n).
template <class F>
void for_each_batch(size_t n, F&& f) {
  size_t at = 0;
  for (size_t size = 64; size > 0; size /= 2)
    while (n - at >= size) {
      f(at, size);
      at += size;
    }
}

// "(?, ?, ?), (?, ?, ?)" for `rows` rows of `per_row` placeholders; `row` replaces the row's text
// when given (e.g. "(?, ?, 'ONGOING', ?)").
inline std::string value_rows(size_t rows, size_t per_row, const std::string& row = {}) {
  std::string one = row;
  if (one.empty()) {
    one = "(";
    for (size_t i = 0; i < per_row; ++i) one += i ? ", ?" : "?";
    one += ")";
  }
  std::string out;
  for (size_t r = 0; r < rows; ++r) out += (r ? ", " : "") + one;
  return out;
}

}  // namespace blankett::server
