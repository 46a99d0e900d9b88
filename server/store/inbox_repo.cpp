// The citizen's inbox (inkorg): the messages that come with sent forms, read or not.
#include "store/batch.h"
#include "store/repos.h"

namespace blankett::server {

void inbox_repo::add_for_dispatch(int64_t dispatch, std::string_view subject, std::string_view body) {
  c_.prepare(
        "INSERT INTO inbox_messages (citizen_id, unit_id, instance_id, dispatch_id, subject, body, created_at) "
        "SELECT citizen_id, unit_id, id, dispatch_id, ?, ?, ? FROM instances WHERE dispatch_id = ? AND citizen_id IS NOT NULL")
      .args(subject, body, now_, dispatch)
      .run();
}

std::vector<int64_t> inbox_repo::add_for_package(int64_t unit, std::optional<int64_t> package, std::string_view subject, std::string_view body,
                                                 const std::vector<std::pair<int64_t, int64_t>>& citizen_instances) {
  std::vector<int64_t> ids;
  ids.reserve(citizen_instances.size());
  for_each_batch(citizen_instances.size(), [&](size_t first, size_t count) {
    sql::statement st = c_.prepare("INSERT INTO inbox_messages (citizen_id, unit_id, instance_id, package_id, subject, body, created_at) VALUES " +
                                   value_rows(count, 7) + " RETURNING id");
    int k = 0;
    for (size_t i = first; i < first + count; ++i) {
      st.bind(++k, citizen_instances[i].first);
      st.bind(++k, unit);
      st.bind(++k, citizen_instances[i].second);
      st.bind(++k, package);
      st.bind(++k, subject);
      st.bind(++k, body);
      st.bind(++k, now_);
    }
    while (st.step()) ids.push_back(st.integer(0));
  });
  return ids;
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
