// The evaluation of a form instance: every node of the logic graph, fully or incrementally.
//
// Index of this file:
// [SECTION] State and the environment expressions read
// [SECTION] Nodes: one function per kind, each saying whether its value changed
// [SECTION] Full and incremental evaluation
// [SECTION] The result contract
#include <algorithm>
#include <cmath>
#include <functional>

#include "answers/check.h"
#include "blankett/logic.h"
#include "expr/vm.h"

namespace blankett {

// -------------------------------------------------------------------------------------------------
// [SECTION] State and the environment expressions read
// -------------------------------------------------------------------------------------------------

struct evaluation_state final : expr::environment {
  const form& f;
  const logic_graph& g;
  evaluation_options opt;
  std::optional<pnr> who;               // the subject: from the options, else meta.subject
  const answer_document* doc = nullptr;
  answer_document own;                  // the answers while editing (set_answer)
  answer_reader reader;
  expr::evaluator ev;

  std::vector<uint8_t> flag;            // boolean nodes
  std::vector<uint64_t> stamp;          // item_value nodes: answer version and visibility
  std::vector<uint32_t> version;        // per item: bumped by set_answer
  std::vector<computed> calc;           // per calculation
  std::vector<score_result> scores;     // per score
  std::vector<int32_t> band_value;      // per band node (by band_node order): range index, -1 none
  std::vector<uint8_t> band_sex;
  std::vector<axis_result> axes;        // per axis node (by axis_node order)
  std::vector<std::vector<issue>> item_issues;  // per item
  std::vector<issue> scratch_issues;

  // A full evaluation computes every node once, in order: it need not compare old and new values.
  bool full = false;

  // Incremental bookkeeping.
  std::vector<uint32_t> heap;
  std::vector<uint8_t> queued;
  std::vector<uint32_t> changed;
  // Node -> index in band_node / axis_node / link_node (for nodes of those kinds).
  std::vector<uint32_t> slot;

  // What scoring needs of each scored item, looked up once instead of on every evaluation.
  struct scored {
    uint32_t item, visible_node;
    bool numeric, reversed;
    double reverse_sum;  // lowest + highest points (or min + max) for reverse scoring
    const choice_set* set;
  };
  std::vector<std::vector<scored>> score_items;
  std::vector<const choice_set*> sets;  // per item: its alternatives (or nullptr), for points()

  evaluation_state(const form& form_def, const logic_graph& graph) : f(form_def), g(graph) {
    const size_t n = g.nodes.size();
    flag.assign(n, 0);
    stamp.assign(n, ~uint64_t{0});
    version.assign(f.items.size(), 0);
    calc.resize(f.calculations.size());
    scores.resize(f.scores.size());
    for (size_t s = 0; s < f.scores.size(); ++s) {
      scores[s].bands.assign(f.scores[s].bands.size(), -1);
      scores[s].sexes.assign(f.scores[s].bands.size(), 0);
    }
    band_value.assign(g.band_node.size(), -1);
    band_sex.assign(g.band_node.size(), 0);
    axes.resize(g.axis_node.size());
    item_issues.resize(f.items.size());
    queued.assign(n, 0);
    slot.assign(n, 0);
    for (uint32_t k = 0; k < g.band_node.size(); ++k) slot[g.band_node[k]] = k;
    for (uint32_t k = 0; k < g.axis_node.size(); ++k) slot[g.axis_node[k]] = k;
    for (uint32_t k = 0; k < g.link_node.size(); ++k) slot[g.link_node[k]] = k;
    sets.resize(f.items.size());
    for (size_t i = 0; i < f.items.size(); ++i) sets[i] = f.choices_of(f.items[i]);
    score_items.resize(f.scores.size());
    for (size_t s = 0; s < f.scores.size(); ++s) {
      for (size_t m = 0; m < f.scores[s].items.size(); ++m) {
        const uint32_t i = f.scores[s].items[m];
        const item& it = f.items[i];
        const value_kind kind = type_info(it.type).value;
        scored x{i, g.item_visible[i], kind == value_kind::integer || kind == value_kind::decimal,
                 f.scores[s].reversed[m] != 0, 0, f.choices_of(it)};
        if (x.numeric) {
          x.reversed = x.reversed && it.min.number && it.max.number;
          if (x.reversed) x.reverse_sum = *it.min.number + *it.max.number;
        } else if (x.set) {
          double lo = 0, hi = 0;
          bool first = true;
          for (const choice& ch : x.set->choices) {
            if (!ch.points) continue;
            lo = first ? *ch.points : std::min(lo, *ch.points);
            hi = first ? *ch.points : std::max(hi, *ch.points);
            first = false;
          }
          x.reverse_sum = lo + hi;
        }
        score_items[s].push_back(x);
      }
    }
  }

