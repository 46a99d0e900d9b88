// The citizen's inbox (inkorg): the messages that come with sent forms, read or not.
#include "store/repos.h"

namespace blankett::server {

void inbox_repo::add_for_dispatch(int64_t dispatch, std::string_view subject, std::string_view body) {
  c_.prepare(
        "INSERT INTO inbox_messages (citizen_id, unit_id, instance_id, dispatch_id, subject, body, created_at) "
        "SELECT citizen_id, unit_id, id, dispatch_id, ?, ?, ? FROM instances WHERE dispatch_id = ? AND citizen_id IS NOT NULL")
      .args(subject, body, now_, dispatch)
      .run();
}

std::vector<inbox_message> inbox_repo::of_citizen(int64_t citizen, int64_t limit) {
  sql::statement st = c_.prepare(
      "SELECT m.id, u.name, m.subject, m.body, m.created_at, m.read_at, m.instance_id FROM inbox_messages m "
      "JOIN units u ON u.id = m.unit_id WHERE m.citizen_id = ? ORDER BY m.id DESC LIMIT ?");
  st.args(citizen, limit);
  std::vector<inbox_message> out;
  while (st.step())
    out.push_back(inbox_message{st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text_or_null(5), st.integer_or_null(6)});
  return out;
}

bool inbox_repo::mark_read(int64_t id, int64_t citizen) {
  // Changes nothing for a message read before; true as long as it is the citizen's.
  c_.prepare("UPDATE inbox_messages SET read_at = ? WHERE id = ? AND citizen_id = ? AND read_at IS NULL").args(now_, id, citizen).run();
  sql::statement st = c_.prepare("SELECT 1 FROM inbox_messages WHERE id = ? AND citizen_id = ?");
  st.args(id, citizen);
  return st.step();
}

}  // namespace blankett::server
