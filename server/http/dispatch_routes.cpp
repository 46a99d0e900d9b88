// Sending (Utskick): a published template to up to 1,000 recipients, each getting a form instance, or
// form links for people who cannot be sent to by number. Each sending is a dispatch.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "auth/crypto.h"
#include "blankett/pnr.h"
#include "http/app.h"
#include "http/recipients.h"
#include "pdf/letter.h"
#include "log.h"
#include "policy.h"

namespace blankett::server {
namespace {

// The inbox message's text: given (within its length) or the default.
std::string inbox_message_of(simdjson::dom::element b) {
  std::string text(field_text(b, "inbox_message", false));
  size_t chars = 0;
  for (unsigned char ch : text) chars += (ch & 0xC0) != 0x80;
  if (chars > policy::kMaxInboxChars)
    throw api_error{400, "request.value", "inbox_message is at most " + std::to_string(policy::kMaxInboxChars) + " characters.", "inbox_message"};
  return text.empty() ? policy::kInboxDefaultText : text;
}

// Check recipients before sending: {"recipients": [...]} (as for a dispatch). Nothing is stored; the
// answer is as a dispatch's, with "ok" for each recipient that would be sent to.
void check_recipients(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, true);
  simdjson::dom::parser parser;
  const recipient_list list = read_recipients(a, a.body(req, parser));
  const std::vector<outcome> outcomes = a.db().read([&](tx& t) { return look_up(t, list); });
  std::string out;
  json_writer w(out);
  w.begin_object();
  const int64_t ok = write_outcomes(w, outcomes, "ok", false);
  w.key("ok").value(ok).end_object();
  send_json(res, 200, out);
}

// {"template": id, "recipients": ["19640823-3234", ...], "message"?: banner text,
//  "answer_by"?: "YYYY-MM-DD", "delete_after"?: "YYYY-MM-DD", "inbox"?: true|false,
//  "inbox_message"?: text}. One transaction: every recipient that can be sent to gets the form (with an
// inbox message and notifications unless "inbox" is false), or, on a failure, none does.
void send_dispatch(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const int64_t template_id = *field_int(b, "template");
  const std::optional<std::string> banner = banner_of(b);
  const dates d = dates_of(a, b);
  const bool inbox = field_bool(b, "inbox").value_or(true);
  const std::string inbox_text = inbox_message_of(b);
  const recipient_list list = read_recipients(a, b);

  int64_t dispatch = 0;
  std::vector<outcome> outcomes = a.db().write([&](tx& t) {
    const int64_t version_id = sendable_version(t, template_id, *se.unit_id);
    std::vector<outcome> out = look_up(t, list);
    const std::vector<int64_t> citizens = citizens_of(t, list, out);  // new citizen records for numbers seen the first time
    dispatch =
        t.dispatches().create({*se.unit_id, template_id, version_id, *se.staff_id, dispatch_kind::numbers, d.answer_by, d.delete_after});
    new_instance n;
    n.unit_id = *se.unit_id;
    n.version_id = version_id;
    n.dispatch_id = dispatch;
    n.banner = banner;
    n.answer_by = d.answer_by;
    n.delete_after = d.delete_after;
    std::unordered_map<int64_t, int64_t> instance_of;
    for (const auto& [citizen, instance] : t.instances().create_many(n, citizens)) instance_of.emplace(citizen, instance);
    for (outcome& o : out)
      if (o.code.empty()) o.instance = instance_of.at(o.citizen);
    t.dispatches().add_events(dispatch, "sent", se.actor());
    t.webhooks().emit_for_dispatch("FormCreated", dispatch);
    if (inbox && !citizens.empty()) {
      t.inbox().add_for_dispatch(dispatch, policy::kInboxSubject, inbox_text);
      t.notifications().add_for_dispatch(dispatch);
    }
    t.dispatches().set_recipients(dispatch, static_cast<int64_t>(citizens.size()));
    const size_t refused = out.size() - citizens.size();
    audit(t, se, "dispatch", "template:" + std::to_string(template_id),
          std::to_string(citizens.size()) + " recipients" + (refused ? ", " + std::to_string(refused) + " refused" : ""));
    return out;
  });
  a.wake_jobs();  // the notifications go now, not at the job runner's next look

  std::string out;
  json_writer w(out);
  w.begin_object().key("dispatch").value(dispatch);
  const int64_t sent = write_outcomes(w, outcomes, "sent", true);
  w.key("sent").value(sent).end_object();
  log(log_level::info, "dispatch", {{"template", std::to_string(template_id)}, {"sent", std::to_string(sent)}});
  send_json(res, 201, out);
}

// Form links (for people who cannot be sent to: protected identity, reached by SMS or letter):
// {"template": id, "count"?: n ≤ 1000, "message"?, "answer_by"?, "delete_after"?}. Each link opens
// one form instance; the first citizen who logs in with it owns the instance. Only the token's hash
// is stored, so a link is shown this once.
void create_links(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const int64_t template_id = *field_int(b, "template");
  const int64_t count = field_int(b, "count", false).value_or(1);
  if (count < 1 || count > static_cast<int64_t>(kMaxRecipients)) throw api_error{400, "request.value", "count is from 1 to 1000.", "count"};
  const std::optional<std::string> banner = banner_of(b);
  const dates d = dates_of(a, b);
  struct link {
    int64_t instance;
    std::string token;
  };
  int64_t dispatch = 0;
  const std::vector<link> links = a.db().write([&](tx& t) {
    const int64_t version_id = sendable_version(t, template_id, *se.unit_id);
    new_dispatch nd{*se.unit_id, template_id, version_id, *se.staff_id, dispatch_kind::links, d.answer_by, d.delete_after};
    dispatch = t.dispatches().create(nd);
    std::vector<link> out;
    for (int64_t i = 0; i < count; ++i) {
      const std::string token = random_token();
      new_instance n;
      n.unit_id = *se.unit_id;
      n.version_id = version_id;
      n.dispatch_id = dispatch;
      n.banner = banner;
      n.answer_by = d.answer_by;
      n.delete_after = d.delete_after;
      n.link_token_hash = token_hash(token);
      const int64_t instance = t.instances().create(n);
      t.instances().add_event(instance, "link_created", se.actor());
      out.push_back(link{instance, token});
    }
    t.dispatches().set_recipients(dispatch, count);
    t.webhooks().emit_for_dispatch("FormCreated", dispatch);
    audit(t, se, "dispatch.links", "template:" + std::to_string(template_id), std::to_string(count) + " links");
    return out;
  });
  std::string out;
  json_writer w(out);
  a.wake_jobs();  // the webhooks go now
  w.begin_object().key("dispatch").value(dispatch).key("links").begin_array();
  for (const link& l : links) {
    w.begin_object().key("instance").value(l.instance).key("token").value(std::string_view(l.token));
    w.key("path").value(std::string_view("/#/lank/" + l.token)).end_object();
  }
  w.end_array().end_object();
  send_json(res, 201, out);
}


void write_summary(json_writer& w, const dispatch_summary& d) {
  w.begin_object().key("id").value(d.id).key("created_at").value(std::string_view(d.created_at));
  w.key("kind").value(name(d.kind)).key("template").begin_object().key("id").value(d.template_id);
  w.key("name").value(std::string_view(d.template_name)).end_object();
  w.key("staff").value(std::string_view(d.staff_username)).key("answer_by").value(std::string_view(d.answer_by));
  w.key("recipients").value(d.recipients);
  w.key("counts").begin_object().key("inbox").value(d.inbox).key("notified").value(d.notified).key("failed").value(d.failed);
  w.key("opened").value(d.opened).key("answered").value(d.answered).end_object();
  w.end_object();
}

// Skickade utskick: the unit's dispatches, newest first, 50 a page (?before=<id>), with counts only
// (no names: opening one is what reads personal data).
void list_dispatches(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, false);
  const int64_t before = query_int(req, "before", 1, INT64_MAX).value_or(INT64_MAX);
  const auto list = a.db().read([&](tx& t) { return t.dispatches().at_unit(*se.unit_id, before, 50); });
  std::string out;
  json_writer w(out);
  w.begin_object().key("dispatches").begin_array();
  for (const auto& d : list) write_summary(w, d);
  w.end_array().key("next");
  if (list.size() == 50) w.value(list.back().id);
  else w.null();
  w.end_object();
  send_json(res, 200, out);
}