  bool item_is_visible(uint32_t i) const { return flag[g.item_visible[i]] != 0; }
  // Mandatory now: a node only for items with required_if; otherwise visible and `mandatory`.
  bool is_required(uint32_t i) const {
    const uint32_t k = g.item_required[i];
    return k != kNoNode ? flag[k] != 0 : item_is_visible(i) && f.items[i].mandatory;
  }

  // The value expressions see for item i: its answer while visible and readable, else null.
  xvalue item_value(uint32_t i, expr::evaluator& e) const {
    if (!item_is_visible(i)) return xvalue::null();
    const answer& a = doc->answers[i];
    if (!a.readable()) return xvalue::null();
    switch (a.kind) {
      case value_kind::integer:
      case value_kind::decimal: return xvalue::number(a.number);
      case value_kind::date: return xvalue::date(a.number);
      case value_kind::boolean: return xvalue::boolean(a.flag);
      case value_kind::choice: return xvalue::text(f.choices_of(f.items[i])->choices[a.first].value);
      case value_kind::choices: {
        const choice_set* set = f.choices_of(f.items[i]);
        xvalue l;
        l.k = xvalue::kind::list;
        bool first = true;
        for (uint32_t c : doc->choices(a)) {
          const uint32_t at = e.push_list_element(xvalue::text(set->choices[c].value));
          if (first) l.first = at, first = false;
          ++l.count;
        }
        return l;
      }
      case value_kind::matrix:
      case value_kind::attachment:
      case value_kind::none: return xvalue::null();
      default: return xvalue::text(doc->text(a));
    }
  }

  // Points of a visible, answered choice item or matrix; null otherwise.
  xvalue item_points(uint32_t i) const {
    if (!item_is_visible(i)) return xvalue::null();
    const answer& a = doc->answers[i];
    if (!a.readable()) return xvalue::null();
    const choice_set* set = sets[i];
    if (!set) return xvalue::null();
    if (a.kind == value_kind::choice) {  // the common case, without the general loop below
      const auto& p = set->choices[a.first].points;
      return p ? xvalue::number(*p) : xvalue::null();
    }
    double sum = 0;
    auto add = [&](uint32_t c) {
      if (!set->choices[c].points) return false;
      sum += *set->choices[c].points;
      return true;
    };
    switch (a.kind) {
      case value_kind::choice:
        if (!add(a.first)) return xvalue::null();
        break;
      case value_kind::choices:
        for (uint32_t c : doc->choices(a))
          if (!add(c)) return xvalue::null();
        break;
      case value_kind::matrix:
        if (f.items[i].cell == cell_kind::text) return xvalue::null();
        for (const matrix_cell& cell : doc->cells(a))
          if (!add(cell.column)) return xvalue::null();
        break;
      default: return xvalue::null();
    }
    return xvalue::number(sum);
  }

  static xvalue from_computed(const computed& c) {
    switch (c.st) {
      case computed::state::number: return xvalue::number(c.number);
      case computed::state::text: return xvalue::text(c.text);
      case computed::state::boolean: return xvalue::boolean(c.number != 0);
      case computed::state::date: return xvalue::date(c.number);
      default: return xvalue::null();
    }
  }

