// The rows of the format's tables: item types, attributes, validation rules.
#include "blankett/schema.h"

#include <array>
#include <utility>

#include "blankett/result.h"

namespace blankett {
namespace {

using enum attribute;
constexpr attribute_set bits(std::initializer_list<attribute> as) {
  attribute_set s = 0;
  for (auto a : as) s |= attr_bit(a);
  return s;
}

constexpr attribute_set kCommon = bits({id, type, title, description, help, code, visible_if});
constexpr attribute_set kAnswerable = kCommon | bits({mandatory, messages, required_if});
constexpr attribute_set kTextual = kAnswerable | bits({min_length, max_length, pattern, placeholder});
constexpr attribute_set kNumeric = kAnswerable | bits({min, max, step, unit, placeholder});
constexpr attribute_set kCalendar = kAnswerable | bits({min, max});

constexpr std::array<item_type_info, static_cast<size_t>(item_type::count_)> kItemTypes{{
    {item_type::text, "text", value_kind::text, kTextual, "text", "One line of text"},
    {item_type::textarea, "textarea", value_kind::text, kTextual, "textarea", "Several lines of text"},
    {item_type::integer, "integer", value_kind::integer, kNumeric, "number", "A whole number, with unit and step"},
    {item_type::decimal, "decimal", value_kind::decimal, kNumeric, "number", "A decimal number, with unit and step"},
    {item_type::date, "date", value_kind::date, kCalendar, "date", "A date, YYYY-MM-DD"},
    {item_type::time, "time", value_kind::time, kCalendar, "time", "A time of day, HH:MM"},
    {item_type::month, "month", value_kind::month, kCalendar, "month", "A month, YYYY-MM"},
    {item_type::week, "week", value_kind::week, kCalendar, "week", "An ISO week, YYYY-Www"},
    {item_type::datetime, "datetime", value_kind::datetime, kCalendar, "datetime-local",
     "A date and time, YYYY-MM-DDTHH:MM"},
    {item_type::single_choice, "single_choice", value_kind::choice, kAnswerable | bits({choices, widget}),
     "radio", "One of several alternatives (radio buttons or a list)"},
    {item_type::multiple_choice, "multiple_choice", value_kind::choices,
     kAnswerable | bits({choices, min_choices, max_choices}), "checkbox", "Any number of alternatives"},
    {item_type::yes_no, "yes_no", value_kind::boolean, kAnswerable, "radio", "Yes or no"},
    {item_type::scale, "scale", value_kind::decimal,
     kAnswerable | bits({min, max, step, min_label, max_label, widget, unit}), "range",
     "A number on a scale with labelled ends"},
    {item_type::matrix, "matrix", value_kind::matrix, kAnswerable | bits({rows, columns, cell, max_length}),
     "radio", "Rows answered on the same columns"},
    {item_type::url, "url", value_kind::text, kAnswerable | bits({max_length, placeholder}), "url",
     "A web address"},
    {item_type::email, "email", value_kind::text, kAnswerable | bits({max_length, placeholder}), "email",
     "An e-mail address"},
    {item_type::phone, "phone", value_kind::text, kAnswerable | bits({placeholder}), "tel", "A telephone number"},
    {item_type::personnummer, "personnummer", value_kind::text, kAnswerable | bits({placeholder}), "text",
     "A personnummer or samordningsnummer"},
    {item_type::display, "display", value_kind::none, kCommon | bits({text}), "", "Information only, no answer"},
    {item_type::attachment, "attachment", value_kind::attachment,
     kAnswerable | bits({media_types, max_size, max_files}), "file", "Files: PDF, JPEG or PNG"},
    {item_type::group, "group", value_kind::none, kCommon | bits({items}), "fieldset",
     "A block of questions"},
}};

constexpr std::array<attribute_info, static_cast<size_t>(attribute::count_)> kAttributes{{
    {id, "id", attribute_kind::id, "Unique id within the form"},
    {type, "type", attribute_kind::type_name, "Item type"},
    {title, "title", attribute_kind::text, "The question or heading"},
    {description, "description", attribute_kind::text, "Help text under the question"},
    {text, "text", attribute_kind::text, "The information shown"},
    {help, "help", attribute_kind::help, "A help link: {url, label}"},
    {code, "code", attribute_kind::coding, "A code: {system, code, display}"},
    {mandatory, "mandatory", attribute_kind::boolean, "Must be answered"},
    {messages, "messages", attribute_kind::messages, "Custom message per validation rule"},
    {min, "min", attribute_kind::bound, "Smallest allowed value"},
    {max, "max", attribute_kind::bound, "Largest allowed value"},
    {step, "step", attribute_kind::number, "Values must be min + k * step"},
    {unit, "unit", attribute_kind::string, "Unit shown after the field (kg, cm, mm Hg)"},
    {min_length, "min_length", attribute_kind::count, "Fewest characters"},
    {max_length, "max_length", attribute_kind::count, "Most characters"},
    {pattern, "pattern", attribute_kind::pattern, "Regular expression the whole value must match"},
    {placeholder, "placeholder", attribute_kind::text, "Example shown in an empty field"},
    {choices, "choices", attribute_kind::choices, "Answer alternatives, or a choice-set id"},
    {widget, "widget", attribute_kind::enumeration, "radio/select (single_choice), buttons/slider (scale)"},
    {min_choices, "min_choices", attribute_kind::count, "Fewest alternatives to choose"},
    {max_choices, "max_choices", attribute_kind::count, "Most alternatives to choose"},
    {min_label, "min_label", attribute_kind::text, "Label at the low end of a scale"},
    {max_label, "max_label", attribute_kind::text, "Label at the high end of a scale"},
    {rows, "rows", attribute_kind::rows, "Matrix rows: [{id, title, code}]"},
    {columns, "columns", attribute_kind::choices, "Matrix columns: alternatives or a choice-set id"},
    {cell, "cell", attribute_kind::enumeration, "Matrix cells: radio, checkbox or text"},
    {media_types, "media_types", attribute_kind::media_types, "Allowed file types"},
    {max_size, "max_size", attribute_kind::count, "Largest file in bytes"},
    {max_files, "max_files", attribute_kind::count, "Most files"},
    {items, "items", attribute_kind::items, "The items of a group"},
    {visible_if, "visible_if", attribute_kind::expression, "Shown only while this expression is true"},
    {required_if, "required_if", attribute_kind::expression, "Mandatory while this expression is true"},
}};

constexpr std::array<rule_info, static_cast<size_t>(rule::count_)> kRules{{
    {rule::mandatory, "mandatory", "validation.mandatory", true},
    {rule::unknown_item, "unknown_item", "validation.unknown_item", false},
    {rule::not_answerable, "not_answerable", "validation.not_answerable", false},
    {rule::type, "type", "validation.type", false},
    {rule::format, "format", "validation.format", true},
    {rule::choice, "choice", "validation.choice", false},
    {rule::min, "min", "validation.min", true},
    {rule::max, "max", "validation.max", true},
    {rule::step, "step", "validation.step", true},
    {rule::min_length, "min_length", "validation.min_length", true},
    {rule::max_length, "max_length", "validation.max_length", true},
    {rule::pattern, "pattern", "validation.pattern", true},
    {rule::min_choices, "min_choices", "validation.min_choices", true},
    {rule::max_choices, "max_choices", "validation.max_choices", true},
    {rule::unknown_row, "unknown_row", "validation.unknown_row", false},
    {rule::media_type, "media_type", "validation.media_type", false},
    {rule::max_size, "max_size", "validation.max_size", false},
    {rule::max_files, "max_files", "validation.max_files", false},
    {rule::form_rule, "rule", "validation.rule", false},
}};

template <class Table>
constexpr bool in_order(const Table& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if constexpr (requires { t[i].type; }) {
      if (static_cast<size_t>(t[i].type) != i) return false;
    } else if constexpr (requires { t[i].attr; }) {
      if (static_cast<size_t>(t[i].attr) != i) return false;
    } else {
      if (static_cast<size_t>(t[i].r) != i) return false;
    }
  }
  return true;
}
static_assert(in_order(kItemTypes) && in_order(kAttributes) && in_order(kRules), "table rows out of order");

}  // namespace

