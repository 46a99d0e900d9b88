// The diagnostics panel: every problem the core finds in the current version, at its line:column;
// a click selects the item it is about (or the form, for its logic) and brings the field into view.
#include <imgui.h>

#include "blankett/messages.h"
#include "panels.h"

namespace blankett::designer {

void draw_diagnostics(state& s, const layout& at) {
  ImGui::SetNextWindowPos(ImVec2(at.x, at.y));
  ImGui::SetNextWindowSize(ImVec2(at.w, at.h));
  const std::string title = "Problem (" + std::to_string(s.doc.diagnostics().size()) + ")###diagnostics";
  ImGui::Begin(title.c_str(), nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  if (s.doc.diagnostics().empty()) ImGui::TextColored(ImVec4(0.2f, 0.6f, 0.3f, 1), "Inga problem: formuläret laddas som servern kommer att ladda det.");
  int n = 0;
  for (const diagnostic& d : s.doc.diagnostics()) {
    const bool error = d.level == severity::error;
    ImGui::PushID(n++);
    ImGui::TextColored(error ? ImVec4(0.85f, 0.2f, 0.2f, 1) : ImVec4(0.8f, 0.6f, 0.1f, 1), "%s", error ? "fel" : "varning");
    ImGui::SameLine();
    const std::string line = std::to_string(d.line) + ":" + std::to_string(d.column) + "  " + diagnostic_text(d, s.language) + "  (" +
                             std::string(diag_name(d.code)) + " " + d.pointer + ")";
    if (ImGui::Selectable(line.c_str())) {
      // The item it is about, or the form for its logic; the property panel shows the field.
      s.selected = state::item_pointer(d.pointer);
      s.reveal = d.pointer;
    }
    ImGui::PopID();
  }
  ImGui::End();
}

}  // namespace blankett::designer
