// The expression language of form logic: types, values, the function table, compiled programs.
//
// Expressions (docs/form-format.md, "Expressions") are compiled once per form into a small stack
// program with static types; a mistake is an expr_error with a position inside the source. Programs
// are evaluated by the logic (logic.h) against an environment that supplies referenced values. The
// language has no side effects, loops or I/O; every evaluation ends after a number of steps bounded
// by the program's length.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace blankett {

// Static types, checked when a form loads.
enum class xtype : uint8_t { null, number, text, boolean, date, list_number, list_text };
std::string_view xtype_name(xtype t) noexcept;  // "number", "text", "boolean", "date", "list", ...

// Runtime error values: they spread like null and are reported by calculations.
enum class xerror : uint8_t { none, division_by_zero, invalid_input };

// A runtime value. Texts view memory that outlives the evaluation that produced them (the form, the
// answer store, or the evaluator's scratch, which the caller copies out of before the next run).
// Lists are spans into the evaluator's list pool.
struct xvalue {
  enum class kind : uint8_t { null, number, text, boolean, date, list, error } k = kind::null;
  xerror err = xerror::none;
  double n = 0;            // number; date: days since 1970-01-01; boolean: 0 or 1
  std::string_view s;      // text
  uint32_t first = 0, count = 0;  // list: elements in the evaluator's pool

  static xvalue null() noexcept { return {}; }
  static xvalue number(double d) noexcept { return {kind::number, xerror::none, d, {}, 0, 0}; }
  static xvalue boolean(bool b) noexcept { return {kind::boolean, xerror::none, b ? 1.0 : 0.0, {}, 0, 0}; }
  static xvalue date(double days) noexcept { return {kind::date, xerror::none, days, {}, 0, 0}; }
  static xvalue text(std::string_view t) noexcept { return {kind::text, xerror::none, 0, t, 0, 0}; }
  static xvalue error(xerror e) noexcept { return {kind::error, e, 0, {}, 0, 0}; }
  bool is_null() const noexcept { return k == kind::null; }
  bool is_error() const noexcept { return k == kind::error; }
  bool missing() const noexcept { return k == kind::null || k == kind::error; }
  bool truthy() const noexcept { return k == kind::boolean && n != 0; }
};

// What a reference in an expression names.
enum class ref_kind : uint8_t { item, calculation, score };
struct ref {
  ref_kind kind;
  uint32_t index;  // into form::items, form::calculations or form::scores
  friend bool operator==(const ref&, const ref&) = default;
};

// One instruction of a compiled program.
enum class xop : uint8_t {
  push_const,   // a: constant index (numbers, booleans, null)
  push_text,    // a: index into const_texts
  load,         // a: reference index (program::refs)
  points,       // a: reference index; points of the chosen alternative(s)
  answered,     // a: reference index
  make_list,    // a: element count
  neg, add, sub, mul, div, eq, ne, lt, le, gt, ge, in, and_, or_, not_,
  call,         // a: function index, b: argument count
  points_sum,   // a: first of b reference indexes in program::ref_runs; sum(points(x), ...) in one step
};
struct xinstr {
  xop op;
  uint8_t b = 0;
  uint16_t a = 0;
};

struct program {
  std::vector<xinstr> code;
  std::vector<xvalue> consts;     // numbers, booleans, null
  std::vector<std::string> const_texts;  // text constants (by index: programs move)
  std::vector<ref> refs;          // what the program reads (its dependencies)
  std::vector<uint16_t> ref_runs; // reference indexes of points_sum instructions
  xtype type = xtype::null;       // the result's static type
  std::string source;
  bool empty() const noexcept { return code.empty(); }
};

// A compile error, at a byte offset inside the expression's source.
struct expr_error {
  enum class code : uint8_t { syntax, unknown_reference, unknown_function, arity, type } c = code::syntax;
  size_t position = 0;
  std::string detail;    // what was expected, the unknown name, or the function
  std::string expected;  // type errors: the expected type
  std::string found;     // type errors: the type found
};

// What a name in an expression refers to.
struct resolved {
  ref r{};
  xtype type = xtype::null;
  bool has_points = false;  // points(x) is allowed: choice items and matrices
  bool is_value = true;     // usable as a value (false for matrices and attachments)
};
// Resolves a name; false when it names nothing that can be referred to.
using resolver = std::function<bool(std::string_view name, resolved& out)>;

// Compiles `source`; false with `error` filled on the first mistake.
bool compile_expression(std::string_view source, const resolver& resolve, program& out, expr_error& error);

// The function table (docs and the designer's completion list read it).
struct function_info {
  std::string_view name;
  uint8_t min_args, max_args;  // max 255: any number
  std::string_view signature;  // "round(x, n)"
  std::string_view summary;
};
std::span<const function_info> functions() noexcept;

}  // namespace blankett
