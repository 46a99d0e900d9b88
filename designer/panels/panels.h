// The designer's panels, one file each. Each draws one window of the frame and changes the state only
// through its commands (document.h), so that every edit is undoable and checked by the core.
#pragma once

#include <functional>

#include "state.h"

namespace blankett::designer {

struct layout {
  float x, y, w, h;
};

void draw_menu(state& s, bool& quit);
void draw_structure(state& s, const layout& at);
void draw_properties(state& s, const layout& at);
void draw_diagnostics(state& s, const layout& at);
void draw_test(state& s, const layout& at);
void draw_server(state& s);
// Inside the property panel: with the form selected, its scores and bands, alerts, calculations and
// star profiles; with a page selected, its routing (`next`).
void draw_scores_editor(state& s);
void draw_alerts_editor(state& s);
void draw_calculations_editor(state& s);
void draw_profiles_editor(state& s);
void draw_routing_editor(state& s, const std::string& page_pointer);
void draw_choice_sets_editor(state& s);
void draw_rules_editor(state& s);

// ---- Fields the editors share (fields.cpp) ---------------------------------------------------------
// The text at `pointer` in every language of the form, side by side, missing translations marked.
// `width` per language; 0 shares the line.
void text_fields(state& s, const std::string& pointer, const json& value, float width = 0);
// The expression `owner[key]` (at `pointer`/`key`), checked by the core as it is typed, with its
// diagnostics at line:column; `optional`: an empty field removes it. True when it was changed.
bool expression_field(state& s, const std::string& pointer, const json& owner, const std::string& key, bool optional);
// A number or a string `owner[key]`; an empty field removes an optional value.
void number_field(state& s, const char* label, const std::string& pointer, const json& owner, const std::string& key, float width);
void string_field(state& s, const char* label, const std::string& pointer, const json& owner, const std::string& key, float width,
                  bool optional);
// The head of one entry in a list of the form's logic (a score, an alert, a calculation, a choice set,
// ...): a separator, its id, what `between` draws on the same line, and a button that removes the entry.
// False when it was removed: the caller pops its ID and stops drawing the list for this frame.
bool entry_head(state& s, const std::string& at, const json& entry, const char* remove_label,
                const std::function<void()>& between = {});
// A list of texts shown and typed as one line, separated by commas ("never, daily"); blanks trimmed,
// empty entries dropped.
std::string comma_text(const json& list);
json comma_list(const std::string& text);
// Puts the next widget (`width` wide) beside the last one when it fits on the line, else below it: for
// rows of radio buttons and checkboxes. check_width: the width of a radio button or checkbox with `label`.
void same_line_if_fits(float width);
float check_width(const char* label);
// The core's diagnostics at `pointer` or inside it, at line:column; scrolls to the one in s.reveal.
void diagnostics_under(state& s, const std::string& pointer);
// Whether the diagnostic to reveal is at `pointer` or inside it (a section to open for it).
bool revealing(const state& s, const std::string& pointer);
// Answer alternatives as a table (value, text per language, points, code; rows added and removed), and
// where a question's alternatives (`key`: "choices", or a matrix's "columns") come from: its own (that
// table) or one of the form's choice sets.
void choices_table(state& s, const std::string& pointer, const json& list);
void choice_source(state& s, const std::string& pointer, const json& item, const std::string& key);
// A table of ranges at `pointer`: score bands ({code, min, max, label}) or star-profile levels (also
// `values` and `color`), with a row per range and a button for the next one.
enum class range_columns { bands, levels };
void ranges_table(state& s, const std::string& pointer, const json& ranges, range_columns columns);

// A keyboard shortcut from the platform (platform::take_shortcut): save, open, undo, redo.
void shortcut(state& s, char key);

// The whole frame: menu, the four panels laid out over `width` x `height`, the status line.
void draw_frame(state& s, float width, float height, bool& quit);

// An edit box over a value that lives in the document: shows `current` unless the designer is typing
// in it, and returns true with `out` once the edit is done (Enter or leaving the field).
// `typing`, when given, receives the text while the designer is typing in the field ("" otherwise).
bool edit_text(const char* label, const std::string& current, std::string& out, bool multiline = false,
               std::string* typing = nullptr);

}  // namespace blankett::designer
