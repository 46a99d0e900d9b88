// Package templates (grundplåtar): the forms, names, schedule and texts a package starts from.
#include "store/batch.h"
#include "store/repos.h"

namespace blankett::server {
namespace {

constexpr const char* kColumns =
    "SELECT id, unit_id, name, title, weekday, time_of_day, interval_count, interval_unit, occasions, inbox_message, error_email, "
    "archived, updated_at FROM package_templates ";

package_template row_of(const sql::statement& st) {
  package_template p;
  p.id = st.integer(0);
  p.unit_id = st.integer(1);
  p.name = st.text(2);
  p.title = st.text(3);
  if (!st.is_null(4)) p.weekday = static_cast<int>(st.integer(4));
  p.time_of_day = st.text_or_null(5);
  p.interval_count = static_cast<int>(st.integer(6));
  p.unit = parse_name<interval_unit>(st.text(7)).value_or(interval_unit::weeks);
  p.occasions = static_cast<int>(st.integer(8));
  p.inbox_message = st.text(9);
  p.error_email = st.text_or_null(10);
  p.archived = st.flag(11);
  p.updated_at = st.text(12);
  return p;
}

// Each template's forms, in order, filled in.
void with_forms(sql::connection& c, std::vector<package_template>& list) {
  if (list.empty()) return;
  sql::statement st = c.prepare(
      "SELECT f.package_template_id, f.template_id, t.name, t.form_id FROM package_template_forms f "
      "JOIN templates t ON t.id = f.template_id JOIN package_templates p ON p.id = f.package_template_id "
      "WHERE p.unit_id = ? ORDER BY f.package_template_id, f.position");
  st.args(list.front().unit_id);
  while (st.step()) {
    const int64_t owner = st.integer(0);
    for (package_template& p : list)
      if (p.id == owner) p.forms.push_back(package_form{st.integer(1), st.text(2), st.text(3)});
  }
}

void write_forms(sql::connection& c, int64_t id, const std::vector<package_form>& forms) {
  c.prepare("DELETE FROM package_template_forms WHERE package_template_id = ?").args(id).run();
  for_each_batch(forms.size(), [&](size_t first, size_t count) {
    sql::statement st = c.prepare("INSERT INTO package_template_forms (package_template_id, position, template_id) VALUES " + value_rows(count, 3));
    int k = 0;
    for (size_t i = first; i < first + count; ++i) {
      st.bind(++k, id);
      st.bind(++k, static_cast<int64_t>(i + 1));
      st.bind(++k, forms[i].template_id);
    }
    st.run();
  });
}

}  // namespace

std::vector<package_template> package_template_repo::at_unit(int64_t unit) {
  sql::statement st = c_.prepare(std::string(kColumns) + "WHERE unit_id = ? ORDER BY archived, name, id");
  st.args(unit);
  std::vector<package_template> out;
  while (st.step()) out.push_back(row_of(st));
  st.reset();
  with_forms(c_, out);
  return out;
}

std::optional<package_template> package_template_repo::find(int64_t id, int64_t unit) {
  sql::statement st = c_.prepare(std::string(kColumns) + "WHERE id = ? AND unit_id = ?");
  st.args(id, unit);
  if (!st.step()) return std::nullopt;
  std::vector<package_template> one{row_of(st)};
  st.reset();
  with_forms(c_, one);
  return one.front();
}

bool package_template_repo::name_taken(int64_t unit, std::string_view name, int64_t except) {
  sql::statement st = c_.prepare("SELECT 1 FROM package_templates WHERE unit_id = ? AND name = ? AND id <> ?");
  st.args(unit, name, except);
  return st.step();
}

int64_t package_template_repo::create(const package_template& p) {
  const int64_t id =
      c_.prepare(
            "INSERT INTO package_templates (unit_id, name, title, weekday, time_of_day, interval_count, interval_unit, occasions, "
            "inbox_message, error_email, archived, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
          .args(p.unit_id, p.name, p.title, p.weekday, p.time_of_day, p.interval_count, name(p.unit), p.occasions, p.inbox_message,
                p.error_email, p.archived, now_, now_)
          .returned_id();
  write_forms(c_, id, p.forms);
  return id;
}

void package_template_repo::update(const package_template& p) {
  c_.prepare(
        "UPDATE package_templates SET name = ?, title = ?, weekday = ?, time_of_day = ?, interval_count = ?, interval_unit = ?, "
        "occasions = ?, inbox_message = ?, error_email = ?, archived = ?, updated_at = ? WHERE id = ? AND unit_id = ?")
      .args(p.name, p.title, p.weekday, p.time_of_day, p.interval_count, name(p.unit), p.occasions, p.inbox_message, p.error_email,
            p.archived, now_, p.id, p.unit_id)
      .run();
  write_forms(c_, p.id, p.forms);
}

}  // namespace blankett::server
