// The pattern engine: a recursive-descent compiler to a Thompson program and a Pike VM matcher.
//
// Why our own: std::regex throws (the core runs without exceptions), is slow and can backtrack
// exponentially; RE2 is not available for WebAssembly from the package registries. This engine is
// small, linear-time and identical natively and in wasm.
#include "blankett/pattern.h"

#include <algorithm>

namespace blankett {
namespace {

constexpr uint32_t kNegated = 0x80000000u;
// Bounds that keep the worst case of matching (program size x value length) near 30 million steps.
constexpr size_t kMaxProgram = 2000;
constexpr size_t kMaxValue = 16384;
constexpr int kMaxRepeat = 1000;
constexpr int kInfinite = -1;

// Decodes one UTF-8 code point at s[i]; returns false on invalid UTF-8.
bool next_code_point(std::string_view s, size_t& i, uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  int n = 0;
  uint32_t min = 0;
  if (c < 0x80) { cp = c; i += 1; return true; }
  if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; min = 0x10000; }
  else return false;
  if (i + static_cast<size_t>(n) > s.size()) return false;
  for (int k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  i += static_cast<size_t>(n);
  return true;
}

struct node {
  enum kind_t : uint8_t { empty, chr, any, cls, cat, alt, rep } kind = empty;
  uint32_t c = 0;                  // chr
  uint32_t first = 0, count = 0;   // cls: ranges (count may carry kNegated)
  std::vector<int> kids;           // cat, alt, rep (one kid)
  int min = 0, max = 0;            // rep
};

}  // namespace

class pattern_compiler {
 public:
  pattern_compiler(std::string_view src, pattern& out, pattern::compile_error& err)
      : s_(src), out_(out), err_(err) {}

  bool run() {
    size_t end = s_.size();
    // HTML wraps the pattern as ^(?:...)$; accept explicit anchors at the very ends.
    if (!s_.empty() && s_.front() == '^') pos_ = 1;
    if (end > pos_ && s_[end - 1] == '$' && !(end >= 2 && s_[end - 2] == '\\')) end_ = end - 1;
    else end_ = end;
    const int root = parse_alt();
    if (failed_) return false;
    if (pos_ < end_) return fail(s_[pos_] == ')' ? "unbalanced parenthesis" : "unexpected character");
    emit(root);
    if (failed_) return false;
    out_.program_.push_back({pattern::op::match});
    return true;
  }

 private:
  bool fail(std::string_view reason) {
    if (!failed_) err_ = {pos_, reason};
    failed_ = true;
    return false;
  }
  bool at_end() const { return pos_ >= end_; }
  int add(node n) {
    nodes_.push_back(std::move(n));
    return static_cast<int>(nodes_.size() - 1);
  }

  int parse_alt() {
    std::vector<int> branches{parse_cat()};
    while (!failed_ && !at_end() && s_[pos_] == '|') {
      ++pos_;
      branches.push_back(parse_cat());
    }
    if (branches.size() == 1) return branches[0];
    node n;
    n.kind = node::alt;
    n.kids = std::move(branches);
    return add(std::move(n));
  }

  int parse_cat() {
    node n;
    n.kind = node::cat;
    while (!failed_ && !at_end() && s_[pos_] != '|' && s_[pos_] != ')') n.kids.push_back(parse_repeat());
    if (n.kids.size() == 1) return n.kids[0];
    return add(std::move(n));
  }

  bool read_int(int& v) {
    size_t start = pos_;
    v = 0;
    while (!at_end() && s_[pos_] >= '0' && s_[pos_] <= '9') {
      v = std::min(v * 10 + (s_[pos_] - '0'), kMaxRepeat + 1);
      ++pos_;
    }
    return pos_ > start;
  }

