// The server's one clock: the time now (UTC), the local date, and days counted on the calendar.
//
// Everything on the server that asks what time it is asks a `clock` it was given: sessions and their
// expiry, answer-by dates, throttles, and the jobs to come. Tests give a `manual_clock` and move it
// instead of sleeping. Dates ("today", answer-by, delete-after) are local calendar dates; days are
// added on the calendar (never as 86,400 seconds, which is wrong across a daylight-saving change).
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "blankett/dates.h"

namespace blankett::server {

class clock {
 public:
  using time_point = std::chrono::system_clock::time_point;
  virtual ~clock() = default;

  virtual time_point now() const = 0;

  std::string now_iso() const;                  // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  civil_date today() const;                     // the local date
  std::string today_iso() const;                // the local date, "YYYY-MM-DD"
  std::string date_in_days(int days) const;     // the local date `days` calendar days from today
  std::string in_hours_iso(int hours) const;    // UTC, `hours` from now
};

// The machine's clock.
class system_clock final : public clock {
 public:
  time_point now() const override { return std::chrono::system_clock::now(); }
};

// The machine's clock moved forward by an offset that tests and the demo set (`--test-clock on`, which
// the server refuses unless the identity is demo). The offset is kept in the database so that it
// survives a restart and every node sees it.
class adjustable_clock final : public clock {
 public:
  time_point now() const override { return std::chrono::system_clock::now() + std::chrono::seconds(offset_.load()); }
  int64_t offset_seconds() const { return offset_.load(); }
  void set_offset(int64_t seconds) { offset_ = seconds; }

 private:
  std::atomic<int64_t> offset_{0};
};

// A clock that moves only when told to: for tests.
class manual_clock final : public clock {
 public:
  explicit manual_clock(time_point start) : t_(start.time_since_epoch().count()) {}
  time_point now() const override { return time_point(time_point::duration(t_.load())); }
  void set(time_point t) { t_ = t.time_since_epoch().count(); }
  void advance(std::chrono::system_clock::duration d) { t_ += d.count(); }

 private:
  std::atomic<time_point::rep> t_;
};

// Formatting and reading of UTC times ("YYYY-MM-DDTHH:MM:SSZ"); a malformed text reads as the epoch.
std::string format_utc(clock::time_point t);
clock::time_point parse_utc(std::string_view text);
// The local calendar date of `t`.
civil_date local_date(clock::time_point t);
// A UTC time as the store keeps it ("2026-12-06T14:16:00Z") in the local time zone, to the minute
// ("2026-12-06 15:16", as people read it and spreadsheets parse it); nullopt for anything else.
std::optional<std::string> local_minutes(std::string_view utc);
// The moment of a local date and time of day (minutes after midnight) in the process's time zone (TZ):
// a time a daylight-saving change skips is taken as the moment after the change.
clock::time_point local_moment(civil_date d, int minutes);

}  // namespace blankett::server
