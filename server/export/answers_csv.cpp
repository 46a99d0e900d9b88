// The CSV export's columns, rows and codebook (answers_csv.h).
//
//   1. cells      quoting (RFC 4180), numbers, local times
//   2. columns    each version's variables, merged across versions
//   3. rows       an answer's cells from its answers, measurements and stored result
//   4. codebook
#include "export/answers_csv.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "blankett/json_writer.h"
#include "blankett/schema.h"
#include "clock.h"

namespace blankett::server {

namespace {

// ---- 1. cells -------------------------------------------------------------------------------------

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kSv = "sv";

void put_cell(std::string& out, std::string_view s, char sep) {
  const bool quote = s.find_first_of(std::string_view("\"\r\n")) != std::string_view::npos || s.find(sep) != std::string_view::npos;
  if (!quote) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void put_line(std::string& out, const std::vector<std::string>& cells, char sep) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += sep;
    put_cell(out, cells[i], sep);
  }
  out += "\r\n";
}

// A JSON number as a cell: integers as they are, others shortest round-trip, with a decimal comma
// in the Swedish format.
std::string number_cell(simdjson::dom::element v, bool swedish) {
  std::string s;
  if (v.is_int64()) s = std::to_string(v.get_int64().value_unsafe());
  else if (v.is_uint64()) s = std::to_string(v.get_uint64().value_unsafe());
  else if (v.is_double()) s = format_number(v.get_double().value_unsafe());
  if (swedish) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

// A UTC time as the store keeps it, in the server's local time: "2026-12-06 15:16" (Excel and R read
// it as a date and time).
std::string local_time(std::string_view utc) { return local_minutes(utc).value_or(std::string(utc)); }

// Free text as a cell: a spreadsheet would take text starting with = + - @ as a formula (CSV
// injection), so such text starts with an apostrophe, which Excel shows as text.
std::string free_text(std::string_view s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    return "'" + std::string(s);
  return std::string(s);
}

std::string pnr_cell(std::string_view pnr) {
  if (pnr.size() == 12) return std::string(pnr.substr(0, 8)) + "-" + std::string(pnr.substr(8));
  return std::string(pnr);
}

std::string sv(const text& t) { return std::string(t.in(kSv, "")); }

// ---- 2. columns -----------------------------------------------------------------------------------

enum class col_kind : uint8_t { id, version, sent, submitted, answered_by, pnr, name, item, alternative, matrix_row, score, band, calculation };

struct column {
  std::string name;
  col_kind kind = col_kind::item;
  std::string item, sub;  // item, score or calculation id; an alternative's code, a matrix row or a band table
  std::string text, type;
  std::vector<std::pair<std::string, std::string>> codes;  // (code, label) in order
  std::set<int64_t> versions;
};

const char* type_name(value_kind k) {
  switch (k) {
    case value_kind::integer: return "heltal";
    case value_kind::decimal: return "decimaltal";
    case value_kind::date: return "datum";
    case value_kind::time: return "tid";
    case value_kind::month: return "månad";
    case value_kind::week: return "vecka";
    case value_kind::datetime: return "datum och tid";
    case value_kind::choice: return "kod";
    case value_kind::choices: return "0/1";
    case value_kind::boolean: return "ja/nej";
    case value_kind::matrix: return "kod";
    case value_kind::attachment: return "antal filer";
    default: return "text";
  }
}

void add_codes(column& c, const choice_set* set) {
  if (!set) return;
  for (const choice& ch : set->choices) c.codes.emplace_back(ch.value, sv(ch.label));
}

// The question's Swedish title (a display text's body; else its id).
std::string item_text(const item& it) {
  std::string t = sv(it.title);
  if (t.empty()) t = sv(it.body);
  return t.empty() ? it.id : t;
}

std::string range_text(const band_range& r, bool swedish) {
  std::string a = format_number(r.min), b = format_number(r.max);
  if (swedish) {
    std::replace(a.begin(), a.end(), '.', ',');
    std::replace(b.begin(), b.end(), '.', ',');
  }
  return a + "–" + b;
}

// One version's variables, in its order: its questions (items in document order, then measurements),
// then its scores with their bands, then its calculations.
std::vector<column> variables_of(const form& f, bool swedish) {
  std::vector<column> out;
  auto item_columns = [&](const item& it) {
    const value_kind k = type_info(it.type).value;
    if (k == value_kind::none) return;
    const std::string title = item_text(it) + (it.staff ? " (mätning)" : "");
    if (k == value_kind::choices) {
      const choice_set* set = f.choices_of(it);
      if (!set) return;
      for (const choice& ch : set->choices) {
        column c{it.id + "_" + ch.value, col_kind::alternative, it.id, ch.value, title + ": " + sv(ch.label), "0/1", {}, {}};
        c.codes = {{"1", "Vald"}, {"0", "Inte vald"}};
        out.push_back(std::move(c));
      }
      return;
    }
    if (k == value_kind::matrix) {
      for (const matrix_row& r : it.rows) {
        column c{it.id + "_" + r.id, col_kind::matrix_row, it.id, r.id, title + ": " + sv(r.title),
                 it.cell == cell_kind::text ? "text" : it.cell == cell_kind::checkbox ? "koder" : "kod", {}, {}};
        if (it.cell != cell_kind::text) add_codes(c, f.choices_of(it));
        out.push_back(std::move(c));
      }
      return;
    }
    column c{it.id, col_kind::item, it.id, "", title, type_name(k), {}, {}};
    if (!it.unit.empty()) c.text += " (" + it.unit + ")";
    if (k == value_kind::choice) add_codes(c, f.choices_of(it));
    if (k == value_kind::boolean) c.codes = {{"1", "Ja"}, {"0", "Nej"}};
    if (it.type == item_type::personnummer) c.type = "personnummer";
    out.push_back(std::move(c));
  };
  for (const item& it : f.items)
    if (!it.staff) item_columns(it);
  for (uint32_t i : f.measurements) item_columns(f.items[i]);
  for (const score& s : f.scores) {
    out.push_back(column{s.id, col_kind::score, s.id, "", sv(s.title).empty() ? s.id : sv(s.title), "poäng", {}, {}});
    for (const band_table& b : s.bands) {
      column c{s.id + "_" + b.id, col_kind::band, s.id, b.id, (sv(s.title).empty() ? s.id : sv(s.title)) + ": " + b.version, "kod", {}, {}};
      std::set<std::string> seen;
      for (const auto* ranges : {&b.ranges, &b.female, &b.male})
        for (const band_range& r : *ranges)
          if (seen.insert(r.code).second) c.codes.emplace_back(r.code, (sv(r.label).empty() ? r.code : sv(r.label)) + " (" + range_text(r, swedish) + ")");
      out.push_back(std::move(c));
    }
  }
  for (const calculation& k : f.calculations) {
    column c{k.id, col_kind::calculation, k.id, "", sv(k.title).empty() ? k.id : sv(k.title), "beräkning", {}, {}};
    if (!k.unit.empty()) c.text += " (" + k.unit + ")";
    out.push_back(std::move(c));
  }
  return out;
}

const band_range* band_of(const form& f, std::string_view score_id, std::string_view band_id, std::string_view code) {
  for (const score& s : f.scores) {
    if (s.id != score_id) continue;
    for (const band_table& b : s.bands) {
      if (b.id != band_id) continue;
      for (const auto* ranges : {&b.ranges, &b.female, &b.male})
        for (const band_range& r : *ranges)
          if (r.code == code) return &r;
    }
  }
  return nullptr;
}

struct slot {
  int col = -1;
  std::unordered_map<std::string, int> sub;  // alternatives, matrix rows, band tables
};

}  // namespace

struct answers_csv::impl {
  csv_options o;
  char sep = ';';
  std::map<int64_t, std::shared_ptr<const form>> forms;  // by version
  std::vector<column> cols;
  std::unordered_map<std::string, slot> items, scores;
  std::unordered_map<std::string, int> calcs;
  std::vector<std::string> cells;
  simdjson::dom::parser parser;

