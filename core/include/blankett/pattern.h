// Regular expressions for the `pattern` attribute: HTML's pattern syntax (a subset of JavaScript regular
// expressions), matched against the whole value, with a bounded amount of work for any accepted pattern.
//
// Supported: literals, '.', classes [a-z] [^0-9] with escapes inside, \d \D \w \W \s \S, escaped
// punctuation, groups ( ) and (?: ), '|', quantifiers * + ? {n} {n,} {n,m} (lazy forms accepted and
// equivalent, since only whole-value matches matter). Not supported, and reported when compiling:
// back-references, look-around, anchors inside the pattern, a quantifier on a quantifier (`a**`, as in
// JavaScript). Matching is on Unicode code points (a Pike VM over a compiled program).
//
// No pattern can make validation slow or crash it. A pattern is refused when compiling, each limit for
// its own reason (compile_error::kind), unless it keeps them all: groups nest at most 100 deep; its
// classes hold at most 1,000 ranges in all (after merging overlapping and adjacent ones; \d \w \s outside
// a class count once however often they are used); the program has at most 2,000 instructions; and its
// work per character, work(), is at most 4,096 units. Matching a value of n code points then costs at
// most work() x (n + 1) units (a unit is one step of the VM: following one instruction, testing one
// thread, one probe of a class's binary search; matches(s, steps) counts them), and a value over 16,384
// bytes never matches, so no value costs more than 4,096 x 16,385 = 67,112,960 units. The form format
// (docs/form-format.md, "Patterns") states the same limits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace blankett {

class pattern {
 public:
  // The limits every compiled pattern keeps (documented in docs/form-format.md, "Patterns").
  static constexpr size_t max_nesting = 100;        // groups inside groups
  static constexpr size_t max_class_ranges = 1000;  // ranges of all classes together, after merging
  static constexpr size_t max_program = 2000;       // instructions, besides the final match
  static constexpr uint32_t max_work = 4096;        // work(); a program at max_program of 2-unit instructions fits
  static constexpr size_t max_value = 16384;        // bytes; a longer value never matches

  // Why a pattern was refused: its syntax, or the limit it breaks.
  enum class refusal : uint8_t { syntax, nesting, class_ranges, program_size, work };
  struct compile_error {
    size_t position = 0;        // byte offset inside the pattern (0 for program_size and work)
    std::string_view reason;    // "unbalanced parenthesis", ...
    refusal kind = refusal::syntax;
  };

  // Compiles `source`; false with `error` filled when it is not a supported pattern or breaks a limit.
  static bool compile(std::string_view source, pattern& out, compile_error& error);

  // True when the whole of `utf8` matches (invalid UTF-8 never matches).
  bool matches(std::string_view utf8) const;
  // The same, adding the units of work spent to `steps`: never more than work() x (code points + 1).
  bool matches(std::string_view utf8, uint64_t& steps) const;

  // The most units matching may spend per character of the value: the sum over the program of each
  // instruction's cost (chr, any, match, split: 2; jmp: 1; cls: 1 + the probes of its binary search,
  // the bit width of its range count). At most max_work.
  uint32_t work() const noexcept { return work_; }

  const std::string& source() const noexcept { return source_; }

  // The compiled program, public for tests and the benchmark; not part of the format.
  enum class op : uint8_t { chr, any, cls, split, jmp, match };
  struct inst {
    op code;
    uint32_t a = 0, b = 0;  // chr: code point; cls: first range and range count (+ negation bit); split/jmp: targets
  };
  struct range {
    uint32_t lo, hi;
  };
  const std::vector<inst>& program() const noexcept { return program_; }
  const std::vector<range>& ranges() const noexcept { return ranges_; }

 private:
  std::string source_;
  std::vector<inst> program_;
  std::vector<range> ranges_;  // per class: sorted, merged (no two touch), tested by binary search
  uint32_t work_ = 0;
  friend class pattern_compiler;
};

}  // namespace blankett
