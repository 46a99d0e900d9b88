// The citizen's forms: the forms page, starting a public form, answering page by page, review,
// submit, cancel, attachments.
//
// States: ONGOING (answers saved page by page, each page checked by the core and saved even when it
// has issues) -> PENDING_COMPLETION (every page valid; the citizen reviews) -> COMPLETED (submitted:
// validated in full, hidden answers dropped, the result computed and stored). CANCELLED from either
// of the first two. A form whose answer-by date has passed is closed to changes.
#include "auth/crypto.h"
#include "http/attachments.h"
#include "http/instance.h"
#include "log.h"
#include "policy.h"

namespace blankett::server {
namespace {

// The instance if it belongs to the session's subject; 404 otherwise (never 403: no probing).
instance_row own_instance(tx& t, const session_info& s, int64_t id) {
  auto row = t.instances().load(id);
  if (!row || row->citizen_id != s.subject()) throw api_error{404, "not_found", "No such form.", ""};
  return *row;
}

instance_row load_owned(app& a, const session_info& s, int64_t id) {
  return a.db().read([&](tx& t) { return own_instance(t, s, id); });
}

// The subject's personnummer (for the core's subject_age() and subject_sex()).
std::string subject_pnr(const instance_row& r) { return r.subject ? r.subject->pnr : std::string(); }

bool closed(const instance_row& r, const std::string& today) { return r.answer_by && *r.answer_by < today; }

// Answering needs an open form: not information only, not submitted or cancelled, not past its day.
void require_answerable(app& a, const instance_row& r) {
  if (r.kind == template_kind::information) throw api_error{409, "form.information", "This form is information only.", ""};
  if (r.state != instance_state::ongoing && r.state != instance_state::pending_completion)
    throw api_error{409, "form.state", "The form is " + std::string(name(r.state)) + " and cannot be changed.", ""};
  if (closed(r, a.time().today_iso())) throw api_error{409, "form.closed", "The last day to answer has passed.", ""};
}

void write_summary(json_writer& w, const instance_summary& r, const form& f, std::string_view lang, const std::string& today) {
  w.begin_object();
  w.key("id").value(r.id);
  w.key("title").value(f.title.in(lang, f.default_language()));
  w.key("unit").value(std::string_view(r.unit_name));
  w.key("kind").value(name(r.kind));
  w.key("state").value(name(r.state));
  w.key("answer_by");
  if (r.answer_by) w.value(std::string_view(*r.answer_by));
  else w.null();
  w.key("closed").value(r.answer_by && *r.answer_by < today);
  w.key("updated_at").value(std::string_view(r.updated_at));
  w.key("submitted_at");
  if (r.submitted_at) w.value(std::string_view(*r.submitted_at));
  else w.null();
  // A package's forms: its title, and which occasion and place (the page groups an occasion's forms).
  if (r.package_id) {
    w.key("package").begin_object().key("id").value(*r.package_id).key("title").value(std::string_view(r.package_title));
    w.key("occasion").value(r.package_occasion.value_or(0)).key("position").value(r.package_position.value_or(0)).end_object();
  }
  w.end_object();
}

// Review and submit may name the revision the citizen saw ({"revision": n}): another is 409.
void check_revision(const http::request& req, const instance_row& r) {
  if (req.body.empty()) return;
  simdjson::dom::parser parser;
  simdjson::dom::element b;
  if (parser.parse(req.body).get(b) || !b.is_object()) throw api_error{400, "request.json", "The request body must be a JSON object.", ""};
  if (const auto rev = field_int(b, "revision", false); rev && *rev != r.revision)
    throw api_error{409, "form.conflict", "The form changed meanwhile; load it again.", "revision"};
}

// The forms page: ongoing, available (public forms to start) and submitted forms.
void forms_page(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, false);
  const std::string lang = req.has_param("lang") ? req.get_param_value("lang") : "sv";
  struct view {
    std::vector<instance_summary> mine;
    std::vector<startable_template> available;
    std::vector<citizen_row> children;
  };
  // Summaries only: each title comes from the version's form, loaded once for all its forms.
  const view v = a.db().read([&](tx& t) {
    return view{t.instances().for_subject(se.subject()), t.templates().startable_all(), t.citizens().children_of(*se.citizen_id)};
  });
  const std::string today = a.time().today_iso();
  std::string out;
  json_writer w(out);
  w.begin_object();
  w.key("acting_for");
  if (se.acting_for) w.value(*se.acting_for);
  else w.null();
  w.key("ongoing").begin_array();
  for (const auto& r : v.mine)
    if (r.state != instance_state::completed) write_summary(w, r, *a.form_of(r.version_id), lang, today);
  w.end_array().key("submitted").begin_array();
  for (const auto& r : v.mine)
    if (r.state == instance_state::completed) write_summary(w, r, *a.form_of(r.version_id), lang, today);
  w.end_array().key("available").begin_array();
  for (const auto& s : v.available) {
    auto f = a.form_of(s.version_id);
    w.begin_object().key("template").value(s.template_id).key("kind").value(name(s.kind));
    w.key("unit").value(std::string_view(s.unit_name)).key("title").value(f->title.in(lang, f->default_language()));
    w.end_object();
  }
  w.end_array();
  write_children(w, v.children, a.time().today());
  w.end_object();
  send_json(res, 200, out);
}

// Start an available form: {"template": id}.
void start_form(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, true);
  simdjson::dom::parser parser;
  const int64_t template_id = *field_int(a.body(req, parser), "template");
  const int limit = a.cfg().max_ongoing_per_template;
  const std::string answer_by = a.time().date_in_days(policy::kStartedAnswerByDays);
  const std::string delete_after = a.time().date_in_days(policy::kStartedDeleteAfterDays);
  const int64_t id = a.db().write([&](tx& t) {
    const auto s = t.templates().startable(template_id);
    if (!s) throw api_error{404, "not_found", "No such form to start.", "template"};
    // A citizen keeps a few ongoing copies of one form at most: enough to start again, never a flood.
    if (t.instances().ongoing_of_template(se.subject(), template_id) >= limit)
      throw api_error{409, "form.limit", "You have " + std::to_string(limit) + " ongoing forms of this kind; finish or cancel one first.",
                      "template"};
    new_instance n;
    n.unit_id = s->unit_id;
    n.version_id = s->version_id;
    n.citizen_id = se.subject();
    n.answer_by = answer_by;
    n.delete_after = delete_after;
    const int64_t created = t.instances().create(n);
    t.instances().add_event(created, "started", se.actor());
    return created;
  });
  send_json(res, 201, "{\"id\":" + std::to_string(id) + "}");
}

