// Webhooks: form events signed with HMAC-SHA256 and POSTed to a unit's subscribed URLs by a job, tried
// again with growing waits for 24 hours (docs/api.md, "Webhooks").
//
// An event is written in the transaction of the change that causes it (webhook_repo::emit), with a
// delivery and its job per subscription; the job POSTs outside any transaction and records what came
// of it in the transaction that finishes the job. A delivered delivery is never sent again; a node
// that dies between the POST and that commit leaves the job to be claimed again once its lease is over,
// so a receiver may get an event twice and de-duplicates on its `id`.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "jobs.h"

namespace blankett::server {

inline constexpr std::array<std::string_view, 5> kWebhookEvents = {"FormCreated", "FormCompleted", "FormCancelled", "FormDocumented",
                                                                     "FormDeleted"};
bool valid_webhook_event(std::string_view event);

// Why `url` cannot be a webhook's address ("" when it can): an absolute https URL without user or
// password, or http to a loopback host when `loopback_http` (the test clock) allows it.
std::string webhook_url_refusal(std::string_view url, bool loopback_http);

// The body of a delivery: {"id", "event", "created_at", "form", "unit", "template", "state", "external_ref"}.
std::string webhook_body(const webhook_event& e);
// The Blankett-Signature header's value: "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">".
std::string webhook_signature(std::string_view secret, int64_t unix_seconds, std::string_view body);

// The deliveries' job: one delivery a job, POSTed with a 10-second timeout and no redirects; a 2xx
// answer marks it delivered; otherwise it is tried again after 1, 5 and 15 minutes, 1, 3 and 6 hours
// and then every 6 hours, and marked failed once 24 hours have passed since the event.
job_runner::kind webhook_job(store& db);

}  // namespace blankett::server
