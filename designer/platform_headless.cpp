// The headless platform: Dear ImGui frames without a window, for tests of the panels.
#include <imgui.h>

#include <cstdio>

#include "platform.h"

namespace blankett::designer {

void setup_fonts() {
  static const ImWchar ranges[] = {0x0020, 0x017F, 0x2010, 0x2027, 0x2030, 0x205E, 0x2190, 0x2193, 0x2212, 0x2212, 0x2264, 0x2265, 0};
  const char* path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  if (FILE* f = std::fopen(path, "rb")) {
    std::fclose(f);
    ImGui::GetIO().Fonts->AddFontFromFileTTF(path, 15.0f, nullptr, ranges);
  }
}

namespace {

class headless final : public platform {
 public:
  headless(int w, int h) : w_(static_cast<float>(w)), h_(static_cast<float>(h)) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(w_, h_);
    setup_fonts();
    unsigned char* pixels = nullptr;
    int pw = 0, ph = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &pw, &ph);  // the font atlas must exist before a frame
  }
  ~headless() override { ImGui::DestroyContext(); }
  bool begin_frame() override {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    return true;
  }
  void end_frame() override { ImGui::Render(); }
  float width() const override { return w_; }
  float height() const override { return h_; }
  bool screenshot(const std::string&) override { return false; }

 private:
  float w_, h_;
};

}  // namespace

std::unique_ptr<platform> make_headless_platform(int width, int height) { return std::make_unique<headless>(width, height); }

}  // namespace blankett::designer
