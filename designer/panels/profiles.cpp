// The star-profile editor: profiles, their axes (title, the value as an expression checked as it is
// typed) and each axis's levels from the best to the worst (range or text values, colour, label).
#include <imgui.h>

#include "panels.h"

namespace blankett::designer {

void draw_profiles_editor(state& s) {
  const json& def = s.doc.definition();
  const json profiles = def.value("profiles", json::array());
  for (size_t i = 0; i < profiles.size(); ++i) {
    const json& pr = profiles[i];
    const std::string at = "/profiles/" + std::to_string(i);
    ImGui::PushID(at.c_str());
    if (!entry_head(s, at, pr, "ta bort stjärnprofilen")) {
      ImGui::PopID();
      break;
    }
    text_fields(s, at + "/title", pr.value("title", json::object()));
    const json axes = pr.value("axes", json::array());
    for (size_t a = 0; a < axes.size(); ++a) {
      const json& ax = axes[a];
      const std::string aat = at + "/axes/" + std::to_string(a);
      ImGui::PushID(static_cast<int>(a));
      const std::string name = ax.value("id", std::string("?"));
      if (revealing(s, aat)) ImGui::SetNextItemOpen(true);
      if (ImGui::TreeNode("axis", "Axel %zu: %s", a + 1, name.c_str())) {
        string_field(s, "id##axis", aat, ax, "id", 120, false);
        ImGui::SameLine();
        if (ImGui::SmallButton("ta bort axeln")) s.apply(remove(aat));
        text_fields(s, aat + "/title", ax.value("title", json::object()));
        ImGui::TextUnformatted("värde (uttryck över svar, mätvärden, beräkningar eller poäng)");
        expression_field(s, aat, ax, "value", false);
        ImGui::TextDisabled("Nivåer från den bästa (yttersta) till den sämsta:");
        ranges_table(s, aat + "/levels", ax.value("levels", json::array()), range_columns::levels);
        for (const char* key : {"id", "title"}) diagnostics_under(s, aat + "/" + key);
        ImGui::TreePop();
      }
      ImGui::PopID();
    }
    if (ImGui::SmallButton("+ axel")) s.apply(append(at + "/axes", new_axis(def)));
    for (const char* key : {"id", "title"}) diagnostics_under(s, at + "/" + key);
    ImGui::PopID();
  }
  if (ImGui::SmallButton("+ stjärnprofil")) s.apply(append("/profiles", new_profile(def)));
}

}  // namespace blankett::designer
