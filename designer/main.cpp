// blankett-designer: the form designer. Opens a form (or a new one), draws the panels each frame, keeps
// unsaved work in a recovery file when it is closed, and can run a fixed number of frames and write a
// screenshot (for the tests under Xvfb).
//   blankett-designer [FORM.json] [--select POINTER] [--answer ID=JSON]... [--answers DOC.json] [--language sv|en]
//                     [--set POINTER=JSON]... [--add TYPE]... [--save-as FILE]
//                     [--frames N --screenshot OUT.ppm] [--type POINTER] [--size WxH] [--headless]
//                     [--state-file FILE]
// --set and --add are edits through the same commands as the panels (for scripted runs and tests);
// --add puts a new question of TYPE at the end of the first page. --type POINTER types into the text at
// POINTER, one letter per frame through the same command as the property panel (a designer typing at
// the frame rate): with --frames it measures the frame time while editing. --state-file FILE is the
// test hook: after every frame FILE says what the frame showed (state_file.h), for tests that wait on
// states. Without a display (no X server, or one that went away) the designer exits with a message.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "panels/panels.h"
#include "platform.h"
#include "state.h"
#include "state_file.h"

using namespace blankett::designer;

int main(int argc, char** argv) {
  std::string file, screenshot, select, subject, language = "sv";
  int frames = -1, width = 1440, height = 900;
  bool headless = false;
  std::vector<std::pair<std::string, std::string>> answers, sets;
  std::vector<std::string> adds;
  std::string save_as, typing, state_file;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--screenshot") screenshot = next();
    else if (a == "--frames") frames = std::atoi(next().c_str());
    else if (a == "--select") select = next();
    else if (a == "--language") language = next();
    else if (a == "--headless") headless = true;
    else if (a == "--size") {
      const std::string v = next();
      if (std::sscanf(v.c_str(), "%dx%d", &width, &height) != 2 || width < 320 || height < 240) {
        std::fprintf(stderr, "blankett-designer: --size is WIDTHxHEIGHT\n");
        return 2;
      }
    }
    else if (a == "--add") adds.push_back(next());
    else if (a == "--answers") {
      // An answer document: its answers go into the test panel.
      std::ifstream in(next());
      std::stringstream text;
      text << in.rdbuf();
      const json doc = json::parse(text.str(), nullptr, false);
      if (doc.is_discarded() || !doc.contains("answers")) {
        std::fprintf(stderr, "blankett-designer: --answers takes an answer document\n");
        return 2;
      }
      for (const auto& [id, value] : doc["answers"].items()) answers.emplace_back(id, value.dump());
      if (doc.contains("measurements") && doc["measurements"].is_object())
        for (const auto& [id, value] : doc["measurements"].items()) answers.emplace_back(id, value.dump());
      if (doc.contains("meta") && doc["meta"].is_object() && doc["meta"].contains("subject") && doc["meta"]["subject"].is_string())
        subject = doc["meta"]["subject"].get<std::string>();
    }
    else if (a == "--save-as") save_as = next();
    else if (a == "--type") typing = next();
    else if (a == "--state-file") state_file = next();
    else if (a == "--set") {
      const std::string v = next();
      const size_t eq = v.find('=');
      if (eq != std::string::npos) sets.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    }
    else if (a == "--answer") {
      const std::string v = next();
      const size_t eq = v.find('=');
      if (eq != std::string::npos) answers.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (a == "-h" || a == "--help") {
      std::puts("usage: blankett-designer [FORM.json] [--select POINTER] [--answer ID=JSON]... [--answers DOC.json]\n"
                "                         [--language sv|en]\n"
                "                         [--set POINTER=JSON]... [--add TYPE]... [--save-as FILE]\n"
                "                         [--frames N --screenshot OUT.ppm] [--type POINTER] [--size WxH] [--headless]\n"
                "                         [--state-file FILE]");
      return 0;
    } else if (!a.empty() && a[0] != '-') file = a;
    else {
      std::fprintf(stderr, "blankett-designer: unknown option %s\n", a.c_str());
      return 2;
    }
  }

  state s;
  s.language = language;
  s.recent = load_recent();
  const auto t0 = std::chrono::steady_clock::now();
  if (!file.empty() && !s.open(file)) {
    std::fprintf(stderr, "blankett-designer: %s\n", s.status.c_str());
    return 2;
  }
  const double open_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  // A new form: unsaved work on a new form from the last session comes back (opening a file does this
  // in state::open).
  if (file.empty() && s.restore_unsaved()) s.status = "Återställde osparade ändringar från " + recovery_path("");
  for (const auto& [pointer, value] : sets) {
    json v = json::parse(value, nullptr, false);
    if (v.is_discarded() || !s.apply(set_value(pointer, v))) {
      std::fprintf(stderr, "blankett-designer: --set %s: %s\n", pointer.c_str(), v.is_discarded() ? "not JSON" : s.status.c_str());
      return 2;
    }
  }
  for (const auto& type : adds) {
    if (!s.apply(add_item("/pages/0/items", -1, type))) {
      std::fprintf(stderr, "blankett-designer: --add %s: %s\n", type.c_str(), s.status.c_str());
      return 2;
    }
  }
  if (!save_as.empty() && !s.save(save_as)) {
    std::fprintf(stderr, "blankett-designer: %s\n", s.status.c_str());
    return 2;
  }
  for (const auto& [id, value] : answers) s.answers[id] = value;
  s.subject = subject;
  s.retest();
  if (!select.empty()) s.selected = select.rfind('/', 0) == 0 ? select : s.pointer_of(select);

  std::string error;
  std::unique_ptr<platform> p = headless ? make_headless_platform(width, height) : make_sdl_platform(width, height, error);
  if (!p) {
    std::fprintf(stderr, "blankett-designer: no display (%s); --headless runs without one\n", error.c_str());
    return 2;
  }
  // The display went away: unsaved work is kept as when the window is closed (the platform then exits).
  p->on_display_lost([&s, &typing] {
    if (!typing.empty()) return;  // --type only measures
    const std::string kept = s.keep_unsaved();
    if (!kept.empty()) std::fprintf(stderr, "blankett-designer: unsaved changes kept in %s\n", kept.c_str());
  });
  if (!typing.empty()) {
    const json* at = nullptr;
    try {
      at = &s.doc.definition().at(json::json_pointer(typing));
    } catch (const json::exception&) {
    }
    if (!at || !at->is_string()) {
      std::fprintf(stderr, "blankett-designer: --type %s: there is no text there\n", typing.c_str());
      return 2;
    }
  }
  bool quit = false;
  int exit_status = 0;
  std::vector<double> frame_ms;  // each frame from its events to its picture shown
  std::string title;
  while (!quit) {
    const auto f0 = std::chrono::steady_clock::now();
    if (!p->begin_frame()) quit = true;
    shortcut(s, p->take_shortcut());
    if (!typing.empty()) {
      std::string text = s.doc.definition().at(json::json_pointer(typing)).get<std::string>();
      text += static_cast<char>('a' + frame_ms.size() % 26);
      s.apply(set_value(typing, text));
    }
    draw_frame(s, p->width(), p->height(), quit);
    const std::string name = s.doc.path().empty() ? "Nytt formulär" : std::filesystem::path(s.doc.path()).filename().string();
    if (const std::string t = name + (s.doc.dirty() ? " *" : "") + " - Blankett formulärdesigner"; t != title) p->set_title(title = t);
    if (frames >= 0 && static_cast<int>(frame_ms.size()) == frames - 1 && !screenshot.empty()) p->screenshot(screenshot);
    p->end_frame();
    frame_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - f0).count());
    if (!state_file.empty() && !write_state_file(state_file, state_lines(s, *p, static_cast<long>(frame_ms.size()), title))) {
      std::fprintf(stderr, "blankett-designer: cannot write %s\n", state_file.c_str());
      exit_status = 2;  // ends as a closed window does: unsaved work is kept below
      break;
    }
    if (frames >= 0 && static_cast<int>(frame_ms.size()) >= frames) break;
  }
  if (frames >= 0) {
    // The first frames build the font atlas and the windows' layout: the figures leave out the first 3.
    std::vector<double> steady(frame_ms.begin() + std::min<size_t>(3, frame_ms.size()), frame_ms.end());
    std::sort(steady.begin(), steady.end());
    auto at = [&](double q) { return steady.empty() ? 0.0 : steady[static_cast<size_t>(q * static_cast<double>(steady.size() - 1))]; };
    std::printf("opened in %.1f ms; %zu frames: median %.2f ms, 95th percentile %.2f ms, slowest %.2f ms\n", open_ms,
                frame_ms.size(), at(0.5), at(0.95), steady.empty() ? 0.0 : steady.back());
    if (!screenshot.empty() && !p->screenshot_error().empty()) {
      std::fprintf(stderr, "blankett-designer: %s\n", p->screenshot_error().c_str());
      return 1;
    }
  }
  if (frames < 0) store_recent(s.recent);  // an interactive session (scripted runs leave the list alone)
  // --type only measures: what it typed is not kept.
  if (typing.empty()) {
    const std::string kept = s.keep_unsaved();
    if (!kept.empty()) std::fprintf(stderr, "blankett-designer: unsaved changes kept in %s\n", kept.c_str());
  }
  return exit_status;
}
