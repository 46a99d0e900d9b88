// What the store gives and takes: states, roles and kinds as enums with name tables, and one struct
// per row shape the server uses. Handlers see these, never SQL or cursors.
//
// Times are ISO-8601 UTC text ("2026-12-06T14:16:40Z"), dates local calendar dates ("2026-12-06"),
// both as the clock (clock.h) writes them; they sort as text on both backends.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace blankett::server {

// ---- enums and their names ----------------------------------------------------------------------

enum class instance_state : uint8_t { ongoing, pending_completion, completed, cancelled };
enum class template_state : uint8_t { unpublished, pending, published, archived };
enum class template_kind : uint8_t { questionnaire, case_form, information };
enum class role : uint8_t { sender, reader, designer, admin, exporter };
enum class session_kind : uint8_t { staff, citizen };
enum class answerer : uint8_t { citizen, guardian, staff };
enum class template_flag : uint8_t { shared, is_public, national };

// The names stored in the database and used in the API: one table per enum, in the enum's order.
template <class E>
struct enum_names;
template <>
struct enum_names<instance_state> {
  static constexpr std::array<std::string_view, 4> names{"ONGOING", "PENDING_COMPLETION", "COMPLETED", "CANCELLED"};
};
template <>
struct enum_names<template_state> {
  static constexpr std::array<std::string_view, 4> names{"unpublished", "pending", "published", "archived"};
};
template <>
struct enum_names<template_kind> {
  static constexpr std::array<std::string_view, 3> names{"questionnaire", "case", "information"};
};
template <>
struct enum_names<role> {
  static constexpr std::array<std::string_view, 5> names{"sender", "reader", "designer", "admin", "exporter"};
};
template <>
struct enum_names<session_kind> {
  static constexpr std::array<std::string_view, 2> names{"staff", "citizen"};
};
template <>
struct enum_names<answerer> {
  static constexpr std::array<std::string_view, 3> names{"citizen", "guardian", "staff"};
};
template <>
struct enum_names<template_flag> {
  static constexpr std::array<std::string_view, 3> names{"shared", "public", "national"};
};

template <class E>
constexpr std::string_view name(E e) {
  return enum_names<E>::names[static_cast<size_t>(e)];
}

