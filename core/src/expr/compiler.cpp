// The expression compiler: one recursive-descent pass that checks types and emits stack code.
//
// Grammar and types: docs/form-format.md, "Expressions". Each parse function returns the static
// type of what it emitted and where that operand starts, for precise error positions.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "blankett/expr.h"
#include "expr/vm.h"

namespace blankett {
namespace {

enum class tok : uint8_t {
  end, number, string, name, braced, lparen, rparen, lbrack, rbrack, comma,
  plus, minus, star, slash, eq, ne, lt, le, gt, ge, bad
};

struct token {
  tok k = tok::end;
  size_t pos = 0;
  std::string_view text;  // names, braced ids, string contents
  double num = 0;
};

struct operand {
  xtype type;
  size_t pos;
};

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool is_list(xtype t) { return t == xtype::list_number || t == xtype::list_text; }
xtype element_of(xtype t) { return t == xtype::list_number ? xtype::number : xtype::text; }

class compiler {
 public:
  compiler(std::string_view src, const resolver& r, program& out, expr_error& err)
      : s_(src), resolve_(r), out_(out), err_(err) {}

  bool run() {
    out_ = program{};
    out_.source.assign(s_);
    next();
    if (t_.k == tok::end) return fail(expr_error::code::syntax, 0, "an expression");
    const operand r = parse_or();
    if (failed_) return false;
    if (t_.k != tok::end) return fail(expr_error::code::syntax, t_.pos, "an operator or the end of the expression");
    out_.type = r.type;
    return true;
  }

 private:
  // --- errors ---------------------------------------------------------------------------------
  bool fail(expr_error::code c, size_t pos, std::string detail, std::string expected = {}, std::string found = {}) {
    if (!failed_) err_ = {c, pos, std::move(detail), std::move(expected), std::move(found)};
    failed_ = true;
    return false;
  }
  operand type_error(size_t pos, std::string_view expected, xtype found) {
    fail(expr_error::code::type, pos, {}, std::string(expected), std::string(xtype_name(found)));
    return {xtype::null, pos};
  }

  // --- lexer ----------------------------------------------------------------------------------
  void next() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\n' || s_[p_] == '\r')) ++p_;
    t_ = token{};
    t_.pos = p_;
    if (p_ >= s_.size()) return;
    const char c = s_[p_];
    auto single = [&](tok k) {
      t_.k = k;
      ++p_;
    };
    switch (c) {
      case '(': return single(tok::lparen);
      case ')': return single(tok::rparen);
      case '[': return single(tok::lbrack);
      case ']': return single(tok::rbrack);
      case ',': return single(tok::comma);
      case '+': return single(tok::plus);
      case '-': return single(tok::minus);
      case '*': return single(tok::star);
      case '/': return single(tok::slash);
      case '=': return single(tok::eq);
      case '!':
        if (p_ + 1 < s_.size() && s_[p_ + 1] == '=') {
          t_.k = tok::ne;
          p_ += 2;
          return;
        }
        return single(tok::bad);
      case '<':
      case '>': {
        const bool eq = p_ + 1 < s_.size() && s_[p_ + 1] == '=';
        t_.k = c == '<' ? (eq ? tok::le : tok::lt) : (eq ? tok::ge : tok::gt);
        p_ += eq ? 2 : 1;
        return;
      }
      case '\'':
      case '"': {
        const size_t close = s_.find(c, p_ + 1);
        if (close == std::string_view::npos) {
          fail(expr_error::code::syntax, p_, "a closing quote");
          t_.k = tok::bad;
          return;
        }
        t_.k = tok::string;
        t_.text = s_.substr(p_ + 1, close - p_ - 1);
        p_ = close + 1;
        return;
      }
      case '{': {
        const size_t close = s_.find('}', p_ + 1);
        if (close == std::string_view::npos) {
          fail(expr_error::code::syntax, p_, "'}' after an id");
          t_.k = tok::bad;
          return;
        }
        t_.k = tok::braced;
        t_.text = s_.substr(p_ + 1, close - p_ - 1);
        p_ = close + 1;
        return;
      }
      default: break;
    }
    if (c >= '0' && c <= '9') {
      size_t e = p_;
      while (e < s_.size() && s_[e] >= '0' && s_[e] <= '9') ++e;
      if (e < s_.size() && s_[e] == '.') {
        ++e;
        if (e >= s_.size() || s_[e] < '0' || s_[e] > '9') {
          fail(expr_error::code::syntax, e, "a digit after the decimal point");
          t_.k = tok::bad;
          return;
        }
        while (e < s_.size() && s_[e] >= '0' && s_[e] <= '9') ++e;
      }
      const std::string digits(s_.substr(p_, e - p_));
      t_.k = tok::number;
      t_.num = std::strtod(digits.c_str(), nullptr);
      p_ = e;
      return;
    }
    if (is_name_start(c)) {
      size_t e = p_;
      while (e < s_.size() && is_name_char(s_[e])) ++e;
      t_.k = tok::name;
      t_.text = s_.substr(p_, e - p_);
      p_ = e;
      return;
    }
    t_.k = tok::bad;
    fail(expr_error::code::syntax, p_, "a value, a name or an operator");
  }

