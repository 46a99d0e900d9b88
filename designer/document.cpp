// The designer's document: commands on the ordered JSON, undo and redo, the core's check after each.
#include "document.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "blankett/schema.h"

namespace blankett::designer {

document::document() {
  std::string error;
  open_text(new_form_text("nytt-formular"), error);
}

bool document::open_text(const std::string& text, std::string& error) {
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) {
    error = "the file is not JSON";
    return false;
  }
  json_ = std::move(parsed);
  undo_.clear();
  redo_.clear();
  dirty_ = false;
  check();
  return true;
}

bool document::open_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path;
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  if (!open_text(ss.str(), error)) return false;
  path_ = path;
  return true;
}

std::string document::text() const { return json_.dump(2) + "\n"; }

bool document::save(const std::string& path, std::string& error) {
  const std::string target = path.empty() ? path_ : path;
  if (target.empty()) {
    error = "no file name";
    return false;
  }
  // Write beside and rename: a failed save never leaves half a file where the form was.
  const std::string temporary = target + ".saving";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text();
    if (!out.flush()) {
      error = "cannot write " + temporary;
      return false;
    }
  }
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    error = "cannot replace " + target;
    return false;
  }
  path_ = target;
  dirty_ = false;
  return true;
}

bool document::apply(const command& c, std::string& error) {
  json next = json_;
  try {
    if (!c.apply(next, error)) return false;
  } catch (const std::exception& e) {  // a malformed pointer, an index that is no number
    error = e.what();
    return false;
  }
  undo_.push_back({std::move(json_), c.name});
  if (undo_.size() > kUndoSteps) undo_.erase(undo_.begin());  // the oldest step goes
  redo_.clear();
  json_ = std::move(next);
  dirty_ = true;
  check();
  return true;
}

std::vector<diagnostic> document::check_trial(const std::string& pointer, const json& value) const {
  json trial = json_;
  trial[json::json_pointer(pointer)] = value;
  form_load loaded = load_form(trial.dump());
  std::vector<diagnostic> out;
  for (diagnostic& d : loaded.diagnostics)
    if (d.pointer == pointer) out.push_back(std::move(d));
  return out;
}

bool document::undo() { return step(undo_, redo_); }

bool document::redo() { return step(redo_, undo_); }

bool document::step(std::vector<version>& from, std::vector<version>& to) {
  if (from.empty()) return false;
  to.push_back({std::move(json_), from.back().name});
  json_ = std::move(from.back().definition);
  from.pop_back();
  dirty_ = true;
  check();
  return true;
}

const std::string& document::undo_name() const {
  static const std::string none;
  return undo_.empty() ? none : undo_.back().name;
}
const std::string& document::redo_name() const {
  static const std::string none;
  return redo_.empty() ? none : redo_.back().name;
}

size_t document::errors() const {
  size_t n = 0;
  for (const auto& d : diagnostics_) n += d.level == severity::error;
  return n;
}

void document::check() {
  const std::string compact = json_.dump();
  form_load loaded = loader_.load(compact);
  // Lines and columns refer to the text as saved (indented), which is what a designer opens elsewhere.
  if (!loaded.diagnostics.empty()) loaded = loader_.load(text());
  diagnostics_ = std::move(loaded.diagnostics);
  form_ = std::move(loaded.value);
}

// ---- Commands ------------------------------------------------------------------------------------

