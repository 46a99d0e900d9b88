// The evaluator of compiled expressions: a stack machine over xvalues, with the function table.
//
// An evaluator is reused across evaluations (its stack, list pool and scratch texts keep their
// capacity). Values it returns may view its scratch and pool: copy what must outlive the next run.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "blankett/dates.h"
#include "blankett/expr.h"
#include "blankett/pnr.h"

namespace blankett::expr {

class evaluator;

// Where referenced values come from (the logic's current state).
class environment {
 public:
  virtual ~environment() = default;
  // The effective value of a reference: null when unanswered or hidden. Lists go into ev's pool.
  virtual xvalue value(const ref& r, evaluator& ev) = 0;
  // Points of a choice item or matrix: null when unanswered or hidden.
  virtual xvalue points(const ref& r) = 0;
  // The same as a plain number, NaN for null (sum(points(...)) adds many of them).
  virtual double points_number(const ref& r) {
    const xvalue v = points(r);
    return v.k == xvalue::kind::number ? v.n : __builtin_nan("");
  }
  virtual civil_date today() const = 0;
  // The person the form is about, or nullptr (anonymous forms, no subject given).
  virtual const pnr* subject() const = 0;
};

class evaluator {
 public:
  xvalue run(const program& p, environment& env);

  // Pool and scratch, for environments and functions.
  uint32_t push_list_element(const xvalue& v) {
    pool_.push_back(v);
    return static_cast<uint32_t>(pool_.size() - 1);
  }
  const xvalue& element(uint32_t i) const { return pool_[i]; }
  std::string_view keep(std::string s) {
    scratch_.push_back(std::move(s));
    return scratch_.back();
  }
  environment& env() { return *env_; }

 private:
  std::vector<xvalue> stack_;
  std::vector<xvalue> pool_;
  std::deque<std::string> scratch_;  // stable addresses for texts made while evaluating
  environment* env_ = nullptr;
};

// The function table's rows, used by the compiler (static types) and the evaluator (values).
struct function_row {
  function_info info;
  // Static type of a call with these argument types; false with `expected` naming what the
  // argument at `bad` should have been.
  bool (*type)(std::span<const xtype> args, xtype& result, size_t& bad, std::string_view& expected);
  xvalue (*call)(evaluator& ev, std::span<const xvalue> args);
};
std::span<const function_row> function_rows() noexcept;
// Index of a function by name, or -1.
int find_function(std::string_view name) noexcept;

// Equality of two values of the same static type (null is equal to nothing).
bool values_equal(const xvalue& a, const xvalue& b, const evaluator& ev);

}  // namespace blankett::expr