  bool keyword(std::string_view w) const { return t_.k == tok::name && t_.text == w; }
  bool expect(tok k, std::string_view what) {
    if (t_.k == k) {
      next();
      return true;
    }
    return fail(expr_error::code::syntax, t_.pos, std::string(what));
  }

  // --- emission -------------------------------------------------------------------------------
  void emit(xop op, uint16_t a = 0, uint8_t b = 0) { out_.code.push_back({op, b, a}); }
  void emit_const(const xvalue& v) {
    out_.consts.push_back(v);
    emit(xop::push_const, static_cast<uint16_t>(out_.consts.size() - 1));
  }
  uint16_t ref_index(const ref& r) {
    for (size_t i = 0; i < out_.refs.size(); ++i)
      if (out_.refs[i] == r) return static_cast<uint16_t>(i);
    out_.refs.push_back(r);
    return static_cast<uint16_t>(out_.refs.size() - 1);
  }

  // --- grammar --------------------------------------------------------------------------------
  // Nesting is bounded so that a crafted expression cannot exhaust the stack.
  struct depth_guard {
    compiler& c;
    explicit depth_guard(compiler& cc) : c(cc) { ++c.depth_; }
    ~depth_guard() { --c.depth_; }
  };
  static constexpr int kMaxDepth = 64;

  operand parse_or() {
    depth_guard guard(*this);
    if (depth_ > kMaxDepth) {
      fail(expr_error::code::syntax, t_.pos, "an expression nested at most 64 deep");
      return {xtype::null, t_.pos};
    }
    operand l = parse_and();
    while (!failed_ && keyword("or")) {
      next();
      const operand r = parse_and();
      if (failed_) break;
      if (!boolish(l.type)) return type_error(l.pos, "boolean", l.type);
      if (!boolish(r.type)) return type_error(r.pos, "boolean", r.type);
      emit(xop::or_);
      l.type = xtype::boolean;
    }
    return l;
  }

  operand parse_and() {
    operand l = parse_not();
    while (!failed_ && keyword("and")) {
      next();
      const operand r = parse_not();
      if (failed_) break;
      if (!boolish(l.type)) return type_error(l.pos, "boolean", l.type);
      if (!boolish(r.type)) return type_error(r.pos, "boolean", r.type);
      emit(xop::and_);
      l.type = xtype::boolean;
    }
    return l;
  }

  operand parse_not() {
    if (keyword("not")) {
      depth_guard guard(*this);
      if (depth_ > kMaxDepth) {
        fail(expr_error::code::syntax, t_.pos, "an expression nested at most 64 deep");
        return {xtype::null, t_.pos};
      }
      const size_t at = t_.pos;
      next();
      const operand r = parse_not();
      if (failed_) return r;
      if (!boolish(r.type)) return type_error(r.pos, "boolean", r.type);
      emit(xop::not_);
      return {xtype::boolean, at};
    }
    return parse_comparison();
  }

  static bool boolish(xtype t) { return t == xtype::boolean || t == xtype::null; }
  static bool numberish(xtype t) { return t == xtype::number || t == xtype::null; }

  operand parse_comparison() {
    const operand l = parse_sum();
    if (failed_) return l;
    xop op{};
    switch (t_.k) {
      case tok::eq: op = xop::eq; break;
      case tok::ne: op = xop::ne; break;
      case tok::lt: op = xop::lt; break;
      case tok::le: op = xop::le; break;
      case tok::gt: op = xop::gt; break;
      case tok::ge: op = xop::ge; break;
      default:
        if (keyword("in")) {
          next();
          const operand r = parse_sum();
          if (failed_) return r;
          if (!is_list(r.type) && r.type != xtype::null) return type_error(r.pos, "list", r.type);
          if (is_list(l.type)) return type_error(l.pos, "number or text", l.type);
          if (r.type != xtype::null && l.type != xtype::null && element_of(r.type) != l.type)
            return type_error(l.pos, xtype_name(element_of(r.type)), l.type);
          emit(xop::in);
          return {xtype::boolean, l.pos};
        }
        return l;
    }
    next();
    const operand r = parse_sum();
    if (failed_) return r;
    if (is_list(l.type)) return type_error(l.pos, "number, text, date or boolean", l.type);
    if (is_list(r.type)) return type_error(r.pos, "number, text, date or boolean", r.type);
    if (l.type != xtype::null && r.type != xtype::null && l.type != r.type)
      return type_error(r.pos, xtype_name(l.type), r.type);
    const xtype t = l.type != xtype::null ? l.type : r.type;
    if (t == xtype::boolean && op != xop::eq && op != xop::ne)
      return type_error(l.pos, "number, text or date", t);
    emit(op);
    return {xtype::boolean, l.pos};
  }

