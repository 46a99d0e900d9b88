// Units (enheter).
#include "store/repos.h"

namespace blankett::server {

bool unit_repo::any() const {
  sql::statement st = c_.prepare("SELECT 1 FROM units LIMIT 1");
  return st.step();
}

int64_t unit_repo::create(std::string_view code, std::string_view name) {
  return c_.prepare("INSERT INTO units (code, name, created_at) VALUES (?, ?, ?) RETURNING id").args(code, name, now_).returned_id();
}

}  // namespace blankett::server
