// The calculations editor: id, title, formula (checked as it is typed), decimals, unit, whether the
// citizen sees it, the staff's and the citizen's texts, and follow-on links with their conditions.
#include <imgui.h>

#include "panels.h"

namespace blankett::designer {

void draw_calculations_editor(state& s) {
  const json& def = s.doc.definition();
  const json calculations = def.value("calculations", json::array());
  for (size_t i = 0; i < calculations.size(); ++i) {
    const json& c = calculations[i];
    const std::string at = "/calculations/" + std::to_string(i);
    ImGui::PushID(at.c_str());
    const auto decimals_and_unit = [&] {
      number_field(s, "decimaler", at, c, "decimals", 50);
      ImGui::SameLine();
      string_field(s, "enhet", at, c, "unit", 70, true);
    };
    if (!entry_head(s, at, c, "ta bort beräkningen", decimals_and_unit)) {
      ImGui::PopID();
      break;
    }
    text_fields(s, at + "/title", c.value("title", json::object()));
    ImGui::TextUnformatted("formel");
    expression_field(s, at, c, "formula", false);
    bool citizen = c.value("citizen_visible", false);
    if (ImGui::Checkbox("medborgaren ser värdet på kvittot", &citizen)) {
      if (citizen) s.apply(set_value(at + "/citizen_visible", true));
      else s.apply(remove(at + "/citizen_visible"));
    }
    for (const auto& [key, title] : {std::pair{"staff_text", "text för personal"}, std::pair{"citizen_text", "text för medborgaren"}}) {
      ImGui::TextUnformatted(title);
      if (c.contains(key)) {
        ImGui::SameLine();
        if (ImGui::SmallButton(("ta bort##" + std::string(key)).c_str())) s.apply(remove(at + "/" + key));
      }
      text_fields(s, at + "/" + key, c.value(key, json::object()));
    }
    // Follow-on links: offered to the citizen after submitting while their condition holds.
    const json links = c.value("links", json::array());
    if (revealing(s, at + "/links")) ImGui::SetNextItemOpen(true);
    if (ImGui::TreeNodeEx("Länkar", links.empty() ? 0 : ImGuiTreeNodeFlags_DefaultOpen)) {
      for (size_t l = 0; l < links.size(); ++l) {
        const std::string lat = at + "/links/" + std::to_string(l);
        ImGui::PushID(static_cast<int>(l));
        string_field(s, "id##link", lat, links[l], "id", 100, false);
        ImGui::SameLine();
        string_field(s, "adress", lat, links[l], "url", ImGui::GetContentRegionAvail().x - 110, false);
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) s.apply(remove(lat));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ta bort länken");
        ImGui::TextUnformatted("när");
        expression_field(s, lat, links[l], "when", false);
        text_fields(s, lat + "/label", links[l].value("label", json::object()));
        for (const char* key : {"id", "url", "label"}) diagnostics_under(s, lat + "/" + key);
        ImGui::PopID();
      }
      if (ImGui::SmallButton("+ länk")) s.apply(append(at + "/links", new_link(def)));
      ImGui::TreePop();
    }
    for (const char* key : {"id", "title", "decimals", "unit", "staff_text", "citizen_text"}) diagnostics_under(s, at + "/" + key);
    ImGui::PopID();
  }
  if (ImGui::SmallButton("+ beräkning")) s.apply(append("/calculations", new_calculation(def)));
}

}  // namespace blankett::designer
