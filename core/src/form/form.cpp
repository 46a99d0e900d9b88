// Lookups on a loaded form: the item id index, choice values, matrix rows, languages.
#include "blankett/form.h"

#include <cstring>

namespace blankett {
namespace {

uint32_t hash_id(std::string_view s) noexcept {
  uint32_t h = 2166136261u;  // FNV-1a
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

}  // namespace

void id_index::build(const std::vector<item>& items) {
  size_t cap = 16;
  while (cap < items.size() * 2) cap <<= 1;
  slots_.assign(cap, 0);
  mask_ = static_cast<uint32_t>(cap - 1);
  for (uint32_t i = 0; i < items.size(); ++i) {
    uint32_t s = hash_id(items[i].id) & mask_;
    while (slots_[s] != 0) s = (s + 1) & mask_;
    slots_[s] = i + 1;
  }
}

int32_t id_index::find(const std::vector<item>& items, std::string_view id) const noexcept {
  if (slots_.empty()) return -1;
  uint32_t s = hash_id(id) & mask_;
  while (const uint32_t v = slots_[s]) {
    if (items[v - 1].id == id) return static_cast<int32_t>(v - 1);
    s = (s + 1) & mask_;
  }
  return -1;
}

void choice_set::index_values() noexcept {
  by_char.fill(-1);
  for (size_t i = 0; i < choices.size() && i < 32767; ++i) {
    const std::string& v = choices[i].value;
    if (v.size() == 1 && static_cast<unsigned char>(v[0]) < 128 && by_char[static_cast<size_t>(v[0])] < 0)
      by_char[static_cast<size_t>(v[0])] = static_cast<int16_t>(i);
  }
}

int32_t choice_set::find(std::string_view value) const noexcept {
  if (value.size() == 1 && static_cast<unsigned char>(value[0]) < 128) return by_char[static_cast<size_t>(value[0])];
  // Values are short and usually differ in their first byte: check that before comparing the rest.
  if (value.empty()) return -1;
  for (size_t i = 0; i < choices.size(); ++i) {
    const std::string& v = choices[i].value;
    if (v.size() == value.size() && v[0] == value[0] && std::memcmp(v.data(), value.data(), v.size()) == 0)
      return static_cast<int32_t>(i);
  }
  return -1;
}

int32_t item::find_row(std::string_view row_id) const noexcept {
  for (size_t i = 0; i < rows.size(); ++i)
    if (rows[i].id == row_id) return static_cast<int32_t>(i);
  return -1;
}

bool form::has_language(std::string_view lang) const noexcept {
  for (const auto& l : languages)
    if (l == lang) return true;
  return false;
}

std::string_view alert_severity_name(alert_severity s) noexcept {
  switch (s) {
    case alert_severity::info: return "info";
    case alert_severity::warning: return "warning";
    case alert_severity::critical: return "critical";
  }
  return "";
}

std::string_view media_type_name(media_type m) noexcept {
  switch (m) {
    case media_pdf: return "application/pdf";
    case media_jpeg: return "image/jpeg";
    case media_png: return "image/png";
    default: return "";
  }
}

}  // namespace blankett
