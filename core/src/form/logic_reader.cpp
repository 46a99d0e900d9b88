// The form loader's logic: measurements, routing, rules, calculations, scores, alerts, star profiles,
// and the compilation of every expression once all ids are known.
//
// Index of this file:
// [SECTION] Expressions and routing
// [SECTION] Measurements, rules, calculations
// [SECTION] Scores and bands
// [SECTION] Alerts and star profiles
// [SECTION] Resolving: ids, expression types, the dependency graph
#include <unordered_map>

#include "blankett/logic.h"
#include "form/context.h"

namespace blankett::form_detail {

// -------------------------------------------------------------------------------------------------
// [SECTION] Expressions and routing
// -------------------------------------------------------------------------------------------------

int32_t context::expression(const element& e, expect want) {
  std::string_view src;
  if (!get_string(e, src)) return -1;
  const auto index = static_cast<int32_t>(f.programs.size());
  f.programs.emplace_back();
  expressions.push_back({index, w.pointer(), want, src});
  return index;
}

void context::read_next(const element& e, uint32_t page_index) {
  simdjson::dom::array arr;
  if (!get_array(e, arr)) return;
  size_t i = 0;
  for (element r : arr) {
    auto s = w.at(i++);
    object o;
    if (!get_object(r, o)) continue;
    route_rule rule;
    bool has_when = false, has_page = false;
    for (auto [key, value] : o) {
      auto k = w.at(key);
      if (key == "when") {
        has_when = true;
        rule.when = expression(value, expect::boolean);
      } else if (key == "page") {
        has_page = true;
        std::string_view target;
        if (get_string(value, target) && target != "end") {
          pending_ids.push_back({pending_id::route_page, page_index,
                                 static_cast<uint32_t>(f.pages[page_index].next.size()), target, w.pointer()});
        }
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_when) missing("when");
    if (!has_page) missing("page");
    f.pages[page_index].next.push_back(rule);
  }
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Measurements, rules, calculations
// -------------------------------------------------------------------------------------------------

void context::read_measurements(const element& e) {
  simdjson::dom::array arr;
  if (!get_array(e, arr)) return;
  std::vector<uint32_t> top;
  size_t i = 0;
  for (element m : arr) {
    auto s = w.at(i);
    const size_t before = f.items.size();
    read_item(m, kNoPage, -1, static_cast<uint32_t>(i++), top);
    if (f.items.size() == before) continue;
    item& it = f.items[before];
    it.staff = true;
    if (type_info(it.type).value == value_kind::none) {
      auto k = w.at("type");
      w.report(diag_code::form_invalid_value, {param("reason", "measurement_type")});
    }
  }
  f.measurements = std::move(top);
}

void context::read_rules(const element& e) {
  simdjson::dom::array arr;
  if (!get_array(e, arr)) return;
  size_t i = 0;
  for (element r : arr) {
    auto s = w.at(i++);
    object o;
    if (!get_object(r, o)) continue;
    const auto index = static_cast<uint32_t>(f.rules.size());
    f.rules.emplace_back();
    bool has_id = false, has_check = false, has_items = false, has_message = false;
    for (auto [key, value] : o) {
      auto k = w.at(key);
      rule_check& rc = f.rules[index];
      if (key == "id") {
        has_id = true;
        std::string_view view;
        if (get_id(value, rc.id, &view)) register_id(view, {origin::other, 0, w.pointer()});
      } else if (key == "check") {
        has_check = true;
        rc.check = expression(value, expect::boolean);
      } else if (key == "items") {
        has_items = true;
        simdjson::dom::array id_list;
        if (!get_array(value, id_list)) continue;
        if (id_list.size() == 0) w.report(diag_code::form_invalid_value, {param("reason", "no_items")});
        size_t j = 0;
        for (element id : id_list) {
          auto kk = w.at(j);
          std::string_view str;
          if (get_string(id, str))
            pending_ids.push_back({pending_id::rule_item, index, static_cast<uint32_t>(j), str, w.pointer()});
          ++j;
        }
      } else if (key == "message") {
        has_message = true;
        read_text(value, rc.message);
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_id) missing("id");
    if (!has_check) missing("check");
    if (!has_items) missing("items");
    if (!has_message) missing("message");
  }
}

void context::read_link(const element& e, link& out) {
  object o;
  if (!get_object(e, o)) return;
  bool has_id = false, has_when = false, has_url = false;
  for (auto [key, value] : o) {
    auto k = w.at(key);
    if (key == "id") {
      has_id = true;
      std::string_view view;
      if (get_id(value, out.id, &view)) register_id(view, {origin::other, 0, w.pointer()});
    } else if (key == "when") {
      has_when = true;
      out.when = expression(value, expect::boolean);
    } else if (key == "url") {
      has_url = true;
      std::string_view url;
      if (get_string(value, url)) {
        if (!(url.starts_with("https://") || url.starts_with("http://")))
          w.report(diag_code::form_invalid_value, {param("reason", "help_url")});
        out.url.assign(url);
      }
    } else if (key == "label") {
      read_text(value, out.label);
    } else {
      w.report_key(diag_code::form_unknown_key, {param("key", key)});
    }
  }
  if (!has_id) missing("id");
  if (!has_when) missing("when");
  if (!has_url) missing("url");
}

void context::read_calculations(const element& e) {
  simdjson::dom::array arr;
  if (!get_array(e, arr)) return;
  size_t i = 0;
  for (element c : arr) {
    auto s = w.at(i++);
    object o;
    if (!get_object(c, o)) continue;
    const auto index = f.calculations.size();
    f.calculations.emplace_back();
    bool has_id = false, has_title = false, has_formula = false;
    for (auto [key, value] : o) {
      auto k = w.at(key);
      calculation& calc = f.calculations[index];
      if (key == "id") {
        has_id = true;
        std::string_view view;
        if (get_id(value, calc.id, &view)) register_id(view, {origin::other, 0, w.pointer()});
      } else if (key == "title") {
        has_title = true;
        read_text(value, calc.title);
      } else if (key == "formula") {
        has_formula = true;
        calc.formula = expression(value, expect::value);
      } else if (key == "decimals") {
        uint64_t d = 0;
        if (!get_count(value, d)) continue;
        if (d > 12) w.report(diag_code::form_invalid_value, {param("reason", "decimals")});
        else calc.decimals = static_cast<int>(d);
      } else if (key == "unit") {
        std::string_view unit;
        if (get_string(value, unit)) calc.unit.assign(unit);
      } else if (key == "citizen_visible") {
        get_bool(value, calc.citizen_visible);
      } else if (key == "staff_text") {
        read_text(value, calc.staff_text);
      } else if (key == "citizen_text") {
        read_text(value, calc.citizen_text);
      } else if (key == "links") {
        simdjson::dom::array links;
        if (!get_array(value, links)) continue;
        size_t j = 0;
        for (element l : links) {
          auto kk = w.at(j++);
          f.calculations[index].links.emplace_back();
          read_link(l, f.calculations[index].links.back());
        }
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_id) missing("id");
    if (!has_title) missing("title");
    if (!has_formula) missing("formula");
  }
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Scores and bands
// -------------------------------------------------------------------------------------------------

// Ranges {code, min, max, label?}: ascending, not overlapping.
bool context::read_bands(const element& e, std::vector<band_range>& out) {
  simdjson::dom::array arr;
  if (!get_array(e, arr)) return false;
  if (arr.size() == 0) w.report(diag_code::form_invalid_value, {param("reason", "no_ranges")});
  size_t i = 0;
  for (element r : arr) {
    auto s = w.at(i++);
    object o;
    if (!get_object(r, o)) continue;
    band_range range;
    bool has_code = false, has_min = false, has_max = false;
    for (auto [key, value] : o) {
      auto k = w.at(key);
      if (key == "code") {
        has_code = true;
        std::string_view code;
        if (get_string(value, code)) range.code.assign(code);
      } else if (key == "min") {
        has_min = get_number(value, range.min);
      } else if (key == "max") {
        has_max = get_number(value, range.max);
      } else if (key == "label") {
        read_text(value, range.label);
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_code) missing("code");
    if (!has_min) missing("min");
    if (!has_max) missing("max");
    if (has_min && has_max && range.min > range.max) {
      auto k = w.at("max");
      w.report(diag_code::form_invalid_value, {param("reason", "max_below_min")});
    } else if (has_min && !out.empty() && range.min <= out.back().max) {
      auto k = w.at("min");
      w.report(diag_code::form_invalid_value, {param("reason", "band_order")});
    }
    out.push_back(std::move(range));
  }
  return true;
}

void context::read_scores(const element& e) {
  simdjson::dom::array arr;
  if (!get_array(e, arr)) return;
  size_t i = 0;
  for (element sc : arr) {
    auto s = w.at(i++);
    object o;
    if (!get_object(sc, o)) continue;
    const auto index = static_cast<uint32_t>(f.scores.size());
    f.scores.emplace_back();
    bool has_id = false, has_items = false;
    for (auto [key, value] : o) {
      auto k = w.at(key);
      score& score_def = f.scores[index];
      if (key == "id") {
        has_id = true;
        std::string_view view;
        if (get_id(value, score_def.id, &view)) register_id(view, {origin::other, 0, w.pointer()});
      } else if (key == "title") {
        read_text(value, score_def.title);
      } else if (key == "items" || key == "reverse") {
        has_items |= key == "items";
        simdjson::dom::array id_list;
        if (!get_array(value, id_list)) continue;
        if (key == "items" && id_list.size() == 0) w.report(diag_code::form_invalid_value, {param("reason", "no_items")});
        size_t j = 0;
        for (element id : id_list) {
          auto kk = w.at(j);
          std::string_view str;
          if (get_string(id, str)) {
            if (key == "items") pending_ids.push_back({pending_id::score_item, index, static_cast<uint32_t>(j), str, w.pointer()});
            else score_reverse.emplace_back(index, std::string(str));
          }
          ++j;
        }
      } else if (key == "missing") {
        object m;
        if (!get_object(value, m)) continue;
        for (auto [mk, mv] : m) {
          auto kk = w.at(mk);
          if (mk == "policy") {
            std::string_view p;
            if (!get_string(mv, p)) continue;
            if (p == "all_required") score_def.missing = missing_policy::all_required;
            else if (p == "prorate") score_def.missing = missing_policy::prorate;
            else if (p == "zero") score_def.missing = missing_policy::zero;
            else if (p == "not_scorable") score_def.missing = missing_policy::not_scorable;
            else
              w.report(diag_code::form_invalid_value,
                       {param("reason", "policy"), param("allowed", "all_required, prorate, zero, not_scorable")});
          } else if (mk == "max_missing") {
            uint64_t n = 0;
            if (get_count(mv, n)) score_def.max_missing = static_cast<uint32_t>(std::min<uint64_t>(n, 1000));
          } else {
            w.report_key(diag_code::form_unknown_key, {param("key", mk)});
          }
        }
      } else if (key == "decimals") {
        uint64_t d = 0;
        if (!get_count(value, d)) continue;
        if (d > 12) w.report(diag_code::form_invalid_value, {param("reason", "decimals")});
        else score_def.decimals = static_cast<int>(d);
      } else if (key == "code") {
        read_coding(value, score_def.code);
      } else if (key == "bands") {
        simdjson::dom::array tables;
        if (!get_array(value, tables)) continue;
        size_t j = 0;
        for (element t : tables) {
          auto kk = w.at(j++);
          object to;
          if (!get_object(t, to)) continue;
          band_table table;
          bool has_table_id = false, has_version = false, has_ranges = false;
          for (auto [tk, tv] : to) {
            auto kkk = w.at(tk);
            if (tk == "id") {
              has_table_id = true;
              get_id(tv, table.id);
            } else if (tk == "version") {
              has_version = true;
              std::string_view v;
              if (get_string(tv, v)) table.version.assign(v);
            } else if (tk == "source") {
              std::string_view v;
              if (get_string(tv, v)) table.source.assign(v);
            } else if (tk == "ranges") {
              has_ranges = read_bands(tv, table.ranges) || has_ranges;
            } else if (tk == "by_sex") {
              table.by_sex = true;
              object bs;
              if (!get_object(tv, bs)) continue;
              bool female = false, male = false;
              for (auto [sk, sv] : bs) {
                auto k4 = w.at(sk);
                if (sk == "female") female = read_bands(sv, table.female);
                else if (sk == "male") male = read_bands(sv, table.male);
                else w.report_key(diag_code::form_unknown_key, {param("key", sk)});
              }
              if (!female) missing("female");
              if (!male) missing("male");
              has_ranges = true;
            } else if (tk == "sex") {
              table.sex = expression(tv, expect::text);
            } else {
              w.report_key(diag_code::form_unknown_key, {param("key", tk)});
            }
          }
          if (!has_table_id) missing("id");
          if (!has_version) missing("version");
          if (!has_ranges) missing("ranges");
          if (table.by_sex && table.sex < 0) missing("sex");
          for (const auto& other : f.scores[index].bands)
            if (!table.id.empty() && other.id == table.id) {
              auto k4 = w.at("id");
              w.report(diag_code::form_duplicate_id, {param("id", table.id)});
            }
          f.scores[index].bands.push_back(std::move(table));
        }
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_id) missing("id");
    if (!has_items) missing("items");
  }
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Alerts and star profiles
// -------------------------------------------------------------------------------------------------

void context::read_alerts(const element& e) {
  simdjson::dom::array arr;
  if (!get_array(e, arr)) return;
  size_t i = 0;
  for (element a : arr) {
    auto s = w.at(i++);
    object o;
    if (!get_object(a, o)) continue;
    alert al;
    bool has_id = false, has_when = false;
    for (auto [key, value] : o) {
      auto k = w.at(key);
      if (key == "id") {
        has_id = true;
        std::string_view view;
        if (get_id(value, al.id, &view)) register_id(view, {origin::other, 0, w.pointer()});
      } else if (key == "when") {
        has_when = true;
        al.when = expression(value, expect::boolean);
      } else if (key == "severity") {
        std::string_view sev;
        if (!get_string(value, sev)) continue;
        if (sev == "info") al.severity = alert_severity::info;
        else if (sev == "warning") al.severity = alert_severity::warning;
        else if (sev == "critical") al.severity = alert_severity::critical;
        else w.report(diag_code::form_invalid_value, {param("reason", "severity"), param("allowed", "info, warning, critical")});
      } else if (key == "message") {
        read_text(value, al.message);
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_id) missing("id");
    if (!has_when) missing("when");
    f.alerts.push_back(std::move(al));
  }
}

void context::read_profiles(const element& e) {
  simdjson::dom::array arr;
  if (!get_array(e, arr)) return;
  size_t i = 0;
  for (element p : arr) {
    auto s = w.at(i++);
    object o;
    if (!get_object(p, o)) continue;
    profile prof;
    bool has_id = false, has_axes = false;
    for (auto [key, value] : o) {
      auto k = w.at(key);
      if (key == "id") {
        has_id = true;
        std::string_view view;
        if (get_id(value, prof.id, &view)) register_id(view, {origin::other, 0, w.pointer()});
      } else if (key == "title") {
        read_text(value, prof.title);
      } else if (key == "axes") {
        has_axes = true;
        simdjson::dom::array axes;
        if (!get_array(value, axes)) continue;
        size_t j = 0;
        for (element a : axes) {
          auto kk = w.at(j++);
          object ao;
          if (!get_object(a, ao)) continue;
          axis ax;
          bool has_axis_id = false, has_value = false, has_levels = false;
          for (auto [ak, av] : ao) {
            auto k3 = w.at(ak);
            if (ak == "id") {
              has_axis_id = true;
              get_id(av, ax.id);
            } else if (ak == "title") {
              read_text(av, ax.title);
            } else if (ak == "value") {
              has_value = true;
              ax.value = expression(av, expect::number_or_text);
            } else if (ak == "levels") {
              has_levels = true;
              simdjson::dom::array levels;
              if (!get_array(av, levels)) continue;
              if (levels.size() == 0) w.report(diag_code::form_invalid_value, {param("reason", "no_levels")});
              size_t l = 0;
              for (element lv : levels) {
                auto k4 = w.at(l++);
                object lo;
                if (!get_object(lv, lo)) continue;
                axis_level level;
                bool has_code = false;
                for (auto [lk, lval] : lo) {
                  auto k5 = w.at(lk);
                  if (lk == "code") {
                    has_code = true;
                    std::string_view c;
                    if (get_string(lval, c)) level.code.assign(c);
                  } else if (lk == "color") {
                    std::string_view c;
                    if (!get_string(lval, c)) continue;
                    const bool hex = c.size() == 7 && c[0] == '#' &&
                                     std::all_of(c.begin() + 1, c.end(), [](char h) {
                                       return (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F');
                                     });
                    if (!hex) w.report(diag_code::form_invalid_value, {param("reason", "color")});
                    level.color.assign(c);
                  } else if (lk == "min" || lk == "max") {
                    double d = 0;
                    if (get_number(lval, d)) (lk == "min" ? level.min : level.max) = d;
                  } else if (lk == "values") {
                    simdjson::dom::array vals;
                    if (!get_array(lval, vals)) continue;
                    size_t m = 0;
                    for (element v : vals) {
                      auto k6 = w.at(m++);
                      std::string_view str;
                      if (get_string(v, str)) level.values.emplace_back(str);
                    }
                  } else if (lk == "label") {
                    read_text(lval, level.label);
                  } else {
                    w.report_key(diag_code::form_unknown_key, {param("key", lk)});
                  }
                }
                if (!has_code) missing("code");
                if (level.min && level.max && *level.min > *level.max) {
                  auto k5 = w.at("max");
                  w.report(diag_code::form_invalid_value, {param("reason", "max_below_min")});
                }
                if (!level.min && !level.max && level.values.empty())
                  w.report(diag_code::form_invalid_value, {param("reason", "level_match")});
                ax.levels.push_back(std::move(level));
              }
            } else {
              w.report_key(diag_code::form_unknown_key, {param("key", ak)});
            }
          }
          if (!has_axis_id) missing("id");
          if (!has_value) missing("value");
          if (!has_levels) missing("levels");
          prof.axes.push_back(std::move(ax));
        }
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_id) missing("id");
    if (!has_axes) missing("axes");
    f.profiles.push_back(std::move(prof));
  }
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Resolving: ids, expression types, the dependency graph
// -------------------------------------------------------------------------------------------------

namespace {

xtype type_of_item(const item& it) {
  switch (type_info(it.type).value) {
    case value_kind::integer:
    case value_kind::decimal: return xtype::number;
    case value_kind::date: return xtype::date;
    case value_kind::choices: return xtype::list_text;
    case value_kind::boolean: return xtype::boolean;
    default: return xtype::text;
  }
}

bool fits(context::expect want, xtype t) {
  switch (want) {
    case context::expect::boolean: return t == xtype::boolean || t == xtype::null;
    case context::expect::text: return t == xtype::text || t == xtype::null;
    case context::expect::number_or_text: return t == xtype::number || t == xtype::text || t == xtype::null;
    case context::expect::value: return t != xtype::list_number && t != xtype::list_text;
  }
  return false;
}

std::string_view expected_name(context::expect want) {
  switch (want) {
    case context::expect::boolean: return "boolean";
    case context::expect::text: return "text";
    case context::expect::number_or_text: return "number or text";
    case context::expect::value: return "number, text, boolean or date";
  }
  return "";
}

}  // namespace

void context::expression_error(const pending_expression& pe, const expr_error& err) {
  diag_code code = diag_code::expr_syntax;
  switch (err.c) {
    case expr_error::code::syntax: code = diag_code::expr_syntax; break;
    case expr_error::code::unknown_reference: code = diag_code::expr_unknown_reference; break;
    case expr_error::code::unknown_function: code = diag_code::expr_unknown_function; break;
    case expr_error::code::arity: code = diag_code::expr_arity; break;
    case expr_error::code::type: code = diag_code::expr_type; break;
  }
  diagnostic& d = w.report(code);
  d.pointer = pe.pointer;
  d.inner = static_cast<uint32_t>(err.position + 1);
  switch (err.c) {
    case expr_error::code::syntax: d.params.push_back(param("expected", err.detail)); break;
    case expr_error::code::unknown_reference:
    case expr_error::code::unknown_function: d.params.push_back(param("name", err.detail.substr(0, 80))); break;
    case expr_error::code::arity: d.params.push_back(param("signature", err.detail)); break;
    case expr_error::code::type:
      d.params.push_back(param("expected", err.expected));
      d.params.push_back(param("found", err.found));
      break;
  }
}

// Compiles pending expression `index` (and, through references, the calculations it reads first, so
// that their types are known). A calculation met again while compiling is a cycle: the dependency
// graph reports it, so here it is only typed as null.
bool context::compile_pending(size_t index) {
  pending_expression& pe = expressions[index];
  if (pe.compiled) return true;
  if (pe.in_progress) return false;
  pe.in_progress = true;
  const resolver resolve = [&](std::string_view name, resolved& out) {
    if (const int32_t it = f.find_item(name); it >= 0) {
      const item& x = f.items[static_cast<size_t>(it)];
      const value_kind k = type_info(x.type).value;
      if (k == value_kind::none) return false;
      out.r = {ref_kind::item, static_cast<uint32_t>(it)};
      out.type = type_of_item(x);
      out.has_points = k == value_kind::choice || k == value_kind::choices || k == value_kind::matrix;
      out.is_value = k != value_kind::matrix && k != value_kind::attachment;
      return true;
    }
    for (uint32_t c = 0; c < f.calculations.size(); ++c) {
      if (f.calculations[c].id != name) continue;
      out.r = {ref_kind::calculation, c};
      out.type = xtype::null;
      const int32_t prog = f.calculations[c].formula;
      for (size_t e = 0; e < expressions.size() && prog >= 0; ++e) {
        if (expressions[e].program != prog) continue;
        if (compile_pending(e)) out.type = f.programs[static_cast<size_t>(prog)].type;
      }
      return true;
    }
    for (uint32_t s = 0; s < f.scores.size(); ++s) {
      if (f.scores[s].id != name) continue;
      out.r = {ref_kind::score, s};
      out.type = xtype::number;
      return true;
    }
    return false;
  };
  expr_error err;
  program& prog = f.programs[static_cast<size_t>(pe.program)];
  if (!compile_expression(pe.source, resolve, prog, err)) {
    expression_error(pe, err);
  } else if (!fits(pe.want, prog.type)) {
    expression_error(pe, {expr_error::code::type, 0, {}, std::string(expected_name(pe.want)),
                          std::string(xtype_name(prog.type))});
    prog.code.clear();
  }
  pe.in_progress = false;
  pe.compiled = true;
  return true;
}

void context::resolve_logic() {
  // Ids named by rules, scores and routes.
  for (const auto& p : pending_ids) {
    switch (p.kind) {
      case pending_id::rule_item:
      case pending_id::score_item: {
        const int32_t it = f.find_item(p.id);
        if (it < 0 || type_info(f.items[static_cast<size_t>(it)].type).value == value_kind::none) {
          diagnostic& d = w.report(diag_code::form_unknown_reference, {param("id", p.id), param("kind", "question")});
          d.pointer = p.pointer;
          continue;
        }
        if (p.kind == pending_id::rule_item) {
          f.rules[p.owner].items.push_back(static_cast<uint32_t>(it));
        } else {
          const item& x = f.items[static_cast<size_t>(it)];
          const value_kind k = type_info(x.type).value;
          const bool scorable = k == value_kind::choice || k == value_kind::choices || k == value_kind::matrix ||
                                k == value_kind::integer || k == value_kind::decimal;
          if (!scorable) {
            diagnostic& d = w.report(diag_code::form_invalid_value, {param("reason", "not_scorable_item")});
            d.pointer = p.pointer;
            continue;
          }
          // Every alternative of a scored choice item needs points.
          if (const choice_set* set = f.choices_of(x)) {
            for (const auto& c : set->choices) {
              if (!c.points) {
                diagnostic& d = w.report(diag_code::form_invalid_value, {param("reason", "unscored_alternative"),
                                                                          param("value", c.value)});
                d.pointer = p.pointer;
                break;
              }
            }
          }
          f.scores[p.owner].items.push_back(static_cast<uint32_t>(it));
        }
        break;
      }
      case pending_id::route_page: {
        int32_t target = -1;
        for (size_t pg = 0; pg < f.pages.size(); ++pg)
          if (f.pages[pg].id == p.id) target = static_cast<int32_t>(pg);
        if (target < 0) {
          diagnostic& d = w.report(diag_code::form_unknown_reference, {param("id", p.id), param("kind", "page")});
          d.pointer = p.pointer;
        } else if (target <= static_cast<int32_t>(p.owner)) {
          diagnostic& d = w.report(diag_code::form_invalid_value, {param("reason", "route_backwards")});
          d.pointer = p.pointer;
        } else {
          f.pages[p.owner].next[p.slot].target = target;
        }
        break;
      }
    }
  }
  // Reverse-scored items must be among the score's items.
  for (auto& sc : f.scores) sc.reversed.assign(sc.items.size(), 0);
  for (const auto& [s, id] : score_reverse) {
    score& sc = f.scores[s];
    bool found = false;
    for (size_t k = 0; k < sc.items.size(); ++k) {
      if (f.items[sc.items[k]].id == id) {
        sc.reversed[k] = 1;
        found = true;
      }
    }
    if (!found) {
      diagnostic& d = w.report(diag_code::form_unknown_reference, {param("id", id), param("kind", "scored question")});
      d.pointer = "/scores/" + std::to_string(s) + "/reverse";
    }
  }
  // Mandatory through the score's policy.
  for (const auto& sc : f.scores)
    if (sc.missing == missing_policy::all_required)
      for (uint32_t it : sc.items) f.items[it].mandatory = true;

  for (size_t e = 0; e < expressions.size(); ++e) compile_pending(e);
}

}  // namespace blankett::form_detail