  // expr::environment
  xvalue value(const ref& r, expr::evaluator& e) override {
    switch (r.kind) {
      case ref_kind::item: return item_value(r.index, e);
      case ref_kind::calculation: return from_computed(calc[r.index]);
      case ref_kind::score: return from_computed(scores[r.index].value);
    }
    return xvalue::null();
  }
  xvalue points(const ref& r) override { return r.kind == ref_kind::item ? item_points(r.index) : xvalue::null(); }
  double points_number(const ref& r) override {
    constexpr double kNone = __builtin_nan("");
    if (r.kind != ref_kind::item || !item_is_visible(r.index)) return kNone;
    const answer& a = doc->answers[r.index];
    if (a.kind == value_kind::choice && a.problem == rule::count_) {
      const auto& p = sets[r.index]->choices[a.first].points;
      return p ? *p : kNone;
    }
    const xvalue v = item_points(r.index);
    return v.k == xvalue::kind::number ? v.n : kNone;
  }
  civil_date today() const override { return opt.today; }
  const pnr* subject() const override { return who ? &*who : nullptr; }

  xvalue run(int32_t program) {
    if (program < 0) return xvalue::null();
    const blankett::program& p = f.programs[static_cast<size_t>(program)];
    if (p.empty()) return xvalue::null();
    return ev.run(p, *this);
  }
  // A condition: true only when the expression is true (null and errors are false).
  bool holds(int32_t program) { return run(program).truthy(); }

  // ---------------------------------------------------------------------------------------------
  // [SECTION] Nodes: one function per kind, each saying whether its value changed
  // ---------------------------------------------------------------------------------------------

  bool set_flag(uint32_t k, bool v) {
    if (!full && flag[k] == static_cast<uint8_t>(v) && stamp[k] != ~uint64_t{0}) return false;
    flag[k] = v;
    stamp[k] = 0;
    return true;
  }

  // The page after page q on the path: its first routing rule that holds, else the next page.
  int32_t next_of(uint32_t q) {
    for (const route_rule& r : f.pages[q].next)
      if (holds(r.when)) return r.target;
    return static_cast<int32_t>(q + 1);
  }

  bool eval_page_path(uint32_t k, uint32_t p) {
    bool reached = p == 0;
    for (uint32_t q = 0; q < p && !reached; ++q) {
      if (flag[g.page_path[q]] == 0) continue;
      if (q + 1 != p) {
        bool targets = false;
        for (const route_rule& r : f.pages[q].next) targets |= r.target == static_cast<int32_t>(p);
        if (!targets) continue;
      }
      reached = next_of(q) == static_cast<int32_t>(p);
    }
    return set_flag(k, reached);
  }

  bool eval_item_check(uint32_t k, uint32_t i) {
    if (full) {
      item_issues[i].clear();
      if (item_is_visible(i)) {
        check_answer(f, *doc, i, is_required(i) && opt.mandatory, opt.today, item_issues[i]);
      }
      stamp[k] = 0;
      return true;
    }
    scratch_issues.clear();
    if (item_is_visible(i)) {
      const bool required = is_required(i) && opt.mandatory;
      check_answer(f, *doc, i, required, opt.today, scratch_issues);
    }
    std::vector<issue>& old = item_issues[i];
    const bool same = old.size() == scratch_issues.size() &&
                      std::equal(old.begin(), old.end(), scratch_issues.begin(), [](const issue& a, const issue& b) {
                        return a.r == b.r && a.row == b.row && a.detail == b.detail;
                      });
    if (same && stamp[k] != ~uint64_t{0}) return false;
    old.assign(scratch_issues.begin(), scratch_issues.end());
    stamp[k] = 0;
    return true;
  }