namespace {

bool resolve_parent(json& form, const std::string& pointer, json*& parent, std::string& last, std::string& error) {
  const json::json_pointer p(pointer);
  if (p.empty()) {
    error = "the whole form cannot be changed this way";
    return false;
  }
  const json::json_pointer up = p.parent_pointer();
  if (!form.contains(up)) {
    error = "nothing at " + up.to_string();
    return false;
  }
  parent = &form.at(up);
  last = p.back();
  return true;
}

void collect_ids(const json& v, std::set<std::string>& out) {
  if (v.is_object()) {
    if (v.contains("id") && v["id"].is_string()) out.insert(v["id"].get<std::string>());
    for (const auto& [k, child] : v.items())
      if (k != "rows") collect_ids(child, out);  // matrix row ids are local to their matrix
  } else if (v.is_array()) {
    for (const auto& child : v) collect_ids(child, out);
  }
}

// Gives the item (and the items in it) fresh ids.
void renumber(json& item, const json& form, std::set<std::string>& taken) {
  if (item.contains("id") && item["id"].is_string()) {
    std::string stem = item["id"].get<std::string>();
    while (!stem.empty() && std::isdigit(static_cast<unsigned char>(stem.back()))) stem.pop_back();
    if (stem.empty()) stem = "q";
    std::string id;
    for (int n = 1;; ++n) {
      id = stem + std::to_string(n);
      if (!taken.count(id)) break;
    }
    taken.insert(id);
    item["id"] = id;
  }
  if (item.contains("items") && item["items"].is_array())
    for (auto& child : item["items"]) renumber(child, form, taken);
}

}  // namespace

json text_in_every_language(const json& form, const std::string& sv, const std::string& en) {
  json t = json::object();
  for (const auto& lang : form.value("languages", json::array({"sv", "en"}))) {
    const std::string l = lang.get<std::string>();
    t[l] = l == "en" ? en : sv;  // Swedish for any other language, until it is translated
  }
  return t;
}

std::vector<std::string> ids_of(const json& form) {
  std::set<std::string> ids;
  collect_ids(form, ids);
  ids.erase(form.value("id", std::string()));
  return {ids.begin(), ids.end()};
}

std::string fresh_id(const json& form, const std::string& stem) {
  std::set<std::string> ids;
  collect_ids(form, ids);
  for (int n = 1;; ++n) {
    std::string id = stem + std::to_string(n);
    if (!ids.count(id)) return id;
  }
}

command set_value(const std::string& pointer, json value) {
  return {"Ändra " + pointer, [pointer, value](json& form, std::string& error) {
            json* parent = nullptr;
            std::string key;
            if (!resolve_parent(form, pointer, parent, key, error)) return false;
            if (parent->is_object()) {
              (*parent)[key] = value;
              return true;
            }
            if (parent->is_array()) {
              // An index in the list replaces; one past the end (or "-") appends.
              const bool end = key == "-" || (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos &&
                                              std::stoul(key) == parent->size());
              if (end) {
                parent->push_back(value);
                return true;
              }
              const json::json_pointer p(pointer);
              if (!form.contains(p)) {
                error = "nothing at " + pointer;
                return false;
              }
              form.at(p) = value;
              return true;
            }
            error = "not an object or array above " + pointer;
            return false;
          }};
}

command remove(const std::string& pointer) {
  return {"Ta bort " + pointer, [pointer](json& form, std::string& error) {
            json* parent = nullptr;
            std::string key;
            if (!resolve_parent(form, pointer, parent, key, error)) return false;
            if (parent->is_object()) {
              if (parent->erase(key) == 0) {
                error = "nothing at " + pointer;
                return false;
              }
              return true;
            }
            const size_t index = static_cast<size_t>(std::stoul(key));
            if (!parent->is_array() || index >= parent->size()) {
              error = "nothing at " + pointer;
              return false;
            }
            parent->erase(index);
            return true;
          }};
}

