// The expression evaluator and the function table.
//
// Index of this file:
// [SECTION] Helpers: null and error propagation, equality
// [SECTION] Functions: static type rules and values, one row each
// [SECTION] The stack machine
#include "expr/vm.h"

#include <array>
#include <cmath>

#include "blankett/json_writer.h"

namespace blankett::expr {
namespace {

using K = xvalue::kind;

// -----------------------------------------------------------------------------------------------
// [SECTION] Helpers: null and error propagation, equality
// -----------------------------------------------------------------------------------------------

// The first error among the values, else the first null; `ok` false when either was found.
xvalue propagate(std::initializer_list<const xvalue*> vs, bool& ok) {
  for (const xvalue* v : vs)
    if (v->is_error()) return ok = false, *v;
  for (const xvalue* v : vs)
    if (v->is_null()) return ok = false, xvalue::null();
  ok = true;
  return {};
}

double round_half_away(double x, int digits) {
  const double f = std::pow(10.0, digits);
  const double y = x * f;
  // Nudge by a relative epsilon so that 2.675 (stored as 2.67499999...) rounds as written.
  const double r = std::round(y + (y >= 0 ? 1 : -1) * std::fabs(y) * 1e-12);
  return r / f;
}

// Numbers (or lists of numbers) of the arguments that have a value, in order.
template <class F>
void each_number(evaluator& ev, std::span<const xvalue> args, F&& f) {
  for (const xvalue& a : args) {
    if (a.k == K::number) f(a.n);
    else if (a.k == K::list)
      for (uint32_t i = 0; i < a.count; ++i)
        if (ev.element(a.first + i).k == K::number) f(ev.element(a.first + i).n);
  }
}

std::string text_of(const xvalue& v, const evaluator& ev) {
  switch (v.k) {
    case K::number: return format_number(v.n);
    case K::text: return std::string(v.s);
    case K::boolean: return v.n != 0 ? "true" : "false";
    case K::date: return format_date(civil_from_days(static_cast<int64_t>(v.n)));
    case K::list: {
      std::string out;
      for (uint32_t i = 0; i < v.count; ++i) out += text_of(ev.element(v.first + i), ev);
      return out;
    }
    default: return {};
  }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Functions: static type rules and values, one row each
// -----------------------------------------------------------------------------------------------

using types = std::span<const xtype>;
using values = std::span<const xvalue>;

bool is(xtype got, xtype want) { return got == want || got == xtype::null; }

// Type rules.
bool t_if(types a, xtype& r, size_t& bad, std::string_view& exp) {
  if (!is(a[0], xtype::boolean)) return bad = 0, exp = "boolean", false;
  if (a[1] != xtype::null && a[2] != xtype::null && a[1] != a[2]) return bad = 2, exp = xtype_name(a[1]), false;
  r = a[1] != xtype::null ? a[1] : a[2];
  return true;
}
bool t_any_number(types, xtype& r, size_t&, std::string_view&) { return r = xtype::number, true; }
bool t_numbers(types a, xtype& r, size_t& bad, std::string_view& exp) {
  for (size_t i = 0; i < a.size(); ++i)
    if (!is(a[i], xtype::number) && a[i] != xtype::list_number) return bad = i, exp = "number", false;
  return r = xtype::number, true;
}
bool t_min_max(types a, xtype& r, size_t& bad, std::string_view& exp) { return t_numbers(a, r, bad, exp); }
bool t_count(types a, xtype& r, size_t& bad, std::string_view& exp) {
  if (a[0] != xtype::list_number && a[0] != xtype::list_text && a[0] != xtype::null) return bad = 0, exp = "list", false;
  return r = xtype::number, true;
}
bool t_value_or(types a, xtype& r, size_t& bad, std::string_view& exp) {
  if (a[0] != xtype::null && a[1] != xtype::null && a[0] != a[1]) return bad = 1, exp = xtype_name(a[0]), false;
  r = a[0] != xtype::null ? a[0] : a[1];
  return true;
}
bool t_all_number(types a, xtype& r, size_t& bad, std::string_view& exp) {
  for (size_t i = 0; i < a.size(); ++i)
    if (!is(a[i], xtype::number)) return bad = i, exp = "number", false;
  return r = xtype::number, true;
}
bool t_today(types, xtype& r, size_t&, std::string_view&) { return r = xtype::date, true; }
bool t_date(types a, xtype& r, size_t& bad, std::string_view& exp) {
  if (!is(a[0], xtype::text)) return bad = 0, exp = "text", false;
  return r = xtype::date, true;
}
bool t_days_between(types a, xtype& r, size_t& bad, std::string_view& exp) {
  for (size_t i = 0; i < 2; ++i)
    if (!is(a[i], xtype::date)) return bad = i, exp = "date", false;
  return r = xtype::number, true;
}
bool t_age_at(types a, xtype& r, size_t& bad, std::string_view& exp) {
  if (!is(a[0], xtype::text) && a[0] != xtype::date) return bad = 0, exp = "date or personnummer text", false;
  if (!is(a[1], xtype::date)) return bad = 1, exp = "date", false;
  return r = xtype::number, true;
}
bool t_text_result(types, xtype& r, size_t&, std::string_view&) { return r = xtype::text, true; }
bool t_sex(types a, xtype& r, size_t& bad, std::string_view& exp) {
  if (!is(a[0], xtype::text)) return bad = 0, exp = "text", false;
  return r = xtype::text, true;
}
bool t_length(types a, xtype& r, size_t& bad, std::string_view& exp) {
  if (a[0] != xtype::text && a[0] != xtype::list_number && a[0] != xtype::list_text && a[0] != xtype::null)
    return bad = 0, exp = "text or list", false;
  return r = xtype::number, true;
}
bool t_count_answered(types, xtype& r, size_t&, std::string_view&) { return r = xtype::number, true; }

// Values.
xvalue f_if(evaluator&, values a) {
  if (a[0].is_error()) return a[0];
  return a[0].truthy() ? a[1] : a[2];
}
xvalue f_count_answered(evaluator&, values a) {
  double n = 0;
  for (const auto& v : a) n += !v.missing();
  return xvalue::number(n);
}
xvalue f_sum(evaluator& ev, values a) {
  for (const auto& v : a)
    if (v.is_error()) return v;
  double s = 0;
  each_number(ev, a, [&](double d) { s += d; });
  return xvalue::number(s);
}
xvalue f_min(evaluator& ev, values a) {
  for (const auto& v : a)
    if (v.is_error()) return v;
  bool any = false;
  double m = 0;
  each_number(ev, a, [&](double d) { m = any ? std::min(m, d) : d, any = true; });
  return any ? xvalue::number(m) : xvalue::null();
}
xvalue f_max(evaluator& ev, values a) {
  for (const auto& v : a)
    if (v.is_error()) return v;
  bool any = false;
  double m = 0;
  each_number(ev, a, [&](double d) { m = any ? std::max(m, d) : d, any = true; });
  return any ? xvalue::number(m) : xvalue::null();
}
xvalue f_count(evaluator&, values a) {
  if (a[0].missing()) return a[0].is_error() ? a[0] : xvalue::number(0);
  return xvalue::number(a[0].count);
}
xvalue f_value_or(evaluator&, values a) { return a[0].missing() ? a[1] : a[0]; }
xvalue f_round(evaluator&, values a) {
  bool ok = false;
  const xvalue bad = a.size() > 1 ? propagate({&a[0], &a[1]}, ok) : propagate({&a[0]}, ok);
  if (!ok) return bad;
  // Check the range before converting: a huge double does not fit an int (found by fuzzing).
  if (a.size() > 1 && !(a[1].n >= 0 && a[1].n <= 12)) return xvalue::error(xerror::invalid_input);
  const int digits = a.size() > 1 ? static_cast<int>(a[1].n) : 0;
  return xvalue::number(round_half_away(a[0].n, digits));
}
xvalue f_floor(evaluator&, values a) { return a[0].missing() ? a[0] : xvalue::number(std::floor(a[0].n)); }
xvalue f_ceil(evaluator&, values a) { return a[0].missing() ? a[0] : xvalue::number(std::ceil(a[0].n)); }
xvalue f_abs(evaluator&, values a) { return a[0].missing() ? a[0] : xvalue::number(std::fabs(a[0].n)); }
xvalue f_bmi(evaluator&, values a) {
  bool ok = false;
  const xvalue bad = propagate({&a[0], &a[1]}, ok);
  if (!ok) return bad;
  if (!(a[1].n > 0) || a[0].n < 0) return xvalue::error(xerror::invalid_input);
  const double m = a[1].n / 100.0;
  return xvalue::number(a[0].n / (m * m));
}
xvalue f_today(evaluator& ev, values) {
  return xvalue::date(static_cast<double>(days_from_civil(ev.env().today())));
}
xvalue f_date(evaluator&, values a) {
  if (a[0].missing()) return a[0];
  auto d = parse_date(a[0].s);
  return d ? xvalue::date(static_cast<double>(*d)) : xvalue::null();
}
xvalue f_days_between(evaluator&, values a) {
  bool ok = false;
  const xvalue bad = propagate({&a[0], &a[1]}, ok);
  return ok ? xvalue::number(a[1].n - a[0].n) : bad;
}
xvalue f_age_at(evaluator& ev, values a) {
  bool ok = false;
  const xvalue bad = propagate({&a[0], &a[1]}, ok);
  if (!ok) return bad;
  const civil_date on = civil_from_days(static_cast<int64_t>(a[1].n));
  if (a[0].k == K::date) return xvalue::number(age_on(civil_from_days(static_cast<int64_t>(a[0].n)), on));
  // A personnummer; the reference date for its century is the evaluation's today.
  auto p = parse_pnr(a[0].s, pnr_options{ev.env().today(), false});
  if (!p) return xvalue::error(xerror::invalid_input);
  return xvalue::number(p->age_on(on));
}
xvalue f_subject_age(evaluator& ev, values) {
  const pnr* p = ev.env().subject();
  return p ? xvalue::number(p->age_on(ev.env().today())) : xvalue::null();
}
xvalue f_subject_sex(evaluator& ev, values) {
  const pnr* p = ev.env().subject();
  if (!p) return xvalue::null();
  return xvalue::text(p->sex == pnr_sex::male ? "male" : "female");
}
xvalue f_sex(evaluator& ev, values a) {
  if (a[0].missing()) return a[0];
  auto p = parse_pnr(a[0].s, pnr_options{ev.env().today(), false});
  if (!p) return xvalue::error(xerror::invalid_input);
  return xvalue::text(p->sex == pnr_sex::male ? "male" : "female");
}
xvalue f_concat(evaluator& ev, values a) {
  std::string out;
  for (const auto& v : a) {
    if (v.is_error()) return v;
    out += text_of(v, ev);
  }
  return xvalue::text(ev.keep(std::move(out)));
}
xvalue f_length(evaluator&, values a) {
  if (a[0].missing()) return a[0];
  if (a[0].k == K::list) return xvalue::number(a[0].count);
  double n = 0;
  for (char c : a[0].s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return xvalue::number(n);
}

constexpr uint8_t kAny = 255;
constexpr std::array kFunctions{
    function_row{{"if", 3, 3, "if(condition, a, b)", "a when the condition is true, else b"}, t_if, f_if},
    function_row{{"count_answered", 1, kAny, "count_answered(x, ...)", "how many of the arguments have a value"},
                 t_count_answered, f_count_answered},
    function_row{{"sum", 1, kAny, "sum(x, ...)", "sum of the numbers that have a value; 0 when none has"}, t_numbers, f_sum},
    function_row{{"min", 1, kAny, "min(x, ...)", "least of the numbers that have a value"}, t_min_max, f_min},
    function_row{{"max", 1, kAny, "max(x, ...)", "greatest of the numbers that have a value"}, t_min_max, f_max},
    function_row{{"count", 1, 1, "count(list)", "number of elements"}, t_count, f_count},
    function_row{{"value_or", 2, 2, "value_or(x, default)", "x when it has a value, else the default"}, t_value_or,
                 f_value_or},
    function_row{{"round", 1, 2, "round(x, decimals)", "rounded, halves away from zero"}, t_all_number, f_round},
    function_row{{"floor", 1, 1, "floor(x)", "rounded down"}, t_all_number, f_floor},
    function_row{{"ceil", 1, 1, "ceil(x)", "rounded up"}, t_all_number, f_ceil},
    function_row{{"abs", 1, 1, "abs(x)", "absolute value"}, t_all_number, f_abs},
    function_row{{"bmi", 2, 2, "bmi(weight_kg, height_cm)", "body mass index, kg/m²"}, t_all_number, f_bmi},
    function_row{{"today", 0, 0, "today()", "the evaluation's reference date"}, t_today, f_today},
    function_row{{"date", 1, 1, "date(text)", "a YYYY-MM-DD text as a date"}, t_date, f_date},
    function_row{{"days_between", 2, 2, "days_between(a, b)", "days from date a to date b"}, t_days_between,
                 f_days_between},
    function_row{{"age_at", 2, 2, "age_at(birth, date)", "completed years of a date of birth or personnummer"},
                 t_age_at, f_age_at},
    function_row{{"subject_age", 0, 0, "subject_age()", "age today of the person the form is about"}, t_any_number,
                 f_subject_age},
    function_row{{"subject_sex", 0, 0, "subject_sex()", "'female' or 'male', from the subject's personnummer"},
                 t_text_result, f_subject_sex},
    function_row{{"sex", 1, 1, "sex(personnummer)", "'female' or 'male'"}, t_sex, f_sex},
    function_row{{"concat", 1, kAny, "concat(x, ...)", "the arguments as text, joined"}, t_text_result, f_concat},
    function_row{{"length", 1, 1, "length(x)", "characters of a text, elements of a list"}, t_length, f_length},
};

constexpr auto kInfos = [] {
  std::array<function_info, kFunctions.size()> out{};
  for (size_t i = 0; i < out.size(); ++i) out[i] = kFunctions[i].info;
  return out;
}();

}  // namespace

std::span<const function_row> function_rows() noexcept { return kFunctions; }

int find_function(std::string_view name) noexcept {
  for (size_t i = 0; i < kFunctions.size(); ++i)
    if (kFunctions[i].info.name == name) return static_cast<int>(i);
  return -1;
}

bool values_equal(const xvalue& a, const xvalue& b, const evaluator&) {
  if (a.k != b.k) return false;
  switch (a.k) {
    case K::text: return a.s == b.s;
    case K::number:
    case K::date:
    case K::boolean: return a.n == b.n;
    default: return false;
  }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] The stack machine
// -----------------------------------------------------------------------------------------------

xvalue evaluator::run(const program& p, environment& env) {
  env_ = &env;
  stack_.clear();
  pool_.clear();
  scratch_.clear();
  auto pop = [&] {
    xvalue v = stack_.back();
    stack_.pop_back();
    return v;
  };
  for (const xinstr& in : p.code) {
    switch (in.op) {
      case xop::push_const: stack_.push_back(p.consts[in.a]); break;
      case xop::push_text: stack_.push_back(xvalue::text(p.const_texts[in.a])); break;
      case xop::load: stack_.push_back(env.value(p.refs[in.a], *this)); break;
      case xop::points: stack_.push_back(env.points(p.refs[in.a])); break;
      case xop::points_sum: {
        // As sum(): the points that have a value, 0 when none has (points are never errors).
        double s = 0;
        for (uint16_t k = 0; k < in.b; ++k) {
          const double v = env.points_number(p.refs[p.ref_runs[in.a + k]]);
          if (v == v) s += v;  // not NaN: the item has points
        }
        stack_.push_back(xvalue::number(s));
        break;
      }
      case xop::answered: stack_.push_back(xvalue::boolean(!env.value(p.refs[in.a], *this).missing())); break;
      case xop::make_list: {
        // Elements move from the stack into the pool, in order.
        const size_t n = in.a;
        const uint32_t first = static_cast<uint32_t>(pool_.size());
        for (size_t i = stack_.size() - n; i < stack_.size(); ++i) pool_.push_back(stack_[i]);
        stack_.resize(stack_.size() - n);
        xvalue l;
        l.k = K::list;
        l.first = first;
        l.count = static_cast<uint32_t>(n);
        stack_.push_back(l);
        break;
      }
      case xop::neg: {
        xvalue v = pop();
        stack_.push_back(v.missing() ? v : xvalue::number(-v.n));
        break;
      }
      case xop::add:
      case xop::sub:
      case xop::mul:
      case xop::div: {
        const xvalue b = pop(), a = pop();
        bool ok = false;
        const xvalue bad = propagate({&a, &b}, ok);
        if (!ok) {
          stack_.push_back(bad);
          break;
        }
        double r = 0;
        if (in.op == xop::add) r = a.n + b.n;
        else if (in.op == xop::sub) r = a.n - b.n;
        else if (in.op == xop::mul) r = a.n * b.n;
        else if (b.n == 0) {
          stack_.push_back(xvalue::error(xerror::division_by_zero));
          break;
        } else r = a.n / b.n;
        stack_.push_back(xvalue::number(r));
        break;
      }
      case xop::eq:
      case xop::ne:
      case xop::lt:
      case xop::le:
      case xop::gt:
      case xop::ge: {
        const xvalue b = pop(), a = pop();
        bool ok = false;
        const xvalue bad = propagate({&a, &b}, ok);
        if (!ok) {
          stack_.push_back(bad);
          break;
        }
        int c = 0;  // three-way comparison
        if (a.k == K::text) c = a.s < b.s ? -1 : (b.s < a.s ? 1 : 0);
        else c = a.n < b.n ? -1 : (b.n < a.n ? 1 : 0);
        bool r = false;
        switch (in.op) {
          case xop::eq: r = c == 0; break;
          case xop::ne: r = c != 0; break;
          case xop::lt: r = c < 0; break;
          case xop::le: r = c <= 0; break;
          case xop::gt: r = c > 0; break;
          default: r = c >= 0; break;
        }
        stack_.push_back(xvalue::boolean(r));
        break;
      }
      case xop::in: {
        const xvalue list = pop(), x = pop();
        bool ok = false;
        const xvalue bad = propagate({&x, &list}, ok);
        if (!ok) {
          stack_.push_back(bad);
          break;
        }
        bool found = false;
        for (uint32_t i = 0; i < list.count && !found; ++i) found = values_equal(x, pool_[list.first + i], *this);
        stack_.push_back(xvalue::boolean(found));
        break;
      }
      case xop::and_:
      case xop::or_: {
        const xvalue b = pop(), a = pop();
        // Three-valued logic: a definite false (and) or true (or) wins over null and errors.
        const bool is_and = in.op == xop::and_;
        const bool decisive = !is_and;  // the value that decides alone
        if ((a.k == K::boolean && (a.n != 0) == decisive) || (b.k == K::boolean && (b.n != 0) == decisive)) {
          stack_.push_back(xvalue::boolean(decisive));
          break;
        }
        bool ok = false;
        const xvalue bad = propagate({&a, &b}, ok);
        stack_.push_back(ok ? xvalue::boolean(!decisive) : bad);
        break;
      }
      case xop::not_: {
        const xvalue v = pop();
        stack_.push_back(v.missing() ? v : xvalue::boolean(v.n == 0));
        break;
      }
      case xop::call: {
        const size_t n = in.b;
        const std::span<const xvalue> args(stack_.data() + stack_.size() - n, n);
        const xvalue r = kFunctions[in.a].call(*this, args);
        stack_.resize(stack_.size() - n);
        stack_.push_back(r);
        break;
      }
    }
  }
  BLANKETT_ASSERT(stack_.size() == 1);
  return stack_.back();
}

}  // namespace blankett::expr

namespace blankett {
std::span<const function_info> functions() noexcept { return expr::kInfos; }
}  // namespace blankett
