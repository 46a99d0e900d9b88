// The API's JSON errors.
#include "http/errors.h"

#include "blankett/json_writer.h"

namespace blankett::server {

std::string error_json(const api_error& e) {
  std::string out;
  json_writer w(out);
  w.begin_object().key("error").begin_object();
  w.key("code").value(std::string_view(e.code));
  w.key("message").value(std::string_view(e.message));
  if (!e.field.empty()) w.key("field").value(std::string_view(e.field));
  w.end_object().end_object();
  return out;
}

void send_json(http::response& res, int status, const std::string& json) {
  res.status = status;
  res.set_content(json, "application/json; charset=utf-8");
}

void send_busy(http::response& res) {
  send_json(res, 503, error_json({503, "server.busy", "The server is busy; try again.", ""}));
}

}  // namespace blankett::server
