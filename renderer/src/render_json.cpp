// The render model as JSON for the browser: structure with texts in one language, and state.
#include <cmath>
#include <string>
#include <vector>

#include "blankett/dates.h"
#include "blankett/messages.h"
#include "blankett/render.h"
#include "blankett/schema.h"

namespace blankett {
namespace {

struct view {
  const form& f;
  const evaluation& ev;
  std::string_view lang;
  bool citizen;
  validation_result result;
  std::vector<int32_t> numbers;                 // per item: its question number, 0 when none
  std::vector<std::vector<uint32_t>> issues;    // per item: indexes into result.issues

  view(const form& form_def, const evaluation& e, const render_options& o)
      : f(form_def), ev(e), lang(form_def.has_language(o.language) ? std::string_view(o.language)
                                                                       : std::string_view(form_def.default_language())),
        citizen(o.citizen) {
    ev.result(result);
    numbers.assign(f.items.size(), 0);
    issues.assign(f.items.size(), {});
    int32_t next = 1;
    for (uint32_t p = 0; p < f.pages.size(); ++p) {
      if (!ev.page_visible(p)) continue;
      for (uint32_t i : f.pages[p].items) number(i, next);
    }
    for (uint32_t k = 0; k < result.issues.size(); ++k)
      if (result.issues[k].r != rule::unknown_item) issues[result.issues[k].item].push_back(k);
  }

  void number(uint32_t i, int32_t& next) {
    const item& it = f.items[i];
    if (!ev.visible(i)) return;
    if (it.type == item_type::group) {
      for (uint32_t c : it.children) number(c, next);
    } else if (it.type != item_type::display) {
      numbers[i] = next++;
    }
  }