command add_item(const std::string& items_pointer, int index, const std::string& type) {
  return {"Lägg till " + type, [items_pointer, index, type](json& form, std::string& error) {
            item_type t;
            if (!find_item_type(type, t)) {
              error = "no item type " + type;
              return false;
            }
            const json::json_pointer p(items_pointer);
            if (items_pointer == "/measurements" && !form.contains(p)) form["measurements"] = json::array();  // the first one
            if (!form.contains(p) || !form.at(p).is_array()) {
              error = "no items at " + items_pointer;
              return false;
            }
            json item = json::object();
            item["id"] = fresh_id(form, t == item_type::display ? "info" : t == item_type::group ? "grupp" : "q");
            item["type"] = type;
            // What the type requires, from the core's table, in every language of the form.
            if (required_for(t, attribute::title)) item["title"] = text_in_every_language(form, "Ny fråga", "New question");
            if (required_for(t, attribute::text)) item["text"] = text_in_every_language(form, "Text", "Text");
            if (required_for(t, attribute::choices)) {
              item["choices"] = json::array({json{{"value", "1"}, {"label", text_in_every_language(form, "Ja", "Yes")}},
                                             json{{"value", "0"}, {"label", text_in_every_language(form, "Nej", "No")}}});
            }
            if (required_for(t, attribute::rows))
              item["rows"] = json::array({json{{"id", "r1"}, {"title", text_in_every_language(form, "Rad 1", "Row 1")}}});
            if (required_for(t, attribute::columns)) {
              item["columns"] = json::array({json{{"value", "1"}, {"label", text_in_every_language(form, "Ja", "Yes")}},
                                             json{{"value", "0"}, {"label", text_in_every_language(form, "Nej", "No")}}});
            }
            if (required_for(t, attribute::min)) item["min"] = 0;
            if (required_for(t, attribute::max)) item["max"] = 10;
            if (required_for(t, attribute::items)) {
              item["items"] = json::array({json{{"id", fresh_id(form, "info")}, {"type", "display"},
                                                {"text", text_in_every_language(form, "Text", "Text")}}});
            }
            json& items = form.at(p);
            const size_t at = index < 0 || static_cast<size_t>(index) > items.size() ? items.size() : static_cast<size_t>(index);
            items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), std::move(item));
            return true;
          }};
}

command add_page() {
  return {"Lägg till sida", [](json& form, std::string& error) {
            if (!form.contains("pages") || !form["pages"].is_array()) {
              error = "the form has no pages";
              return false;
            }
            json page = json::object();
            page["id"] = fresh_id(form, "p");
            page["title"] = text_in_every_language(form, "Ny sida", "New page");
            page["items"] = json::array({json{{"id", fresh_id(form, "info")}, {"type", "display"},
                                              {"text", text_in_every_language(form, "Text", "Text")}}});
            form["pages"].push_back(std::move(page));
            return true;
          }};
}

command duplicate_item(const std::string& pointer) {
  return {"Duplicera " + pointer, [pointer](json& form, std::string& error) {
            json* parent = nullptr;
            std::string key;
            if (!resolve_parent(form, pointer, parent, key, error)) return false;
            if (!parent->is_array()) {
              error = pointer + " is not an element of a list";
              return false;
            }
            const size_t index = static_cast<size_t>(std::stoul(key));
            if (index >= parent->size()) {
              error = "nothing at " + pointer;
              return false;
            }
            json copy = (*parent)[index];
            std::set<std::string> taken;
            collect_ids(form, taken);
            renumber(copy, form, taken);
            parent->insert(parent->begin() + static_cast<std::ptrdiff_t>(index + 1), std::move(copy));
            return true;
          }};
}

command move_item(const std::string& pointer, int index) {
  return {"Flytta " + pointer, [pointer, index](json& form, std::string& error) {
            json* parent = nullptr;
            std::string key;
            if (!resolve_parent(form, pointer, parent, key, error)) return false;
            if (!parent->is_array()) {
              error = pointer + " is not an element of a list";
              return false;
            }
            const size_t from = static_cast<size_t>(std::stoul(key));
            if (from >= parent->size() || index < 0 || static_cast<size_t>(index) >= parent->size()) {
              error = "no such place";
              return false;
            }
            json moving = (*parent)[from];
            parent->erase(from);
            parent->insert(parent->begin() + index, std::move(moving));
            return true;
          }};
}

namespace {
// A list of a page's or a group's items ("/pages/0/items", "/pages/1/items/2/items").
bool is_item_list(const std::string& pointer) { return pointer.rfind("/pages/", 0) == 0 && pointer.ends_with("/items"); }
}  // namespace

