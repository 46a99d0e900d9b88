// Sending (Utskick): a published template to up to 1,000 recipients, each getting a form instance.
#include "auth/crypto.h"
#include "blankett/pnr.h"
#include "http/api.h"
#include "log.h"
#include "policy.h"

#include <unordered_set>

namespace blankett::server {
namespace {

constexpr size_t kMaxRecipients = 1000;

bool valid_date(std::string_view s) { return parse_civil_date(s).ok(); }

// The banner text (formulärmeddelande), within its length: a dispatch copies it into every form.
std::string banner_of(simdjson::dom::element b) {
  std::string banner(field_text(b, "message", false));
  size_t chars = 0;
  for (unsigned char ch : banner) chars += (ch & 0xC0) != 0x80;
  if (chars > policy::kMaxBannerChars)
    throw api_error{400, "request.value", "message is at most " + std::to_string(policy::kMaxBannerChars) + " characters.", "message"};
  return banner;
}

// The newest published version of a template the unit may send (its own, national, or shared and
// subscribed); 404 or 409 otherwise.
int64_t sendable_version(connection& c, int64_t template_id, int64_t unit) {
  statement tpl = c.prepare(
      "SELECT v.id FROM templates t JOIN template_versions v ON v.template_id = t.id "
      "WHERE t.id = ? AND t.kind <> 'case' AND v.state = 'published' AND (t.unit_id = ? OR t.national = 1 OR (t.shared = 1 AND EXISTS "
      "(SELECT 1 FROM subscriptions s WHERE s.template_id = t.id AND s.unit_id = ?))) ORDER BY v.version DESC LIMIT 1");
  tpl.args(template_id, unit, unit);
  if (tpl.step()) return tpl.integer(0);
  statement any = c.prepare(
      "SELECT t.kind FROM templates t WHERE t.id = ? AND (t.unit_id = ? OR t.national = 1 OR t.shared = 1)");
  any.args(template_id, unit);
  if (!any.step()) throw api_error{404, "not_found", "No such template.", "template"};
  if (any.text(0) == "case") throw api_error{409, "dispatch.case", "A case form is started by the citizen, not sent.", "template"};
  throw api_error{409, "dispatch.not_available",
                  "The template has no published version this unit may send (archived, or shared without a subscription).",
                  "template"};
}

}  // namespace

void api::dispatch_routes(http::router& s) {
  // {"template": id, "recipients": ["19640823-3234", ...], "message"?: banner text,
  //  "answer_by"?: "YYYY-MM-DD", "delete_after"?: "YYYY-MM-DD"}
  s.post("/api/v1/dispatches", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "sender", true);
      simdjson::dom::parser parser;
      auto b = body(req, parser);
      const int64_t template_id = *field_int(b, "template");
      const std::string banner = banner_of(b);
      std::string answer_by(field_text(b, "answer_by", false)), delete_after(field_text(b, "delete_after", false));
      if (answer_by.empty()) answer_by = date_in_days(policy::kDispatchAnswerByDays);
      if (delete_after.empty()) delete_after = date_in_days(policy::kDispatchDeleteAfterDays);
      if (!valid_date(answer_by)) throw api_error{400, "request.value", "answer_by is a date, YYYY-MM-DD.", "answer_by"};
      if (!valid_date(delete_after)) throw api_error{400, "request.value", "delete_after is a date, YYYY-MM-DD.", "delete_after"};
      if (answer_by < today_iso()) throw api_error{400, "request.value", "answer_by is in the past.", "answer_by"};
      auto list = b["recipients"];
      if (list.error() || !list.value_unsafe().is_array())
        throw api_error{400, "request.missing", "recipients is a list of personnummer.", "recipients"};
      simdjson::dom::array recipients = list.value_unsafe().get_array().value_unsafe();
      if (recipients.size() == 0) throw api_error{400, "request.value", "Add at least one recipient.", "recipients"};
      if (recipients.size() > kMaxRecipients)
        throw api_error{400, "dispatch.too_many", "At most 1000 recipients per dispatch.", "recipients"};

      connection& c = db();
      transaction t(c);
      const int64_t version_id = sendable_version(c, template_id, *se.unit_id);
      const civil_date today = today_civil();
      const std::string now = now_iso();

      std::string out;
      json_writer w(out);
      w.begin_object().key("recipients").begin_array();
      size_t sent = 0, index = 0;
      std::unordered_set<std::string> numbers;  // one form per person and dispatch
      for (simdjson::dom::element e : recipients) {
        w.begin_object().key("index").value(index++);
        auto refuse = [&](std::string_view code) { w.key("status").value("refused").key("code").value(code).end_object(); };
        if (!e.is_string()) {
          refuse("recipient.format");
          continue;
        }
        auto p = parse_pnr(e.get_string().value_unsafe(), pnr_options{today, false});
        if (!p) {
          refuse(error_name(p.error()));
          continue;
        }
        const std::string number(p->twelve());
        if (!numbers.insert(number).second) {  // the same person again (in any written form)
          refuse("recipient.duplicate");
          continue;
        }
        statement who = c.prepare(
            "SELECT id, protected_identity, locked, has_logged_in, notify_email IS NOT NULL, notify_sms IS NOT NULL "
            "FROM citizens WHERE pnr = ?");
        who.args(std::string_view(number));
        int64_t citizen = 0;
        bool logged_in = false, email = false, sms = false;
        if (who.step()) {
          if (who.integer(1) != 0) {  // protected identity: reach them with a form link instead
            refuse("recipient.protected");
            continue;
          }
          if (who.integer(2) != 0) {
            refuse("recipient.locked");
            continue;
          }
          citizen = who.integer(0);
          logged_in = who.integer(3) != 0;
          email = who.integer(4) != 0;
          sms = who.integer(5) != 0;
        } else {
          statement ins = c.prepare("INSERT INTO citizens (pnr, name, created_at) VALUES (?, '', ?) RETURNING id");
          ins.args(std::string_view(number), std::string_view(now));
          citizen = ins.returned_id();
        }
        statement inst = c.prepare(
            "INSERT INTO instances (unit_id, version_id, citizen_id, state, banner, answer_by, delete_after, created_at, updated_at) "
            "VALUES (?, ?, ?, 'ONGOING', ?, ?, ?, ?, ?) RETURNING id");
        inst.args(*se.unit_id, version_id, citizen, banner.empty() ? std::optional<std::string>() : std::optional<std::string>(banner),
                  std::string_view(answer_by), std::string_view(delete_after), std::string_view(now), std::string_view(now));
        const int64_t instance = inst.returned_id();
        c.prepare("INSERT INTO instance_events (instance_id, at, kind, actor) VALUES (?, ?, 'sent', ?)")
            .args(instance, std::string_view(now), std::string_view("staff:" + std::to_string(*se.staff_id)))
            .run();
        ++sent;
        w.key("status").value("sent").key("instance").value(instance);
        w.key("has_logged_in").value(logged_in);
        w.key("notifications").begin_object().key("email").value(email).key("sms").value(sms).end_object();
        // Without notifications the sender is advised to reach the person another way.
        w.key("advice").value(email || sms ? "" : "no_notifications");
        w.end_object();
      }
      w.end_array().key("sent").value(sent).end_object();
      audit(se, "dispatch", "template:" + std::to_string(template_id), std::to_string(sent) + " recipients");
      t.commit();
      log(log_level::info, "dispatch", {{"template", std::to_string(template_id)}, {"sent", std::to_string(sent)}});
      send(res, 201, out);
    });
  });

  // Form links (for people who cannot be sent to: protected identity, reached by SMS or letter):
  // {"template": id, "count"?: n ≤ 1000, "message"?, "answer_by"?, "delete_after"?}. Each link opens
  // one form instance; the first citizen who logs in with it owns the instance. Only the token's hash
  // is stored, so a link is shown this once.
  s.post("/api/v1/dispatches/links", [this](const http::request& req, http::response& res) {
    guarded(res, [&] {
      session_info se = require_staff(req, "sender", true);
      simdjson::dom::parser parser;
      auto b = body(req, parser);
      const int64_t template_id = *field_int(b, "template");
      const int64_t count = field_int(b, "count", false).value_or(1);
      if (count < 1 || count > static_cast<int64_t>(kMaxRecipients))
        throw api_error{400, "request.value", "count is from 1 to 1000.", "count"};
      const std::string banner = banner_of(b);
      std::string answer_by(field_text(b, "answer_by", false)), delete_after(field_text(b, "delete_after", false));
      if (answer_by.empty()) answer_by = date_in_days(policy::kDispatchAnswerByDays);
      if (delete_after.empty()) delete_after = date_in_days(policy::kDispatchDeleteAfterDays);
      if (!valid_date(answer_by) || answer_by < today_iso())
        throw api_error{400, "request.value", "answer_by is a date, YYYY-MM-DD, not in the past.", "answer_by"};
      if (!valid_date(delete_after)) throw api_error{400, "request.value", "delete_after is a date, YYYY-MM-DD.", "delete_after"};
      connection& c = db();
      transaction t(c);
      const int64_t version_id = sendable_version(c, template_id, *se.unit_id);
      const std::string now = now_iso();
      std::string out;
      json_writer w(out);
      w.begin_object().key("links").begin_array();
      for (int64_t i = 0; i < count; ++i) {
        const std::string token = random_token();
        statement inst = c.prepare(
            "INSERT INTO instances (unit_id, version_id, citizen_id, state, banner, answer_by, delete_after, public_token_hash, "
            "created_at, updated_at) VALUES (?, ?, NULL, 'ONGOING', ?, ?, ?, ?, ?, ?) RETURNING id");
        inst.args(*se.unit_id, version_id, banner.empty() ? std::optional<std::string>() : std::optional<std::string>(banner),
                  std::string_view(answer_by), std::string_view(delete_after), std::string_view(token_hash(token)),
                  std::string_view(now), std::string_view(now));
        const int64_t instance = inst.returned_id();
        c.prepare("INSERT INTO instance_events (instance_id, at, kind, actor) VALUES (?, ?, 'link_created', ?)")
            .args(instance, std::string_view(now), std::string_view("staff:" + std::to_string(*se.staff_id)))
            .run();
        w.begin_object().key("instance").value(instance).key("token").value(std::string_view(token));
        w.key("path").value(std::string_view("/#/lank/" + token)).end_object();
      }
      w.end_array().end_object();
      audit(se, "dispatch.links", "template:" + std::to_string(template_id), std::to_string(count) + " links");
      t.commit();
      send(res, 201, out);
    });
  });
}

}  // namespace blankett::server
