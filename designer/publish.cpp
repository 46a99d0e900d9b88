// Publishing from the designer over the server's JSON API (docs/api.md), with cpp-httplib.
#include "publish.h"

#include <httplib.h>

#include "document.h"

namespace blankett::designer {

struct publisher::impl {
  std::unique_ptr<httplib::Client> client;
  std::string cookie, csrf;
  httplib::Headers headers(bool write) const {
    httplib::Headers h{{"Cookie", cookie}};
    if (write) h.emplace("X-CSRF-Token", csrf);
    return h;
  }
};

namespace {

std::string message_of(const httplib::Result& r) {
  if (!r) return "no answer from the server (" + httplib::to_string(r.error()) + ")";
  const json body = json::parse(r->body, nullptr, false);
  if (!body.is_discarded() && body.contains("error") && body["error"].contains("message"))
    return body["error"]["message"].get<std::string>() + " (" + std::to_string(r->status) + ")";
  return "HTTP " + std::to_string(r->status);
}

}  // namespace

publisher::publisher() : p_(std::make_unique<impl>()) {}
publisher::~publisher() = default;

bool publisher::logged_in() const { return !p_->cookie.empty(); }

bool publisher::login(const std::string& url, const std::string& username, const std::string& password, std::string& error) {
  p_->client = std::make_unique<httplib::Client>(url);
  p_->client->set_connection_timeout(5);
  p_->client->set_read_timeout(30);
  const std::string body = json{{"username", username}, {"password", password}}.dump();
  auto r = p_->client->Post("/api/v1/staff/login", body, "application/json");
  if (!r || r->status != 200) {
    error = message_of(r);
    return false;
  }
  const std::string set_cookie = r->get_header_value("Set-Cookie");
  p_->cookie = set_cookie.substr(0, set_cookie.find(';'));
  const json me = json::parse(r->body, nullptr, false);
  p_->csrf = me.value("csrf", std::string());
  unit_.clear();
  if (me.contains("unit") && me["unit"].is_number() && me.contains("units"))
    for (const auto& u : me["units"])
      if (u.value("id", int64_t{0}) == me["unit"].get<int64_t>()) unit_ = u.value("name", std::string());
  if (unit_.empty()) {
    error = "the account has no unit chosen; choose one on the staff pages first";
    p_->cookie.clear();
    return false;
  }
  return true;
}

bool publisher::upload(const std::string& definition, upload_result& out, std::string& error) {
  if (!logged_in()) return error = "not logged in", false;
  auto r = p_->client->Post("/api/v1/templates", p_->headers(true), definition, "application/json");
  if (r && r->status == 422) {
    const json body = json::parse(r->body, nullptr, false);
    out.problems.clear();
    if (!body.is_discarded())
      for (const auto& d : body.value("diagnostics", json::array()))
        out.problems.push_back(std::to_string(d.value("line", 0)) + ":" + std::to_string(d.value("column", 0)) + " " +
                               d.value("message", std::string()) + " (" + d.value("code", std::string()) + ")");
    return true;
  }
  if (!r || r->status != 201) {
    error = message_of(r);
    return false;
  }
  const json body = json::parse(r->body, nullptr, false);
  out.template_id = body.value("id", int64_t{0});
  out.version = body.value("version", int64_t{0});
  out.state = body.value("state", std::string());
  out.problems.clear();
  return true;
}

bool publisher::templates(std::vector<template_row>& out, std::string& error) {
  if (!logged_in()) return error = "not logged in", false;
  auto r = p_->client->Get("/api/v1/templates", p_->headers(false));
  if (!r || r->status != 200) return error = message_of(r), false;
  const json body = json::parse(r->body, nullptr, false);
  out.clear();
  for (const auto& t : body.value("templates", json::array())) {
    template_row row;
    row.id = t.value("id", int64_t{0});
    row.form_id = t.value("form_id", std::string());
    row.name = t.value("name", std::string());
    row.state = t.value("latest_state", std::string());
    row.version = t.value("latest_version", int64_t{0});
    out.push_back(std::move(row));
  }
  return true;
}

bool publisher::fetch(int64_t template_id, std::string& definition, std::string& error) {
  if (!logged_in()) return error = "not logged in", false;
  auto r = p_->client->Get(("/api/v1/templates/" + std::to_string(template_id) + "/export").c_str(), p_->headers(false));
  if (!r || r->status != 200) return error = message_of(r), false;
  definition = r->body;
  return true;
}

}  // namespace blankett::designer
