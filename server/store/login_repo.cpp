// Failed logins per key (a user name, a client address), so that throttling counts across nodes.
#include "store/repos.h"

namespace blankett::server {

int64_t login_repo::failures_since(std::string_view key, std::string_view since) {
  sql::statement st = c_.prepare("SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?");
  st.args(key, since);
  return st.step() ? st.integer(0) : 0;
}

void login_repo::record_failure(std::string_view key) {
  c_.prepare("INSERT INTO login_failures (key, at) VALUES (?, ?)").args(key, now_).run();
}

void login_repo::clear(std::string_view key) { c_.prepare("DELETE FROM login_failures WHERE key = ?").args(key).run(); }

int64_t login_repo::purge_before(std::string_view before) {
  return c_.prepare("DELETE FROM login_failures WHERE at <= ?").args(before).execute();
}

}  // namespace blankett::server
