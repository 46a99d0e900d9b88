// The menu bar: files (new from a sample, open, save, recent), undo and redo, the preview language.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

#include "panels.h"

namespace blankett::designer {

void draw_menu(state& s, bool& quit) {
  bool ask_open = s.ask_open, ask_save_as = false;
  s.ask_open = false;
  if (ImGui::BeginMainMenuBar()) {
    if (ImGui::BeginMenu("Arkiv")) {
      if (ImGui::MenuItem("Nytt formulär")) s.new_form();
      if (ImGui::BeginMenu("Nytt från exempel")) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator("samples", ec)) {
          const auto form = entry.path() / "form.json";
          if (!std::filesystem::exists(form)) continue;
          if (ImGui::MenuItem(entry.path().filename().string().c_str())) {
            s.open(form.string());
            s.status = "Nytt från exempel " + entry.path().filename().string() + "; spara under ett nytt namn";
          }
        }
        ImGui::EndMenu();
      }
      if (ImGui::MenuItem("Öppna …", "Ctrl+O")) ask_open = true;
      if (ImGui::MenuItem("Spara", "Ctrl+S", false, !s.doc.path().empty())) s.save("");
      if (ImGui::MenuItem("Spara som …")) ask_save_as = true;
      if (ImGui::BeginMenu("Senaste", !s.recent.empty())) {
        for (const auto& r : std::vector<std::string>(s.recent))
          if (ImGui::MenuItem(r.c_str())) s.open(r);
        ImGui::EndMenu();
      }
      ImGui::Separator();
      if (ImGui::MenuItem("Avsluta")) quit = true;
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Redigera")) {
      if (ImGui::MenuItem(("Ångra " + s.doc.undo_name()).c_str(), "Ctrl+Z", false, s.doc.can_undo())) s.undo();
      if (ImGui::MenuItem(("Gör om " + s.doc.redo_name()).c_str(), "Ctrl+Y", false, s.doc.can_redo())) s.redo();
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Server")) s.show_server = true;
    if (ImGui::BeginMenu("Språk")) {
      if (ImGui::MenuItem("Svenska", nullptr, s.language == "sv")) s.set_language("sv");
      if (ImGui::MenuItem("English", nullptr, s.language == "en")) s.set_language("en");
      ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
  }
  if (ask_open) ImGui::OpenPopup("Öppna");
  if (ask_save_as) ImGui::OpenPopup("Spara som");
  s.seen.dialog.clear();
  s.seen.dialog_typing = false;
  for (const char* which : {"Öppna", "Spara som"}) {
    if (ImGui::BeginPopupModal(which, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
      ImGui::TextUnformatted("Fil:");
      ImGui::SetNextItemWidth(420);
      if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();  // type the path at once; Enter is OK
      const bool enter = ImGui::InputText("##path", &s.dialog_path, ImGuiInputTextFlags_EnterReturnsTrue);
      s.seen.dialog = which;
      s.seen.dialog_typing = ImGui::IsItemActive();
      if (ImGui::Button("OK") || enter) {
        if (std::string(which) == "Öppna") s.open(s.dialog_path);
        else s.save(s.dialog_path);
        ImGui::CloseCurrentPopup();
      }
      ImGui::SameLine();
      if (ImGui::Button("Avbryt")) ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
    }
  }
}

}  // namespace blankett::designer