// One dispatch with each recipient's status: sent, with an inbox message, notified (e-mail, SMS) or
// failed, opened, answered. It names people: reading it is logged.
void get_dispatch(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, false);
  const int64_t id = path_id(req, 1);
  struct view {
    dispatch_summary d;
    std::vector<dispatch_recipient> recipients;
  };
  const view v = a.db().write([&](tx& t) {
    const auto d = t.dispatches().find(id, *se.unit_id);
    if (!d) throw api_error{404, "not_found", "No such dispatch.", ""};
    audit(t, se, "dispatch.read", "dispatch:" + std::to_string(id), "");
    return view{*d, t.dispatches().recipients(id)};
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("dispatch");
  write_summary(w, v.d);
  w.key("recipients").begin_array();
  for (const dispatch_recipient& r : v.recipients) {
    w.begin_object().key("instance").value(r.instance_id).key("recipient");
    if (r.recipient) w.begin_object().key("name").value(std::string_view(r.recipient->name)).key("personnummer").value(std::string_view(r.recipient->pnr)).end_object();
    else w.null();
    w.key("state").value(name(r.state)).key("inbox").value(r.inbox);
    w.key("opened_at");
    if (r.opened_at) w.value(std::string_view(*r.opened_at));
    else w.null();
    w.key("submitted_at");
    if (r.submitted_at) w.value(std::string_view(*r.submitted_at));
    else w.null();
    w.key("notifications").begin_array();
    for (const notice& n : r.notices) w.begin_object().key("channel").value(name(n.ch)).key("status").value(name(n.status)).end_object();
    w.end_array().end_object();
  }
  w.end_array().end_object();
  send_json(res, 200, out);
}

// The paper letter (PDF) for one recipient of a dispatch who cannot be notified digitally: a cover
// letter with a new personal link and a code to type by hand (the form's old link stops working), and
// the form's questions for answering on paper. A POST: it makes the link and code, and is logged.
void letter_for(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, true);
  const int64_t dispatch = path_id(req, 1), instance = path_id(req, 2);
  const std::string token = random_token(), code = letter_code();
  const instance_row r = a.db().write([&](tx& t) {
    const auto found = t.instances().load(instance);
    if (!t.dispatches().find(dispatch, *se.unit_id) || !found || found->dispatch_id != dispatch || found->unit_id != *se.unit_id)
      throw api_error{404, "not_found", "No such form in this dispatch.", ""};
    if (found->state == instance_state::completed || found->state == instance_state::cancelled)
      throw api_error{409, "form.state", "The form is " + std::string(name(found->state)) + ": there is nothing to answer.", ""};
    t.instances().set_link(instance, token_hash(token), token_hash(normalize_letter_code(code)));
    t.instances().add_event(instance, "letter_printed", se.actor());
    audit(t, se, "letter.printed", "instance:" + std::to_string(instance), "dispatch:" + std::to_string(dispatch));
    return *found;
  });
  letter l;
  l.unit_name = r.unit_name;
  l.recipient_name = r.subject ? r.subject->name : "";
  l.date = a.time().today_iso();
  l.public_url = a.public_url();
  l.link = a.public_url() + "#/lank/" + token;
  l.code = code;
  l.answer_by = r.answer_by.value_or("");
  l.banner = r.banner;
  const auto f = a.form_of(r.version_id);
  l.form = f.get();
  const std::string pdf = letter_pdf(l);
  if (pdf.empty()) throw api_error{500, "server.letter", "The letter could not be made.", ""};
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"brev-" + std::to_string(instance) + ".pdf\"");
  res.set_content(pdf, "application/pdf");
}

}  // namespace

void install_dispatch_routes(app& a, http::router& r) {
  r.post("/api/v1/dispatches/{id}/letters/{id}", a.handler(letter_for));
  r.get("/api/v1/dispatches", a.handler(list_dispatches));
  r.post("/api/v1/dispatches", a.handler(send_dispatch));
  r.get("/api/v1/dispatches/{id}", a.handler(get_dispatch));
  r.post("/api/v1/dispatches/check", a.handler(check_recipients));
  r.post("/api/v1/dispatches/links", a.handler(create_links));
}

}  // namespace blankett::server
