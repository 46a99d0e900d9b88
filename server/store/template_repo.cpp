// Templates (formulärmallar) and their versions; what a unit may see, send, and a citizen start.
#include "store/repos.h"

namespace blankett::server {
namespace {

constexpr const char* kSummaryColumns =
    "SELECT t.id, t.unit_id, u.name, t.form_id, t.name, t.kind, t.national, t.shared, t.public, "
    "(SELECT MAX(v.version) FROM template_versions v WHERE v.template_id = t.id), "
    "(SELECT v.state FROM template_versions v WHERE v.template_id = t.id ORDER BY v.version DESC LIMIT 1), "
    "(SELECT MAX(v.version) FROM template_versions v WHERE v.template_id = t.id AND v.state = 'published') ";
constexpr const char* kSummaryFrom = "FROM templates t JOIN units u ON u.id = t.unit_id ";
const std::string kSummary = std::string(kSummaryColumns) + kSummaryFrom;

// A unit sees its own templates, national ones, and shared ones it subscribes to (binds the unit twice).
constexpr const char* kVisible =
    "(t.unit_id = ? OR t.national = 1 OR (t.shared = 1 AND EXISTS "
    "(SELECT 1 FROM subscriptions s WHERE s.template_id = t.id AND s.unit_id = ?)))";

template_kind kind_of(const sql::statement& st, int col) {
  return parse_name<template_kind>(st.text(col)).value_or(template_kind::questionnaire);
}
template_state state_of(const sql::statement& st, int col) {
  return parse_name<template_state>(st.text(col)).value_or(template_state::unpublished);
}

template_summary summary_of(const sql::statement& st) {
  template_summary s;
  s.id = st.integer(0);
  s.unit_id = st.integer(1);
  s.unit_name = st.text(2);
  s.form_id = st.text(3);
  s.name = st.text(4);
  s.kind = kind_of(st, 5);
  s.national = st.flag(6);
  s.shared = st.flag(7);
  s.is_public = st.flag(8);
  s.latest_version = st.integer(9);
  s.latest_state = state_of(st, 10);
  s.published_version = st.integer_or_null(11);
  return s;
}

constexpr const char* kVersion = "SELECT id, version, state, definition, created_at FROM template_versions ";

std::optional<template_version> version_of(sql::statement& st) {
  if (!st.step()) return std::nullopt;
  return template_version{st.integer(0), st.integer(1), state_of(st, 2), st.text(3), st.text(4)};
}

}  // namespace

std::vector<template_summary> template_repo::visible_to(int64_t unit) {
  sql::statement st = c_.prepare(kSummary + "WHERE " + kVisible + " ORDER BY t.name, t.id");
  st.args(unit, unit);
  std::vector<template_summary> out;
  while (st.step()) out.push_back(summary_of(st));
  return out;
}

std::vector<std::pair<template_summary, bool>> template_repo::shared_for(int64_t unit) {
  sql::statement st = c_.prepare(std::string(kSummaryColumns) +
                                 ", CASE WHEN EXISTS (SELECT 1 FROM subscriptions s WHERE s.template_id = t.id AND s.unit_id = ?) "
                                 "THEN 1 ELSE 0 END " +
                                 kSummaryFrom + "WHERE t.shared = 1 AND t.unit_id <> ? ORDER BY t.name, t.id");
  st.args(unit, unit);
  std::vector<std::pair<template_summary, bool>> out;
  while (st.step()) out.emplace_back(summary_of(st), st.flag(12));
  return out;
}

std::optional<template_summary> template_repo::summary(int64_t id) {
  sql::statement st = c_.prepare(kSummary + "WHERE t.id = ?");
  st.args(id);
  if (!st.step()) return std::nullopt;
  return summary_of(st);
}

std::optional<template_access> template_repo::access(int64_t id, int64_t unit) {
  sql::statement st = c_.prepare(
      "SELECT t.id, t.unit_id, t.kind, t.national, t.shared, t.public, "
      "CASE WHEN EXISTS (SELECT 1 FROM subscriptions s WHERE s.template_id = t.id AND s.unit_id = ?) THEN 1 ELSE 0 END "
      "FROM templates t WHERE t.id = ?");
  st.args(unit, id);
  if (!st.step()) return std::nullopt;
  return template_access{st.integer(0), st.integer(1), kind_of(st, 2), st.flag(3), st.flag(4), st.flag(5), st.flag(6)};
}

std::optional<template_access> template_repo::by_form_id(int64_t unit, std::string_view form_id) {
  sql::statement st = c_.prepare("SELECT id FROM templates WHERE unit_id = ? AND form_id = ?");
  st.args(unit, form_id);
  if (!st.step()) return std::nullopt;
  const int64_t id = st.integer(0);
  st.reset();
  return access(id, unit);
}

int64_t template_repo::create(int64_t unit, std::string_view form_id, std::string_view template_name, template_kind kind, bool is_public,
                              bool national, bool shared) {
  return c_
      .prepare(
          "INSERT INTO templates (unit_id, form_id, name, kind, national, shared, public, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
      .args(unit, form_id, template_name, name(kind), national, shared, is_public, now_)
      .returned_id();
}

void template_repo::set_flag(int64_t id, template_flag f, bool on) {
  // The column is one of three fixed names, never text from a request.
  static constexpr const char* kUpdate[] = {"UPDATE templates SET shared = ? WHERE id = ?", "UPDATE templates SET public = ? WHERE id = ?",
                                            "UPDATE templates SET national = ? WHERE id = ?"};
  c_.prepare(kUpdate[static_cast<size_t>(f)]).args(on, id).run();
}

void template_repo::subscribe(int64_t unit, int64_t template_id) {
  c_.prepare("INSERT INTO subscriptions (unit_id, template_id) VALUES (?, ?) ON CONFLICT DO NOTHING").args(unit, template_id).run();
}

void template_repo::unsubscribe(int64_t unit, int64_t template_id) {
  c_.prepare("DELETE FROM subscriptions WHERE unit_id = ? AND template_id = ?").args(unit, template_id).run();
}

std::vector<template_version> template_repo::versions(int64_t template_id, bool released_only) {
  sql::statement st = c_.prepare(std::string(kVersion) + "WHERE template_id = ? " +
                                 (released_only ? "AND state IN ('published', 'archived') " : "") + "ORDER BY version");
  st.args(template_id);
  std::vector<template_version> out;
  while (auto v = version_of(st)) out.push_back(std::move(*v));
  return out;
}

std::optional<template_version> template_repo::version(int64_t template_id, int64_t version) {
  sql::statement st = c_.prepare(std::string(kVersion) + "WHERE template_id = ? AND version = ?");
  st.args(template_id, version);
  return version_of(st);
}

std::optional<template_version> template_repo::latest(int64_t template_id) {
  sql::statement st = c_.prepare(std::string(kVersion) + "WHERE template_id = ? ORDER BY version DESC LIMIT 1");
  st.args(template_id);
  return version_of(st);
}

std::optional<template_version> template_repo::newest_published(int64_t template_id) {
  sql::statement st = c_.prepare(std::string(kVersion) + "WHERE template_id = ? AND state = 'published' ORDER BY version DESC LIMIT 1");
  st.args(template_id);
  return version_of(st);
}

std::optional<std::string> template_repo::definition(int64_t version_id) {
  sql::statement st = c_.prepare("SELECT definition FROM template_versions WHERE id = ?");
  st.args(version_id);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

int64_t template_repo::add_version(int64_t template_id, int64_t version, template_state state, std::string_view definition,
                                   std::optional<int64_t> created_by) {
  return c_
      .prepare(
          "INSERT INTO template_versions (template_id, version, state, definition, created_by, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
      .args(template_id, version, name(state), definition, created_by, now_)
      .returned_id();
}

int64_t template_repo::replace_draft(int64_t template_id, int64_t version, std::string_view definition, int64_t created_by) {
  c_.prepare("DELETE FROM template_versions WHERE template_id = ? AND version = ? AND state = 'unpublished'").args(template_id, version).run();
  return add_version(template_id, version, template_state::unpublished, definition, created_by);
}

void template_repo::set_state(int64_t template_id, int64_t version, template_state state) {
  c_.prepare("UPDATE template_versions SET state = ? WHERE template_id = ? AND version = ?").args(name(state), template_id, version).run();
}

sendable template_repo::sendable_version(int64_t template_id, int64_t unit) {
  sql::statement st = c_.prepare(std::string(
                                     "SELECT v.id FROM templates t JOIN template_versions v ON v.template_id = t.id "
                                     "WHERE t.id = ? AND t.kind <> 'case' AND v.state = 'published' AND ") +
                                 kVisible + " ORDER BY v.version DESC LIMIT 1");
  st.args(template_id, unit, unit);
  if (st.step()) return {send_refusal::none, st.integer(0)};
  st.reset();
  sql::statement any = c_.prepare("SELECT t.kind FROM templates t WHERE t.id = ? AND (t.unit_id = ? OR t.national = 1 OR t.shared = 1)");
  any.args(template_id, unit);
  if (!any.step()) return {send_refusal::not_found, 0};
  if (kind_of(any, 0) == template_kind::case_form) return {send_refusal::case_form, 0};
  return {send_refusal::not_available, 0};
}

namespace {
constexpr const char* kStartable =
    "SELECT t.id, v.id, t.unit_id, t.kind, u.name FROM templates t JOIN units u ON u.id = t.unit_id "
    "JOIN template_versions v ON v.template_id = t.id WHERE t.public = 1 AND v.state = 'published' "
    "AND v.version = (SELECT MAX(v2.version) FROM template_versions v2 WHERE v2.template_id = t.id AND v2.state = 'published') ";

startable_template startable_of(const sql::statement& st) {
  return startable_template{st.integer(0), st.integer(1), st.integer(2), kind_of(st, 3), st.text(4)};
}
}  // namespace

std::optional<startable_template> template_repo::startable(int64_t template_id) {
  sql::statement st = c_.prepare(std::string(kStartable) + "AND t.id = ?");
  st.args(template_id);
  if (!st.step()) return std::nullopt;
  return startable_of(st);
}

std::vector<startable_template> template_repo::startable_all() {
  sql::statement st = c_.prepare(std::string(kStartable) + "ORDER BY u.name, t.name, t.id");
  std::vector<startable_template> out;
  while (st.step()) out.push_back(startable_of(st));
  return out;
}

}  // namespace blankett::server
