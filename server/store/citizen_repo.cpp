// Citizens (invånare): number, name, locks, protected identity, notification settings, guardianships.
#include "store/batch.h"
#include "store/repos.h"

namespace blankett::server {
namespace {

constexpr const char* kColumns =
    "SELECT c.id, c.pnr, c.name, c.protected_identity, c.locked, c.has_logged_in, c.notify_email, c.notify_sms FROM citizens c ";

citizen_row row_of(const sql::statement& st) {
  return citizen_row{st.integer(0), st.text(1),         st.text(2),         st.flag(3), st.flag(4),
                     st.flag(5),    st.text_or_null(6), st.text_or_null(7)};
}

std::optional<citizen_row> one(sql::statement& st) {
  if (!st.step()) return std::nullopt;
  return row_of(st);
}

}  // namespace

std::optional<citizen_row> citizen_repo::by_pnr(std::string_view pnr) {
  sql::statement st = c_.prepare(std::string(kColumns) + "WHERE c.pnr = ?");
  st.args(pnr);
  return one(st);
}

std::optional<citizen_row> citizen_repo::by_id(int64_t id) {
  sql::statement st = c_.prepare(std::string(kColumns) + "WHERE c.id = ?");
  st.args(id);
  return one(st);
}

int64_t citizen_repo::create(std::string_view pnr, std::string_view citizen_name, bool protected_identity, std::optional<std::string> email) {
  return c_
      .prepare("INSERT INTO citizens (pnr, name, protected_identity, notify_email, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
      .args(pnr, citizen_name, protected_identity, email, now_)
      .returned_id();
}

void citizen_repo::mark_logged_in(int64_t id) {
  c_.prepare("UPDATE citizens SET has_logged_in = 1 WHERE id = ? AND has_logged_in = 0").args(id).run();
}

void citizen_repo::set_locked(int64_t id, bool locked) {
  c_.prepare("UPDATE citizens SET locked = ? WHERE id = ?").args(locked, id).run();
}

void citizen_repo::set_protected(int64_t id, bool on) {
  c_.prepare("UPDATE citizens SET protected_identity = ? WHERE id = ?").args(on, id).run();
}

void citizen_repo::set_email(int64_t id, const std::optional<std::string>& email) {
  c_.prepare("UPDATE citizens SET notify_email = ? WHERE id = ?").args(email, id).run();
}

void citizen_repo::set_sms(int64_t id, const std::optional<std::string>& sms) {
  c_.prepare("UPDATE citizens SET notify_sms = ? WHERE id = ?").args(sms, id).run();
}

std::vector<citizen_row> citizen_repo::children_of(int64_t guardian) {
  sql::statement st = c_.prepare(std::string(kColumns) + "JOIN guardianships g ON g.child_id = c.id WHERE g.guardian_id = ? ORDER BY c.name, c.id");
  st.args(guardian);
  std::vector<citizen_row> out;
  while (st.step()) out.push_back(row_of(st));
  return out;
}

std::optional<citizen_row> citizen_repo::child_of(int64_t guardian, int64_t child) {
  sql::statement st = c_.prepare(std::string(kColumns) + "JOIN guardianships g ON g.child_id = c.id WHERE g.guardian_id = ? AND g.child_id = ?");
  st.args(guardian, child);
  return one(st);
}

void citizen_repo::add_guardianship(int64_t guardian, int64_t child) {
  c_.prepare("INSERT INTO guardianships (guardian_id, child_id) VALUES (?, ?) ON CONFLICT DO NOTHING").args(guardian, child).run();
}

std::vector<citizen_row> citizen_repo::by_pnrs(const std::vector<std::string>& pnrs) {
  std::vector<citizen_row> out;
  for_each_batch(pnrs.size(), [&](size_t first, size_t count) {
    std::string list;
    for (size_t i = 0; i < count; ++i) list += i ? ", ?" : "?";
    sql::statement st = c_.prepare(std::string(kColumns) + "WHERE c.pnr IN (" + list + ")");
    for (size_t i = 0; i < count; ++i) st.bind(static_cast<int>(i + 1), pnrs[first + i]);
    while (st.step()) out.push_back(row_of(st));
  });
  return out;
}

std::vector<std::pair<std::string, int64_t>> citizen_repo::create_many(const std::vector<std::string>& pnrs) {
  std::vector<std::pair<std::string, int64_t>> out;
  for_each_batch(pnrs.size(), [&](size_t first, size_t count) {
    sql::statement st =
        c_.prepare("INSERT INTO citizens (pnr, name, created_at) VALUES " + value_rows(count, 0, "(?, '', ?)") + " RETURNING pnr, id");
    int n = 0;
    for (size_t i = 0; i < count; ++i) {
      st.bind(++n, pnrs[first + i]);
      st.bind(++n, now_);
    }
    while (st.step()) out.emplace_back(st.text(0), st.integer(1));
  });
  return out;
}

std::vector<citizen_row> citizen_repo::demo_people(int64_t limit) {
  sql::statement st = c_.prepare(std::string(kColumns) + "WHERE c.name <> '' ORDER BY c.id LIMIT ?");
  st.args(limit);
  std::vector<citizen_row> out;
  while (st.step()) out.push_back(row_of(st));
  return out;
}

}  // namespace blankett::server