  std::string_view t(const text& x) const { return x.in(lang, f.default_language()); }
};

void write_text_if(json_writer& w, std::string_view key, const view& v, const text& x) {
  if (!x.empty()) w.key(key).value(v.t(x));
}

void write_bound(json_writer& w, std::string_view key, const bound& b) {
  if (b.number) w.key(key).value(*b.number);
  else if (!b.text.empty()) w.key(key).value(std::string_view(b.text));
}

void write_choices(json_writer& w, std::string_view key, const view& v, const choice_set* set) {
  if (!set) return;
  w.key(key).begin_array();
  for (const choice& c : set->choices) w.begin_object().key("value").value(std::string_view(c.value)).key("label").value(v.t(c.label)).end_object();
  w.end_array();
}

std::string_view widget_name(widget k) {
  switch (k) {
    case widget::radio: return "radio";
    case widget::select: return "select";
    case widget::buttons: return "buttons";
    case widget::slider: return "slider";
    case widget::automatic: break;
  }
  return "";
}

std::string_view cell_name(cell_kind k) {
  switch (k) {
    case cell_kind::radio: return "radio";
    case cell_kind::checkbox: return "checkbox";
    case cell_kind::text: return "text";
  }
  return "radio";
}

void write_state_fields(json_writer& w, const view& v, uint32_t i) {
  w.key("number");
  if (v.numbers[i]) w.value(v.numbers[i]);
  else w.null();
  w.key("visible").value(v.ev.visible(i));
  w.key("required").value(v.ev.required(i));
  w.key("issues").begin_array();
  for (uint32_t k : v.issues[i]) {
    const issue& is = v.result.issues[k];
    w.begin_object().key("rule").value(rule_lookup(is.r).name).key("key").value(issue_key(v.f, is));
    w.key("text").value(issue_text(v.f, is, v.lang));
    if (is.row >= 0) w.key("row").value(std::string_view(v.f.items[i].rows[static_cast<size_t>(is.row)].id));
    w.end_object();
  }
  w.end_array();
}

void write_node(json_writer& w, const view& v, uint32_t i) {
  const item& it = v.f.items[i];
  const item_type_info& info = type_info(it.type);
  w.begin_object();
  w.key("id").value(std::string_view(it.id)).key("type").value(info.name).key("input").value(info.html_input);
  write_text_if(w, "title", v, it.title);
  write_text_if(w, "description", v, it.description);
  write_text_if(w, "text", v, it.body);
  if (!it.help.url.empty())
    w.key("help").begin_object().key("url").value(std::string_view(it.help.url)).key("label").value(v.t(it.help.label)).end_object();
  write_state_fields(w, v, i);
  if (it.mandatory) w.key("mandatory").value(true);
  write_bound(w, "min", it.min);
  write_bound(w, "max", it.max);
  if (it.step) w.key("step").value(*it.step);
  if (!it.unit.empty()) w.key("unit").value(std::string_view(it.unit));
  write_text_if(w, "placeholder", v, it.placeholder);
  write_text_if(w, "min_label", v, it.min_label);
  write_text_if(w, "max_label", v, it.max_label);
  if (it.min_length) w.key("min_length").value(*it.min_length);
  if (it.max_length) w.key("max_length").value(*it.max_length);
  if (it.min_choices) w.key("min_choices").value(*it.min_choices);
  if (it.max_choices) w.key("max_choices").value(*it.max_choices);
  if (it.widget_kind != widget::automatic) w.key("widget").value(widget_name(it.widget_kind));
  if (it.type == item_type::matrix) {
    w.key("cell").value(cell_name(it.cell));
    w.key("rows").begin_array();
    for (const matrix_row& r : it.rows) w.begin_object().key("id").value(std::string_view(r.id)).key("title").value(v.t(r.title)).end_object();
    w.end_array();
    write_choices(w, "columns", v, v.f.choices_of(it));
  } else {
    write_choices(w, "choices", v, v.f.choices_of(it));
  }
  if (it.type == item_type::attachment) {
    w.key("media_types").begin_array();
    if (it.media_types & media_pdf) w.value("application/pdf");
    if (it.media_types & media_jpeg) w.value("image/jpeg");
    if (it.media_types & media_png) w.value("image/png");
    w.end_array();
    if (it.max_size) w.key("max_size").value(static_cast<double>(*it.max_size));
    if (it.max_files) w.key("max_files").value(*it.max_files);
  }
  if (it.type == item_type::group) {
    w.key("items").begin_array();
    for (uint32_t c : it.children) write_node(w, v, c);
    w.end_array();
  }
  w.end_object();
}

void write_computed(json_writer& w, const computed& c) {
  switch (c.st) {
    case computed::state::number: w.key("value").value(c.number); break;
    case computed::state::text: w.key("value").value(std::string_view(c.text)); break;
    case computed::state::boolean: w.key("value").value(c.number != 0); break;
    case computed::state::date: w.key("value").value(std::string_view(format_date(civil_from_days(static_cast<int64_t>(c.number))))); break;
    case computed::state::error: w.key("error").value(c.error); break;
    case computed::state::none: w.key("value").null(); break;
  }
}

void write_outcome(json_writer& w, const view& v) {
  w.key("calculations").begin_array();
  for (size_t c = 0; c < v.f.calculations.size(); ++c) {
    const calculation& calc = v.f.calculations[c];
    if (v.citizen && !calc.citizen_visible) continue;
    w.begin_object().key("id").value(std::string_view(calc.id)).key("title").value(v.t(calc.title));
    write_text_if(w, "text", v, v.citizen ? calc.citizen_text : calc.staff_text);
    if (!calc.unit.empty()) w.key("unit").value(std::string_view(calc.unit));
    write_computed(w, v.result.calculations[c]);
    w.end_object();
  }
  w.end_array();
  w.key("routes").begin_array();
  for (const auto& [c, l] : v.result.routes) {
    const link& lk = v.f.calculations[c].links[l];
    w.begin_object().key("id").value(std::string_view(lk.id)).key("url").value(std::string_view(lk.url));
    w.key("label").value(v.t(lk.label)).end_object();
  }
  w.end_array();
}

void write_state_items(json_writer& w, const view& v, uint32_t i) {
  const item& it = v.f.items[i];
  w.key(it.id).begin_object();
  write_state_fields(w, v, i);
  w.end_object();
  for (uint32_t c : it.children) write_state_items(w, v, c);
}

}  // namespace

void write_render_model(const form& f, const evaluation& ev, const render_options& o, json_writer& w) {
  const view v(f, ev, o);
  w.begin_object();
  w.key("form").begin_object();
  w.key("id").value(std::string_view(f.id)).key("version").value(f.version);
  w.key("title").value(v.t(f.title));
  write_text_if(w, "description", v, f.description);
  w.key("language").value(v.lang);
  w.key("languages").begin_array();
  for (const auto& l : f.languages) w.value(std::string_view(l));
  w.end_array();
  w.end_object();
  w.key("pages").begin_array();
  for (uint32_t p = 0; p < f.pages.size(); ++p) {
    const page& pg = f.pages[p];
    w.begin_object().key("id").value(std::string_view(pg.id));
    write_text_if(w, "title", v, pg.title);
    write_text_if(w, "description", v, pg.description);
    w.key("visible").value(ev.page_visible(p));
    w.key("items").begin_array();
    for (uint32_t i : pg.items) write_node(w, v, i);
    w.end_array().end_object();
  }
  w.end_array();
  write_outcome(w, v);
  w.end_object();
}

std::vector<item_state> render_item_states(const form& f, const evaluation& ev, const render_options& o) {
  const view v(f, ev, o);
  std::vector<item_state> out(f.items.size());
  for (uint32_t i = 0; i < f.items.size(); ++i) {
    item_state& s = out[i];
    s.number = v.numbers[i];
    s.visible = ev.visible(i);
    s.required = ev.required(i);
    for (uint32_t k : v.issues[i]) s.issues.push_back(issue_text(f, v.result.issues[k], v.lang));
  }
  return out;
}

void write_render_state(const form& f, const evaluation& ev, const render_options& o, json_writer& w) {
  const view v(f, ev, o);
  w.begin_object();
  w.key("pages").begin_object();
  for (uint32_t p = 0; p < f.pages.size(); ++p) w.key(f.pages[p].id).value(ev.page_visible(p));
  w.end_object();
  w.key("items").begin_object();
  for (const page& pg : f.pages)
    for (uint32_t i : pg.items) write_state_items(w, v, i);
  w.end_object();
  write_outcome(w, v);
  w.end_object();
}

}  // namespace blankett