  void build() {
    std::set<int64_t> every;
    for (const auto& [v, f] : forms) every.insert(v);
    auto fixed = [&](const char* n, col_kind k, const char* text, const char* type) {
      column c{n, k, "", "", text, type, {}, every};
      cols.push_back(std::move(c));
    };
    fixed("svar_id", col_kind::id, "Svarets id i Blankett", "heltal");
    fixed("version", col_kind::version, "Mallens version som svaret gavs på", "heltal");
    fixed("skickad", col_kind::sent, "När formuläret skickades (svensk tid)", "datum och tid");
    fixed("inskickad", col_kind::submitted, "När svaret skickades in (svensk tid)", "datum och tid");
    fixed("besvarad_av", col_kind::answered_by, "Vem som besvarade formuläret", "kod");
    cols.back().codes = {{"citizen", "Personen själv"}, {"guardian", "Vårdnadshavare"}, {"staff", "Personal"}};
    if (o.identify) {
      fixed("personnummer", col_kind::pnr, "Personnummer (ÅÅÅÅMMDD-NNNN)", "text");
      fixed("namn", col_kind::name, "Namn", "text");
    }
    const size_t first_var = cols.size();
    // Newest version first: its order is the columns' order; an older version's variable that the
    // newer ones lack goes right after the variable before it in that version.
    for (auto v = forms.rbegin(); v != forms.rend(); ++v) {
      int after = static_cast<int>(first_var) - 1;
      for (column& c : variables_of(*v->second, o.swedish)) {
        auto at = std::find_if(cols.begin() + static_cast<long>(first_var), cols.end(), [&](const column& x) { return x.name == c.name; });
        if (at != cols.end()) {
          at->versions.insert(v->first);
          for (const auto& code : c.codes)
            if (std::none_of(at->codes.begin(), at->codes.end(), [&](const auto& x) { return x.first == code.first; })) at->codes.push_back(code);
          after = static_cast<int>(at - cols.begin());
          continue;
        }
        c.versions.insert(v->first);
        cols.insert(cols.begin() + after + 1, std::move(c));
        ++after;
      }
    }
    for (size_t i = first_var; i < cols.size(); ++i) {
      const column& c = cols[i];
      const int n = static_cast<int>(i);
      switch (c.kind) {
        case col_kind::item: items[c.item].col = n; break;
        case col_kind::alternative:
        case col_kind::matrix_row: items[c.item].sub[c.sub] = n; break;
        case col_kind::score: scores[c.item].col = n; break;
        case col_kind::band: scores[c.item].sub[c.sub] = n; break;
        case col_kind::calculation: calcs[c.item] = n; break;
        default: break;
      }
    }
  }

