// A small JSON writer for the core's stable outputs (results, diagnostics), compact or indented.
//
// Writes into a caller-owned std::string; numbers are printed by format_number(), which round-trips
// every double and prints integral values without a fraction. Keys and strings must be valid UTF-8
// (everything the core holds is); control characters are escaped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace blankett {

// Shortest of %.15g / %.16g / %.17g that reads back as the same double; "null" for NaN or infinity.
// Returns the length written into buf (at least 32 bytes).
size_t format_number(double value, char* buf) noexcept;
std::string format_number(double value);

class json_writer {
 public:
  explicit json_writer(std::string& out, bool pretty = false) : out_(out), pretty_(pretty) {}

  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  json_writer& key(std::string_view k);
  json_writer& value(std::string_view s);
  json_writer& value(const char* s) { return value(std::string_view(s)); }
  json_writer& value(double d);
  json_writer& value(int64_t i);
  json_writer& value(int i) { return value(static_cast<int64_t>(i)); }
  json_writer& value(uint32_t i) { return value(static_cast<int64_t>(i)); }
  json_writer& value(size_t i) { return value(static_cast<int64_t>(i)); }
  json_writer& value(bool b);
  json_writer& null();
  // A value already in JSON (trusted: the caller made it with a json_writer).
  json_writer& raw(std::string_view json);

  static void escape(std::string& out, std::string_view s);

 private:
  void before_value();
  void close(char c);
  void newline();

  std::string& out_;
  bool pretty_;
  bool after_key_ = false;
  std::vector<uint8_t> counts_;  // members written so far per open container (saturating)
};

}  // namespace blankett