// The enum value of a name; nullopt for a name not in the table.
template <class E>
constexpr std::optional<E> parse_name(std::string_view s) {
  for (size_t i = 0; i < enum_names<E>::names.size(); ++i)
    if (enum_names<E>::names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

// ---- sessions, staff, citizens ------------------------------------------------------------------

struct session_row {
  session_kind kind = session_kind::citizen;
  std::optional<int64_t> staff_id, citizen_id, acting_for, unit_id;
  std::string csrf;
  bool staff_disabled = false;  // a disabled account's sessions end at its next request
  bool citizen_locked = false;  // a locked citizen's sessions are refused
};

struct new_session {
  std::string token_hash;
  session_kind kind = session_kind::citizen;
  std::optional<int64_t> staff_id, citizen_id, unit_id;
  std::string csrf, expires_at;
};

struct staff_login {
  int64_t id = 0;
  std::string password_hash;
  std::optional<int64_t> last_unit;
  bool disabled = false;
};

struct staff_profile {
  int64_t id = 0;
  std::string username, name;
};

// A unit with the roles someone has there.
struct unit_roles {
  int64_t id = 0;
  std::string code, name;
  std::vector<role> roles;
};

// A staff member with their roles at one unit.
struct staff_member {
  int64_t id = 0;
  std::string username, name;
  std::vector<role> roles;
  bool disabled = false;
};

struct citizen_row {
  int64_t id = 0;
  std::string pnr, name;
  bool protected_identity = false, locked = false, has_logged_in = false;
  std::optional<std::string> email, sms;
};

struct person {
  std::string name, pnr;
};

// ---- templates -----------------------------------------------------------------------------------

struct template_summary {
  int64_t id = 0, unit_id = 0;
  std::string unit_name, form_id, name;
  template_kind kind = template_kind::questionnaire;
  bool national = false, shared = false, is_public = false;
  int64_t latest_version = 0;
  template_state latest_state = template_state::unpublished;
  std::optional<int64_t> published_version;
};

// What a unit may do with a template: it sees its own, national ones, and shared ones it subscribes to.
struct template_access {
  int64_t id = 0, owner = 0;
  template_kind kind = template_kind::questionnaire;
  bool national = false, shared = false, is_public = false, subscribed = false;
  bool visible_to(int64_t unit) const { return owner == unit || national || (shared && subscribed); }
};

struct template_version {
  int64_t id = 0, version = 0;
  template_state state = template_state::unpublished;
  std::string definition, created_at;
};

// A form the citizen may start (a public template's newest published version).
struct startable_template {
  int64_t template_id = 0, version_id = 0, unit_id = 0;
  template_kind kind = template_kind::questionnaire;
  std::string unit_name;
};

// Why a template cannot be sent by a unit.
enum class send_refusal : uint8_t { none, not_found, case_form, not_available };
struct sendable {
  send_refusal refusal = send_refusal::none;
  int64_t version_id = 0;
};

// ---- form instances ------------------------------------------------------------------------------

// A form instance (its definition is the version's: the server keeps loaded versions, app::form_of).
struct instance_row {
  int64_t id = 0, unit_id = 0, version_id = 0, revision = 0, template_id = 0, version = 0;
  std::optional<int64_t> citizen_id, actor_citizen_id, dispatch_id;
  instance_state state = instance_state::ongoing;
  template_kind kind = template_kind::questionnaire;
  std::string answers, measurements, unit_name;
  std::optional<person> subject;  // the citizen the form is about (their name and number)
  std::optional<std::string> banner, answer_by, delete_after, result, submitted_at, read_at, documented_at, opened_at;
  std::optional<answerer> answered_by;
  std::string created_at, updated_at;
};

// A row of the citizen's forms page (no definition: the title comes from the cached form).
struct instance_summary {
  int64_t id = 0, version_id = 0;
  instance_state state = instance_state::ongoing;
  template_kind kind = template_kind::questionnaire;
  std::string unit_name, updated_at;
  std::optional<std::string> answer_by, submitted_at;
  // Sent by a package: its id, title and occasion (the citizen's page groups an occasion's forms).
  std::optional<int64_t> package_id, package_occasion, package_position;
  std::string package_title;
};

struct new_instance {
  int64_t unit_id = 0, version_id = 0;
  std::optional<int64_t> citizen_id, dispatch_id;
  std::optional<int64_t> package_id, package_occasion, package_position;
  std::optional<std::string> banner, link_token_hash;
  std::string answer_by, delete_after;
};

// A form link's instance, found by the link's token.
struct link_target {
  int64_t id = 0;
  std::optional<int64_t> owner;
  std::optional<std::string> answer_by;
  instance_state state = instance_state::ongoing;
};

// The columns the unit's answer list sorts on.
enum class answer_sort : uint8_t { sent, answered, answer_by, delete_after, alert, form, recipient, state };
template <>
struct enum_names<answer_sort> {
  static constexpr std::array<std::string_view, 8> names{"sent", "answered", "answer_by", "delete_after", "alert", "form", "recipient", "state"};
};

// Filters of the unit's answer list (uppföljning). Times are UTC bounds [from, to); dates (answer-by,
// delete-after) are local dates, both ends included.
struct answer_filter {
  int64_t unit_id = 0;
  std::optional<instance_state> state;
  std::optional<int64_t> template_id, package_id;
  std::optional<std::string> sent_from, sent_to, answered_from, answered_to;
  std::optional<std::string> answer_by_from, answer_by_to, delete_after_from, delete_after_to;
  std::optional<std::string> pnr;   // twelve digits
  std::optional<std::string> name;  // part of the recipient's name
  bool attention = false;           // alerts of warning or critical level
  std::optional<bool> documented;
  answer_sort sort = answer_sort::sent;
  bool descending = true;
  int64_t before = INT64_MAX;  // ids below this one (the sent order's next page)
  int64_t offset = 0;
  int64_t limit = 100;
};

struct answer_list_row {
  int64_t id = 0, template_id = 0, version = 0, alert_level = 0;
  std::optional<int64_t> package_id;
  std::string created_at;
  instance_state state = instance_state::ongoing;
  std::string template_name, updated_at;
  std::optional<person> recipient;
  std::optional<std::string> answer_by, delete_after, submitted_at, documented_at;
  std::optional<answerer> answered_by;
};

struct instance_event {
  std::string at, kind, actor;
};

// ---- attachments ---------------------------------------------------------------------------------

struct new_attachment {
  int64_t instance_id = 0;
  std::string item, name, media_type, sha256, content;
};

struct attachment_usage {
  int64_t files = 0, bytes = 0, files_of_item = 0;
};

struct attachment_meta {
  int64_t id = 0;
  std::string item, media_type;
  int64_t size = 0;
};

struct attachment_file {
  std::string name, media_type, content;
};

// ---- dispatches, audit, jobs ---------------------------------------------------------------------

enum class dispatch_kind : uint8_t { numbers, links };
template <>
struct enum_names<dispatch_kind> {
  static constexpr std::array<std::string_view, 2> names{"numbers", "links"};
};

// A dispatch in the unit's list (Skickade utskick), with how far its forms have come.
struct dispatch_summary {
  int64_t id = 0, template_id = 0, recipients = 0;
  dispatch_kind kind = dispatch_kind::numbers;
  std::string created_at, template_name, staff_username, answer_by;
  int64_t opened = 0, answered = 0, inbox = 0, notified = 0, failed = 0;
};

enum class channel : uint8_t { email, sms };
template <>
struct enum_names<channel> {
  static constexpr std::array<std::string_view, 2> names{"email", "sms"};
};
enum class notification_status : uint8_t { pending, sent, failed };
template <>
struct enum_names<notification_status> {
  static constexpr std::array<std::string_view, 3> names{"pending", "sent", "failed"};
};

struct notice {
  channel ch = channel::email;
  notification_status status = notification_status::pending;
};

// One form of a dispatch, as the sender follows it up.
struct dispatch_recipient {
  int64_t instance_id = 0;
  std::optional<person> recipient;  // none: a form link not yet claimed
  instance_state state = instance_state::ongoing;
  std::optional<std::string> opened_at, submitted_at;
  bool inbox = false;
  std::vector<notice> notices;
};

struct inbox_message {
  int64_t id = 0;
  std::string unit_name, subject, body, created_at;
  std::optional<std::string> read_at;
  std::optional<int64_t> instance_id;
};

// A notification as the outbox delivers it: where to (read when it goes, so that a changed address
// counts) and from which unit (none when the unit keeps its name out of notifications).
struct notification_delivery {
  int64_t id = 0, citizen_id = 0;
  channel ch = channel::email;
  notification_status status = notification_status::pending;
  std::optional<std::string> address, unit_name;
  std::string created_at;
  bool reminder = false;
  // A reminder goes only while its form waits for an answer (ongoing or to be confirmed).
  bool form_waiting = true;
};

struct new_dispatch {
  int64_t unit_id = 0, template_id = 0, version_id = 0, staff_id = 0;
  dispatch_kind kind = dispatch_kind::numbers;
  std::string answer_by, delete_after;
};

// ---- package dispatch (paketutskick) -------------------------------------------------------------

enum class interval_unit : uint8_t { days, weeks, months };
template <>
struct enum_names<interval_unit> {
  static constexpr std::array<std::string_view, 3> names{"days", "weeks", "months"};
};
enum class package_status : uint8_t { running, stopped, done, aborted };
template <>
struct enum_names<package_status> {
  static constexpr std::array<std::string_view, 4> names{"running", "stopped", "done", "aborted"};
};
enum class occasion_state : uint8_t { planned, sent, skipped, cancelled };
template <>
struct enum_names<occasion_state> {
  static constexpr std::array<std::string_view, 4> names{"planned", "sent", "skipped", "cancelled"};
};

// A form of a package (template), in order.
struct package_form {
  int64_t template_id = 0;
  std::string name, form_id;
};

// A package template (grundplåt), kept by designers: what a package starts from.
struct package_template {
  int64_t id = 0, unit_id = 0;
  std::string name, title;
  std::optional<int> weekday;             // 1 (Monday) to 7
  std::optional<std::string> time_of_day;  // HH:MM
  int interval_count = 1;
  interval_unit unit = interval_unit::weeks;
  int occasions = 1;
  std::string inbox_message;
  std::optional<std::string> error_email;
  bool archived = false;
  std::vector<package_form> forms;
  std::string updated_at;
};

struct package_occasion {
  int64_t number = 0;
  std::string local_date, local_time, due_at;  // the date and time as chosen (local), and when (UTC)
  occasion_state state = occasion_state::planned;
  std::optional<std::string> sent_at;
  std::string notes = "[]";  // JSON: what went wrong ([{"code": "form_unavailable", "form": "GAD-7"}, ...])
};

// A started package with its counts (the list of Pågående paketutskick).
struct package_summary {
  int64_t id = 0, unit_id = 0, package_template_id = 0, staff_id = 0;
  std::string name, title, inbox_message, staff_username, staff_name, created_at;
  std::optional<std::string> error_email, ended_at;
  package_status status = package_status::running;
  int64_t recipients = 0, occasions = 0, occasions_done = 0;
  std::optional<package_occasion> next;  // the first planned occasion
};

struct package_recipient {
  int64_t id = 0, citizen_id = 0;
  person who;
  std::optional<std::string> removed_at;
  int64_t forms = 0, answered = 0;
};

struct new_package {
  int64_t unit_id = 0, package_template_id = 0, staff_id = 0;
  std::string name, title, inbox_message;
  std::optional<std::string> error_email;
  std::vector<int64_t> forms;  // template ids
  std::vector<package_occasion> occasions;
  std::vector<int64_t> citizens;
};

// A package form available at an occasion: the version sent.
struct occasion_form {
  int64_t position = 0, template_id = 0, version_id = 0;
};

// Mail to a staff address (a package's error address), delivered by the outbox.
struct staff_mail_delivery {
  int64_t id = 0;
  std::string address, subject, body;
  notification_status status = notification_status::pending;
};

// A file in the export area: who made it, of how many answers, until when it is kept.
struct export_file {
  int64_t id = 0, unit_id = 0, staff_id = 0, answers = 0, size = 0;
  std::string kind, name, created_at, expires_at;
  std::string state = "ready";       // 'ready', 'running' (a job writes it; no file yet) or 'failed'
  int64_t done = 0, total = 0;       // progress, in answers
  std::optional<std::string> error;  // an error code when failed
};

// An answer as the CSV export's job reads it (export_repo::answers): what its row is made of.
struct export_answer {
  int64_t id = 0, version_id = 0, version = 0;
  std::string created_at, answers, measurements;
  std::optional<std::string> submitted_at, result;
  std::optional<answerer> answered_by;
  std::optional<person> subject;  // only when the export identifies people
};

// Filters of the audit log at a unit: an action or its kind ("answer." for every answer action), the
// staff member, and a period of days (YYYY-MM-DD, both included).
struct audit_filter {
  int64_t unit_id = 0;
  std::string action;  // an action, or a kind: a prefix ending in '.' (which also takes the action of its name)
  std::string staff;   // a user name
  std::string from, to;
  int64_t before = INT64_MAX;
  int64_t limit = 100;
};

struct audit_entry {
  int64_t id = 0;
  std::string at;
  std::optional<int64_t> staff_id, unit_id;
  std::string staff_username;  // on reading
  std::string action, target, details;
};

// Work that must happen once across all nodes (a housekeeping run, a package occasion, a
// notification): a row that one node claims for a while (its lease), does, and marks done.
struct job {
  int64_t id = 0;
  std::string kind, key, due_at;
  int64_t attempts = 0;
};

// ---- staff notifications and the unit's deletion policy (staff_notice_repo, retention_repo) -------

// When a unit's answers are deleted by its rule: N days after their delete-after date, or after they
// were marked documented.
enum class retention_basis : uint8_t { delete_after, documented };
template <>
struct enum_names<retention_basis> {
  static constexpr std::array<std::string_view, 2> names{"delete_after", "documented"};
};
struct retention_policy {
  int64_t days = 0;
  retention_basis after = retention_basis::delete_after;
};
// A unit's own settings beyond its name: its address for messages to the unit, its deletion rule.
struct unit_settings {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> email;
  std::optional<retention_policy> retention;
};

// A staff member's own settings at a unit: their address and the templates they follow.
struct staff_settings {
  std::optional<std::string> email;
  std::vector<int64_t> notify;  // template ids
};

// A coalesced notice that answers came, ready to be mailed (what the notice job reads): the address
// is empty when the person should get nothing any more (no address, disabled, no reader role).
struct answer_notice {
  int64_t staff_id = 0, unit_id = 0, template_id = 0, pending = 0;
  std::string address, template_name, unit_name;
};

// ---- record systems (record_system_repo) -----------------------------------------------------------

// A record system (journalsystem) registered at a unit: a client of /api/v1/records with an API key
// (only its hash is kept).
struct record_system {
  int64_t id = 0, unit_id = 0;
  std::string name, created_at;
  std::optional<std::string> revoked_at;
};

// A form as a record system lists it (GET /api/v1/records/forms).
struct record_form_row {
  int64_t id = 0, template_id = 0, version = 0;
  instance_state state = instance_state::ongoing;
  std::string pnr, created_at, updated_at;
  std::optional<std::string> submitted_at, answer_by, external_ref;
  std::optional<int64_t> record_system_id;
};

// The filter of a record system's list: the unit's forms, optionally of one patient (twelve digits),
// template and state, changed at or after `changed_since`, ordered by (updated_at, id) after the
// cursor (`after_updated`, `after_id`).
struct record_form_filter {
  int64_t unit_id = 0;
  std::optional<std::string> pnr, changed_since;
  std::optional<int64_t> template_id;
  std::optional<instance_state> state;
  std::optional<std::string> after_updated;
  int64_t after_id = 0;
  int64_t limit = 1000;
};

// ---- webhooks (webhook_repo) -----------------------------------------------------------------------

// A unit's subscription to form events: its URL and events (never its secret, which stays in the
// database and signs).
struct webhook {
  int64_t id = 0, unit_id = 0;
  std::string url, created_at;
  std::vector<std::string> events;
};

// A form event as delivered: ids only, copied when it happened.
struct webhook_event {
  int64_t id = 0;
  std::string event, created_at, state;
  int64_t instance_id = 0, template_id = 0;
  std::optional<std::string> unit_hsa_id, external_ref;
};

// One delivery of an event to a subscription: what the job sends, and what it came to (the log).
struct webhook_delivery {
  int64_t id = 0, webhook_id = 0;
  webhook_event e;
  std::string url, secret;  // secret: filled only for the job that sends (for_delivery)
  std::string status;       // pending, delivered or failed
  int64_t attempts = 0;
  std::optional<int64_t> last_status;
  std::optional<std::string> last_error, delivered_at;
  std::string created_at, updated_at;
};

}  // namespace blankett::server
