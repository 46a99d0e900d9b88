// For tests and the demo only (--test-clock on, refused unless the identity is demo): the server's
// clock moved forward, so that a test or a newcomer can watch a week's work happen in a minute.
#include "http/app.h"
#include "log.h"

namespace blankett::server {
namespace {

std::string clock_json(const clock& c) { return "{\"now\":\"" + c.now_iso() + "\"}"; }

void get_clock(app& a, const http::request&, http::response& res) { send_json(res, 200, clock_json(a.time())); }

// {"now": "YYYY-MM-DDTHH:MM:SSZ"}: the server's time from now on (forward only). The offset is kept in
// the database, so it survives a restart and every node reads it before it looks for due jobs. The caller's
// session, if any, is renewed from the new time (a week on, the demo's user would be logged out).
void set_clock(app& a, const http::request& req, http::response& res) {
  adjustable_clock* c = a.test_clock();
  if (!c) throw api_error{404, "not_found", "Not found.", ""};
  simdjson::dom::parser parser;
  const std::string_view text = field_text(a.body(req, parser), "now");
  const clock::time_point wanted = parse_utc(text);
  if (wanted == clock::time_point{} || format_utc(wanted) != text)
    throw api_error{400, "request.value", "now is a UTC time, YYYY-MM-DDTHH:MM:SSZ.", "now"};
  if (wanted < c->now() - std::chrono::seconds(1))
    throw api_error{409, "clock.backwards", "The test clock only moves forward.", "now"};
  // Counted from the machine's current whole second, so that the clock reads `now` at once.
  const int64_t offset = std::chrono::duration_cast<std::chrono::seconds>(
                             wanted - std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()))
                             .count();
  c->set_offset(offset);
  a.db().write([&](tx& t) {
    t.settings().set(kTestClockKey, std::to_string(offset));
    a.auth().renew(t, req);  // a week on, the demo's user would otherwise be logged out
  });
  log(log_level::info, "test_clock.moved", {{"now", std::string(text)}});
  a.wake_jobs();
  send_json(res, 200, clock_json(*c));
}

}  // namespace

void install_test_routes(app& a, http::router& r) {
  if (!a.test_clock()) return;
  r.get("/api/v1/test/clock", a.handler(get_clock));
  r.put("/api/v1/test/clock", a.handler(set_clock));
}

}  // namespace blankett::server
