// Package dispatch (Paketutskick): package templates kept by designers, packages started by senders,
// and what staff may do to a running package (remove a recipient, stop, restart). The scheduler that
// sends each occasion is server/packages.cpp; docs/api.md has the rules.
#include <unordered_set>

#include "http/app.h"
#include "http/recipients.h"
#include "log.h"
#include "policy.h"

namespace blankett::server {
namespace {

constexpr size_t kMaxNameChars = 200;
constexpr size_t kMaxForms = 10;
constexpr int64_t kMaxOccasions = 52;
// Ended packages stay in the staff's list this long (the manual: 7 days).
constexpr auto kEndedListed = std::chrono::hours(24 * 7);

size_t chars_of(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

bool has_control(std::string_view s) {
  for (unsigned char ch : s)
    if (ch < 0x20 || ch == 0x7F) return true;
  return false;
}

// A name or title: 1–200 characters on one line.
std::string line_of(simdjson::dom::element b, std::string_view key) {
  std::string v(field_text(b, key));
  if (v.empty() || chars_of(v) > kMaxNameChars || has_control(v))
    throw api_error{400, "request.value", std::string(key) + " is 1 to 200 characters on one line.", std::string(key)};
  return v;
}

std::optional<std::string> inbox_text_of(simdjson::dom::element b) {
  auto v = b["inbox_message"];
  if (v.error()) return std::nullopt;
  std::string text(field_text(b, "inbox_message"));
  if (chars_of(text) > policy::kMaxInboxChars)
    throw api_error{400, "request.value", "inbox_message is at most " + std::to_string(policy::kMaxInboxChars) + " characters.", "inbox_message"};
  return text;
}

// "error_email": absent (nullopt), null (an empty optional inside) or an address.
std::optional<std::optional<std::string>> error_email_of(simdjson::dom::element b) {
  auto v = b["error_email"];
  if (v.error()) return std::nullopt;
  if (v.value_unsafe().is_null()) return std::optional<std::string>{};
  std::string e(field_text(b, "error_email"));
  const size_t at = e.find('@');
  if (e.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= e.size() || e.find('@', at + 1) != std::string::npos ||
      e.find(' ') != std::string::npos || has_control(e))
    throw api_error{400, "request.value", "error_email is an e-mail address.", "error_email"};
  return std::optional<std::string>(e);
}

// "HH:MM" as minutes after midnight; -1 when malformed.
int minutes_of(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return -1;
  for (size_t i : {0, 1, 3, 4})
    if (t[i] < '0' || t[i] > '9') return -1;
  const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return -1;
  return h * 60 + m;
}

simdjson::dom::array array_of(simdjson::dom::element b, std::string_view key) {
  auto v = b[key];
  if (v.error()) throw api_error{400, "request.missing", "A required field is missing.", std::string(key)};
  if (!v.value_unsafe().is_array()) throw api_error{400, "request.type", std::string(key) + " is a list.", std::string(key)};
  return v.value_unsafe().get_array().value_unsafe();
}

// "forms": 1–10 template ids, each once.
std::vector<int64_t> form_ids_of(simdjson::dom::element b) {
  const simdjson::dom::array list = array_of(b, "forms");
  if (list.size() == 0) throw api_error{400, "request.value", "Choose at least one form.", "forms"};
  if (list.size() > kMaxForms) throw api_error{400, "request.value", "At most 10 forms.", "forms"};
  std::vector<int64_t> out;
  std::unordered_set<int64_t> seen;
  for (simdjson::dom::element e : list) {
    const std::string field = "forms." + std::to_string(out.size());
    if (!e.is_int64() || e.get_int64().value_unsafe() <= 0) throw api_error{400, "request.type", "A form is a template id.", field};
    const int64_t id = e.get_int64().value_unsafe();
    if (!seen.insert(id).second) throw api_error{400, "request.value", "The form is in the list twice.", field};
    out.push_back(id);
  }
  return out;
}

// ---- JSON ----------------------------------------------------------------------------------------

void write_optional(json_writer& w, std::string_view key, const std::optional<std::string>& v) {
  w.key(key);
  if (v) w.value(std::string_view(*v));
  else w.null();
}

void write_template(json_writer& w, tx& t, const package_template& p) {
  w.begin_object().key("id").value(p.id).key("name").value(std::string_view(p.name)).key("title").value(std::string_view(p.title));
  w.key("weekday");
  if (p.weekday) w.value(static_cast<int64_t>(*p.weekday));
  else w.null();
  write_optional(w, "time", p.time_of_day);
  w.key("interval").begin_object().key("count").value(static_cast<int64_t>(p.interval_count)).key("unit").value(name(p.unit)).end_object();
  w.key("occasions").value(static_cast<int64_t>(p.occasions)).key("inbox_message").value(std::string_view(p.inbox_message));
  write_optional(w, "error_email", p.error_email);
  w.key("archived").value(p.archived).key("forms").begin_array();
  for (const package_form& f : p.forms) {
    const bool available = t.templates().sendable_version(f.template_id, p.unit_id).refusal == send_refusal::none;
    w.begin_object().key("template").value(f.template_id).key("name").value(std::string_view(f.name));
    w.key("form_id").value(std::string_view(f.form_id)).key("available").value(available).end_object();
  }
  w.end_array().key("updated_at").value(std::string_view(p.updated_at)).end_object();
}

void write_occasion_time(json_writer& w, const package_occasion& o) {
  w.key("number").value(o.number).key("date").value(std::string_view(o.local_date)).key("time").value(std::string_view(o.local_time));
  w.key("due_at").value(std::string_view(o.due_at));
}

// The package as the list shows it; `open` leaves the object open for more members.
void write_summary(json_writer& w, const package_summary& p, bool open = false) {
  w.begin_object().key("id").value(p.id).key("name").value(std::string_view(p.name)).key("title").value(std::string_view(p.title));
  w.key("status").value(name(p.status)).key("created_at").value(std::string_view(p.created_at));
  write_optional(w, "ended_at", p.ended_at);
  w.key("staff").value(std::string_view(p.staff_username)).key("staff_name").value(std::string_view(p.staff_name));
  w.key("recipients").value(p.recipients);
  w.key("occasions").value(p.occasions).key("occasions_done").value(p.occasions_done).key("next");
  if (p.next) {
    w.begin_object();
    write_occasion_time(w, *p.next);
    w.end_object();
  } else {
    w.null();
  }
  if (!open) w.end_object();
}

struct package_view {
  package_summary p;
  std::vector<package_form> forms;
  std::vector<package_occasion> occasions;
  std::vector<package_recipient> recipients;
};

package_view view_of(tx& t, int64_t id, int64_t unit) {
  const auto p = t.packages().find(id, unit);
  if (!p) throw api_error{404, "not_found", "No such package.", ""};
  return package_view{*p, t.packages().forms(id), t.packages().occasions(id), t.packages().recipients(id)};
}

bool can_restart(const package_summary& p, const std::string& now) {
  return p.status == package_status::stopped && p.next && p.next->due_at > now;
}

void send_package(app& a, http::response& res, const package_view& v) {
  const std::string now = a.time().now_iso();
  std::string out;
  json_writer w(out);
  w.begin_object().key("package");
  write_summary(w, v.p, true);
  w.key("forms").begin_array();
  for (const package_form& f : v.forms)
    w.begin_object().key("template").value(f.template_id).key("name").value(std::string_view(f.name)).end_object();
  w.end_array().key("inbox_message").value(std::string_view(v.p.inbox_message));
  write_optional(w, "error_email", v.p.error_email);
  w.key("can_stop").value(v.p.status == package_status::running).key("can_restart").value(can_restart(v.p, now));
  w.end_object();
  w.key("occasions").begin_array();
  for (const package_occasion& o : v.occasions) {
    w.begin_object();
    write_occasion_time(w, o);
    w.key("state").value(name(o.state));
    write_optional(w, "sent_at", o.sent_at);
    w.key("notes").raw(o.notes).end_object();
  }
  w.end_array().key("recipients").begin_array();
  for (const package_recipient& r : v.recipients) {
    w.begin_object().key("id").value(r.id).key("name").value(std::string_view(r.who.name));
    w.key("personnummer").value(std::string_view(r.who.pnr));
    write_optional(w, "removed_at", r.removed_at);
    w.key("forms").value(r.forms).key("answered").value(r.answered).end_object();
  }
  w.end_array().end_object();
  send_json(res, 200, out);
}

// ---- package templates ---------------------------------------------------------------------------

session_info require_sender_or_designer(app& a, const http::request& req) {
  const session_info se = a.auth().require_staff(req, std::nullopt, false);
  if (!se.has_role(role::sender) && !se.has_role(role::designer))
    throw api_error{403, "auth.role", "This needs the sender or designer role at the unit.", ""};
  return se;
}

void list_package_templates(app& a, const http::request& req, http::response& res) {
  const session_info se = require_sender_or_designer(a, req);
  std::string out;
  a.db().read([&](tx& t) {
    json_writer w(out);
    w.begin_object().key("package_templates").begin_array();
    for (const package_template& p : t.package_templates().at_unit(*se.unit_id)) write_template(w, t, p);
    w.end_array().end_object();
  });
  send_json(res, 200, out);
}

// The body of a package template, checked against what the unit may use.
package_template template_of(tx& t, simdjson::dom::element b, int64_t unit) {
  package_template p;
  p.unit_id = unit;
  p.name = line_of(b, "name");
  p.title = line_of(b, "title");
  if (auto wd = b["weekday"]; !wd.error() && !wd.value_unsafe().is_null()) {
    const auto d = field_int(b, "weekday");
    if (*d < 1 || *d > 7) throw api_error{400, "request.value", "weekday is 1 (Monday) to 7 (Sunday), or null.", "weekday"};
    p.weekday = static_cast<int>(*d);
  }
  if (auto tm = b["time"]; !tm.error() && !tm.value_unsafe().is_null()) {
    const std::string time(field_text(b, "time"));
    if (minutes_of(time) < 0) throw api_error{400, "request.value", "time is HH:MM, or null.", "time"};
    p.time_of_day = time;
  }
  auto iv = b["interval"];
  if (iv.error() || !iv.value_unsafe().is_object()) throw api_error{400, "request.missing", "interval is {\"count\", \"unit\"}.", "interval"};
  const auto count = field_int(iv.value_unsafe(), "count");
  if (*count < 1 || *count > 52) throw api_error{400, "request.value", "interval.count is 1 to 52.", "interval.count"};
  p.interval_count = static_cast<int>(*count);
  const auto u = parse_name<interval_unit>(field_text(iv.value_unsafe(), "unit"));
  if (!u) throw api_error{400, "request.value", "interval.unit is days, weeks or months.", "interval.unit"};
  p.unit = *u;
  const auto occasions = field_int(b, "occasions");
  if (*occasions < 1 || *occasions > kMaxOccasions) throw api_error{400, "request.value", "occasions is 1 to 52.", "occasions"};
  p.occasions = static_cast<int>(*occasions);
  p.inbox_message = inbox_text_of(b).value_or(policy::kInboxDefaultText);
  if (auto e = error_email_of(b)) p.error_email = *e;
  p.archived = field_bool(b, "archived").value_or(false);
  const std::vector<int64_t> ids = form_ids_of(b);
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string field = "forms." + std::to_string(i);
    const auto access = t.templates().access(ids[i], unit);
    if (!access || !access->visible_to(unit)) throw api_error{404, "not_found", "No such template.", field};
    if (access->kind == template_kind::case_form)
      throw api_error{400, "request.value", "A case form is started by the citizen, not sent.", field};
    const auto s = t.templates().summary(ids[i]);
    p.forms.push_back(package_form{ids[i], s ? s->name : "", s ? s->form_id : ""});
  }
  return p;
}

void create_package_template(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::designer, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  std::string out;
  a.db().write([&](tx& t) {
    package_template p = template_of(t, b, *se.unit_id);
    p.archived = false;
    if (t.package_templates().name_taken(*se.unit_id, p.name, 0))
      throw api_error{409, "package_template.name_taken", "The unit has a package template of that name.", "name"};
    const int64_t id = t.package_templates().create(p);
    audit(t, se, "package_template.create", "package_template:" + std::to_string(id), p.name);
    out.clear();
    json_writer w(out);
    write_template(w, t, *t.package_templates().find(id, *se.unit_id));
  });
  send_json(res, 201, out);
}

void update_package_template(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::designer, true);
  const int64_t id = path_id(req, 1);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  std::string out;
  a.db().write([&](tx& t) {
    if (!t.package_templates().find(id, *se.unit_id)) throw api_error{404, "not_found", "No such package template.", ""};
    package_template p = template_of(t, b, *se.unit_id);
    p.id = id;
    if (t.package_templates().name_taken(*se.unit_id, p.name, id))
      throw api_error{409, "package_template.name_taken", "The unit has a package template of that name.", "name"};
    t.package_templates().update(p);
    audit(t, se, "package_template.update", "package_template:" + std::to_string(id), p.archived ? "archived" : "");
    out.clear();
    json_writer w(out);
    write_template(w, t, *t.package_templates().find(id, *se.unit_id));
  });
  send_json(res, 200, out);
}

// ---- packages ------------------------------------------------------------------------------------

// "occasions": 1–52 local dates and times, each later than the one before, the first in the future.
std::vector<package_occasion> occasions_of(app& a, simdjson::dom::element b) {
  const simdjson::dom::array list = array_of(b, "occasions");
  if (list.size() == 0) throw api_error{400, "request.value", "Keep at least one occasion.", "occasions"};
  if (list.size() > static_cast<size_t>(kMaxOccasions)) throw api_error{400, "request.value", "At most 52 occasions.", "occasions"};
  const auto now = a.time().now();
  std::vector<package_occasion> out;
  for (simdjson::dom::element e : list) {
    const std::string field = "occasions." + std::to_string(out.size());
    if (!e.is_object()) throw api_error{400, "request.type", "An occasion is {\"date\", \"time\"}.", field};
    package_occasion o;
    o.number = static_cast<int64_t>(out.size()) + 1;
    o.local_date = std::string(field_text(e, "date"));
    o.local_time = std::string(field_text(e, "time"));
    const auto date = parse_civil_date(o.local_date);
    const int minutes = minutes_of(o.local_time);
    if (!date.ok()) throw api_error{400, "request.value", "The date is YYYY-MM-DD.", field + ".date"};
    if (minutes < 0) throw api_error{400, "request.value", "The time is HH:MM.", field + ".time"};
    const auto when = local_moment(date.value(), minutes);
    if (when <= now) throw api_error{400, "package.occasion_past", "The occasion's time has passed.", field};
    if (!out.empty() && when <= parse_utc(out.back().due_at))
      throw api_error{400, "request.value", "Each occasion comes after the one before.", field};
    o.due_at = format_utc(when);
    out.push_back(std::move(o));
  }
  return out;
}

void start_package(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const int64_t template_id = *field_int(b, "package_template");
  const std::string title = line_of(b, "title");
  const std::vector<int64_t> forms = form_ids_of(b);
  const std::vector<package_occasion> occasions = occasions_of(a, b);
  const std::optional<std::string> inbox_text = inbox_text_of(b);
  const auto error_email = error_email_of(b);
  const recipient_list list = read_recipients(a, b);

  int64_t id = 0;
  std::vector<outcome> outcomes = a.db().write([&](tx& t) {
    const auto tmpl = t.package_templates().find(template_id, *se.unit_id);
    if (!tmpl) throw api_error{404, "not_found", "No such package template.", "package_template"};
    if (tmpl->archived) throw api_error{409, "package_template.archived", "The package template is archived.", "package_template"};
    for (size_t i = 0; i < forms.size(); ++i) {
      const std::string field = "forms." + std::to_string(i);
      const sendable s = t.templates().sendable_version(forms[i], *se.unit_id);
      if (s.refusal == send_refusal::not_found) throw api_error{404, "not_found", "No such template.", field};
      if (s.refusal != send_refusal::none) {
        const auto summary = t.templates().summary(forms[i]);
        throw api_error{409, "package.form_unavailable",
                        "The form \"" + (summary ? summary->name : std::to_string(forms[i])) +
                            "\" is archived, has no published version, or is a shared template without a subscription.",
                        field};
      }
    }
    std::vector<outcome> out = look_up(t, list);
    const std::vector<int64_t> citizens = citizens_of(t, list, out);
    if (citizens.empty()) throw api_error{400, "package.no_recipients", "No recipient can be sent to.", "recipients"};
    new_package p;
    p.unit_id = *se.unit_id;
    p.package_template_id = tmpl->id;
    p.staff_id = *se.staff_id;
    p.name = tmpl->name;
    p.title = title;
    p.inbox_message = inbox_text.value_or(tmpl->inbox_message);
    p.error_email = error_email ? *error_email : tmpl->error_email;
    p.forms = forms;
    p.occasions = occasions;
    p.citizens = citizens;
    id = t.packages().create(p);
    const size_t refused = out.size() - citizens.size();
    audit(t, se, "package.start", "package:" + std::to_string(id),
          std::to_string(citizens.size()) + " recipients, " + std::to_string(occasions.size()) + " occasions, " +
              std::to_string(forms.size()) + " forms" + (refused ? ", " + std::to_string(refused) + " refused" : ""));
    return out;
  });
  a.wake_jobs();  // an occasion due within the runner's interval goes on time

  std::string out;
  json_writer w(out);
  w.begin_object().key("package").value(id);
  const int64_t added = write_outcomes(w, outcomes, "added", false);
  w.key("added").value(added).end_object();
  log(log_level::info, "package.start", {{"package", std::to_string(id)}, {"recipients", std::to_string(added)}});
  send_json(res, 201, out);
}

void list_packages(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, false);
  const std::string since = format_utc(a.time().now() - kEndedListed);
  const auto list = a.db().read([&](tx& t) { return t.packages().at_unit(*se.unit_id, since); });
  std::string out;
  json_writer w(out);
  w.begin_object().key("packages").begin_array();
  for (const package_summary& p : list) write_summary(w, p);
  w.end_array().end_object();
  send_json(res, 200, out);
}