  int parse_repeat() {
    const size_t atom_at = pos_;
    int atom = parse_atom();
    while (!failed_ && !at_end()) {
      int lo = 0, hi = 0;
      const char c = s_[pos_];
      if (c == '*') { lo = 0; hi = kInfinite; ++pos_; }
      else if (c == '+') { lo = 1; hi = kInfinite; ++pos_; }
      else if (c == '?') { lo = 0; hi = 1; ++pos_; }
      else if (c == '{') {
        const size_t brace = pos_;
        ++pos_;
        if (!read_int(lo)) { pos_ = brace; return fail("a number in {n,m}"), atom; }
        hi = lo;
        if (!at_end() && s_[pos_] == ',') {
          ++pos_;
          if (!read_int(hi)) hi = kInfinite;
        }
        if (at_end() || s_[pos_] != '}') return fail("'}' to close {n,m}"), atom;
        ++pos_;
        if (lo > kMaxRepeat || hi > kMaxRepeat) { pos_ = brace; return fail("a repeat count over 1000"), atom; }
        if (hi != kInfinite && hi < lo) { pos_ = brace; return fail("{n,m} with m smaller than n"), atom; }
      } else {
        break;
      }
      if (!at_end() && s_[pos_] == '?') ++pos_;  // lazy: same whole-value matches
      if (atom_at == pos_) return fail("nothing to repeat"), atom;
      node n;
      n.kind = node::rep;
      n.kids = {atom};
      n.min = lo;
      n.max = hi;
      atom = add(std::move(n));
    }
    return atom;
  }

  // Appends the ranges of a class escape (\d \w \s and negations) and returns whether it was one.
  bool class_escape(char e, std::vector<pattern::range>& rs, bool& negated) {
    negated = e == 'D' || e == 'W' || e == 'S';
    switch (e) {
      case 'd': case 'D': rs.push_back({'0', '9'}); return true;
      case 'w': case 'W':
        rs.push_back({'0', '9'});
        rs.push_back({'A', 'Z'});
        rs.push_back({'_', '_'});
        rs.push_back({'a', 'z'});
        return true;
      case 's': case 'S':
        for (auto r : {pattern::range{0x09, 0x0D}, {0x20, 0x20}, {0xA0, 0xA0}, {0x1680, 0x1680}, {0x2000, 0x200A},
                       {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}})
          rs.push_back(r);
        return true;
      default: return false;
    }
  }

  // A single-character escape after '\'; pos_ is on the character after the backslash.
  bool char_escape(uint32_t& cp) {
    const char e = s_[pos_];
    switch (e) {
      case 't': cp = '\t'; ++pos_; return true;
      case 'n': cp = '\n'; ++pos_; return true;
      case 'r': cp = '\r'; ++pos_; return true;
      case 'f': cp = '\f'; ++pos_; return true;
      case 'v': cp = '\v'; ++pos_; return true;
      case '0': cp = 0; ++pos_; return true;
      case 'u': case 'x': {
        const size_t n = e == 'u' ? 4 : 2;
        if (pos_ + n >= end_) return fail("hex digits after \\u or \\x");
        cp = 0;
        for (size_t k = 1; k <= n; ++k) {
          const char h = s_[pos_ + k];
          int v = -1;
          if (h >= '0' && h <= '9') v = h - '0';
          else if (h >= 'a' && h <= 'f') v = h - 'a' + 10;
          else if (h >= 'A' && h <= 'F') v = h - 'A' + 10;
          if (v < 0) return fail("hex digits after \\u or \\x");
          cp = cp * 16 + static_cast<uint32_t>(v);
        }
        pos_ += n + 1;
        return true;
      }
      default:
        if (std::string_view("^$\\.*+?()[]{}|/-").find(e) != std::string_view::npos) {
          cp = static_cast<unsigned char>(e);
          ++pos_;
          return true;
        }
        if (e == 'b' || e == 'B') return fail("word boundaries are not supported");
        if (e >= '1' && e <= '9') return fail("back-references are not supported");
        return fail("an unknown escape");
    }
  }

  bool literal_code_point(uint32_t& cp) {
    if (!next_code_point(s_, pos_, cp)) return fail("invalid UTF-8");
    return true;
  }

  int class_node(std::vector<pattern::range> rs, bool negated) {
    std::sort(rs.begin(), rs.end(), [](auto a, auto b) { return a.lo < b.lo; });
    std::vector<pattern::range> merged;
    for (auto r : rs) {
      if (!merged.empty() && r.lo <= merged.back().hi + 1) merged.back().hi = std::max(merged.back().hi, r.hi);
      else merged.push_back(r);
    }
    node n;
    n.kind = node::cls;
    n.first = static_cast<uint32_t>(out_.ranges_.size());
    n.count = static_cast<uint32_t>(merged.size()) | (negated ? kNegated : 0);
    out_.ranges_.insert(out_.ranges_.end(), merged.begin(), merged.end());
    return add(std::move(n));
  }