  operand parse_sum() {
    operand l = parse_product();
    while (!failed_ && (t_.k == tok::plus || t_.k == tok::minus)) {
      const xop op = t_.k == tok::plus ? xop::add : xop::sub;
      next();
      const operand r = parse_product();
      if (failed_) break;
      if (!numberish(l.type)) return type_error(l.pos, "number", l.type);
      if (!numberish(r.type)) return type_error(r.pos, "number", r.type);
      emit(op);
      l.type = xtype::number;
    }
    return l;
  }

  operand parse_product() {
    operand l = parse_unary();
    while (!failed_ && (t_.k == tok::star || t_.k == tok::slash)) {
      const xop op = t_.k == tok::star ? xop::mul : xop::div;
      next();
      const operand r = parse_unary();
      if (failed_) break;
      if (!numberish(l.type)) return type_error(l.pos, "number", l.type);
      if (!numberish(r.type)) return type_error(r.pos, "number", r.type);
      emit(op);
      l.type = xtype::number;
    }
    return l;
  }

  operand parse_unary() {
    if (t_.k == tok::minus) {
      depth_guard guard(*this);
      if (depth_ > kMaxDepth) {
        fail(expr_error::code::syntax, t_.pos, "an expression nested at most 64 deep");
        return {xtype::null, t_.pos};
      }
      const size_t at = t_.pos;
      next();
      const operand r = parse_unary();
      if (failed_) return r;
      if (!numberish(r.type)) return type_error(r.pos, "number", r.type);
      emit(xop::neg);
      return {xtype::number, at};
    }
    return parse_primary();
  }

  // A reference by name or {id}; `usage` is "value", "points" or "answered".
  bool reference(std::string_view name, size_t at, resolved& out) {
    if (!resolve_(name, out)) {
      fail(expr_error::code::unknown_reference, at, std::string(name));
      return false;
    }
    return true;
  }

  operand parse_primary() {
    const size_t at = t_.pos;
    switch (t_.k) {
      case tok::number: {
        emit_const(xvalue::number(t_.num));
        next();
        return {xtype::number, at};
      }
      case tok::string: {
        out_.const_texts.emplace_back(t_.text);
        emit(xop::push_text, static_cast<uint16_t>(out_.const_texts.size() - 1));
        next();
        return {xtype::text, at};
      }
      case tok::lparen: {
        next();
        const operand inner = parse_or();
        if (failed_) return inner;
        if (!expect(tok::rparen, "')'")) return inner;
        return {inner.type, at};
      }
      case tok::lbrack: return parse_list();
      case tok::braced: {
        const std::string_view id = t_.text;
        next();
        return load_reference(id, at);
      }
      case tok::name: break;
      default:
        fail(expr_error::code::syntax, at, t_.k == tok::end ? "a value before the end" : "a value");
        return {xtype::null, at};
    }
    const std::string_view name = t_.text;
    if (name == "true" || name == "false") {
      emit_const(xvalue::boolean(name == "true"));
      next();
      return {xtype::boolean, at};
    }
    if (name == "null") {
      emit_const(xvalue::null());
      next();
      return {xtype::null, at};
    }
    if (name == "and" || name == "or" || name == "not" || name == "in") {
      fail(expr_error::code::syntax, at, "a value");
      return {xtype::null, at};
    }
    next();
    if (t_.k == tok::lparen) return parse_call(name, at);
    return load_reference(name, at);
  }

  operand load_reference(std::string_view name, size_t at) {
    resolved r;
    if (!reference(name, at, r)) return {xtype::null, at};
    if (!r.is_value) {
      fail(expr_error::code::type, at, std::string(name), "a value", "a question answered only as a whole");
      return {xtype::null, at};
    }
    emit(xop::load, ref_index(r.r));
    return {r.type, at};
  }

