// Form instances: loading, merging answers, evaluating with the core.
#include "http/instance.h"

#include <algorithm>

#include "blankett/pnr.h"

namespace blankett::server {

std::optional<instance_row> load_instance(connection& c, int64_t id) {
  statement st = c.prepare(
      "SELECT i.id, i.unit_id, i.version_id, i.revision, i.citizen_id, i.state, i.answers, i.measurements, t.kind, "
      "v.definition, u.name, i.banner, i.answer_by, i.delete_after, i.result, i.submitted_at, i.answered_by, i.read_at, "
      "i.created_at, i.updated_at, t.id, v.version "
      "FROM instances i JOIN template_versions v ON v.id = i.version_id JOIN templates t ON t.id = v.template_id "
      "JOIN units u ON u.id = i.unit_id WHERE i.id = ?");
  st.args(id);
  if (!st.step()) return std::nullopt;
  instance_row r;
  r.id = st.integer(0);
  r.unit_id = st.integer(1);
  r.version_id = st.integer(2);
  r.revision = st.integer(3);
  r.citizen_id = st.integer_or_null(4);
  r.state = st.text(5);
  r.answers = st.text(6);
  r.measurements = st.text(7);
  r.kind = st.text(8);
  r.definition = st.text(9);
  r.unit_name = st.text(10);
  r.banner = st.text_or_null(11);
  r.answer_by = st.text_or_null(12);
  r.delete_after = st.text_or_null(13);
  r.result = st.text_or_null(14);
  r.submitted_at = st.text_or_null(15);
  r.answered_by = st.text_or_null(16);
  r.read_at = st.text_or_null(17);
  r.created_at = st.text(18);
  r.updated_at = st.text(19);
  r.template_id = st.integer(20);
  r.version = st.integer(21);
  return r;
}

std::string merge_answers(const std::string& stored, simdjson::dom::element incoming) {
  simdjson::dom::parser parser;
  std::string out;
  json_writer w(out);
  w.begin_object();
  simdjson::dom::object in = incoming.get_object().value_unsafe();
  auto old = parser.parse(stored);
  if (!old.error() && old.value_unsafe().is_object()) {
    const simdjson::dom::object obj = old.value_unsafe().get_object().value_unsafe();
    for (auto [k, v] : obj) {
      if (in[k].error() == simdjson::SUCCESS) continue;  // replaced
      w.key(k).raw(simdjson::minify(v));
    }
  }
  for (auto [k, v] : in) w.key(k).raw(simdjson::minify(v));
  w.end_object();
  return out;
}

void evaluate_instance(api& a, const instance_row& row, const std::string& answers,
                       const std::optional<std::string>& subject, int32_t page, bool mandatory, evaluated& e) {
  e.f = a.form_of(row.version_id, row.definition);
  std::string doc;
  json_writer w(doc);
  w.begin_object().key("form").value(std::string_view(e.f->id)).key("version").value(e.f->version);
  w.key("answers").raw(answers).key("measurements").raw(row.measurements).end_object();
  answer_reader reader;
  answer_limits limits;
  limits.max_bytes = a.cfg().max_body * 2;
  limits.max_depth = 16;
  e.readable = reader.read(*e.f, doc, e.doc, e.diagnostics, limits);
  if (!e.readable) e.doc.clear(e.f->items.size());
  e.ev = std::make_unique<evaluation>(*e.f);
  evaluation_options opt;
  auto today = parse_civil_date(api::today_iso());
  opt.today = today ? *today : civil_date{};
  opt.page = page;
  opt.mandatory = mandatory;
  if (subject) {
    auto p = parse_pnr(*subject, pnr_options{opt.today, false});
    if (p) opt.subject = *p;
  }
  e.ev->set_options(opt);
  e.ev->evaluate(e.doc);
  e.ev->result(e.result);
}

std::string drop_hidden(const evaluated& e, const std::string& answers) {
  simdjson::dom::parser parser;
  auto doc = parser.parse(answers);
  if (doc.error() || !doc.value_unsafe().is_object()) return answers;
  std::string out;
  json_writer w(out);
  w.begin_object();
  const simdjson::dom::object obj = doc.value_unsafe().get_object().value_unsafe();
  for (auto [k, v] : obj) {
    const int32_t i = e.f->find_item(k);
    if (i >= 0 && !e.ev->visible(static_cast<uint32_t>(i))) continue;
    w.key(k).raw(simdjson::minify(v));
  }
  w.end_object();
  return out;
}

std::string result_json(const evaluated& e) {
  std::string out;
  json_writer w(out);
  write_result(*e.f, e.doc, e.result, w);
  return out;
}

std::string citizen_result_json(const form& f, std::string_view full_result) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::object fields;
  if (parser.parse(full_result.data(), full_result.size()).get(root) || root.get_object().get(fields)) return "null";
  std::string out;
  json_writer w(out);
  w.begin_object();
  for (auto field : fields) {
    const std::string_view key = field.key;
    simdjson::dom::object calcs;
    if (key == "calculations" && !field.value.get_object().get(calcs)) {
      w.key(key).begin_object();
      for (auto calc : calcs) {
        for (const calculation& c : f.calculations)
          if (c.id == calc.key && c.citizen_visible) w.key(calc.key).raw(simdjson::minify(calc.value));
      }
      w.end_object();
    } else if (key == "valid" || key == "issues" || key == "routes") {
      w.key(key).raw(simdjson::minify(field.value));
    }
  }
  w.end_object();
  return out;
}

}  // namespace blankett::server

