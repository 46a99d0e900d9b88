// A strict, allocation-light JSON scanner for the error path: where exactly is a document broken, and
// where in the text is the value a JSON pointer names.
//
// simdjson parses every document first; only when it fails, or when a diagnostic needs a line and
// column, does the core scan the text again with this. It never recurses (deep input cannot overflow
// the stack) and it checks the same grammar as simdjson (RFC 8259, UTF-8).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "blankett/diagnostic.h"

namespace blankett::json {

struct scan_error {
  bool found = false;
  diag_code code = diag_code::json_syntax;  // json_syntax, json_unexpected_end, json_invalid_utf8, json_too_deep
  size_t offset = 0;
  std::string_view expected;  // what the grammar wanted there (json_syntax only)
};

// The first error in `text`, or found == false for a valid document. `max_depth` counts nested
// arrays and objects as simdjson does ("[[1]]" has depth 2).
scan_error find_error(std::string_view text, uint32_t max_depth);

// Where the values (and, for object members, their keys) named by `pointers` start. Unresolved
// pointers get npos. The text must be valid JSON.
struct located {
  size_t value = std::string_view::npos;
  size_t key = std::string_view::npos;
};
// A pointer names the n-th occurrence (0-based) when an object repeats a key.
struct wanted {
  std::string pointer;
  uint32_t occurrence = 0;
};
std::vector<located> locate(std::string_view text, const std::vector<wanted>& pointers);

// 1-based line and column (in Unicode characters) of a byte offset.
void line_column(std::string_view text, size_t offset, uint32_t& line, uint32_t& column);

// Fills line and column of every diagnostic from its pointer (and related pointer).
void locate_diagnostics(std::string_view text, std::vector<diagnostic>& diags);

}  // namespace blankett::json
