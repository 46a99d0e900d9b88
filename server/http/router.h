// The route table: method and path pattern to a handler, with the largest body each route takes.
//
// A pattern is a path whose segments are literals or parameters: `{id}` is a positive integer (1 to
// 18 digits), `{name}` a page or item id ([A-Za-z][A-Za-z0-9_.-]{0,63}). The values of the parameters
// go to request::matches[1...] in order. A path that matches with another method is 405 (with Allow);
// no match is 404. Routes are added at start and then only read, from any thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace blankett::server::http {

using handler = std::function<void(const request&, response&)>;

struct route {
  std::string method, pattern;
  handler fn;
  size_t max_body = 0;  // 0: the server's default (--max-body)

  struct segment {
    enum class kind { literal, id, name } k;
    std::string text;
  };
  std::vector<segment> segments;
};

class router {
 public:
  // Adds a route; `pattern` must be well formed (an assert otherwise: a programmer's mistake).
  void add(std::string_view method, std::string_view pattern, handler fn, size_t max_body = 0);
  void get(std::string_view pattern, handler fn) { add("GET", pattern, std::move(fn)); }
  void post(std::string_view pattern, handler fn, size_t max_body = 0) { add("POST", pattern, std::move(fn), max_body); }
  void put(std::string_view pattern, handler fn, size_t max_body = 0) { add("PUT", pattern, std::move(fn), max_body); }
  void del(std::string_view pattern, handler fn) { add("DELETE", pattern, std::move(fn)); }

  struct match_result {
    const route* found = nullptr;  // the route for this method and path
    std::string allow;             // no route for the method but the path is known: the methods it has
  };
  // Finds the route for `method` (HEAD as GET) and `path`; fills `params` with the parameters' values.
  match_result match(std::string_view method, std::string_view path, std::vector<std::string>& params) const;

  const std::vector<route>& routes() const { return routes_; }

 private:
  std::vector<route> routes_;
};

// Whether `s` is a valid value of a {name} parameter.
bool valid_name_segment(std::string_view s);

}  // namespace blankett::server::http
