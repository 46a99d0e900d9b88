// The frame: the menu bar, the four panels side by side (structure, properties, test; diagnostics
// below) and the status line, with the keyboard shortcuts.
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <map>

#include "panels.h"

namespace blankett::designer {

bool edit_text(const char* label, const std::string& current, std::string& out, bool multiline, std::string* typing) {
  static std::map<ImGuiID, std::string> buffers;
  const ImGuiID id = ImGui::GetID(label);
  std::string& b = buffers[id];
  if (ImGui::GetActiveID() != id) b = current;
  if (multiline) ImGui::InputTextMultiline(label, &b, ImVec2(-1, ImGui::GetTextLineHeight() * 5));
  else ImGui::InputText(label, &b);
  if (typing) *typing = ImGui::IsItemActive() && b != current ? b : std::string();
  if (ImGui::IsItemDeactivatedAfterEdit() && b != current) {
    out = b;
    return true;
  }
  return false;
}

void shortcut(state& s, char key) {
  // In a text field, Ctrl+Z and Ctrl+Y belong to the field (Dear ImGui's own undo of the typing).
  const bool typing = ImGui::GetIO().WantTextInput;
  switch (key) {
    case 's':
      if (!s.doc.path().empty()) s.save("");
      else s.status = "Spara som … under Arkiv: formuläret har inget filnamn än";
      break;
    case 'o': s.ask_open = true; break;
    case 'z':
      if (!typing) s.undo();
      break;
    case 'y':
      if (!typing) s.redo();
      break;
    default: break;
  }
}

void draw_frame(state& s, float width, float height, bool& quit) {
  draw_menu(s, quit);
  const float top = ImGui::GetFrameHeight();
  const float status = ImGui::GetFrameHeight() + 4;
  const float body = height - top - status;
  const float lower = body * 0.26f;
  const float upper = body - lower;
  draw_structure(s, {0, top, width * 0.24f, upper});
  draw_properties(s, {width * 0.24f, top, width * 0.40f, upper});
  draw_test(s, {width * 0.64f, top, width * 0.36f, body});
  draw_diagnostics(s, {0, top + upper, width * 0.64f, lower});
  draw_server(s);
  ImGui::SetNextWindowPos(ImVec2(0, height - status));
  ImGui::SetNextWindowSize(ImVec2(width, status));
  ImGui::Begin("##status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  const std::string file = s.doc.path().empty() ? "(ny fil)" : s.doc.path();
  ImGui::Text("%s%s  |  %zu fel  |  %s", file.c_str(), s.doc.dirty() ? " *" : "", s.doc.errors(), s.status.c_str());
  ImGui::End();
}

}  // namespace blankett::designer
