// libFuzzer target: the pattern engine. The input is a pattern, a NUL byte and a value (without a NUL
// the input is both); a pattern that compiles keeps the limits of pattern.h and is matched against the
// value within its documented bound of work() x (code points + 1) steps, or the target aborts. The
// value is cut to about 4 million units of work (all of it for cheap patterns, a few hundred bytes for
// the costliest): the bound is linear in the value, pattern_test.cpp checks it at 16 KB, and under the
// sanitizers a full-size value on a costly pattern takes a second, which would starve the fuzzer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "blankett/pattern.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using blankett::pattern;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string_view source = input.substr(0, nul);
  std::string_view value = nul == std::string_view::npos ? input : input.substr(nul + 1);
  pattern p;
  pattern::compile_error err;
  if (!pattern::compile(source, p, err)) {
    if (err.position > source.size() || err.reason.empty() || !p.program().empty()) std::abort();
    return 0;
  }
  if (p.work() > pattern::max_work || p.program().size() > pattern::max_program + 1 ||
      p.ranges().size() > pattern::max_class_ranges)
    std::abort();
  value = value.substr(0, std::max<size_t>(256, 4'000'000 / p.work()));
  uint64_t steps = 0;
  (void)p.matches(value, steps);
  uint64_t code_points = 0;  // lead bytes: at least the code points the matcher decodes
  for (char c : value) code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (steps > uint64_t{p.work()} * (code_points + 1)) std::abort();
  return 0;
}
