// The repositories: one per aggregate, each a thin object over a transaction's connection (get them
// from `tx`, store.h). Each method is one or a few statements in the SQL both backends read; the
// implementations are server/store/<name>_repo.cpp. Times written are the transaction's `now`.
//
// Index: units · sessions · staff · citizens · templates · instances · attachments · dispatches ·
// inbox · notifications (the outbox) · package templates · packages · mail (to staff addresses) · record
// systems · audit · logins (failed-login counts) · jobs (work claimed once across nodes)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/model.h"
#include "store/sql.h"

namespace blankett::server {

class repo {
 public:
  repo(sql::connection& c, const std::string& now) : c_(c), now_(now) {}

 protected:
  sql::connection& c_;
  const std::string& now_;
};

// The installation's own settings, by key (the test clock's offset).
class settings_repo : public repo {
 public:
  using repo::repo;
  std::optional<std::string> get(std::string_view key);
  void set(std::string_view key, std::string_view value);
};

class unit_repo : public repo {
 public:
  using repo::repo;
  bool any() const;  // is anything seeded yet
  int64_t create(std::string_view code, std::string_view name);
  std::optional<int64_t> id_of(std::string_view code);
  // Whether the unit's name is in the e-mail and SMS notifications it causes (on unless turned off).
  bool name_in_notifications(int64_t unit);
  void set_name_in_notifications(int64_t unit, bool on);
  // The unit's HSA-id (the national directory's id of the care unit), or nullopt when none is set.
  std::optional<std::string> hsa_id(int64_t unit);
  void set_hsa_id(int64_t unit, const std::optional<std::string>& hsa_id);
};

class session_repo : public repo {
 public:
  using repo::repo;
  void create(const new_session& s);
  // A live session (expires after now), with whether its staff account is disabled.
  std::optional<session_row> find(std::string_view token_hash);
  void set_unit(std::string_view token_hash, int64_t unit);
  // The session lasts until `expires_at` (the test clock moved its caller's time on).
  void renew(std::string_view token_hash, std::string_view expires_at);
  void set_acting_for(std::string_view token_hash, std::optional<int64_t> child);
  void remove(std::string_view token_hash);
  void remove_for_staff(int64_t staff_id);
  void remove_for_citizen(int64_t citizen_id);
  int64_t purge_expired();
};

class staff_repo : public repo {
 public:
  using repo::repo;
  int64_t create(std::string_view username, std::string_view name, std::string_view password_hash, std::optional<int64_t> last_unit);
  std::optional<staff_login> login(std::string_view username);
  std::optional<int64_t> id_of(std::string_view username);
  std::optional<staff_profile> profile(int64_t staff_id);
  // Every unit the person has a role at, with the roles, by unit name.
  std::vector<unit_roles> units(int64_t staff_id);
  std::vector<role> roles_at(int64_t staff_id, int64_t unit);
  bool has_role_at(int64_t staff_id, int64_t unit);
  void set_last_unit(int64_t staff_id, int64_t unit);
  void grant(int64_t staff_id, int64_t unit, role r);
  void revoke(int64_t staff_id, int64_t unit, role r);
  // The unit's staff with their roles there, by user name.
  std::vector<staff_member> at_unit(int64_t unit);
  void set_disabled(int64_t staff_id, bool disabled);
};

class citizen_repo : public repo {
 public:
  using repo::repo;
  std::optional<citizen_row> by_pnr(std::string_view pnr);
  std::optional<citizen_row> by_id(int64_t id);
  // Creates a citizen known only by number (named later by the population register or the demo).
  int64_t create(std::string_view pnr, std::string_view name = {}, bool protected_identity = false,
                 std::optional<std::string> email = std::nullopt);
  void mark_logged_in(int64_t id);
  void set_locked(int64_t id, bool locked);
  void set_protected(int64_t id, bool on);
  void set_email(int64_t id, const std::optional<std::string>& email);
  void set_sms(int64_t id, const std::optional<std::string>& sms);
  // The guardian's children, by name (their age decides whether the guardian may act: policy.h).
  std::vector<citizen_row> children_of(int64_t guardian);
  std::optional<citizen_row> child_of(int64_t guardian, int64_t child);
  void add_guardianship(int64_t guardian, int64_t child);
  // Named citizens for the demo login's list.
  std::vector<citizen_row> demo_people(int64_t limit);
  // The citizens with these numbers (twelve digits), in no particular order; numbers without one are left out.
  std::vector<citizen_row> by_pnrs(const std::vector<std::string>& pnrs);
  // Creates citizens known only by number; returns each (number, id).
  std::vector<std::pair<std::string, int64_t>> create_many(const std::vector<std::string>& pnrs);
};

class template_repo : public repo {
 public:
  using repo::repo;
  // The templates a unit may use (its own, national, shared and subscribed), by name.
  std::vector<template_summary> visible_to(int64_t unit);
  // Other units' shared templates, with whether `unit` subscribes to each (gemensamma mallar).
  std::vector<std::pair<template_summary, bool>> shared_for(int64_t unit);
  std::optional<template_summary> summary(int64_t id);
  std::optional<template_access> access(int64_t id, int64_t unit);
  std::optional<template_access> by_form_id(int64_t unit, std::string_view form_id);
  int64_t create(int64_t unit, std::string_view form_id, std::string_view name, template_kind kind, bool is_public,
                 bool national = false, bool shared = false);
  void set_flag(int64_t id, template_flag f, bool on);
  void subscribe(int64_t unit, int64_t template_id);
  void unsubscribe(int64_t unit, int64_t template_id);
  // Versions, oldest first; `released_only`: published and archived ones (what other units see).
  std::vector<template_version> versions(int64_t template_id, bool released_only);
  std::optional<template_version> version(int64_t template_id, int64_t version);
  std::optional<template_version> latest(int64_t template_id);
  std::optional<template_version> newest_published(int64_t template_id);
  // A version's definition by its row id (what instances point at); nullopt when there is none.
  std::optional<std::string> definition(int64_t version_id);
  int64_t add_version(int64_t template_id, int64_t version, template_state state, std::string_view definition,
                      std::optional<int64_t> created_by);
  // Replaces an unpublished draft: a new row (a version id always names one definition, so that
  // caches of loaded forms never go stale).
  int64_t replace_draft(int64_t template_id, int64_t version, std::string_view definition, int64_t created_by);
  void set_state(int64_t template_id, int64_t version, template_state state);
  // The newest published version a unit may send of a template, or why it may not.
  sendable sendable_version(int64_t template_id, int64_t unit);
  // A public template a citizen may start; every startable one (by unit name and template name).
  std::optional<startable_template> startable(int64_t template_id);
  std::vector<startable_template> startable_all();
};

class instance_repo : public repo {
 public:
  using repo::repo;
  std::optional<instance_row> load(int64_t id);
  int64_t create(const new_instance& n);
  // One instance like `n` for each citizen (n.citizen_id is ignored); returns each (citizen, instance).
  std::vector<std::pair<int64_t, int64_t>> create_many(const new_instance& n, const std::vector<int64_t>& citizens);
  // The first time the citizen opens the form; false when it was opened before.
  bool mark_opened(int64_t id);
  // The subject's forms that are not cancelled, newest first.
  std::vector<instance_summary> for_subject(int64_t citizen);
  int64_t ongoing_of_template(int64_t citizen, int64_t template_id);
  // The units the citizen has forms at (an administrator's reach).
  std::vector<int64_t> units_of_subject(int64_t citizen);
  // Each of these changes the instance only in the state (and revision) given; false otherwise.
  bool save_answers(int64_t id, int64_t revision, std::string_view answers, answerer by, int64_t actor);
  bool to_review(int64_t id, int64_t revision);
  bool submit(int64_t id, int64_t revision, std::string_view answers, std::string_view result, int64_t alert_level);
  bool cancel(int64_t id);
  bool mark_information_read(int64_t id);
  bool set_measurements(int64_t id, int64_t revision, std::string_view measurements, std::string_view result, int64_t alert_level);
  void mark_documented(int64_t id);
  std::optional<link_target> by_link(std::string_view token_hash);
  std::optional<link_target> by_letter_code(std::string_view code_hash);
  // A new personal link and code for the form (a paper letter): the old ones stop working.
  void set_link(int64_t id, std::string_view token_hash, std::string_view code_hash);
  bool claim_link(int64_t id, int64_t subject);
  // Removes the instance with its events and attachments (ON DELETE CASCADE).
  void erase(int64_t id);
  void erase_many(const std::vector<int64_t>& ids);
  // The unit's answers the filter selects, in its order, a page of them; how many it selects in all.
  std::vector<answer_list_row> list(const answer_filter& f);
  int64_t count(const answer_filter& f);
  // The ids of every answer the filter selects (its sort, offset and limit aside), by id, at most `limit`.
  std::vector<int64_t> ids(const answer_filter& f, int64_t limit);
  void add_event(int64_t instance, std::string_view kind, std::string_view actor);
  void add_events(const std::vector<int64_t>& instances, std::string_view kind, std::string_view actor);
  std::vector<instance_event> events(int64_t instance);
};

class attachment_repo : public repo {
 public:
  using repo::repo;
  int64_t add(const new_attachment& a);
  attachment_usage usage(int64_t instance, std::string_view item);
  std::optional<attachment_meta> meta(int64_t id, int64_t instance, std::string_view item);
  std::optional<attachment_file> file(int64_t id, int64_t instance);
  std::vector<attachment_meta> of_instance(int64_t instance);
  void remove(int64_t id);
};

class dispatch_repo : public repo {
 public:
  using repo::repo;
  int64_t create(const new_dispatch& d);
  void set_recipients(int64_t id, int64_t count);
  // The same event for every form of the dispatch (one statement, however many forms).
  void add_events(int64_t dispatch, std::string_view kind, std::string_view actor);
  // The unit's dispatches, newest first, with ids below `before`.
  std::vector<dispatch_summary> at_unit(int64_t unit, int64_t before, int64_t limit);
  std::optional<dispatch_summary> find(int64_t id, int64_t unit);
  std::vector<dispatch_recipient> recipients(int64_t dispatch);
};

// The citizen's inbox (inkorg): a message per form sent with one, with its read mark.
class inbox_repo : public repo {
 public:
  using repo::repo;
  // An inbox message for every form of the dispatch.
  void add_for_dispatch(int64_t dispatch, std::string_view subject, std::string_view body);
  // One message for each (citizen, instance) of a package's occasion, linking to that form; returns
  // their ids.
  std::vector<int64_t> add_for_package(int64_t unit, std::optional<int64_t> package, std::string_view subject, std::string_view body,
                                       const std::vector<std::pair<int64_t, int64_t>>& citizen_instances);
  // The citizen's messages, newest first.
  std::vector<inbox_message> of_citizen(int64_t citizen, int64_t limit);
  // Marks the citizen's message read; false when it is not theirs.
  bool mark_read(int64_t id, int64_t citizen);
};

// The outbox: notifications by e-mail and SMS that a message is waiting, each delivered by a job
// ("notification", keyed by its id) so that it goes once however many nodes run.
class notification_repo : public repo {
 public:
  using repo::repo;
  // A notification per channel the citizen has turned on, for every form of the dispatch that has an
  // inbox message, each with its delivery job due at once; returns how many.
  int64_t add_for_dispatch(int64_t dispatch);
  // The same for these inbox messages (a package's occasion, reminders); returns how many.
  int64_t add_for_messages(const std::vector<int64_t>& inbox_ids, bool reminder = false);
  std::optional<notification_delivery> for_delivery(int64_t id);
  void mark(int64_t id, notification_status status, std::string_view error);
};

// Package templates (grundplåtar), kept by a unit's designers.
class package_template_repo : public repo {
 public:
  using repo::repo;
  // The unit's package templates with their forms, by name, archived ones last.
  std::vector<package_template> at_unit(int64_t unit);
  std::optional<package_template> find(int64_t id, int64_t unit);
  // Whether another of the unit's package templates (not `except`) has the name.
  bool name_taken(int64_t unit, std::string_view name, int64_t except);
  int64_t create(const package_template& p);
  void update(const package_template& p);
};

// Packages (paketutskick): started from a template, sent at each occasion by the scheduler.
class package_repo : public repo {
 public:
  using repo::repo;
  // The package with its forms, occasions (each with its job, due at its time) and recipients.
  int64_t create(const new_package& p);
  // The unit's packages, newest first, leaving out those that ended before `ended_after`.
  std::vector<package_summary> at_unit(int64_t unit, std::string_view ended_after);
  // A package (of the unit, when given).
  std::optional<package_summary> find(int64_t id, std::optional<int64_t> unit);
  std::vector<package_form> forms(int64_t id);
  std::vector<package_occasion> occasions(int64_t id);
  std::vector<package_recipient> recipients(int64_t id);
  int64_t active_recipients(int64_t id);
  // Changes the status only from `from`; `ended`: sets ended_at now (else clears it). False otherwise.
  bool set_status(int64_t id, package_status from, package_status to, bool ended);
  // Marks a recipient removed (their forms stay); false when there is no such active recipient.
  bool remove_recipient(int64_t id, int64_t recipient);
  // Ends an occasion: sent (sent_at now), skipped or cancelled, with its notes (JSON).
  void end_occasion(int64_t id, int64_t number, occasion_state state, std::string_view notes);
  // Every planned occasion cancelled (a stopped package whose next occasion passed).
  void cancel_planned(int64_t id);
  // The next `limit` active recipients the occasion has not reached yet, by citizen id, each with
  // whether they can still be sent to (no protected identity or locked login since the start).
  std::vector<std::pair<int64_t, bool>> next_recipients(int64_t id, int64_t occasion, int64_t limit);
  // Records that the occasion reached these citizens (each once: the key refuses a second row).
  void add_deliveries(int64_t id, int64_t occasion, const std::vector<std::pair<int64_t, bool>>& citizens);
  // How many recipients the occasion reached, and how many of those could not be sent to.
  std::pair<int64_t, int64_t> deliveries(int64_t id, int64_t occasion);
  // Housekeeping: forgets who the recipients were of packages that ended before `before` (their
  // forms stay, under their own names); returns how many rows went.
  int64_t forget_ended(std::string_view before);
};

// The export area: files of exported answers, kept 14 days for the one who made them; each expires
// by a job ("export_expiry", keyed by its id). Deleting an answer deletes every export that holds it.
class export_repo : public repo {
 public:
  using repo::repo;
  // Stores the file with the answers it holds, and its expiry job due at `expires_at`. An export in
  // state 'running' (e.state) has no content yet: its job ("csv_export", keyed by its id) is due now,
  // and `options` (JSON) is what the job reads.
  int64_t add(const export_file& e, std::string_view content, const std::vector<int64_t>& instances,
              std::string_view options = "{}");
  std::string options(int64_t id);
  // A running export's progress; its file (state 'ready', done = total) or its failure (an error code).
  // Each false when the export is gone or no longer running.
  bool progress(int64_t id, int64_t done);
  bool finish(int64_t id, std::string_view content);
  bool fail(int64_t id, std::string_view error);
  // The template versions (row id, version number) of the export's answers, oldest first.
  std::vector<std::pair<int64_t, int64_t>> versions(int64_t id);
  // The export's answers with ids above `after`, by id, at most `limit`; with their subjects when
  // `identify`.
  std::vector<export_answer> answers(int64_t id, int64_t after, int64_t limit, bool identify);
  // The staff member's exports at the unit, newest first (without their content).
  std::vector<export_file> of_staff(int64_t staff, int64_t unit);
  std::optional<export_file> find(int64_t id);
  std::optional<std::string> content(int64_t id);
  bool remove(int64_t id);
};

// Mail to staff addresses (a package's address for errors), each delivered by a job ("mail").
class mail_repo : public repo {
 public:
  using repo::repo;
  int64_t add(int64_t unit, std::string_view address, std::string_view subject, std::string_view body);
  std::optional<staff_mail_delivery> for_delivery(int64_t id);
  void mark(int64_t id, notification_status status, std::string_view error);
};

// Staff notifications that a followed form was answered: each staff member's address, what they
// follow at a unit, and the answers not yet told, coalesced by a job per (staff, unit, template)
// ("answer_notice") into at most one mail per 10 minutes.
class staff_notice_repo : public repo {
 public:
  using repo::repo;
  staff_settings settings(int64_t staff, int64_t unit);
  void set_email(int64_t staff, const std::optional<std::string>& email);
  // Follows exactly these templates at the unit (keeps what each kept one has not mailed yet).
  void set_templates(int64_t staff, int64_t unit, const std::vector<int64_t>& templates);
  // An answer to the template came in at the unit: counted for each follower who may be told (an
  // address, not disabled, a reader there), whose notice job is made due at once or 10 minutes after
  // their last mail. Returns how many followers were counted.
  int64_t answered(int64_t unit, int64_t template_id);
  // The answers counted for the follower, set to none now (the notice job's work): with the address
  // to mail (empty when they may not be told any more). Marks the mail sent now when there is one.
  std::optional<answer_notice> take(int64_t staff, int64_t unit, int64_t template_id);
};

// The unit's own settings (its address, its deletion rule) and the daily retention run's queries.
class retention_repo : public repo {
 public:
  using repo::repo;
  std::optional<unit_settings> unit(int64_t unit);
  void set_email(int64_t unit, const std::optional<std::string>& email);
  void set_policy(int64_t unit, const std::optional<retention_policy>& policy);
  // A unit with a rule whose run of local date `today` has not finished.
  std::optional<unit_settings> next_unit(std::string_view today);
  void mark_run(int64_t unit, std::string_view today);
  // The unit's answers the rule deletes: for delete_after, those whose delete-after date is before
  // `before` (a date); for documented, those documented before `before` (a UTC time). At most `limit`.
  std::vector<int64_t> due(int64_t unit, retention_basis basis, std::string_view before, int64_t limit);
  int64_t count_due(int64_t unit, retention_basis basis, std::string_view before);
};

// Record systems (journalsystem): a unit's clients of /api/v1/records, each known by its API key's
// hash; and the forms they created (the system and its external reference on the instance).
class record_system_repo : public repo {
 public:
  using repo::repo;
  int64_t create(int64_t unit, std::string_view name, std::string_view key_hash);
  // The unit's systems, oldest first, revoked ones too.
  std::vector<record_system> at_unit(int64_t unit);
  // The system whose key has this hash and is not revoked.
  std::optional<record_system> by_key(std::string_view key_hash);
  // Revokes the unit's system now; false when there is no such system or it is revoked already.
  bool revoke(int64_t id, int64_t unit);
  // Marks the instance as created by the system, with its reference (or none).
  void set_origin(int64_t instance, int64_t system, const std::optional<std::string>& external_ref);
  // The instance's creating system and reference, if a system created it.
  std::pair<std::optional<int64_t>, std::optional<std::string>> origin(int64_t instance);
  // The unit's forms the filter selects (record_form_filter), at most f.limit.
  std::vector<record_form_row> forms(const record_form_filter& f);
};

// Webhooks: a unit's subscriptions to form events, the events (written in the transaction of the
// change that causes them) and one delivery per subscription, each sent by a job ("webhook", keyed by
// the delivery's id) so that it goes once however many nodes run.
class webhook_repo : public repo {
 public:
  using repo::repo;
  int64_t create(int64_t unit, std::string_view url, const std::vector<std::string>& events, std::string_view secret);
  // The unit's subscriptions, oldest first.
  std::vector<webhook> at_unit(int64_t unit);
  // Deletes the unit's subscription: gone from its list, its secret emptied, its pending deliveries
  // failed (not sent); false when there is none.
  bool remove(int64_t id, int64_t unit);
  // `event` for each of these forms, for every subscription of its unit to it: the event copied from
  // the form (call it before the form is deleted) and a delivery per subscription with its job due
  // now. Returns the deliveries added (none when no subscription wants it).
  int64_t emit(std::string_view event, const std::vector<int64_t>& instances);
  // The same for every form of the dispatch.
  int64_t emit_for_dispatch(std::string_view event, int64_t dispatch);
  // A delivery with its subscription's URL and secret, for the job that sends it.
  std::optional<webhook_delivery> for_delivery(int64_t id);
  // What an attempt came to: the status, the attempts made so far, the HTTP status or the error.
  void mark(int64_t id, std::string_view status, int64_t attempts, std::optional<int64_t> http_status, std::string_view error);
  // The subscription's deliveries with ids below `before`, newest first, at most `limit`.
  std::vector<webhook_delivery> deliveries(int64_t webhook, int64_t before, int64_t limit);
};

class audit_repo : public repo {
 public:
  using repo::repo;
  void append(std::optional<int64_t> staff, std::optional<int64_t> unit, std::string_view action, std::string_view target,
              std::string_view details);
  // The unit's entries that match the filter, newest first.
  std::vector<audit_entry> at_unit(const audit_filter& f);
};

// Failed logins, counted in the database so that every node sees every attempt.
class login_repo : public repo {
 public:
  using repo::repo;
  int64_t failures_since(std::string_view key, std::string_view since);
  void record_failure(std::string_view key);
  void clear(std::string_view key);
  int64_t purge_before(std::string_view before);
};

// Work that must happen once: rows that one node claims (FOR UPDATE SKIP LOCKED on PostgreSQL; the
// single writer on SQLite), does, and marks done within its lease. A claim whose lease ran out (its
// node died) is claimed again.
class job_repo : public repo {
 public:
  using repo::repo;
  // Adds the job unless (kind, key) exists; true when added.
  bool schedule(std::string_view kind, std::string_view key, std::string_view due_at);
  // Claims up to `limit` due jobs of `kind` for `node` until `lease_until`. Use with store::claim.
  std::vector<job> claim(std::string_view kind, std::string_view node, std::string_view lease_until, int64_t limit);
  // Marks a claimed job done, or (a recurring job) due again at `next_due`; false when the claim was
  // lost (its lease ran out and another node took it), and then nothing is changed.
  bool finish(int64_t id, std::string_view node, std::optional<std::string> next_due = std::nullopt);
  // Keeps a claimed job's claim until `lease_until` (work done in several transactions); false when the
  // claim was lost.
  bool extend(int64_t id, std::string_view node, std::string_view lease_until);
  // Gives a claimed job back with an error, due again at `retry_at` (its attempts keep counting);
  // false when the claim was lost.
  bool fail(int64_t id, std::string_view node, std::string_view error, std::string_view retry_at);
  // Removes jobs done before `before` (housekeeping).
  int64_t purge_done(std::string_view before);
};

}  // namespace blankett::server
