// Formats of text values: e-mail addresses, URLs, phone numbers (see blankett/formats.h).
#include "blankett/formats.h"

namespace blankett {
namespace {

bool ascii_alnum(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

bool valid_email(std::string_view s) noexcept {
  const size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos) return false;
  constexpr std::string_view kLocal = ".!#$%&'*+/=?^_`{|}~-";
  for (char c : s.substr(0, at))
    if (!ascii_alnum(c) && kLocal.find(c) == std::string_view::npos) return false;
  std::string_view domain = s.substr(at + 1);
  if (domain.empty()) return false;
  while (true) {
    const size_t dot = domain.find('.');
    const std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!ascii_alnum(c) && c != '-') return false;
    if (dot == std::string_view::npos) return true;
    domain.remove_prefix(dot + 1);
  }
}

bool valid_url(std::string_view s) noexcept {
  size_t i = 0;
  if (s.starts_with("https://")) i = 8;
  else if (s.starts_with("http://")) i = 7;
  else return false;
  const size_t host_start = i;
  while (i < s.size() && (ascii_alnum(s[i]) || s[i] == '-' || s[i] == '.' || static_cast<unsigned char>(s[i]) >= 0x80)) ++i;
  if (i == host_start || s[host_start] == '.' || s[i - 1] == '.') return false;
  if (i < s.size() && s[i] == ':') {
    const size_t port = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == port || i - port > 5) return false;
  }
  if (i < s.size() && s[i] != '/' && s[i] != '?' && s[i] != '#') return false;
  for (; i < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) <= 0x20 || s[i] == 0x7F) return false;
  return true;
}

bool valid_phone(std::string_view s) noexcept {
  int digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '+' && i == 0) continue;
    else if (c != ' ' && c != '-' && c != '(' && c != ')') return false;
  }
  return digits >= 7 && digits <= 15;
}

}  // namespace blankett
