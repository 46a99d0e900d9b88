// Errors as values for the core: error_code, result<T> and BLANKETT_TRY.
//
// The core never throws (it runs in WebAssembly without exceptions). A function that can fail on bad
// input returns result<T> or error_code; a programmer mistake is an assert. Diagnostics about whole
// documents (forms, answer documents) are richer and live in diagnostic.h.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#define BLANKETT_ASSERT(cond) assert(cond)

namespace blankett {

enum class error_code : uint8_t {
  ok = 0,
  // Personnummer and samordningsnummer (pnr.h); the names are stable and used as message keys.
  pnr_format,          // not one of the written forms
  pnr_date,            // not a real calendar date
  pnr_checksum,        // Luhn check digit wrong
  pnr_birth_number,    // birth number 000
  pnr_future,          // born after the reference date
  pnr_separator,       // '+' for someone under 100, or a 12-digit form with the wrong separator
  pnr_interim,         // an interim number where they are not allowed, or a letter that is not used
  // Calendar values (dates.h).
  date_format,
  date_range,
};

// The stable dotted name of an error, e.g. "pnr.checksum".
std::string_view error_name(error_code e) noexcept;

template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design, like simdjson_result
  result(error_code e) : error_(e) { BLANKETT_ASSERT(e != error_code::ok); }  // NOLINT

  bool ok() const noexcept { return error_ == error_code::ok; }
  explicit operator bool() const noexcept { return ok(); }
  error_code error() const noexcept { return error_; }

  T& value() & { BLANKETT_ASSERT(ok()); return *value_; }
  const T& value() const& { BLANKETT_ASSERT(ok()); return *value_; }
  T&& value() && { BLANKETT_ASSERT(ok()); return std::move(*value_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::optional<T> value_;
  error_code error_ = error_code::ok;
};

namespace detail {
inline error_code error_of(error_code e) noexcept { return e; }
template <class T>
error_code error_of(const result<T>& r) noexcept { return r.error(); }
}  // namespace detail

}  // namespace blankett

// Returns the error of `expr` (an error_code or a result<T>) from the enclosing function, if any.
#define BLANKETT_TRY(expr)                                                         \
  do {                                                                             \
    if (auto blankett_try_error = ::blankett::detail::error_of(expr);              \
        blankett_try_error != ::blankett::error_code::ok)                          \
      return blankett_try_error;                                                   \
  } while (0)
