// A list of recipients as sending (a dispatch, a package, a record system's form) reads it:
// personnummer checked without the database, then looked up (who can be sent to, who has logged in,
// which notifications they have), and new citizen records for numbers seen the first time; and the
// rest of a sending's fields (banner, dates, the version to send). Shared by dispatch_routes.cpp,
// package_routes.cpp and record_routes.cpp, so that all refuse and advise alike.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/app.h"

namespace blankett::server {

constexpr size_t kMaxRecipients = 1000;

// Each number in either written form, the same person twice refused the second time. `numbers[i]`
// is twelve digits, or empty with a refusal code in `refused[i]`.
struct recipient_list {
  std::vector<std::string> numbers, refused;
};
// The body's "recipients": 1–1000 entries, else 400.
recipient_list read_recipients(app& a, simdjson::dom::element b);
// The body's `field`, one personnummer (a string, else 400 naming the field), as a list of one checked as above.
recipient_list read_recipient(app& a, simdjson::dom::element b, std::string_view field);

// The banner text (formulärmeddelande, the body's "message") within its length; nullopt when empty.
std::optional<std::string> banner_of(simdjson::dom::element b);
// Besvaras senast and gallras efter ("answer_by", "delete_after"): given (YYYY-MM-DD, answer-by not
// in the past) or the defaults (policy.h).
struct dates {
  std::string answer_by, delete_after;
};
dates dates_of(app& a, simdjson::dom::element b);
// The newest published version of the template the unit may send; 404 or 409 (field "template").
int64_t sendable_version(tx& t, int64_t template_id, int64_t unit);

// What a sender learns of each recipient: sendable (with whether they have logged in and which
// notifications they have turned on) or refused with a code. Protected identity and a locked login
// get the same code, recipient.unreachable, so that a sender cannot tell them apart by probing
// numbers; either way the person is reached with a form link or by other means.
struct outcome {
  std::string code;  // empty when sendable
  int64_t citizen = 0, instance = 0;
  bool known = false, logged_in = false, email = false, sms = false;
};
std::vector<outcome> look_up(tx& t, const recipient_list& r);

// Creates citizen records for the sendable numbers not known yet, fills in every sendable outcome's
// citizen, and returns those citizens in list order.
std::vector<int64_t> citizens_of(tx& t, const recipient_list& r, std::vector<outcome>& outcomes);

// "recipients": each outcome, the sendable ones with `status` (and, when given, their instance);
// returns how many were sendable.
int64_t write_outcomes(json_writer& w, const std::vector<outcome>& outcomes, std::string_view status, bool with_instance);

}  // namespace blankett::server
