// migrate-db: the tables in the order their foreign keys need, copied row by row with their ids.
#include "store/copy.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "store/migrations.h"

namespace blankett::server {
namespace {

struct table_def {
  const char* name;
  std::vector<const char*> columns;
  std::vector<const char*> blobs;  // columns that are BLOB / BYTEA
  bool identity = true;            // an `id` column numbered by the database
};

// Every table of the schema (migrations.cpp), parents before children. schema_migrations is not
// copied: the target is migrated to the same version first.
const std::vector<table_def>& tables() {
  static const std::vector<table_def> kTables = {
      {"units", {"id", "code", "name", "created_at", "name_in_notifications", "email", "retention_days", "retention_after", "retention_run_on", "hsa_id"}, {}},
      {"record_systems", {"id", "unit_id", "name", "key_hash", "created_at", "revoked_at"}, {}},
      {"staff", {"id", "username", "display_name", "password_hash", "last_unit_id", "disabled", "created_at", "email"}, {}},
      {"staff_roles", {"staff_id", "unit_id", "role"}, {}, false},
      {"citizens", {"id", "pnr", "name", "protected_identity", "locked", "has_logged_in", "notify_email", "notify_sms", "created_at"}, {}},
      {"guardianships", {"guardian_id", "child_id"}, {}, false},
      {"sessions", {"token_hash", "kind", "staff_id", "citizen_id", "acting_for", "unit_id", "csrf", "created_at", "expires_at"}, {}, false},
      {"templates", {"id", "unit_id", "form_id", "name", "kind", "national", "shared", "public", "created_at"}, {}},
      {"template_versions", {"id", "template_id", "version", "state", "definition", "created_by", "created_at"}, {}},
      {"subscriptions", {"unit_id", "template_id"}, {}, false},
      {"dispatches",
       {"id", "unit_id", "template_id", "version_id", "staff_id", "kind", "answer_by", "delete_after", "recipients", "created_at"},
       {}},
      {"package_templates",
       {"id", "unit_id", "name", "title", "weekday", "time_of_day", "interval_count", "interval_unit", "occasions", "inbox_message",
        "error_email", "archived", "created_at", "updated_at"},
       {}},
      {"package_template_forms", {"package_template_id", "position", "template_id"}, {}, false},
      {"packages",
       {"id", "unit_id", "package_template_id", "staff_id", "name", "title", "inbox_message", "error_email", "status", "created_at",
        "ended_at"},
       {}},
      {"package_forms", {"package_id", "position", "template_id"}, {}, false},
      {"package_occasions", {"package_id", "number", "local_date", "local_time", "due_at", "state", "sent_at", "notes"}, {}, false},
      {"package_recipients", {"id", "package_id", "citizen_id", "removed_at"}, {}},
      {"package_deliveries", {"package_id", "occasion", "citizen_id", "outcome", "at"}, {}, false},
      {"instances",
       {"id", "unit_id", "version_id", "citizen_id", "state", "banner", "answers", "measurements", "result", "answer_by", "delete_after",
        "answered_by", "actor_citizen_id", "public_token_hash", "read_at", "documented_at", "revision", "created_at", "updated_at",
        "submitted_at", "dispatch_id", "opened_at", "letter_code_hash", "package_id", "package_occasion", "package_position",
        "alert_level", "recipient_name", "form_name", "record_system_id", "external_ref"},
       {}},
      {"instance_events", {"id", "instance_id", "at", "kind", "actor"}, {}},
      {"attachments", {"id", "instance_id", "item", "name", "media_type", "size", "sha256", "content", "created_at"}, {"content"}},
      {"audit", {"id", "at", "staff_id", "unit_id", "action", "target", "details"}, {}},
      {"login_failures", {"key", "at"}, {}, false},
      {"jobs", {"id", "kind", "key", "due_at", "claimed_by", "lease_until", "attempts", "last_error", "done_at"}, {}},
      {"inbox_messages",
       {"id", "citizen_id", "unit_id", "instance_id", "dispatch_id", "subject", "body", "created_at", "read_at", "package_id"},
       {}},
      {"notifications",
       {"id", "citizen_id", "unit_id", "instance_id", "dispatch_id", "channel", "status", "attempts", "created_at", "sent_at", "last_error",
        "package_id", "purpose"},
       {}},
      {"exports",
       {"id", "unit_id", "staff_id", "kind", "name", "answers", "size", "content", "created_at", "expires_at", "state", "done", "total",
        "error", "options"},
       {"content"}},
      {"export_instances", {"export_id", "instance_id"}, {}, false},
      {"staff_mail", {"id", "unit_id", "address", "subject", "body", "status", "attempts", "created_at", "sent_at", "last_error"}, {}},
      {"staff_subscriptions", {"unit_id", "template_id", "staff_id", "pending", "last_mail_at"}, {}, false},
      {"settings", {"key", "value"}, {}, false},
      {"webhooks", {"id", "unit_id", "url", "events", "secret", "created_at", "deleted_at"}, {}},
      {"webhook_events",
       {"id", "event", "unit_id", "instance_id", "unit_hsa_id", "template_id", "state", "external_ref", "created_at"},
       {}},
      {"webhook_deliveries",
       {"id", "webhook_id", "event_id", "status", "attempts", "last_status", "last_error", "created_at", "updated_at", "delivered_at"},
       {}},
  };
  return kTables;
}

bool is_blob(const table_def& t, const char* column) {
  return std::any_of(t.blobs.begin(), t.blobs.end(), [&](const char* b) { return std::string_view(b) == column; });
}

std::string select_all(const table_def& t) {
  std::string q = "SELECT ";
  for (size_t i = 0; i < t.columns.size(); ++i) q += (i ? ", " : "") + std::string(t.columns[i]);
  return q + " FROM " + t.name;
}

std::string hex(const unsigned char* p, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 15];
  }
  return out;
}

