// The render model as a static HTML document: a form with its answers, for printing and for the PDF.
#include <string>

#include "blankett/dates.h"
#include "blankett/json_writer.h"
#include "blankett/render.h"
#include "markup.h"
#include "blankett/schema.h"

namespace blankett {
namespace {

// A number as the reader writes it (a decimal comma in Swedish), then its unit.
void append_number(std::string& out, double value, std::string_view unit, bool swedish) {
  std::string n = format_number(value);
  if (swedish)
    for (char& c : n)
      if (c == '.') c = ',';
  out += n;
  if (!unit.empty()) {
    out += ' ';
    markup::escape(out, unit);
  }
}

struct html_view {
  const form& f;
  const evaluation& ev;
  std::string_view lang;
  bool citizen;
  std::string out;
  int32_t next_number = 1;

  std::string_view t(const text& x) const { return x.in(lang, f.default_language()); }
  bool sv() const { return lang != "en"; }

  // The answer of item i as the citizen gave it, in words (choice labels, Ja/Nej, file names).
  void answer_text(uint32_t i) {
    const item& it = f.items[i];
    const answer_document& doc = ev.answers();
    const answer& a = doc.answers[i];
    if (!a.answered()) {
      out += sv() ? "<span class=\"none\">Inte besvarad</span>" : "<span class=\"none\">Not answered</span>";
      return;
    }
    if (!a.readable()) {
      out += sv() ? "<span class=\"none\">Ogiltigt svar</span>" : "<span class=\"none\">Invalid answer</span>";
      return;
    }
    const choice_set* set = f.choices_of(it);
    switch (a.kind) {
      case value_kind::choice: markup::escape(out, t(set->choices[a.first].label)); break;
      case value_kind::choices: {
        bool first = true;
        for (uint32_t c : doc.choices(a)) {
          if (!first) out += ", ";
          first = false;
          markup::escape(out, t(set->choices[c].label));
        }
        break;
      }
      case value_kind::boolean: out += a.flag ? (sv() ? "Ja" : "Yes") : (sv() ? "Nej" : "No"); break;
      case value_kind::integer:
      case value_kind::decimal: {
        append_number(out, a.number, it.unit, sv());
        break;
      }
      case value_kind::matrix: {
        out += "<ul class=\"matrix\">";
        uint32_t row = UINT32_MAX;
        for (const matrix_cell& cell : doc.cells(a)) {
          if (cell.row != row) {
            if (row != UINT32_MAX) out += "</li>";
            row = cell.row;
            out += "<li>";
            markup::escape(out, t(it.rows[cell.row].title));
            out += ": ";
          } else {
            out += ", ";
          }
          if (set) markup::escape(out, t(set->choices[cell.column].label));
          if (it.cell == cell_kind::text) {
            out += " ";
            markup::escape(out, doc.cell_text(cell));
          }
        }
        if (row != UINT32_MAX) out += "</li>";
        out += "</ul>";
        break;
      }
      case value_kind::attachment: {
        bool first = true;
        for (const attachment_file& file : doc.files(a)) {
          if (!first) out += ", ";
          first = false;
          markup::escape(out, doc.file_name(file));
        }
        break;
      }
      default: markup::escape(out, doc.text(a)); break;  // text and the calendar types keep their text
    }
  }

  void node(uint32_t i) {
    const item& it = f.items[i];
    if (!ev.visible(i)) return;
    if (it.type == item_type::group) {
      out += "<section class=\"group\">";
      if (!it.title.empty()) {
        out += "<h3>";
        markup::escape(out, t(it.title));
        out += "</h3>";
      }
      for (uint32_t c : it.children) node(c);
      out += "</section>";
      return;
    }
    if (it.type == item_type::display) {
      out += "<p class=\"display\">";
      markup::escape(out, t(it.body));
      out += "</p>";
      return;
    }
    out += "<div class=\"q\"><p class=\"title\"><span class=\"n\">" + std::to_string(next_number++) + ".</span> ";
    markup::escape(out, t(it.title));
    out += "</p><p class=\"a\">";
    answer_text(i);
    out += "</p></div>";
  }
};

constexpr std::string_view kStyle =
    "body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;font-size:11pt;line-height:1.4;color:#111;"
    "max-width:48rem;margin:2rem auto;padding:0 1rem}h1{font-size:18pt;margin:0 0 .25rem}h2{font-size:13pt;"
    "border-bottom:1px solid #888;padding-bottom:.2rem;margin-top:1.5rem}h3{font-size:11pt}.q{margin:.6rem 0;"
    "break-inside:avoid}.title{margin:0;font-weight:bold}.a{margin:.1rem 0 0 1.5rem}.none{color:#666;font-style:italic}"
    ".n{display:inline-block;min-width:1.5rem}.display{color:#333}ul.matrix{margin:0;padding-left:1rem}"
    "table.calc{border-collapse:collapse}table.calc td,table.calc th{border-bottom:1px solid #ccc;padding:.2rem .6rem;"
    "text-align:left}@media print{body{margin:0}}";

}  // namespace

std::string render_html(const form& f, const evaluation& ev, const render_options& o) {
  html_view v{f, ev, f.has_language(o.language) ? std::string_view(o.language) : std::string_view(f.default_language()), o.citizen, {}};
  std::string& out = v.out;
  out += "<!doctype html><html lang=\"";
  markup::escape(out, v.lang);
  out += "\"><head><meta charset=\"utf-8\"><title>";
  markup::escape(out, v.t(f.title));
  out += "</title><style>";
  out += kStyle;
  out += "</style></head><body><h1>";
  markup::escape(out, v.t(f.title));
  out += "</h1>";
  if (!f.description.empty()) {
    out += "<p>";
    markup::escape(out, v.t(f.description));
    out += "</p>";
  }
  for (uint32_t p = 0; p < f.pages.size(); ++p) {
    if (!ev.page_visible(p)) continue;
    out += "<section class=\"page\">";
    if (!f.pages[p].title.empty()) {
      out += "<h2>";
      markup::escape(out, v.t(f.pages[p].title));
      out += "</h2>";
    }
    for (uint32_t i : f.pages[p].items) v.node(i);
    out += "</section>";
  }
  // Calculations: the citizen's view shows those marked for citizens, the staff's view all of them.
  std::string rows;
  validation_result r;
  ev.result(r);
  for (size_t c = 0; c < f.calculations.size(); ++c) {
    const calculation& calc = f.calculations[c];
    if (o.citizen && !calc.citizen_visible) continue;
    const computed& value = r.calculations[c];
    rows += "<tr><th>";
    markup::escape(rows, v.t(calc.title));
    rows += "</th><td>";
    if (value.st == computed::state::number) {
      append_number(rows, value.number, calc.unit, v.sv());
    } else if (value.st == computed::state::text) {
      markup::escape(rows, value.text);
    } else if (value.st == computed::state::date) {
      rows += format_date(civil_from_days(static_cast<int64_t>(value.number)));
    } else if (value.st == computed::state::boolean) {
      rows += value.number != 0 ? (v.sv() ? "Ja" : "Yes") : (v.sv() ? "Nej" : "No");
    } else {
      rows += "–";
    }
    rows += "</td></tr>";
  }
  if (!rows.empty()) {
    out += v.sv() ? "<h2>Resultat</h2>" : "<h2>Results</h2>";
    out += "<table class=\"calc\">" + rows + "</table>";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace blankett
