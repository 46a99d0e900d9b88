// The designer's panels, one file each. Each draws one window of the frame and changes the state only
// through its commands (document.h), so that every edit is undoable and checked by the core.
#pragma once

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
// Inside the property panel, with the form selected.
void draw_scores_editor(state& s);
void draw_alerts_editor(state& s);

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
