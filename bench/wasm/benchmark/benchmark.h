// A small stand-in for Google Benchmark's API, for the WebAssembly build of bench/ (Google Benchmark
// is only packaged as a native library). It implements exactly what bench/*.cpp use: State and its
// loop, SkipWithError, SetItemsProcessed/SetBytesProcessed, DoNotOptimize, RegisterBenchmark with
// bound arguments, --benchmark_filter (substrings separated by '|'), --benchmark_min_time (seconds)
// and --benchmark_repetitions; it prints the median time per iteration over the repetitions, or with
// --benchmark_format=json every repetition in Google Benchmark's JSON layout (name, run_type,
// repetition_index, iterations, real_time in ns, and the counters), so that one reader takes both.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace benchmark {

template <class T>
inline void DoNotOptimize(T const& value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

class State {
 public:
  explicit State(uint64_t max_iterations) : max_(max_iterations) {}

  // Non-trivial, as in Google Benchmark, so that `for (auto _ : state)` is not an unused variable.
  struct value {
    ~value() {}
  };
  struct iterator {
    State* s;
    uint64_t left;
    bool operator!=(const iterator&) const { return left != 0; }
    iterator& operator++() {
      --left;
      return *this;
    }
    value operator*() const { return {}; }
  };
  iterator begin() {
    start_ = std::chrono::steady_clock::now();
    return {this, error_ ? 0 : max_};
  }
  iterator end() { return {this, 0}; }

  void SkipWithError(const char* message) {
    error_ = true;
    message_ = message;
  }
  void SetItemsProcessed(int64_t) {}
  void SetBytesProcessed(int64_t) {}
  uint64_t iterations() const { return max_; }

  std::map<std::string, double> counters;
  bool error_ = false;
  std::string message_;
  uint64_t max_;
  std::chrono::steady_clock::time_point start_;
};

namespace internal {
struct entry {
  std::string name;
  std::function<void(State&)> fn;
};
inline std::vector<entry>& registry() {
  static std::vector<entry> r;
  return r;
}
inline double& min_time() {
  static double t = 0.3;
  return t;
}
inline int& repetitions() {
  static int r = 3;
  return r;
}
inline std::string& filter() {
  static std::string f;
  return f;
}
inline bool& json() {
  static bool j = false;
  return j;
}
inline bool matches(const std::string& name) {
  if (filter().empty()) return true;
  size_t from = 0;
  while (from <= filter().size()) {
    const size_t bar = filter().find('|', from);
    const std::string part = filter().substr(from, bar == std::string::npos ? std::string::npos : bar - from);
    if (!part.empty() && name.find(part) != std::string::npos) return true;
    if (bar == std::string::npos) break;
    from = bar + 1;
  }
  return false;
}
}  // namespace internal

template <class F, class... Args>
inline void RegisterBenchmark(const char* name, F&& fn, Args&&... args) {
  internal::registry().push_back(
      {name, [fn, args...](State& st) { fn(st, args...); }});
}

inline void Initialize(int* argc, char** argv) {
  int out = 1;
  for (int i = 1; i < *argc; ++i) {
    const char* a = argv[i];
    if (std::strncmp(a, "--benchmark_filter=", 19) == 0) internal::filter() = a + 19;
    else if (std::strncmp(a, "--benchmark_min_time=", 21) == 0) internal::min_time() = std::atof(a + 21);
    else if (std::strncmp(a, "--benchmark_repetitions=", 24) == 0) internal::repetitions() = std::atoi(a + 24);
    else if (std::strncmp(a, "--benchmark_report_aggregates_only", 34) == 0) continue;
    else if (std::strcmp(a, "--benchmark_format=json") == 0) internal::json() = true;
    else if (std::strncmp(a, "--benchmark_format=", 19) == 0) continue;
    else argv[out++] = argv[i];
  }
  *argc = out;
}
inline bool ReportUnrecognizedArguments(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) std::fprintf(stderr, "unrecognized argument: %s\n", argv[i]);
  return argc > 1;
}

inline int RunSpecifiedBenchmarks() {
  const bool json = internal::json();
  if (json) std::printf("{\"context\": {\"library\": \"blankett wasm stand-in\"},\n\"benchmarks\": [");
  else std::printf("%-48s %14s %12s\n", "Benchmark (wasm, median)", "Time", "Iterations");
  int failures = 0;
  bool first_json = true;
  for (auto& e : internal::registry()) {
    if (!internal::matches(e.name)) continue;
    std::vector<double> per_iteration;
    uint64_t n = 1;
    bool failed = false;
    for (int rep = 0; rep < internal::repetitions() && !failed; ++rep) {
      // Grow the batch until it runs for min_time, then keep that batch size.
      while (true) {
        State st(n);
        e.fn(st);
        if (st.error_) {
          if (json) std::fprintf(stderr, "%s ERROR: %s\n", e.name.c_str(), st.message_.c_str());
          else std::printf("%-48s ERROR: %s\n", e.name.c_str(), st.message_.c_str());
          failed = true;
          ++failures;
          break;
        }
        // The timed loop alone decides (a benchmark's checks before its loop may take long).
        const double loop = std::chrono::duration<double>(std::chrono::steady_clock::now() - st.start_).count();
        if (loop >= internal::min_time() || n >= (uint64_t{1} << 34)) {
          per_iteration.push_back(loop / static_cast<double>(n) * 1e9);
          if (json) {
            std::printf("%s\n{\"name\": \"%s\", \"run_type\": \"iteration\", \"repetition_index\": %d, "
                        "\"iterations\": %llu, \"real_time\": %.3f, \"time_unit\": \"ns\"",
                        first_json ? "" : ",", e.name.c_str(), rep, static_cast<unsigned long long>(n), per_iteration.back());
            for (const auto& [k, v] : st.counters) std::printf(", \"%s\": %.3f", k.c_str(), v);
            std::printf("}");
            first_json = false;
          }
          break;
        }
        n = std::max<uint64_t>(n * 2, static_cast<uint64_t>(static_cast<double>(n) * internal::min_time() / std::max(loop, 1e-9) * 1.2));
      }
    }
    if (failed || per_iteration.empty() || json) continue;
    std::sort(per_iteration.begin(), per_iteration.end());
    const double median = per_iteration[per_iteration.size() / 2];
    std::printf("%-48s %11.1f ns %12llu\n", e.name.c_str(), median, static_cast<unsigned long long>(n));
  }
  if (json) std::printf("\n]}\n");
  return failures;
}
inline void Shutdown() {}

}  // namespace benchmark