  std::string label(const form& f, const item& it, std::string_view value) const {
    const choice_set* set = f.choices_of(it);
    if (set) {
      const int32_t i = set->find(value);
      if (i >= 0) {
        const std::string l = sv(set->choices[static_cast<size_t>(i)].label);
        if (!l.empty()) return l;
      }
    }
    return std::string(value);
  }

  std::string choice_cell(const form& f, const item& it, std::string_view value) const {
    return o.labels ? label(f, it, value) : std::string(value);
  }

  // The cells of one item's answer (answers or measurements).
  void item_cells(const form& f, std::string_view id, simdjson::dom::element v) {
    const auto s = items.find(std::string(id));
    if (s == items.end()) return;
    const int32_t idx = f.find_item(id);
    if (idx < 0 || v.is_null()) return;
    const item& it = f.items[static_cast<size_t>(idx)];
    const value_kind k = type_info(it.type).value;
    std::string_view str;
    switch (k) {
      case value_kind::choices: {
        if (const choice_set* set = f.choices_of(it))
          for (const choice& ch : set->choices)
            if (auto c = s->second.sub.find(ch.value); c != s->second.sub.end()) cells[static_cast<size_t>(c->second)] = "0";
        simdjson::dom::array chosen;
        if (v.get(chosen)) return;
        for (simdjson::dom::element e : chosen)
          if (!e.get(str))
            if (auto c = s->second.sub.find(std::string(str)); c != s->second.sub.end()) cells[static_cast<size_t>(c->second)] = "1";
        return;
      }
      case value_kind::matrix: {
        simdjson::dom::object rows;
        if (v.get(rows)) return;
        for (auto [row, cell] : rows) {
          auto c = s->second.sub.find(std::string(row));
          if (c == s->second.sub.end()) continue;
          std::string& out = cells[static_cast<size_t>(c->second)];
          simdjson::dom::array several;
          if (!cell.get(str)) out = it.cell == cell_kind::text ? free_text(str) : choice_cell(f, it, str);
          else if (!cell.get(several)) {
            for (simdjson::dom::element e : several)
              if (!e.get(str)) out += (out.empty() ? "" : "|") + choice_cell(f, it, str);
          } else if (cell.is_number()) out = number_cell(cell, o.swedish);
        }
        return;
      }
      default: break;
    }
    if (s->second.col < 0) return;
    std::string& out = cells[static_cast<size_t>(s->second.col)];
    bool b = false;
    simdjson::dom::array files;
    if (k == value_kind::choice && !v.get(str)) out = choice_cell(f, it, str);
    else if (!v.get(b)) out = o.labels ? (b ? "Ja" : "Nej") : (b ? "1" : "0");
    else if (v.is_number()) out = number_cell(v, o.swedish);
    else if (!v.get(files)) out = std::to_string(files.size());
    else if (!v.get(str)) out = k == value_kind::text ? free_text(str) : std::string(str);
  }