void get_package(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, false);
  const int64_t id = path_id(req, 1);
  const package_view v = a.db().write([&](tx& t) {
    package_view found = view_of(t, id, *se.unit_id);
    audit(t, se, "package.read", "package:" + std::to_string(id), "");
    return found;
  });
  send_package(a, res, v);
}

void stop_package(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, true);
  const int64_t id = path_id(req, 1);
  const package_view v = a.db().write([&](tx& t) {
    view_of(t, id, *se.unit_id);
    if (!t.packages().set_status(id, package_status::running, package_status::stopped, true))
      throw api_error{409, "package.state", "Only a running package can be stopped.", ""};
    audit(t, se, "package.stop", "package:" + std::to_string(id), "");
    return view_of(t, id, *se.unit_id);
  });
  send_package(a, res, v);
}

void restart_package(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, true);
  const int64_t id = path_id(req, 1);
  const package_view v = a.db().write([&](tx& t) {
    const package_view before = view_of(t, id, *se.unit_id);
    if (before.p.status != package_status::stopped) throw api_error{409, "package.state", "Only a stopped package can be restarted.", ""};
    if (!can_restart(before.p, t.now()))
      throw api_error{409, "package.restart_too_late", "The package's next occasion has passed: it cannot be restarted.", ""};
    t.packages().set_status(id, package_status::stopped, package_status::running, false);
    audit(t, se, "package.restart", "package:" + std::to_string(id), "");
    return view_of(t, id, *se.unit_id);
  });
  send_package(a, res, v);
}