  int parse_class() {
    // At '['.
    const size_t open = pos_;
    ++pos_;
    bool negated = false;
    if (!at_end() && s_[pos_] == '^') {
      negated = true;
      ++pos_;
    }
    std::vector<pattern::range> rs;
    while (true) {
      if (at_end()) {
        pos_ = open;
        return fail("']' to close the class"), -1;
      }
      if (s_[pos_] == ']') {
        ++pos_;
        break;
      }
      uint32_t lo = 0;
      if (s_[pos_] == '\\') {
        ++pos_;
        if (at_end()) return fail("a character after '\\'"), -1;
        bool neg_escape = false;
        std::vector<pattern::range> inner;
        if (class_escape(s_[pos_], inner, neg_escape)) {
          if (neg_escape) return fail("\\D, \\W and \\S inside a class are not supported"), -1;
          ++pos_;
          rs.insert(rs.end(), inner.begin(), inner.end());
          continue;
        }
        if (s_[pos_] == 'b') { lo = '\b'; ++pos_; }
        else if (!char_escape(lo)) return -1;
      } else if (!literal_code_point(lo)) {
        return -1;
      }
      uint32_t hi = lo;
      if (pos_ + 1 < end_ && s_[pos_] == '-' && s_[pos_ + 1] != ']') {
        ++pos_;
        if (s_[pos_] == '\\') {
          ++pos_;
          if (at_end()) return fail("a character after '\\'"), -1;
          if (!char_escape(hi)) return -1;
        } else if (!literal_code_point(hi)) {
          return -1;
        }
        if (hi < lo) return fail("a range out of order"), -1;
      }
      rs.push_back({lo, hi});
    }
    return class_node(std::move(rs), negated);
  }

  int parse_atom() {
    const char c = s_[pos_];
    switch (c) {
      case '(': {
        ++pos_;
        if (pos_ + 1 < end_ && s_[pos_] == '?') {
          if (s_[pos_ + 1] != ':') return fail("look-around and named groups are not supported"), -1;
          pos_ += 2;
        }
        const int inner = parse_alt();
        if (failed_) return -1;
        if (at_end() || s_[pos_] != ')') return fail("unbalanced parenthesis"), -1;
        ++pos_;
        return inner;
      }
      case '[': return parse_class();
      case '.': {
        ++pos_;
        node n;
        n.kind = node::any;
        return add(std::move(n));
      }
      case '\\': {
        ++pos_;
        if (at_end()) return fail("a character after '\\'"), -1;
        std::vector<pattern::range> rs;
        bool negated = false;
        if (class_escape(s_[pos_], rs, negated)) {
          ++pos_;
          return class_node(std::move(rs), negated);
        }
        uint32_t cp = 0;
        if (!char_escape(cp)) return -1;
        node n;
        n.kind = node::chr;
        n.c = cp;
        return add(std::move(n));
      }
      case '*': case '+': case '?': return fail("nothing to repeat"), -1;
      case '{': return fail("a '{' must be escaped"), -1;
      case '^': case '$': return fail("anchors are only allowed at the ends"), -1;
      case ']': case '}': return fail("a lone bracket must be escaped"), -1;
      default: {
        uint32_t cp = 0;
        if (!literal_code_point(cp)) return -1;
        node n;
        n.kind = node::chr;
        n.c = cp;
        return add(std::move(n));
      }
    }
  }

  uint32_t pc() const { return static_cast<uint32_t>(out_.program_.size()); }
  uint32_t push(pattern::inst i) {
    if (out_.program_.size() >= kMaxProgram) {
      if (!failed_) err_ = {0, "pattern too large"};
      failed_ = true;
      return 0;
    }
    out_.program_.push_back(i);
    return pc() - 1;
  }