// One form: its definition (the pinned version), saved answers, state, banner.
void get_form(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, false);
  instance_row r = load_owned(a, se, path_id(req, 1));
  if (!r.opened_at) {
    // The first opening is what the sender sees as "opened" (Skickade utskick).
    a.db().write([&](tx& t) {
      if (t.instances().mark_opened(r.id)) t.instances().add_event(r.id, "opened", se.actor());
    });
  }
  if (r.kind == template_kind::information && !r.read_at && r.state == instance_state::ongoing) {
    // Reading it is what there is to do: it is then done (listed with the submitted forms).
    r = a.db().write([&](tx& t) {
      if (t.instances().mark_information_read(r.id)) {
        t.instances().add_event(r.id, "read", se.actor());
        t.webhooks().emit("FormCompleted", {r.id});
      }
      return own_instance(t, se, r.id);
    });
    a.wake_jobs();  // the webhooks go now
  }
  std::string out;
  json_writer w(out);
  w.begin_object();
  w.key("id").value(r.id).key("state").value(name(r.state)).key("revision").value(r.revision);
  w.key("kind").value(name(r.kind)).key("unit").value(std::string_view(r.unit_name));
  // The person the form is about (the citizen, or the child a guardian answers for), so that the
  // browser's core computes subject_age() and subject_sex() as the server does. Their own number.
  w.key("subject").value(std::string_view(subject_pnr(r)));
  w.key("banner");
  if (r.banner) w.value(std::string_view(*r.banner));
  else w.null();
  w.key("answer_by");
  if (r.answer_by) w.value(std::string_view(*r.answer_by));
  else w.null();
  w.key("closed").value(closed(r, a.time().today_iso()));
  w.key("form").raw(a.definition_of(r.version_id));
  w.key("answers").raw(r.answers);
  w.key("result");
  if (r.result) w.raw(citizen_result_json(*a.form_of(r.version_id), *r.result));
  else w.null();
  w.end_object();
  send_json(res, 200, out);
}

