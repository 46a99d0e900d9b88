// The form model (formulärmall) and its loader: every problem in a definition reported at once.
//
// load_form() parses a form definition (docs/form-format.md) with simdjson and checks it against the
// tables in schema.h. It returns the form only when there is no error; warnings come with a form.
// A loaded form is immutable and self-contained (no pointers into the input); it may be shared by
// threads for reading. Items are stored flat in document order (depth first through groups) and
// referred to by index everywhere else in the core.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "blankett/diagnostic.h"
#include "blankett/expr.h"
#include "blankett/pattern.h"
#include "blankett/schema.h"
#include "blankett/text.h"

namespace blankett {

inline constexpr int kFormatVersion = 1;

struct coding {
  std::string system, code, display;
  bool empty() const noexcept { return code.empty(); }
};

struct choice {
  std::string value;
  text label;
  std::optional<double> points;
  coding code;
};

// Shared alternatives ("choice_sets") and each item's own alternatives (id "").
struct choice_set {
  std::string id;
  std::vector<choice> choices;
  // Index of the alternative with this value, or -1.
  int32_t find(std::string_view value) const noexcept;
  // Alternatives whose value is one ASCII character, by that character (-1: none), because most
  // instruments' values are "0".."9". load_form() builds it; code that changes `choices` afterwards
  // (the designer) calls index_values() again.
  std::array<int16_t, 128> by_char = no_chars();
  void index_values() noexcept;

 private:
  static constexpr std::array<int16_t, 128> no_chars() {
    std::array<int16_t, 128> a{};
    a.fill(-1);
    return a;
  }
};

struct matrix_row {
  std::string id;
  text title;
  coding code;
};

struct help_link {
  std::string url;
  text label;
};

// A bound (min or max): a number for numeric types, or text plus its ordering number for calendar
// types (see dates.h for the ordering numbers).
struct bound {
  std::optional<double> number;
  std::string text;
};

enum class widget : uint8_t { automatic, radio, select, buttons, slider };
enum class cell_kind : uint8_t { radio, checkbox, text };

enum media_type : uint8_t { media_pdf = 1, media_jpeg = 2, media_png = 4, media_all = 7 };
std::string_view media_type_name(media_type m) noexcept;  // "application/pdf", ...

inline constexpr uint32_t kNoPage = UINT32_MAX;  // the page of a measurement

struct item {
  std::string id;
  item_type type = item_type::text;
  uint32_t page = 0;       // index into form::pages; kNoPage for measurements
  bool staff = false;      // a measurement: answered by staff in "measurements"
  int32_t parent = -1;     // index of the enclosing group item, -1 at page level
  std::vector<uint32_t> children;  // groups: item indexes
  uint32_t source_index = 0;       // position in its page's or group's "items" array in the JSON

  text title, description, body, placeholder, min_label, max_label;  // body: a display item's "text"
  help_link help;
  coding code;

  bool mandatory = false;
  bound min, max;
  std::optional<double> step;
  std::string unit;
  std::optional<uint32_t> min_length, max_length, min_choices, max_choices, max_files;
  std::optional<uint64_t> max_size;
  int32_t pattern = -1;  // index into form::patterns
  int32_t choices = -1;  // index into form::choice_sets (alternatives, or a matrix's columns)
  widget widget_kind = widget::automatic;
  std::vector<matrix_row> rows;
  cell_kind cell = cell_kind::radio;
  uint8_t media_types = media_all;
  std::vector<std::pair<rule, text>> messages;  // custom messages per rule

  const text* message(rule r) const noexcept {
    for (const auto& [k, t] : messages)
      if (k == r) return &t;
    return nullptr;
  }
  int32_t visible_if = -1;   // index into form::programs
  int32_t required_if = -1;  // index into form::programs

