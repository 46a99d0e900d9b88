// A list of recipients as sending (a dispatch, a package) reads it: personnummer checked without the
// database, then looked up (who can be sent to, who has logged in, which notifications they have),
// and new citizen records for numbers seen the first time. Shared by dispatch_routes.cpp and
// package_routes.cpp, so that both refuse and advise alike.
#pragma once

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
