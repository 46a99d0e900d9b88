// Webhooks: a unit's subscriptions, the form events they want, and one delivery (with its job) each.
//
// A subscription's events are kept as ",FormCreated,FormCompleted," so that "wants this event" is one
// LIKE on both backends. An event copies the form's ids when it happens (a FormDeleted outlives its
// form); a delivery is (subscription, event), unique, and its job "webhook" is keyed by its id.
#include "store/batch.h"
#include "store/repos.h"

namespace blankett::server {
namespace {

std::string events_text(const std::vector<std::string>& events) {
  std::string out = ",";
  for (const std::string& e : events) out += e + ",";
  return out;
}

std::vector<std::string> events_of(std::string_view text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < text.size()) {
    const size_t comma = text.find(',', at);
    const size_t end = comma == std::string_view::npos ? text.size() : comma;
    if (end > at) out.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

std::string wants(std::string_view event) { return "%," + std::string(event) + ",%"; }

std::string placeholders(size_t n) {
  std::string in = "(";
  for (size_t i = 0; i < n; ++i) in += i ? ", ?" : "?";
  return in + ")";
}

constexpr const char* kDeliveryColumns =
    "d.id, d.webhook_id, d.status, d.attempts, d.last_status, d.last_error, d.delivered_at, d.created_at, d.updated_at, "
    "e.id, e.event, e.created_at, e.state, e.instance_id, e.template_id, e.unit_hsa_id, e.external_ref, w.url";

webhook_delivery delivery_of(const sql::statement& st) {
  webhook_delivery d;
  d.id = st.integer(0);
  d.webhook_id = st.integer(1);
  d.status = st.text(2);
  d.attempts = st.integer(3);
  d.last_status = st.integer_or_null(4);
  d.last_error = st.text_or_null(5);
  d.delivered_at = st.text_or_null(6);
  d.created_at = st.text(7);
  d.updated_at = st.text(8);
  d.e.id = st.integer(9);
  d.e.event = st.text(10);
  d.e.created_at = st.text(11);
  d.e.state = st.text(12);
  d.e.instance_id = st.integer(13);
  d.e.template_id = st.integer(14);
  d.e.unit_hsa_id = st.text_or_null(15);
  d.e.external_ref = st.text_or_null(16);
  d.url = st.text(17);
  return d;
}

}  // namespace

int64_t webhook_repo::create(int64_t unit, std::string_view url, const std::vector<std::string>& events, std::string_view secret) {
  return c_.prepare("INSERT INTO webhooks (unit_id, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
      .args(unit, url, events_text(events), secret, now_)
      .returned_id();
}

std::vector<webhook> webhook_repo::at_unit(int64_t unit) {
  sql::statement st = c_.prepare("SELECT id, unit_id, url, events, created_at FROM webhooks WHERE unit_id = ? AND deleted_at IS NULL ORDER BY id");
  st.args(unit);
  std::vector<webhook> out;
  while (st.step()) out.push_back(webhook{st.integer(0), st.integer(1), st.text(2), st.text(4), events_of(st.text(3))});
  return out;
}

bool webhook_repo::remove(int64_t id, int64_t unit) {
  // Kept (ids are never used again, nor the deliveries' job keys), without its secret; what it had
  // pending is failed, so that its jobs find nothing to send.
  if (c_.prepare("UPDATE webhooks SET deleted_at = ?, secret = '' WHERE id = ? AND unit_id = ? AND deleted_at IS NULL")
          .args(now_, id, unit)
          .execute() != 1)
    return false;
  c_.prepare(
        "UPDATE webhook_deliveries SET status = 'failed', last_error = 'the webhook was deleted', updated_at = ? "
        "WHERE webhook_id = ? AND status = 'pending'")
      .args(now_, id)
      .run();
  return true;
}

int64_t webhook_repo::emit(std::string_view event, const std::vector<int64_t>& instances) {
  int64_t added = 0;
  const std::string pattern = wants(event);
  for_each_batch(instances.size(), [&](size_t first, size_t count) {
    // The events of the forms whose unit has a subscription that wants them...
    sql::statement ev = c_.prepare(
        "INSERT INTO webhook_events (event, unit_id, instance_id, unit_hsa_id, template_id, state, external_ref, created_at) "
        "SELECT ?, i.unit_id, i.id, u.hsa_id, v.template_id, i.state, i.external_ref, ? FROM instances i "
        "JOIN units u ON u.id = i.unit_id JOIN template_versions v ON v.id = i.version_id WHERE i.id IN " +
        placeholders(count) + " AND EXISTS (SELECT 1 FROM webhooks w WHERE w.unit_id = i.unit_id AND w.deleted_at IS NULL AND w.events LIKE ?) RETURNING id");
    int k = 0;
    ev.bind(++k, event);
    ev.bind(++k, now_);
    for (size_t i = first; i < first + count; ++i) ev.bind(++k, instances[i]);
    ev.bind(++k, pattern);
    std::vector<int64_t> events;
    while (ev.step()) events.push_back(ev.integer(0));
    // ...a delivery of each to each such subscription, and the deliveries' jobs, due now.
    for_each_batch(events.size(), [&](size_t f, size_t n) {
      sql::statement dl = c_.prepare(
          "INSERT INTO webhook_deliveries (webhook_id, event_id, created_at, updated_at) SELECT w.id, e.id, ?, ? "
          "FROM webhook_events e JOIN webhooks w ON w.unit_id = e.unit_id AND w.deleted_at IS NULL AND w.events LIKE ? WHERE e.id IN " +
          placeholders(n) + " RETURNING id");
      int j = 0;
      dl.bind(++j, now_);
      dl.bind(++j, now_);
      dl.bind(++j, pattern);
      for (size_t i = f; i < f + n; ++i) dl.bind(++j, events[i]);
      std::vector<int64_t> deliveries;
      while (dl.step()) deliveries.push_back(dl.integer(0));
      added += static_cast<int64_t>(deliveries.size());
      for_each_batch(deliveries.size(), [&](size_t g, size_t m) {
        sql::statement jobs = c_.prepare("INSERT INTO jobs (kind, key, due_at) VALUES " + value_rows(m, 0, "('webhook', ?, ?)"));
        int q = 0;
        for (size_t i = g; i < g + m; ++i) {
          jobs.bind(++q, std::to_string(deliveries[i]));
          jobs.bind(++q, now_);
        }
        jobs.run();
      });
    });
  });
  return added;
}

int64_t webhook_repo::emit_for_dispatch(std::string_view event, int64_t dispatch) {
  // Nothing to read when the dispatch's unit has no subscription that wants the event.
  sql::statement st = c_.prepare(
      "SELECT i.id FROM instances i WHERE i.dispatch_id = ? AND EXISTS "
      "(SELECT 1 FROM webhooks w WHERE w.unit_id = i.unit_id AND w.deleted_at IS NULL AND w.events LIKE ?) ORDER BY i.id");
  st.args(dispatch, wants(event));
  std::vector<int64_t> ids;
  while (st.step()) ids.push_back(st.integer(0));
  st.reset();
  return emit(event, ids);
}

std::optional<webhook_delivery> webhook_repo::for_delivery(int64_t id) {
  sql::statement st = c_.prepare(std::string("SELECT ") + kDeliveryColumns +
                                 ", w.secret FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id "
                                 "JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ?");
  st.args(id);
  if (!st.step()) return std::nullopt;
  webhook_delivery d = delivery_of(st);
  d.secret = st.text(18);
  return d;
}

void webhook_repo::mark(int64_t id, std::string_view status, int64_t attempts, std::optional<int64_t> http_status, std::string_view error) {
  c_.prepare(
        "UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, updated_at = ?, "
        "delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END WHERE id = ?")
      .args(status, attempts, http_status, error.empty() ? std::nullopt : std::optional<std::string>(error), now_, status, now_, id)
      .run();
}

std::vector<webhook_delivery> webhook_repo::deliveries(int64_t webhook, int64_t before, int64_t limit) {
  sql::statement st = c_.prepare(std::string("SELECT ") + kDeliveryColumns +
                                 " FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id "
                                 "JOIN webhooks w ON w.id = d.webhook_id WHERE d.webhook_id = ? AND d.id < ? ORDER BY d.id DESC LIMIT ?");
  st.args(webhook, before, limit);
  std::vector<webhook_delivery> out;
  while (st.step()) out.push_back(delivery_of(st));
  return out;
}

}  // namespace blankett::server
