// The test panel: the designer answers the form as a citizen would and sees what the core computes:
// which questions are shown (numbered), the issues, calculations, scores with their bands, alerts and
// the star profile's levels, from the same evaluation the server runs on submit.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "blankett/json_writer.h"

#include <cmath>
#include <cstdio>
#include "blankett/messages.h"
#include "blankett/render.h"
#include "blankett/schema.h"
#include "panels.h"

namespace blankett::designer {
namespace {

const ImVec4 kIssue(0.85f, 0.2f, 0.2f, 1);

void answer_widget(state& s, const form& f, uint32_t i) {
  const item& it = f.items[i];
  const std::string& id = it.id;
  const auto found = s.answers.find(id);
  const std::string current = found == s.answers.end() ? std::string() : found->second;
  auto set = [&](const std::string& json_value) {
    if (json_value.empty()) s.answers.erase(id);
    else s.answers[id] = json_value;
    s.retest();
  };
  ImGui::PushID(id.c_str());
  if (const choice_set* set_of = f.choices_of(it); set_of && it.type == item_type::single_choice) {
    for (const choice& c : set_of->choices) {
      std::string quoted;
      json_writer::escape(quoted, c.value);
      if (ImGui::RadioButton(std::string(c.label.in(s.language, f.default_language())).c_str(), current == quoted))
        set(current == quoted ? std::string() : quoted);
      ImGui::SameLine();
    }
    ImGui::NewLine();
  } else if (it.type == item_type::yes_no) {
    if (ImGui::RadioButton(s.language == "en" ? "Yes" : "Ja", current == "true")) set(current == "true" ? "" : "true");
    ImGui::SameLine();
    if (ImGui::RadioButton(s.language == "en" ? "No" : "Nej", current == "false")) set(current == "false" ? "" : "false");
  } else if (type_info(it.type).value != value_kind::none) {
    // Any other type: the answer as JSON ("2026-05-01", 42, ["a","b"]).
    std::string out;
    ImGui::SetNextItemWidth(-1);
    if (edit_text("##value", current, out)) set(out);
  }
  ImGui::PopID();
}

}  // namespace

void draw_test(state& s, const layout& at) {
  ImGui::SetNextWindowPos(ImVec2(at.x, at.y));
  ImGui::SetNextWindowSize(ImVec2(at.w, at.h));
  ImGui::Begin("Förhandsvisning och test", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const form* f = s.doc.loaded();
  if (!f || !s.test) {
    ImGui::TextColored(kIssue, "Formuläret har fel: rätta dem för att kunna testa.");
    ImGui::End();
    return;
  }
  const evaluation& ev = *s.test->ev;
  if (ImGui::Button("Töm svaren")) {
    s.answers.clear();
    s.retest();
  }
  ImGui::SameLine();
  ImGui::TextDisabled("%zu svar", s.answers.size());
  static std::string case_name = "testfall-1";
  ImGui::SetNextItemWidth(140);
  ImGui::InputText("##case", &case_name);
  ImGui::SameLine();
  if (ImGui::Button("Spara som testfall")) s.save_test_case(case_name);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("answers/ och expected/ bredvid formuläret, som golden-testerna spelar upp (referensdatum 2026-06-01)");
  ImGui::Separator();
  ImGui::BeginChild("questions", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.62f));
  ImGui::TextWrapped("%s", std::string(f->title.in(s.language, f->default_language())).c_str());
  // What the citizen sees, from the renderer's model (the same numbers, required marks and texts as
  // the citizen's browser shows).
  std::string rendered;
  {
    render_options o;
    o.language = s.language;
    json_writer w(rendered);
    write_render_state(*f, ev, o, w);
  }
  const json view = json::parse(rendered, nullptr, false);
  const json& view_items = view.contains("items") ? view["items"] : json::object();
  auto draw = [&](auto&& self, uint32_t i) -> void {
    const item& it = f->items[i];
    if (!ev.visible(i)) return;
    if (it.type == item_type::group) {
      ImGui::TextDisabled("%s", std::string(it.title.in(s.language, f->default_language())).c_str());
      for (uint32_t c : it.children) self(self, c);
      return;
    }
    if (it.type == item_type::display) {
      ImGui::TextWrapped("%s", std::string(it.body.in(s.language, f->default_language())).c_str());
      return;
    }
    const json& v = view_items.contains(it.id) ? view_items[it.id] : json::object();
    const int number = v.contains("number") && v["number"].is_number() ? v["number"].get<int>() : 0;
    ImGui::TextWrapped("%d. %s%s", number, std::string(it.title.in(s.language, f->default_language())).c_str(),
                       v.value("required", false) ? " *" : "");
    answer_widget(s, *f, i);
    for (const auto& is : v.value("issues", json::array())) ImGui::TextColored(kIssue, "%s", is.value("text", std::string()).c_str());
  };
  for (uint32_t p = 0; p < f->pages.size(); ++p) {
    if (!ev.page_visible(p)) continue;
    ImGui::Separator();
    ImGui::TextUnformatted(std::string(f->pages[p].title.in(s.language, f->default_language())).c_str());
    for (uint32_t i : f->pages[p].items) draw(draw, i);
  }
  ImGui::EndChild();
  ImGui::Separator();
  const validation_result& r = s.test->result;
  ImGui::Text(r.valid() ? "Giltigt" : "%zu problem", r.issues.size());
  for (size_t c = 0; c < f->calculations.size(); ++c) {
    const computed& v = r.calculations[c];
    const std::string title(f->calculations[c].title.in(s.language, f->default_language()));
    if (v.st == computed::state::number) ImGui::Text("%s = %s", title.c_str(), format_number(v.number).c_str());
    else if (v.st == computed::state::text) ImGui::Text("%s = %s", title.c_str(), v.text.c_str());
    else ImGui::TextDisabled("%s: %s", title.c_str(), v.st == computed::state::error ? std::string(v.error).c_str() : "–");
  }
  for (size_t sc = 0; sc < f->scores.size(); ++sc) {
    const score_result& v = r.scores[sc];
    const std::string title(f->scores[sc].title.in(s.language, f->default_language()));
    if (v.value.st != computed::state::number) {
      ImGui::TextDisabled("%s: %s", title.c_str(), std::string(v.value.error).c_str());
      continue;
    }
    std::string bands;
    for (size_t b = 0; b < v.bands.size(); ++b)
      if (v.bands[b] >= 0)
        bands += "  " + std::string(f->scores[sc].bands[b].ranges[static_cast<size_t>(v.bands[b])].label.in(s.language, f->default_language()));
    ImGui::Text("%s = %s%s", title.c_str(), format_number(v.value.number).c_str(), bands.c_str());
  }
  for (size_t a = 0; a < f->alerts.size(); ++a)
    if (r.alerts[a]) ImGui::TextColored(kIssue, "Larm: %s", std::string(f->alerts[a].message.in(s.language, f->default_language())).c_str());
  size_t axis = 0;
  for (const profile& pr : f->profiles) {
    ImGui::Text("%s", std::string(pr.title.in(s.language, f->default_language())).c_str());
    // The star: one spoke per axis, longer for a better level, in the level's colour (as the
    // renderer's SVG draws it for staff and citizens).
    const float size = std::min(ImGui::GetContentRegionAvail().x, 220.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 centre(origin.x + size / 2, origin.y + size / 2);
    const float radius = size * 0.42f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircle(centre, radius, IM_COL32(200, 200, 200, 255), 48);
    std::vector<ImVec2> star;
    for (size_t k = 0; k < pr.axes.size(); ++k) {
      const auto& ax = pr.axes[k];
      const axis_result& ar = r.axes[axis + k];
      const float angle = -3.14159265f / 2 + 2 * 3.14159265f * static_cast<float>(k) / static_cast<float>(pr.axes.size());
      const float levels = static_cast<float>(std::max<size_t>(ax.levels.size(), 1));
      const float length = ar.level >= 0 ? radius * (levels - static_cast<float>(ar.level)) / levels : 0;
      const ImVec2 end(centre.x + length * std::cos(angle), centre.y + length * std::sin(angle));
      ImU32 colour = IM_COL32(150, 150, 150, 255);
      if (ar.level >= 0) {
        const std::string& c = ax.levels[static_cast<size_t>(ar.level)].color;
        unsigned rgb = 0;
        if (c.size() == 7 && c[0] == '#' && std::sscanf(c.c_str() + 1, "%06x", &rgb) == 1)
          colour = IM_COL32((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, 255);
      }
      dl->AddLine(centre, ImVec2(centre.x + radius * std::cos(angle), centre.y + radius * std::sin(angle)), IM_COL32(210, 210, 210, 255));
      dl->AddLine(centre, end, colour, 6.0f);
      star.push_back(end);
    }
    if (star.size() > 2) dl->AddPolyline(star.data(), static_cast<int>(star.size()), IM_COL32(21, 101, 192, 255), ImDrawFlags_Closed, 1.5f);
    ImGui::Dummy(ImVec2(size, size));
    for (const auto& ax : pr.axes) {
      const axis_result& ar = r.axes[axis++];
      if (ar.level >= 0) {
        const axis_level& lv = ax.levels[static_cast<size_t>(ar.level)];
        ImGui::BulletText("%s: %s", std::string(ax.title.in(s.language, f->default_language())).c_str(),
                          std::string(lv.label.in(s.language, f->default_language())).c_str());
      } else {
        ImGui::BulletText("%s: –", std::string(ax.title.in(s.language, f->default_language())).c_str());
      }
    }
  }
  ImGui::End();
}

}  // namespace blankett::designer
