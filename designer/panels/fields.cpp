// The fields the editors share: texts in every language, expressions checked as they are typed, numbers
// and strings that an empty field removes, the core's diagnostics under a value, and tables of ranges
// (score bands and star-profile levels). Every change is a command (document.h).
#include <imgui.h>

#include <cstdio>
#include <functional>
#include <string>

#include "blankett/messages.h"
#include "panels.h"

namespace blankett::designer {

namespace {
const ImVec4 kProblem(0.85f, 0.2f, 0.2f, 1);
const ImVec4 kFine(0.2f, 0.6f, 0.3f, 1);

std::string at_key(const std::string& pointer, const std::string& key) { return pointer + "/" + key; }
}  // namespace

void text_fields(state& s, const std::string& pointer, const json& value, float width) {
  const json languages = s.doc.definition().value("languages", json::array({"sv", "en"}));
  const float each = width > 0 ? width
                               : (ImGui::GetContentRegionAvail().x - 40 * static_cast<float>(languages.size())) /
                                     static_cast<float>(std::max<size_t>(languages.size(), 1));
  bool first = true;
  for (const auto& l : languages) {
    const std::string lang = l.get<std::string>();
    if (!first) ImGui::SameLine();
    first = false;
    const bool has = value.is_object() && value.contains(lang) && value[lang].is_string() && !value[lang].get<std::string>().empty();
    ImGui::SetNextItemWidth(each);
    if (!has) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(1.0f, 0.85f, 0.85f, 1));  // a missing translation
    std::string out;
    const bool done = edit_text(("##" + pointer + lang).c_str(), has ? value[lang].get<std::string>() : std::string(), out);
    if (!has) ImGui::PopStyleColor();
    ImGui::SameLine();
    if (has) ImGui::TextDisabled("%s", lang.c_str());
    else ImGui::TextColored(kProblem, "%s", lang.c_str());
    if (done) {
      if (value.is_object()) s.apply(set_value(at_key(pointer, lang), out));
      else s.apply(set_value(pointer, json{{lang, out}}));
    }
  }
}

bool expression_field(state& s, const std::string& pointer, const json& owner, const std::string& key, bool optional) {
  const std::string where = at_key(pointer, key);
  const std::string current = owner.contains(key) && owner[key].is_string() ? owner[key].get<std::string>() : std::string();
  std::string out, typing;
  ImGui::SetNextItemWidth(-1);
  bool changed = false;
  if (edit_text(("##" + where).c_str(), current, out, false, &typing)) {
    if (out.empty() && optional) changed = s.apply(remove(where));
    else changed = s.apply(set_value(where, out));
  }
  if (!typing.empty()) {
    // Checked as it is typed: the form with the typed text, loaded by the core. One field is typed in
    // at a time, so one remembered check serves them all.
    static std::string checked_text, checked_pointer;
    static std::vector<std::string> live;
    if (typing != checked_text || where != checked_pointer) {
      checked_text = typing;
      checked_pointer = where;
      live.clear();
      for (const diagnostic& d : s.doc.check_trial(where, typing))
        live.push_back(diagnostic_text(d, s.language) + " (" + std::string(diag_name(d.code)) + ")");
    }
    if (live.empty()) ImGui::TextColored(kFine, "Uttrycket går att kompilera");
    for (const auto& l : live) ImGui::TextColored(kProblem, "%s", l.c_str());
  } else {
    diagnostics_under(s, where);  // the committed text's (while typing they would only repeat the old text's)
  }
  return changed;
}

void number_field(state& s, const char* label, const std::string& pointer, const json& owner, const std::string& key, float width) {
  std::string out;
  ImGui::SetNextItemWidth(width);
  if (edit_text(label, owner.contains(key) ? owner[key].dump() : std::string(), out)) {
    const json n = json::parse(out, nullptr, false);
    if (out.empty()) {
      if (owner.contains(key)) s.apply(remove(at_key(pointer, key)));
    } else if (n.is_number()) {
      s.apply(set_value(at_key(pointer, key), n));
    } else {
      s.status = key + ": skriv ett tal (" + out + " är inget tal)";
    }
  }
}

