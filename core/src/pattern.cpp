// The pattern engine: a recursive-descent compiler to a Thompson program and a Pike VM matcher.
//
// Why our own: std::regex throws (the core runs without exceptions), is slow and can backtrack
// exponentially; RE2 is not available for WebAssembly from the package registries. This engine is
// small, linear-time and identical natively and in wasm.
//
// Why no accepted pattern is costly (the limits are in pattern.h):
// - Recursion. Parsing recurses once per group (parse_alt > parse_cat > parse_repeat > parse_atom), so
//   groups may nest max_nesting deep. Quantifiers do not stack (`a**` is refused, as in JavaScript), so
//   the node tree is at most three levels (alt, cat, rep) per group deep, and emit() recurses no deeper.
// - Emitting. Every node knows the size of its code when it is built (saturating past max_program), so
//   a program too large is refused before anything is emitted; nodes whose code is empty are dropped
//   from sequences and repeats, so every call of emit() below a sequence or a repeat emits something.
// - Matching. Each class is one sorted, merged list of ranges, tested by binary search; all classes
//   hold at most max_class_ranges ranges. The Pike VM visits each instruction at most once per
//   character, so a character costs at most work() units, which the compiler bounds by max_work.
#include "blankett/pattern.h"

#include <algorithm>
#include <array>

#include "blankett/result.h"
#include "text/utf8.h"

namespace blankett {
namespace {

constexpr uint32_t kNegated = 0x80000000u;
constexpr int kMaxRepeat = 1000;
constexpr int kInfinite = -1;
constexpr uint64_t kSizeCap = pattern::max_program + 1;  // node sizes saturate here

uint64_t capped(uint64_t v) { return std::min(v, kSizeCap); }

// Binary-search probes for a class of `count` ranges: the bit width of count (at least 1).
uint32_t class_probes(uint32_t count) {
  uint32_t w = 0;
  for (uint32_t c = count; c != 0; c >>= 1) ++w;
  return std::max(w, 1u);
}

// The units one instruction may cost per character of the value (pattern::work()): being reached
// (a jmp is reached once; a split is reached and pushes two; a thread on chr, any, cls or match is
// started and then tested), plus the probes of a class.
uint32_t instruction_cost(const pattern::inst& i) {
  switch (i.code) {
    case pattern::op::jmp: return 1;
    case pattern::op::cls: return 1 + class_probes(i.b & ~kNegated);
    default: return 2;
  }
}

struct node {
  enum kind_t : uint8_t { empty, chr, any, cls, cat, alt, rep } kind = empty;
  uint32_t c = 0;                  // chr
  uint32_t first = 0, count = 0;   // cls: ranges (count may carry kNegated)
  std::vector<int> kids;           // cat, alt, rep (one kid)
  int min = 0, max = 0;            // rep
  uint64_t size = 0;               // instructions its code takes, saturating at kSizeCap
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
    const node& r = nodes_[static_cast<size_t>(root)];
    if (r.size > pattern::max_program) {
      pos_ = 0;
      return fail("pattern too large", pattern::refusal::program_size);
    }
    out_.program_.reserve(static_cast<size_t>(r.size) + 1);
    emit(root);
    BLANKETT_ASSERT(out_.program_.size() == r.size);
    out_.program_.push_back({pattern::op::match});
    uint32_t work = 0;
    for (const pattern::inst& i : out_.program_) work += instruction_cost(i);
    if (work > pattern::max_work) {
      pos_ = 0;
      return fail("too much matching work", pattern::refusal::work);
    }
    out_.work_ = work;
    return true;
  }

 private:
  bool fail(std::string_view reason, pattern::refusal kind = pattern::refusal::syntax) {
    if (!failed_) err_ = {pos_, reason, kind};
    failed_ = true;
    return false;
  }
  bool at_end() const { return pos_ >= end_; }
  int add(node n) {
    nodes_.push_back(std::move(n));
    return static_cast<int>(nodes_.size() - 1);
  }
  uint64_t size_of(int id) const { return nodes_[static_cast<size_t>(id)].size; }
  int empty_node() { return add(node{}); }

