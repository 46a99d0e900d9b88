// Webhooks administration (/api/v1/admin/webhooks): an administrator subscribes a URL to the unit's
// form events with a secret that signs them, lists and deletes subscriptions (never showing a secret),
// and reads each one's delivery log. The deliveries themselves: server/webhooks.h.
#include <climits>

#include "http/app.h"
#include "log.h"
#include "webhooks.h"

namespace blankett::server {
namespace {

constexpr size_t kMinSecret = 16, kMaxSecret = 200;
constexpr int64_t kMaxPerUnit = 20;
constexpr int64_t kDefaultPage = 50, kMaxPage = 200;

size_t chars_of(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

void text_or_null(json_writer& w, std::string_view key, const std::optional<std::string>& v) {
  w.key(key);
  if (v) w.value(std::string_view(*v));
  else w.null();
}

// A subscription of the session's unit, or 404.
void unit_webhook(tx& t, const session_info& se, int64_t id) {
  for (const webhook& h : t.webhooks().at_unit(*se.unit_id))
    if (h.id == id) return;
  throw api_error{404, "not_found", "No such webhook at this unit.", ""};
}

// {"url", "events": [...], "secret"}: an https URL (http to a loopback host only with the test clock),
// 1–5 distinct events, a secret of 16–200 characters. Answers {"id"}.
void create_webhook(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const std::string url(field_text(b, "url"));
  if (std::string why = webhook_url_refusal(url, a.test_clock() != nullptr); !why.empty()) throw api_error{400, "request.value", why, "url"};
  auto list = b["events"];
  if (list.error()) throw api_error{400, "request.missing", "A required field is missing.", "events"};
  if (!list.value_unsafe().is_array()) throw api_error{400, "request.type", "events is a list.", "events"};
  const simdjson::dom::array items = list.value_unsafe().get_array().value_unsafe();
  std::vector<std::string> events;
  for (simdjson::dom::element e : items) {
    const std::string field = "events." + std::to_string(events.size());
    if (!e.is_string()) throw api_error{400, "request.type", "An event is a string.", field};
    const std::string name(e.get_string().value_unsafe());
    if (!valid_webhook_event(name))
      throw api_error{400, "request.value", "An event is FormCreated, FormCompleted, FormCancelled, FormDocumented or FormDeleted.", field};
    if (std::find(events.begin(), events.end(), name) != events.end()) throw api_error{400, "request.value", "The event is in the list twice.", field};
    events.push_back(name);
  }
  if (events.empty()) throw api_error{400, "request.value", "Choose at least one event.", "events"};
  const std::string secret(field_text(b, "secret"));
  if (chars_of(secret) < kMinSecret || chars_of(secret) > kMaxSecret)
    throw api_error{400, "request.value", "secret is 16 to 200 characters.", "secret"};
  const int64_t id = a.db().write([&](tx& t) {
    if (static_cast<int64_t>(t.webhooks().at_unit(*se.unit_id).size()) >= kMaxPerUnit)
      throw api_error{409, "webhook.too_many", "A unit has at most 20 webhooks: delete one first.", ""};
    const int64_t created = t.webhooks().create(*se.unit_id, url, events, secret);
    std::string names;
    for (const std::string& e : events) names += (names.empty() ? "" : ",") + e;
    audit(t, se, "webhook.created", "webhook:" + std::to_string(created), names);
    return created;
  });
  send_json(res, 201, "{\"id\":" + std::to_string(id) + "}");
}

// The unit's subscriptions, never a secret: {"webhooks": [{"id", "url", "events", "created_at"}]}.
void list_webhooks(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, false);
  const auto hooks = a.db().read([&](tx& t) { return t.webhooks().at_unit(*se.unit_id); });
  std::string out;
  json_writer w(out);
  w.begin_object().key("webhooks").begin_array();
  for (const webhook& h : hooks) {
    w.begin_object().key("id").value(h.id).key("url").value(std::string_view(h.url)).key("events").begin_array();
    for (const std::string& e : h.events) w.value(std::string_view(e));
    w.end_array().key("created_at").value(std::string_view(h.created_at)).end_object();
  }
  w.end_array().end_object();
  send_json(res, 200, out);
}

// Deletes the subscription (its delivery log goes from the API with it); its pending deliveries are
// not sent.
void delete_webhook(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, true);
  const int64_t id = path_id(req, 1);
  a.db().write([&](tx& t) {
    if (!t.webhooks().remove(id, *se.unit_id)) throw api_error{404, "not_found", "No such webhook at this unit.", ""};
    audit(t, se, "webhook.deleted", "webhook:" + std::to_string(id), "");
  });
  send_json(res, 200, "{\"deleted\":true}");
}

// The subscription's deliveries, newest first: ?limit= (1–200, 50), ?before= (the page before's
// "next"). {"deliveries": [{"id", "event_id", "event", "form", "status", "attempts", "last_status",
// "last_error", "created_at", "updated_at", "delivered_at"}], "next"}.
void list_deliveries(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, false);
  const int64_t id = path_id(req, 1);
  const int64_t limit = query_int(req, "limit", 1, kMaxPage).value_or(kDefaultPage);
  const int64_t before = query_int(req, "before", 1, INT64_MAX).value_or(INT64_MAX);
  const auto rows = a.db().read([&](tx& t) {
    unit_webhook(t, se, id);
    return t.webhooks().deliveries(id, before, limit);
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("deliveries").begin_array();
  for (const webhook_delivery& d : rows) {
    w.begin_object().key("id").value(d.id).key("event_id").value(d.e.id).key("event").value(std::string_view(d.e.event));
    w.key("form").value(d.e.instance_id).key("status").value(std::string_view(d.status)).key("attempts").value(d.attempts);
    w.key("last_status");
    if (d.last_status) w.value(*d.last_status);
    else w.null();
    text_or_null(w, "last_error", d.last_error);
    w.key("created_at").value(std::string_view(d.created_at)).key("updated_at").value(std::string_view(d.updated_at));
    text_or_null(w, "delivered_at", d.delivered_at);
    w.end_object();
  }
  w.end_array().key("next");
  if (static_cast<int64_t>(rows.size()) == limit) w.value(rows.back().id);
  else w.null();
  w.end_object();
  send_json(res, 200, out);
}

}  // namespace

void install_webhook_routes(app& a, http::router& r) {
  r.get("/api/v1/admin/webhooks", a.handler(list_webhooks));
  r.post("/api/v1/admin/webhooks", a.handler(create_webhook));
  r.del("/api/v1/admin/webhooks/{id}", a.handler(delete_webhook));
  r.get("/api/v1/admin/webhooks/{id}/deliveries", a.handler(list_deliveries));
}

}  // namespace blankett::server
