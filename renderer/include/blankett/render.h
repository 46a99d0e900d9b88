// The render model: what the citizen sees of a form right now, and its writers.
//
// From a form and an evaluation of its answers the renderer says, for one language, which pages and
// questions are visible, how the visible questions are numbered, which are required, and the text of
// every issue (the form's custom message, else the message table). The same model is written as JSON
// for the browser, and the star profile as SVG. Front ends draw from this; they never re-derive
// visibility, numbering or messages themselves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "blankett/json_writer.h"
#include "blankett/logic.h"

namespace blankett {

struct render_options {
  std::string language;        // "" or a language the form lacks: the form's default language
  bool citizen = true;         // citizen view: only calculations marked citizen_visible; no scores
};

// The form's structure with its texts in the language, and its current state:
// {form: {id, version, title, description, language, languages},
//  pages: [{id, title, description, visible, items: [node]}],
//  calculations: [{id, title, text, unit, value | error}], routes: [{id, url, label}]}
// A node: {id, type, input, title, description, help, number, visible, required, issues: [{rule,
// key, text, row?}], and the attributes its type uses (choices, rows, columns, min, max, ...)};
// groups have items. docs/render-model.md describes every field.
void write_render_model(const form& f, const evaluation& ev, const render_options& o, json_writer& out);

// Only the state, for updating a page already drawn: {pages: {id: visible}, items: {id: {visible,
// required, number, issues}}, calculations: [...], routes: [...]}.
void write_render_state(const form& f, const evaluation& ev, const render_options& o, json_writer& out);
// The same state per item (by item index), for a front end in C++ that draws the form itself (the
// designer's preview): number (0 when none), visible, required, and the issue texts in the language.
struct item_state {
  int32_t number = 0;
  bool visible = false;
  bool required = false;
  std::vector<std::string> issues;
};
std::vector<item_state> render_item_states(const form& f, const evaluation& ev, const render_options& o);

// The form with its answers as a complete HTML document, for printing and the PDF export: the visible
// pages and questions, numbered, each with its answer in words; then the calculations (the citizen's
// or the staff's, as the options say). Every text is escaped.
std::string render_html(const form& f, const evaluation& ev, const render_options& o);

// The star profile `profile_index` of the current state as an SVG image: one spoke per axis, the
// level's colour and label; an axis without a level is grey and marked "–".
std::string render_profile_svg(const form& f, const evaluation& ev, size_t profile_index, std::string_view language);

}  // namespace blankett