  int parse_alt() {
    std::vector<int> branches{parse_cat()};
    while (!failed_ && !at_end() && s_[pos_] == '|') {
      ++pos_;
      branches.push_back(parse_cat());
    }
    if (failed_) return -1;
    if (branches.size() == 1) return branches[0];
    node n;
    n.kind = node::alt;
    n.size = 2 * (branches.size() - 1);
    for (int b : branches) n.size = capped(n.size + size_of(b));
    n.kids = std::move(branches);
    return add(std::move(n));
  }

  int parse_cat() {
    node n;
    n.kind = node::cat;
    while (!failed_ && !at_end() && s_[pos_] != '|' && s_[pos_] != ')') {
      const int kid = parse_repeat();
      if (failed_) return -1;
      if (size_of(kid) == 0) continue;  // an empty group or x{0}: no code, and no work when emitting
      n.size = capped(n.size + size_of(kid));
      n.kids.push_back(kid);
    }
    if (n.kids.empty()) return empty_node();
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

  static bool quantifier_at(char c) { return c == '*' || c == '+' || c == '?' || c == '{'; }

  int parse_repeat() {
    const int atom = parse_atom();
    if (failed_ || at_end() || !quantifier_at(s_[pos_])) return atom;
    int lo = 0, hi = 0;
    const char c = s_[pos_];
    if (c == '*') { lo = 0; hi = kInfinite; ++pos_; }
    else if (c == '+') { lo = 1; hi = kInfinite; ++pos_; }
    else if (c == '?') { lo = 0; hi = 1; ++pos_; }
    else {
      const size_t brace = pos_;
      ++pos_;
      if (!read_int(lo)) { pos_ = brace; return fail("a number in {n,m}"), -1; }
      hi = lo;
      if (!at_end() && s_[pos_] == ',') {
        ++pos_;
        if (!read_int(hi)) hi = kInfinite;
      }
      if (at_end() || s_[pos_] != '}') return fail("'}' to close {n,m}"), -1;
      ++pos_;
      if (lo > kMaxRepeat || hi > kMaxRepeat) { pos_ = brace; return fail("a repeat count over 1000"), -1; }
      if (hi != kInfinite && hi < lo) { pos_ = brace; return fail("{n,m} with m smaller than n"), -1; }
    }
    if (!at_end() && s_[pos_] == '?') ++pos_;  // lazy: same whole-value matches
    // As in JavaScript, a quantifier cannot itself be repeated (a** a{2}{3}); it would also let a
    // pattern stack repeats of empty code without growing the program.
    if (!at_end() && quantifier_at(s_[pos_])) return fail("nothing to repeat"), -1;
    if (lo == 1 && hi == 1) return atom;
    const uint64_t s = size_of(atom);
    node n;
    n.kind = node::rep;
    n.kids = {atom};
    n.min = lo;
    n.max = hi;
    const uint64_t optional = hi == kInfinite ? s + 2 : static_cast<uint64_t>(hi - lo) * (s + 1);
    n.size = capped(static_cast<uint64_t>(lo) * s + optional);
    if (n.size == 0) return empty_node();  // x{0}, or a fixed count of something empty
    return add(std::move(n));
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
    if (!utf8::decode(s_, pos_, cp)) return fail("invalid UTF-8");
    return true;
  }

  // A class node over `rs` (sorted and merged here); `at` is where the class starts in the pattern.
  int class_node(std::vector<pattern::range> rs, bool negated, size_t at) {
    std::sort(rs.begin(), rs.end(), [](auto a, auto b) { return a.lo < b.lo; });
    std::vector<pattern::range> merged;
    for (auto r : rs) {
      if (!merged.empty() && r.lo <= merged.back().hi + 1) merged.back().hi = std::max(merged.back().hi, r.hi);
      else merged.push_back(r);
    }
    if (out_.ranges_.size() + merged.size() > pattern::max_class_ranges) {
      pos_ = at;
      return fail("too many class ranges", pattern::refusal::class_ranges), -1;
    }
    node n;
    n.kind = node::cls;
    n.size = 1;
    n.first = static_cast<uint32_t>(out_.ranges_.size());
    n.count = static_cast<uint32_t>(merged.size()) | (negated ? kNegated : 0);
    out_.ranges_.insert(out_.ranges_.end(), merged.begin(), merged.end());
    return add(std::move(n));
  }

  // \d \D \w \W \s \S outside a class; each of the three range lists is stored once however often it
  // is used, so that `\d\d\d-\d\d` costs the range budget one range.
  int escape_class_node(char e, size_t at) {
    std::vector<pattern::range> rs;
    bool negated = false;
    class_escape(e, rs, negated);
    const size_t which = e == 'd' || e == 'D' ? 0 : e == 'w' || e == 'W' ? 1 : 2;
    if (!escape_stored_[which]) {
      const int id = class_node(std::move(rs), negated, at);
      if (id < 0) return -1;
      escape_stored_[which] = true;
      escape_class_[which] = nodes_[static_cast<size_t>(id)];
      return id;
    }
    node n = escape_class_[which];
    n.count = (n.count & ~kNegated) | (negated ? kNegated : 0);
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
    return class_node(std::move(rs), negated, open);
  }

  int parse_atom() {
    const char c = s_[pos_];
    switch (c) {
      case '(': {
        if (depth_ == pattern::max_nesting) return fail("groups nested too deeply", pattern::refusal::nesting), -1;
        ++pos_;
        if (pos_ + 1 < end_ && s_[pos_] == '?') {
          if (s_[pos_ + 1] != ':') return fail("look-around and named groups are not supported"), -1;
          pos_ += 2;
        }
        ++depth_;
        const int inner = parse_alt();
        --depth_;
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
        n.size = 1;
        return add(std::move(n));
      }
      case '\\': {
        const size_t at = pos_;
        ++pos_;
        if (at_end()) return fail("a character after '\\'"), -1;
        std::vector<pattern::range> rs;
        bool negated = false;
        if (class_escape(s_[pos_], rs, negated)) {
          const char e = s_[pos_];
          ++pos_;
          return escape_class_node(e, at);
        }
        uint32_t cp = 0;
        if (!char_escape(cp)) return -1;
        return chr_node(cp);
      }
      case '*': case '+': case '?': return fail("nothing to repeat"), -1;
      case '{': return fail("a '{' must be escaped"), -1;
      case '^': case '$': return fail("anchors are only allowed at the ends"), -1;
      case ']': case '}': return fail("a lone bracket must be escaped"), -1;
      default: {
        uint32_t cp = 0;
        if (!literal_code_point(cp)) return -1;
        return chr_node(cp);
      }
    }
  }

  int chr_node(uint32_t cp) {
    node n;
    n.kind = node::chr;
    n.c = cp;
    n.size = 1;
    return add(std::move(n));
  }

  uint32_t pc() const { return static_cast<uint32_t>(out_.program_.size()); }
  uint32_t push(pattern::inst i) {
    out_.program_.push_back(i);
    return pc() - 1;
  }

  // Emits a node's code; run() has checked that the whole program fits, so this cannot fail. Recurses
  // as deep as the node tree (three levels per group at most).
  void emit(int id) {
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
            out_.program_[split].a = pc();
            emit(n.kids[k]);
            jumps.push_back(push({pattern::op::jmp}));
            out_.program_[split].b = pc();
          } else {
            emit(n.kids[k]);
          }
        }
        for (uint32_t j : jumps) out_.program_[j].a = pc();
        break;
      }
      case node::rep: {
        const int kid = n.kids[0];
        if (size_of(kid) > 0)
          for (int k = 0; k < n.min; ++k) emit(kid);
        if (n.max == kInfinite) {
          const uint32_t loop = push({pattern::op::split});
          out_.program_[loop].a = pc();
          emit(kid);
          push({pattern::op::jmp, loop});
          out_.program_[loop].b = pc();
        } else {
          std::vector<uint32_t> splits;
          for (int k = n.min; k < n.max; ++k) {
            const uint32_t split = push({pattern::op::split});
            out_.program_[split].a = pc();
            splits.push_back(split);
            emit(kid);
          }
          for (uint32_t sp : splits) out_.program_[sp].b = pc();
        }
        break;
      }
    }
  }

  std::string_view s_;
  pattern& out_;
  pattern::compile_error& err_;
  size_t pos_ = 0, end_ = 0;
  size_t depth_ = 0;  // groups open at pos_
  bool failed_ = false;
  std::vector<node> nodes_;
  std::array<bool, 3> escape_stored_{};  // whether the ranges of \d, \w, \s are stored, and their node
  std::array<node, 3> escape_class_;
};

