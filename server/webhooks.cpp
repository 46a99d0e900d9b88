// Webhooks: the signature, the body, the address check and the delivery job (webhooks.h).
#include "webhooks.h"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <memory>

#include "blankett/json_writer.h"
#include "http/address.h"
#include "log.h"

namespace blankett::server {
namespace {

constexpr long kTimeoutSeconds = 10;
constexpr auto kRetriedFor = std::chrono::hours(24);

std::chrono::seconds backoff(int64_t attempts) {
  static constexpr int kMinutes[] = {1, 5, 15, 60, 180, 360};
  const size_t i = static_cast<size_t>(std::clamp<int64_t>(attempts, 1, 6) - 1);
  return std::chrono::minutes(kMinutes[i]);
}

struct curl_deleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct slist_deleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct url_deleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};

size_t discard(char*, size_t size, size_t n, void*) { return size * n; }

// POSTs the body; the HTTP status (0 when there was none) and the error ("" on a 2xx answer).
act_result post(const std::string& url, const std::string& body, const std::string& signature) {
  std::unique_ptr<CURL, curl_deleter> c(curl_easy_init());
  if (!c) return act_result{act_result::state::transient, "curl_easy_init failed"};
  std::unique_ptr<curl_slist, slist_deleter> headers(curl_slist_append(nullptr, "Content-Type: application/json"));
  curl_slist_append(headers.get(), ("Blankett-Signature: " + signature).c_str());
  curl_slist_append(headers.get(), "User-Agent: Blankett-Webhooks/1");
  curl_slist_append(headers.get(), "Expect:");
  curl_easy_setopt(c.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(c.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c.get(), CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c.get(), CURLOPT_TIMEOUT, kTimeoutSeconds);
  curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, discard);
  const CURLcode rc = curl_easy_perform(c.get());
  if (rc != CURLE_OK) return act_result{act_result::state::transient, curl_easy_strerror(rc)};
  long status = 0;
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return act_result{act_result::state::ok, "", status};
  return act_result{act_result::state::transient, "HTTP " + std::to_string(status), status};
}

}  // namespace

bool valid_webhook_event(std::string_view event) {
  return std::find(kWebhookEvents.begin(), kWebhookEvents.end(), event) != kWebhookEvents.end();
}

std::string webhook_url_refusal(std::string_view url, bool loopback_http) {
  if (url.empty() || url.size() > 2000) return "url is an https URL of at most 2000 characters.";
  for (unsigned char ch : url)
    if (ch < 0x21 || ch > 0x7E) return "url is an https URL without spaces or other unsafe characters.";
  std::unique_ptr<CURLU, url_deleter> u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, std::string(url).c_str(), 0) != CURLUE_OK) return "url is not a URL.";
  auto part = [&](CURLUPart p) {
    char* text = nullptr;
    std::string out;
    if (curl_url_get(u.get(), p, &text, 0) == CURLUE_OK && text) out = text;
    curl_free(text);
    return out;
  };
  const std::string scheme = part(CURLUPART_SCHEME), host = part(CURLUPART_HOST);
  if (!part(CURLUPART_USER).empty() || !part(CURLUPART_PASSWORD).empty()) return "url has no user or password.";
  if (host.empty()) return "url has no host.";
  if (scheme == "https") return "";
  std::string bare = host;
  if (bare.size() > 2 && bare.front() == '[' && bare.back() == ']') bare = bare.substr(1, bare.size() - 2);
  if (scheme == "http" && loopback_http && is_loopback_host(bare)) return "";
  return "url is an https URL.";
}

std::string webhook_body(const webhook_event& e) {
  std::string out;
  json_writer w(out);
  w.begin_object().key("id").value(e.id).key("event").value(std::string_view(e.event));
  w.key("created_at").value(std::string_view(e.created_at)).key("form").value(e.instance_id);
  w.key("unit");
  if (e.unit_hsa_id) w.value(std::string_view(*e.unit_hsa_id));
  else w.null();
  w.key("template").value(e.template_id).key("state").value(std::string_view(e.state));
  w.key("external_ref");
  if (e.external_ref) w.value(std::string_view(*e.external_ref));
  else w.null();
  w.end_object();
  return out;
}

std::string webhook_signature(std::string_view secret, int64_t unix_seconds, std::string_view body) {
  const std::string t = std::to_string(unix_seconds);
  crypto_auth_hmacsha256_state st;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(t.data()), t.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  sodium_memzero(&st, sizeof st);
  return "t=" + t + ",v1=" + hex;
}

job_runner::kind webhook_job(store& db) {
  auto id_of = [](const job& j) { return std::strtoll(j.key.c_str(), nullptr, 10); };
  return job_runner::kind{
      "webhook",
      [&db, id_of](const job& j) {
        const auto d = db.read([&](tx& t) { return t.webhooks().for_delivery(id_of(j)); });
        // Delivered already (a node died after its commit), or its subscription was deleted.
        if (!d || d->status != "pending") return act_result{act_result::state::skip, {}};
        const std::string body = webhook_body(d->e);
        const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(db.time().now().time_since_epoch()).count();
        return post(d->url, body, webhook_signature(d->secret, now, body));
      },
      [id_of](tx& t, const job& j, const act_result& acted) {
        const int64_t id = id_of(j);
        if (acted.s == act_result::state::skip) return job_outcome::done();
        const auto d = t.webhooks().for_delivery(id);
        if (!d || d->status != "pending") return job_outcome::done();
        const std::optional<int64_t> status = acted.http_status ? std::optional<int64_t>(acted.http_status) : std::nullopt;
        const std::string delivery = std::to_string(id), hook = std::to_string(d->webhook_id), event = std::to_string(d->e.id),
                          attempts = std::to_string(j.attempts), error = acted.error;
        if (acted.s == act_result::state::ok) {
          t.webhooks().mark(id, "delivered", j.attempts, status, "");
          return job_outcome::done([=] {
            log(log_level::info, "webhook.delivered", {{"delivery", delivery}, {"webhook", hook}, {"event", event}, {"attempts", attempts}});
          });
        }
        const auto now = parse_utc(t.now());
        const auto last = parse_utc(d->e.created_at) + kRetriedFor;
        if (now >= last) {
          t.webhooks().mark(id, "failed", j.attempts, status, acted.error);
          return job_outcome::done([=] {
            log(log_level::error, "webhook.failed", {{"delivery", delivery}, {"webhook", hook}, {"event", event}, {"what", error}});
          });
        }
        t.webhooks().mark(id, "pending", j.attempts, status, acted.error);
        job_outcome o = job_outcome::retry(format_utc(std::min(now + backoff(j.attempts), last)), acted.error);
        o.after_commit = [=] {
          log(log_level::warning, "webhook.retry",
              {{"delivery", delivery}, {"webhook", hook}, {"event", event}, {"attempts", attempts}, {"what", error}});
        };
        return o;
      },
      // Longer than a POST may take (10 s), so that no other node takes a delivery while it is sent.
      std::chrono::seconds(60)};
}

}  // namespace blankett::server
