// libFuzzer target: the expression compiler and evaluator. Names a..f are numbers, t a text,
// b a boolean, d a date, l a list of texts, c a choice with points; a program that compiles runs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "blankett/expr.h"
#include "expr/vm.h"

namespace {

using namespace blankett;

struct env final : expr::environment {
  xvalue value(const ref& r, expr::evaluator& ev) override {
    switch (r.index) {
      case 0: return xvalue::number(2.5);
      case 1: return xvalue::null();
      case 2: return xvalue::text("två");
      case 3: return xvalue::boolean(true);
      case 4: return xvalue::date(20000);
      case 5: {
        xvalue l;
        l.k = xvalue::kind::list;
        l.first = ev.push_list_element(xvalue::text("a"));
        ev.push_list_element(xvalue::text("b"));
        l.count = 2;
        return l;
      }
      default: return xvalue::text("1");
    }
  }
  xvalue points(const ref&) override { return xvalue::number(1); }
  civil_date today() const override { return {2026, 6, 1}; }
  const pnr* subject() const override { return nullptr; }
};

bool resolve(std::string_view name, resolved& out) {
  static constexpr std::string_view kNames[] = {"a", "n", "t", "b", "d", "l", "c"};
  static constexpr xtype kTypes[] = {xtype::number, xtype::number, xtype::text, xtype::boolean,
                                     xtype::date, xtype::list_text, xtype::text};
  for (uint32_t i = 0; i < 7; ++i) {
    if (kNames[i] != name) continue;
    out.r = {ref_kind::item, i};
    out.type = kTypes[i];
    out.has_points = i == 6;
    return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  program p;
  expr_error err;
  if (compile_expression(source, resolve, p, err)) {
    env e;
    expr::evaluator ev;
    (void)ev.run(p, e);
  }
  return 0;
}
