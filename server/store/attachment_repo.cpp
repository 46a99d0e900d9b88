// Attachments (bilagor): files a citizen uploaded for a form's attachment questions.
#include "store/repos.h"

namespace blankett::server {

int64_t attachment_repo::add(const new_attachment& a) {
  sql::statement st = c_.prepare(
      "INSERT INTO attachments (instance_id, item, name, media_type, size, sha256, content, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  st.args(a.instance_id, a.item, a.name, a.media_type, static_cast<int64_t>(a.content.size()), a.sha256);
  st.bind_blob(7, a.content).bind(8, now_);
  return st.returned_id();
}

attachment_usage attachment_repo::usage(int64_t instance, std::string_view item) {
  sql::statement st = c_.prepare(
      "SELECT COUNT(*), COALESCE(SUM(size), 0), COALESCE(SUM(CASE WHEN item = ? THEN 1 ELSE 0 END), 0) "
      "FROM attachments WHERE instance_id = ?");
  st.args(item, instance);
  if (!st.step()) return {};
  return attachment_usage{st.integer(0), st.integer(1), st.integer(2)};
}

std::optional<attachment_meta> attachment_repo::meta(int64_t id, int64_t instance, std::string_view item) {
  sql::statement st = c_.prepare("SELECT id, item, media_type, size FROM attachments WHERE id = ? AND instance_id = ? AND item = ?");
  st.args(id, instance, item);
  if (!st.step()) return std::nullopt;
  return attachment_meta{st.integer(0), st.text(1), st.text(2), st.integer(3)};
}

std::optional<attachment_file> attachment_repo::file(int64_t id, int64_t instance) {
  sql::statement st = c_.prepare("SELECT name, media_type, content FROM attachments WHERE id = ? AND instance_id = ?");
  st.args(id, instance);
  if (!st.step()) return std::nullopt;
  return attachment_file{st.text(0), st.text(1), st.blob(2)};
}

std::vector<attachment_meta> attachment_repo::of_instance(int64_t instance) {
  sql::statement st = c_.prepare("SELECT id, item, media_type, size FROM attachments WHERE instance_id = ? ORDER BY id");
  st.args(instance);
  std::vector<attachment_meta> out;
  while (st.step()) out.push_back(attachment_meta{st.integer(0), st.text(1), st.text(2), st.integer(3)});
  return out;
}

void attachment_repo::remove(int64_t id) { c_.prepare("DELETE FROM attachments WHERE id = ?").args(id).run(); }

}  // namespace blankett::server