std::span<const item_type_info> item_types() noexcept { return kItemTypes; }
std::span<const attribute_info> attributes() noexcept { return kAttributes; }
std::span<const rule_info> rules() noexcept { return kRules; }

const item_type_info* const detail::item_type_rows = kItemTypes.data();
const attribute_info& attribute_lookup(attribute a) noexcept {
  BLANKETT_ASSERT(a < attribute::count_);
  return kAttributes[static_cast<size_t>(a)];
}
const rule_info& rule_lookup(rule r) noexcept {
  BLANKETT_ASSERT(r < rule::count_);
  return kRules[static_cast<size_t>(r)];
}

bool find_item_type(std::string_view name, item_type& out) noexcept {
  for (const auto& row : kItemTypes)
    if (row.name == name) return out = row.type, true;
  return false;
}
// Attribute rows grouped by name length, for lookups that compare only names of the right length
// (every key of every item is looked up: this is on the loading hot path).
constexpr size_t kMaxAttributeName = 16;
constexpr auto kAttributesByLength = [] {
  std::array<attribute, kAttributes.size()> order{};
  size_t k = 0;
  for (size_t len = 0; len <= kMaxAttributeName; ++len)
    for (const auto& row : kAttributes)
      if (row.name.size() == len) order[k++] = row.attr;
  return order;
}();
constexpr auto kFirstOfLength = [] {
  std::array<uint8_t, kMaxAttributeName + 2> first{};
  size_t k = 0;
  for (size_t len = 0; len <= kMaxAttributeName; ++len) {
    first[len] = static_cast<uint8_t>(k);
    for (const auto& row : kAttributes) k += row.name.size() == len;
  }
  first[kMaxAttributeName + 1] = static_cast<uint8_t>(k);
  return first;
}();
static_assert(kFirstOfLength[kMaxAttributeName + 1] == kAttributes.size(), "an attribute name is too long");

