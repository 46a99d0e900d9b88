// The designer's document: a form definition being edited, its commands, undo and redo, and the core's
// check of every version.
//
// The form is kept as ordered JSON (keys stay where the designer wrote them) and every edit is a
// command on it. After each command the whole definition is loaded by the core, exactly as the server
// will load it: the diagnostics and the loaded form (for the preview and the test panel) always match
// what the citizen and the server will see. Undo and redo keep whole versions: a form is small, and a
// snapshot can never drift from the edit that made it. Nothing here draws; the panels read it.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "blankett/form.h"

namespace blankett::designer {

using json = nlohmann::ordered_json;

// One edit: a name for the undo menu, and the change (false with `error` set when it cannot be made;
// the document is then left as it was).
struct command {
  std::string name;
  std::function<bool(json& form, std::string& error)> apply;
};

class document {
 public:
  document();

  // Replaces the document with `text` (a form definition). False with `error` when the text is not JSON
  // at all; a definition with problems opens, and its diagnostics are listed.
  bool open_text(const std::string& text, std::string& error);
  bool open_file(const std::string& path, std::string& error);
  // Writes the definition (two-space indentation) to `path`, or to the path it was opened from.
  bool save(const std::string& path, std::string& error);
  std::string text() const;

  // Applies `c`; the previous version goes onto the undo stack (which keeps the last kUndoSteps) and
  // the redo stack is cleared.
  bool apply(const command& c, std::string& error);
  static constexpr size_t kUndoSteps = 200;
  // The core's diagnostics at `pointer` if the value there were `value` (the document is left as it
  // is): an expression checked while it is being typed.
  std::vector<diagnostic> check_trial(const std::string& pointer, const json& value) const;
  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  bool undo();
  bool redo();
  const std::string& undo_name() const;  // "" when there is nothing to undo
  const std::string& redo_name() const;

  const json& definition() const { return json_; }
  const std::string& path() const { return path_; }
  bool dirty() const { return dirty_; }

  // The core's view of the current version.
  const std::vector<diagnostic>& diagnostics() const { return diagnostics_; }
  const form* loaded() const { return form_ ? &*form_ : nullptr; }
  size_t errors() const;

 private:
  struct version {
    json definition;
    std::string name;
  };
  void check();
  // Undo and redo: the version on top of `from` becomes the document; the document goes onto `to`.
  bool step(std::vector<version>& from, std::vector<version>& to);

  json json_;
  std::string path_;
  bool dirty_ = false;
  std::vector<version> undo_, redo_;
  std::vector<diagnostic> diagnostics_;
  std::optional<form> form_;
  form_loader loader_;
};

// ---- Commands ------------------------------------------------------------------------------------
// Items are addressed by JSON pointer ("/pages/0/items/3", "/pages/0/items/1/items/0").

// Sets the value at `pointer` (creating the key in its object when it is missing; in a list, an index
// one past the end or "-" appends).
command set_value(const std::string& pointer, json value);
// Removes the key or array element at `pointer`.
command remove(const std::string& pointer);
// A new question of `type` ("single_choice", ...) with the attributes its type requires, in every
// language of the form, inserted at `index` of the items array at `items_pointer` (-1: at the end).
// "/measurements" (the staff's measurements) is created with its first item.
command add_item(const std::string& items_pointer, int index, const std::string& type);
// A new page at the end.
command add_page();
// A copy of the item at `pointer` right after it, with new unique ids (its own and nested ones).
command duplicate_item(const std::string& pointer);
// Moves the element at `pointer` to `index` within the same array.
command move_item(const std::string& pointer, int index);
// Moves the item (question, text or group) at `from` into another page's or group's items at `index`
// (-1: at the end), keeping its id. A group cannot go into itself.
command move_to(const std::string& from, const std::string& to_list, int index);
// Where `pointer` points once the list element at `removed` is taken out (later elements of that list
// move up by one): for following an element or a list across a move.
std::string pointer_after_removal(const std::string& pointer, const std::string& removed);

// An id not yet used in the form: `stem` followed by the smallest free number ("q11").
std::string fresh_id(const json& form, const std::string& stem);
// Every id in the form (pages, items, choice sets, calculations, scores, ...).
std::vector<std::string> ids_of(const json& form);
// A new, empty form: one page with one display item, in Swedish and English.
std::string new_form_text(const std::string& id);
// A text in every language of the form (Swedish for languages other than sv and en).
json text_in_every_language(const json& form, const std::string& sv, const std::string& en);

// ---- The form's logic -----------------------------------------------------------------------------
// The structured editors add these; each new piece loads without errors (a condition that is never true,
// a formula of 0) until the designer writes the real one.

// Appends `value` to the list at `list_pointer`, creating the list when its object has none yet.
command append(const std::string& list_pointer, json value);
// A routing rule for a page's `next`: {"when": "false", "page": "end"}.
json new_route();
json new_calculation(const json& form);
// A shared list of answer alternatives (a choice set) with two alternatives to start from.
json new_choice_set(const json& form);
// A cross-field rule that never fails until its check is written, its issue on the form's first question.
json new_rule(const json& form);
// A score that counts no questions yet; an alert that never fires until its condition is written.
json new_score(const json& form);
json new_alert(const json& form);
// A follow-on link of a calculation.
json new_link(const json& form);
// A score's band table, with one range (by sex: the same range for women and men).
json new_band_table(const json& form, bool by_sex);
// The next range of a band table: from one above the last range's max.
json new_band_range(const json& form, const json& ranges);
// Turns the band table at `table_pointer` into one with ranges by sex (both sexes start from its
// ranges), or back into one for everyone (the women's ranges are kept).
command bands_by_sex(const std::string& table_pointer, bool by_sex);
// A star profile with one axis; an axis with one level; the next level (green, yellow, then red).
json new_profile(const json& form);
json new_axis(const json& form);
json new_level(const json& form, const json& levels);

}  // namespace blankett::designer
