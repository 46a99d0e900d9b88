// The HTTP/1.1 transport on Boost.Beast: one coroutine per connection on the I/O threads, handlers on
// a pool of workers, every limit applied before the bytes it guards are buffered.
//
// Sections: connection bookkeeping · responses · one connection · accepting · start and stop.
#include "http/http_server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <list>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace blankett::server::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto as_result = asio::as_tuple(asio::use_awaitable);

// After refusing a request whose body was not read, the rest of it is read and dropped for a while
// before the socket closes, so that the client sees the answer instead of a reset. The time bounds
// the cost; the bytes are generous, because a client on loopback sends 64 MB in a few milliseconds,
// less than a busy client may take to read the answer (a reset then lost it: a flaky test in CI).
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr size_t kLingerBytes = 512u << 20;

// The client went away or took too long: nothing to answer.
bool ended_quietly(const beast::error_code& ec) {
  return ec == beast::error::timeout || ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == asio::error::operation_aborted || ec == asio::error::eof || ec == asio::error::connection_reset;
}

bool token_is(std::string_view value, std::string_view token) {
  const size_t b = value.find_first_not_of(" \t"), e = value.find_last_not_of(" \t");
  return b != std::string_view::npos && same_name(value.substr(b, e - b + 1), token);
}

// One client connection. Touched only on its own strand, except the key (immutable).
struct connection {
  explicit connection(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  bool idle = false;  // waiting for the first byte of a request
  std::string key, peer;
};

}  // namespace

struct http_server::impl {
  impl(server_limits l, const router& r, server_hooks h)
      : lim(std::move(l)), routes(r), hooks(std::move(h)), pool(static_cast<size_t>(std::max(1, lim.workers))) {
    for (const route& x : routes.routes()) largest_body = std::max(largest_body, x.max_body);
    largest_body = std::max(largest_body, lim.max_body);
  }

  server_limits lim;
  const router& routes;
  server_hooks hooks;
  size_t largest_body = 0;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::thread_pool pool;
  std::atomic<bool> stopping{false};
  std::atomic<size_t> reserved{0};  // body bytes being read, all connections

  mutable std::mutex m;  // guards what follows
  std::unordered_map<std::string, int> per_key;
  std::list<std::weak_ptr<connection>> open;
  size_t open_count = 0, refused = 0;

  // ---- Connection bookkeeping -------------------------------------------------------------------
  std::shared_ptr<connection> admit(tcp::socket sock) {
    beast::error_code ec;
    const tcp::endpoint ep = sock.remote_endpoint(ec);
    if (ec) return nullptr;
    asio::ip::address a = ep.address();
    if (a.is_v6() && a.to_v6().is_v4_mapped()) a = asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
    const std::string peer = a.to_string();
    const std::string key = hooks.connection_key ? hooks.connection_key(peer) : peer;
    std::shared_ptr<connection> c;
    {
      std::lock_guard<std::mutex> lock(m);
      const auto it = key.empty() ? per_key.end() : per_key.find(key);
      const int here = it == per_key.end() ? 0 : it->second;
      if (static_cast<int>(open_count) >= lim.max_connections || (!key.empty() && here >= lim.max_connections_per_address)) {
        ++refused;
        sock.close(ec);
        return nullptr;
      }
      ++open_count;
      if (!key.empty()) ++per_key[key];
      sock.set_option(tcp::no_delay(true), ec);
      c = std::make_shared<connection>(std::move(sock));
      c->key = key;
      c->peer = peer;
      open.push_back(c);
    }
    return c;
  }

  void release(const std::shared_ptr<connection>& c) {
    std::lock_guard<std::mutex> lock(m);
    --open_count;
    if (!c->key.empty())
      if (auto it = per_key.find(c->key); it != per_key.end() && --it->second <= 0) per_key.erase(it);
    open.remove_if([&](const std::weak_ptr<connection>& w) { return w.expired() || w.lock() == c; });
  }

