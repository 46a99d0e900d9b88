// The form loader's working state: the walker, the id registry, value readers and the readers of
// each part of a form. Private to core/src/form/: parser.cpp reads the structure (texts, items,
// pages), logic_reader.cpp the logic (expressions, rules, calculations, scores, alerts, profiles).
//
// Index of this file:
// [SECTION] Context: the walker, id registry and small value readers
// [SECTION] Texts, codings, help links
// [SECTION] Alternatives and choice sets
// [SECTION] Items: attributes by the schema tables, then checks across attributes
// [SECTION] Pages and the form
// [SECTION] Logic: declarations (defined in logic_reader.cpp)
#pragma once

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "blankett/dates.h"
#include "blankett/form.h"
#include "json/dom.h"

namespace blankett::form_detail {

using json::element;
using json::element_type;
using json::object;
using json::param;

// -----------------------------------------------------------------------------------------------
// [SECTION] Context: the walker, id registry and small value readers
// -----------------------------------------------------------------------------------------------

inline bool valid_id(std::string_view s) noexcept {
  if (s.empty() || s.size() > 64) return false;
  const auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!alpha(s[0])) return false;
  for (char c : s)
    if (!(alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) return false;
  return true;
}

inline bool valid_language(std::string_view s) noexcept {
  if (s.size() < 2 || s.size() > 3) return false;
  for (char c : s)
    if (c < 'a' || c > 'z') return false;
  return true;
}

struct context {
  const load_options& opt;
  json::walker w;
  form f;
  bool items_capped = false;

  // Where an id was first used; pointers are built only when a duplicate needs one.
  struct origin {
    enum kind_t : uint8_t { form_id, page, choice_set, item, other } kind;
    uint32_t index = 0;
    std::string pointer;  // kind other (an item skipped for a broken type)
  };
  std::unordered_map<std::string_view, origin> ids;  // keys view the DOM, alive during the load

  // Choice-set references, resolved once every set is known.
  struct pending_ref {
    uint32_t item;
    bool columns;
    std::string_view set_id;
  };
  std::vector<pending_ref> refs;

  context(const load_options& o, std::vector<diagnostic>& diags) : opt(o), w(diags, o.max_diagnostics) {}

  // Registers an id (a view into the DOM) in the form-wide namespace.
  void register_id(std::string_view id, origin where) {
    auto [it, fresh] = ids.try_emplace(id, std::move(where));
    if (fresh) return;
    const origin& first = it->second;
    std::string related;
    switch (first.kind) {
      case origin::form_id: related = "/id"; break;
      case origin::page: related = "/pages/" + std::to_string(f.pages[first.index].source_index) + "/id"; break;
      case origin::choice_set: related = "/choice_sets/" + std::to_string(first.index) + "/id"; break;
      case origin::item: related = item_pointer(first.index) + "/id"; break;
      case origin::other: related = first.pointer; break;
    }
    w.report(diag_code::form_duplicate_id, {param("id", id)}).related_pointer = std::move(related);
  }

  bool get_string(const element& e, std::string_view& out) {
    if (e.type() != element_type::STRING) {
      w.wrong_type(diag_code::form_wrong_type, "string", e);
      return false;
    }
    out = e.get_string().value_unsafe();
    if (out.size() > opt.max_string) {
      w.report(diag_code::form_invalid_value,
               {param("reason", "string_too_long"), param("limit", static_cast<double>(opt.max_string))});
      return false;
    }
    return true;
  }

  // An id; `view` is left pointing into the DOM for register_id().
  bool get_id(const element& e, std::string& out, std::string_view* view = nullptr) {
    std::string_view s;
    if (!get_string(e, s)) return false;
    if (!valid_id(s)) {
      w.report(diag_code::form_invalid_id, {param("id", s.substr(0, 80))});
      return false;
    }
    out.assign(s);
    if (view) *view = s;
    return true;
  }

  bool get_number(const element& e, double& out) {
    if (!e.is_number()) {
      w.wrong_type(diag_code::form_wrong_type, "number", e);
      return false;
    }
    out = e.get_double().value_unsafe();
    return true;
  }

  bool get_count(const element& e, uint64_t& out) {
    if (e.type() == element_type::INT64 && e.get_int64().value_unsafe() >= 0) {
      out = static_cast<uint64_t>(e.get_int64().value_unsafe());
      return true;
    }
    if (e.type() == element_type::UINT64) {
      out = e.get_uint64().value_unsafe();
      return true;
    }
    if (e.type() == element_type::INT64) {
      w.report(diag_code::form_invalid_value, {param("reason", "negative")});
      return false;
    }
    w.wrong_type(diag_code::form_wrong_type, "integer", e);
    return false;
  }

