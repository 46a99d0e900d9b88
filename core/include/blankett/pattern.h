// Regular expressions for the `pattern` attribute: HTML's pattern syntax (a subset of JavaScript
// regular expressions), matched against the whole value, in time linear in the value's length.
//
// Supported: literals, '.', classes [a-z] [^0-9] with escapes inside, \d \D \w \W \s \S, escaped
// punctuation, groups ( ) and (?: ), '|', quantifiers * + ? {n} {n,} {n,m} (lazy forms accepted and
// equivalent, since only whole-value matches matter). Not supported, and reported when compiling:
// back-references, look-around, anchors inside the pattern. Matching is on Unicode code points
// (a Pike VM over a compiled program), so no pattern can make validation slow: programs have at most
// 2,000 instructions and values longer than 16,384 bytes never match.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace blankett {

class pattern {
 public:
  struct compile_error {
    size_t position = 0;        // byte offset inside the pattern
    std::string_view reason;    // "unbalanced parenthesis", ...
  };

  // Compiles `source`; false with `error` filled when it is not a supported pattern.
  static bool compile(std::string_view source, pattern& out, compile_error& error);

  // True when the whole of `utf8` matches (invalid UTF-8 never matches).
  bool matches(std::string_view utf8) const;

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

 private:
  std::string source_;
  std::vector<inst> program_;
  std::vector<range> ranges_;
  friend class pattern_compiler;
};

}  // namespace blankett
