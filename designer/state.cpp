// The designer's state: opening, saving, commands with their status, the test panel's evaluation.
#include "state.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "blankett/json_writer.h"
#include "blankett/render.h"

namespace blankett::designer {

namespace {

// The answers as an answer document for `f`: the staff's measurements under "measurements", the rest
// under "answers" (answers to ids the form lacks are left out).
std::string document_text(const form& f, const std::map<std::string, std::string>& answers, const std::string& subject,
                          const std::string& language) {
  std::string text = "{\"form\":";
  json_writer::escape(text, f.id);
  text += ",\"version\":" + std::to_string(f.version);
  for (const bool staff : {false, true}) {
    text += staff ? ",\"measurements\":{" : ",\"answers\":{";
    bool first = true;
    for (const auto& [id, value] : answers) {
      const int32_t i = f.find_item(id);
      if (i < 0 || f.items[static_cast<size_t>(i)].staff != staff) continue;
      if (!first) text += ',';
      first = false;
      json_writer::escape(text, id);
      text += ':' + value;
    }
    text += '}';
  }
  text += ",\"meta\":{\"language\":";
  json_writer::escape(text, f.has_language(language) ? language : f.default_language());
  if (!subject.empty()) {
    text += ",\"subject\":";
    json_writer::escape(text, subject);
  }
  text += "}}";
  return text;
}

civil_date today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return {local.tm_year + 1900, static_cast<uint8_t>(local.tm_mon + 1), static_cast<uint8_t>(local.tm_mday)};
}

}  // namespace

void state::retest() {
  const form* f = doc.loaded();
  if (!f) {
    test.reset();
    return;
  }
  auto t = std::make_shared<test_result>();
  const std::string text = document_text(*f, answers, subject, language);
  answer_reader reader;
  std::vector<diagnostic> diags;
  if (!reader.read(*f, text, t->doc, diags)) {
    test.reset();
    return;
  }
  t->ev = std::make_unique<evaluation>(*f);
  evaluation_options opt;
  opt.today = today();
  t->ev->set_options(opt);
  t->ev->evaluate(t->doc);
  t->ev->result(t->result);
  // Numbers, required marks and issue texts come from the renderer, as in the citizen's browser.
  render_options o;
  o.language = language;
  t->view = render_item_states(*f, *t->ev, o);
  test = std::move(t);
}

bool state::save_test_case(const std::string& name) {
  const form* f = doc.loaded();
  if (!f) return status = "Formuläret har fel: rätta dem först", false;
  if (doc.path().empty()) return status = "Spara formuläret först: testfallen sparas bredvid det", false;
  if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }))
    return status = "Testfallets namn: små bokstäver a-z, siffror och -", false;
  const std::string text = document_text(*f, answers, subject, language);
  answer_reader reader;
  answer_document d;
  std::vector<diagnostic> diags;
  if (!reader.read(*f, text, d, diags)) return status = "Svaren kan inte läsas", false;
  validate_options opt;
  opt.today = kGoldenDate;
  validation_result r;
  validate(*f, d, opt, r);
  std::string expected;
  json_writer w(expected, true);
  write_result(*f, d, r, w);
  expected += '\n';
  const std::filesystem::path dir = std::filesystem::path(doc.path()).parent_path();
  std::error_code ec;
  std::filesystem::create_directories(dir / "answers", ec);
  std::filesystem::create_directories(dir / "expected", ec);
  std::ofstream a(dir / "answers" / (name + ".json"), std::ios::binary | std::ios::trunc);
  a << json::parse(text).dump(2) << '\n';
  std::ofstream e(dir / "expected" / (name + ".json"), std::ios::binary | std::ios::trunc);
  e << expected;
  if (!a.flush() || !e.flush()) return status = "Kunde inte skriva testfallet i " + dir.string(), false;
  status = "Sparade testfallet " + name + " (answers/ och expected/ bredvid formuläret)";
  return true;
}