  operand parse_list() {
    const size_t at = t_.pos;
    next();
    size_t n = 0;
    xtype elem = xtype::null;
    while (!failed_ && t_.k != tok::rbrack) {
      if (n > 0 && !expect(tok::comma, "',' or ']'")) break;
      const operand e = parse_or();
      if (failed_) break;
      if (e.type != xtype::number && e.type != xtype::text && e.type != xtype::null)
        return type_error(e.pos, "number or text", e.type);
      if (elem != xtype::null && e.type != xtype::null && e.type != elem) return type_error(e.pos, xtype_name(elem), e.type);
      if (e.type != xtype::null) elem = e.type;
      ++n;
    }
    if (failed_) return {xtype::null, at};
    if (!expect(tok::rbrack, "']'")) return {xtype::null, at};
    if (n > 65535) {
      fail(expr_error::code::syntax, at, "a shorter list");
      return {xtype::null, at};
    }
    emit(xop::make_list, static_cast<uint16_t>(n));
    return {elem == xtype::number ? xtype::list_number : xtype::list_text, at};
  }

  operand parse_call(std::string_view name, size_t at) {
    next();  // past '('
    // points(x) and answered(x) take the question itself, not its value.
    if (name == "points" || name == "answered") {
      const size_t arg_at = t_.pos;
      std::string_view id;
      if (t_.k == tok::name || t_.k == tok::braced) {
        id = t_.text;
        next();
      }
      if (id.empty() || t_.k != tok::rparen) {
        fail(expr_error::code::syntax, arg_at, std::string(name) + "() takes one question id");
        return {xtype::null, at};
      }
      next();
      resolved r;
      if (!reference(id, arg_at, r)) return {xtype::null, at};
      if (name == "points") {
        if (!r.has_points) {
          fail(expr_error::code::type, arg_at, std::string(id), "a choice question or matrix", std::string(xtype_name(r.type)));
          return {xtype::null, at};
        }
        emit(xop::points, ref_index(r.r));
        return {xtype::number, at};
      }
      emit(xop::answered, ref_index(r.r));
      return {xtype::boolean, at};
    }
    const int fn = expr::find_function(name);
    if (fn < 0) {
      fail(expr_error::code::unknown_function, at, std::string(name));
      return {xtype::null, at};
    }
    std::vector<xtype> types;
    std::vector<size_t> positions;
    while (!failed_ && t_.k != tok::rparen) {
      if (!types.empty() && !expect(tok::comma, "',' or ')'")) break;
      const operand a = parse_or();
      if (failed_) break;
      types.push_back(a.type);
      positions.push_back(a.pos);
    }
    if (failed_) return {xtype::null, at};
    if (!expect(tok::rparen, "')'")) return {xtype::null, at};
    const expr::function_row& row = expr::function_rows()[static_cast<size_t>(fn)];
    if (types.size() < row.info.min_args || (row.info.max_args != 255 && types.size() > row.info.max_args)) {
      fail(expr_error::code::arity, at, std::string(row.info.signature));
      return {xtype::null, at};
    }
    xtype result = xtype::null;
    size_t bad = 0;
    std::string_view expected;
    if (!row.type(types, result, bad, expected)) return type_error(positions[bad], expected, types[bad]);
    // sum(points(a), points(b), ...) is how instruments add up their items: one instruction.
    const size_t n = types.size();
    if (row.info.name == "sum" && n > 0 && n < 256 && out_.code.size() >= n &&
        std::all_of(out_.code.end() - static_cast<std::ptrdiff_t>(n), out_.code.end(),
                    [](const xinstr& i) { return i.op == xop::points; })) {
      const auto first = static_cast<uint16_t>(out_.ref_runs.size());
      for (size_t k = out_.code.size() - n; k < out_.code.size(); ++k) out_.ref_runs.push_back(out_.code[k].a);
      out_.code.resize(out_.code.size() - n);
      emit(xop::points_sum, first, static_cast<uint8_t>(n));
      return {result, at};
    }
    emit(xop::call, static_cast<uint16_t>(fn), static_cast<uint8_t>(types.size()));
    return {result, at};
  }

  std::string_view s_;
  const resolver& resolve_;
  program& out_;
  expr_error& err_;
  size_t p_ = 0;
  token t_;
  bool failed_ = false;
  int depth_ = 0;
};

}  // namespace

std::string_view xtype_name(xtype t) noexcept {
  switch (t) {
    case xtype::null: return "null";
    case xtype::number: return "number";
    case xtype::text: return "text";
    case xtype::boolean: return "boolean";
    case xtype::date: return "date";
    case xtype::list_number: return "list of numbers";
    case xtype::list_text: return "list of texts";
  }
  return "?";
}

bool compile_expression(std::string_view source, const resolver& resolve, program& out, expr_error& error) {
  if (source.size() > 4096) {
    error = {expr_error::code::syntax, 4096, "an expression of at most 4096 characters", {}, {}};
    return false;
  }
  compiler c(source, resolve, out, error);
  if (!c.run()) {
    out.code.clear();
    return false;
  }
  return true;
}

}  // namespace blankett