namespace blankett::server {

std::string_view sniff_media_type(std::string_view b) {
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return "image/jpeg";
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  return {};
}

void check_attachments(connection& c, const form& f, int64_t instance, simdjson::dom::object answers) {
  for (auto field_pair : answers) {
    const std::string_view key = field_pair.key;
    const simdjson::dom::element value = field_pair.value;
    const int32_t item = f.find_item(key);
    if (item < 0 || f.items[static_cast<size_t>(item)].type != item_type::attachment || value.is_null()) continue;
    auto check_one = [&](simdjson::dom::element file) {
      const std::string field = "answers." + std::string(key);
      if (!file.is_object()) return;  // a type problem: the core reports it
      auto id = file["id"];
      if (id.error() || !id.value_unsafe().is_string())
        throw api_error{400, "form.attachment", "Upload the file first; an attachment answer names the uploaded file's id.", field};
      statement st = c.prepare("SELECT media_type, size FROM attachments WHERE id = ? AND instance_id = ? AND item = ?");
      const std::string_view id_text = id.value_unsafe().get_string().value_unsafe();
      st.args(std::string_view(id_text), instance, key);
      auto type = file["media_type"];
      auto size = file["size"];
      if (!st.step() || type.error() || !type.value_unsafe().is_string() || size.error() || !size.value_unsafe().is_uint64() ||
          st.text(0) != type.value_unsafe().get_string().value_unsafe() ||
          static_cast<uint64_t>(st.integer(1)) != size.value_unsafe().get_uint64().value_unsafe())
        throw api_error{400, "form.attachment", "The attachment does not match an uploaded file.", field};
    };
    if (value.is_array()) {
      const simdjson::dom::array files = value.get_array().value_unsafe();
      for (simdjson::dom::element e : files) check_one(e);
    } else {
      check_one(value);
    }
  }
}

void send_attachment(connection& c, int64_t instance, int64_t attachment, httplib::Response& res) {
  statement st = c.prepare("SELECT name, media_type, content FROM attachments WHERE id = ? AND instance_id = ?");
  st.args(attachment, instance);
  if (!st.step()) throw api_error{404, "not_found", "No such attachment.", ""};
  std::string name = st.text(0);
  for (char& ch : name)
    if (ch == '"' || ch == '\\') ch = '_';
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.set_content(st.blob(2), st.text(1).c_str());
}

void prune_attachments(connection& c, int64_t instance, const std::string& answers) {
  std::vector<int64_t> keep;
  simdjson::dom::parser parser;
  auto doc = parser.parse(answers);
  if (!doc.error() && doc.value_unsafe().is_object()) {
    const simdjson::dom::object obj = doc.value_unsafe().get_object().value_unsafe();
    auto collect = [&](simdjson::dom::element e) {
      if (!e.is_object()) return;
      auto id = e["id"];
      if (!id.error() && id.value_unsafe().is_string())
        keep.push_back(std::strtoll(std::string(id.value_unsafe().get_string().value_unsafe()).c_str(), nullptr, 10));
    };
    for (auto [k, v] : obj) {
      (void)k;
      if (v.is_array()) {
        const simdjson::dom::array files = v.get_array().value_unsafe();
        for (simdjson::dom::element e : files) collect(e);
      } else {
        collect(v);
      }
    }
  }
  statement all = c.prepare("SELECT id FROM attachments WHERE instance_id = ?");
  all.args(instance);
  std::vector<int64_t> drop;
  while (all.step())
    if (std::find(keep.begin(), keep.end(), all.integer(0)) == keep.end()) drop.push_back(all.integer(0));
  for (int64_t id : drop) c.prepare("DELETE FROM attachments WHERE id = ?").args(id).run();
}

}  // namespace blankett::server
