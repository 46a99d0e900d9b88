// The SDL2 + OpenGL 3 platform: the window, events, drawing through Dear ImGui's backends, and
// screenshots read back from the frame buffer; a designer whose display goes away says so and exits.
#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "platform.h"

// Last: Xlib's macros (None, Bool, Status, ...) would leak into the headers above.
#include <X11/Xlib.h>

namespace blankett::designer {
namespace {

// What runs when the X connection breaks (platform::on_display_lost). Xlib's handler is a plain
// function pointer, so this is the one process-wide hook.
std::function<void()>& last_words() {
  static std::function<void()> f;
  return f;
}

// Xlib calls this when the connection to the X server is lost, from whichever call found out (the
// event poll, the swap). Xlib exits by itself when a handler returns, without the unsaved work;
// this one keeps it first and ends the process at once: exit()'s destructors would run Mesa's and
// SDL's clean-up against a display that is gone, while Mesa's threads still run.
int display_lost(Display* display) {
  std::fprintf(stderr, "blankett-designer: lost the connection to the display %s\n", display ? DisplayString(display) : "");
  if (last_words()) last_words()();
  std::fflush(stderr);
  std::_Exit(1);
}

// SDL's video drivers that have no display: SDL takes them when X11 (and Wayland) cannot be reached.
bool displayless(const char* driver) {
  for (const char* d : {"offscreen", "dummy", "evdev"})
    if (std::strcmp(driver, d) == 0) return true;
  return false;
}

class sdl final : public platform {
 public:
  bool start(int w, int h, std::string& error) {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
      error = SDL_GetError();
      return false;
    }
    // When the X server cannot be reached (none, or one that refused the connection while it reset)
    // SDL quietly falls back to its offscreen driver: no window, no vsync, a frame as fast as the CPU
    // draws it, and nothing that ever notices a display going away. That is no display.
    const char* driver = SDL_GetCurrentVideoDriver();
    if (!driver || displayless(driver)) {
      error = std::string("SDL reached neither an X server nor Wayland and fell back to its ") + (driver ? driver : "null") +
              " driver";
      return false;
    }
    x11_ = std::strcmp(driver, "x11") == 0;
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    window_ = SDL_CreateWindow("Blankett formulärdesigner", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                               SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!window_) {
      error = SDL_GetError();
      return false;
    }
    context_ = SDL_GL_CreateContext(window_);
    if (!context_) {
      error = SDL_GetError();
      return false;
    }
    SDL_GL_MakeCurrent(window_, context_);
    SDL_GL_SetSwapInterval(1);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    setup_fonts();
    ImGui::StyleColorsLight();
    // Mesa's software renderer (llvmpipe) pays for every pixel and vertex: square corners and no
    // anti-aliased fills halve the vertices without changing what the designer reads.
    ImGuiStyle& style = ImGui::GetStyle();
    style.AntiAliasedFill = false;
    style.WindowRounding = 0;
    style.FrameRounding = 0;
    ImGui_ImplSDL2_InitForOpenGL(window_, context_);
    ImGui_ImplOpenGL3_Init("#version 130");
    // After SDL and Mesa have opened their connections: the handler is Xlib's, one per process.
    if (x11_) XSetIOErrorHandler(display_lost);
    return true;
  }
  ~sdl() override {
    if (context_) {
      ImGui_ImplOpenGL3_Shutdown();
      ImGui_ImplSDL2_Shutdown();
      ImGui::DestroyContext();
      SDL_GL_DeleteContext(context_);
    }
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
  }
  bool begin_frame() override {
    bool open = true;
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
      ImGui_ImplSDL2_ProcessEvent(&e);
      if (e.type == SDL_QUIT) open = false;
      if (e.type == SDL_KEYDOWN && (e.key.keysym.mod & KMOD_CTRL) != 0) {
        const bool shift = (e.key.keysym.mod & KMOD_SHIFT) != 0;
        switch (e.key.keysym.sym) {
          case SDLK_s: shortcut_ = 's'; break;
          case SDLK_o: shortcut_ = 'o'; break;
          case SDLK_z: shortcut_ = shift ? 'y' : 'z'; break;
          case SDLK_y: shortcut_ = 'y'; break;
          default: break;
        }
      }
      if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE && e.window.windowID == SDL_GetWindowID(window_))
        open = false;
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    return open;
  }
  void end_frame() override {
    ImGui::Render();
    const ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
    glClearColor(0.94f, 0.94f, 0.94f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!pending_.empty()) write_pixels();  // read back before the buffers swap
    SDL_GL_SwapWindow(window_);
  }
  char take_shortcut() override {
    const char c = shortcut_;
    shortcut_ = 0;
    return c;
  }
  void set_title(const std::string& title) override { SDL_SetWindowTitle(window_, title.c_str()); }
  float width() const override { return ImGui::GetIO().DisplaySize.x; }
  float height() const override { return ImGui::GetIO().DisplaySize.y; }
  bool screenshot(const std::string& path) override {
    pending_ = path;
    error_.clear();
    return true;
  }
  std::string screenshot_error() const override { return error_; }
  bool has_focus() const override { return (SDL_GetWindowFlags(window_) & SDL_WINDOW_INPUT_FOCUS) != 0; }
  void on_display_lost(std::function<void()> f) override { last_words() = std::move(f); }

 private:
  void write_pixels() {
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(window_, &w, &h);
    std::vector<unsigned char> pixels(static_cast<size_t>(w) * static_cast<size_t>(h) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    FILE* f = std::fopen(pending_.c_str(), "wb");
    if (!f) {
      error_ = "cannot write " + pending_;
    } else {
      std::fprintf(f, "P6\n%d %d\n255\n", w, h);
      // OpenGL's rows start at the bottom.
      for (int y = h - 1; y >= 0; --y) std::fwrite(pixels.data() + static_cast<size_t>(y) * static_cast<size_t>(w) * 3, 1, static_cast<size_t>(w) * 3, f);
      if (std::fclose(f) != 0) error_ = "cannot write " + pending_;
    }
    pending_.clear();
  }

  SDL_Window* window_ = nullptr;
  SDL_GLContext context_ = nullptr;
  std::string pending_, error_;
  char shortcut_ = 0;
  bool x11_ = false;
};

}  // namespace

std::unique_ptr<platform> make_sdl_platform(int width, int height, std::string& error) {
  auto p = std::make_unique<sdl>();
  if (!p->start(width, height, error)) return nullptr;
  return p;
}

}  // namespace blankett::designer