  int32_t find_row(std::string_view row_id) const noexcept;
};

// A routing rule: after its page, go to `target` (a page index, or kEndOfForm) when `when` holds.
inline constexpr int32_t kEndOfForm = -1;
struct route_rule {
  int32_t when = -1;  // program
  int32_t target = kEndOfForm;
};

struct page {
  std::string id;
  text title, description;
  int32_t visible_if = -1;           // program
  std::vector<route_rule> next;
  std::vector<uint32_t> items;  // top-level item indexes, in order
  uint32_t source_index = 0;    // position in the JSON "pages" array
};

// ---- Logic (docs/form-format.md: rules, calculations, scores, alerts, star profiles) -----------

struct rule_check {
  std::string id;
  int32_t check = -1;           // program
  std::vector<uint32_t> items;  // item indexes; issues go to the first
  text message;
};

struct link {
  std::string id;
  int32_t when = -1;  // program
  std::string url;
  text label;
};

struct calculation {
  std::string id;
  text title, staff_text, citizen_text;
  int32_t formula = -1;  // program
  std::optional<int> decimals;
  std::string unit;
  bool citizen_visible = false;
  std::vector<link> links;
};

struct band_range {
  std::string code;
  double min = 0, max = 0;  // inclusive
  text label;
};

struct band_table {
  std::string id, version, source;
  std::vector<band_range> ranges;          // without by_sex
  std::vector<band_range> female, male;    // with by_sex
  bool by_sex = false;
  int32_t sex = -1;                        // program giving 'female' or 'male'
  // The ranges a score's band index points into: `ranges`, or by sex those of the sex the evaluation
  // found (score_result::sexes: 1 female, 2 male).
  const std::vector<band_range>& ranges_for(uint8_t found_sex) const {
    return !by_sex ? ranges : found_sex == 1 ? female : male;
  }
};

enum class missing_policy : uint8_t { all_required, prorate, zero, not_scorable };

struct score {
  std::string id;
  text title;
  std::vector<uint32_t> items;    // item indexes
  std::vector<uint8_t> reversed;  // parallel to items: 1 when reverse-scored
  missing_policy missing = missing_policy::all_required;
  uint32_t max_missing = 0;       // prorate
  int decimals = 0;
  coding code;
  std::vector<band_table> bands;
};

enum class alert_severity : uint8_t { info, warning, critical };
std::string_view alert_severity_name(alert_severity s) noexcept;

struct alert {
  std::string id;
  int32_t when = -1;  // program
  alert_severity severity = alert_severity::warning;
  text message;
};

struct axis_level {
  std::string code, color;
  std::optional<double> min, max;  // a numeric range, inclusive
  std::vector<std::string> values; // or text values
  text label;
};

struct axis {
  std::string id;
  text title;
  int32_t value = -1;  // program
  std::vector<axis_level> levels;  // best first
};

struct profile {
  std::string id;
  text title;
  std::vector<axis> axes;
};

// Open-addressing index from item id to item index; stores indexes only, so a form can move.
class id_index {
 public:
  void build(const std::vector<item>& items);
  int32_t find(const std::vector<item>& items, std::string_view id) const noexcept;

 private:
  std::vector<uint32_t> slots_;  // item index + 1; 0 is empty
  uint32_t mask_ = 0;
};

struct form {
  int format = kFormatVersion;
  std::string id;
  int64_t version = 1;
  std::vector<std::string> languages;  // first: the default language
  text title, description;
  std::string instrument;
  coding code;
  std::vector<choice_set> choice_sets;
  std::vector<page> pages;
  std::vector<item> items;
  std::vector<uint32_t> measurements;  // item indexes of the staff's measurements
  std::vector<pattern> patterns;
  std::vector<program> programs;       // every compiled expression, referred to by index
  std::vector<rule_check> rules;
  std::vector<calculation> calculations;
  std::vector<score> scores;
  std::vector<alert> alerts;
  std::vector<profile> profiles;
  std::shared_ptr<const struct logic_graph> graph;  // dependencies, in evaluation order (logic.h)

  const std::string& default_language() const noexcept { return languages.front(); }
  bool has_language(std::string_view lang) const noexcept;
  // Index of the item with this id, or -1.
  int32_t find_item(std::string_view item_id) const noexcept { return index_.find(items, item_id); }
  const choice_set* choices_of(const item& it) const noexcept {
    return it.choices < 0 ? nullptr : &choice_sets[static_cast<size_t>(it.choices)];
  }

  id_index index_;  // built by load_form()
};

struct load_options {
  size_t max_bytes = size_t{8} << 20;
  uint32_t max_depth = 64;
  uint32_t max_items = 5000;
  size_t max_string = 65536;
  uint32_t max_choices = 1000;
  size_t max_diagnostics = 1000;  // more are counted in one input.too_many_problems
};

struct form_load {
  std::optional<form> value;              // present when there is no error
  std::vector<diagnostic> diagnostics;    // sorted by line and column
  bool ok() const noexcept { return value.has_value(); }
};

// Loads forms with one reusable parser (its buffers grow to the largest form seen). Not thread-safe:
// use one per thread.
class form_loader {
 public:
  form_loader();
  ~form_loader();
  form_loader(form_loader&&) noexcept;
  form_loader& operator=(form_loader&&) noexcept;
  form_load load(std::string_view json, const load_options& options = {});

 private:
  std::unique_ptr<struct form_loader_impl> impl_;
};

// Loads one form with a loader of its own.
form_load load_form(std::string_view json, const load_options& options = {});

}  // namespace blankett