  bool reserve(size_t n) {
    size_t now = reserved.load();
    do {
      if (now + n > lim.max_body_memory) return false;
    } while (!reserved.compare_exchange_weak(now, now + n));
    return true;
  }

  // ---- Responses ----------------------------------------------------------------------------------
  void error(response& res, int status, std::string_view code, std::string_view message) {
    res = response{};
    res.status = status;
    if (hooks.error) hooks.error(res, status, code, message);
    else res.set_content(std::string(message), "text/plain; charset=utf-8");
  }

  static bhttp::message_generator to_message(const response& res, bool head, bool keep_alive) {
    auto fill = [&](auto& r) {
      r.result(static_cast<unsigned>(res.status));
      for (const auto& [k, v] : res.headers) r.insert(k, v);
      r.keep_alive(keep_alive);
    };
    if (!res.file.empty()) {
      beast::error_code ec;
      bhttp::file_body::value_type file;
      file.open(res.file.c_str(), beast::file_mode::scan, ec);
      if (!ec) {
        if (head) {
          bhttp::response<bhttp::empty_body> r;
          fill(r);
          r.content_length(file.size());
          return r;
        }
        bhttp::response<bhttp::file_body> r(std::piecewise_construct, std::make_tuple(std::move(file)));
        fill(r);
        r.prepare_payload();
        return r;
      }
      bhttp::response<bhttp::string_body> r;
      fill(r);
      r.result(bhttp::status::not_found);
      r.prepare_payload();
      return r;
    }
    if (head) {
      bhttp::response<bhttp::empty_body> r;
      fill(r);
      r.content_length(res.body.size());
      return r;
    }
    bhttp::response<bhttp::string_body> r;
    fill(r);
    r.body() = res.body;
    r.prepare_payload();
    return r;
  }

  // Writes `res`; false when the connection is to close (asked for, or the write failed).
  awaitable<bool> write(connection& c, const request& req, response& res, bool keep_alive) {
    if (hooks.finish) hooks.finish(req, res);
    if (stopping) keep_alive = false;
    c.stream.expires_after(lim.write_timeout);
    auto [ec, n] = co_await beast::async_write(c.stream, to_message(res, req.method == "HEAD", keep_alive), as_result);
    (void)n;
    if (hooks.logged) hooks.logged(req, res);
    co_return !ec && keep_alive;
  }

  // Closes after reading and dropping what the client still sends, for a while.
  awaitable<void> linger_close(connection& c) {
    beast::error_code ec;
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    c.stream.expires_after(kLingerTime);
    std::array<char, 16384> scratch;
    size_t total = 0;
    while (total < kLingerBytes) {
      auto [e, n] = co_await c.stream.async_read_some(asio::buffer(scratch), as_result);
      if (e) break;
      total += n;
    }
    c.stream.socket().close(ec);
  }

  awaitable<void> run_handler(const handler* fn, const request* req, response* res) {
    try {
      (*fn)(*req, *res);
    } catch (const std::exception& e) {
      if (hooks.failed) hooks.failed(*req, e.what());
      error(*res, 500, "server.error", "Something went wrong on the server.");
    } catch (...) {
      if (hooks.failed) hooks.failed(*req, "unknown");
      error(*res, 500, "server.error", "Something went wrong on the server.");
    }
    co_return;
  }