  bool get_bool(const element& e, bool& out) {
    if (e.type() != element_type::BOOL) {
      w.wrong_type(diag_code::form_wrong_type, "boolean", e);
      return false;
    }
    out = e.get_bool().value_unsafe();
    return true;
  }

  bool get_object(const element& e, object& out) {
    if (e.type() != element_type::OBJECT) {
      w.wrong_type(diag_code::form_wrong_type, "object", e);
      return false;
    }
    out = e.get_object().value_unsafe();
    w.check_duplicate_keys(out);
    return true;
  }

  bool get_array(const element& e, simdjson::dom::array& out) {
    if (e.type() != element_type::ARRAY) {
      w.wrong_type(diag_code::form_wrong_type, "array", e);
      return false;
    }
    out = e.get_array().value_unsafe();
    return true;
  }

  void missing(std::string_view key) { w.report(diag_code::form_missing_key, {param("key", key)}); }
  void unknown_key(std::string_view key) {
    auto s = w.at(key);
    w.report_key(diag_code::form_unknown_key, {param("key", key)});
  }

  // -----------------------------------------------------------------------------------------------
  // [SECTION] Texts, codings, help links
  // -----------------------------------------------------------------------------------------------

  // A translation table (or a plain string in the default language), complete in every language;
  // translations are stored in the form's language order.
  void read_text(const element& e, text& out) {
    out.translations.clear();
    if (e.type() == element_type::STRING) {
      std::string_view s;
      if (!get_string(e, s)) return;
      if (!s.empty()) out.translations.emplace_back(f.default_language(), std::string(s));
    } else if (e.type() == element_type::OBJECT) {
      object o;
      if (!get_object(e, o)) return;
      out.translations.reserve(f.languages.size());
      for (auto [key, value] : o) {
        if (!f.has_language(key)) {
          auto s = w.at(key);
          w.report_key(diag_code::form_undeclared_language, {param("language", key)});
        } else if (value.type() != element_type::STRING) {
          auto s = w.at(key);
          w.wrong_type(diag_code::form_wrong_type, "string", value);
        }
      }
      for (const auto& lang : f.languages) {
        auto v = o.at_key(lang);
        if (v.error() != simdjson::SUCCESS || v.value_unsafe().type() != element_type::STRING) continue;
        const std::string_view str = v.value_unsafe().get_string().value_unsafe();
        if (str.size() > opt.max_string) {
          auto s = w.at(lang);
          w.report(diag_code::form_invalid_value,
                   {param("reason", "string_too_long"), param("limit", static_cast<double>(opt.max_string))});
        } else if (!str.empty()) {
          out.translations.emplace_back(lang, std::string(str));
        }
      }
    } else {
      w.wrong_type(diag_code::form_wrong_type, "object", e);
      return;
    }
    if (out.translations.size() == f.languages.size()) return;
    for (const auto& lang : f.languages)
      if (out.get(lang).empty()) w.report(diag_code::form_missing_translation, {param("language", lang)});
  }

