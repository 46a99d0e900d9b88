// The property panel, driven by the core's tables: the attributes that apply to the selected item's
// type, each edited by its kind (texts side by side in every language, with missing translations
// marked; booleans; expressions with the core's diagnostics at line:column; other values as JSON).
#include <imgui.h>

#include "blankett/messages.h"
#include "blankett/schema.h"
#include "panels.h"

namespace blankett::designer {
namespace {

const ImVec4 kMissing(0.85f, 0.2f, 0.2f, 1);

bool is_plain_string(attribute_kind k) {
  return k == attribute_kind::id || k == attribute_kind::string || k == attribute_kind::pattern || k == attribute_kind::enumeration;
}

void attribute_editor(state& s, const std::string& pointer, const json& node, const std::string& key, attribute_kind kind, bool required) {
  ImGui::PushID(key.c_str());
  const bool present = node.contains(key);
  ImGui::TextUnformatted(key.c_str());
  if (required) {
    ImGui::SameLine();
    ImGui::TextDisabled("(krävs)");
  } else if (present) {
    ImGui::SameLine();
    if (ImGui::SmallButton("ta bort")) s.apply(remove(pointer + "/" + key));
  }
  if (kind == attribute_kind::text) {
    text_fields(s, pointer + "/" + key, node.contains(key) ? node[key] : json::object());
  } else if (kind == attribute_kind::boolean) {
    bool v = present && node[key].is_boolean() && node[key].get<bool>();
    if (ImGui::Checkbox("##bool", &v)) s.apply(set_value(pointer + "/" + key, v));
  } else if (kind == attribute_kind::expression) {
    expression_field(s, pointer, node, key, !required);
    ImGui::PopID();
    return;  // expression_field lists the diagnostics
  } else if (is_plain_string(kind)) {
    string_field(s, "##string", pointer, node, key, -1, !required);
  } else if (kind == attribute_kind::choices && (!present || node[key].is_array() || node[key].is_string())) {
    choice_source(s, pointer, node, key);
  } else {
    // Numbers, bounds, choice-set ids, rows, help links, codes, messages: the value as JSON.
    std::string out;
    const bool big = kind == attribute_kind::choices || kind == attribute_kind::rows;
    const std::string current = present ? node[key].dump(big ? 1 : -1) : std::string();
    ImGui::SetNextItemWidth(-1);
    if (edit_text("##json", current, out, big)) {
      json parsed = json::parse(out, nullptr, false);
      if (out.empty() && !required) s.apply(remove(pointer + "/" + key));
      else if (parsed.is_discarded()) s.status = key + ": inte JSON";
      else s.apply(set_value(pointer + "/" + key, parsed));
    }
  }
  diagnostics_under(s, pointer + "/" + key);
  ImGui::PopID();
}

}  // namespace

void draw_properties(state& s, const layout& at) {
  ImGui::SetNextWindowPos(ImVec2(at.x, at.y));
  ImGui::SetNextWindowSize(ImVec2(at.w, at.h));
  ImGui::Begin("Egenskaper", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const json& form = s.doc.definition();
  if (s.selected == "/measurements") {
    ImGui::TextUnformatted("Mätvärden");
    ImGui::TextWrapped("Värden som personalen fyller i vid uppföljningen (vikt, längd, blodtryck, provsvar). "
                       "De skrivs som frågor och används i uttryck som andra svar. Välj en typ och tryck Ny fråga "
                       "för att lägga till ett mätvärde.");
    ImGui::End();
    return;
  }
  const json::json_pointer p(s.selected.empty() ? "" : s.selected);
  if (!form.contains(p)) {
    s.selected.clear();
    ImGui::End();
    return;
  }
  const json& node = form.at(p);
  if (s.selected.empty()) {
    ImGui::Text("Formulär");
    attribute_editor(s, "", node, "id", attribute_kind::id, true);
    attribute_editor(s, "", node, "version", attribute_kind::count, true);
    attribute_editor(s, "", node, "title", attribute_kind::text, true);
    attribute_editor(s, "", node, "description", attribute_kind::text, false);
    attribute_editor(s, "", node, "languages", attribute_kind::media_types, true);  // a JSON list
    attribute_editor(s, "", node, "instrument", attribute_kind::string, false);
    // The form's shared alternatives and logic (docs/form-format.md), each in an editor of its own;
    // measurements (and everything else, for whoever prefers it) as JSON.
    // A section opens by itself when the form has something in it.
    auto open_if = [&](const char* key) {
      if (revealing(s, std::string("/") + key)) ImGui::SetNextItemOpen(true);
      return node.contains(key) && !node[key].empty() ? ImGuiTreeNodeFlags_DefaultOpen : 0;
    };
    if (ImGui::CollapsingHeader("Gemensamma svarsalternativ", open_if("choice_sets"))) draw_choice_sets_editor(s);
    if (ImGui::CollapsingHeader("Regler mellan frågor", open_if("rules"))) draw_rules_editor(s);
    if (ImGui::CollapsingHeader("Beräkningar", open_if("calculations"))) draw_calculations_editor(s);
    if (ImGui::CollapsingHeader("Poängsummor och nivåer", open_if("scores"))) draw_scores_editor(s);
    if (ImGui::CollapsingHeader("Larm", open_if("alerts"))) draw_alerts_editor(s);
    if (ImGui::CollapsingHeader("Stjärnprofiler", open_if("profiles"))) draw_profiles_editor(s);
    if (revealing(s, "/measurements")) ImGui::SetNextItemOpen(true);
    if (ImGui::CollapsingHeader("Som JSON")) {
      for (const char* key : {"choice_sets", "measurements", "rules", "calculations", "scores", "alerts", "profiles"})
        attribute_editor(s, "", node, key, attribute_kind::rows, false);
    }
  } else if (s.selected.rfind('/') == std::string("/pages").size()) {
    ImGui::Text("Sida %s", node.value("id", std::string()).c_str());
    attribute_editor(s, s.selected, node, "id", attribute_kind::id, true);
    attribute_editor(s, s.selected, node, "title", attribute_kind::text, false);
    attribute_editor(s, s.selected, node, "description", attribute_kind::text, false);
    attribute_editor(s, s.selected, node, "visible_if", attribute_kind::expression, false);
    if (revealing(s, s.selected + "/next")) ImGui::SetNextItemOpen(true);
    if (ImGui::CollapsingHeader("Vägval efter sidan (next)", ImGuiTreeNodeFlags_DefaultOpen)) draw_routing_editor(s, s.selected);
  } else {
    item_type t = item_type::text;
    const std::string type = node.value("type", std::string());
    if (!find_item_type(type, t)) {
      ImGui::TextColored(kMissing, "Okänd typ: %s", type.c_str());
      attribute_editor(s, s.selected, node, "type", attribute_kind::type_name, true);
    } else {
      ImGui::Text("%s  (%s)", node.value("id", std::string()).c_str(), type.c_str());
      ImGui::TextDisabled("%s", std::string(type_info(t).summary).c_str());
      ImGui::Separator();
      // Every attribute of the type, in the table's order: the UI has no per-type code.
      for (const attribute_info& a : attributes()) {
        if (a.attr == attribute::type || a.attr == attribute::items || !applies(t, a.attr)) continue;
        attribute_editor(s, s.selected, node, std::string(a.name), a.kind, a.attr == attribute::id || required_for(t, a.attr));
      }
      // The dependency view: what this question's conditions read, and what reads this question.
      const blankett::form* f = s.doc.loaded();
      const int32_t index = f ? f->find_item(node.value("id", std::string())) : -1;
      if (index >= 0 && ImGui::CollapsingHeader("Beroenden", ImGuiTreeNodeFlags_DefaultOpen)) {
        const auto reads = reads_of(*f, static_cast<uint32_t>(index));
        const auto readers = readers_of(*f, static_cast<uint32_t>(index));
        ImGui::TextDisabled("Läser:");
        if (reads.empty()) ImGui::BulletText("–");
        for (const auto& r : reads) {
          ImGui::Bullet();
          if (ImGui::SmallButton(r.c_str())) s.selected = s.pointer_of(r).empty() ? s.selected : s.pointer_of(r);
        }
        ImGui::TextDisabled("Läses av:");
        if (readers.empty()) ImGui::BulletText("–");
        for (const auto& r : readers) ImGui::BulletText("%s", r.c_str());
      }
    }
  }
  s.reveal.clear();  // shown this frame, or not in this panel
  ImGui::End();
}

}  // namespace blankett::designer