void string_field(state& s, const char* label, const std::string& pointer, const json& owner, const std::string& key, float width,
                  bool optional) {
  std::string out;
  ImGui::SetNextItemWidth(width);
  const std::string current = owner.contains(key) && owner[key].is_string() ? owner[key].get<std::string>() : std::string();
  if (edit_text(label, current, out)) {
    if (out.empty() && optional) {
      if (owner.contains(key)) s.apply(remove(at_key(pointer, key)));
    } else {
      s.apply(set_value(at_key(pointer, key), out));
    }
  }
}

std::string comma_text(const json& list) {
  std::string text;
  for (const auto& v : list)
    if (v.is_string()) text += (text.empty() ? "" : ", ") + v.get<std::string>();
  return text;
}

json comma_list(const std::string& text) {
  json list = json::array();
  for (size_t from = 0; from <= text.size();) {
    size_t comma = text.find(',', from);
    if (comma == std::string::npos) comma = text.size();
    std::string v = text.substr(from, comma - from);
    v.erase(0, v.find_first_not_of(' '));
    v.erase(v.find_last_not_of(' ') + 1);
    if (!v.empty()) list.push_back(v);
    from = comma + 1;
  }
  return list;
}

bool entry_head(state& s, const std::string& at, const json& entry, const char* remove_label, const std::function<void()>& between) {
  ImGui::Separator();
  string_field(s, "id", at, entry, "id", 120, false);
  if (between) {
    ImGui::SameLine();
    between();
  }
  ImGui::SameLine();
  if (!ImGui::SmallButton(remove_label)) return true;
  s.apply(remove(at));
  return false;
}

void same_line_if_fits(float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right) ImGui::SameLine();
}

float check_width(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

void diagnostics_under(state& s, const std::string& pointer) {
  for (const diagnostic& d : s.doc.diagnostics())
    if (d.pointer == pointer || d.pointer.starts_with(pointer + "/")) {
      ImGui::TextColored(kProblem, "%d:%d %s", static_cast<int>(d.line), static_cast<int>(d.column), diagnostic_text(d, s.language).c_str());
      if (d.pointer == s.reveal) {
        ImGui::SetScrollHereY(0.5f);
        s.reveal.clear();
      }
    }
}

bool revealing(const state& s, const std::string& pointer) { return !s.reveal.empty() && (s.reveal == pointer || s.reveal.starts_with(pointer + "/")); }

void choices_table(state& s, const std::string& pointer, const json& list) {
  const json languages = s.doc.definition().value("languages", json::array({"sv", "en"}));
  const int columns = 4 + static_cast<int>(languages.size());
  ImGui::PushID(pointer.c_str());
  if (ImGui::BeginTable("alternatives", columns, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("värde");
    for (const auto& l : languages) ImGui::TableSetupColumn(("text " + l.get<std::string>()).c_str());
    ImGui::TableSetupColumn("poäng");
    ImGui::TableSetupColumn("kod");
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 24);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < list.size(); ++i) {
      const json& c = list[i];
      const std::string at = pointer + "/" + std::to_string(i);
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      std::string out;
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      if (edit_text("##value", c.value("value", std::string()), out)) s.apply(set_value(at + "/value", out));
      for (const auto& l : languages) {
        const std::string lang = l.get<std::string>();
        ImGui::TableNextColumn();
        const bool has = c.contains("label") && c["label"].is_object() && c["label"].contains(lang);
        ImGui::SetNextItemWidth(-1);
        if (!has) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(1.0f, 0.85f, 0.85f, 1));
        if (edit_text(("##label" + lang).c_str(), has ? c["label"][lang].get<std::string>() : std::string(), out))
          s.apply(set_value(at + "/label/" + lang, out));
        if (!has) ImGui::PopStyleColor();
      }
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      number_field(s, "##points", at, c, "points", -1);
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      if (edit_text("##code", c.contains("code") ? c["code"].dump() : std::string(), out)) {
        const json n = json::parse(out, nullptr, false);
        if (out.empty()) s.apply(remove(at + "/code"));
        else if (!n.is_discarded()) s.apply(set_value(at + "/code", n));
        else s.status = "kod: {\"system\": ..., \"code\": ...}";
      }
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("x")) s.apply(remove(at));
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (ImGui::SmallButton("+ alternativ")) {
    json alt = {{"value", std::to_string(list.size())}, {"label", json::object()}};
    for (const auto& l : languages) alt["label"][l.get<std::string>()] = l.get<std::string>() == "en" ? "Alternative" : "Alternativ";
    s.apply(set_value(pointer + "/" + std::to_string(list.size()), alt));
  }
  ImGui::PopID();
}