bool state::open(const std::string& path) {
  const std::string kept = keep_unsaved();
  std::string error;
  if (!doc.open_file(path, error)) {
    status = error;
    if (!kept.empty()) status += "; osparade ändringar finns i " + kept;
    return false;
  }
  selected.clear();
  answers.clear();
  recent.erase(std::remove(recent.begin(), recent.end(), path), recent.end());
  recent.insert(recent.begin(), path);
  if (recent.size() > 8) recent.resize(8);
  status = "Öppnade " + path + (doc.errors() ? " (" + std::to_string(doc.errors()) + " fel)" : "");
  if (restore_unsaved()) status = "Öppnade " + path + " och återställde osparade ändringar från " + recovery_path(path);
  if (!kept.empty()) status += "; osparade ändringar i förra formuläret finns i " + kept;
  retest();
  return true;
}

void state::new_form() {
  const std::string kept = keep_unsaved();
  std::string error;
  doc.open_text(new_form_text("nytt-formular"), error);
  answers.clear();
  selected.clear();
  status = "Nytt formulär";
  if (!kept.empty()) status += "; osparade ändringar i förra formuläret finns i " + kept;
  retest();
}

std::string state::keep_unsaved() {
  if (!doc.dirty()) return {};
  const std::string path = recovery_path(doc.path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << doc.text();
  return out.flush() ? path : std::string();
}

bool state::restore_unsaved() {
  const std::string path = recovery_path(doc.path());
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream text;
  text << in.rdbuf();
  json restored = json::parse(text.str(), nullptr, false);
  if (restored.is_discarded() || restored == doc.definition()) return false;
  std::string error;
  return doc.apply({"Återställ osparade ändringar", [restored](json& f, std::string&) {
                      f = restored;
                      return true;
                    }},
                   error);
}

void state::set_language(const std::string& l) {
  language = l;
  retest();  // the preview's texts and issues are in the language
}

bool state::save(const std::string& path) {
  std::string error;
  if (!doc.save(path, error)) {
    status = "Kunde inte spara: " + error;
    return false;
  }
  std::remove(recovery_path(doc.path()).c_str());
  status = "Sparade " + doc.path();
  return true;
}

bool state::apply(const command& c) {
  std::string error;
  if (!doc.apply(c, error)) {
    status = c.name + ": " + error;
    return false;
  }
  status = c.name;
  retest();
  return true;
}

void state::undo() {
  const std::string name = doc.undo_name();
  if (doc.undo()) status = "Ångrade: " + name;
  retest();
}

void state::redo() {
  const std::string name = doc.redo_name();
  if (doc.redo()) status = "Gjorde om: " + name;
  retest();
}

std::string state::pointer_of(const std::string& id) const {
  const auto& pages = doc.definition().value("pages", json::array());
  std::string found;
  auto walk = [&](auto&& self, const json& items, const std::string& at) -> void {
    for (size_t i = 0; i < items.size() && found.empty(); ++i) {
      const std::string here = at + "/" + std::to_string(i);
      if (items[i].value("id", std::string()) == id) found = here;
      else if (items[i].contains("items")) self(self, items[i]["items"], here + "/items");
    }
  };
  for (size_t p = 0; p < pages.size() && found.empty(); ++p) {
    if (pages[p].value("id", std::string()) == id) return "/pages/" + std::to_string(p);
    if (pages[p].contains("items")) walk(walk, pages[p]["items"], "/pages/" + std::to_string(p) + "/items");
  }
  const json& def = doc.definition();
  if (found.empty() && def.contains("measurements") && def["measurements"].is_array()) walk(walk, def["measurements"], "/measurements");
  return found;
}

std::string state::item_pointer(const std::string& pointer) {
  // The longest prefix that ends in ".../items/N" or "/pages/N", inside the pages (a score's "items"
  // is a list of ids, not of items), or a measurement ("/measurements/N").
  std::string best;
  if (pointer.rfind("/measurements/", 0) == 0) {
    const size_t end = pointer.find('/', 14);
    return pointer.substr(0, end);
  }
  if (pointer.rfind("/pages/", 0) != 0) return best;
  size_t at = 0;
  while (at < pointer.size()) {
    const size_t next = pointer.find('/', at + 1);
    const std::string prefix = pointer.substr(0, next == std::string::npos ? pointer.size() : next);
    const size_t slash = prefix.rfind('/');
    const std::string last = prefix.substr(slash + 1);
    const std::string before = prefix.substr(0, slash);
    const bool index = !last.empty() && std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (index && (before.ends_with("/items") || before == "/pages")) best = prefix;
    if (next == std::string::npos) break;
    at = next;
  }
  return best;
}

namespace {

std::string name_of(const form& f, const ref& r) {
  switch (r.kind) {
    case ref_kind::item: return f.items[r.index].id;
    case ref_kind::calculation: return f.calculations[r.index].id;
    case ref_kind::score: return f.scores[r.index].id;
  }
  return "?";
}

bool program_reads(const form& f, int32_t program, uint32_t item) {
  if (program < 0) return false;
  for (const ref& r : f.programs[static_cast<size_t>(program)].refs)
    if (r.kind == ref_kind::item && r.index == item) return true;
  return false;
}

}  // namespace

std::vector<std::string> reads_of(const form& f, uint32_t i) {
  std::vector<std::string> out;
  for (int32_t p : {f.items[i].visible_if, f.items[i].required_if}) {
    if (p < 0) continue;
    for (const ref& r : f.programs[static_cast<size_t>(p)].refs) {
      const std::string n = name_of(f, r);
      if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    }
  }
  return out;
}

std::vector<std::string> readers_of(const form& f, uint32_t i) {
  std::vector<std::string> out;
  for (uint32_t j = 0; j < f.items.size(); ++j) {
    if (program_reads(f, f.items[j].visible_if, i)) out.push_back(f.items[j].id + ": visible_if");
    if (program_reads(f, f.items[j].required_if, i)) out.push_back(f.items[j].id + ": required_if");
  }
  for (const page& p : f.pages) {
    if (program_reads(f, p.visible_if, i)) out.push_back(p.id + ": visible_if");
    for (const route_rule& r : p.next)
      if (program_reads(f, r.when, i)) out.push_back(p.id + ": next");
  }
  for (const calculation& c : f.calculations) {
    if (program_reads(f, c.formula, i)) out.push_back("calculation " + c.id);
    for (const link& l : c.links)
      if (program_reads(f, l.when, i)) out.push_back("link " + l.id);
  }
  for (const score& s : f.scores) {
    if (std::find(s.items.begin(), s.items.end(), i) != s.items.end()) out.push_back("score " + s.id);
    for (const band_table& b : s.bands)
      if (program_reads(f, b.sex, i)) out.push_back("score " + s.id + ": bands");
  }
  for (const alert& a : f.alerts)
    if (program_reads(f, a.when, i)) out.push_back("alert " + a.id);
  for (const rule_check& r : f.rules)
    if (program_reads(f, r.check, i)) out.push_back("rule " + r.id);
  for (const profile& p : f.profiles)
    for (const axis& a : p.axes)
      if (program_reads(f, a.value, i)) out.push_back("profile " + p.id + ": " + a.id);
  return out;
}

namespace {
std::filesystem::path recent_file() {
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home ? home : "/tmp") / ".config" / "blankett-designer" / "recent.txt";
}
}  // namespace

std::vector<std::string> load_recent() {
  std::vector<std::string> out;
  std::ifstream in(recent_file());
  for (std::string line; std::getline(in, line) && out.size() < 8;)
    if (!line.empty()) out.push_back(line);
  return out;
}

void store_recent(const std::vector<std::string>& recent) {
  std::error_code ec;
  std::filesystem::create_directories(recent_file().parent_path(), ec);
  std::ofstream out(recent_file(), std::ios::trunc);
  for (const auto& r : recent) out << r << '\n';
}

std::string recovery_path(const std::string& path) {
  if (!path.empty()) return path + ".recovery";
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "/tmp") + "/.blankett-designer.recovery.json";
}

}  // namespace blankett::designer