std::string pointer_after_removal(const std::string& pointer, const std::string& removed) {
  const size_t slash = removed.rfind('/');
  const std::string list = removed.substr(0, slash + 1);  // "/pages/0/items/"
  if (slash == std::string::npos || pointer.rfind(list, 0) != 0) return pointer;
  const size_t gone = std::stoul(removed.substr(slash + 1));
  const size_t end = pointer.find('/', list.size());
  const std::string token = pointer.substr(list.size(), end == std::string::npos ? std::string::npos : end - list.size());
  if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos) return pointer;
  const size_t index = std::stoul(token);
  if (index <= gone) return pointer;  // before it (or the removed element itself)
  return list + std::to_string(index - 1) + (end == std::string::npos ? "" : pointer.substr(end));
}

command move_to(const std::string& from, const std::string& to_list, int index) {
  return {"Flytta " + from, [from, to_list, index](json& form, std::string& error) {
            const size_t slash = from.rfind('/');
            if (slash == std::string::npos || !is_item_list(from.substr(0, slash)) || !is_item_list(to_list)) {
              error = "only questions, texts and groups move between pages and groups";
              return false;
            }
            if ((to_list + "/").rfind(from + "/", 0) == 0) {
              error = "a group cannot be moved into itself";
              return false;
            }
            const json::json_pointer source(from), target(to_list);
            if (!form.contains(source) || !form.contains(target) || !form.at(target).is_array()) {
              error = "no such place";
              return false;
            }
            json moving = form.at(source);
            form.at(source.parent_pointer()).erase(std::stoul(from.substr(slash + 1)));
            json& list = form.at(json::json_pointer(pointer_after_removal(to_list, from)));
            const size_t at = index < 0 ? list.size() : std::min(static_cast<size_t>(index), list.size());
            list.insert(list.begin() + static_cast<std::ptrdiff_t>(at), std::move(moving));
            return true;
          }};
}

std::string new_form_text(const std::string& id) {
  json form = json::object();
  form["format"] = 1;
  form["id"] = id;
  form["version"] = 1;
  form["languages"] = json::array({"sv", "en"});
  form["title"] = json{{"sv", "Nytt formulär"}, {"en", "New form"}};
  form["pages"] = json::array({json{{"id", "p1"},
                                    {"title", json{{"sv", "Sida 1"}, {"en", "Page 1"}}},
                                    {"items", json::array({json{{"id", "info1"}, {"type", "display"},
                                                                {"text", json{{"sv", "Välkommen!"}, {"en", "Welcome!"}}}}})}}});
  return form.dump(2) + "\n";
}

// ---- The form's logic ------------------------------------------------------------------------------

command append(const std::string& list_pointer, json value) {
  return {"Lägg till i " + list_pointer, [list_pointer, value](json& form, std::string& error) {
            const json::json_pointer p(list_pointer);
            if (!form.contains(p)) {
              // A missing list in an object that exists is created.
              json* parent = nullptr;
              std::string key;
              if (!resolve_parent(form, list_pointer, parent, key, error)) return false;
              if (!parent->is_object()) {
                error = "nothing at " + list_pointer;
                return false;
              }
              (*parent)[key] = json::array();
            }
            json& list = form.at(p);
            if (!list.is_array()) {
              error = list_pointer + " is not a list";
              return false;
            }
            list.push_back(value);
            return true;
          }};
}

json new_route() { return json{{"when", "false"}, {"page", "end"}}; }

json new_calculation(const json& form) {
  return json{{"id", fresh_id(form, "berakning")}, {"title", text_in_every_language(form, "Beräkning", "Calculation")}, {"formula", "0"}};
}

json new_choice_set(const json& form) {
  json choices = json::array();
  for (int v = 0; v < 2; ++v)
    choices.push_back({{"value", std::to_string(v)}, {"points", v},
                       {"label", text_in_every_language(form, "Alternativ " + std::to_string(v + 1), "Alternative " + std::to_string(v + 1))}});
  return json{{"id", fresh_id(form, "lista")}, {"choices", choices}};
}

