// Attachments: sniffing, names, checks against the answers, downloads, pruning.
#include "http/attachments.h"

#include <algorithm>
#include <cstdlib>

#include "http/errors.h"

namespace blankett::server {
namespace {

// Decodes one UTF-8 code point at s[i] (the name was checked as text before it was stored; a broken
// sequence is one replacement).
uint32_t next_code_point(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (n == 0 || i + n > s.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += n;
  return cp;
}

// Control, format and bidirectional characters: invisible, or they reorder what is shown.
bool invisible(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || cp == 0x061C || cp == 0x180E ||
         (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
         cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFFFD ||
         (cp >= 0xE0000 && cp <= 0xE007F) || (cp >= 0xD800 && cp <= 0xDFFF);
}

bool kept_ascii(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '_' ||
         c == '(' || c == ')';
}

}  // namespace

std::string_view sniff_media_type(std::string_view b) {
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return "image/jpeg";
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  return {};
}

std::string_view media_extension(std::string_view media_type) {
  if (media_type == "application/pdf") return ".pdf";
  if (media_type == "image/jpeg") return ".jpg";
  if (media_type == "image/png") return ".png";
  return "";
}

std::string clean_file_name(std::string_view name, std::string_view media_type) {
  if (const size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) name = name.substr(slash + 1);
  if (const size_t dot = name.rfind('.'); dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  std::string stem;
  for (size_t i = 0; i < name.size();) {
    const size_t at = i;
    const uint32_t cp = next_code_point(name, i);
    if (invisible(cp)) continue;
    if (cp < 0x80) stem += kept_ascii(static_cast<char>(cp)) ? static_cast<char>(cp) : '_';
    else if (stem.size() + (i - at) <= 100) stem.append(name.substr(at, i - at));
    else break;
    if (stem.size() >= 100) break;
  }
  // No runs of '_' or spaces at the ends.
  while (!stem.empty() && (stem.back() == ' ' || stem.back() == '_')) stem.pop_back();
  const size_t first = stem.find_first_not_of(" _");
  stem = first == std::string::npos ? std::string() : stem.substr(first);
  if (stem.empty()) stem = "bilaga";
  return stem + std::string(media_extension(media_type));
}

std::string content_disposition(std::string_view name) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    ascii += c < 0x80 && c != '"' && c != '\\' ? static_cast<char>(c) : '_';
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

void check_attachments(tx& t, const form& f, int64_t instance, simdjson::dom::object answers) {
  for (auto field_pair : answers) {
    const std::string_view key = field_pair.key;
    const simdjson::dom::element value = field_pair.value;
    const int32_t item = f.find_item(key);
    if (item < 0 || f.items[static_cast<size_t>(item)].type != item_type::attachment || value.is_null()) continue;
    auto check_one = [&](simdjson::dom::element file) {
      const std::string field = "answers." + std::string(key);
      if (!file.is_object()) return;  // a type problem: the core reports it
      auto id = file["id"];
      if (id.error() || !id.value_unsafe().is_string())
        throw api_error{400, "form.attachment", "Upload the file first; an attachment answer names the uploaded file's id.", field};
      const std::string id_text(id.value_unsafe().get_string().value_unsafe());
      char* end = nullptr;
      const long long file_id = std::strtoll(id_text.c_str(), &end, 10);
      auto type = file["media_type"];
      auto size = file["size"];
      const auto stored = !id_text.empty() && *end == '\0' && file_id > 0 ? t.attachments().meta(file_id, instance, key) : std::nullopt;
      if (!stored || type.error() || !type.value_unsafe().is_string() || size.error() || !size.value_unsafe().is_uint64() ||
          stored->media_type != type.value_unsafe().get_string().value_unsafe() ||
          static_cast<uint64_t>(stored->size) != size.value_unsafe().get_uint64().value_unsafe())
        throw api_error{400, "form.attachment", "The attachment does not match an uploaded file.", field};
    };
    if (value.is_array()) {
      const simdjson::dom::array files = value.get_array().value_unsafe();
      for (simdjson::dom::element e : files) check_one(e);
    } else {
      check_one(value);
    }
  }
}

void send_attachment(const std::optional<attachment_file>& file, http::response& res) {
  if (!file) throw api_error{404, "not_found", "No such attachment.", ""};
  res.status = 200;
  // Named again from the stored name and the type, so that files stored before names were cleaned
  // are safe too.
  res.set_header("Content-Disposition", content_disposition(clean_file_name(file->name, file->media_type)));
  res.set_content(file->content, file->media_type);
}

bool has_attachment_items(const form& f) {
  return std::any_of(f.items.begin(), f.items.end(), [](const auto& it) { return it.type == item_type::attachment; });
}

std::vector<int64_t> referenced_files(std::string_view answers) {
  std::vector<int64_t> keep;
  simdjson::dom::parser parser;
  auto doc = parser.parse(answers.data(), answers.size());
  if (doc.error() || !doc.value_unsafe().is_object()) return keep;
  const simdjson::dom::object obj = doc.value_unsafe().get_object().value_unsafe();
  auto collect = [&](simdjson::dom::element e) {
    if (!e.is_object()) return;
    auto id = e["id"];
    if (!id.error() && id.value_unsafe().is_string())
      keep.push_back(std::strtoll(std::string(id.value_unsafe().get_string().value_unsafe()).c_str(), nullptr, 10));
  };
  for (auto [k, v] : obj) {
    (void)k;
    if (v.is_array()) {
      const simdjson::dom::array files = v.get_array().value_unsafe();
      for (simdjson::dom::element e : files) collect(e);
    } else {
      collect(v);
    }
  }
  return keep;
}

void prune_attachments(tx& t, int64_t instance, const std::string& answers, const std::vector<std::string>* items) {
  const std::vector<int64_t> keep = referenced_files(answers);
  for (const attachment_meta& m : t.attachments().of_instance(instance)) {
    if (std::find(keep.begin(), keep.end(), m.id) != keep.end()) continue;
    if (items && std::find(items->begin(), items->end(), m.item) == items->end()) continue;
    t.attachments().remove(m.id);
  }
}

}  // namespace blankett::server
