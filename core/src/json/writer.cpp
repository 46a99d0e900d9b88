// The JSON writer and the round-tripping number formatter.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "blankett/json_writer.h"
#include "blankett/result.h"

namespace blankett {

size_t format_number(double v, char* buf) noexcept {
  if (!std::isfinite(v)) {
    std::snprintf(buf, 32, "null");
    return 4;
  }
  if (v == std::trunc(v) && std::fabs(v) < 1e15) {
    const int n = std::snprintf(buf, 32, "%lld", static_cast<long long>(v));
    return static_cast<size_t>(n);
  }
  int n = 0;
  for (int precision = 15; precision <= 17; ++precision) {
    n = std::snprintf(buf, 32, "%.*g", precision, v);
    // The C locale is never changed by Blankett, but never emit a decimal comma either way.
    for (int i = 0; i < n; ++i)
      if (buf[i] == ',') buf[i] = '.';
    if (std::strtod(buf, nullptr) == v) break;
  }
  return static_cast<size_t>(n);
}

std::string format_number(double v) {
  char buf[32];
  return std::string(buf, format_number(v, buf));
}

void json_writer::escape(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;  // copy unescaped runs in one go
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const char* rep = nullptr;
    switch (c) {
      case '"': rep = "\\\""; break;
      case '\\': rep = "\\\\"; break;
      case '\n': rep = "\\n"; break;
      case '\r': rep = "\\r"; break;
      case '\t': rep = "\\t"; break;
      case '\b': rep = "\\b"; break;
      case '\f': rep = "\\f"; break;
      default: break;
    }
    if (rep == nullptr && c >= 0x20) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    if (rep) {
      out += rep;
    } else {
      char u[7] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15], 0};
      out += u;
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void json_writer::newline() {
  out_ += '\n';
  out_.append(counts_.size() * 2, ' ');
}

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!counts_.empty()) {
    if (counts_.back() != 0) out_ += ',';
    if (pretty_) newline();
    if (counts_.back() < 255) ++counts_.back();
  }
}

json_writer& json_writer::begin_object() {
  before_value();
  out_ += '{';
  counts_.push_back(0);
  return *this;
}

json_writer& json_writer::begin_array() {
  before_value();
  out_ += '[';
  counts_.push_back(0);
  return *this;
}

void json_writer::close(char c) {
  BLANKETT_ASSERT(!counts_.empty() && !after_key_);
  const bool empty = counts_.back() == 0;
  counts_.pop_back();
  if (pretty_ && !empty) newline();
  out_ += c;
}

json_writer& json_writer::end_object() {
  close('}');
  return *this;
}

json_writer& json_writer::end_array() {
  close(']');
  return *this;
}

json_writer& json_writer::key(std::string_view k) {
  before_value();
  escape(out_, k);
  out_ += pretty_ ? ": " : ":";
  after_key_ = true;
  return *this;
}

json_writer& json_writer::value(std::string_view s) {
  before_value();
  escape(out_, s);
  return *this;
}

json_writer& json_writer::value(double d) {
  before_value();
  char buf[32];
  out_.append(buf, format_number(d, buf));
  return *this;
}

json_writer& json_writer::value(int64_t i) {
  before_value();
  out_ += std::to_string(i);
  return *this;
}

json_writer& json_writer::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

json_writer& json_writer::null() {
  before_value();
  out_ += "null";
  return *this;
}

json_writer& json_writer::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

}  // namespace blankett