// Save one page: {"answers": {...}, "revision": n}. Saved even with issues (a draft is never lost);
// the response gives the page's issues and the new revision. 409 when someone saved in between.
void save_page(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const int64_t revision = *field_int(b, "revision");
  auto answers_el = b["answers"];
  if (answers_el.error() || !answers_el.value_unsafe().is_object())
    throw api_error{400, "request.missing", "answers is an object of item ids and values.", "answers"};
  const instance_row r = load_owned(a, se, path_id(req, 1));
  require_answerable(a, r);
  auto f = a.form_of(r.version_id);
  const std::string& page_id = req.matches[2];
  int32_t page = -1;
  for (size_t p = 0; p < f->pages.size(); ++p)
    if (f->pages[p].id == page_id) page = static_cast<int32_t>(p);
  if (page < 0) throw api_error{404, "not_found", "The form has no such page.", "page"};
  const simdjson::dom::object obj = answers_el.value_unsafe().get_object().value_unsafe();
  for (auto [k, v] : obj) {
    const int32_t item = f->find_item(k);
    if (item < 0 || f->items[static_cast<size_t>(item)].page != static_cast<uint32_t>(page))
      throw api_error{400, "form.item", "An answer is not to a question on this page.", "answers." + std::string(k)};
  }
  const std::string merged = merge_answers(r.answers, answers_el.value_unsafe());
  evaluated e;
  evaluate_instance(a, r, merged, subject_pnr(r), page, true, e);
  if (!e.readable) throw api_error{400, "form.answers", "The answers cannot be read.", "answers"};
  // Files of this page's questions that the answers no longer name (replaced, removed) go now, so
  // that replacing a file does not count against the form's quota.
  std::vector<std::string> page_files;
  for (const auto& it : f->items)
    if (it.page == static_cast<uint32_t>(page) && it.type == item_type::attachment) page_files.push_back(it.id);
  a.db().write([&](tx& t) {
    check_attachments(t, *f, r.id, obj);
    if (!t.instances().save_answers(r.id, revision, merged, se.acting_for ? answerer::guardian : answerer::citizen, *se.citizen_id))
      throw api_error{409, "form.conflict", "The form was saved elsewhere; load it again.", "revision"};
    if (!page_files.empty()) prune_attachments(t, r.id, merged, &page_files);
    t.instances().add_event(r.id, "page_saved", se.actor());
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("revision").value(revision + 1).key("page").value(std::string_view(page_id));
  w.key("result").raw(citizen_result_json(*e.f, result_json(e))).end_object();
  send_json(res, 200, out);
}

// Review: the whole form is checked; when it is valid the form waits for confirmation.
void review(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, true);
  const instance_row r = load_owned(a, se, path_id(req, 1));
  check_revision(req, r);
  require_answerable(a, r);
  evaluated e;
  evaluate_instance(a, r, r.answers, subject_pnr(r), -1, true, e);
  const std::string shown = citizen_result_json(*e.f, result_json(e));
  if (!e.result.valid()) return send_json(res, 422, "{\"result\":" + shown + "}");
  a.db().write([&](tx& t) {
    // The answers reviewed are the ones read above: a save in between changed the revision.
    if (!t.instances().to_review(r.id, r.revision)) throw api_error{409, "form.conflict", "The form changed meanwhile; load it again.", ""};
    t.instances().add_event(r.id, "reviewed", se.actor());
  });
  send_json(res, 200, "{\"state\":\"PENDING_COMPLETION\",\"result\":" + shown + "}");
}

// Submit ("Bekräfta och skicka"): validated in full on the server; 422 with the issues otherwise.
void submit(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, true);
  const instance_row r = load_owned(a, se, path_id(req, 1));
  check_revision(req, r);
  if (r.kind == template_kind::information) throw api_error{409, "form.information", "This form is information only.", ""};
  if (r.state != instance_state::pending_completion)
    throw api_error{409, "form.state", r.state == instance_state::completed ? "The form is already submitted." : "Review the form first.", ""};
  if (closed(r, a.time().today_iso())) throw api_error{409, "form.closed", "The last day to answer has passed.", ""};
  evaluated e;
  evaluate_instance(a, r, r.answers, subject_pnr(r), -1, true, e);
  const std::string result = result_json(e);
  const std::string shown = citizen_result_json(*e.f, result);
  if (!e.result.valid()) return send_json(res, 422, "{\"result\":" + shown + "}");
  // Hidden answers are dropped on submit; the result was computed without them already.
  const std::string kept = drop_hidden(e, r.answers);
  int64_t hooks = 0;
  const int64_t followers = a.db().write([&](tx& t) {
    // What is stored is what was validated above: a save or review in between changed the revision.
    if (!t.instances().submit(r.id, r.revision, kept, result, alert_level(e)))
      throw api_error{409, "form.conflict", "The form changed meanwhile; load it again.", ""};
    if (has_attachment_items(*e.f)) prune_attachments(t, r.id, kept);
    t.instances().add_event(r.id, "submitted", se.actor());
    hooks = t.webhooks().emit("FormCompleted", {r.id});
    // Staff who follow the template are told by the outbox (staff_notify.h), once, in few words.
    return t.staff_notices().answered(r.unit_id, r.template_id);
  });
  log(log_level::info, "form.submitted", {{"instance", std::to_string(r.id)}});
  if (followers > 0 || hooks > 0) a.wake_jobs();
  send_json(res, 200, "{\"state\":\"COMPLETED\",\"result\":" + shown + "}");
}

