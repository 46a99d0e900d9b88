// Embind bindings over the core and the renderer: the browser's form session.
//
// A FormSession holds one loaded form and the evaluation of one citizen's answers. The browser sets
// one answer at a time and redraws from the returned state; the server later validates the same
// answers with the same core. Everything crosses the boundary as JSON text (one copy, no per-field
// marshalling): answers as JSON values, the render model and state as JSON documents.
#include <emscripten/bind.h>

#include <optional>
#include <string>

#include "blankett/answers.h"
#include "blankett/form.h"
#include "blankett/json_writer.h"
#include "blankett/logic.h"
#include "blankett/messages.h"
#include "blankett/pnr.h"
#include "blankett/render.h"
#include "blankett/validate.h"

namespace blankett::web {

class form_session {
 public:
  // `today`: "YYYY-MM-DD" (the browser's date; the core has no clock).
  form_session(const std::string& form_json, const std::string& today) {
    form_load loaded = load_form(form_json);
    diagnostics_ = std::move(loaded.diagnostics);
    if (!loaded.value) return;
    form_ = std::move(*loaded.value);
    ev_.emplace(*form_);
    if (auto d = parse_civil_date(today)) options_.today = *d;
    options_.mandatory = false;
    ev_->set_options(options_);
    load_answers("{}");
  }

  bool ok() const { return form_.has_value(); }

  // Every problem of a form that did not load: [{code, severity, pointer, line, column, message}].
  std::string diagnostics(const std::string& language) const {
    std::string out;
    json_writer w(out);
    w.begin_array();
    for (const diagnostic& d : diagnostics_) {
      w.begin_object().key("code").value(diag_name(d.code)).key("severity").value(d.level == severity::error ? "error" : "warning");
      w.key("pointer").value(std::string_view(d.pointer)).key("line").value(d.line).key("column").value(d.column);
      w.key("message").value(std::string_view(diagnostic_text(d, language))).end_object();
    }
    w.end_array();
    return out;
  }

  // The person the form is about (a guardian's child, or the citizen): subject_age(), subject_sex().
  bool set_subject(const std::string& personnummer) {
    if (personnummer.empty()) {
      options_.subject.reset();
    } else {
      auto p = parse_pnr(personnummer, pnr_options{options_.today, false});
      if (!p) return false;
      options_.subject = *p;
    }
    return reevaluate();
  }

  // Replaces every answer with `answers_json` ({itemId: value}, as the server stores them).
  bool load_answers(const std::string& answers_json) {
    if (!ev_) return false;
    const std::string doc = "{\"form\":" + quoted(form_->id) + ",\"version\":" + std::to_string(form_->version) +
                            ",\"answers\":" + answers_json + "}";
    std::vector<diagnostic> diags;
    answer_document next;
    if (!reader_.read(*form_, doc, next, diags)) return false;
    doc_ = std::move(next);
    ev_->set_options(options_);
    ev_->evaluate(doc_);
    return true;
  }

  // One answer changed (`value_json` a JSON value; "null" clears it). False for an unknown item.
  bool set_answer(const std::string& item_id, const std::string& value_json) {
    if (!ev_) return false;
    const int32_t i = form_->find_item(item_id);
    if (i < 0 || form_->items[static_cast<size_t>(i)].staff) return false;
    ev_->set_answer(static_cast<uint32_t>(i), value_json);
    return true;
  }

  // Which issues are shown: "" and false while the citizen types (no mandatory issues); a page id
  // and true when the citizen leaves a page ("Nästa"), "" and true for the whole form (review).
  bool check(const std::string& page_id, bool mandatory) {
    if (!ev_) return false;
    options_.mandatory = mandatory;
    options_.page = -1;
    for (size_t p = 0; p < form_->pages.size(); ++p)
      if (form_->pages[p].id == page_id) options_.page = static_cast<int32_t>(p);
    return reevaluate();
  }

  std::string model(const std::string& language) const { return render(language, false); }
  std::string state(const std::string& language) const { return render(language, true); }

  // The result contract of the current answers (what the server computes on submit).
  std::string result() const {
    if (!ev_) return "null";
    validation_result r;
    ev_->result(r);
    std::string out;
    json_writer w(out);
    write_result(*form_, ev_->answers(), r, w);
    return out;
  }

  std::string print_html(const std::string& language) const {
    if (!ev_) return "";
    render_options o;
    o.language = language;
    return render_html(*form_, *ev_, o);
  }

  std::string profile_svg(int index, const std::string& language) const {
    if (!ev_ || index < 0) return "";
    return render_profile_svg(*form_, *ev_, static_cast<size_t>(index), language);
  }

 private:
  static std::string quoted(std::string_view s) {
    std::string out;
    json_writer::escape(out, s);  // adds the quotes
    return out;
  }

  bool reevaluate() {
    if (!ev_) return false;
    answer_document current = ev_->answers();  // may be doc_ itself, or the evaluation's own copy
    doc_ = std::move(current);
    ev_->set_options(options_);
    ev_->evaluate(doc_);
    return true;
  }

  std::string render(const std::string& language, bool only_state) const {
    if (!ev_) return "null";
    render_options o;
    o.language = language;
    std::string out;
    json_writer w(out);
    if (only_state) write_render_state(*form_, *ev_, o, w);
    else write_render_model(*form_, *ev_, o, w);
    return out;
  }

  std::optional<form> form_;
  std::vector<diagnostic> diagnostics_;
  std::optional<evaluation> ev_;
  evaluation_options options_;
  answer_reader reader_;
  answer_document doc_;  // what the last full evaluation read (it must outlive the evaluation's use)
};

// Validates a whole answer document as the server does on submit: the result contract, or
// {"error": ...} when the form or the document cannot be read.
std::string validate_document(const std::string& form_json, const std::string& document_json, const std::string& today) {
  form_load loaded = load_form(form_json);
  if (!loaded.value) return R"({"error":"form"})";
  answer_reader reader;
  answer_document doc;
  std::vector<diagnostic> diags;
  if (!reader.read(*loaded.value, document_json, doc, diags)) return R"({"error":"document"})";
  validate_options vo;
  if (auto d = parse_civil_date(today)) vo.today = *d;
  validation_result r;
  validate(*loaded.value, doc, vo, r);
  std::string out;
  json_writer w(out);
  write_result(*loaded.value, doc, r, w);
  return out;
}

}  // namespace blankett::web

EMSCRIPTEN_BINDINGS(blankett) {
  using blankett::web::form_session;
  emscripten::class_<form_session>("FormSession")
      .constructor<const std::string&, const std::string&>()
      .function("ok", &form_session::ok)
      .function("diagnostics", &form_session::diagnostics)
      .function("setSubject", &form_session::set_subject)
      .function("loadAnswers", &form_session::load_answers)
      .function("setAnswer", &form_session::set_answer)
      .function("check", &form_session::check)
      .function("model", &form_session::model)
      .function("state", &form_session::state)
      .function("result", &form_session::result)
      .function("profileSvg", &form_session::profile_svg)
      .function("printHtml", &form_session::print_html);
  emscripten::function("validateDocument", &blankett::web::validate_document);
}
