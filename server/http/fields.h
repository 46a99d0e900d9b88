// Reading a request: fields of a JSON body, path parameters and query numbers, each with the API's
// error (400 naming the field, 404 for an id that cannot be one) when it is missing or mistyped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"
#include "simdjson.h"

namespace blankett::server {

std::string_view field_text(simdjson::dom::element obj, std::string_view key, bool required = true);
std::optional<int64_t> field_int(simdjson::dom::element obj, std::string_view key, bool required = true);
std::optional<bool> field_bool(simdjson::dom::element obj, std::string_view key);
// An e-mail address to set or remove: nullopt when the field is absent; an empty value when it is null
// or "" (remove it); else the address, checked (400 request.value naming the field otherwise).
std::optional<std::optional<std::string>> field_email(simdjson::dom::element obj, std::string_view key);
// A path parameter as a positive integer id (404 otherwise).
int64_t path_id(const http::request& req, size_t index);
// A query parameter as an integer in [lo, hi]; nullopt when absent, 400 when out of range.
std::optional<int64_t> query_int(const http::request& req, const char* name, int64_t lo, int64_t hi);

}  // namespace blankett::server
