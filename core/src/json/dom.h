// Shared plumbing for walking a simdjson DOM and reporting diagnostics at JSON pointers.
//
// Used by the form loader and the answer-document parser. parse_dom() turns every simdjson failure
// into exactly one located diagnostic (via the scanner); walker keeps the current JSON pointer and
// collects diagnostics, which locate_diagnostics() later places at line:column.
#pragma once

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "blankett/diagnostic.h"
#include "blankett/result.h"
#include "simdjson.h"

namespace blankett::json {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// Parses `text` into `root`; on failure appends one diagnostic (size, syntax, UTF-8, depth) and
// returns false. `padded` is reused storage for the padded copy the DOM parser needs.
bool parse_dom(simdjson::dom::parser& parser, std::string_view text, size_t max_bytes, uint32_t max_depth,
               element& root, std::vector<diagnostic>& diags, std::vector<char>* padded = nullptr);

// Copies of the handles, for range-for: `for (x : e.get_object().value_unsafe())` would iterate a
// reference into a destroyed temporary (simdjson_result's value_unsafe() && returns T&&).
inline object object_of(const element& e) noexcept { return e.get_object().value_unsafe(); }
inline simdjson::dom::array array_of(const element& e) noexcept { return e.get_array().value_unsafe(); }

// "object", "array", "string", "integer", "number", "boolean" or "null".
std::string_view type_name(const element& e) noexcept;

class walker {
 public:
  // Keeps at most `max_diagnostics`; the rest are counted (see finish()).
  explicit walker(std::vector<diagnostic>& diags, size_t max_diagnostics = 1000)
      : diags_(diags), max_(diags.size() + max_diagnostics) {}

  // Appends input.too_many_problems when diagnostics were dropped.
  void finish();

  // Appends a segment to the current pointer for the lifetime of the returned guard. Keys are kept
  // as views (into the DOM, or literals): the pointer text is only built when something is reported.
  class scope {
   public:
    scope(walker& w, std::string_view key) : w_(w) { w.push({key.data(), key.size(), 0, false}); }
    scope(walker& w, size_t index) : w_(w) { w.push({nullptr, 0, index, true}); }
    ~scope() { --w_.depth_; }
    scope(const scope&) = delete;
    scope& operator=(const scope&) = delete;

   private:
    walker& w_;
  };
  scope at(std::string_view key) { return scope(*this, key); }
  scope at(size_t index) { return scope(*this, index); }

  // The current JSON pointer (RFC 6901), built on demand.
  std::string pointer() const;

  diagnostic& report(diag_code code, std::initializer_list<diag_param> params = {});
  diagnostic& report_key(diag_code code, std::initializer_list<diag_param> params = {});
  void wrong_type(diag_code code, std::string_view expected, const element& got);

  // Reports json.duplicate_key at each repeated key of `obj`, without allocating.
  void check_duplicate_keys(const object& obj);

  size_t error_count() const noexcept { return errors_; }

 private:
  // Trivial on purpose: the path array below is then not initialised for every document.
  struct segment {
    const char* key;
    size_t size;
    size_t index;
    bool is_index;
  };
  // The path lives in a fixed array: no allocation per document. Documents are depth-limited far
  // below its size before anything walks them; a deeper walk is a bug.
  void push(segment s) {
    BLANKETT_ASSERT(depth_ < path_.size());
    path_[depth_++] = s;
  }
  std::vector<diagnostic>& diags_;
  size_t max_;
  size_t dropped_ = 0;
  diagnostic scratch_;  // what report() hands out for a dropped diagnostic
  std::array<segment, 160> path_;
  size_t depth_ = 0;
  size_t errors_ = 0;
};

diag_param param(std::string name, std::string_view value);
diag_param param(std::string name, double value);

}  // namespace blankett::json
