// Editors for the form's shared answer alternatives (choice sets: an id and the alternatives table) and
// its cross-field rules (the check, the questions that get the issue, the message).
#include <imgui.h>

#include "panels.h"

namespace blankett::designer {

void draw_choice_sets_editor(state& s) {
  const json& def = s.doc.definition();
  const json sets = def.value("choice_sets", json::array());
  ImGui::TextDisabled("Svarsalternativ som flera frågor använder (välj listan i frågans choices).");
  for (size_t i = 0; i < sets.size(); ++i) {
    const json& set = sets[i];
    const std::string at = "/choice_sets/" + std::to_string(i);
    ImGui::PushID(at.c_str());
    if (!entry_head(s, at, set, "ta bort listan")) {
      ImGui::PopID();
      break;
    }
    choices_table(s, at + "/choices", set.value("choices", json::array()));
    for (const char* key : {"id", "choices"}) diagnostics_under(s, at + "/" + key);
    ImGui::PopID();
  }
  if (ImGui::SmallButton("+ lista")) s.apply(append("/choice_sets", new_choice_set(def)));
}

void draw_rules_editor(state& s) {
  const json& def = s.doc.definition();
  const json rules = def.value("rules", json::array());
  ImGui::TextDisabled("Kontroller mellan frågor: när kontrollen är falsk får den första frågan meddelandet.");
  for (size_t i = 0; i < rules.size(); ++i) {
    const json& rule = rules[i];
    const std::string at = "/rules/" + std::to_string(i);
    ImGui::PushID(at.c_str());
    if (!entry_head(s, at, rule, "ta bort regeln")) {
      ImGui::PopID();
      break;
    }
    ImGui::TextUnformatted("kontroll (ska vara sann)");
    expression_field(s, at, rule, "check", false);
    // The questions, as ids separated by commas.
    std::string out;
    ImGui::SetNextItemWidth(-1);
    if (edit_text("##items", comma_text(rule.value("items", json::array())), out)) s.apply(set_value(at + "/items", comma_list(out)));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Frågornas id, med komma emellan; den första får meddelandet");
    text_fields(s, at + "/message", rule.value("message", json::object()));
    for (const char* key : {"id", "items", "message"}) diagnostics_under(s, at + "/" + key);
    ImGui::PopID();
  }
  if (ImGui::SmallButton("+ regel")) s.apply(append("/rules", new_rule(def)));
}

}  // namespace blankett::designer
