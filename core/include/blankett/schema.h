// The tables that define the form format: item types, item attributes and validation rules.
//
// Rows in explicit constexpr tables, not self-registering statics (DESIGN.md rule 4). The parser, the
// validator, the designer's property editor and docs/form-format.md all read these same rows, so
// adding an item type or an attribute is one row here plus its handling (HACKING.md has the recipe).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace blankett {

// What an answer to an item holds.
enum class value_kind : uint8_t {
  none,        // display, group: not answerable
  text,        // string
  integer,     // integral number
  decimal,     // number
  date,        // "YYYY-MM-DD"
  time,        // "HH:MM[:SS]"
  month,       // "YYYY-MM"
  week,        // "YYYY-Www"
  datetime,    // "YYYY-MM-DDTHH:MM[:SS]"
  choice,      // the value of one alternative
  choices,     // values of several alternatives
  boolean,     // yes/no
  matrix,      // row id -> cell value
  attachment,  // file metadata
};

enum class item_type : uint8_t {
  text, textarea, integer, decimal, date, time, month, week, datetime, single_choice, multiple_choice,
  yes_no, scale, matrix, url, email, phone, personnummer, display, attachment, group, count_
};

// Keys an item may carry. The common ones apply to every type.
enum class attribute : uint8_t {
  id, type, title, description, text, help, code, mandatory, messages,
  min, max, step, unit, min_length, max_length, pattern, placeholder, choices, widget,
  min_choices, max_choices, min_label, max_label, rows, columns, cell, media_types, max_size,
  max_files, items, visible_if, required_if, count_
};

// How an attribute's value is written in JSON.
enum class attribute_kind : uint8_t {
  id,          // an id string
  type_name,   // an item type name
  text,        // a translation table
  boolean,
  number,      // any number
  bound,       // a number, or a string in the item's own value format (dates and times)
  count,       // an integer >= 0
  string,      // a plain string
  pattern,     // a regular expression
  choices,     // array of alternatives, or a choice-set id
  enumeration, // one of a few words (widget, cell)
  rows,        // matrix rows
  media_types, // array of media types
  help,        // {url, label}
  coding,      // {system, code, display?}
  messages,    // rule -> text
  items,       // nested items (groups)
  expression,  // an expression (docs/form-format.md, "Expressions")
};

using attribute_set = uint32_t;  // bit (1 << attribute)
constexpr attribute_set attr_bit(attribute a) noexcept { return attribute_set{1} << static_cast<unsigned>(a); }
static_assert(static_cast<unsigned>(attribute::count_) <= 32);

struct item_type_info {
  item_type type;
  std::string_view name;       // as written in JSON
  value_kind value;            // what an answer holds
  attribute_set attributes;    // the attributes that apply, common ones included
  std::string_view html_input; // the HTML input the citizen page uses
  std::string_view summary;    // one line for the designer and the docs
};

struct attribute_info {
  attribute attr;
  std::string_view name;
  attribute_kind kind;
  std::string_view summary;
};

// Validation rules, in the order issues about one item are reported.
enum class rule : uint8_t {
  mandatory, unknown_item, not_answerable, type, format, choice, min, max, step, min_length,
  max_length, pattern, min_choices, max_choices, unknown_row, media_type, max_size, max_files, form_rule, count_
};

struct rule_info {
  rule r;
  std::string_view name;         // "max_length"
  std::string_view message_key;  // "validation.max_length" (format: + ".<item type>")
  bool custom_message;           // an item may replace its text with "messages": {name: text}
};

std::span<const item_type_info> item_types() noexcept;
std::span<const attribute_info> attributes() noexcept;
std::span<const rule_info> rules() noexcept;

namespace detail {
extern const item_type_info* const item_type_rows;  // kItemTypes in schema.cpp
}
// Inline: reading, checking and evaluating answers ask this for every item.
inline const item_type_info& type_info(item_type t) noexcept { return detail::item_type_rows[static_cast<size_t>(t)]; }
const attribute_info& attribute_lookup(attribute a) noexcept;
const rule_info& rule_lookup(rule r) noexcept;

// Lookups by JSON name; false when there is no such row.
bool find_item_type(std::string_view name, item_type& out) noexcept;
bool find_attribute(std::string_view name, attribute& out) noexcept;
bool find_rule(std::string_view name, rule& out) noexcept;

inline bool applies(item_type t, attribute a) noexcept { return (type_info(t).attributes & attr_bit(a)) != 0; }
// Attributes required for a type beyond the always-required id and type: title (all but display and
// group), text (display), choices (choice types), rows/columns (matrix), min/max (scale), items (group).
bool required_for(item_type t, attribute a) noexcept;
// The same as a set.
attribute_set required_attributes(item_type t) noexcept;

}  // namespace blankett