  static double round_to(double x, int decimals) {
    static constexpr double kScales[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
    const double scale = decimals >= 0 && decimals <= 12 ? kScales[decimals] : std::pow(10.0, decimals);
    const double y = x * scale;
    return std::round(y + (y >= 0 ? 1 : -1) * std::fabs(y) * 1e-12) / scale;
  }

  // A value as a computed result; `missing` is the error for null.
  computed to_computed(const xvalue& v, std::string_view missing, std::optional<int> decimals) {
    computed c;
    switch (v.k) {
      case xvalue::kind::number:
        c.st = computed::state::number;
        c.number = decimals ? round_to(v.n, *decimals) : v.n;
        if (!std::isfinite(c.number)) c = {computed::state::error, 0, {}, "calc.invalid_input"};
        break;
      case xvalue::kind::text:
        c.st = computed::state::text;
        c.text.assign(v.s);
        break;
      case xvalue::kind::boolean:
        c.st = computed::state::boolean;
        c.number = v.n;
        break;
      case xvalue::kind::date:
        c.st = computed::state::date;
        c.number = v.n;
        break;
      case xvalue::kind::error:
        c.st = computed::state::error;
        c.error = v.err == xerror::division_by_zero ? "calc.division_by_zero" : "calc.invalid_input";
        break;
      default:
        c.st = computed::state::error;
        c.error = missing;
        break;
    }
    return c;
  }

  bool eval_calculation(uint32_t k, uint32_t c) {
    const calculation& def = f.calculations[c];
    computed v = to_computed(run(def.formula), "calc.missing_input", def.decimals);
    if (!full && v == calc[c] && stamp[k] != ~uint64_t{0}) return false;
    calc[c] = std::move(v);
    stamp[k] = 0;
    return true;
  }

  bool eval_score(uint32_t k, uint32_t s) {
    const score& def = f.scores[s];
    score_result& out = scores[s];
    double sum = 0;
    uint32_t answered = 0, missing = 0, counted = 0;
    for (const scored& x : score_items[s]) {
      if (flag[x.visible_node] == 0) continue;  // skipped: scores 0, neither answered nor missing
      ++counted;
      double v = 0;
      bool have = false;
      if (x.numeric) {
        const answer& a = doc->answers[x.item];
        have = a.readable();
        v = a.number;
      } else {
        const xvalue p = item_points(x.item);
        have = !p.missing();
        v = p.n;
      }
      if (have && x.reversed) v = x.reverse_sum - v;
      if (have) {
        ++answered;
        sum += v;
      } else {
        ++missing;
      }
    }
    computed value;
    auto error = [&](std::string_view e) { value = {computed::state::error, 0, {}, e}; };
    switch (def.missing) {
      case missing_policy::all_required:
        if (missing > 0) error("score.missing_items");
        break;
      case missing_policy::not_scorable:
        if (missing > 0) error("score.not_scorable");
        break;
      case missing_policy::prorate:
        if (missing > def.max_missing || (missing > 0 && answered == 0)) error("score.missing_items");
        else if (missing > 0) sum = sum * counted / answered;
        break;
      case missing_policy::zero: break;
    }
    if (value.st != computed::state::error) {
      value.st = computed::state::number;
      value.number = round_to(sum, def.decimals);
    }
    const bool same = !full && out.value == value && out.answered == answered && out.missing == missing;
    if (same && stamp[k] != ~uint64_t{0}) return false;
    out.value = std::move(value);
    out.answered = answered;
    out.missing = missing;
    stamp[k] = 0;
    return true;
  }

  static int32_t find_range(const std::vector<band_range>& ranges, double v) {
    for (size_t r = 0; r < ranges.size(); ++r)
      if (v >= ranges[r].min && v <= ranges[r].max) return static_cast<int32_t>(r);
    return -1;
  }

  bool eval_band(uint32_t k, uint32_t s, uint32_t t) {
    const band_table& table = f.scores[s].bands[t];
    const computed& v = scores[s].value;
    int32_t range = -1;
    uint8_t sex = 0;
    if (v.st == computed::state::number) {
      if (!table.by_sex) {
        range = find_range(table.ranges, v.number);
      } else {
        const xvalue sx = run(table.sex);
        if (sx.k == xvalue::kind::text && (sx.s == "female" || sx.s == "male")) {
          sex = sx.s == "female" ? 1 : 2;
          range = find_range(sex == 1 ? table.female : table.male, v.number);
        }
      }
    }
    const uint32_t b = slot[k];
    if (band_value[b] == range && band_sex[b] == sex && stamp[k] != ~uint64_t{0}) return false;
    band_value[b] = range;
    band_sex[b] = sex;
    scores[s].bands[t] = range;
    scores[s].sexes[t] = sex;
    stamp[k] = 0;
    return true;
  }

  bool eval_axis(uint32_t k, uint32_t p, uint32_t x) {
    const axis& def = f.profiles[p].axes[x];
    axis_result r;
    const xvalue v = run(def.value);
    r.value = to_computed(v, "profile.missing_input", std::nullopt);
    if (r.value.st == computed::state::error) {
      r.error = v.is_error() ? "profile.invalid_input" : "profile.missing_input";
      r.value = computed{};
    } else {
      for (size_t l = 0; l < def.levels.size() && r.level < 0; ++l) {
        const axis_level& lv = def.levels[l];
        bool match = false;
        if (v.k == xvalue::kind::number && (lv.min || lv.max))
          match = (!lv.min || v.n >= *lv.min) && (!lv.max || v.n <= *lv.max);
        else if (v.k == xvalue::kind::text)
          match = std::find(lv.values.begin(), lv.values.end(), v.s) != lv.values.end();
        if (match) r.level = static_cast<int32_t>(l);
      }
      if (r.level < 0) r.error = "profile.no_level";
    }
    axis_result& old = axes[slot[k]];
    if (old == r && stamp[k] != ~uint64_t{0}) return false;
    old = std::move(r);
    stamp[k] = 0;
    return true;
  }

  bool eval_node(uint32_t k) {
    const logic_graph::node& n = g.nodes[k];
    switch (n.k) {
      case logic_graph::kind::item_value: {
        const uint64_t s = (uint64_t{version[n.a]} << 1) | (item_is_visible(n.a) ? 1u : 0u);
        if (stamp[k] == s) return false;
        stamp[k] = s;
        return true;
      }
      case logic_graph::kind::page_path: return eval_page_path(k, n.a);
      case logic_graph::kind::page_visible:
        return set_flag(k, flag[g.page_path[n.a]] != 0 &&
                               (f.pages[n.a].visible_if < 0 || holds(f.pages[n.a].visible_if)));
      case logic_graph::kind::item_visible: {
        const item& it = f.items[n.a];
        bool parent = true;
        if (it.parent >= 0) parent = flag[g.item_visible[static_cast<size_t>(it.parent)]] != 0;
        else if (it.page != kNoPage) parent = flag[g.page_visible[it.page]] != 0;
        return set_flag(k, parent && (it.visible_if < 0 || holds(it.visible_if)));
      }
      case logic_graph::kind::item_required: {
        const item& it = f.items[n.a];
        return set_flag(k, item_is_visible(n.a) && (it.mandatory || (it.required_if >= 0 && holds(it.required_if))));
      }
      case logic_graph::kind::item_check: return eval_item_check(k, n.a);
      case logic_graph::kind::calculation: return eval_calculation(k, n.a);
      case logic_graph::kind::link: return set_flag(k, holds(f.calculations[n.a].links[n.b].when));
      case logic_graph::kind::score: return eval_score(k, n.a);
      case logic_graph::kind::band: return eval_band(k, n.a, n.b);
      case logic_graph::kind::alert: return set_flag(k, holds(f.alerts[n.a].when));
      case logic_graph::kind::rule: {
        const rule_check& r = f.rules[n.a];
        bool failed = false;
        if (!r.items.empty() && item_is_visible(r.items[0])) {
          const xvalue v = run(r.check);
          failed = v.k == xvalue::kind::boolean && v.n == 0;
        }
        return set_flag(k, failed);
      }
      case logic_graph::kind::axis: return eval_axis(k, n.a, n.b);
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // [SECTION] Full and incremental evaluation
  // ---------------------------------------------------------------------------------------------

  void take_subject() {
    who = opt.subject;
    if (!who && doc && !doc->subject.empty()) {
      auto p = parse_pnr(doc->subject, pnr_options{opt.today, false});
      if (p) who = *p;
    }
  }

  void evaluate_all() {
    take_subject();
    full = true;
    for (uint32_t k = 0; k < g.nodes.size(); ++k) {
      // An item's value node only carries change detection for incremental runs: leave it unset,
      // so that the next set_answer() sees it as changed.
      if (g.nodes[k].k == logic_graph::kind::item_value) {
        stamp[k] = ~uint64_t{0};
        continue;
      }
      eval_node(k);
    }
    full = false;
  }

  void mark(uint32_t k) {
    if (queued[k]) return;
    queued[k] = 1;
    heap.push_back(k);
    std::push_heap(heap.begin(), heap.end(), std::greater<>());
  }

  void propagate() {
    changed.clear();
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), std::greater<>());
      const uint32_t k = heap.back();
      heap.pop_back();
      queued[k] = 0;
      if (!eval_node(k)) continue;
      changed.push_back(k);
      for (uint32_t d = g.first_dependent[k]; d < g.first_dependent[k + 1]; ++d) mark(g.dependents[d]);
    }
  }
};

// ---------------------------------------------------------------------------------------------
// The evaluation object
// ---------------------------------------------------------------------------------------------

evaluation::evaluation(const form& f) {
  BLANKETT_ASSERT(f.graph != nullptr);
  s_ = std::make_unique<evaluation_state>(f, *f.graph);
  s_->own.clear(f.items.size());
  s_->doc = &s_->own;
  s_->evaluate_all();
}

evaluation::~evaluation() = default;
evaluation::evaluation(evaluation&&) noexcept = default;

const form& evaluation::form_def() const noexcept { return s_->f; }

void evaluation::set_options(const evaluation_options& o) {
  s_->opt = o;
  s_->evaluate_all();
}

void evaluation::evaluate(const answer_document& doc) {
  BLANKETT_ASSERT(doc.answers.size() == s_->f.items.size());
  s_->doc = &doc;
  std::fill(s_->version.begin(), s_->version.end(), 0);
  s_->evaluate_all();
}

std::span<const uint32_t> evaluation::set_answer(uint32_t item, std::string_view json_value) {
  evaluation_state& s = *s_;
  BLANKETT_ASSERT(item < s.f.items.size());
  if (s.doc != &s.own) {
    // Editing starts from the last evaluated document: copy it.
    s.own = *s.doc;
    s.doc = &s.own;
  }
  if (!s.reader.set(s.f, item, json_value, s.own)) s.own.answers[item] = answer{};
  ++s.version[item];
  if (s.g.item_value[item] != kNoNode) s.mark(s.g.item_value[item]);
  if (s.g.item_check[item] != kNoNode) s.mark(s.g.item_check[item]);
  s.propagate();
  return s.changed;
}

bool evaluation::visible(uint32_t item) const { return s_->item_is_visible(item); }
bool evaluation::required(uint32_t item) const {
  return type_info(s_->f.items[item].type).value != value_kind::none && s_->is_required(item);
}
bool evaluation::on_path(uint32_t page) const { return s_->flag[s_->g.page_path[page]] != 0; }
bool evaluation::page_visible(uint32_t page) const { return s_->flag[s_->g.page_visible[page]] != 0; }
const answer_document& evaluation::answers() const { return *s_->doc; }

// -------------------------------------------------------------------------------------------------
// [SECTION] The result contract
// -------------------------------------------------------------------------------------------------

void evaluation::result(validation_result& out) const {
  const evaluation_state& s = *s_;
  const form& f = s.f;
  out.issues.clear();
  const bool all_pages = s.opt.page < 0;
  for (uint32_t i = 0; i < f.items.size(); ++i) {
    if (!all_pages && f.items[i].page != static_cast<uint32_t>(s.opt.page)) continue;
    const auto& mine = s.item_issues[i];
    out.issues.insert(out.issues.end(), mine.begin(), mine.end());
  }
  for (uint32_t r = 0; r < f.rules.size(); ++r) {
    if (!s.flag[s.g.rule[r]]) continue;
    const uint32_t first = f.rules[r].items[0];
    if (!all_pages && f.items[first].page != static_cast<uint32_t>(s.opt.page)) continue;
    issue i{first, rule::form_rule};
    i.nparams = 1;
    i.params[0] = {"rule", 0, f.rules[r].id};
    out.issues.push_back(i);
  }
  for (size_t u = 0; u < s.doc->unknown_count(); ++u) out.issues.push_back(issue{static_cast<uint32_t>(u), rule::unknown_item});

  out.calculations.assign(s.calc.begin(), s.calc.end());
  out.scores.assign(s.scores.begin(), s.scores.end());
  out.alerts.resize(f.alerts.size());
  for (size_t a = 0; a < f.alerts.size(); ++a) out.alerts[a] = s.flag[s.g.alert[a]];
  out.routes.clear();
  for (uint32_t c = 0; c < f.calculations.size(); ++c)
    for (uint32_t l = 0; l < f.calculations[c].links.size(); ++l)
      if (s.flag[s.g.link_node[s.g.link_offset[c] + l]]) out.routes.emplace_back(c, l);
  out.axes.assign(s.axes.begin(), s.axes.end());
}

}  // namespace blankett
