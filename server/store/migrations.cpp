// The schema, as numbered migrations. Never edit a released migration: add the next one.
//
// SQL is kept to what SQLite and PostgreSQL both read (INTEGER keys, TEXT times in ISO 8601 UTC,
// CHECK constraints); the append-only triggers are the SQLite spelling.
#include "store/migrations.h"

#include <array>
#include <string_view>

namespace blankett::server {
namespace {

struct migration {
  int version;
  std::string_view sql;
};

constexpr std::array kMigrations{
    migration{1, R"sql(
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  last_unit_id INTEGER REFERENCES units(id),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE staff_roles (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  role TEXT NOT NULL CHECK (role IN ('sender', 'reader', 'designer', 'admin')),
  PRIMARY KEY (staff_id, unit_id, role)
);
CREATE TABLE citizens (
  id INTEGER PRIMARY KEY,
  pnr TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  protected_identity INTEGER NOT NULL DEFAULT 0,
  locked INTEGER NOT NULL DEFAULT 0,
  has_logged_in INTEGER NOT NULL DEFAULT 0,
  notify_email TEXT,
  notify_sms TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE guardianships (
  guardian_id INTEGER NOT NULL REFERENCES citizens(id),
  child_id INTEGER NOT NULL REFERENCES citizens(id),
  PRIMARY KEY (guardian_id, child_id)
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('staff', 'citizen')),
  staff_id INTEGER REFERENCES staff(id),
  citizen_id INTEGER REFERENCES citizens(id),
  acting_for INTEGER REFERENCES citizens(id),
  unit_id INTEGER REFERENCES units(id),
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE templates (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  form_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'questionnaire' CHECK (kind IN ('questionnaire', 'case', 'information')),
  national INTEGER NOT NULL DEFAULT 0,
  shared INTEGER NOT NULL DEFAULT 0,
  public INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (unit_id, form_id)
);
CREATE TABLE template_versions (
  id INTEGER PRIMARY KEY,
  template_id INTEGER NOT NULL REFERENCES templates(id),
  version INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('unpublished', 'pending', 'published', 'archived')),
  definition TEXT NOT NULL,
  created_by INTEGER REFERENCES staff(id),
  created_at TEXT NOT NULL,
  UNIQUE (template_id, version)
);
CREATE TABLE subscriptions (
  unit_id INTEGER NOT NULL REFERENCES units(id),
  template_id INTEGER NOT NULL REFERENCES templates(id),
  PRIMARY KEY (unit_id, template_id)
);
CREATE TABLE instances (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  version_id INTEGER NOT NULL REFERENCES template_versions(id),
  citizen_id INTEGER REFERENCES citizens(id),
  state TEXT NOT NULL CHECK (state IN ('ONGOING', 'PENDING_COMPLETION', 'COMPLETED', 'CANCELLED')),
  banner TEXT,
  answers TEXT NOT NULL DEFAULT '{}',
  measurements TEXT NOT NULL DEFAULT '{}',
  result TEXT,
  answer_by TEXT,
  delete_after TEXT,
  answered_by TEXT CHECK (answered_by IN ('citizen', 'guardian', 'staff')),
  actor_citizen_id INTEGER REFERENCES citizens(id),
  public_token_hash TEXT UNIQUE,
  read_at TEXT,
  documented_at TEXT,
  revision INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT
);
CREATE INDEX instances_citizen ON instances (citizen_id, state);
CREATE INDEX instances_unit ON instances (unit_id, state);
CREATE TABLE instance_events (
  id INTEGER PRIMARY KEY,
  instance_id INTEGER NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  instance_id INTEGER NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
  item TEXT NOT NULL,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX attachments_instance ON attachments (instance_id);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  staff_id INTEGER,
  unit_id INTEGER,
  action TEXT NOT NULL,
  target TEXT,
  details TEXT
);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
)sql"},
};

}  // namespace

int migrate(connection& c) {
  c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  int current = 0;
  {
    statement st = c.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (st.step()) current = static_cast<int>(st.integer(0));
  }
  for (const migration& m : kMigrations) {
    if (m.version <= current) continue;
    transaction t(c);
    c.exec(m.sql);
    c.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))")
        .args(int64_t{m.version})
        .run();
    t.commit();
    current = m.version;
  }
  return current;
}

}  // namespace blankett::server
