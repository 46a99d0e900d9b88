// Requests and responses: header lookup, query strings, percent-decoding.
#include "http/message.h"

namespace blankett::server::http {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += plus_is_space && c == '+' ? ' ' : c;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!q.empty()) {
    const size_t amp = q.find('&');
    const std::string_view part = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) out.emplace_back(percent_decode(part, true), std::string());
    else out.emplace_back(percent_decode(part.substr(0, eq), true), percent_decode(part.substr(eq + 1), true));
  }
  return out;
}

std::string request::get_header_value(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (same_name(k, name)) return v;
  return {};
}

std::string request::last_header_value(std::string_view name) const {
  for (auto it = headers.rbegin(); it != headers.rend(); ++it)
    if (same_name(it->first, name)) return it->second;
  return {};
}

bool request::has_header(std::string_view name) const { return header_count(name) > 0; }

size_t request::header_count(std::string_view name) const {
  size_t n = 0;
  for (const auto& h : headers) n += same_name(h.first, name) ? 1 : 0;
  return n;
}

std::string request::get_param_value(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return {};
}

bool request::has_param(std::string_view name) const {
  for (const auto& q : query)
    if (q.first == name) return true;
  return false;
}

void response::set_header(std::string_view name, std::string_view value) {
  for (auto& h : headers)
    if (same_name(h.first, name)) {
      h.second = std::string(value);
      return;
    }
  headers.emplace_back(std::string(name), std::string(value));
}

void response::set_content(std::string content, std::string_view content_type) {
  body = std::move(content);
  set_header("Content-Type", content_type);
}

std::string response::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (same_name(k, name)) return v;
  return {};
}

}  // namespace blankett::server::http