  void emit(int id) {
    if (failed_ || id < 0) return;
    const node& n = nodes_[static_cast<size_t>(id)];
    switch (n.kind) {
      case node::empty: break;
      case node::chr: push({pattern::op::chr, n.c}); break;
      case node::any: push({pattern::op::any}); break;
      case node::cls: push({pattern::op::cls, n.first, n.count}); break;
      case node::cat:
        for (int k : n.kids) emit(k);
        break;
      case node::alt: {
        std::vector<uint32_t> jumps;
        for (size_t k = 0; k < n.kids.size(); ++k) {
          if (k + 1 < n.kids.size()) {
            const uint32_t split = push({pattern::op::split});
            if (failed_) return;
            out_.program_[split].a = pc();
            emit(n.kids[k]);
            jumps.push_back(push({pattern::op::jmp}));
            if (failed_) return;
            out_.program_[split].b = pc();
          } else {
            emit(n.kids[k]);
          }
        }
        for (uint32_t j : jumps)
          if (!failed_) out_.program_[j].a = pc();
        break;
      }
      case node::rep: {
        const int kid = n.kids[0];
        for (int k = 0; k < n.min && !failed_; ++k) emit(kid);
        if (n.max == kInfinite) {
          const uint32_t loop = push({pattern::op::split});
          if (failed_) return;
          out_.program_[loop].a = pc();
          emit(kid);
          push({pattern::op::jmp, loop});
          if (failed_) return;
          out_.program_[loop].b = pc();
        } else {
          std::vector<uint32_t> splits;
          for (int k = n.min; k < n.max && !failed_; ++k) {
            const uint32_t split = push({pattern::op::split});
            if (failed_) return;
            out_.program_[split].a = pc();
            splits.push_back(split);
            emit(kid);
          }
          for (uint32_t sp : splits)
            if (!failed_) out_.program_[sp].b = pc();
        }
        break;
      }
    }
  }

  std::string_view s_;
  pattern& out_;
  pattern::compile_error& err_;
  size_t pos_ = 0, end_ = 0;
  bool failed_ = false;
  std::vector<node> nodes_;
};

bool pattern::compile(std::string_view source, pattern& out, compile_error& error) {
  out = pattern{};
  out.source_.assign(source);
  pattern_compiler c(out.source_, out, error);
  if (!c.run()) {
    out.program_.clear();
    out.ranges_.clear();
    return false;
  }
  return true;
}

bool pattern::matches(std::string_view s) const {
  if (program_.empty() || s.size() > kMaxValue) return false;
  // Pike VM without captures: two sparse sets of program counters, stepped over code points.
  const size_t n = program_.size();
  std::vector<uint32_t> cur, next, stack;
  std::vector<size_t> mark(n, SIZE_MAX);
  cur.reserve(n);
  next.reserve(n);
  size_t generation = 0;
  auto add_thread = [&](std::vector<uint32_t>& list, uint32_t start) {
    stack.push_back(start);
    while (!stack.empty()) {
      const uint32_t p = stack.back();
      stack.pop_back();
      if (mark[p] == generation) continue;
      mark[p] = generation;
      const inst& i = program_[p];
      if (i.code == op::jmp) stack.push_back(i.a);
      else if (i.code == op::split) {
        stack.push_back(i.b);
        stack.push_back(i.a);
      } else {
        list.push_back(p);
      }
    }
  };
  add_thread(cur, 0);
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = 0;
    if (!next_code_point(s, i, cp)) return false;
    ++generation;
    next.clear();
    for (uint32_t p : cur) {
      const inst& in = program_[p];
      bool ok = false;
      switch (in.code) {
        case op::chr: ok = in.a == cp; break;
        case op::any: ok = cp != '\n' && cp != '\r' && cp != 0x2028 && cp != 0x2029; break;
        case op::cls: {
          const uint32_t count = in.b & ~kNegated;
          bool inside = false;
          for (uint32_t k = 0; k < count && !inside; ++k) {
            const range& r = ranges_[in.a + k];
            inside = cp >= r.lo && cp <= r.hi;
          }
          ok = inside != ((in.b & kNegated) != 0);
          break;
        }
        default: break;
      }
      if (ok) add_thread(next, p + 1);
    }
    cur.swap(next);
    if (cur.empty()) return false;
  }
  for (uint32_t p : cur)
    if (program_[p].code == op::match) return true;
  return false;
}

}  // namespace blankett
