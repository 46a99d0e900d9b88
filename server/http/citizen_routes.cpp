// The citizen's side: log in, the forms page, answering page by page, review, submit, cancel; a
// guardian answering for a child under 13.
//
// States: ONGOING (answers saved page by page, each page checked by the core and saved even when it
// has issues) -> PENDING_COMPLETION (every page valid; the citizen reviews) -> COMPLETED (submitted:
// validated in full, hidden answers dropped, the result computed and stored). CANCELLED from either
// of the first two. A form whose answer-by date has passed is closed to changes.
#include "auth/crypto.h"
#include "blankett/pnr.h"
#include "http/api.h"
#include "blankett/formats.h"
#include "http/attachments.h"
#include "http/instance.h"
#include "log.h"
#include "policy.h"

namespace blankett::server {
namespace {

// The person the forms are about: the child a guardian acts for, else the citizen.
int64_t subject_of(const session_info& s) { return s.acting_for ? *s.acting_for : *s.citizen_id; }

std::string pnr_of(connection& c, int64_t citizen) {
  statement st = c.prepare("SELECT pnr FROM citizens WHERE id = ?");
  st.args(citizen);
  return st.step() ? st.text(0) : std::string();
}

// The instance if it belongs to the session's subject; 404 otherwise (never 403: no probing).
instance_row own_instance(connection& c, const session_info& s, int64_t id) {
  auto row = load_instance(c, id);
  if (!row || row->citizen_id != subject_of(s)) throw api_error{404, "not_found", "No such form.", ""};
  return *row;
}

bool closed(const instance_row& r, const std::string& today) { return r.answer_by && *r.answer_by < today; }

void write_summary(json_writer& w, const instance_row& r, const form& f, std::string_view lang, const std::string& today) {
  w.begin_object();
  w.key("id").value(r.id);
  w.key("title").value(f.title.in(lang, f.default_language()));
  w.key("unit").value(std::string_view(r.unit_name));
  w.key("kind").value(std::string_view(r.kind));
  w.key("state").value(std::string_view(r.state));
  w.key("answer_by");
  if (r.answer_by) w.value(std::string_view(*r.answer_by));
  else w.null();
  w.key("closed").value(closed(r, today));
  w.key("updated_at").value(std::string_view(r.updated_at));
  w.key("submitted_at");
  if (r.submitted_at) w.value(std::string_view(*r.submitted_at));
  else w.null();
  w.end_object();
}

void event(connection& c, int64_t instance, std::string_view kind, const session_info& s, const std::string& now) {
  std::string actor = s.acting_for ? "guardian:" + std::to_string(*s.citizen_id) : "citizen:" + std::to_string(*s.citizen_id);
  c.prepare("INSERT INTO instance_events (instance_id, at, kind, actor) VALUES (?, ?, ?, ?)")
      .args(instance, std::string_view(now), kind, std::string_view(actor))
      .run();
}

// 07XXXXXXXX or +467XXXXXXXX, spaces and dashes allowed.
bool swedish_mobile(std::string_view x) {
  if (!valid_phone(x)) return false;
  std::string digits;
  for (char ch : x)
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (ch == '(' || ch == ')') return false;
  if (x[0] == '+') return digits.size() == 11 && digits.rfind("467", 0) == 0;
  return digits.size() == 10 && digits.rfind("07", 0) == 0;
}

// Review and submit may name the revision the citizen saw ({"revision": n}): another is 409.
void check_revision(const http::request& req, const instance_row& r) {
  if (req.body.empty()) return;
  simdjson::dom::parser parser;
  simdjson::dom::element b;
  if (parser.parse(req.body).get(b) || !b.is_object())
    throw api_error{400, "request.json", "The request body must be a JSON object.", ""};
  if (const auto rev = field_int(b, "revision", false); rev && *rev != r.revision)
    throw api_error{409, "form.conflict", "The form changed meanwhile; load it again.", "revision"};
}

// Children under 13 a guardian may act for.
void write_children(json_writer& w, connection& c, int64_t guardian, civil_date today) {
  w.key("children").begin_array();
  statement st = c.prepare(
      "SELECT c.id, c.name, c.pnr FROM guardianships g JOIN citizens c ON c.id = g.child_id WHERE g.guardian_id = ? ORDER BY c.name");
  st.args(guardian);
  while (st.step()) {
    auto p = parse_pnr(st.text(2), pnr_options{today, false});
    if (!p || !policy::guardian_may_act(*p, today)) continue;
    w.begin_object().key("id").value(st.integer(0)).key("name").value(std::string_view(st.text(1))).end_object();
  }
  w.end_array();
}

}  // namespace

void api::citizen_routes(http::router& s) {
  // Demo identity: {"personnummer": "..."}; with identity "header", the trusted proxy's header.
  s.post("/api/v1/citizen/login", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      require_json_same_origin(req);
      std::string number;
      if (cfg_.identity == "header") {
        // The proxy sets exactly one; two mean a client's copy got through beside the proxy's.
        if (req.header_count(cfg_.identity_header) > 1)
          throw api_error{400, "auth.identity_ambiguous", "The login service sent more than one identity.", ""};
        number = req.get_header_value(cfg_.identity_header);
        if (number.empty()) throw api_error{401, "auth.no_identity", "No identity from the login service.", ""};
      } else {
        if (!cfg_.demo) throw api_error{403, "auth.demo_off", "The demo login is turned off.", ""};
        simdjson::dom::parser parser;
        number = std::string(field_text(body(req, parser), "personnummer"));
      }
      if (login_address.blocked(client_address(req))) throw api_error{429, "auth.throttled", "Too many failed logins; wait a while.", ""};
      auto p = parse_pnr(number, pnr_options{today_civil(), false});
      if (!p) {
        login_address.record(client_address(req));
        throw api_error{400, "auth.personnummer", "That is not a valid personnummer.", "personnummer"};
      }
      connection& c = db();
      transaction t(c);
      statement who = c.prepare("SELECT id, locked FROM citizens WHERE pnr = ?");
      who.args(p->twelve());
      int64_t citizen = 0;
      if (who.step()) {
        if (who.integer(1) != 0) throw api_error{403, "auth.locked", "This login is locked. Contact your care unit.", ""};
        citizen = who.integer(0);
      } else {
        statement ins = c.prepare("INSERT INTO citizens (pnr, name, created_at) VALUES (?, '', ?) RETURNING id");
        ins.args(p->twelve(), std::string_view(now_iso()));
        citizen = ins.returned_id();
      }
      c.prepare("UPDATE citizens SET has_logged_in = 1 WHERE id = ?").args(citizen).run();
      const std::string token = random_token(), csrf = random_token();
      // Expired sessions go as new ones come: the table holds only live ones.
      c.prepare("DELETE FROM sessions WHERE expires_at <= ?").args(std::string_view(now_iso())).run();
      c.prepare("INSERT INTO sessions (token_hash, kind, citizen_id, csrf, created_at, expires_at) VALUES (?, 'citizen', ?, ?, ?, ?)")
          .args(std::string_view(token_hash(token)), citizen, std::string_view(csrf), std::string_view(now_iso()),
                std::string_view(time().in_hours_iso(cfg_.session_hours)))
          .run();
      t.commit();
      log(log_level::info, "citizen.login", {{"citizen", std::to_string(citizen)}});
      res.set_header("Set-Cookie", session_cookie(token, cfg_.session_hours * 3600));
      std::string out;
      json_writer w(out);
      w.begin_object().key("citizen").value(citizen).key("csrf").value(std::string_view(csrf));
      write_children(w, c, citizen, today_civil());
      w.end_object();
      send(res, 200, out);
    });
  });

  // The demo login's people: the citizens in the database, for trying Blankett out. Demo mode only.
  s.get("/api/v1/citizen/demo-people", [this](const http::request&, http::response& res) {
    guarded(res, [&] {
      if (!cfg_.demo || cfg_.identity != "demo") throw api_error{404, "not_found", "Not found.", ""};
      statement st = db().prepare("SELECT name, pnr, protected_identity FROM citizens WHERE name <> '' ORDER BY id LIMIT 50");
      std::string out;
      json_writer w(out);
      w.begin_object().key("people").begin_array();
      while (st.step()) {
        w.begin_object().key("name").value(std::string_view(st.text(0))).key("personnummer").value(std::string_view(st.text(1)));
        w.key("protected_identity").value(st.integer(2) != 0).end_object();
      }
      w.end_array().end_object();
      send(res, 200, out);
    });
  });

  s.post("/api/v1/citizen/logout", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", true);
      connection& c = db();
      transaction t(c);
      c.prepare("DELETE FROM sessions WHERE token_hash = ?").args(std::string_view(se.token_hash)).run();
      t.commit();
      res.set_header("Set-Cookie", session_cookie("", 0));
      send(res, 200, R"({"ok":true})");
    });
  });

  // Act for a child under 13 ({"child": id}) or for oneself again ({"child": null}).
  s.put("/api/v1/citizen/acting-for", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", true);
      simdjson::dom::parser parser;
      auto b = body(req, parser);
      connection& c = db();
      std::optional<int64_t> child;
      if (auto v = b["child"]; !v.error() && !v.value_unsafe().is_null()) child = field_int(b, "child");
      if (child) {
        statement g = c.prepare(
            "SELECT c.pnr, c.locked FROM guardianships g JOIN citizens c ON c.id = g.child_id WHERE g.guardian_id = ? AND g.child_id = ?");
        g.args(*se.citizen_id, *child);
        if (!g.step()) throw api_error{404, "not_found", "No such child.", "child"};
        if (g.integer(1) != 0) throw api_error{403, "auth.locked", "The child's login is locked.", "child"};
        auto p = parse_pnr(g.text(0), pnr_options{today_civil(), false});
        if (!p || !policy::guardian_may_act(*p, today_civil()))
          throw api_error{403, "guardian.age", "A guardian answers for a child until the child turns 13.", "child"};
      }
      transaction t(c);
      c.prepare("UPDATE sessions SET acting_for = ? WHERE token_hash = ?").args(child, std::string_view(se.token_hash)).run();
      t.commit();
      send(res, 200, R"({"ok":true})");
    });
  });

  // The forms page: ongoing, available (public forms to start) and submitted forms.
  s.get("/api/v1/citizen/forms", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", false);
      const std::string lang = req.has_param("lang") ? req.get_param_value("lang") : "sv";
      connection& c = db();
      std::string out;
      json_writer w(out);
      w.begin_object();
      w.key("acting_for");
      if (se.acting_for) w.value(*se.acting_for);
      else w.null();
      // Summaries only: the title comes from the version's form, loaded once for all its forms.
      statement list = c.prepare(
          "SELECT i.id, i.version_id, i.state, i.answer_by, i.updated_at, i.submitted_at, t.kind, u.name "
          "FROM instances i JOIN template_versions v ON v.id = i.version_id JOIN templates t ON t.id = v.template_id "
          "JOIN units u ON u.id = i.unit_id WHERE i.citizen_id = ? AND i.state <> 'CANCELLED' ORDER BY i.id DESC");
      list.args(subject_of(se));
      std::vector<instance_row> ongoing, submitted;
      while (list.step()) {
        instance_row r;
        r.id = list.integer(0);
        r.version_id = list.integer(1);
        r.state = list.text(2);
        r.answer_by = list.text_or_null(3);
        r.updated_at = list.text(4);
        r.submitted_at = list.text_or_null(5);
        r.kind = list.text(6);
        r.unit_name = list.text(7);
        (r.state == "COMPLETED" ? submitted : ongoing).push_back(std::move(r));
      }
      list.reset();
      const std::string today = today_iso();
      w.key("ongoing").begin_array();
      for (const auto& r : ongoing) write_summary(w, r, *form_of(r.version_id), lang, today);
      w.end_array().key("submitted").begin_array();
      for (const auto& r : submitted) write_summary(w, r, *form_of(r.version_id), lang, today);
      w.end_array().key("available").begin_array();
      statement avail = c.prepare(
          "SELECT t.id, t.kind, u.name, v.id FROM templates t JOIN units u ON u.id = t.unit_id "
          "JOIN template_versions v ON v.template_id = t.id WHERE t.public = 1 AND v.state = 'published' "
          "AND v.version = (SELECT MAX(v2.version) FROM template_versions v2 WHERE v2.template_id = t.id AND v2.state = 'published') "
          "ORDER BY u.name, t.name");
      while (avail.step()) {
        auto f = form_of(avail.integer(3));
        w.begin_object().key("template").value(avail.integer(0)).key("kind").value(std::string_view(avail.text(1)));
        w.key("unit").value(std::string_view(avail.text(2))).key("title").value(f->title.in(lang, f->default_language()));
        w.end_object();
      }
      w.end_array();
      write_children(w, c, *se.citizen_id, today_civil());
      w.end_object();
      send(res, 200, out);
    });
  });

  // Start an available form: {"template": id}.
  s.post("/api/v1/citizen/forms", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", true);
      simdjson::dom::parser parser;
      const int64_t template_id = *field_int(body(req, parser), "template");
      connection& c = db();
      transaction t(c);
      statement v = c.prepare(
          "SELECT v.id, t.unit_id FROM templates t JOIN template_versions v ON v.template_id = t.id "
          "WHERE t.id = ? AND t.public = 1 AND v.state = 'published' ORDER BY v.version DESC LIMIT 1");
      v.args(template_id);
      if (!v.step()) throw api_error{404, "not_found", "No such form to start.", "template"};
      const int64_t version_id = v.integer(0), unit_id = v.integer(1);
      v.reset();
      {
        // A citizen keeps a few ongoing copies of one form at most: enough to start again, never a flood.
        statement n = c.prepare(
            "SELECT COUNT(*) FROM instances i JOIN template_versions tv ON tv.id = i.version_id "
            "WHERE i.citizen_id = ? AND tv.template_id = ? AND i.state IN ('ONGOING', 'PENDING_COMPLETION')");
        n.args(subject_of(se), template_id);
        if (n.step() && n.integer(0) >= cfg_.max_ongoing_per_template)
          throw api_error{409, "form.limit",
                          "You have " + std::to_string(cfg_.max_ongoing_per_template) + " ongoing forms of this kind; finish or cancel one first.",
                          "template"};
      }
      const std::string now = now_iso();
      statement ins = c.prepare(
          "INSERT INTO instances (unit_id, version_id, citizen_id, state, answer_by, delete_after, created_at, updated_at) "
          "VALUES (?, ?, ?, 'ONGOING', ?, ?, ?, ?) RETURNING id");
      ins.args(unit_id, version_id, subject_of(se), std::string_view(date_in_days(policy::kStartedAnswerByDays)),
               std::string_view(date_in_days(policy::kStartedDeleteAfterDays)), std::string_view(now), std::string_view(now));
      const int64_t id = ins.returned_id();
      event(c, id, "started", se, now_iso());
      t.commit();
      send(res, 201, "{\"id\":" + std::to_string(id) + "}");
    });
  });

  // One form: its definition (the pinned version), saved answers, state, banner.
  s.get("/api/v1/citizen/forms/{id}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", false);
      connection& c = db();
      instance_row r = own_instance(c, se, path_id(req, 1));
      if (r.kind == "information" && !r.read_at && r.state == "ONGOING") {
        // Reading it is what there is to do: it is then done (listed with the submitted forms).
        const std::string now = now_iso();
        transaction t(c);
        c.prepare("UPDATE instances SET read_at = ?, state = 'COMPLETED', submitted_at = ?, updated_at = ? "
                  "WHERE id = ? AND read_at IS NULL AND state = 'ONGOING'")
            .args(std::string_view(now), std::string_view(now), std::string_view(now), r.id)
            .run();
        if (c.changes() == 1) event(c, r.id, "read", se, now);
        t.commit();
        r = own_instance(c, se, r.id);
      }
      std::string out;
      json_writer w(out);
      w.begin_object();
      w.key("id").value(r.id).key("state").value(std::string_view(r.state)).key("revision").value(r.revision);
      w.key("kind").value(std::string_view(r.kind)).key("unit").value(std::string_view(r.unit_name));
      // The person the form is about (the citizen, or the child a guardian answers for), so that the
      // browser's core computes subject_age() and subject_sex() as the server does. Their own number.
      w.key("subject").value(std::string_view(pnr_of(c, subject_of(se))));
      w.key("banner");
      if (r.banner) w.value(std::string_view(*r.banner));
      else w.null();
      w.key("answer_by");
      if (r.answer_by) w.value(std::string_view(*r.answer_by));
      else w.null();
      w.key("closed").value(closed(r, today_iso()));
      w.key("form").raw(r.definition);
      w.key("answers").raw(r.answers);
      w.key("result");
      if (r.result) w.raw(citizen_result_json(*form_of(r.version_id, r.definition), *r.result));
      else w.null();
      w.end_object();
      send(res, 200, out);
    });
  });

  // Save one page: {"answers": {...}, "revision": n}. Saved even with issues (a draft is never lost);
  // the response gives the page's issues and the new revision. 409 when someone saved in between.
  s.put("/api/v1/citizen/forms/{id}/pages/{name}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", true);
      simdjson::dom::parser parser;
      auto b = body(req, parser);
      const int64_t revision = *field_int(b, "revision");
      auto answers_el = b["answers"];
      if (answers_el.error() || !answers_el.value_unsafe().is_object())
        throw api_error{400, "request.missing", "answers is an object of item ids and values.", "answers"};
      connection& c = db();
      instance_row r = own_instance(c, se, path_id(req, 1));
      if (r.kind == "information") throw api_error{409, "form.information", "This form is information only.", ""};
      if (r.state != "ONGOING" && r.state != "PENDING_COMPLETION")
        throw api_error{409, "form.state", "The form is " + r.state + " and cannot be changed.", ""};
      if (closed(r, today_iso())) throw api_error{409, "form.closed", "The last day to answer has passed.", ""};
      auto f = form_of(r.version_id, r.definition);
      const std::string page_id = req.matches[2];
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
      check_attachments(c, *f, r.id, obj);
      const std::string merged = merge_answers(r.answers, answers_el.value_unsafe());
      const std::optional<std::string> subject = pnr_of(c, subject_of(se));
      evaluated e;
      evaluate_instance(*this, r, merged, subject, page, true, e);
      if (!e.readable) throw api_error{400, "form.answers", "The answers cannot be read.", "answers"};
      transaction t(c);
      const std::string now = now_iso();
      c.prepare("UPDATE instances SET answers = ?, state = 'ONGOING', revision = revision + 1, updated_at = ?, "
                "answered_by = ?, actor_citizen_id = ? WHERE id = ? AND revision = ?")
          .args(std::string_view(merged), std::string_view(now), std::string_view(se.acting_for ? "guardian" : "citizen"),
                *se.citizen_id, r.id, revision)
          .run();
      if (c.changes() == 0) throw api_error{409, "form.conflict", "The form was saved elsewhere; load it again.", "revision"};
      // Files of this page's questions that the answers no longer name (replaced, removed) go now,
      // so that replacing a file does not count against the form's quota.
      std::vector<std::string> page_files;
      for (const auto& it : f->items)
        if (it.page == static_cast<uint32_t>(page) && it.type == item_type::attachment) page_files.push_back(it.id);
      if (!page_files.empty()) prune_attachments(c, r.id, merged, &page_files);
      event(c, r.id, "page_saved", se, now_iso());
      t.commit();
      std::string out;
      json_writer w(out);
      w.begin_object().key("revision").value(revision + 1).key("page").value(std::string_view(page_id));
      w.key("result").raw(citizen_result_json(*e.f, result_json(e))).end_object();
      send(res, 200, out);
    });
  });

  // Review: the whole form is checked; when it is valid the form waits for confirmation.
  s.post("/api/v1/citizen/forms/{id}/review", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", true);
      connection& c = db();
      instance_row r = own_instance(c, se, path_id(req, 1));
      check_revision(req, r);
      if (r.kind == "information") throw api_error{409, "form.information", "This form is information only.", ""};
      if (r.state != "ONGOING" && r.state != "PENDING_COMPLETION")
        throw api_error{409, "form.state", "The form is " + r.state + ".", ""};
      if (closed(r, today_iso())) throw api_error{409, "form.closed", "The last day to answer has passed.", ""};
      evaluated e;
      evaluate_instance(*this, r, r.answers, pnr_of(c, subject_of(se)), -1, true, e);
      const std::string shown = citizen_result_json(*e.f, result_json(e));
      if (!e.result.valid()) return send(res, 422, "{\"result\":" + shown + "}");
      transaction t(c);
      // The answers reviewed are the ones read above: a save in between changed the revision.
      c.prepare("UPDATE instances SET state = 'PENDING_COMPLETION', updated_at = ? WHERE id = ? AND revision = ? "
                "AND state IN ('ONGOING', 'PENDING_COMPLETION')")
          .args(std::string_view(now_iso()), r.id, r.revision)
          .run();
      if (c.changes() == 0) throw api_error{409, "form.conflict", "The form changed meanwhile; load it again.", ""};
      event(c, r.id, "reviewed", se, now_iso());
      t.commit();
      send(res, 200, "{\"state\":\"PENDING_COMPLETION\",\"result\":" + shown + "}");
    });
  });

  // Submit ("Bekräfta och skicka"): validated in full on the server; 422 with the issues otherwise.
  s.post("/api/v1/citizen/forms/{id}/submit", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", true);
      connection& c = db();
      instance_row r = own_instance(c, se, path_id(req, 1));
      check_revision(req, r);
      if (r.kind == "information") throw api_error{409, "form.information", "This form is information only.", ""};
      if (r.state != "PENDING_COMPLETION")
        throw api_error{409, "form.state", r.state == "COMPLETED" ? "The form is already submitted." : "Review the form first.", ""};
      if (closed(r, today_iso())) throw api_error{409, "form.closed", "The last day to answer has passed.", ""};
      evaluated e;
      evaluate_instance(*this, r, r.answers, pnr_of(c, subject_of(se)), -1, true, e);
      const std::string result = result_json(e);
      const std::string shown = citizen_result_json(*e.f, result);
      if (!e.result.valid()) return send(res, 422, "{\"result\":" + shown + "}");
      // Hidden answers are dropped on submit; the result was computed without them already.
      const std::string kept = drop_hidden(e, r.answers);
      transaction t(c);
      const std::string now = now_iso();
      // What is stored is what was validated above: a save, a review in between changed the revision.
      c.prepare("UPDATE instances SET state = 'COMPLETED', answers = ?, result = ?, submitted_at = ?, updated_at = ?, "
                "revision = revision + 1 WHERE id = ? AND revision = ? AND state = 'PENDING_COMPLETION'")
          .args(std::string_view(kept), std::string_view(result), std::string_view(now), std::string_view(now), r.id, r.revision)
          .run();
      if (c.changes() == 0) throw api_error{409, "form.conflict", "The form changed meanwhile; load it again.", ""};
      prune_attachments(c, r.id, kept);
      event(c, r.id, "submitted", se, now_iso());
      t.commit();
      log(log_level::info, "form.submitted", {{"instance", std::to_string(r.id)}});
      send(res, 200, "{\"state\":\"COMPLETED\",\"result\":" + shown + "}");
    });
  });

  s.post("/api/v1/citizen/forms/{id}/cancel", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", true);
      connection& c = db();
      instance_row r = own_instance(c, se, path_id(req, 1));
      transaction t(c);
      c.prepare("UPDATE instances SET state = 'CANCELLED', updated_at = ? WHERE id = ? AND state IN ('ONGOING', 'PENDING_COMPLETION')")
          .args(std::string_view(now_iso()), r.id)
          .run();
      if (c.changes() == 0) throw api_error{409, "form.state", "A submitted form cannot be cancelled.", ""};
      event(c, r.id, "cancelled", se, now_iso());
      t.commit();
      send(res, 200, R"({"state":"CANCELLED"})");
    });
  });

  // Upload a file for an attachment question: the raw bytes as the body, ?name=the file's name.
  // Checked by content (pdf, jpeg or png, and one the question accepts) and size; the answer to save
  // with the page is the returned {id, name, media_type, size}.
  s.post("/api/v1/citizen/forms/{id}/attachments/{name}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", true);
      connection& c = db();
      instance_row r = own_instance(c, se, path_id(req, 1));
      if (r.state != "ONGOING" && r.state != "PENDING_COMPLETION")
        throw api_error{409, "form.state", "The form is " + r.state + " and cannot be changed.", ""};
      if (closed(r, today_iso())) throw api_error{409, "form.closed", "The last day to answer has passed.", ""};
      auto f = form_of(r.version_id, r.definition);
      const std::string item_id = req.matches[2];
      const int32_t item = f->find_item(item_id);
      if (item < 0 || f->items[static_cast<size_t>(item)].type != item_type::attachment)
        throw api_error{404, "not_found", "The form has no such attachment question.", "item"};
      const auto& it = f->items[static_cast<size_t>(item)];
      const std::string given = req.get_param_value("name");
      bool clean = !given.empty() && given.size() <= 255;
      for (unsigned char ch : given) clean = clean && ch >= 0x20 && ch != 0x7F;
      if (!clean) throw api_error{400, "attachment.name", "Give the file's name (at most 255 characters).", "name"};
      const uint64_t limit = std::min<uint64_t>(it.max_size.value_or(cfg_.max_attachment), cfg_.max_attachment);
      if (req.body.size() > limit) throw api_error{413, "attachment.too_large", "The file is larger than allowed.", "file"};
      if (req.body.empty()) throw api_error{400, "attachment.empty", "The file is empty.", "file"};
      const std::string_view media = sniff_media_type(req.body);
      bool accepted = false;
      for (auto m : {media_pdf, media_jpeg, media_png})
        if ((it.media_types & m) && media_type_name(m) == media) accepted = true;
      if (!accepted)
        throw api_error{415, "attachment.type", "The file must be one of the accepted kinds (pdf, jpg, png) by its content.", "file"};
      const std::string name = clean_file_name(given, media);
      transaction t(c);
      {
        // Quotas: files of this question (its max_files, and as many again waiting to replace them
        // until the page is saved), files and bytes of the whole form.
        statement q = c.prepare(
            "SELECT COUNT(*), COALESCE(SUM(size), 0), COALESCE(SUM(CASE WHEN item = ? THEN 1 ELSE 0 END), 0) "
            "FROM attachments WHERE instance_id = ?");
        q.args(std::string_view(item_id), r.id);
        q.step();
        const int64_t files = q.integer(0), bytes = q.integer(1), here = q.integer(2);
        q.reset();
        if (here >= 2 * static_cast<int64_t>(it.max_files.value_or(1)) || files >= cfg_.max_files_per_form)
          throw api_error{409, "attachment.limit", "The form has as many files as it may hold; remove one first.", "file"};
        if (static_cast<uint64_t>(bytes) + req.body.size() > cfg_.max_form_bytes)
          throw api_error{413, "attachment.quota", "The form's files together would be larger than allowed.", "file"};
      }
      statement ins = c.prepare(
          "INSERT INTO attachments (instance_id, item, name, media_type, size, sha256, content, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
      ins.args(r.id, std::string_view(item_id), std::string_view(name), media, static_cast<int64_t>(req.body.size()),
               std::string_view(sha256_hex(req.body)));
      ins.bind_blob(7, req.body).bind(8, std::string_view(now_iso()));
      const int64_t id = ins.returned_id();
      event(c, r.id, "attachment_uploaded", se, now_iso());
      t.commit();
      std::string out;
      json_writer w(out);
      w.begin_object().key("id").value(std::string_view(std::to_string(id))).key("name").value(std::string_view(name));
      w.key("media_type").value(media).key("size").value(static_cast<uint64_t>(req.body.size())).end_object();
      send(res, 201, out);
    });
  }, cfg_.max_attachment);

  s.get("/api/v1/citizen/forms/{id}/attachments/{id}", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", false);
      connection& c = db();
      instance_row r = own_instance(c, se, path_id(req, 1));
      send_attachment(c, r.id, path_id(req, 2), res);
    });
  });

  // Claim a form link: {"token": "..."}; the form becomes the logged-in citizen's (or the child's).
  // 404 link.unknown: no such link; 409 link.used: someone else's now; 410 link.expired: not claimed
  // before the form's last day to answer. Opening one's own link again gives the form.
  s.post("/api/v1/citizen/links", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", true);
      simdjson::dom::parser parser;
      const std::string token(field_text(body(req, parser), "token"));
      if (token.size() != 64) throw api_error{404, "link.unknown", "No such form link.", "token"};
      connection& c = db();
      transaction t(c);
      statement st = c.prepare("SELECT id, citizen_id, answer_by, state FROM instances WHERE public_token_hash = ?");
      st.args(std::string_view(token_hash(token)));
      if (!st.step()) throw api_error{404, "link.unknown", "No such form link.", "token"};
      const int64_t id = st.integer(0);
      const auto owner = st.integer_or_null(1);
      const auto answer_by = st.text_or_null(2);
      const std::string state = st.text(3);
      st.reset();
      if (owner && *owner != subject_of(se)) throw api_error{409, "link.used", "The form link has been used already.", "token"};
      if (!owner && ((answer_by && *answer_by < today_iso()) || state == "CANCELLED"))
        throw api_error{410, "link.expired", "The form link is no longer valid.", "token"};
      if (!owner) {
        c.prepare("UPDATE instances SET citizen_id = ?, updated_at = ? WHERE id = ? AND citizen_id IS NULL")
            .args(subject_of(se), std::string_view(now_iso()), id)
            .run();
        event(c, id, "link_claimed", se, now_iso());
      }
      t.commit();
      send(res, 200, "{\"id\":" + std::to_string(id) + "}");
    });
  });

  // Who is logged in, and their notification settings (e-mail, SMS).
  s.get("/api/v1/citizen/me", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", false);
      connection& c = db();
      statement st = c.prepare("SELECT name, notify_email, notify_sms FROM citizens WHERE id = ?");
      st.args(*se.citizen_id);
      if (!st.step()) throw api_error{401, "auth.required", "Log in first.", ""};
      std::string out;
      json_writer w(out);
      w.begin_object().key("citizen").value(*se.citizen_id).key("name").value(std::string_view(st.text(0)));
      w.key("notifications").begin_object();
      w.key("email");
      if (st.is_null(1)) w.null();
      else w.value(std::string_view(st.text(1)));
      w.key("sms");
      if (st.is_null(2)) w.null();
      else w.value(std::string_view(st.text(2)));
      w.end_object();
      w.key("acting_for");
      if (se.acting_for) w.value(*se.acting_for);
      else w.null();
      w.key("csrf").value(std::string_view(se.csrf));
      write_children(w, c, *se.citizen_id, today_civil());
      w.end_object();
      send(res, 200, out);
    });
  });

  // Notification settings: {"email"?: address or null, "sms"?: mobile number or null}.
  s.put("/api/v1/citizen/settings", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_session(req, "citizen", true);
      simdjson::dom::parser parser;
      auto b = body(req, parser);
      connection& c = db();
      transaction t(c);
      for (const char* key : {"email", "sms"}) {
        auto v = b[key];
        if (v.error()) continue;
        std::optional<std::string> value;
        if (!v.value_unsafe().is_null()) {
          value = std::string(field_text(b, key));
          const std::string& x = *value;
          // The core's rules, as for an e-mail or phone answer (ASCII only: no CR or LF gets through);
          // an SMS needs a Swedish mobile number.
          bool ok = x.size() <= 254 && (std::string_view(key) == "email" ? valid_email(x) : swedish_mobile(x));
          if (!ok) throw api_error{400, "request.value", std::string("That is not a valid ") + (key[0] == 'e' ? "e-mail address." : "mobile number."), key};
        }
        c.prepare(std::string("UPDATE citizens SET notify_") + key + " = ? WHERE id = ?").args(value, *se.citizen_id).run();
      }
      t.commit();
      send(res, 200, R"({"ok":true})");
    });
  });
}

}  // namespace blankett::server
