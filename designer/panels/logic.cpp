// Structured editors for the form's scores (which questions, the missing-item policy, the bands) and
// alerts (condition, severity, message). Forms beyond what they show (bands by sex, reverse items) are
// edited as JSON in the property panel; every change still goes through the commands and the core.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "blankett/schema.h"
#include "panels.h"

namespace blankett::designer {
namespace {

json text_value(const state& s, const std::string& sv, const std::string& en) {
  json t = json::object();
  for (const auto& l : s.doc.definition().value("languages", json::array({"sv", "en"})))
    t[l.get<std::string>()] = l.get<std::string>() == "en" ? en : sv;
  return t;
}

// The ids of the questions a score can count: choices with points, and numbers.
std::vector<std::string> scorable(const form& f) {
  std::vector<std::string> out;
  for (const item& it : f.items) {
    if (it.staff) continue;
    const bool counts = it.type == item_type::single_choice || it.type == item_type::multiple_choice || it.type == item_type::matrix ||
                        it.type == item_type::integer || it.type == item_type::decimal || it.type == item_type::scale;
    if (counts) out.push_back(it.id);
  }
  return out;
}

void text_pair(state& s, const std::string& pointer, const json& value) {
  for (const auto& l : s.doc.definition().value("languages", json::array({"sv", "en"}))) {
    const std::string lang = l.get<std::string>();
    std::string out;
    const std::string current = value.is_object() && value.contains(lang) && value[lang].is_string() ? value[lang].get<std::string>() : "";
    ImGui::SetNextItemWidth(180);
    if (edit_text(("##" + pointer + lang).c_str(), current, out)) s.apply(set_value(pointer + "/" + lang, out));
    ImGui::SameLine();
    ImGui::TextDisabled("%s", lang.c_str());
    ImGui::SameLine();
  }
  ImGui::NewLine();
}

}  // namespace

void draw_scores_editor(state& s) {
  const json scores = s.doc.definition().value("scores", json::array());
  const form* f = s.doc.loaded();
  for (size_t i = 0; i < scores.size(); ++i) {
    const json& sc = scores[i];
    const std::string at = "/scores/" + std::to_string(i);
    ImGui::PushID(static_cast<int>(i));
    ImGui::Separator();
    std::string out;
    ImGui::SetNextItemWidth(120);
    if (edit_text("id", sc.value("id", std::string()), out)) s.apply(set_value(at + "/id", out));
    ImGui::SameLine();
    if (ImGui::SmallButton("ta bort poängsumman")) {
      s.apply(remove(at));
      ImGui::PopID();
      break;
    }
    text_pair(s, at + "/title", sc.value("title", json::object()));
    // Which questions it counts.
    if (f && ImGui::TreeNode("Frågor")) {
      const json items = sc.value("items", json::array());
      for (const auto& id : scorable(*f)) {
        bool in = std::find(items.begin(), items.end(), id) != items.end();
        if (ImGui::Checkbox(id.c_str(), &in)) {
          json next = json::array();
          for (const auto& other : scorable(*f))
            if (other == id ? in : std::find(items.begin(), items.end(), other) != items.end()) next.push_back(other);
          s.apply(set_value(at + "/items", next));
        }
        ImGui::SameLine();
      }
      ImGui::NewLine();
      ImGui::TreePop();
    }
    // Missing items.
    static const char* policies[] = {"all_required", "prorate", "zero", "not_scorable"};
    const std::string policy = sc.contains("missing") ? sc["missing"].value("policy", std::string("all_required")) : "all_required";
    ImGui::SetNextItemWidth(160);
    if (ImGui::BeginCombo("saknade svar", policy.c_str())) {
      for (const char* p : policies)
        if (ImGui::Selectable(p, policy == p)) {
          json missing = {{"policy", p}};
          if (std::string(p) == "prorate") missing["max_missing"] = 1;
          s.apply(set_value(at + "/missing", missing));
        }
      ImGui::EndCombo();
    }
    // Bands (the first table; tables by sex are edited as JSON).
    const json bands = sc.value("bands", json::array());
    if (!bands.empty() && bands[0].contains("by_sex")) {
      ImGui::TextDisabled("Nivåer efter kön: redigera som JSON under scores.");
    } else if (ImGui::TreeNodeEx("Nivåer", ImGuiTreeNodeFlags_DefaultOpen)) {
      if (bands.empty()) {
        if (ImGui::SmallButton("+ nivåtabell"))
          s.apply(set_value(at + "/bands", json::array({json{{"id", "niva"}, {"version", "1"}, {"ranges", json::array()}}})));
      } else {
        const std::string table = at + "/bands/0";
        ImGui::SetNextItemWidth(200);
        if (edit_text("version", bands[0].value("version", std::string()), out)) s.apply(set_value(table + "/version", out));
        const json ranges = bands[0].value("ranges", json::array());
        if (ImGui::BeginTable("ranges", 5, ImGuiTableFlags_Borders)) {
          ImGui::TableSetupColumn("kod");
          ImGui::TableSetupColumn("min");
          ImGui::TableSetupColumn("max");
          ImGui::TableSetupColumn("text");
          ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 24);
          ImGui::TableHeadersRow();
          for (size_t r = 0; r < ranges.size(); ++r) {
            const std::string rat = table + "/ranges/" + std::to_string(r);
            ImGui::PushID(static_cast<int>(r));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            if (edit_text("##code", ranges[r].value("code", std::string()), out)) s.apply(set_value(rat + "/code", out));
            for (const char* edge : {"min", "max"}) {
              ImGui::TableNextColumn();
              ImGui::SetNextItemWidth(-1);
              if (edit_text(edge, ranges[r].contains(edge) ? ranges[r][edge].dump() : "", out)) {
                const json n = json::parse(out, nullptr, false);
                if (n.is_number()) s.apply(set_value(rat + "/" + edge, n));
                else s.status = std::string(edge) + ": ett tal";
              }
            }
            ImGui::TableNextColumn();
            text_pair(s, rat + "/label", ranges[r].value("label", json::object()));
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("x")) s.apply(remove(rat));
            ImGui::PopID();
          }
          ImGui::EndTable();
        }
        if (ImGui::SmallButton("+ nivå")) {
          const double from = ranges.empty() ? 0 : ranges.back().value("max", 0.0) + 1;
          s.apply(set_value(table + "/ranges/-", json{{"code", "niva" + std::to_string(ranges.size() + 1)}, {"min", from}, {"max", from + 4},
                                                      {"label", text_value(s, "Nivå", "Level")}}));
        }
      }
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  if (ImGui::SmallButton("+ poängsumma")) {
    json sc = {{"id", fresh_id(s.doc.definition(), "summa")}, {"title", text_value(s, "Summa", "Total")}, {"items", json::array()}};
    if (!s.doc.definition().contains("scores")) s.apply(set_value("/scores", json::array({sc})));
    else s.apply(set_value("/scores/-", sc));
  }
}

void draw_alerts_editor(state& s) {
  const json alerts = s.doc.definition().value("alerts", json::array());
  for (size_t i = 0; i < alerts.size(); ++i) {
    const json& a = alerts[i];
    const std::string at = "/alerts/" + std::to_string(i);
    ImGui::PushID(static_cast<int>(i) + 1000);
    ImGui::Separator();
    std::string out;
    ImGui::SetNextItemWidth(120);
    if (edit_text("id", a.value("id", std::string()), out)) s.apply(set_value(at + "/id", out));
    ImGui::SameLine();
    static const char* severities[] = {"info", "warning", "critical"};
    const std::string severity = a.value("severity", std::string("warning"));
    ImGui::SetNextItemWidth(110);
    if (ImGui::BeginCombo("##severity", severity.c_str())) {
      for (const char* sv : severities)
        if (ImGui::Selectable(sv, severity == sv)) s.apply(set_value(at + "/severity", sv));
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("ta bort larmet")) {
      s.apply(remove(at));
      ImGui::PopID();
      break;
    }
    ImGui::SetNextItemWidth(-1);
    if (edit_text("##when", a.value("when", std::string()), out)) s.apply(set_value(at + "/when", out));
    text_pair(s, at + "/message", a.value("message", json::object()));
    for (const diagnostic& d : s.doc.diagnostics())
      if (d.pointer.rfind(at + "/", 0) == 0) ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.2f, 1), "%s", d.pointer.c_str());
    ImGui::PopID();
  }
  if (ImGui::SmallButton("+ larm")) {
    json a = {{"id", fresh_id(s.doc.definition(), "larm")}, {"when", "false"}, {"severity", "warning"}, {"message", text_value(s, "Larm", "Alert")}};
    if (!s.doc.definition().contains("alerts")) s.apply(set_value("/alerts", json::array({a})));
    else s.apply(set_value("/alerts/-", a));
  }
}

}  // namespace blankett::designer