bool pattern::compile(std::string_view source, pattern& out, compile_error& error) {
  out = pattern{};
  out.source_.assign(source);
  pattern_compiler c(out.source_, out, error);
  if (!c.run()) {
    out.program_.clear();
    out.ranges_.clear();
    out.work_ = 0;
    return false;
  }
  return true;
}

bool pattern::matches(std::string_view s) const {
  uint64_t steps = 0;
  return matches(s, steps);
}

bool pattern::matches(std::string_view s, uint64_t& steps) const {
  if (program_.empty() || s.size() > max_value) return false;
  // Pike VM without captures: two sparse sets of program counters, stepped over code points. `spent`
  // counts the units work() bounds: every pop of the closure stack, every test of a thread.
  const size_t n = program_.size();
  std::vector<uint32_t> cur, next, stack;
  std::vector<size_t> mark(n, SIZE_MAX);
  cur.reserve(n);
  next.reserve(n);
  uint64_t spent = 0;
  size_t generation = 0;
  auto add_thread = [&](std::vector<uint32_t>& list, uint32_t start) {
    stack.push_back(start);
    while (!stack.empty()) {
      const uint32_t p = stack.back();
      stack.pop_back();
      ++spent;
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
  // Whether the range list of a class holds cp: the first range not below cp, by binary search.
  auto in_class = [&](const inst& in, uint32_t cp) {
    const uint32_t count = in.b & ~kNegated;
    const range* r = ranges_.data() + in.a;
    uint32_t lo = 0, hi = count, probes = 0;
    while (lo < hi) {
      ++probes;
      const uint32_t mid = lo + (hi - lo) / 2;
      if (r[mid].hi < cp) lo = mid + 1;
      else hi = mid;
    }
    spent += std::max(probes, 1u);
    const bool inside = lo < count && r[lo].lo <= cp;
    return inside != ((in.b & kNegated) != 0);
  };
  const bool matched = [&] {
    add_thread(cur, 0);
    size_t i = 0;
    while (i < s.size()) {
      uint32_t cp = 0;
      if (!utf8::decode(s, i, cp)) return false;
      ++generation;
      next.clear();
      for (uint32_t p : cur) {
        const inst& in = program_[p];
        bool ok = false;
        switch (in.code) {
          case op::chr: ++spent; ok = in.a == cp; break;
          case op::any: ++spent; ok = cp != '\n' && cp != '\r' && cp != 0x2028 && cp != 0x2029; break;
          case op::cls: ok = in_class(in, cp); break;
          default: ++spent; break;
        }
        if (ok) add_thread(next, p + 1);
      }
      cur.swap(next);
      if (cur.empty()) return false;
    }
    for (uint32_t p : cur) {
      ++spent;
      if (program_[p].code == op::match) return true;
    }
    return false;
  }();
  steps += spent;
  return matched;
}

}  // namespace blankett
