// The error-path JSON scanner: first syntax error, pointer -> offset, offset -> line:column.
#include "json/scanner.h"

#include <algorithm>
#include <cstddef>

#include "text/utf8.h"

namespace blankett::json {
namespace {

bool is_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One pass over a document. Calls on_value(pointer, key_offset, value_offset) for every value when
// `pointers` is wanted; stops at the first error.
class scanner {
 public:
  scanner(std::string_view text, uint32_t max_depth, bool track) : t_(text), max_depth_(max_depth), track_(track) {}

  scan_error run();
  std::vector<std::pair<std::string, located>> seen;  // filled when tracking

 private:
  struct frame {
    char kind;       // '{' or '['
    size_t index;    // element index (arrays)
    size_t ptr_len;  // length of the pointer of this container
  };

  bool fail(diag_code code, size_t at, std::string_view expected = {}) {
    if (!err_.found) err_ = {true, code, at, expected};
    return false;
  }
  bool end_or(std::string_view expected) {
    return pos_ >= t_.size() ? fail(diag_code::json_unexpected_end, t_.size()) : fail(diag_code::json_syntax, pos_, expected);
  }
  void skip_ws() {
    while (pos_ < t_.size() && is_ws(t_[pos_])) ++pos_;
  }
  bool string(std::string* decoded);
  bool number();
  bool literal(std::string_view word);
  void record(size_t key_at, size_t value_at) {
    if (track_) seen.push_back({ptr_, located{value_at, key_at}});
  }

  std::string_view t_;
  uint32_t max_depth_;
  bool track_;
  size_t pos_ = 0;
  std::string ptr_;
  scan_error err_;
};

bool scanner::string(std::string* decoded) {
  // At the opening quote.
  ++pos_;
  while (true) {
    if (pos_ >= t_.size()) return fail(diag_code::json_unexpected_end, t_.size());
    const auto c = static_cast<unsigned char>(t_[pos_]);
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c < 0x20) return fail(diag_code::json_syntax, pos_, "a character (control characters must be escaped)");
    if (c == '\\') {
      if (pos_ + 1 >= t_.size()) return fail(diag_code::json_unexpected_end, t_.size());
      const char e = t_[pos_ + 1];
      uint32_t cp = 0;
      switch (e) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u': {
          auto read4 = [&](size_t at, uint32_t& v) {
            if (at + 4 > t_.size()) return false;
            v = 0;
            for (size_t i = 0; i < 4; ++i) {
              const int h = hex(t_[at + i]);
              if (h < 0) return false;
              v = v * 16 + static_cast<uint32_t>(h);
            }
            return true;
          };
          if (!read4(pos_ + 2, cp)) {
            if (pos_ + 6 > t_.size()) return fail(diag_code::json_unexpected_end, t_.size());
            return fail(diag_code::json_syntax, pos_, "four hex digits after \\u");
          }
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t lo = 0;
            if (pos_ + 8 <= t_.size() && t_[pos_ + 6] == '\\' && t_[pos_ + 7] == 'u' && read4(pos_ + 8, lo) &&
                lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              pos_ += 6;
            } else {
              return fail(diag_code::json_syntax, pos_, "a low surrogate \\uDC00-\\uDFFF after a high surrogate");
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail(diag_code::json_syntax, pos_, "a high surrogate before a low surrogate");
          }
          pos_ += 4;
          break;
        }
        default: return fail(diag_code::json_syntax, pos_, "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
      }
      if (decoded) utf8::append(*decoded, cp);
      pos_ += 2;
      continue;
    }
    const size_t start = pos_;
    uint32_t cp = 0;
    if (!utf8::decode(t_, pos_, cp)) return fail(diag_code::json_invalid_utf8, pos_);
    if (decoded) decoded->append(t_.substr(start, pos_ - start));
  }
}

