// Request fields: JSON body members, path ids, query numbers.
#include "http/fields.h"

#include <cerrno>
#include <cstdlib>
#include <string>

#include "blankett/formats.h"
#include "http/errors.h"

namespace blankett::server {

std::string_view field_text(simdjson::dom::element obj, std::string_view key, bool required) {
  auto v = obj[key];
  if (v.error()) {
    if (!required) return {};
    throw api_error{400, "request.missing", "A required field is missing.", std::string(key)};
  }
  if (!v.value_unsafe().is_string()) throw api_error{400, "request.type", "The field must be a string.", std::string(key)};
  return v.value_unsafe().get_string().value_unsafe();
}

std::optional<int64_t> field_int(simdjson::dom::element obj, std::string_view key, bool required) {
  auto v = obj[key];
  if (v.error()) {
    if (!required) return std::nullopt;
    throw api_error{400, "request.missing", "A required field is missing.", std::string(key)};
  }
  if (!v.value_unsafe().is_int64()) throw api_error{400, "request.type", "The field must be an integer.", std::string(key)};
  return v.value_unsafe().get_int64().value_unsafe();
}

std::optional<bool> field_bool(simdjson::dom::element obj, std::string_view key) {
  auto v = obj[key];
  if (v.error()) return std::nullopt;
  if (!v.value_unsafe().is_bool()) throw api_error{400, "request.type", "The field must be true or false.", std::string(key)};
  return v.value_unsafe().get_bool().value_unsafe();
}

std::optional<std::optional<std::string>> field_email(simdjson::dom::element obj, std::string_view key) {
  auto v = obj[key];
  if (v.error()) return std::nullopt;
  if (v.value_unsafe().is_null()) return std::optional<std::string>();
  std::string e(field_text(obj, key, false));
  if (e.empty()) return std::optional<std::string>();
  if (e.size() > 254 || !valid_email(e))
    throw api_error{400, "request.value", std::string(key) + " is an e-mail address.", std::string(key)};
  return std::optional<std::string>(std::move(e));
}

int64_t path_id(const http::request& req, size_t index) {
  if (index >= req.matches.size()) throw api_error{404, "not_found", "Not found.", ""};
  const std::string& s = req.matches[index];
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v <= 0) throw api_error{404, "not_found", "Not found.", ""};
  return v;
}

std::optional<int64_t> query_int(const http::request& req, const char* name, int64_t lo, int64_t hi) {
  if (!req.has_param(name)) return std::nullopt;
  const std::string v = req.get_param_value(name);
  char* end = nullptr;
  errno = 0;
  const long long n = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || errno == ERANGE || n < lo || n > hi)
    throw api_error{400, "request.value", std::string(name) + " is out of range.", name};
  return n;
}

}  // namespace blankett::server
