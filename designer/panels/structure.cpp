// The structure panel: pages, groups and items as a tree; add, duplicate, delete, and move (buttons, or
// dragging within a list, between pages and groups, and pages among pages).
#include <imgui.h>

#include <algorithm>

#include "blankett/schema.h"
#include "panels.h"

namespace blankett::designer {
namespace {

std::string label_of(const json& node, const std::string& language) {
  std::string text;
  for (const char* key : {"title", "text"}) {
    if (!node.contains(key)) continue;
    const json& t = node[key];
    if (t.is_string()) text = t.get<std::string>();
    else if (t.is_object() && t.contains(language) && t[language].is_string()) text = t[language].get<std::string>();
    if (!text.empty()) break;
  }
  if (text.size() > 48) {
    size_t cut = 45;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    text = text.substr(0, cut) + "…";
  }
  return node.value("id", std::string("?")) + "  " + text;
}

// Moves the dragged item `from` to `index` of the list `to` (-1: its end), and selects it there.
void move_dropped(state& s, const std::string& from, const std::string& to, int index) {
  if (from.substr(0, from.rfind('/')) == to) {
    if (index >= 0 && s.apply(move_item(from, index))) s.selected = to + "/" + std::to_string(index);
    return;
  }
  const std::string list = pointer_after_removal(to, from);
  if (!s.apply(move_to(from, to, index))) return;
  const size_t size = s.doc.definition().at(json::json_pointer(list)).size();
  s.selected = list + "/" + std::to_string(index < 0 ? size - 1 : std::min(static_cast<size_t>(index), size - 1));
}

void draw_items(state& s, const json& items, const std::string& at) {
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string pointer = at + "/" + std::to_string(i);
    const json& item = items[i];
    const bool group = item.contains("items") && item["items"].is_array();
    ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_SpanAvailWidth;
    if (!group) flags |= ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen;
    if (s.selected == pointer) flags |= ImGuiTreeNodeFlags_Selected;
    const std::string type = item.value("type", std::string());
    const bool open = ImGui::TreeNodeEx(pointer.c_str(), flags, "%s  [%s]", label_of(item, s.language).c_str(), type.c_str());
    if (ImGui::IsItemClicked()) s.selected = pointer;
    // Drag an item onto another to move it to that place, in the same list or in another page or group.
    if (ImGui::BeginDragDropSource()) {
      ImGui::SetDragDropPayload("blankett-item", pointer.c_str(), pointer.size() + 1);
      ImGui::Text("Flytta %s", item.value("id", std::string()).c_str());
      ImGui::EndDragDropSource();
    }
    if (ImGui::BeginDragDropTarget()) {
      s.seen.drop_target = pointer;
      if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload("blankett-item"))
        move_dropped(s, static_cast<const char*>(payload->Data), at, static_cast<int>(i));
      ImGui::EndDragDropTarget();
    }
    if (group && open) {
      draw_items(s, item["items"], pointer + "/items");
      ImGui::TreePop();
    }
  }
}

// The array and index of the selected element, when it is in a list.
bool selected_in_list(const state& s, std::string& list, int& index) {
  const size_t slash = s.selected.rfind('/');
  if (slash == std::string::npos || slash + 1 >= s.selected.size()) return false;
  list = s.selected.substr(0, slash);
  index = std::atoi(s.selected.c_str() + slash + 1);
  return list.ends_with("/items") || list == "/pages" || list == "/measurements";
}

}  // namespace

