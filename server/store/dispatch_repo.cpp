// Dispatches (utskick): one sending of a template to recipients, or of form links. The banner text is
// kept only with each form (deleted with it), never here.
#include "store/repos.h"

namespace blankett::server {

int64_t dispatch_repo::create(const new_dispatch& d) {
  return c_
      .prepare(
          "INSERT INTO dispatches (unit_id, template_id, version_id, staff_id, kind, answer_by, delete_after, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
      .args(d.unit_id, d.template_id, d.version_id, d.staff_id, name(d.kind), d.answer_by, d.delete_after, now_)
      .returned_id();
}

void dispatch_repo::set_recipients(int64_t id, int64_t count) {
  c_.prepare("UPDATE dispatches SET recipients = ? WHERE id = ?").args(count, id).run();
}

}  // namespace blankett::server
