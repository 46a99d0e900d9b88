// One form answer as a PDF for staff (Uppföljning, "Exportera PDF"): A4, Swedish, cairo and pango.
//
// What the staff's answer view shows, on paper: the unit, the template's name and version, the
// recipient with their personnummer (a staff export, unlike the paper letter) and the guardian who
// answered for them, the dates; then the calculations (title, result, the staff's text), the scores
// with their bands, the alerts, each star profile drawn as a chart, every visible question with its
// answer in words ("Ej besvarad" when there is none), and the staff's measurements. Every page carries
// the recipient in its header and "Sida i av N" in its footer. Nothing here reads the database: the
// caller loads the instance and evaluates its answers with the core. Thread-safe: each call uses its
// own cairo surface and pango context.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "blankett/logic.h"
#include "store/model.h"

namespace blankett::server {

struct answer_export {
  std::string unit_name;                 // instance_row::unit_name
  std::string template_name;             // the template's name; empty: the form's title in `language`
  int64_t version = 0;                   // instance_row::version (the template version answered)
  instance_state state = instance_state::completed;  // instance_row::state
  std::optional<person> recipient;       // instance_row::subject; none for an unclaimed form link
  std::optional<person> proxy;           // the guardian who answered for a child, when answered_by is guardian
  std::optional<answerer> answered_by;   // instance_row::answered_by
  // Times as the store keeps them: UTC "2026-12-06T14:16:40Z" (printed in local time) or local dates
  // "2026-12-06" (printed as they are). Empty or none: not printed.
  std::string sent_at;                   // instance_row::created_at
  std::optional<std::string> submitted_at, answer_by, delete_after, documented_at;  // the row's fields
  std::string exported_at;               // now (clock::now_iso()): "Utskrivet ..." under the header
  // The instance's answers and measurements read and evaluated for its form (the version answered),
  // as http/instance.h's evaluate_instance does: evaluated::ev. Never null; it must outlive the call.
  const evaluation* answers = nullptr;
  std::string language = "sv";           // the form's texts in this language (else the form's default)
};

// The answer as PDF bytes. Empty when cairo fails or `answers` is null; never throws.
std::string answer_pdf(const answer_export& a);
// Several answers in one PDF (Uppföljning, several answers exported at once): each starts on a new
// page, with its own running header and its own "Sida i av N". Empty when cairo fails or an answer's
// `answers` is null; never throws.
std::string answers_pdf(const std::vector<answer_export>& all);

}  // namespace blankett::server
