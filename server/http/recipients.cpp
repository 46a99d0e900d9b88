// Recipient lists and the other fields of a sending (recipients.h).
#include "http/recipients.h"

#include <unordered_map>
#include <unordered_set>

#include "blankett/pnr.h"
#include "policy.h"

namespace blankett::server {

recipient_list read_recipients(app& a, simdjson::dom::element b) {
  auto list = b["recipients"];
  if (list.error() || !list.value_unsafe().is_array())
    throw api_error{400, "request.missing", "recipients is a list of personnummer.", "recipients"};
  const simdjson::dom::array recipients = list.value_unsafe().get_array().value_unsafe();
  if (recipients.size() == 0) throw api_error{400, "request.value", "Add at least one recipient.", "recipients"};
  if (recipients.size() > kMaxRecipients) throw api_error{400, "dispatch.too_many", "At most 1000 recipients per dispatch.", "recipients"};
  const civil_date today = a.time().today();
  recipient_list out;
  std::unordered_set<std::string> seen;
  for (simdjson::dom::element e : recipients) {
    out.numbers.emplace_back();
    out.refused.emplace_back();
    if (!e.is_string()) {
      out.refused.back() = "recipient.format";
      continue;
    }
    auto p = parse_pnr(e.get_string().value_unsafe(), pnr_options{today, false});
    if (!p) out.refused.back() = std::string(error_name(p.error()));
    else if (!seen.insert(std::string(p->twelve())).second) out.refused.back() = "recipient.duplicate";
    else out.numbers.back() = std::string(p->twelve());
  }
  return out;
}

recipient_list read_recipient(app& a, simdjson::dom::element b, std::string_view field) {
  const std::string_view text = field_text(b, field);
  recipient_list out{{std::string()}, {std::string()}};
  auto p = parse_pnr(text, pnr_options{a.time().today(), false});
  if (!p) out.refused[0] = std::string(error_name(p.error()));
  else out.numbers[0] = std::string(p->twelve());
  return out;
}

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

std::vector<outcome> look_up(tx& t, const recipient_list& r) {
  std::vector<std::string> wanted;
  for (const auto& n : r.numbers)
    if (!n.empty()) wanted.push_back(n);
  std::unordered_map<std::string, citizen_row> known;
  for (citizen_row& c : t.citizens().by_pnrs(wanted)) known.emplace(c.pnr, std::move(c));
  std::vector<outcome> out(r.numbers.size());
  for (size_t i = 0; i < r.numbers.size(); ++i) {
    if (r.numbers[i].empty()) {
      out[i].code = r.refused[i];
      continue;
    }
    const auto it = known.find(r.numbers[i]);
    if (it == known.end()) continue;  // not known yet: a new citizen record when sent
    const citizen_row& c = it->second;
    if (c.protected_identity || c.locked) {
      out[i].code = "recipient.unreachable";
      continue;
    }
    out[i].known = true;
    out[i].citizen = c.id;
    out[i].logged_in = c.has_logged_in;
    out[i].email = c.email.has_value();
    out[i].sms = c.sms.has_value();
  }
  return out;
}

std::vector<int64_t> citizens_of(tx& t, const recipient_list& r, std::vector<outcome>& outcomes) {
  std::vector<std::string> unknown;
  for (size_t i = 0; i < outcomes.size(); ++i)
    if (outcomes[i].code.empty() && !outcomes[i].known) unknown.push_back(r.numbers[i]);
  std::unordered_map<std::string, int64_t> created;
  for (auto& [pnr, id] : t.citizens().create_many(unknown)) created.emplace(std::move(pnr), id);
  std::vector<int64_t> citizens;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].code.empty()) continue;
    if (!outcomes[i].known) outcomes[i].citizen = created.at(r.numbers[i]);
    citizens.push_back(outcomes[i].citizen);
  }
  return citizens;
}

int64_t write_outcomes(json_writer& w, const std::vector<outcome>& outcomes, std::string_view status, bool with_instance) {
  int64_t count = 0;
  w.key("recipients").begin_array();
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const outcome& o = outcomes[i];
    w.begin_object().key("index").value(i);
    if (!o.code.empty()) {
      w.key("status").value("refused").key("code").value(std::string_view(o.code)).end_object();
      continue;
    }
    ++count;
    w.key("status").value(status);
    if (with_instance) w.key("instance").value(o.instance);
    w.key("has_logged_in").value(o.logged_in);
    w.key("notifications").begin_object().key("email").value(o.email).key("sms").value(o.sms).end_object();
    // Without notifications the sender is advised to reach the person another way.
    w.key("advice").value(o.email || o.sms ? "" : "no_notifications");
    w.end_object();
  }
  w.end_array();
  return count;
}

}  // namespace blankett::server
