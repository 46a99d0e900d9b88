// HTTP requests and responses as the route handlers see them, apart from the HTTP library.
//
// The transport (http_server.cpp, Boost.Beast) fills a `request` once the head and the body have been
// read within their limits, and writes the `response` a handler fills. Header names compare without
// regard to case; a header sent on several lines keeps every line, in order. Not thread-safe: one
// request belongs to one handler at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace blankett::server::http {

struct request {
  std::string method;   // "GET", "POST", ... (as sent)
  std::string target;   // the request target as sent: path and query
  std::string path;     // the path part of the target, not decoded
  std::vector<std::pair<std::string, std::string>> headers;  // every line, in order
  std::vector<std::pair<std::string, std::string>> query;    // decoded query parameters, in order
  std::string body;
  std::string remote_addr;  // the TCP peer's address
  // The path and the values of the route's parameters, in order: matches[1] is the first.
  std::vector<std::string> matches;

  // The value of the first line of header `name` ("" when absent).
  std::string get_header_value(std::string_view name) const;
  // The value of the last line of header `name` ("" when absent).
  std::string last_header_value(std::string_view name) const;
  bool has_header(std::string_view name) const;
  size_t header_count(std::string_view name) const;
  // The first query parameter `name`, decoded ("" when absent).
  std::string get_param_value(std::string_view name) const;
  bool has_param(std::string_view name) const;
};

struct response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A static file sent instead of `body` (the transport streams it): its path on disk.
  std::string file;

  // Sets a header, replacing an earlier one of the same name.
  void set_header(std::string_view name, std::string_view value);
  void set_content(std::string content, std::string_view content_type);
  std::string header(std::string_view name) const;
};

// Case-insensitive ASCII comparison of header names.
bool same_name(std::string_view a, std::string_view b);
// Percent-decoding ("%41" is "A"); `plus_is_space` for query strings. Malformed escapes stay as they are.
std::string percent_decode(std::string_view s, bool plus_is_space);
// Splits "a=1&b=two" into decoded pairs.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);

}  // namespace blankett::server::http
