// The Server window: log in to a Blankett server as a designer, upload the form as a new version (the
// server's core checks it again), list the unit's templates and open one to edit.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "panels.h"

namespace blankett::designer {

void draw_server(state& s) {
  if (!s.show_server) return;
  ImGui::SetNextWindowSize(ImVec2(560, 420), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Server", &s.show_server)) {
    ImGui::End();
    return;
  }
  static std::string url = "http://127.0.0.1:8080", user = "designer", password;
  std::string error;
  if (!s.server.logged_in()) {
    ImGui::InputText("Adress", &url);
    ImGui::InputText("Användare", &user);
    ImGui::InputText("Lösenord", &password, ImGuiInputTextFlags_Password);
    if (ImGui::Button("Logga in")) {
      if (s.server.login(url, user, password, error)) {
        s.status = "Inloggad på " + url + " (" + s.server.unit_name() + ")";
        s.server.templates(s.server_templates, error);
      } else {
        s.status = "Inloggningen misslyckades: " + error;
      }
      password.clear();
    }
    ImGui::End();
    return;
  }
  ImGui::Text("Enhet: %s", s.server.unit_name().c_str());
  ImGui::BeginDisabled(s.doc.errors() > 0);
  if (ImGui::Button("Ladda upp som ny version")) {
    if (!s.server.upload(s.doc.text(), s.last_upload, error)) s.status = "Uppladdningen misslyckades: " + error;
    else if (!s.last_upload.problems.empty()) s.status = "Servern vägrade formuläret";
    else s.status = "Uppladdad: mall " + std::to_string(s.last_upload.template_id) + ", version " + std::to_string(s.last_upload.version) + " (" + s.last_upload.state + ")";
    s.server.templates(s.server_templates, error);
  }
  ImGui::EndDisabled();
  for (const auto& p : s.last_upload.problems) ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.2f, 1), "%s", p.c_str());
  ImGui::SameLine();
  if (ImGui::Button("Uppdatera listan")) s.server.templates(s.server_templates, error);
  ImGui::Separator();
  if (ImGui::BeginTable("templates", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupColumn("Mall");
    ImGui::TableSetupColumn("Version");
    ImGui::TableSetupColumn("Status");
    ImGui::TableSetupColumn("");
    ImGui::TableHeadersRow();
    for (const auto& t : s.server_templates) {
      ImGui::PushID(static_cast<int>(t.id));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%s (%s)", t.name.c_str(), t.form_id.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(t.version));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.state.c_str());
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("Öppna")) {
        std::string definition;
        if (s.server.fetch(t.id, definition, error) && s.doc.open_text(definition, error)) {
          s.selected.clear();
          s.answers.clear();
          s.retest();
          s.status = "Hämtade " + t.form_id + " från servern; spara som fil för att behålla den";
        } else {
          s.status = "Kunde inte hämta " + t.form_id + ": " + error;
        }
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace blankett::designer
