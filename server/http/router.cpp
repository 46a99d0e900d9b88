// The route table and its matching, segment by segment.
#include "http/router.h"

#include <cassert>

namespace blankett::server::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path[0] != '/') return out;
  size_t i = 1;
  while (true) {
    const size_t slash = path.find('/', i);
    out.push_back(path.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i));
    if (slash == std::string_view::npos) break;
    i = slash + 1;
  }
  return out;
}

bool valid_id_segment(std::string_view s) {
  if (s.empty() || s.size() > 18 || s[0] == '0') return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

bool segments_match(const route& r, const std::vector<std::string_view>& parts, std::vector<std::string>* params) {
  if (parts.size() != r.segments.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const auto& seg = r.segments[i];
    const bool ok = seg.k == route::segment::kind::literal ? parts[i] == seg.text
                    : seg.k == route::segment::kind::id    ? valid_id_segment(parts[i])
                                                           : valid_name_segment(parts[i]);
    if (!ok) return false;
  }
  if (params) {
    params->clear();
    for (size_t i = 0; i < parts.size(); ++i)
      if (r.segments[i].k != route::segment::kind::literal) params->emplace_back(parts[i]);
  }
  return true;
}

}  // namespace

bool valid_name_segment(std::string_view s) {
  if (s.empty() || s.size() > 64 || !letter(s[0])) return false;
  for (char c : s)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.' && c != '-') return false;
  return true;
}

void router::add(std::string_view method, std::string_view pattern, handler fn, size_t max_body) {
  route r;
  r.method = std::string(method);
  r.pattern = std::string(pattern);
  r.fn = std::move(fn);
  r.max_body = max_body;
  for (std::string_view part : split_path(pattern)) {
    if (part == "{id}") r.segments.push_back({route::segment::kind::id, {}});
    else if (part == "{name}") r.segments.push_back({route::segment::kind::name, {}});
    else {
      assert(part.find('{') == std::string_view::npos && "unknown parameter kind in a route pattern");
      r.segments.push_back({route::segment::kind::literal, std::string(part)});
    }
  }
  assert(!r.segments.empty() && "a route pattern starts with /");
  routes_.push_back(std::move(r));
}

router::match_result router::match(std::string_view method, std::string_view path, std::vector<std::string>& params) const {
  const std::string_view m = method == "HEAD" ? std::string_view("GET") : method;
  const std::vector<std::string_view> parts = split_path(path);
  match_result out;
  for (const route& r : routes_) {
    if (r.method != m) continue;
    if (segments_match(r, parts, &params)) {
      out.found = &r;
      return out;
    }
  }
  for (const route& r : routes_) {
    if (!segments_match(r, parts, nullptr)) continue;
    if (out.allow.find(r.method) != std::string::npos) continue;
    if (!out.allow.empty()) out.allow += ", ";
    out.allow += r.method;
  }
  return out;
}

}  // namespace blankett::server::http
