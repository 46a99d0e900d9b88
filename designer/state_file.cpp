// The test hook's file (--state-file): what each frame showed, rewritten after the frame.
#include "state_file.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <string_view>

namespace blankett::designer {
namespace {

// A text on one line: line breaks would start a fact of their own.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

}  // namespace

std::string state_lines(const state& s, const platform& p, long frame, const std::string& title) {
  const ImGuiIO& io = ImGui::GetIO();
  std::string out;
  auto line = [&](const char* key, std::string_view value) {
    out += key;
    out += ' ';
    out += one_line(value);
    out += '\n';
  };
  line("frame", std::to_string(frame));
  line("title", title);
  line("focus", p.has_focus() ? "1" : "0");
  line("dialog", s.seen.dialog.empty() ? "-" : s.seen.dialog);
  line("dialog-typing", s.seen.dialog_typing ? "1" : "0");
  line("dialog-path", s.dialog_path);
  const std::string at = ImGui::IsMousePosValid() ? std::to_string(static_cast<long>(std::lround(io.MousePos.x))) + " " +
                                      std::to_string(static_cast<long>(std::lround(io.MousePos.y)))
                                : std::string("- -");
  line("mouse", at + (io.MouseDown[0] ? " down" : " up"));
  line("enter", ImGui::IsKeyDown(ImGui::GetKeyIndex(ImGuiKey_Enter)) ? "down" : "up");
  // The payloads are the dragged row's JSON pointer with its terminating zero (structure.cpp).
  const ImGuiPayload* payload = ImGui::GetDragDropPayload();
  if (payload && payload->Data && payload->DataSize > 0)
    line("drag", std::string(payload->DataType) + " " +
                     std::string(static_cast<const char*>(payload->Data), static_cast<size_t>(payload->DataSize - 1)));
  else
    line("drag", "-");
  line("drop-target", s.seen.drop_target.empty() ? "-" : s.seen.drop_target);
  line("selected", s.selected);
  line("dirty", s.doc.dirty() ? "1" : "0");
  line("status", s.status);
  return out;
}

bool write_state_file(const std::string& path, const std::string& text) {
  const std::string part = path + ".part";
  FILE* f = std::fopen(part.c_str(), "wb");
  if (!f) return false;
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !written) return false;
  return std::rename(part.c_str(), path.c_str()) == 0;
}

}  // namespace blankett::designer
