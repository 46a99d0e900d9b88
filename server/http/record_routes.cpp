// Record systems (journalsystem, as RIV-TA forminteraction in JSON): an administrator registers a
// system for the unit and gets its API key once; the system, calling with `Authorization: Bearer
// <key>`, creates forms for patients (as a staff dispatch does, with the same rules and code:
// recipients.h), reads them with their answers and result, lists and cancels them, and lists the
// templates it may send.
//
// Index: the key and the caller · administration (/api/v1/admin/record-systems) · the API
// (/api/v1/records/...) · routes.
//
// A system sees only its unit's forms: another unit's is a 404, never a 403. Every call of a system is
// in the audit log at its unit, without a staff member: target "record_system:<id>", the system's name
// first in the details.
#include <sodium.h>

#include "auth/crypto.h"
#include "blankett/pnr.h"
#include "http/app.h"
#include "http/recipients.h"
#include "log.h"
#include "policy.h"

namespace blankett::server {
namespace {

// ---- the key and the caller ---------------------------------------------------------------------

constexpr std::string_view kKeyPrefix = "bk_";
constexpr size_t kKeyBytes = 32;
constexpr size_t kMaxNameChars = 100;
constexpr size_t kMaxExternalRefChars = 200;
constexpr int64_t kMaxForms = 1000;

// A new key: "bk_" and 32 random bytes in base64url without padding (46 characters in all).
std::string new_key() {
  unsigned char raw[kKeyBytes];
  randombytes_buf(raw, sizeof raw);
  char text[sodium_base64_ENCODED_LEN(kKeyBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw, sizeof raw);
  return std::string(kKeyPrefix) + text;
}
const size_t kKeyLength = kKeyPrefix.size() + sodium_base64_ENCODED_LEN(kKeyBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1;

size_t chars_of(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

// The calling system, by the key in the Authorization header (a bearer key). A key that is missing,
// malformed, unknown or revoked is the same 401, so that a caller learns nothing of which. The
// database is asked for the key's SHA-256 (the key is random, so its hash says nothing an attacker
// could steer), at every call: a revoked key is refused at once on every node.
record_system require_system(app& a, const http::request& req) {
  const std::string header = req.get_header_value("Authorization");
  const api_error refused{401, "auth.key", "A valid API key is required: Authorization: Bearer <key>.", ""};
  if (header.size() < 7 || strncasecmp(header.c_str(), "Bearer ", 7) != 0) throw refused;
  const std::string_view key = std::string_view(header).substr(7);
  if (key.size() != kKeyLength || key.substr(0, kKeyPrefix.size()) != kKeyPrefix) throw refused;
  const std::string hash = token_hash(key);
  const auto s = a.db().read([&](tx& t) { return t.record_systems().by_key(hash); });
  if (!s) throw refused;
  return *s;
}

// An audit entry for what the system did, at its unit.
void audit_system(tx& t, const record_system& s, std::string_view action, std::string_view details) {
  std::string d = s.name;
  if (!details.empty()) d += std::string("; ") + std::string(details);
  t.audit().append(std::nullopt, s.unit_id, action, "record_system:" + std::to_string(s.id), d);
}

std::string actor_of(const record_system& s) { return "record:" + std::to_string(s.id); }

// "key": text, or null.
void text_or_null(json_writer& w, std::string_view key, const std::optional<std::string>& v) {
  w.key(key);
  if (v) w.value(std::string_view(*v));
  else w.null();
}

// ---- administration -----------------------------------------------------------------------------

// {"name"}: 1–100 characters. Answers {"id", "key"}; the key is shown this once (only its hash is kept).
void register_system(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const std::string name(field_text(b, "name"));
  if (name.empty() || chars_of(name) > kMaxNameChars)
    throw api_error{400, "request.value", "name is 1 to " + std::to_string(kMaxNameChars) + " characters.", "name"};
  const std::string key = new_key();
  const int64_t id = a.db().write([&](tx& t) {
    const int64_t created = t.record_systems().create(*se.unit_id, name, token_hash(key));
    audit(t, se, "record_system.created", "record_system:" + std::to_string(created), name);
    return created;
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("id").value(id).key("key").value(std::string_view(key)).end_object();
  send_json(res, 201, out);
}

// The unit's systems, revoked ones too, never a key: {"systems": [{"id", "name", "created_at", "revoked_at"}]}.
void list_systems(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, false);
  const auto systems = a.db().read([&](tx& t) { return t.record_systems().at_unit(*se.unit_id); });
  std::string out;
  json_writer w(out);
  w.begin_object().key("systems").begin_array();
  for (const record_system& s : systems) {
    w.begin_object().key("id").value(s.id).key("name").value(std::string_view(s.name));
    w.key("created_at").value(std::string_view(s.created_at));
    text_or_null(w, "revoked_at", s.revoked_at);
    w.end_object();
  }
  w.end_array().end_object();
  send_json(res, 200, out);
}

// Revokes the system's key: its next call is a 401. Revoking a revoked system again changes nothing.
void revoke_system(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::admin, true);
  const int64_t id = path_id(req, 1);
  a.db().write([&](tx& t) {
    bool found = false;
    for (const record_system& s : t.record_systems().at_unit(*se.unit_id)) found = found || s.id == id;
    if (!found) throw api_error{404, "not_found", "No such record system at this unit.", ""};
    if (t.record_systems().revoke(id, *se.unit_id)) audit(t, se, "record_system.revoked", "record_system:" + std::to_string(id), "");
  });
  send_json(res, 200, "{\"revoked\":true}");
}

// ---- the API ------------------------------------------------------------------------------------

// {"template": id, "personnummer", "message"?, "answer_by"?, "delete_after"?, "external_ref"?}: a form
// for the patient from the unit's newest sendable version, with an inbox message and notifications
// as a dispatch sends. Refused as a dispatch refuses: a malformed number 400 with its code (pnr.*), a
// protected identity or a locked login 409 recipient.unreachable (the same code for both).
void create_form(app& a, const http::request& req, http::response& res) {
  const record_system sys = require_system(a, req);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const int64_t template_id = *field_int(b, "template");
  const recipient_list list = read_recipient(a, b, "personnummer");
  if (!list.refused[0].empty())
    throw api_error{400, list.refused[0], "personnummer is not a valid personnummer or samordningsnummer.", "personnummer"};
  const std::optional<std::string> banner = banner_of(b);
  const dates d = dates_of(a, b);
  std::optional<std::string> external_ref;
  if (std::string ref(field_text(b, "external_ref", false)); !ref.empty()) {
    if (chars_of(ref) > kMaxExternalRefChars)
      throw api_error{400, "request.value", "external_ref is at most " + std::to_string(kMaxExternalRefChars) + " characters.",
                      "external_ref"};
    external_ref = std::move(ref);
  }
  const int64_t id = a.db().write([&](tx& t) {
    const int64_t version_id = sendable_version(t, template_id, sys.unit_id);
    std::vector<outcome> out = look_up(t, list);
    if (!out[0].code.empty()) {
      audit_system(t, sys, "records.refused", "template:" + std::to_string(template_id) + " " + out[0].code);
      return int64_t{0};
    }
    const int64_t citizen = citizens_of(t, list, out).at(0);
    new_instance n;
    n.unit_id = sys.unit_id;
    n.version_id = version_id;
    n.citizen_id = citizen;
    n.banner = banner;
    n.answer_by = d.answer_by;
    n.delete_after = d.delete_after;
    const int64_t instance = t.instances().create(n);
    t.record_systems().set_origin(instance, sys.id, external_ref);
    t.webhooks().emit("FormCreated", {instance});
    t.instances().add_event(instance, "sent", actor_of(sys));
    const std::vector<int64_t> messages =
        t.inbox().add_for_package(sys.unit_id, std::nullopt, policy::kInboxSubject, policy::kInboxDefaultText, {{citizen, instance}});
    t.notifications().add_for_messages(messages);
    audit_system(t, sys, "records.create", "instance:" + std::to_string(instance) + " template:" + std::to_string(template_id));
    return instance;
  });
  if (id == 0)
    throw api_error{409, "recipient.unreachable", "Forms cannot be sent to this person by number; reach them another way.", "personnummer"};
  a.wake_jobs();  // the notifications go now
  log(log_level::info, "records.create", {{"system", std::to_string(sys.id)}, {"instance", std::to_string(id)}});
  send_json(res, 201, "{\"id\":" + std::to_string(id) + ",\"state\":\"ONGOING\"}");
}

// One of the unit's forms: its state and dates, the patient's personnummer, the answers, the result
// (calculations, scores with bands, alerts) and the definition of the version it was given on.
void get_form(app& a, const http::request& req, http::response& res) {
  const record_system sys = require_system(a, req);
  const int64_t id = path_id(req, 1);
  struct view {
    instance_row r;
    std::pair<std::optional<int64_t>, std::optional<std::string>> origin;
  };
  const view v = a.db().write([&](tx& t) {
    auto r = t.instances().load(id);
    if (!r || r->unit_id != sys.unit_id) throw api_error{404, "not_found", "No such form.", ""};
    audit_system(t, sys, "records.read", "instance:" + std::to_string(id));
    return view{*r, t.record_systems().origin(id)};
  });
  const instance_row& r = v.r;
  std::string out;
  json_writer w(out);
  w.begin_object();
  w.key("id").value(r.id).key("state").value(name(r.state)).key("template").value(r.template_id).key("version").value(r.version);
  text_or_null(w, "external_ref", v.origin.second);
  w.key("record_system");
  if (v.origin.first) w.value(*v.origin.first);
  else w.null();
  text_or_null(w, "personnummer", r.subject ? std::optional<std::string>(r.subject->pnr) : std::nullopt);
  w.key("created_at").value(std::string_view(r.created_at)).key("updated_at").value(std::string_view(r.updated_at));
  text_or_null(w, "submitted_at", r.submitted_at);
  text_or_null(w, "answer_by", r.answer_by);
  text_or_null(w, "delete_after", r.delete_after);
  text_or_null(w, "banner", r.banner);
  w.key("answered_by");
  if (r.answered_by) w.value(name(*r.answered_by));
  else w.null();
  w.key("answers").raw(r.answers);
  w.key("measurements").raw(r.measurements);
  w.key("result");
  if (r.result) w.raw(*r.result);
  else w.null();
  w.key("form").raw(a.definition_of(r.version_id));
  w.end_object();
  send_json(res, 200, out);
}

// The unit's forms, ordered by when they last changed (then by id): ?personnummer=, ?template=,
// ?state=, ?changed_since= (UTC, YYYY-MM-DDTHH:MM:SSZ, inclusive), ?limit= (1–1000, 1000), ?after=
// (the previous page's "next").
void list_forms(app& a, const http::request& req, http::response& res) {
  const record_system sys = require_system(a, req);
  record_form_filter f;
  f.unit_id = sys.unit_id;
  std::string kinds;
  if (req.has_param("personnummer")) {
    auto p = parse_pnr(req.get_param_value("personnummer"), pnr_options{a.time().today(), false});
    if (!p) throw api_error{400, std::string(error_name(p.error())), "personnummer is not a valid personnummer.", "personnummer"};
    f.pnr = std::string(p->twelve());
    kinds += " personnummer";
  }
  if (req.has_param("template")) {
    f.template_id = query_int(req, "template", 1, INT64_MAX);
    kinds += " template:" + std::to_string(*f.template_id);
  }
  if (req.has_param("state")) {
    f.state = parse_name<instance_state>(req.get_param_value("state"));
    if (!f.state)
      throw api_error{400, "request.value", "state is ONGOING, PENDING_COMPLETION, COMPLETED or CANCELLED.", "state"};
    kinds += " state:" + std::string(name(*f.state));
  }
  auto utc = [&](const char* key) {
    const std::string v = req.get_param_value(key);
    if (format_utc(parse_utc(v)) != v) throw api_error{400, "request.value", std::string(key) + " is a UTC time, YYYY-MM-DDTHH:MM:SSZ.", key};
    return v;
  };
  if (req.has_param("changed_since")) {
    f.changed_since = utc("changed_since");
    kinds += " changed_since:" + *f.changed_since;
  }
  if (req.has_param("after")) {
    const std::string after = req.get_param_value("after");
    const size_t bar = after.find('_');
    const api_error bad{400, "request.value", "after is the \"next\" of the page before.", "after"};
    if (bar == std::string::npos) throw bad;
    const std::string at = after.substr(0, bar), id = after.substr(bar + 1);
    if (format_utc(parse_utc(at)) != at || id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) throw bad;
    f.after_updated = at;
    f.after_id = std::stoll(id);
  }
  f.limit = query_int(req, "limit", 1, kMaxForms).value_or(kMaxForms);
  const auto rows = a.db().write([&](tx& t) {
    auto found = t.record_systems().forms(f);
    audit_system(t, sys, "records.list", std::to_string(found.size()) + " forms" + kinds);
    return found;
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("forms").begin_array();
  for (const record_form_row& r : rows) {
    w.begin_object().key("id").value(r.id).key("state").value(name(r.state)).key("template").value(r.template_id);
    w.key("version").value(r.version);
    w.key("personnummer");
    if (r.pnr.empty()) w.null();
    else w.value(std::string_view(r.pnr));
    text_or_null(w, "external_ref", r.external_ref);
    w.key("created_at").value(std::string_view(r.created_at)).key("updated_at").value(std::string_view(r.updated_at));
    text_or_null(w, "submitted_at", r.submitted_at);
    text_or_null(w, "answer_by", r.answer_by);
    w.end_object();
  }
  w.end_array().key("next");
  if (static_cast<int64_t>(rows.size()) == f.limit) w.value(std::string_view(rows.back().updated_at + "_" + std::to_string(rows.back().id)));
  else w.null();
  w.end_object();
  send_json(res, 200, out);
}

// Cancels one of the unit's forms that is not submitted yet (409 form.state otherwise); the citizen
// no longer sees it.
void cancel_form(app& a, const http::request& req, http::response& res) {
  const record_system sys = require_system(a, req);
  const int64_t id = path_id(req, 1);
  a.db().write([&](tx& t) {
    const auto r = t.instances().load(id);
    if (!r || r->unit_id != sys.unit_id) throw api_error{404, "not_found", "No such form.", ""};
    if (!t.instances().cancel(id))
      throw api_error{409, "form.state", "The form is " + std::string(name(r->state)) + ": only a form not yet submitted is cancelled.", ""};
    t.instances().add_event(id, "cancelled", actor_of(sys));
    t.webhooks().emit("FormCancelled", {id});
    audit_system(t, sys, "records.cancel", "instance:" + std::to_string(id));
  });
  a.wake_jobs();  // the webhooks go now
  send_json(res, 200, "{\"id\":" + std::to_string(id) + ",\"state\":\"CANCELLED\"}");
}

// The templates the unit may send now (a published version, not a case form, its own, national or
// subscribed), by name: {"templates": [{"id", "form_id", "name", "version"}]}, the version that a
// form created now gets.
void list_templates(app& a, const http::request& req, http::response& res) {
  const record_system sys = require_system(a, req);
  struct row {
    template_summary s;
    int64_t version = 0;
  };
  const std::vector<row> rows = a.db().write([&](tx& t) {
    std::vector<row> out;
    for (template_summary& s : t.templates().visible_to(sys.unit_id)) {
      if (s.kind == template_kind::case_form || t.templates().sendable_version(s.id, sys.unit_id).refusal != send_refusal::none) continue;
      const auto v = t.templates().newest_published(s.id);
      if (!v) continue;
      out.push_back(row{std::move(s), v->version});
    }
    audit_system(t, sys, "records.templates", std::to_string(out.size()) + " templates");
    return out;
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("templates").begin_array();
  for (const row& r : rows) {
    w.begin_object().key("id").value(r.s.id).key("form_id").value(std::string_view(r.s.form_id));
    w.key("name").value(std::string_view(r.s.name)).key("version").value(r.version).end_object();
  }
  w.end_array().end_object();
  send_json(res, 200, out);
}

}  // namespace

// ---- routes ---------------------------------------------------------------------------------------

void install_record_routes(app& a, http::router& r) {
  r.get("/api/v1/admin/record-systems", a.handler(list_systems));
  r.post("/api/v1/admin/record-systems", a.handler(register_system));
  r.del("/api/v1/admin/record-systems/{id}", a.handler(revoke_system));
  r.post("/api/v1/records/forms", a.handler(create_form));
  r.get("/api/v1/records/forms", a.handler(list_forms));
  r.get("/api/v1/records/forms/{id}", a.handler(get_form));
  r.post("/api/v1/records/forms/{id}/cancel", a.handler(cancel_form));
  r.get("/api/v1/records/templates", a.handler(list_templates));
}

}  // namespace blankett::server
