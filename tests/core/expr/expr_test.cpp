// Tests of the expression language: grammar, static types, positions of errors, values, null logic.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "blankett/expr.h"
#include "expr/vm.h"

namespace blankett {
namespace {

// A tiny world: named references with fixed types and values.
struct world : expr::environment {
  struct entry {
    resolved r;
    xvalue v;
    std::vector<std::string> list;  // list_text values
    double points = 0;
    bool has_points_value = false;
  };
  std::map<std::string, entry, std::less<>> names;
  civil_date day{2026, 6, 1};
  std::optional<pnr> subj;

  void add(const std::string& name, xtype t, xvalue v, bool has_points = false, double points = 0) {
    entry e;
    e.r.r = {ref_kind::item, static_cast<uint32_t>(names.size())};
    e.r.type = t;
    e.r.has_points = has_points;
    e.v = v;
    e.points = points;
    e.has_points_value = has_points && !v.is_null();
    names[name] = e;
  }
  const entry* by_ref(const ref& r) const {
    for (const auto& [n, e] : names)
      if (e.r.r == r) return &e;
    return nullptr;
  }
  resolver resolve() {
    return [this](std::string_view n, resolved& out) {
      auto it = names.find(n);
      if (it == names.end()) return false;
      out = it->second.r;
      return true;
    };
  }
  xvalue value(const ref& r, expr::evaluator& ev) override {
    const entry* e = by_ref(r);
    if (e->r.type == xtype::list_text && !e->v.is_null()) {
      xvalue l;
      l.k = xvalue::kind::list;
      l.first = static_cast<uint32_t>(-1);
      for (const auto& s : e->list) {
        const uint32_t at = ev.push_list_element(xvalue::text(s));
        if (l.first == static_cast<uint32_t>(-1)) l.first = at;
        ++l.count;
      }
      if (l.count == 0) l.first = 0;
      return l;
    }
    return e->v;
  }
  xvalue points(const ref& r) override {
    const entry* e = by_ref(r);
    return e->has_points_value ? xvalue::number(e->points) : xvalue::null();
  }
  civil_date today() const override { return day; }
  const pnr* subject() const override { return subj ? &*subj : nullptr; }
};

class expr_test : public ::testing::Test {
 protected:
  void SetUp() override {
    w.add("q1", xtype::text, xvalue::text("2"), true, 2);
    w.add("q2", xtype::text, xvalue::null(), true);
    w.add("weight", xtype::number, xvalue::number(82.5));
    w.add("height", xtype::number, xvalue::number(180));
    w.add("empty", xtype::number, xvalue::null());
    w.add("smoker", xtype::boolean, xvalue::boolean(true));
    w.add("visit", xtype::date, xvalue::date(20468));  // 2026-01-15
    w.add("child", xtype::text, xvalue::text("20150612-1241"));
    world::entry sym;
    w.add("symptoms", xtype::list_text, xvalue::text("x"));
    w.names["symptoms"].list = {"cough", "fever"};
  }

  // Compiles and runs; returns the value (texts copied out).
  xvalue run(std::string_view src) {
    program p;
    expr_error err;
    if (!compile_expression(src, w.resolve(), p, err)) {
      ADD_FAILURE() << src << ": compile error at " << err.position << ": " << err.detail << err.expected << " "
                    << err.found;
      return xvalue::error(xerror::invalid_input);
    }
    programs.push_back(std::move(p));
    xvalue v = ev.run(programs.back(), w);
    if (v.k == xvalue::kind::text) {
      texts.emplace_back(v.s);
      v.s = texts.back();
    }
    return v;
  }
  double num(std::string_view src) {
    const xvalue v = run(src);
    EXPECT_EQ(v.k, xvalue::kind::number) << src;
    return v.n;
  }
  bool truth(std::string_view src) {
    const xvalue v = run(src);
    EXPECT_EQ(v.k, xvalue::kind::boolean) << src;
    return v.truthy();
  }
  expr_error error_of(std::string_view src) {
    program p;
    expr_error err;
    EXPECT_FALSE(compile_expression(src, w.resolve(), p, err)) << src;
    return err;
  }