table_check check_table(sql::connection& c, const table_def& t) {
  // Each row's values in the canonical form, hashed; the row hashes sorted and hashed again, so that
  // neither the order rows come in nor the backend's collation changes the checksum.
  sql::statement st = c.prepare(select_all(t));
  std::vector<std::array<unsigned char, crypto_hash_sha256_BYTES>> rows;
  while (st.step()) {
    std::string canon;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      if (i) canon += '\x1f';
      canon += sql::canonical_value(st, static_cast<int>(i), is_blob(t, t.columns[i]));
    }
    auto& h = rows.emplace_back();
    crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(canon.data()), canon.size());
  }
  std::sort(rows.begin(), rows.end());
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (const auto& h : rows) crypto_hash_sha256_update(&state, h.data(), h.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return table_check{t.name, static_cast<int64_t>(rows.size()), hex(digest, sizeof digest)};
}

}  // namespace

std::vector<table_check> check_tables(store& db) {
  std::vector<table_check> out;
  db.with_connection([&](sql::connection& c) {
    c.begin(sql::isolation::read);
    for (const table_def& def : tables()) out.push_back(check_table(c, def));
    c.commit();
  });
  return out;
}

copy_result copy_database(store& from, store& to) {
  copy_result r;
  const int source_version = from.migrate();
  const int target_version = to.migrate();
  if (source_version != target_version) {
    r.error = "the schema versions differ (" + std::to_string(source_version) + " and " + std::to_string(target_version) + ")";
    return r;
  }
  for (const table_check& t : check_tables(to))
    if (t.rows != 0) {
      r.error = "the target is not empty: its table " + t.table + " has " + std::to_string(t.rows) + " rows";
      return r;
    }
  from.with_connection([&](sql::connection& src) {
    to.with_connection([&](sql::connection& dst) {
      src.begin(sql::isolation::read);
      dst.begin(sql::isolation::write);
      for (const table_def& t : tables()) {
        std::string insert = std::string("INSERT INTO ") + t.name + " (";
        std::string values;
        for (size_t i = 0; i < t.columns.size(); ++i) {
          insert += (i ? ", " : "") + std::string(t.columns[i]);
          values += i ? ", ?" : "?";
        }
        insert += ") VALUES (" + values + ")";
        sql::statement read = src.prepare(select_all(t));
        sql::statement write = dst.prepare(insert);
        while (read.step()) {
          for (size_t i = 0; i < t.columns.size(); ++i) {
            const int col = static_cast<int>(i);
            if (read.is_null(col)) write.bind(col + 1, std::nullopt);
            else if (is_blob(t, t.columns[i])) write.bind_blob(col + 1, read.blob(col));
            else write.bind(col + 1, read.text(col));
          }
          write.run();
          write.reset();
        }
        // PostgreSQL numbers new rows from a sequence: it continues after the copied ids.
        if (t.identity && dst.kind() == sql::backend::postgresql)
          dst.exec(std::string("SELECT setval(pg_get_serial_sequence('") + t.name + "', 'id'), COALESCE((SELECT MAX(id) FROM " + t.name +
                   "), 0) + 1, false)");
      }
      dst.commit();
      src.commit();
    });
  });
  r.source = check_tables(from);
  r.target = check_tables(to);
  r.ok = true;
  for (size_t i = 0; i < r.source.size(); ++i)
    if (r.source[i].rows != r.target[i].rows || r.source[i].checksum != r.target[i].checksum) {
      r.ok = false;
      r.error = "table " + r.source[i].table + " differs after the copy";
    }
  return r;
}

}  // namespace blankett::server