void draw_structure(state& s, const layout& at) {
  ImGui::SetNextWindowPos(ImVec2(at.x, at.y));
  ImGui::SetNextWindowSize(ImVec2(at.w, at.h));
  ImGui::Begin("Struktur", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  s.seen.drop_target.clear();
  // Commands on the selection.
  static int type_index = 0;
  const auto types = item_types();
  ImGui::SetNextItemWidth(150);
  if (ImGui::BeginCombo("##type", std::string(types[static_cast<size_t>(type_index)].name).c_str())) {
    for (size_t t = 0; t < types.size(); ++t)
      if (ImGui::Selectable(std::string(types[t].name).c_str(), static_cast<int>(t) == type_index)) type_index = static_cast<int>(t);
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  std::string list;
  int index = -1;
  const bool in_list = selected_in_list(s, list, index);
  if (ImGui::Button("Ny fråga")) {
    // After the selected item, or at the end of the selected page, or of the first page.
    std::string target = "/pages/0/items";
    int where = -1;
    if (in_list && list != "/pages") {
      target = list;
      where = index + 1;
    } else if (in_list) {
      target = s.selected + "/items";
    } else if (s.selected == "/measurements") {
      target = "/measurements";
    }
    if (s.apply(add_item(target, where, std::string(types[static_cast<size_t>(type_index)].name))))
      s.selected = target + "/" + std::to_string(where < 0 ? s.doc.definition().at(json::json_pointer(target)).size() - 1 : static_cast<size_t>(where));
  }
  ImGui::SameLine();
  if (ImGui::Button("Ny sida") && s.apply(add_page()))
    s.selected = "/pages/" + std::to_string(s.doc.definition()["pages"].size() - 1);
  ImGui::BeginDisabled(!in_list);
  if (ImGui::Button("Duplicera")) s.apply(duplicate_item(s.selected));
  ImGui::SameLine();
  if (ImGui::Button("Upp") && index > 0 && s.apply(move_item(s.selected, index - 1))) s.selected = list + "/" + std::to_string(index - 1);
  ImGui::SameLine();
  if (ImGui::Button("Ner") && s.apply(move_item(s.selected, index + 1))) s.selected = list + "/" + std::to_string(index + 1);
  ImGui::SameLine();
  if (ImGui::Button("Ta bort") && s.apply(remove(s.selected))) s.selected.clear();
  ImGui::EndDisabled();
  ImGui::Separator();
  const json& form = s.doc.definition();
  if (ImGui::Selectable(("Formulär: " + form.value("id", std::string())).c_str(), s.selected.empty())) s.selected.clear();
  static const json no_pages = json::array();
  const json& pages = form.contains("pages") && form["pages"].is_array() ? form["pages"] : no_pages;
  for (size_t p = 0; p < pages.size(); ++p) {
    const std::string pointer = "/pages/" + std::to_string(p);
    ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_SpanAvailWidth;
    if (s.selected == pointer) flags |= ImGuiTreeNodeFlags_Selected;
    const bool open = ImGui::TreeNodeEx(pointer.c_str(), flags, "Sida %s", label_of(pages[p], s.language).c_str());
    if (ImGui::IsItemClicked()) s.selected = pointer;
    // A page is dragged onto another page to move it there; an item dropped on a page goes to its end.
    if (ImGui::BeginDragDropSource()) {
      ImGui::SetDragDropPayload("blankett-page", pointer.c_str(), pointer.size() + 1);
      ImGui::Text("Flytta sidan %s", pages[p].value("id", std::string()).c_str());
      ImGui::EndDragDropSource();
    }
    if (ImGui::BeginDragDropTarget()) {
      s.seen.drop_target = pointer;
      if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload("blankett-item"))
        move_dropped(s, static_cast<const char*>(payload->Data), pointer + "/items", -1);
      if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload("blankett-page"))
        move_dropped(s, static_cast<const char*>(payload->Data), "/pages", static_cast<int>(p));
      ImGui::EndDragDropTarget();
    }
    if (open) {
      if (pages[p].contains("items") && pages[p]["items"].is_array()) draw_items(s, pages[p]["items"], pointer + "/items");
      ImGui::TreePop();
    }
  }
  // The staff's measurements (weight, blood pressure, ...): items like the pages' questions, filled in by
  // staff in the follow-up; select this node and press Ny fråga to add one.
  ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_SpanAvailWidth;
  if (s.selected == "/measurements") flags |= ImGuiTreeNodeFlags_Selected;
  const bool has = form.contains("measurements") && form["measurements"].is_array() && !form["measurements"].empty();
  if (!has) flags |= ImGuiTreeNodeFlags_Leaf;
  const bool open = ImGui::TreeNodeEx("/measurements", flags, "Mätvärden (personalen fyller i)");
  if (ImGui::IsItemClicked()) s.selected = "/measurements";
  if (open) {
    if (has) draw_items(s, form["measurements"], "/measurements");
    ImGui::TreePop();
  }
  ImGui::End();
}

}  // namespace blankett::designer