  world w;
  expr::evaluator ev;
  std::deque<program> programs;
  std::deque<std::string> texts;
};

TEST_F(expr_test, arithmetic_and_precedence) {
  EXPECT_EQ(num("1 + 2 * 3"), 7);
  EXPECT_EQ(num("(1 + 2) * 3"), 9);
  EXPECT_EQ(num("10 - 4 - 3"), 3);
  EXPECT_EQ(num("-2 * -3"), 6);
  EXPECT_EQ(num("7 / 2"), 3.5);
  EXPECT_EQ(num("weight / (height / 100) / (height / 100)"), 82.5 / 3.24);
}

TEST_F(expr_test, comparisons_logic_and_membership) {
  EXPECT_TRUE(truth("q1 = '2'"));
  EXPECT_TRUE(truth("q1 != \"3\""));
  EXPECT_TRUE(truth("points(q1) >= 2 and smoker"));
  EXPECT_TRUE(truth("not (weight < 50) or false"));
  EXPECT_TRUE(truth("q1 in ['2', '3']"));
  EXPECT_FALSE(truth("'rash' in symptoms"));
  EXPECT_TRUE(truth("'fever' in symptoms"));
  EXPECT_TRUE(truth("visit < date('2026-02-01')"));
  EXPECT_TRUE(truth("'abc' < 'abd'"));
}

TEST_F(expr_test, null_spreads_and_logic_is_three_valued) {
  EXPECT_TRUE(run("empty + 1").is_null());
  EXPECT_TRUE(run("empty > 1").is_null());
  EXPECT_TRUE(run("q2 = '1'").is_null());
  EXPECT_TRUE(run("not (empty > 1)").is_null());
  EXPECT_FALSE(truth("empty > 1 and false"));
  EXPECT_TRUE(truth("empty > 1 or true"));
  EXPECT_TRUE(run("empty > 1 and true").is_null());
  EXPECT_TRUE(run("points(q2)").is_null());
  EXPECT_FALSE(truth("answered(q2)"));
  EXPECT_TRUE(truth("answered(q1)"));
}

TEST_F(expr_test, division_by_zero_is_an_error_value) {
  const xvalue v = run("weight / (height - 180)");
  EXPECT_EQ(v.k, xvalue::kind::error);
  EXPECT_EQ(v.err, xerror::division_by_zero);
  EXPECT_EQ(run("(weight / 0) + 1").err, xerror::division_by_zero);
  EXPECT_EQ(num("value_or(weight / 0, 5)"), 5);
}

TEST_F(expr_test, functions) {
  EXPECT_EQ(num("sum(points(q1), points(q2), 3)"), 5);
  EXPECT_EQ(num("sum(empty)"), 0);
  EXPECT_EQ(num("sum(points(q1), points(q2))"), 2);  // one points_sum instruction, same meaning
  EXPECT_EQ(num("sum(points(q2))"), 0);
  EXPECT_EQ(programs.back().code.size(), 1u);
  EXPECT_EQ(programs.back().code[0].op, xop::points_sum);
  EXPECT_EQ(num("count_answered(q1, q2, weight, empty)"), 2);
  EXPECT_EQ(num("min(3, empty, 1)"), 1);
  EXPECT_TRUE(run("max(empty)").is_null());
  EXPECT_EQ(num("count(symptoms)"), 2);
  EXPECT_EQ(num("round(bmi(weight, height), 1)"), 25.5);
  EXPECT_EQ(num("round(2.675, 2)"), 2.68);
  EXPECT_EQ(num("round(-2.5)"), -3);
  // Found by fuzzing: decimals far outside an int were converted before they were checked.
  EXPECT_EQ(run("round(1, 111111111111111111111111111111111111111111111111)").err, xerror::invalid_input);
  EXPECT_EQ(run("round(1, -1)").err, xerror::invalid_input);
  EXPECT_EQ(num("floor(2.7) + ceil(2.1) + abs(-1)"), 6);
  EXPECT_EQ(num("if(smoker, 1, 2)"), 1);
  EXPECT_EQ(num("if(empty > 1, 1, 2)"), 2);
  EXPECT_EQ(num("days_between(visit, today())"), 137);
  EXPECT_EQ(num("age_at(child, today())"), 10);
  EXPECT_EQ(num("age_at(date('2000-06-02'), today())"), 25);
  EXPECT_EQ(run("concat('a', 1.5, smoker, empty, visit)").s, "a1.5true2026-01-15");
  EXPECT_EQ(num("length('smörgås')"), 7);
  EXPECT_EQ(run("sex(child)").s, "female");
  EXPECT_EQ(run("age_at('19640823-3235', today())").err, xerror::invalid_input);
  EXPECT_TRUE(run("subject_sex()").is_null());
  w.subj = *parse_pnr("19640823-3234", {{2026, 6, 1}, false});
  EXPECT_EQ(run("subject_sex()").s, "male");
  EXPECT_EQ(num("subject_age()"), 61);
}

TEST_F(expr_test, braced_references_and_whitespace) {
  w.add("phq-total", xtype::number, xvalue::number(12));
  EXPECT_EQ(num(" {phq-total}\t+\n1 "), 13);
}

TEST_F(expr_test, syntax_errors_have_positions) {
  EXPECT_EQ(error_of("1 +").position, 3u);
  EXPECT_EQ(error_of("1 +").c, expr_error::code::syntax);
  EXPECT_EQ(error_of("(1 + 2").position, 6u);
  EXPECT_EQ(error_of("1 2").position, 2u);
  EXPECT_EQ(error_of("q1 = 'a").position, 5u);
  EXPECT_EQ(error_of("").position, 0u);
  EXPECT_EQ(error_of("1 ! 2").position, 2u);
  EXPECT_EQ(error_of("points(1)").detail, "points() takes one question id");
  EXPECT_EQ(error_of(std::string(100, '(') + "1" + std::string(100, ')')).detail, "an expression nested at most 64 deep");
}

TEST_F(expr_test, unknown_names_and_arity) {
  const auto unknown = error_of("weight + wieght");
  EXPECT_EQ(unknown.c, expr_error::code::unknown_reference);
  EXPECT_EQ(unknown.position, 9u);
  EXPECT_EQ(unknown.detail, "wieght");
  const auto fn = error_of("1 + sqrt(4)");
  EXPECT_EQ(fn.c, expr_error::code::unknown_function);
  EXPECT_EQ(fn.position, 4u);
  const auto arity = error_of("round()");
  EXPECT_EQ(arity.c, expr_error::code::arity);
  EXPECT_EQ(arity.detail, "round(x, decimals)");
  EXPECT_EQ(error_of("points(weight)").c, expr_error::code::type);
}

TEST_F(expr_test, type_errors_name_expected_and_found) {
  const auto e = error_of("q1 + 1");
  EXPECT_EQ(e.c, expr_error::code::type);
  EXPECT_EQ(e.position, 0u);
  EXPECT_EQ(e.expected, "number");
  EXPECT_EQ(e.found, "text");
  const auto cmp = error_of("weight = 'heavy'");
  EXPECT_EQ(cmp.position, 9u);
  EXPECT_EQ(cmp.expected, "number");
  EXPECT_EQ(cmp.found, "text");
  EXPECT_EQ(error_of("smoker and 1").found, "number");
  EXPECT_EQ(error_of("if(weight, 1, 2)").expected, "boolean");
  EXPECT_EQ(error_of("if(smoker, 1, 'a')").expected, "number");
  EXPECT_EQ(error_of("weight in ['a']").expected, "text");
  EXPECT_EQ(error_of("[1, 'a']").position, 4u);
  EXPECT_EQ(error_of("symptoms < 1").expected, "number, text, date or boolean");
  EXPECT_EQ(error_of("days_between(visit, 3)").expected, "date");
}

TEST_F(expr_test, static_types_of_results) {
  program p;
  expr_error err;
  ASSERT_TRUE(compile_expression("if(smoker, 'yes', 'no')", w.resolve(), p, err));
  EXPECT_EQ(p.type, xtype::text);
  ASSERT_TRUE(compile_expression("points(q1) + weight", w.resolve(), p, err));
  EXPECT_EQ(p.type, xtype::number);
  EXPECT_EQ(p.refs.size(), 2u);  // q1 and weight, each once
  ASSERT_TRUE(compile_expression("weight + weight", w.resolve(), p, err));
  EXPECT_EQ(p.refs.size(), 1u);
}

TEST(expr_functions, table_is_documented) {
  for (const auto& f : functions()) {
    EXPECT_FALSE(f.summary.empty());
    EXPECT_EQ(f.signature.substr(0, f.name.size()), f.name);
  }
  EXPECT_EQ(functions().size(), 21u);
}

}  // namespace
}  // namespace blankett