void remove_package_recipient(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, true);
  const int64_t id = path_id(req, 1), recipient = path_id(req, 2);
  const package_view v = a.db().write([&](tx& t) {
    const package_view before = view_of(t, id, *se.unit_id);
    if (before.p.status != package_status::running && before.p.status != package_status::stopped)
      throw api_error{409, "package.state", "The package has ended.", ""};
    bool active = false;
    for (const package_recipient& r : before.recipients) active |= r.id == recipient && !r.removed_at;
    if (!active) throw api_error{404, "not_found", "No such recipient in the package.", ""};
    if (t.packages().active_recipients(id) <= 1)
      throw api_error{409, "package.last_recipient", "The last recipient cannot be removed: stop the package instead.", ""};
    t.packages().remove_recipient(id, recipient);
    audit(t, se, "package.recipient_remove", "package:" + std::to_string(id), "recipient:" + std::to_string(recipient));
    return view_of(t, id, *se.unit_id);
  });
  send_package(a, res, v);
}

}  // namespace

void install_package_routes(app& a, http::router& r) {
  r.get("/api/v1/package-templates", a.handler(list_package_templates));
  r.post("/api/v1/package-templates", a.handler(create_package_template));
  r.put("/api/v1/package-templates/{id}", a.handler(update_package_template));
  r.get("/api/v1/packages", a.handler(list_packages));
  r.post("/api/v1/packages", a.handler(start_package));
  r.get("/api/v1/packages/{id}", a.handler(get_package));
  r.post("/api/v1/packages/{id}/stop", a.handler(stop_package));
  r.post("/api/v1/packages/{id}/restart", a.handler(restart_package));
  r.del("/api/v1/packages/{id}/recipients/{id}", a.handler(remove_package_recipient));
}

}  // namespace blankett::server