  void result_cells(const form& f, simdjson::dom::element r) {
    simdjson::dom::object obj;
    if (!r["scores"].get(obj))
      for (auto [id, sc] : obj) {
        const auto s = scores.find(std::string(id));
        if (s == scores.end()) continue;
        simdjson::dom::element value;
        if (s->second.col >= 0 && !sc["value"].get(value) && value.is_number())
          cells[static_cast<size_t>(s->second.col)] = number_cell(value, o.swedish);
        simdjson::dom::object bands;
        if (sc["bands"].get(bands)) continue;
        for (auto [band, b] : bands) {
          auto c = s->second.sub.find(std::string(band));
          std::string_view code;
          if (c == s->second.sub.end() || b["code"].get(code)) continue;
          std::string cell(code);
          if (o.labels)
            if (const band_range* br = band_of(f, id, band, code); br && !sv(br->label).empty()) cell = sv(br->label);
          cells[static_cast<size_t>(c->second)] = cell;
        }
      }
    if (!r["calculations"].get(obj))
      for (auto [id, calc] : obj) {
        const auto c = calcs.find(std::string(id));
        simdjson::dom::element value;
        if (c == calcs.end() || calc["value"].get(value)) continue;
        std::string_view str;
        bool b = false;
        std::string& out = cells[static_cast<size_t>(c->second)];
        if (value.is_number()) out = number_cell(value, o.swedish);
        else if (!value.get(str)) out = std::string(str);
        else if (!value.get(b)) out = b ? "1" : "0";
      }
  }

  void append(std::string& out, const export_answer& a) {
    cells.assign(cols.size(), std::string());
    const auto fv = forms.find(a.version);
    for (size_t i = 0; i < cols.size(); ++i) {
      switch (cols[i].kind) {
        case col_kind::id: cells[i] = std::to_string(a.id); break;
        case col_kind::version: cells[i] = std::to_string(a.version); break;
        case col_kind::sent: cells[i] = local_time(a.created_at); break;
        case col_kind::submitted: cells[i] = a.submitted_at ? local_time(*a.submitted_at) : ""; break;
        case col_kind::answered_by:
          if (a.answered_by)
            cells[i] = !o.labels ? std::string(name(*a.answered_by))
                       : *a.answered_by == answerer::citizen ? "Personen själv"
                       : *a.answered_by == answerer::guardian ? "Vårdnadshavare"
                                                               : "Personal";
          break;
        case col_kind::pnr: cells[i] = a.subject ? pnr_cell(a.subject->pnr) : ""; break;
        case col_kind::name: cells[i] = a.subject ? free_text(a.subject->name) : ""; break;
        default: break;
      }
    }
    if (fv != forms.end()) {
      const form& f = *fv->second;
      simdjson::dom::object obj;
      for (const std::string* json : {&a.answers, &a.measurements}) {
        if (json->empty()) continue;
        auto doc = parser.parse(*json);
        if (doc.error() || doc.value_unsafe().get(obj)) continue;
        for (auto [k, v] : obj) item_cells(f, k, v);
      }
      if (a.result) {
        auto doc = parser.parse(*a.result);
        if (!doc.error()) result_cells(f, doc.value_unsafe());
      }
    }
    put_line(out, cells, sep);
  }
};

answers_csv::answers_csv(std::vector<csv_version> versions, csv_options o) : p_(std::make_unique<impl>()) {
  p_->o = o;
  p_->sep = o.swedish ? ';' : ',';
  for (csv_version& v : versions)
    if (v.f) p_->forms[v.version] = std::move(v.f);
  p_->build();
}

answers_csv::~answers_csv() = default;

size_t answers_csv::columns() const { return p_->cols.size(); }

std::string answers_csv::header() const {
  std::string out(kBom);
  std::vector<std::string> names;
  for (const column& c : p_->cols) names.push_back(c.name);
  put_line(out, names, p_->sep);
  return out;
}

void answers_csv::append(std::string& out, const export_answer& a) { p_->append(out, a); }

// ---- 4. codebook ----------------------------------------------------------------------------------

std::string answers_csv::codebook() const {
  std::string out(kBom);
  put_line(out, {"variabel", "text", "typ", "koder", "versioner"}, p_->sep);
  for (const column& c : p_->cols) {
    std::string codes, versions;
    for (const auto& [code, label] : c.codes) codes += (codes.empty() ? "" : " | ") + code + "=" + label;
    for (int64_t v : c.versions) versions += (versions.empty() ? "" : " ") + std::to_string(v);
    put_line(out, {c.name, c.text, c.type, codes, versions}, p_->sep);
  }
  return out;
}

std::string csv_export_name(std::string_view form_id, std::string_view date) {
  std::string id;
  for (char ch : form_id) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    id += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? c : '-';
  }
  if (id.empty()) id = "mall";
  return "formularsvar-" + id + "-" + std::string(date) + ".zip";
}

}  // namespace blankett::server