void choice_source(state& s, const std::string& pointer, const json& item, const std::string& key) {
  const json& def = s.doc.definition();
  const std::string at = pointer + "/" + key;
  const json none = json::array();
  const json& choices = item.contains(key) ? item[key] : none;
  // Its own alternatives, or one of the form's shared lists (choice_sets) by id.
  std::string shown = choices.is_string() ? "gemensam lista: " + choices.get<std::string>() : "egna alternativ";
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo(("##source" + key).c_str(), shown.c_str())) {
    if (ImGui::Selectable("egna alternativ", choices.is_array()) && choices.is_string()) {
      // A copy of the shared list to change for this question only.
      for (const auto& set : def.value("choice_sets", json::array()))
        if (set.value("id", std::string()) == choices.get<std::string>()) s.apply(set_value(at, set.value("choices", json::array())));
    }
    for (const auto& set : def.value("choice_sets", json::array())) {
      const std::string id = set.value("id", std::string());
      if (ImGui::Selectable(("gemensam lista: " + id).c_str(), choices.is_string() && choices.get<std::string>() == id)) s.apply(set_value(at, id));
    }
    ImGui::EndCombo();
  }
  if (choices.is_array()) choices_table(s, at, choices);
}


void ranges_table(state& s, const std::string& pointer, const json& ranges, range_columns columns) {
  const bool levels = columns == range_columns::levels;
  ImGui::PushID(pointer.c_str());
  if (ImGui::BeginTable("ranges", levels ? 7 : 5, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("kod");
    ImGui::TableSetupColumn("min");
    ImGui::TableSetupColumn("max");
    if (levels) {
      ImGui::TableSetupColumn("värden");
      ImGui::TableSetupColumn("färg");
    }
    ImGui::TableSetupColumn("text", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 20);
    ImGui::TableHeadersRow();
    for (size_t r = 0; r < ranges.size(); ++r) {
      const json& row = ranges[r];
      const std::string at = pointer + "/" + std::to_string(r);
      ImGui::PushID(static_cast<int>(r));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      string_field(s, "##code", at, row, "code", -1, false);
      ImGui::TableNextColumn();
      number_field(s, "##min", at, row, "min", -1);
      ImGui::TableNextColumn();
      number_field(s, "##max", at, row, "max", -1);
      if (levels) {
        // Text values that put an answer on this level, separated by commas.
        ImGui::TableNextColumn();
        std::string out;
        ImGui::SetNextItemWidth(-1);
        if (edit_text("##values", comma_text(row.value("values", json::array())), out)) {
          const json values = comma_list(out);
          if (values.empty()) s.apply(remove(at + "/values"));
          else s.apply(set_value(at + "/values", values));
        }
        ImGui::TableNextColumn();
        const std::string colour = row.value("color", std::string());
        unsigned rgb = 0;
        if (colour.size() == 7 && colour[0] == '#' && std::sscanf(colour.c_str() + 1, "%06x", &rgb) == 1) {
          ImGui::ColorButton("##swatch", ImVec4(static_cast<float>((rgb >> 16) & 255) / 255, static_cast<float>((rgb >> 8) & 255) / 255,
                                                static_cast<float>(rgb & 255) / 255, 1),
                             ImGuiColorEditFlags_NoTooltip, ImVec2(ImGui::GetFrameHeight(), ImGui::GetFrameHeight()));
          ImGui::SameLine();
        }
        string_field(s, "##color", at, row, "color", -1, true);
      }
      ImGui::TableNextColumn();
      text_fields(s, at + "/label", row.value("label", json::object()), 0);
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("x")) s.apply(remove(at));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip(levels ? "Ta bort nivån" : "Ta bort intervallet");
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (ImGui::SmallButton(levels ? "+ nivå" : "+ intervall"))
    s.apply(append(pointer, levels ? new_level(s.doc.definition(), ranges) : new_band_range(s.doc.definition(), ranges)));
  diagnostics_under(s, pointer);
  ImGui::PopID();
}

}  // namespace blankett::designer