bool find_attribute(std::string_view name, attribute& out) noexcept {
  if (name.size() > kMaxAttributeName) return false;
  for (size_t k = kFirstOfLength[name.size()]; k < kFirstOfLength[name.size() + 1]; ++k) {
    const std::string_view n = kAttributes[static_cast<size_t>(kAttributesByLength[k])].name;
    if (n[0] == name[0] && n == name) return out = kAttributesByLength[k], true;
  }
  return false;
}

bool find_rule(std::string_view name, rule& out) noexcept {
  for (const auto& row : kRules)
    if (row.name == name) return out = row.r, true;
  return false;
}

namespace {

constexpr bool required(item_type t, attribute a) noexcept {
  switch (a) {
    case attribute::id:
    case attribute::type: return true;
    case attribute::title: return t != item_type::display && t != item_type::group;
    case attribute::text: return t == item_type::display;
    case attribute::choices: return t == item_type::single_choice || t == item_type::multiple_choice;
    case attribute::rows:
    case attribute::columns: return t == item_type::matrix;
    case attribute::min:
    case attribute::max: return t == item_type::scale;
    case attribute::items: return t == item_type::group;
    default: return false;
  }
}

constexpr auto kRequired = [] {
  std::array<attribute_set, static_cast<size_t>(item_type::count_)> out{};
  for (size_t t = 0; t < out.size(); ++t)
    for (size_t a = 0; a < static_cast<size_t>(attribute::count_); ++a)
      if (required(static_cast<item_type>(t), static_cast<attribute>(a))) out[t] |= attr_bit(static_cast<attribute>(a));
  return out;
}();

}  // namespace

attribute_set required_attributes(item_type t) noexcept { return kRequired[static_cast<size_t>(t)]; }
bool required_for(item_type t, attribute a) noexcept { return required(t, a); }

}  // namespace blankett