json new_rule(const json& form) {
  // The first question of the form (an answerable item) receives the rule's issue.
  std::string first;
  auto walk = [&](auto&& self, const json& items) -> void {
    for (const auto& it : items) {
      if (!first.empty()) return;
      const std::string type = it.value("type", std::string());
      if (type == "group") self(self, it.value("items", json::array()));
      else if (type != "display" && it.contains("id")) first = it["id"].get<std::string>();
    }
  };
  for (const auto& page : form.value("pages", json::array())) walk(walk, page.value("items", json::array()));
  json items = json::array();
  if (!first.empty()) items.push_back(first);
  return json{{"id", fresh_id(form, "regel")}, {"check", "true"}, {"items", items},
              {"message", text_in_every_language(form, "Kontrollera svaren.", "Check the answers.")}};
}

json new_score(const json& form) {
  return json{{"id", fresh_id(form, "summa")}, {"title", text_in_every_language(form, "Summa", "Total")}, {"items", json::array()}};
}

json new_alert(const json& form) {
  return json{{"id", fresh_id(form, "larm")}, {"when", "false"}, {"severity", "warning"}, {"message", text_in_every_language(form, "Larm", "Alert")}};
}

json new_link(const json& form) {
  return json{{"id", fresh_id(form, "lank")}, {"when", "false"}, {"url", "https://www.1177.se/"},
              {"label", text_in_every_language(form, "Läs mer på 1177.se", "Read more at 1177.se")}};
}

json new_band_range(const json& form, const json& ranges) {
  const double from = ranges.empty() ? 0 : ranges.back().value("max", 0.0) + 1;
  return json{{"code", "niva" + std::to_string(ranges.size() + 1)}, {"min", from}, {"max", from + 4},
              {"label", text_in_every_language(form, "Nivå " + std::to_string(ranges.size() + 1), "Level " + std::to_string(ranges.size() + 1))}};
}

json new_band_table(const json& form, bool by_sex) {
  json table = {{"id", fresh_id(form, "nivaer")}, {"version", "1"}};
  const json first = json::array({new_band_range(form, json::array())});
  if (by_sex) {
    table["sex"] = "subject_sex()";
    table["by_sex"] = json{{"female", first}, {"male", first}};
  } else {
    table["ranges"] = first;
  }
  return table;
}

command bands_by_sex(const std::string& table_pointer, bool by_sex) {
  return {by_sex ? "Nivåer efter kön" : "Samma nivåer för alla", [table_pointer, by_sex](json& form, std::string& error) {
            const json::json_pointer p(table_pointer);
            if (!form.contains(p) || !form.at(p).is_object()) {
              error = "no band table at " + table_pointer;
              return false;
            }
            json& table = form.at(p);
            if (by_sex == table.contains("by_sex")) return true;
            if (by_sex) {
              // Both sexes start from the common ranges.
              const json ranges = table.value("ranges", json::array());
              table.erase("ranges");
              table["sex"] = "subject_sex()";
              table["by_sex"] = json{{"female", ranges}, {"male", ranges}};
            } else {
              // The women's ranges become everyone's.
              const json ranges = table["by_sex"].value("female", json::array());
              table.erase("by_sex");
              table.erase("sex");
              table["ranges"] = ranges;
            }
            return true;
          }};
}

json new_profile(const json& form) {
  return json{{"id", fresh_id(form, "profil")}, {"title", text_in_every_language(form, "Stjärnprofil", "Star profile")},
              {"axes", json::array({new_axis(form)})}};
}

json new_axis(const json& form) {
  return json{{"id", fresh_id(form, "axel")}, {"title", text_in_every_language(form, "Område", "Area")}, {"value", "0"},
              {"levels", json::array({new_level(form, json::array())})}};
}

json new_level(const json& form, const json& levels) {
  static const char* colours[] = {"#2e7d32", "#f9a825", "#c62828"};  // good, fair, poor (the samples' colours)
  const size_t n = levels.size();
  return json{{"code", "niva" + std::to_string(n + 1)}, {"min", 0}, {"max", 0}, {"color", colours[std::min<size_t>(n, 2)]},
              {"label", text_in_every_language(form, "Nivå " + std::to_string(n + 1), "Level " + std::to_string(n + 1))}};
}

}  // namespace blankett::designer