  // ---- One connection -----------------------------------------------------------------------------
  awaitable<void> serve(std::shared_ptr<connection> cp) {
    connection& c = *cp;
    beast::flat_buffer buf;
    for (;;) {
      if (stopping) {
        // Stopping: a request whose bytes have arrived is served still; an idle connection closes.
        beast::error_code e;
        if (buf.size() == 0 && c.stream.socket().available(e) == 0) break;
      }
      if (buf.size() == 0) {
        c.stream.expires_after(lim.idle_timeout);
        c.idle = true;
        auto [ec, n] = co_await c.stream.async_read_some(buf.prepare(16384), as_result);
        c.idle = false;
        if (ec) break;
        buf.commit(n);
      }
      // The head and the body of this request, from its first byte: one deadline.
      c.stream.expires_after(lim.request_timeout);
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(lim.max_header_bytes));
      parser.body_limit(boost::none);  // checked below, once the route is known
      request req;
      req.remote_addr = c.peer;
      {
        auto [ec, n] = co_await bhttp::async_read_header(c.stream, buf, parser, as_result);
        (void)n;
        if (ec == bhttp::error::header_limit) {
          response res;
          error(res, 431, "request.headers", "The request's header is too large.");
          co_await write(c, req, res, false);
          co_await linger_close(c);
          co_return;
        }
        if (ec) {
          if (!ended_quietly(ec)) {
            response res;
            error(res, 400, "request.malformed", "The request is not valid HTTP/1.1.");
            co_await write(c, req, res, false);
            co_await linger_close(c);
          }
          co_return;
        }
      }
      const auto& head = parser.get();
      req.method = std::string(head.method_string());
      req.target = std::string(head.target());
      const size_t q = req.target.find('?');
      req.path = req.target.substr(0, q);
      if (q != std::string::npos) req.query = parse_query(std::string_view(req.target).substr(q + 1));
      for (const auto& f : head) req.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
      const bool keep_alive = head.keep_alive();
      const bool chunked = parser.chunked();
      const auto length = parser.content_length();
      const bool has_body = chunked || (length && *length > 0);

      // Refusals that need no body: answered at once; a body still coming is dropped.
      response res;
      auto refuse = [&](int status, std::string_view code, std::string_view message) {
        error(res, status, code, message);
      };
      std::vector<std::string> params;
      const router::match_result found = routes.match(req.method, req.path, params);
      const handler* fn = found.found ? &found.found->fn : nullptr;
      const size_t limit = found.found && found.found->max_body ? found.found->max_body : lim.max_body;
      bool answered = true;
      if (req.headers.size() > lim.max_header_lines) refuse(431, "request.headers", "The request has too many header lines.");
      else if (head.count(bhttp::field::content_encoding) > 1 ||
               (head.count(bhttp::field::content_encoding) == 1 && !token_is(head[bhttp::field::content_encoding], "identity")))
        refuse(415, "request.encoding", "Request bodies are not accepted compressed (Content-Encoding).");
      else if (head.count(bhttp::field::transfer_encoding) > 1 ||
               (head.count(bhttp::field::transfer_encoding) == 1 && !token_is(head[bhttp::field::transfer_encoding], "chunked")))
        refuse(415, "request.encoding", "The only Transfer-Encoding accepted is chunked.");
      else if (length && *length > limit) refuse(413, "request.too_large", "The request body is too large.");
      else if (!fn && !found.allow.empty()) {
        refuse(405, "request.method", "Method not allowed.");
        res.set_header("Allow", found.allow);
      } else if (!fn && (req.method == "GET" || req.method == "HEAD") && hooks.fallback) {
        fn = &hooks.fallback;
        answered = false;
      } else if (!fn) refuse(404, "not_found", "Not found.");
      else answered = false;
      if (!answered && hooks.before_body && hooks.before_body(req, res)) answered = true;
      if (answered) {
        if (!has_body) {
          if (co_await write(c, req, res, keep_alive)) continue;
          break;
        }
        co_await write(c, req, res, false);
        co_await linger_close(c);
        co_return;
      }

      // The body, within the route's limit and the memory all bodies share.
      const size_t want = has_body ? (length ? static_cast<size_t>(*length) : limit) : 0;
      if (want && !reserve(want)) {
        refuse(503, "server.busy", "The server is busy; try again.");
        co_await write(c, req, res, false);
        co_await linger_close(c);
        co_return;
      }
      struct release_bytes {
        std::atomic<size_t>& reserved;
        size_t n;
        ~release_bytes() { reserved -= n; }
      } held{reserved, want};
      if (has_body) {
        if (head.count(bhttp::field::expect) == 1 && token_is(head[bhttp::field::expect], "100-continue")) {
          bhttp::response<bhttp::empty_body> go{bhttp::status::continue_, 11};
          auto [ec, n] = co_await bhttp::async_write(c.stream, go, as_result);
          (void)n;
          if (ec) break;
        }
        parser.body_limit(limit);
        auto [ec, n] = co_await bhttp::async_read(c.stream, buf, parser, as_result);
        (void)n;
        if (ec == bhttp::error::body_limit) {
          refuse(413, "request.too_large", "The request body is too large.");
          co_await write(c, req, res, false);
          co_await linger_close(c);
          co_return;
        }
        if (ec) {
          if (!ended_quietly(ec)) {
            refuse(400, "request.malformed", "The request is not valid HTTP/1.1.");
            co_await write(c, req, res, false);
            co_await linger_close(c);
          }
          co_return;
        }
        req.body = std::move(parser.get().body());
      }
      req.matches.reserve(params.size() + 1);
      req.matches.push_back(req.path);
      for (auto& p : params) req.matches.push_back(std::move(p));

      // The handler, on a worker: it may block on the database.
      co_await asio::co_spawn(pool, run_handler(fn, &req, &res), asio::use_awaitable);
      if (!co_await write(c, req, res, keep_alive)) break;
    }
    beast::error_code ec;
    c.stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    c.stream.socket().close(ec);
  }

  // ---- Accepting ----------------------------------------------------------------------------------
  awaitable<void> accept_loop() {
    asio::steady_timer pause(ioc);
    while (!stopping) {
      asio::any_io_executor strand = asio::make_strand(ioc);
      auto [ec, sock] = co_await acceptor.async_accept(strand, as_result);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        // Out of file descriptors, say: wait a little instead of spinning.
        pause.expires_after(std::chrono::milliseconds(50));
        co_await pause.async_wait(as_result);
        continue;
      }
      std::shared_ptr<connection> c = admit(std::move(sock));
      if (!c) continue;
      asio::co_spawn(c->stream.get_executor(), serve(c), [this, c](std::exception_ptr) { release(c); });
    }
  }
};

