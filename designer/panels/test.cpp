// The test panel: the designer answers the form as a citizen would and sees what the core computes:
// which questions are shown (numbered), the issues, calculations, scores with their bands, alerts and
// the star profile's levels, from the same evaluation the server runs on submit.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "blankett/json_writer.h"

#include <algorithm>
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
    // Side by side while they fit, as many rows as they need.
    bool first = true;
    for (const choice& c : set_of->choices) {
      std::string quoted;
      json_writer::escape(quoted, c.value);
      const std::string label(c.label.in(s.language, f.default_language()));
      if (!first) same_line_if_fits(check_width(label.c_str()));
      first = false;
      if (ImGui::RadioButton(label.c_str(), current == quoted)) set(current == quoted ? std::string() : quoted);
    }
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

// The preview shows one page at a time, as the citizen's browser does: the visible pages in order, with
// Föregående and Nästa, or every page in one list. Selecting something in the structure panel brings
// its page into view.
void page_navigation(state& s, const form& f, const evaluation& ev) {
  if (s.selected != s.preview_followed) {
    s.preview_followed = s.selected;
    if (s.selected.rfind("/pages/", 0) == 0 && s.preview_page >= 0) s.preview_page = std::atoi(s.selected.c_str() + 7);
  }
  const int pages = static_cast<int>(f.pages.size());
  if (s.preview_page >= pages) s.preview_page = pages - 1;
  std::vector<int> shown;  // the pages the citizen gets with these answers
  for (int p = 0; p < pages; ++p)
    if (ev.page_visible(static_cast<uint32_t>(p))) shown.push_back(p);
  bool all = s.preview_page < 0;
  if (ImGui::Checkbox("Alla sidor", &all)) s.preview_page = all ? -1 : (shown.empty() ? 0 : shown.front());
  if (all) return;
  const auto at = std::find(shown.begin(), shown.end(), s.preview_page);
  const int position = at == shown.end() ? -1 : static_cast<int>(at - shown.begin());
  ImGui::SameLine();
  ImGui::BeginDisabled(position <= 0);
  if (ImGui::ArrowButton("##previous", ImGuiDir_Left)) s.preview_page = shown[static_cast<size_t>(position - 1)];
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Föregående sida");
  ImGui::EndDisabled();
  ImGui::SameLine();
  const std::string title(f.pages[static_cast<size_t>(s.preview_page)].title.in(s.language, f.default_language()));
  char label[64];
  if (position >= 0) std::snprintf(label, sizeof label, "Sida %d av %zu", position + 1, shown.size());
  else std::snprintf(label, sizeof label, "Dold sida");
  ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() - 8));
  if (ImGui::BeginCombo("##page", (std::string(label) + ": " + title).c_str())) {
    for (int p = 0; p < pages; ++p) {
      const bool visible = ev.page_visible(static_cast<uint32_t>(p));
      std::string name = std::string(f.pages[static_cast<size_t>(p)].title.in(s.language, f.default_language()));
      if (!visible) name += "  (dold)";
      if (ImGui::Selectable((name + "##" + std::to_string(p)).c_str(), p == s.preview_page)) s.preview_page = p;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(position < 0 || position + 1 >= static_cast<int>(shown.size()));
  if (ImGui::ArrowButton("##next", ImGuiDir_Right)) s.preview_page = shown[static_cast<size_t>(position + 1)];
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Nästa sida");
  ImGui::EndDisabled();
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
  // The test person: age and sex for subject_age() and subject_sex() (bands by sex, age limits).
  {
    std::string out;
    ImGui::SetNextItemWidth(160);
    if (edit_text("testperson (personnummer)##subject", s.subject, out)) {
      s.subject = out;
      s.retest();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ålder och kön för subject_age() och subject_sex(); t.ex. ett testpersonnummer från Skatteverket");
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("answers/ och expected/ bredvid formuläret, som golden-testerna spelar upp (referensdatum 2026-06-01)");
  ImGui::Separator();
  page_navigation(s, *f, ev);
  ImGui::BeginChild("questions", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.62f));
  ImGui::TextWrapped("%s", std::string(f->title.in(s.language, f->default_language())).c_str());
  // What the citizen sees, from the renderer's state (the same numbers, required marks and texts as
  // the citizen's browser shows), worked out once per answer or edit in state::retest().
  const auto& view = s.test->view;
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
    const auto& v = view[i];
    ImGui::TextWrapped("%d. %s%s", v.number, std::string(it.title.in(s.language, f->default_language())).c_str(), v.required ? " *" : "");
    answer_widget(s, *f, i);
    for (const auto& text : v.issues) ImGui::TextColored(kIssue, "%s", text.c_str());
  };
  for (uint32_t p = 0; p < f->pages.size(); ++p) {
    if (s.preview_page >= 0 && p != static_cast<uint32_t>(s.preview_page)) continue;
    if (!ev.page_visible(p)) {
      if (s.preview_page >= 0) ImGui::TextDisabled("Sidan visas inte med de här svaren (dess villkor gäller inte).");
      continue;
    }
    ImGui::Separator();
    ImGui::TextUnformatted(std::string(f->pages[p].title.in(s.language, f->default_language())).c_str());
    for (uint32_t i : f->pages[p].items) draw(draw, i);
  }
  // The staff's measurements, filled in here as in the follow-up.
  if (!f->measurements.empty() && ImGui::CollapsingHeader("Mätvärden (personalen)", ImGuiTreeNodeFlags_DefaultOpen))
    for (uint32_t i : f->measurements) {
      const item& it = f->items[i];
      ImGui::TextWrapped("%s", std::string(it.title.in(s.language, f->default_language())).c_str());
      answer_widget(s, *f, i);
      for (const auto& text : s.test->view[i].issues) ImGui::TextColored(kIssue, "%s", text.c_str());
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
    else ImGui::TextDisabled("%s: %s", title.c_str(), v.st == computed::state::error ? message_text(v.error, s.language, {}).c_str() : "–");
  }
  for (size_t sc = 0; sc < f->scores.size(); ++sc) {
    const score_result& v = r.scores[sc];
    const std::string title(f->scores[sc].title.in(s.language, f->default_language()));
    if (v.value.st != computed::state::number) {
      ImGui::TextDisabled("%s: %s", title.c_str(), message_text(v.value.error, s.language, {}).c_str());
      continue;
    }
    std::string bands;
    for (size_t b = 0; b < v.bands.size(); ++b)
      if (v.bands[b] >= 0)
        bands += "  " + std::string(f->scores[sc].bands[b].ranges_for(v.sexes[b])[static_cast<size_t>(v.bands[b])].label.in(s.language, f->default_language()));
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
