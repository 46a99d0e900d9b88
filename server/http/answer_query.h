// The answers a request's query selects (docs/api.md, GET /api/v1/answers): shared by the list, gallring,
// reminders and the CSV export.
#pragma once

#include <string>

#include "http/app.h"
#include "http/session.h"
#include "store/model.h"

namespace blankett::server {

// The filter of the request's query parameters at the session's unit; 400 naming the parameter when
// one is malformed.
answer_filter filter_of(app& a, const http::request& req, const session_info& se);
// What the filter selects, for the audit log: the kinds of filter, never a number or name searched for.
std::string filter_details(const answer_filter& f);

}  // namespace blankett::server