  void read_coding(const element& e, coding& out) {
    object o;
    if (!get_object(e, o)) return;
    bool has_system = false, has_code = false;
    for (auto [key, value] : o) {
      auto s = w.at(key);
      std::string_view str;
      if (key == "system") {
        has_system = true;
        if (get_string(value, str)) {
          if (str.empty() || str.find(':') == std::string_view::npos)
            w.report(diag_code::form_invalid_value, {param("reason", "code_system")});
          out.system.assign(str);
        }
      } else if (key == "code") {
        has_code = true;
        if (get_string(value, str)) {
          if (str.empty()) w.report(diag_code::form_invalid_value, {param("reason", "empty_code")});
          out.code.assign(str);
        }
      } else if (key == "display") {
        if (get_string(value, str)) out.display.assign(str);
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_system) missing("system");
    if (!has_code) missing("code");
  }

  void read_help(const element& e, help_link& out) {
    object o;
    if (!get_object(e, o)) return;
    bool has_url = false;
    for (auto [key, value] : o) {
      auto s = w.at(key);
      if (key == "url") {
        has_url = true;
        std::string_view str;
        if (get_string(value, str)) {
          if (!(str.starts_with("https://") || str.starts_with("http://")) || str.size() < 10)
            w.report(diag_code::form_invalid_value, {param("reason", "help_url")});
          out.url.assign(str);
        }
      } else if (key == "label") {
        read_text(value, out.label);
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_url) missing("url");
  }

  // -----------------------------------------------------------------------------------------------
  // [SECTION] Alternatives and choice sets
  // -----------------------------------------------------------------------------------------------

  void read_choice(const element& e, choice& out) {
    object o;
    if (!get_object(e, o)) return;
    bool has_value = false, has_label = false;
    for (auto [key, value] : o) {
      auto s = w.at(key);
      if (key == "value") {
        has_value = true;
        std::string_view str;
        if (get_string(value, str)) {
          if (str.empty() || str.size() > 64)
            w.report(diag_code::form_invalid_value, {param("reason", "choice_value_length")});
          out.value.assign(str);
        }
      } else if (key == "label") {
        has_label = true;
        read_text(value, out.label);
      } else if (key == "points") {
        double d = 0;
        if (get_number(value, d)) out.points = d;
      } else if (key == "code") {
        read_coding(value, out.code);
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_value) missing("value");
    if (!has_label) missing("label");
  }

  // An array of alternatives with unique values.
  void read_choice_list(const element& e, std::vector<choice>& out) {
    simdjson::dom::array arr;
    if (!get_array(e, arr)) return;
    if (arr.size() == 0) {
      w.report(diag_code::form_invalid_value, {param("reason", "no_choices")});
      return;
    }
    if (arr.size() > opt.max_choices) {
      w.report(diag_code::form_invalid_value,
               {param("reason", "too_many_choices"), param("limit", static_cast<double>(opt.max_choices))});
      return;
    }
    size_t i = 0;
    for (element c : arr) {
      auto s = w.at(i++);
      choice ch;
      read_choice(c, ch);
      if (!ch.value.empty()) {
        for (const auto& other : out) {
          if (other.value == ch.value) {
            auto v = w.at("value");
            w.report(diag_code::form_invalid_value, {param("reason", "duplicate_choice_value"), param("value", ch.value)});
            break;
          }
        }
      }
      out.push_back(std::move(ch));
    }
  }

  void read_choice_sets(const element& e) {
    simdjson::dom::array arr;
    if (!get_array(e, arr)) return;
    size_t i = 0;
    for (element c : arr) {
      auto s = w.at(i++);
      object o;
      if (!get_object(c, o)) continue;
      choice_set set;
      bool has_id = false, has_choices = false;
      for (auto [key, value] : o) {
        auto k = w.at(key);
        if (key == "id") {
          has_id = true;
          std::string_view view;
          if (get_id(value, set.id, &view))
            register_id(view, {origin::choice_set, static_cast<uint32_t>(f.choice_sets.size()), {}});
        } else if (key == "choices") {
          has_choices = true;
          read_choice_list(value, set.choices);
        } else {
          w.report_key(diag_code::form_unknown_key, {param("key", key)});
        }
      }
      if (!has_id) missing("id");
      if (!has_choices) missing("choices");
      f.choice_sets.push_back(std::move(set));
    }
  }

  // "choices" / "columns": inline alternatives (a new anonymous set) or the id of a choice set.
  void read_choices_attr(const element& e, uint32_t item_index, bool columns) {
    if (e.type() == element_type::STRING) {
      std::string_view id;
      if (get_string(e, id)) refs.push_back({item_index, columns, id});
      return;
    }
    if (e.type() != element_type::ARRAY) {
      w.wrong_type(diag_code::form_wrong_type, "array", e);
      return;
    }
    choice_set set;
    read_choice_list(e, set.choices);
    f.items[item_index].choices = static_cast<int32_t>(f.choice_sets.size());
    f.choice_sets.push_back(std::move(set));
  }

  // -----------------------------------------------------------------------------------------------
  // [SECTION] Items: attributes by the schema tables, then checks across attributes
  // -----------------------------------------------------------------------------------------------

  // A bound in the item's own value space: numbers for numeric types, strings for calendar types.
  void read_bound(const element& e, item_type t, bound& out) {
    const value_kind k = type_info(t).value;
    result<int64_t> (*parse)(std::string_view) noexcept = nullptr;
    std::string_view form_hint;
    switch (k) {
      case value_kind::date: parse = parse_date; form_hint = "YYYY-MM-DD"; break;
      case value_kind::time: parse = parse_time; form_hint = "HH:MM"; break;
      case value_kind::month: parse = parse_month; form_hint = "YYYY-MM"; break;
      case value_kind::week: parse = parse_week; form_hint = "YYYY-Www"; break;
      case value_kind::datetime: parse = parse_datetime; form_hint = "YYYY-MM-DDTHH:MM"; break;
      default: break;
    }
    if (parse == nullptr) {
      double d = 0;
      if (get_number(e, d)) out.number = d;
      return;
    }
    std::string_view s;
    if (!get_string(e, s)) return;
    auto v = parse(s);
    if (!v) {
      w.report(diag_code::form_invalid_value, {param("reason", "bad_bound"), param("expected", form_hint)});
      return;
    }
    out.number = static_cast<double>(*v);
    out.text.assign(s);
  }

  void read_messages(const element& e, item& it) {
    object o;
    if (!get_object(e, o)) return;
    for (auto [key, value] : o) {
      auto s = w.at(key);
      rule r{};
      if (!find_rule(key, r) || !rule_lookup(r).custom_message) {
        w.report_key(diag_code::form_invalid_value, {param("reason", "unknown_rule"),
                                                     param("rule", key)});
        continue;
      }
      text t;
      read_text(value, t);
      it.messages.emplace_back(r, std::move(t));
    }
  }

  void read_rows(const element& e, item& it) {
    simdjson::dom::array arr;
    if (!get_array(e, arr)) return;
    if (arr.size() == 0) {
      w.report(diag_code::form_invalid_value, {param("reason", "no_rows")});
      return;
    }
    size_t i = 0;
    for (element r : arr) {
      auto s = w.at(i++);
      object o;
      if (!get_object(r, o)) continue;
      matrix_row row;
      bool has_id = false, has_title = false;
      for (auto [key, value] : o) {
        auto k = w.at(key);
        if (key == "id") {
          has_id = true;
          if (get_id(value, row.id) && it.find_row(row.id) >= 0)
            w.report(diag_code::form_duplicate_id, {param("id", row.id)});
        } else if (key == "title") {
          has_title = true;
          read_text(value, row.title);
        } else if (key == "code") {
          read_coding(value, row.code);
        } else {
          w.report_key(diag_code::form_unknown_key, {param("key", key)});
        }
      }
      if (!has_id) missing("id");
      if (!has_title) missing("title");
      it.rows.push_back(std::move(row));
    }
  }

  void read_media_types(const element& e, item& it) {
    simdjson::dom::array arr;
    if (!get_array(e, arr)) return;
    it.media_types = 0;
    size_t i = 0;
    for (element m : arr) {
      auto s = w.at(i++);
      std::string_view str;
      if (!get_string(m, str)) continue;
      uint8_t bit = 0;
      for (auto t : {media_pdf, media_jpeg, media_png})
        if (media_type_name(t) == str) bit = t;
      if (bit == 0) {
        w.report(diag_code::form_invalid_value,
                 {param("reason", "media_type"), param("allowed", "application/pdf, image/jpeg, image/png")});
      }
      it.media_types |= bit;
    }
    if (arr.size() == 0) w.report(diag_code::form_invalid_value, {param("reason", "no_media_types")});
  }

  void read_widget(const element& e, item& it) {
    std::string_view s;
    if (!get_string(e, s)) return;
    const bool choice = it.type == item_type::single_choice;
    if (choice && s == "radio") it.widget_kind = widget::radio;
    else if (choice && s == "select") it.widget_kind = widget::select;
    else if (!choice && s == "buttons") it.widget_kind = widget::buttons;
    else if (!choice && s == "slider") it.widget_kind = widget::slider;
    else w.report(diag_code::form_invalid_value, {param("reason", "widget"), param("allowed", choice ? "radio, select" : "buttons, slider")});
  }

  void read_cell(const element& e, item& it) {
    std::string_view s;
    if (!get_string(e, s)) return;
    if (s == "radio") it.cell = cell_kind::radio;
    else if (s == "checkbox") it.cell = cell_kind::checkbox;
    else if (s == "text") it.cell = cell_kind::text;
    else w.report(diag_code::form_invalid_value, {param("reason", "cell"), param("allowed", "radio, checkbox, text")});
  }

  void read_optional_count(const element& e, std::optional<uint32_t>& out) {
    uint64_t v = 0;
    if (!get_count(e, v)) return;
    if (v > UINT32_MAX) {
      w.report(diag_code::form_invalid_value, {param("reason", "too_large")});
      return;
    }
    out = static_cast<uint32_t>(v);
  }

  void read_pattern(const element& e, item& it) {
    std::string_view s;
    if (!get_string(e, s)) return;
    pattern p;
    pattern::compile_error err;
    if (!pattern::compile(s, p, err)) {
      if (err.kind == pattern::refusal::syntax) {
        w.report(diag_code::form_pattern_syntax,
                 {param("reason", err.reason), param("position", static_cast<double>(err.position))});
        return;
      }
      // A pattern that is well-formed but over one of the engine's limits: its own code, the limit named.
      std::string_view reason;
      double limit = 0;
      switch (err.kind) {
        case pattern::refusal::nesting: reason = "nesting"; limit = static_cast<double>(pattern::max_nesting); break;
        case pattern::refusal::class_ranges: reason = "class_ranges"; limit = static_cast<double>(pattern::max_class_ranges); break;
        case pattern::refusal::program_size: reason = "size"; limit = static_cast<double>(pattern::max_program); break;
        case pattern::refusal::work: reason = "work"; limit = static_cast<double>(pattern::max_work); break;
        case pattern::refusal::syntax: break;
      }
      w.report(diag_code::form_pattern_too_complex, {param("reason", reason), param("limit", limit),
                                                     param("position", static_cast<double>(err.position))});
      return;
    }
    it.pattern = static_cast<int32_t>(f.patterns.size());
    f.patterns.push_back(std::move(p));
  }

  // Reads one item (or group, recursively) at the current pointer into f.items.
  void read_item(const element& e, uint32_t page_index, int32_t parent, uint32_t source_index,
                 std::vector<uint32_t>& siblings) {
    if (items_capped) return;
    if (f.items.size() >= opt.max_items) {
      items_capped = true;
      w.report(diag_code::form_too_many_items, {param("limit", static_cast<double>(opt.max_items))});
      return;
    }
    object o;
    if (!get_object(e, o)) return;

    // The type decides which attributes apply: read it first.
    item_type t{};
    auto type_el = o["type"];
    // Without a usable type the item is skipped, but its id still counts (duplicates, references).
    auto register_only_id = [&] {
      if (auto id_el = o["id"]; id_el.error() == simdjson::SUCCESS) {
        auto s = w.at("id");
        std::string id;
        std::string_view view;
        if (get_id(id_el.value_unsafe(), id, &view)) register_id(view, {origin::other, 0, w.pointer()});
      }
    };
    if (type_el.error() != simdjson::SUCCESS) {
      missing("type");
      register_only_id();
      return;
    }
    bool known = false;
    {
      auto s = w.at("type");
      std::string_view name;
      known = get_string(type_el.value_unsafe(), name);
      if (known && !find_item_type(name, t)) {
        w.report(diag_code::form_unknown_type, {param("type", name.substr(0, 80))});
        known = false;
      }
    }
    if (!known) {
      register_only_id();
      return;
    }

    const uint32_t index = static_cast<uint32_t>(f.items.size());
    f.items.emplace_back();
    f.items[index].type = t;
    f.items[index].page = page_index;
    f.items[index].parent = parent;
    f.items[index].source_index = source_index;
    siblings.push_back(index);

    simdjson::dom::element children;
    bool has_children = false;
    uint32_t seen = 0;  // attribute bits present
    for (auto [key, value] : o) {
      attribute a{};
      if (!find_attribute(key, a)) {
        unknown_key(key);
        continue;
      }
      auto s = w.at(key);
      if (!applies(t, a)) {
        w.report_key(diag_code::form_attribute_not_applicable, {param("key", key), param("type", type_info(t).name)});
        continue;
      }
      seen |= attr_bit(a);
      item& it = f.items[index];  // re-fetched: read_item of children may grow f.items
      switch (a) {
        case attribute::id: {
          std::string_view view;
          if (get_id(value, it.id, &view)) register_id(view, {origin::item, index, {}});
          break;
        }
        case attribute::type: break;
        case attribute::title: read_text(value, it.title); break;
        case attribute::description: read_text(value, it.description); break;
        case attribute::text: read_text(value, it.body); break;
        case attribute::help: read_help(value, it.help); break;
        case attribute::code: read_coding(value, it.code); break;
        case attribute::mandatory: get_bool(value, it.mandatory); break;
        case attribute::messages: read_messages(value, it); break;
        case attribute::min: read_bound(value, t, it.min); break;
        case attribute::max: read_bound(value, t, it.max); break;
        case attribute::step: {
          double d = 0;
          if (!get_number(value, d)) break;
          if (!(d > 0)) w.report(diag_code::form_invalid_value, {param("reason", "step_not_positive")});
          else if (t == item_type::integer && d != std::floor(d))
            w.report(diag_code::form_invalid_value, {param("reason", "integer_step")});
          else it.step = d;
          break;
        }
        case attribute::unit: {
          std::string_view str;
          if (get_string(value, str)) it.unit.assign(str);
          break;
        }
        case attribute::min_length: read_optional_count(value, it.min_length); break;
        case attribute::max_length: read_optional_count(value, it.max_length); break;
        case attribute::pattern: read_pattern(value, it); break;
        case attribute::placeholder: read_text(value, it.placeholder); break;
        case attribute::choices: read_choices_attr(value, index, false); break;
        case attribute::columns: read_choices_attr(value, index, true); break;
        case attribute::widget: read_widget(value, it); break;
        case attribute::min_choices: read_optional_count(value, it.min_choices); break;
        case attribute::max_choices: read_optional_count(value, it.max_choices); break;
        case attribute::min_label: read_text(value, it.min_label); break;
        case attribute::max_label: read_text(value, it.max_label); break;
        case attribute::rows: read_rows(value, it); break;
        case attribute::cell: read_cell(value, it); break;
        case attribute::media_types: read_media_types(value, it); break;
        case attribute::max_size: {
          uint64_t v = 0;
          if (!get_count(value, v)) break;
          if (v == 0) w.report(diag_code::form_invalid_value, {param("reason", "zero")});
          else it.max_size = v;
          break;
        }
        case attribute::max_files: {
          read_optional_count(value, it.max_files);
          if (it.max_files && *it.max_files == 0) {
            w.report(diag_code::form_invalid_value, {param("reason", "zero")});
            it.max_files.reset();
          }
          break;
        }
        case attribute::items:
          children = value;
          has_children = true;
          break;
        case attribute::visible_if: it.visible_if = expression(value, expect::boolean); break;
        case attribute::required_if: it.required_if = expression(value, expect::boolean); break;
        case attribute::count_: break;
      }
    }

    if (const attribute_set absent = required_attributes(t) & ~seen) {
      for (const auto& row : attributes())
        if (absent & attr_bit(row.attr)) missing(row.name);
    }
    check_item(f.items[index]);

    if (has_children) {
      auto s = w.at("items");
      simdjson::dom::array arr;
      if (get_array(children, arr)) {
        if (arr.size() == 0) w.report(diag_code::form_invalid_value, {param("reason", "empty_group")});
        std::vector<uint32_t> kids;
        size_t i = 0;
        for (element c : arr) {
          auto k = w.at(i);
          read_item(c, page_index, static_cast<int32_t>(index), static_cast<uint32_t>(i++), kids);
        }
        f.items[index].children = std::move(kids);
      }
    }
  }

  // Checks across attributes of one item, reported at the later attribute of each pair.
  void check_item(const item& it) {
    auto at_attr = [&](std::string_view key, std::string_view reason) {
      auto s = w.at(key);
      w.report(diag_code::form_invalid_value, {param("reason", reason)});
    };
    if (it.min.number && it.max.number && *it.min.number > *it.max.number) at_attr("max", "max_below_min");
    if (it.min_length && it.max_length && *it.min_length > *it.max_length)
      at_attr("max_length", "max_length_below_min_length");
    if (it.min_choices && it.max_choices && *it.min_choices > *it.max_choices)
      at_attr("max_choices", "max_choices_below_min_choices");
    if (it.type == item_type::scale && it.min.number && it.max.number && it.step) {
      const double steps = (*it.max.number - *it.min.number) / *it.step;
      if (std::fabs(steps - std::round(steps)) > 1e-9) at_attr("step", "scale_steps");
    }
  }

  // -----------------------------------------------------------------------------------------------
  // [SECTION] Pages and the form
  // -----------------------------------------------------------------------------------------------

  void read_page(const element& e, uint32_t source_index) {
    object o;
    if (!get_object(e, o)) return;
    const uint32_t index = static_cast<uint32_t>(f.pages.size());
    f.pages.emplace_back();
    f.pages[index].source_index = source_index;
    bool has_id = false, has_items = false;
    for (auto [key, value] : o) {
      auto s = w.at(key);
      page& p = f.pages[index];
      if (key == "id") {
        has_id = true;
        std::string_view view;
        if (get_id(value, p.id, &view)) register_id(view, {origin::page, index, {}});
      } else if (key == "title") {
        read_text(value, p.title);
      } else if (key == "description") {
        read_text(value, p.description);
      } else if (key == "visible_if") {
        p.visible_if = expression(value, expect::boolean);
      } else if (key == "next") {
        read_next(value, index);
      } else if (key == "items") {
        has_items = true;
        simdjson::dom::array arr;
        if (!get_array(value, arr)) continue;
        if (arr.size() == 0) w.report(diag_code::form_invalid_value, {param("reason", "empty_page")});
        std::vector<uint32_t> top;
        size_t i = 0;
        for (element c : arr) {
          auto k = w.at(i);
          read_item(c, index, -1, static_cast<uint32_t>(i++), top);
        }
        f.pages[index].items = std::move(top);
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_id) missing("id");
    if (!has_items) missing("items");
  }

  void read_languages(const element& e) {
    simdjson::dom::array arr;
    if (!get_array(e, arr)) return;
    size_t i = 0;
    for (element l : arr) {
      auto s = w.at(i++);
      std::string_view str;
      if (!get_string(l, str)) continue;
      if (!valid_language(str)) {
        w.report(diag_code::form_invalid_value, {param("reason", "language_code")});
        continue;
      }
      if (f.has_language(str)) {
        w.report(diag_code::form_invalid_value, {param("reason", "duplicate_language"), param("language", str)});
        continue;
      }
      f.languages.emplace_back(str);
    }
    if (arr.size() == 0) w.report(diag_code::form_invalid_value, {param("reason", "no_languages")});
  }

  void read_form(const element& root) {
    object o;
    if (!get_object(root, o)) return;

    // format first: another version is another language, so stop at once.
    {
      auto fmt = o["format"];
      if (fmt.error() != simdjson::SUCCESS) {
        w.report(diag_code::form_unsupported_format, {param("supported", static_cast<double>(kFormatVersion))});
        return;
      }
      auto s = w.at("format");
      const element v = fmt.value_unsafe();
      if (!(v.is_int64() && v.get_int64().value_unsafe() == kFormatVersion)) {
        w.report(diag_code::form_unsupported_format, {param("supported", static_cast<double>(kFormatVersion))});
        return;
      }
    }
    // languages before any text; a form without usable languages still gets its other checks in
    // the default language "sv" so that one mistake does not hide the rest.
    if (auto langs = o["languages"]; langs.error() == simdjson::SUCCESS) {
      auto s = w.at("languages");
      read_languages(langs.value_unsafe());
    } else {
      missing("languages");
    }
    const bool languages_ok = !f.languages.empty();
    if (!languages_ok) f.languages.emplace_back("sv");
    // choice sets before the items that name them.
    if (auto sets = o["choice_sets"]; sets.error() == simdjson::SUCCESS) {
      auto s = w.at("choice_sets");
      read_choice_sets(sets.value_unsafe());
    }

    bool has_id = false, has_version = false, has_title = false, has_pages = false;
    for (auto [key, value] : o) {
      auto s = w.at(key);
      if (key == "format" || key == "languages" || key == "choice_sets") {
        continue;
      } else if (key == "id") {
        has_id = true;
        std::string_view view;
        if (get_id(value, f.id, &view)) register_id(view, {origin::form_id, 0, {}});
      } else if (key == "version") {
        has_version = true;
        if (value.is_int64() && value.get_int64().value_unsafe() >= 1) f.version = value.get_int64().value_unsafe();
        else if (value.is_int64() || value.is_uint64()) w.report(diag_code::form_invalid_value, {param("reason", "version")});
        else w.wrong_type(diag_code::form_wrong_type, "integer", value);
      } else if (key == "title") {
        has_title = true;
        read_text(value, f.title);
      } else if (key == "description") {
        read_text(value, f.description);
      } else if (key == "instrument") {
        std::string_view str;
        if (get_string(value, str)) {
          // Instrument codes are matched by programs (scores, exports): one spelling, lower case.
          const bool ok = !str.empty() && str.size() <= 64 && std::all_of(str.begin(), str.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
          });
          if (!ok) w.report(diag_code::form_invalid_value, {param("reason", "instrument")});
          f.instrument.assign(str);
        }
      } else if (key == "code") {
        read_coding(value, f.code);
      } else if (key == "measurements") {
        read_measurements(value);
      } else if (key == "rules") {
        read_rules(value);
      } else if (key == "calculations") {
        read_calculations(value);
      } else if (key == "scores") {
        read_scores(value);
      } else if (key == "alerts") {
        read_alerts(value);
      } else if (key == "profiles") {
        read_profiles(value);
      } else if (key == "pages") {
        has_pages = true;
        simdjson::dom::array arr;
        if (!get_array(value, arr)) continue;
        if (arr.size() == 0) w.report(diag_code::form_invalid_value, {param("reason", "no_pages")});
        size_t i = 0;
        for (element p : arr) {
          auto k = w.at(i);
          read_page(p, static_cast<uint32_t>(i++));
        }
      } else {
        w.report_key(diag_code::form_unknown_key, {param("key", key)});
      }
    }
    if (!has_id) missing("id");
    if (!has_version) missing("version");
    if (!has_title) missing("title");
    if (!has_pages) missing("pages");

    // Choice-set references, now that every set is known.
    for (const auto& r : refs) {
      int32_t found = -1;
      for (size_t i = 0; i < f.choice_sets.size(); ++i)
        if (!f.choice_sets[i].id.empty() && f.choice_sets[i].id == r.set_id) found = static_cast<int32_t>(i);
      if (found < 0) {
        diagnostic& d = w.report(diag_code::form_unknown_reference, {param("id", r.set_id), param("kind", "choice set")});
        d.pointer = item_pointer(r.item) + (r.columns ? "/columns" : "/choices");
      } else {
        f.items[r.item].choices = found;
      }
    }
    // Alternatives-dependent checks.
    for (size_t i = 0; i < f.items.size(); ++i) {
      const item& it = f.items[i];
      const choice_set* set = f.choices_of(it);
      if (set && it.max_choices && *it.max_choices > set->choices.size()) {
        diagnostic& d = w.report(diag_code::form_invalid_value, {param("reason", "max_choices_above_choices")});
        d.pointer = item_pointer(i) + "/max_choices";
      }
    }
    f.index_.build(f.items);  // the logic looks items up by id
    resolve_logic();
  }

  // The pointer of an item, rebuilt from the model (for checks after the walk).
  std::string item_pointer(size_t index) const {
    std::string p;
    for (int32_t cur = static_cast<int32_t>(index); cur >= 0; cur = f.items[static_cast<size_t>(cur)].parent)
      p.insert(0, "/items/" + std::to_string(f.items[static_cast<size_t>(cur)].source_index));
    if (f.items[index].page == kNoPage) return "/measurements" + p.substr(6);  // "/items/k" -> "/measurements/k"
    return "/pages/" + std::to_string(f.pages[f.items[index].page].source_index) + p;
  }

  // -----------------------------------------------------------------------------------------------
  // [SECTION] Logic: declarations (defined in logic_reader.cpp)
  // -----------------------------------------------------------------------------------------------

  // What an expression must give.
  enum class expect : uint8_t { boolean, text, value, number_or_text };
  struct pending_expression {
    int32_t program;
    std::string pointer;
    expect want;
    std::string_view source;  // views the DOM, alive during the load
    bool compiled = false, in_progress = false;
  };
  std::vector<pending_expression> expressions;
  // An id list or id named in the logic, resolved once everything is read.
  struct pending_id {
    enum kind_t : uint8_t { rule_item, score_item, route_page } kind;
    uint32_t owner, slot;  // rule or score index and position; page index and route position
    std::string_view id;
    std::string pointer;
  };
  std::vector<pending_id> pending_ids;
  std::vector<std::pair<uint32_t, std::string>> score_reverse;  // (score, item id) from "reverse"

  // Reads an expression string at the current pointer; returns its program index (or -1).
  int32_t expression(const element& e, expect want);
  void read_next(const element& e, uint32_t page_index);
  void read_measurements(const element& e);
  void read_rules(const element& e);
  void read_calculations(const element& e);
  void read_link(const element& e, link& out);
  void read_scores(const element& e);
  bool read_bands(const element& e, std::vector<band_range>& out);
  void read_alerts(const element& e);
  void read_profiles(const element& e);
  // After the walk: ids, expressions (with their types), score and band checks.
  void resolve_logic();
  bool compile_pending(size_t index);
  void expression_error(const pending_expression& pe, const expr_error& err);
};

}  // namespace blankett::form_detail
