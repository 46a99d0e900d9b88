// Structured editors for the form's scores (which questions, reverse items, the missing-item policy, the
// band tables, also by sex), alerts (condition, severity, message) and a page's routing (`next`). Every
// change goes through the commands, and the core checks it.
#include <imgui.h>

#include <algorithm>

#include "blankett/schema.h"
#include "panels.h"

namespace blankett::designer {
namespace {

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

bool listed(const json& list, const std::string& id) { return std::find(list.begin(), list.end(), id) != list.end(); }

// A checkbox per scorable question for the id list `key` of the score at `at` ("items" or "reverse"),
// kept in the form's order.
void id_checkboxes(state& s, const form& f, const std::string& at, const json& sc, const char* key) {
  const json list = sc.value(key, json::array());
  const auto ids = scorable(f);
  bool first = true;
  for (const auto& id : ids) {
    if (!first) same_line_if_fits(check_width(id.c_str()));
    first = false;
    bool in = listed(list, id);
    if (ImGui::Checkbox((id + "##" + key).c_str(), &in)) {
      json next = json::array();
      for (const auto& other : ids)
        if (other == id ? in : listed(list, other)) next.push_back(other);
      if (next.empty() && std::string(key) == "reverse") s.apply(remove(at + "/" + key));
      else s.apply(set_value(at + "/" + key, next));
    }
  }
}

void band_table_editor(state& s, const std::string& at, const json& table) {
  string_field(s, "id##table", at, table, "id", 120, false);
  ImGui::SameLine();
  string_field(s, "version", at, table, "version", 220, false);
  ImGui::SameLine();
  bool by_sex = table.contains("by_sex");
  if (ImGui::Checkbox("efter kön", &by_sex)) s.apply(bands_by_sex(at, by_sex));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Olika intervall för kvinnor och män (kön från uttrycket nedan)");
  if (by_sex) {
    ImGui::TextUnformatted("kön (uttryck som ger 'female' eller 'male')");
    expression_field(s, at, table, "sex", false);
    const json& both = table["by_sex"];
    for (const auto& [key, title] : {std::pair{"female", "Kvinnor"}, std::pair{"male", "Män"}}) {
      ImGui::TextUnformatted(title);
      ranges_table(s, at + "/by_sex/" + key, both.value(key, json::array()), range_columns::bands);
    }
  } else {
    ranges_table(s, at + "/ranges", table.value("ranges", json::array()), range_columns::bands);
  }
}

}  // namespace

void draw_scores_editor(state& s) {
  const json& def = s.doc.definition();
  const json scores = def.value("scores", json::array());
  const form* f = s.doc.loaded();
  for (size_t i = 0; i < scores.size(); ++i) {
    const json& sc = scores[i];
    const std::string at = "/scores/" + std::to_string(i);
    ImGui::PushID(at.c_str());
    if (!entry_head(s, at, sc, "ta bort poängsumman", [&] { number_field(s, "decimaler", at, sc, "decimals", 50); })) {
      ImGui::PopID();
      break;
    }
    text_fields(s, at + "/title", sc.value("title", json::object()));
    if (revealing(s, at + "/items")) ImGui::SetNextItemOpen(true);
    if (f && ImGui::TreeNode("Frågor som räknas")) {
      id_checkboxes(s, *f, at, sc, "items");
      ImGui::TreePop();
    }
    if (revealing(s, at + "/reverse")) ImGui::SetNextItemOpen(true);
    if (f && ImGui::TreeNode("Omvänd poäng (lägst + högst − poäng)")) {
      id_checkboxes(s, *f, at, sc, "reverse");
      ImGui::TreePop();
    }
    // Missing items.
    static const char* policies[] = {"all_required", "prorate", "zero", "not_scorable"};
    const json missing = sc.value("missing", json::object());
    const std::string policy = missing.value("policy", std::string("all_required"));
    ImGui::SetNextItemWidth(160);
    if (ImGui::BeginCombo("saknade svar", policy.c_str())) {
      for (const char* p : policies)
        if (ImGui::Selectable(p, policy == p)) {
          json next = {{"policy", p}};
          if (std::string(p) == "prorate") next["max_missing"] = missing.value("max_missing", 1);
          s.apply(set_value(at + "/missing", next));
        }
      ImGui::EndCombo();
    }
    if (policy == "prorate") {
      ImGui::SameLine();
      number_field(s, "högst saknade", at + "/missing", missing, "max_missing", 50);
    }
    // The band tables.
    const json bands = sc.value("bands", json::array());
    if (ImGui::TreeNodeEx("Nivåer", ImGuiTreeNodeFlags_DefaultOpen)) {
      for (size_t b = 0; b < bands.size(); ++b) {
        const std::string table = at + "/bands/" + std::to_string(b);
        ImGui::PushID(static_cast<int>(b));
        if (b > 0) ImGui::Separator();
        band_table_editor(s, table, bands[b]);
        if (ImGui::SmallButton("ta bort nivåtabellen")) s.apply(remove(table));
        ImGui::PopID();
      }
      if (ImGui::SmallButton("+ nivåtabell")) s.apply(append(at + "/bands", new_band_table(def, false)));
      ImGui::SameLine();
      if (ImGui::SmallButton("+ nivåtabell efter kön")) s.apply(append(at + "/bands", new_band_table(def, true)));
      ImGui::TreePop();
    }
    // The rest of the score's diagnostics (the bands' and expressions' show where they are edited).
    for (const char* key : {"id", "title", "items", "reverse", "missing", "decimals"}) diagnostics_under(s, at + "/" + key);
    ImGui::PopID();
  }
  if (ImGui::SmallButton("+ poängsumma")) s.apply(append("/scores", new_score(def)));
}

void draw_alerts_editor(state& s) {
  const json& def = s.doc.definition();
  const json alerts = def.value("alerts", json::array());
  for (size_t i = 0; i < alerts.size(); ++i) {
    const json& a = alerts[i];
    const std::string at = "/alerts/" + std::to_string(i);
    ImGui::PushID(at.c_str());
    const auto severity_combo = [&] {
      static const char* severities[] = {"info", "warning", "critical"};
      const std::string severity = a.value("severity", std::string("warning"));
      ImGui::SetNextItemWidth(110);
      if (ImGui::BeginCombo("##severity", severity.c_str())) {
        for (const char* sv : severities)
          if (ImGui::Selectable(sv, severity == sv)) s.apply(set_value(at + "/severity", sv));
        ImGui::EndCombo();
      }
    };
    if (!entry_head(s, at, a, "ta bort larmet", severity_combo)) {
      ImGui::PopID();
      break;
    }
    ImGui::TextUnformatted("när");
    expression_field(s, at, a, "when", false);
    text_fields(s, at + "/message", a.value("message", json::object()));
    for (const char* key : {"id", "severity", "message"}) diagnostics_under(s, at + "/" + key);
    ImGui::PopID();
  }
  if (ImGui::SmallButton("+ larm")) s.apply(append("/alerts", new_alert(def)));
}

void draw_routing_editor(state& s, const std::string& page_pointer) {
  const json& def = s.doc.definition();
  const json& page = def.at(json::json_pointer(page_pointer));
  const json rules = page.value("next", json::array());
  // A rule may only jump forward: the pages after this one, or the end (the review).
  const json& pages = def["pages"];
  const size_t here = static_cast<size_t>(std::atoi(page_pointer.c_str() + std::string("/pages/").size()));
  ImGui::TextDisabled("Efter sidan avgör den första regel som gäller vart medborgaren går; annars nästa sida.");
  for (size_t r = 0; r < rules.size(); ++r) {
    const json& rule = rules[r];
    const std::string at = page_pointer + "/next/" + std::to_string(r);
    ImGui::PushID(at.c_str());
    ImGui::Text("%zu. om", r + 1);
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) {
      s.apply(remove(at));
      ImGui::PopID();
      break;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ta bort regeln");
    expression_field(s, at, rule, "when", false);
    const std::string target = rule.value("page", std::string());
    ImGui::TextUnformatted("gå till");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    std::string shown = target == "end" ? "granskning och skicka (end)" : target;
    for (const auto& p : pages)
      if (p.value("id", std::string()) == target && p.contains("title") && p["title"].is_object())
        shown += "  " + p["title"].value(s.language, std::string());
    if (ImGui::BeginCombo("##page", shown.c_str())) {
      for (size_t p = here + 1; p < pages.size(); ++p) {
        const std::string id = pages[p].value("id", std::string());
        std::string title;
        if (pages[p].contains("title") && pages[p]["title"].is_object()) title = pages[p]["title"].value(s.language, std::string());
        if (ImGui::Selectable((id + "  " + title).c_str(), id == target)) s.apply(set_value(at + "/page", id));
      }
      if (ImGui::Selectable("granskning och skicka (end)", target == "end")) s.apply(set_value(at + "/page", "end"));
      ImGui::EndCombo();
    }
    diagnostics_under(s, at + "/page");
    ImGui::PopID();
  }
  if (ImGui::SmallButton("+ regel")) s.apply(append(page_pointer + "/next", new_route()));
}

}  // namespace blankett::designer
