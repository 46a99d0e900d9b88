// The HTTP/1.1 transport: connections, limits and deadlines, handing requests to the route handlers.
//
// Built on Boost.Beast and Asio (see HACKING.md for why): sockets are served by a few I/O threads
// that never block, so a slow or idle client costs a socket and a small buffer, never a worker. The
// handlers (which block on the database and on password hashing) run on a separate pool of workers,
// only once a whole request has been read. What a request may cost is bounded before any of it is
// buffered:
// - the head: at most `max_header_bytes` and `max_header_lines`, else 431;
// - the body: Content-Length above the route's limit is refused before the body is read (413); a
//   chunked body is cut off at the limit (413); a Content-Encoding other than identity, or a
//   Transfer-Encoding other than chunked, is refused (415); all bodies being read at once share
//   `max_body_memory` (503 beyond it);
// - time: the head and the body of one request must arrive within `request_timeout` of its first
//   byte, an idle keep-alive connection is closed after `idle_timeout`, and writing a response may
//   take `write_timeout`;
// - connections: at most `max_connections` in all and `max_connections_per_address` per client
//   address (IPv6 by /64; the key comes from the `connection_key` hook, which may exempt a trusted
//   proxy); further ones are closed at once.
// stop() closes the listening socket and idle connections; requests already begun (bytes received)
// are finished and answered with `Connection: close`; run() returns once they are. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http/message.h"
#include "http/router.h"

namespace blankett::server::http {

struct server_limits {
  size_t max_body = 1 << 20;              // a route's body unless it says otherwise
  size_t max_header_bytes = 16 << 10;     // request line and header lines together
  size_t max_header_lines = 100;
  size_t max_body_memory = 256u << 20;    // request bodies being read at once
  std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(5)};
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
  int max_connections = 1000;
  int max_connections_per_address = 32;
  int workers = 16;     // handler threads
  int io_threads = 2;   // socket threads
};

// What the application adds around the transport. Every hook is optional and may run on any thread.
struct server_hooks {
  // The per-address key of a new connection from `peer` (its IP address); "" exempts it from the
  // per-address cap (a trusted proxy). Default: the address itself.
  std::function<std::string(const std::string& peer)> connection_key;
  // Once the head is read and the route found, before the body is read: may answer the request
  // itself (returns true), e.g. for a rate limit.
  std::function<bool(const request&, response&)> before_body;
  // An error of the HTTP layer as a response body: status, stable code, English message.
  std::function<void(response&, int status, std::string_view code, std::string_view message)> error;
  // Every response, just before it is written (security headers).
  std::function<void(const request&, response&)> finish;
  // After a response was written (the access log).
  std::function<void(const request&, const response&)> logged;
  // A handler threw something other than what it handles itself: log it (the client gets a 500).
  std::function<void(const request&, std::string_view what)> failed;
  // No route matched a GET or HEAD: e.g. static files. Without it: 404.
  handler fallback;
};

class http_server {
 public:
  http_server(server_limits limits, const router& routes, server_hooks hooks);
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  // Binds to `host` (an address or a name) and `port` (0: any free port); returns the port, or -1
  // with `error` filled.
  int bind(const std::string& host, int port, std::string& error);
  // Serves until stop(), then finishes the requests in flight and returns.
  void run();
  // Stops; safe to call from any thread, more than once.
  void stop();

  // Counters, for tests and the log.
  struct counters {
    size_t open_connections = 0, refused_connections = 0, body_bytes_reserved = 0;
  };
  counters stats() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace blankett::server::http