bool scanner::number() {
  const auto digit = [&](size_t at) { return at < t_.size() && t_[at] >= '0' && t_[at] <= '9'; };
  if (t_[pos_] == '-') ++pos_;
  if (!digit(pos_)) return end_or("a digit");
  if (t_[pos_] == '0') {
    ++pos_;
    if (digit(pos_)) return fail(diag_code::json_syntax, pos_, "no leading zeros in a number");
  } else {
    while (digit(pos_)) ++pos_;
  }
  if (pos_ < t_.size() && t_[pos_] == '.') {
    ++pos_;
    if (!digit(pos_)) return end_or("a digit after the decimal point");
    while (digit(pos_)) ++pos_;
  }
  if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
    ++pos_;
    if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
    if (!digit(pos_)) return end_or("a digit in the exponent");
    while (digit(pos_)) ++pos_;
  }
  return true;
}

bool scanner::literal(std::string_view word) {
  for (size_t i = 0; i < word.size(); ++i) {
    if (pos_ + i >= t_.size()) return fail(diag_code::json_unexpected_end, t_.size());
    if (t_[pos_ + i] != word[i]) return fail(diag_code::json_syntax, pos_, "a value");
  }
  pos_ += word.size();
  return true;
}

scan_error scanner::run() {
  std::vector<frame> stack;
  if (t_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a UTF-8 byte order mark is ignored
  size_t key_at = std::string_view::npos;
  // Parse one value, then unwind containers; an explicit stack instead of recursion.
  while (true) {
    skip_ws();
    if (pos_ >= t_.size()) return end_or("a value"), err_;
    const size_t value_at = pos_;
    record(key_at, value_at);
    const char c = t_[pos_];
    bool opened = false;
    if (c == '{' || c == '[') {
      if (stack.size() + 1 > max_depth_) return fail(diag_code::json_too_deep, pos_), err_;
      stack.push_back({c, 0, ptr_.size()});
      ++pos_;
      skip_ws();
      if (pos_ < t_.size() && t_[pos_] == (c == '{' ? '}' : ']')) {
        ++pos_;
        stack.pop_back();
      } else {
        opened = true;
      }
    } else if (c == '"') {
      if (!string(nullptr)) return err_;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      if (!number()) return err_;
    } else if (c == 't') {
      if (!literal("true")) return err_;
    } else if (c == 'f') {
      if (!literal("false")) return err_;
    } else if (c == 'n') {
      if (!literal("null")) return err_;
    } else {
      fail(diag_code::json_syntax, pos_, "a value");
      return err_;
    }

    // After a value: either start the first member of a just-opened container, or continue the
    // enclosing one, closing containers as they end.
    bool need_value = false;
    if (opened) {
      frame& f = stack.back();
      if (f.kind == '[') {
        pointer_append(ptr_, size_t{0});
        key_at = std::string_view::npos;
        need_value = true;
      }
      // objects fall through to the member reader below with need_value false
    }
    while (!need_value) {
      if (stack.empty()) {
        skip_ws();
        if (pos_ < t_.size()) fail(diag_code::json_syntax, pos_, "the end of the document");
        return err_;
      }
      frame& f = stack.back();
      skip_ws();
      const bool first_member = opened && f.kind == '{';
      opened = false;
      if (!first_member) {
        if (pos_ >= t_.size()) return end_or(""), err_;
        const char close = f.kind == '{' ? '}' : ']';
        if (t_[pos_] == close) {
          ++pos_;
          ptr_.resize(f.ptr_len);
          stack.pop_back();
          continue;
        }
        if (t_[pos_] != ',') return fail(diag_code::json_syntax, pos_, f.kind == '{' ? "',' or '}'" : "',' or ']'"), err_;
        ++pos_;
        skip_ws();
      }
      ptr_.resize(f.ptr_len);
      if (f.kind == '[') {
        pointer_append(ptr_, ++f.index);
        key_at = std::string_view::npos;
      } else {
        if (pos_ >= t_.size()) return end_or(""), err_;
        if (t_[pos_] != '"') return fail(diag_code::json_syntax, pos_, "a member name in double quotes"), err_;
        key_at = pos_;
        std::string key;
        if (!string(track_ ? &key : nullptr)) return err_;
        skip_ws();
        if (pos_ >= t_.size()) return end_or(""), err_;
        if (t_[pos_] != ':') return fail(diag_code::json_syntax, pos_, "':'"), err_;
        ++pos_;
        if (track_) pointer_append(ptr_, key);
      }
      need_value = true;
    }
  }
}

}  // namespace

