// Jobs: work that must happen once across every node, claimed in the database.
//
// PostgreSQL: a claim locks the rows it takes with FOR UPDATE SKIP LOCKED (inside store::claim, at
// READ COMMITTED), so that nodes claiming at once take different rows and never wait for each other.
// SQLite: one writer at a time makes the same statements exclusive. A claim holds its rows until its
// lease ends; the node does the work and finishes the job in one transaction with the work's own
// writes, so a node that dies leaves the job to be claimed again once the lease is over, and a
// finish whose lease was lost changes nothing.
#include "store/repos.h"

namespace blankett::server {

bool job_repo::schedule(std::string_view kind, std::string_view key, std::string_view due_at) {
  return c_.prepare("INSERT INTO jobs (kind, key, due_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING").args(kind, key, due_at).execute() == 1;
}

std::vector<job> job_repo::claim(std::string_view kind, std::string_view node, std::string_view lease_until, int64_t limit) {
  const bool pg = c_.kind() == sql::backend::postgresql;
  std::string q =
      "UPDATE jobs SET claimed_by = ?, lease_until = ?, attempts = attempts + 1 WHERE id IN ("
      "SELECT id FROM jobs WHERE kind = ? AND done_at IS NULL AND due_at <= ? AND (lease_until IS NULL OR lease_until <= ?) "
      "ORDER BY due_at, id LIMIT ?";
  q += pg ? " FOR UPDATE SKIP LOCKED)" : ")";
  q += " RETURNING id, kind, key, due_at, attempts";
  sql::statement st = c_.prepare(q);
  st.args(node, lease_until, kind, now_, now_, limit);
  std::vector<job> out;
  while (st.step()) out.push_back(job{st.integer(0), st.text(1), st.text(2), st.text(3), st.integer(4)});
  return out;
}

bool job_repo::finish(int64_t id, std::string_view node, std::optional<std::string> next_due) {
  if (next_due)
    return c_
               .prepare(
                   "UPDATE jobs SET due_at = ?, claimed_by = NULL, lease_until = NULL, attempts = 0, last_error = NULL "
                   "WHERE id = ? AND claimed_by = ? AND lease_until > ?")
               .args(*next_due, id, node, now_)
               .execute() == 1;
  return c_.prepare("UPDATE jobs SET done_at = ?, lease_until = NULL WHERE id = ? AND claimed_by = ? AND lease_until > ?")
             .args(now_, id, node, now_)
             .execute() == 1;
}

bool job_repo::extend(int64_t id, std::string_view node, std::string_view lease_until) {
  return c_.prepare("UPDATE jobs SET lease_until = ? WHERE id = ? AND claimed_by = ? AND lease_until > ? AND done_at IS NULL")
             .args(lease_until, id, node, now_)
             .execute() == 1;
}

int64_t job_repo::purge_done(std::string_view before) {
  return c_.prepare("DELETE FROM jobs WHERE done_at IS NOT NULL AND done_at < ?").args(before).execute();
}

bool job_repo::fail(int64_t id, std::string_view node, std::string_view error, std::string_view retry_at) {
  return c_
             .prepare(
                 "UPDATE jobs SET due_at = ?, claimed_by = NULL, lease_until = NULL, last_error = ? "
                 "WHERE id = ? AND claimed_by = ? AND lease_until > ?")
             .args(retry_at, error, id, node, now_)
             .execute() == 1;
}

}  // namespace blankett::server