void cancel(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, true);
  const int64_t id = path_id(req, 1);
  a.db().write([&](tx& t) {
    own_instance(t, se, id);
    if (!t.instances().cancel(id)) throw api_error{409, "form.state", "A submitted form cannot be cancelled.", ""};
    t.instances().add_event(id, "cancelled", se.actor());
    t.webhooks().emit("FormCancelled", {id});
  });
  a.wake_jobs();  // the webhooks go now
  send_json(res, 200, R"({"state":"CANCELLED"})");
}

// Upload a file for an attachment question: the raw bytes as the body, ?name=the file's name.
// Checked by content (pdf, jpeg or png, and one the question accepts) and size; the answer to save
// with the page is the returned {id, name, media_type, size}.
void upload_attachment(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, true);
  const config& cfg = a.cfg();
  const instance_row r = load_owned(a, se, path_id(req, 1));
  if (r.state != instance_state::ongoing && r.state != instance_state::pending_completion)
    throw api_error{409, "form.state", "The form is " + std::string(name(r.state)) + " and cannot be changed.", ""};
  if (closed(r, a.time().today_iso())) throw api_error{409, "form.closed", "The last day to answer has passed.", ""};
  auto f = a.form_of(r.version_id);
  const std::string& item_id = req.matches[2];
  const int32_t item = f->find_item(item_id);
  if (item < 0 || f->items[static_cast<size_t>(item)].type != item_type::attachment)
    throw api_error{404, "not_found", "The form has no such attachment question.", "item"};
  const auto& it = f->items[static_cast<size_t>(item)];
  const std::string given = req.get_param_value("name");
  bool clean = !given.empty() && given.size() <= 255;
  for (unsigned char ch : given) clean = clean && ch >= 0x20 && ch != 0x7F;
  if (!clean) throw api_error{400, "attachment.name", "Give the file's name (at most 255 characters).", "name"};
  const uint64_t limit = std::min<uint64_t>(it.max_size.value_or(cfg.max_attachment), cfg.max_attachment);
  if (req.body.size() > limit) throw api_error{413, "attachment.too_large", "The file is larger than allowed.", "file"};
  if (req.body.empty()) throw api_error{400, "attachment.empty", "The file is empty.", "file"};
  const std::string_view media = sniff_media_type(req.body);
  bool accepted = false;
  for (auto m : {media_pdf, media_jpeg, media_png})
    if ((it.media_types & m) && media_type_name(m) == media) accepted = true;
  if (!accepted) throw api_error{415, "attachment.type", "The file must be one of the accepted kinds (pdf, jpg, png) by its content.", "file"};
  new_attachment n{r.id, item_id, clean_file_name(given, media), std::string(media), sha256_hex(req.body), req.body};
  const int64_t id = a.db().write([&](tx& t) {
    // Quotas: files of this question (its max_files, and as many again waiting to replace them until
    // the page is saved), files and bytes of the whole form.
    const attachment_usage u = t.attachments().usage(r.id, item_id);
    if (u.files_of_item >= 2 * static_cast<int64_t>(it.max_files.value_or(1)) || u.files >= cfg.max_files_per_form)
      throw api_error{409, "attachment.limit", "The form has as many files as it may hold; remove one first.", "file"};
    if (static_cast<uint64_t>(u.bytes) + req.body.size() > cfg.max_form_bytes)
      throw api_error{413, "attachment.quota", "The form's files together would be larger than allowed.", "file"};
    const int64_t created = t.attachments().add(n);
    t.instances().add_event(r.id, "attachment_uploaded", se.actor());
    return created;
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("id").value(std::string_view(std::to_string(id))).key("name").value(std::string_view(n.name));
  w.key("media_type").value(media).key("size").value(static_cast<uint64_t>(req.body.size())).end_object();
  send_json(res, 201, out);
}

void get_attachment(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require(req, session_kind::citizen, false);
  const int64_t id = path_id(req, 1), file_id = path_id(req, 2);
  send_attachment(a.db().read([&](tx& t) {
    own_instance(t, se, id);
    return t.attachments().file(file_id, id);
  }),
                  res);
}

}  // namespace

void install_citizen_form_routes(app& a, http::router& r) {
  r.get("/api/v1/citizen/forms", a.handler(forms_page));
  r.post("/api/v1/citizen/forms", a.handler(start_form));
  r.get("/api/v1/citizen/forms/{id}", a.handler(get_form));
  r.put("/api/v1/citizen/forms/{id}/pages/{name}", a.handler(save_page));
  r.post("/api/v1/citizen/forms/{id}/review", a.handler(review));
  r.post("/api/v1/citizen/forms/{id}/submit", a.handler(submit));
  r.post("/api/v1/citizen/forms/{id}/cancel", a.handler(cancel));
  r.post("/api/v1/citizen/forms/{id}/attachments/{name}", a.handler(upload_attachment), a.cfg().max_attachment);
  r.get("/api/v1/citizen/forms/{id}/attachments/{id}", a.handler(get_attachment));
}

}  // namespace blankett::server
