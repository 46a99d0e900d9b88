// The server's log: one line per event, "time level event key=value ...", never with an id number.
//
// Callers never pass personal data on purpose; as a second line of defence every line is scrubbed:
// any run of 10 to 12 digits (with or without '-' or '+', with or without a letter in an interim
// number) is replaced by "[id]". Thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace blankett::server {

enum class log_level { info, warning, error };

// Opens the log (a file to append to, or stderr when `path` is empty).
void log_open(const std::string& path);
void log(log_level level, std::string_view event, std::initializer_list<std::pair<std::string_view, std::string>> fields = {});
// The scrubbing itself, for tests.
std::string log_scrub(std::string_view line);

}  // namespace blankett::server