// ---- Start and stop -------------------------------------------------------------------------------
http_server::http_server(server_limits limits, const router& routes, server_hooks hooks)
    : impl_(std::make_unique<impl>(std::move(limits), routes, std::move(hooks))) {}

http_server::~http_server() = default;

int http_server::bind(const std::string& host, int port, std::string& error) {
  boost::system::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    error = "cannot resolve " + host + ": " + ec.message();
    return -1;
  }
  const tcp::endpoint ep = results.begin()->endpoint();
  auto& a = impl_->acceptor;
  if (a.open(ep.protocol(), ec); !ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message();
    a.close(ec);
    return -1;
  }
  return a.local_endpoint().port();
}

void http_server::run() {
  boost::asio::co_spawn(impl_->ioc, impl_->accept_loop(), boost::asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->lim.io_threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
  impl_->pool.join();
}

void http_server::stop() {
  boost::asio::post(impl_->ioc, [this] {
    if (impl_->stopping.exchange(true)) return;
    boost::system::error_code ec;
    impl_->acceptor.close(ec);
    std::lock_guard<std::mutex> lock(impl_->m);
    for (auto& w : impl_->open) {
      auto c = w.lock();
      if (!c) continue;
      // An idle connection closes now; one whose request has begun (bytes have arrived) is served.
      boost::asio::post(c->stream.get_executor(), [c] {
        boost::system::error_code e;
        if (c->idle && c->stream.socket().available(e) == 0) c->stream.cancel();
      });
    }
  });
}

http_server::counters http_server::stats() const {
  std::lock_guard<std::mutex> lock(impl_->m);
  return {impl_->open_count, impl_->refused, impl_->reserved.load()};
}

}  // namespace blankett::server::http
