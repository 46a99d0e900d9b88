// Log lines: time, level, event, fields; scrubbed of id numbers.
#include "log.h"

#include "clock.h"

#include <cstdio>
#include <mutex>

namespace blankett::server {
namespace {

std::mutex g_mutex;
std::FILE* g_out = nullptr;

bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void log_open(const std::string& path) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_out && g_out != stderr) std::fclose(g_out);
  g_out = path.empty() ? stderr : std::fopen(path.c_str(), "a");
  if (!g_out) g_out = stderr;
}

std::string log_scrub(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (!digit(s[i])) {
      out += s[i++];
      continue;
    }
    // A run of digits with at most one separator and one letter in it: count its digits.
    size_t j = i, digits = 0;
    bool separator = false, letter = false;
    while (j < s.size()) {
      if (digit(s[j])) ++digits;
      else if ((s[j] == '-' || s[j] == '+') && !separator && j + 1 < s.size() && (digit(s[j + 1]) || (s[j + 1] >= 'A' && s[j + 1] <= 'Z'))) separator = true;
      else if (s[j] >= 'A' && s[j] <= 'Z' && !letter && digits >= 6) letter = true;
      else break;
      ++j;
    }
    if (digits + (letter ? 1 : 0) >= 10 && digits + (letter ? 1 : 0) <= 12) out += "[id]";
    else out.append(s.substr(i, j - i));
    i = j;
  }
  return out;
}

void log(log_level level, std::string_view event, std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  // Log lines carry the machine's time even when a test moves the server's clock.
  std::string line = format_utc(std::chrono::system_clock::now());
  line += level == log_level::info ? " info " : level == log_level::warning ? " warning " : " error ";
  line += event;
  for (const auto& [k, v] : fields) {
    line += ' ';
    line += k;
    line += '=';
    const bool quote = v.find(' ') != std::string::npos || v.empty();
    if (quote) line += '"';
    for (char ch : v) line += (static_cast<unsigned char>(ch) < 0x20 || ch == '"' || ch == 0x7F) ? '?' : ch;  // one event, one line
    if (quote) line += '"';
  }
  line = log_scrub(line);
  line += '\n';
  std::lock_guard<std::mutex> lock(g_mutex);
  std::FILE* out = g_out ? g_out : stderr;
  std::fwrite(line.data(), 1, line.size(), out);
  std::fflush(out);
}

}  // namespace blankett::server
