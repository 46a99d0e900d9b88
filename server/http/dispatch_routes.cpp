// Sending (Utskick): a published template to up to 1,000 recipients, each getting a form instance, or
// form links for people who cannot be sent to by number. Each sending is a dispatch.
#include <unordered_set>

#include "auth/crypto.h"
#include "blankett/pnr.h"
#include "http/app.h"
#include "log.h"
#include "policy.h"

namespace blankett::server {
namespace {

constexpr size_t kMaxRecipients = 1000;

// The banner text (formulärmeddelande), within its length: a dispatch copies it into every form.
std::optional<std::string> banner_of(simdjson::dom::element b) {
  std::string banner(field_text(b, "message", false));
  size_t chars = 0;
  for (unsigned char ch : banner) chars += (ch & 0xC0) != 0x80;
  if (chars > policy::kMaxBannerChars)
    throw api_error{400, "request.value", "message is at most " + std::to_string(policy::kMaxBannerChars) + " characters.", "message"};
  if (banner.empty()) return std::nullopt;
  return banner;
}

// Besvaras senast and gallras efter: given (YYYY-MM-DD, answer-by not in the past) or the defaults.
struct dates {
  std::string answer_by, delete_after;
};
dates dates_of(app& a, simdjson::dom::element b) {
  dates d{std::string(field_text(b, "answer_by", false)), std::string(field_text(b, "delete_after", false))};
  if (d.answer_by.empty()) d.answer_by = a.time().date_in_days(policy::kDispatchAnswerByDays);
  if (d.delete_after.empty()) d.delete_after = a.time().date_in_days(policy::kDispatchDeleteAfterDays);
  if (!parse_civil_date(d.answer_by).ok()) throw api_error{400, "request.value", "answer_by is a date, YYYY-MM-DD.", "answer_by"};
  if (!parse_civil_date(d.delete_after).ok()) throw api_error{400, "request.value", "delete_after is a date, YYYY-MM-DD.", "delete_after"};
  if (d.answer_by < a.time().today_iso()) throw api_error{400, "request.value", "answer_by is in the past.", "answer_by"};
  return d;
}

// The newest published version the unit may send; 404 or 409 otherwise.
int64_t sendable_version(tx& t, int64_t template_id, int64_t unit) {
  const sendable s = t.templates().sendable_version(template_id, unit);
  switch (s.refusal) {
    case send_refusal::none: return s.version_id;
    case send_refusal::not_found: throw api_error{404, "not_found", "No such template.", "template"};
    case send_refusal::case_form: throw api_error{409, "dispatch.case", "A case form is started by the citizen, not sent.", "template"};
    case send_refusal::not_available: break;
  }
  throw api_error{409, "dispatch.not_available",
                  "The template has no published version this unit may send (archived, or shared without a subscription).", "template"};
}

// One recipient's outcome: sent (with what the sender should know of them) or refused with a code.
struct outcome {
  std::string code;  // empty when sent
  int64_t instance = 0;
  bool logged_in = false, email = false, sms = false;
};

// {"template": id, "recipients": ["19640823-3234", ...], "message"?: banner text,
//  "answer_by"?: "YYYY-MM-DD", "delete_after"?: "YYYY-MM-DD"}
void send_dispatch(app& a, const http::request& req, http::response& res) {
  const session_info se = a.auth().require_staff(req, role::sender, true);
  simdjson::dom::parser parser;
  auto b = a.body(req, parser);
  const int64_t template_id = *field_int(b, "template");
  const std::optional<std::string> banner = banner_of(b);
  const dates d = dates_of(a, b);
  auto list = b["recipients"];
  if (list.error() || !list.value_unsafe().is_array())
    throw api_error{400, "request.missing", "recipients is a list of personnummer.", "recipients"};
  const simdjson::dom::array recipients = list.value_unsafe().get_array().value_unsafe();
  if (recipients.size() == 0) throw api_error{400, "request.value", "Add at least one recipient.", "recipients"};
  if (recipients.size() > kMaxRecipients) throw api_error{400, "dispatch.too_many", "At most 1000 recipients per dispatch.", "recipients"};

  // The numbers first (no database): each is read in either written form, and the same person twice
  // is refused the second time.
  const civil_date today = a.time().today();
  std::vector<std::string> numbers;  // twelve digits, or empty with a refusal code in `refused`
  std::vector<std::string> refused;
  std::unordered_set<std::string> seen;
  for (simdjson::dom::element e : recipients) {
    numbers.emplace_back();
    refused.emplace_back();
    if (!e.is_string()) {
      refused.back() = "recipient.format";
      continue;
    }
    auto p = parse_pnr(e.get_string().value_unsafe(), pnr_options{today, false});
    if (!p) refused.back() = std::string(error_name(p.error()));
    else if (!seen.insert(std::string(p->twelve())).second) refused.back() = "recipient.duplicate";
    else numbers.back() = std::string(p->twelve());
  }

  const std::vector<outcome> outcomes = a.db().write([&](tx& t) {
    const int64_t version_id = sendable_version(t, template_id, *se.unit_id);
    new_dispatch nd{*se.unit_id, template_id, version_id, *se.staff_id, dispatch_kind::numbers, d.answer_by, d.delete_after};
    const int64_t dispatch = t.dispatches().create(nd);
    std::vector<outcome> out(numbers.size());
    int64_t sent = 0;
    for (size_t i = 0; i < numbers.size(); ++i) {
      if (numbers[i].empty()) {
        out[i].code = refused[i];
        continue;
      }
      int64_t citizen = 0;
      if (const auto who = t.citizens().by_pnr(numbers[i])) {
        // Protected identity: reach them with a form link instead.
        if (who->protected_identity) {
          out[i].code = "recipient.protected";
          continue;
        }
        if (who->locked) {
          out[i].code = "recipient.locked";
          continue;
        }
        citizen = who->id;
        out[i].logged_in = who->has_logged_in;
        out[i].email = who->email.has_value();
        out[i].sms = who->sms.has_value();
      } else {
        citizen = t.citizens().create(numbers[i]);
      }
      new_instance n;
      n.unit_id = *se.unit_id;
      n.version_id = version_id;
      n.citizen_id = citizen;
      n.dispatch_id = dispatch;
      n.banner = banner;
      n.answer_by = d.answer_by;
      n.delete_after = d.delete_after;
      out[i].instance = t.instances().create(n);
      t.instances().add_event(out[i].instance, "sent", se.actor());
      ++sent;
    }
    t.dispatches().set_recipients(dispatch, sent);
    audit(t, se, "dispatch", "template:" + std::to_string(template_id), std::to_string(sent) + " recipients");
    return out;
  });

  std::string out;
  json_writer w(out);
  w.begin_object().key("recipients").begin_array();
  size_t sent = 0;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const outcome& o = outcomes[i];
    w.begin_object().key("index").value(i);
    if (!o.code.empty()) {
      w.key("status").value("refused").key("code").value(std::string_view(o.code)).end_object();
      continue;
    }
    ++sent;
    w.key("status").value("sent").key("instance").value(o.instance);
    w.key("has_logged_in").value(o.logged_in);
    w.key("notifications").begin_object().key("email").value(o.email).key("sms").value(o.sms).end_object();
    // Without notifications the sender is advised to reach the person another way.
    w.key("advice").value(o.email || o.sms ? "" : "no_notifications");
    w.end_object();
  }
  w.end_array().key("sent").value(sent).end_object();
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
  const std::vector<link> links = a.db().write([&](tx& t) {
    const int64_t version_id = sendable_version(t, template_id, *se.unit_id);
    new_dispatch nd{*se.unit_id, template_id, version_id, *se.staff_id, dispatch_kind::links, d.answer_by, d.delete_after};
    const int64_t dispatch = t.dispatches().create(nd);
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
    audit(t, se, "dispatch.links", "template:" + std::to_string(template_id), std::to_string(count) + " links");
    return out;
  });
  std::string out;
  json_writer w(out);
  w.begin_object().key("links").begin_array();
  for (const link& l : links) {
    w.begin_object().key("instance").value(l.instance).key("token").value(std::string_view(l.token));
    w.key("path").value(std::string_view("/#/lank/" + l.token)).end_object();
  }
  w.end_array().end_object();
  send_json(res, 201, out);
}

}  // namespace

void install_dispatch_routes(app& a, http::router& r) {
  r.post("/api/v1/dispatches", a.handler(send_dispatch));
  r.post("/api/v1/dispatches/links", a.handler(create_links));
}

}  // namespace blankett::server
