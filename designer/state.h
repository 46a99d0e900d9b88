// The designer's state between frames: the document, what is selected, the test panel's answers.
// Panels read and change it; nothing here draws, so it is tested without a window.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "blankett/answers.h"
#include "blankett/logic.h"
#include "blankett/render.h"
#include "document.h"
#include "publish.h"

namespace blankett::designer {

struct state {
  document doc;
  std::string selected;         // JSON pointer of the selected page or item, "" for the form itself
  std::string reveal;           // a diagnostic's pointer the property panel opens and scrolls to (this frame)
  std::string language = "sv";  // of the preview and the test panel
  std::string status;           // the last message for the status line
  std::vector<std::string> recent;

  // The test panel: the designer's answers and the staff's measurements (item id -> JSON value), the
  // test person's personnummer (meta.subject: age and sex for subject_age() and subject_sex(); "" for
  // none), and the core's result for them.
  std::map<std::string, std::string> answers;
  std::string subject;
  struct test_result {
    std::unique_ptr<evaluation> ev;
    answer_document doc;
    validation_result result;
    // The renderer's state for each item (by item index): what the citizen's page shows.
    std::vector<item_state> view;
  };
  std::shared_ptr<test_result> test;  // null when the form does not load
  // The page the preview shows (an index into the form's pages), or -1 for every page in one list.
  int preview_page = 0;
  std::string preview_followed;  // the selection the preview last followed to its page

  // Publishing (the Server window).
  publisher server;
  std::vector<template_row> server_templates;
  upload_result last_upload;
  bool show_server = false;
  bool ask_open = false;  // the Open dialog is wanted (menu or Ctrl+O)
  std::string dialog_path;  // the path typed into the Open / Save as dialog

  // What the last frame showed, set while it is drawn, for the test hook (--state-file, state_file.h):
  // the file dialog that is open ("Öppna", "Spara som", "" for none) and whether its path field has
  // the keyboard, and the structure row (a JSON pointer) a dragged page or question is over.
  struct seen {
    std::string dialog;
    bool dialog_typing = false;
    std::string drop_target;
  } seen;

  // Runs the form over the test answers again (after an edit or an answer).
  void retest();
  // Saves the test answers as a test case beside the form, in the samples' layout: answers/NAME.json
  // and expected/NAME.json (the result with the golden tests' reference date), so that the golden
  // runner replays it. NAME: lower-case letters, digits and '-'. The status says what happened.
  bool save_test_case(const std::string& name);
  // Opens a file (and remembers it among the recent ones); the status says what happened. Unsaved
  // work on the form open before is kept in its recovery file first, and unsaved work on this form
  // from an earlier session comes back from its recovery file (as a step that can be undone).
  bool open(const std::string& path);
  // Starts a new, unnamed form (unsaved work on the form open before is kept as by open()).
  void new_form();
  // Writes unsaved work to the recovery file (recovery_path()); the file's path, or "" when there was
  // nothing unsaved.
  std::string keep_unsaved();
  // Brings back unsaved work from the recovery file of the open form, if there is one.
  bool restore_unsaved();
  // Sets the language of the preview and the test panel.
  void set_language(const std::string& l);
  bool save(const std::string& path);
  // Applies a command; the status line gets its error.
  bool apply(const command& c);
  void undo();
  void redo();
  // The pointer of the item with this id (for diagnostics and the dependency view); "" when none.
  std::string pointer_of(const std::string& id) const;
  // The item a diagnostic's pointer is inside ("/pages/0/items/3/title/sv" -> "/pages/0/items/3").
  static std::string item_pointer(const std::string& pointer);
};

// What depends on what, for the dependency view: the ids item `i` reads (in its conditions), and
// every place that reads item `i` ("q10: visible_if", "score total", "calculation bmi", ...).
std::vector<std::string> reads_of(const form& f, uint32_t i);
std::vector<std::string> readers_of(const form& f, uint32_t i);

// The reference date of the golden tests (tests/golden/golden_runner.cpp): saved test cases are
// computed with it so that their replay gives the same result whatever the day.
inline constexpr civil_date kGoldenDate{2026, 6, 1};

// The recent files, kept between runs in ~/.config/blankett-designer/recent.txt.
std::vector<std::string> load_recent();
void store_recent(const std::vector<std::string>& recent);

// Where unsaved work is kept if the designer is closed or crashes: beside the file, or in the
// user's home for a new form.
std::string recovery_path(const std::string& path);

}  // namespace blankett::designer
