// Form instances: merging answers, evaluating with the core.
#include "http/instance.h"

#include <algorithm>

#include "blankett/pnr.h"

namespace blankett::server {

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

void evaluate_instance(app& a, const instance_row& row, const std::string& answers,
                       const std::optional<std::string>& subject, int32_t page, bool mandatory, evaluated& e) {
  e.f = a.form_of(row.version_id);
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
  opt.today = a.time().today();
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

int64_t alert_level(const evaluated& e) {
  int64_t level = 0;
  for (size_t i = 0; i < e.result.alerts.size() && i < e.f->alerts.size(); ++i)
    if (e.result.alerts[i]) level = std::max<int64_t>(level, static_cast<int64_t>(e.f->alerts[i].severity) + 1);
  return level;
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