scan_error find_error(std::string_view text, uint32_t max_depth) {
  scanner s(text, max_depth, false);
  return s.run();
}

std::vector<located> locate(std::string_view text, const std::vector<wanted>& pointers) {
  std::vector<located> out(pointers.size());
  if (pointers.empty()) return out;
  scanner s(text, UINT32_MAX, true);
  (void)s.run();
  // Sorted lookup; occurrences of a repeated key are counted in document order.
  std::vector<size_t> order(pointers.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return pointers[a].pointer < pointers[b].pointer; });
  std::vector<uint32_t> seen_count(pointers.size(), 0);
  for (const auto& [ptr, loc] : s.seen) {
    auto it = std::lower_bound(order.begin(), order.end(), ptr,
                               [&](size_t i, const std::string& p) { return pointers[i].pointer < p; });
    for (; it != order.end() && pointers[*it].pointer == ptr; ++it) {
      if (seen_count[*it]++ == pointers[*it].occurrence) out[*it] = loc;
    }
  }
  return out;
}

void line_column(std::string_view text, size_t offset, uint32_t& line, uint32_t& column) {
  offset = std::min(offset, text.size());
  line = 1;
  column = 1;
  for (size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;  // count characters: skip UTF-8 continuation bytes
    }
  }
}

// The raw offset, in the JSON text, of byte `decoded` of the string value whose quote is at `quote`
// (expressions report positions in their decoded text; escapes make the two differ).
static size_t inside_string(std::string_view text, size_t quote, size_t decoded) {
  size_t raw = quote + 1, seen = 0;
  while (raw < text.size() && text[raw] != '"' && seen < decoded) {
    if (text[raw] == '\\' && raw + 1 < text.size()) {
      if (text[raw + 1] == 'u' && raw + 5 < text.size()) {
        uint32_t cp = 0;
        for (size_t i = 2; i < 6; ++i) cp = cp * 16 + static_cast<uint32_t>(std::max(hex(text[raw + i]), 0));
        const size_t surrogate = cp >= 0xD800 && cp <= 0xDBFF ? 6 : 0;
        seen += cp < 0x80 ? 1 : cp < 0x800 ? 2 : surrogate ? 4 : 3;
        raw += 6 + surrogate;
      } else {
        seen += 1;
        raw += 2;
      }
    } else {
      ++seen;
      ++raw;
    }
  }
  return raw;
}

void locate_diagnostics(std::string_view text, std::vector<diagnostic>& diags) {
  std::vector<wanted> want;
  for (const auto& d : diags) {
    if (d.line == 0) want.push_back({d.pointer, d.occurrence});
    if (!d.related_pointer.empty()) want.push_back({d.related_pointer, 0});
  }
  if (want.empty()) return;
  const auto where = locate(text, want);
  // Offsets to fill, then one pass over the text for all of them (not one pass each).
  struct target {
    size_t offset;
    uint32_t* line;
    uint32_t* column;
  };
  std::vector<target> targets;
  size_t k = 0;
  for (auto& d : diags) {
    if (d.line == 0) {
      const located& l = where[k++];
      size_t at = d.at_key && l.key != std::string_view::npos ? l.key : l.value;
      if (at == std::string_view::npos) at = 0;
      if (d.inner > 0 && at < text.size() && text[at] == '"') at = inside_string(text, at, d.inner - 1);
      targets.push_back({at, &d.line, &d.column});
    }
    if (!d.related_pointer.empty()) {
      const located& l = where[k++];
      targets.push_back({l.value == std::string_view::npos ? 0 : l.value, &d.related_line, &d.related_column});
    }
  }
  std::sort(targets.begin(), targets.end(), [](const target& a, const target& b) { return a.offset < b.offset; });
  uint32_t line = 1, column = 1;
  size_t pos = 0;
  for (const target& t : targets) {
    for (; pos < t.offset && pos < text.size(); ++pos) {
      const auto c = static_cast<unsigned char>(text[pos]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column;
      }
    }
    *t.line = line;
    *t.column = column;
  }
}

}  // namespace blankett::json
