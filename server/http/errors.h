// The API's errors: what a handler throws, and how it becomes a JSON response.
//
// {"error": {"code", "message", "field"?}}: a stable code for programs and the web apps' texts, an
// English message for developers (never personal data), the request field it concerns.
#pragma once

#include <string>

#include "http/message.h"

namespace blankett::server {

struct api_error {
  int status;
  std::string code, message, field;
};

std::string error_json(const api_error& e);
void send_json(http::response& res, int status, const std::string& json);

// Runs a handler's body: api_error becomes its JSON response; a store that stayed busy 503. Other
// exceptions pass to the transport (a 500 without details, logged).
template <class F>
void guarded(http::response& res, F&& body);

void send_busy(http::response& res);

}  // namespace blankett::server

#include "store/store.h"

namespace blankett::server {

template <class F>
void guarded(http::response& res, F&& body) {
  try {
    body();
  } catch (const api_error& e) {
    send_json(res, e.status, error_json(e));
  } catch (const store_busy&) {
    send_busy(res);
  } catch (const sql::error& e) {
    if (e.retry() || e.kind() == sql::failure::connection) send_busy(res);
    else throw;
  }
}

}  // namespace blankett::server
