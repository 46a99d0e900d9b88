// The test hook: after each frame, with --state-file FILE, the designer rewrites FILE with what that
// frame showed, so that a test driving the real window waits for a state ("the Open dialog has the
// keyboard", "Dear ImGui saw the button held at 70,206") instead of sleeping.
#pragma once

#include <string>

#include "platform.h"
#include "state.h"

namespace blankett::designer {

// One fact a line, "key value", in this order (docs/designer.md lists them):
//   frame N             frames drawn and shown so far (the first is 1)
//   title TEXT          the window's title
//   focus 0|1           whether the window has the keyboard
//   dialog NAME|-       the file dialog that is open: Öppna, Spara som, or - for none
//   dialog-typing 0|1   whether its path field has the keyboard
//   dialog-path TEXT    what is typed in it
//   mouse X Y up|down   where Dear ImGui saw the pointer this frame (- - when outside), and the left button
//   enter up|down       the Enter key as Dear ImGui saw it this frame (it reads keys once a frame)
//   drag TYPE POINTER|- what is being dragged: blankett-item or blankett-page and its JSON pointer
//   drop-target POINTER|-  the structure row the drag is over
//   selected POINTER    the selection ("" is the form itself)
//   dirty 0|1           unsaved changes
//   status TEXT         the status line
// After the frame has been drawn (Dear ImGui's input of that frame); texts end at the line's end.
std::string state_lines(const state& s, const platform& p, long frame, const std::string& title);

// Writes `text` to `path` through a temporary file renamed over it, so that a reader never sees half
// of it. False when it cannot be written.
bool write_state_file(const std::string& path, const std::string& text);

}  // namespace blankett::designer
