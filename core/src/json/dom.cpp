// DOM parsing with located errors, and the diagnostic-collecting walker.
#include "json/dom.h"

#include <algorithm>
#include <cstring>

#include "blankett/json_writer.h"
#include "json/scanner.h"

namespace blankett::json {

bool parse_dom(simdjson::dom::parser& parser, std::string_view text, size_t max_bytes, uint32_t max_depth,
               element& root, std::vector<diagnostic>& diags, std::vector<char>* padded) {
  if (text.size() > max_bytes) {
    diags.push_back(too_large(text.size(), max_bytes));
    return false;
  }
  if (parser.max_depth() != max_depth || parser.capacity() < text.size()) {
    if (parser.allocate(std::max<size_t>(text.size(), 64), max_depth) != simdjson::SUCCESS) {
      diags.push_back(too_large(text.size(), max_bytes));  // out of memory for a document this size
      return false;
    }
  }
  // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse from a padded copy. A caller that
  // parses many small documents passes its own buffer so that the copy does not allocate.
  simdjson::simdjson_result<element> parsed;
  if (padded) {
    if (padded->size() < text.size() + simdjson::SIMDJSON_PADDING) padded->resize(text.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(padded->data(), text.data(), text.size());
    parsed = parser.parse(padded->data(), text.size(), false);
  } else {
    parsed = parser.parse(text.data(), text.size(), true);
  }
  if (parsed.error() == simdjson::SUCCESS) {
    root = parsed.value_unsafe();
    return true;
  }
  // simdjson says no; the scanner says where and why.
  scan_error e = find_error(text, max_depth);
  diagnostic d;
  if (e.found) {
    d.code = e.code;
    line_column(text, e.offset, d.line, d.column);
    if (!e.expected.empty()) d.params.push_back(param("expected", e.expected));
    if (e.code == diag_code::json_too_deep) d.params.push_back(param("limit", static_cast<double>(max_depth)));
  } else {
    // Both must agree on every input; if they ever do not, still say something useful.
    d.code = diag_code::json_syntax;
    d.line = d.column = 1;
    d.params.push_back(param("expected", simdjson::error_message(parsed.error())));
  }
  diags.push_back(std::move(d));
  return false;
}

std::string_view type_name(const element& e) noexcept {
  switch (e.type()) {
    case element_type::ARRAY: return "array";
    case element_type::OBJECT: return "object";
    case element_type::INT64:
    case element_type::UINT64: return "integer";
    case element_type::DOUBLE: return "number";
    case element_type::STRING: return "string";
    case element_type::BOOL: return "boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "unknown";
}

std::string walker::pointer() const {
  std::string p;
  for (size_t i = 0; i < depth_; ++i) {
    const segment& s = path_[i];
    if (s.is_index) pointer_append(p, s.index);
    else pointer_append(p, std::string_view(s.key, s.size));
  }
  return p;
}

void walker::finish() {
  if (dropped_ == 0) return;
  diagnostic d = too_many_problems(diags_.size() + dropped_, diags_.size());
  ++errors_;
  diags_.push_back(std::move(d));
}

diagnostic& walker::report(diag_code code, std::initializer_list<diag_param> params) {
  if (diags_.size() >= max_) {
    // Counted, not kept: a crafted document must not make the report (or memory) grow without end.
    if (diag_lookup(code).level == severity::error) ++errors_;
    ++dropped_;
    scratch_ = diagnostic{};
    return scratch_;
  }
  diagnostic d;
  d.code = code;
  d.level = diag_lookup(code).level;
  d.pointer = pointer();
  d.params.assign(params.begin(), params.end());
  if (d.level == severity::error) ++errors_;
  diags_.push_back(std::move(d));
  return diags_.back();
}

diagnostic& walker::report_key(diag_code code, std::initializer_list<diag_param> params) {
  diagnostic& d = report(code, params);
  d.at_key = true;
  return d;
}

void walker::wrong_type(diag_code code, std::string_view expected, const element& got) {
  report(code, {param("expected", expected), param("got", type_name(got))});
}

void walker::check_duplicate_keys(const object& obj) {
  // Objects in forms have a handful of keys: compare each with the ones before it, allocation-free.
  // A large object (a crafted text with thousands of "languages") is sorted instead, so the check
  // stays O(k log k) whatever the input.
  constexpr size_t kSmall = 32;
  if (obj.size() <= kSmall) {
    std::string_view keys[kSmall];
    size_t n = 0;
    for (auto field : obj) {
      uint32_t repeats = 0;
      for (size_t j = 0; j < n; ++j) repeats += keys[j] == field.key;
      keys[n++] = field.key;
      if (repeats > 0) {
        auto s = at(field.key);
        report_key(diag_code::json_duplicate_key, {param("key", field.key)}).occurrence = repeats;
      }
    }
    return;
  }
  std::vector<std::pair<std::string_view, size_t>> keys;  // (key, position)
  keys.reserve(obj.size());
  size_t pos = 0;
  for (auto field : obj) keys.emplace_back(field.key, pos++);
  std::sort(keys.begin(), keys.end());
  for (size_t i = 1; i < keys.size(); ++i) {
    if (keys[i].first != keys[i - 1].first) continue;
    uint32_t repeats = 1;
    while (i > repeats && keys[i - repeats - 1].first == keys[i].first) ++repeats;
    auto s = at(keys[i].first);
    report_key(diag_code::json_duplicate_key, {param("key", keys[i].first)}).occurrence = repeats;
  }
}

diag_param param(std::string name, std::string_view value) { return {std::move(name), std::string(value), false}; }
diag_param param(std::string name, double value) { return {std::move(name), format_number(value), true}; }

}  // namespace blankett::json
