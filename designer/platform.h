// The platform under the designer: a window with an OpenGL context (SDL2), or none at all (headless,
// for tests). The panels only see Dear ImGui; this is the one place that knows about SDL and OpenGL.
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace blankett::designer {

class platform {
 public:
  virtual ~platform() = default;
  // Starts a frame (events in); false when the window was asked to close.
  virtual bool begin_frame() = 0;
  // Ends the frame (drawn and shown).
  virtual void end_frame() = 0;
  // A shortcut pressed since the last call: 's' for Ctrl+S, 'o' for Ctrl+O, 'z' for Ctrl+Z, 'y' for
  // Ctrl+Y or Ctrl+Shift+Z, 0 for none. The platform reads them from its own events: Dear ImGui 1.86
  // polls key states once a frame and misses a press and release that fall within one frame.
  virtual char take_shortcut() { return 0; }
  // The window's title (the form's file name and whether it has unsaved changes).
  virtual void set_title(const std::string&) {}
  virtual float width() const = 0;
  virtual float height() const = 0;
  // Writes the next frame drawn as a binary PPM image to `path`; false when there is no picture
  // (headless). Whether the file was written shows after that frame: screenshot_error().
  virtual bool screenshot(const std::string& path) = 0;
  virtual std::string screenshot_error() const { return {}; }
  // Whether the window has the keyboard (what xdotool types goes to it); for the test hook.
  virtual bool has_focus() const { return true; }
  // `last_words` runs if the connection to the display is lost (the X server died or dropped the
  // designer): the platform then says so on stderr, calls it (to keep unsaved work) and ends the
  // process with status 1, at once, from inside the platform call that found out.
  virtual void on_display_lost(std::function<void()> last_words) { (void)last_words; }
};

// Loads DejaVu Sans (Debian's fonts-dejavu-core) with Latin and the punctuation forms use (– … ≥),
// or keeps Dear ImGui's built-in font when it is not there. After ImGui::CreateContext().
void setup_fonts();

// SDL2 with OpenGL 3; null (with `error`) when no display is available. SDL's drivers without a
// display (offscreen, dummy) count as none: SDL falls back to them when it cannot reach the X server,
// and a designer without a window would run unseen until it is killed.
std::unique_ptr<platform> make_sdl_platform(int width, int height, std::string& error);
// Dear ImGui without a window: frames are laid out, not drawn.
std::unique_ptr<platform> make_headless_platform(int width, int height);

}  // namespace blankett::designer
