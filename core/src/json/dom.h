// Shared plumbing for walking a simdjson DOM and reporting diagnostics at JSON pointers.
//
// Used by the form loader and the answer-document parser. parse_dom() turns every simdjson failure
// into exactly one located diagnostic (via the scanner); walker keeps the current JSON pointer and
// collects diagnostics, which locate_diagnostics() later places at line:column.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "blankett/diagnostic.h"
#include "simdjson.h"

namespace blankett::json {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// Parses `text` into `root`; on failure appends one diagnostic (size, syntax, UTF-8, depth) and
// returns false. `padded` is reused storage for the padded copy the DOM parser needs.
bool parse_dom(simdjson::dom::parser& parser, std::string_view text, size_t max_bytes, uint32_t max_depth,
               element& root, std::vector<diagnostic>& diags);

// Copies of the handles, for range-for: `for (x : e.get_object().value_unsafe())` would iterate a
// reference into a destroyed temporary (simdjson_result's value_unsafe() && returns T&&).
inline object object_of(const element& e) noexcept { return e.get_object().value_unsafe(); }
inline simdjson::dom::array array_of(const element& e) noexcept { return e.get_array().value_unsafe(); }

// "object", "array", "string", "integer", "number", "boolean" or "null".
std::string_view type_name(const element& e) noexcept;

class walker {
 public:
  explicit walker(std::vector<diagnostic>& diags) : diags_(diags) {}

  // Appends a segment to the current pointer for the lifetime of the returned guard.
  class scope {
   public:
    scope(walker& w, std::string_view key) : w_(w), len_(w.ptr_.size()) { pointer_append(w.ptr_, key); }
    scope(walker& w, size_t index) : w_(w), len_(w.ptr_.size()) { pointer_append(w.ptr_, index); }
    ~scope() { w_.ptr_.resize(len_); }
    scope(const scope&) = delete;
    scope& operator=(const scope&) = delete;

   private:
    walker& w_;
    size_t len_;
  };
  scope at(std::string_view key) { return scope(*this, key); }
  scope at(size_t index) { return scope(*this, index); }

  const std::string& pointer() const noexcept { return ptr_; }

  diagnostic& report(diag_code code, std::initializer_list<diag_param> params = {});
  diagnostic& report_key(diag_code code, std::initializer_list<diag_param> params = {});
  void wrong_type(diag_code code, std::string_view expected, const element& got);

  // Reports json.duplicate_key for repeated keys of `obj` (at the second one). Small objects only
  // are expected; the check is quadratic in the number of keys, bounded by the caller's limits.
  void check_duplicate_keys(const object& obj);

  size_t error_count() const noexcept { return errors_; }

 private:
  std::vector<diagnostic>& diags_;
  std::string ptr_;
  size_t errors_ = 0;
};

diag_param param(std::string name, std::string_view value);
diag_param param(std::string name, double value);

}  // namespace blankett::json
