// One form answer as a PDF for staff, in the shared flow layout (pdf/layout.h) drawn with cairo and pango.
//
// Sections:
//   1. words         the PDF's Swedish labels; dates, numbers, personnummer and computed values as text
//   2. export        the blocks in order: the head (unit, template, recipient, dates), the calculations,
//                    scores, alerts, star profiles, the answers by page, the measurements
//   3. star chart    a star profile as a radar chart with its legend
//   4. answer_pdf    the pages, the running header and "Sida i av N" (answers_pdf: several, each numbered on its own)
//
// Only what the evaluation says is shown: the visible pages and questions, numbered as the citizen saw
// them (the render model's rule), each answer in words (a choice by its label, never its code).
#include "pdf/answer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>
#include <vector>

#include "blankett/json_writer.h"
#include "blankett/messages.h"
#include "blankett/schema.h"
#include "clock.h"
#include "pdf/layout.h"

namespace blankett::server {
namespace {

using namespace pdf;  // NOLINT: the layout's vocabulary (rows, blocks, styles) is this file's own

// ---- 1. words --------------------------------------------------------------------------------------

constexpr std::string_view kNotAnswered = "Ej besvarad";
constexpr std::string_view kNotMeasured = "Ej ifyllt";
constexpr std::string_view kNoRecipient = "Formulärlänk som ingen har använt";  // as the staff app says it

std::string_view state_text(instance_state s) {
  switch (s) {
    case instance_state::ongoing: return "Pågående";
    case instance_state::pending_completion: return "Väntar på bekräftelse";
    case instance_state::completed: return "Besvarat";
    case instance_state::cancelled: return "Avbrutet";
  }
  return "";
}

std::string_view severity_text(alert_severity s) {
  switch (s) {
    case alert_severity::info: return "Information";
    case alert_severity::warning: return "Varning";
    case alert_severity::critical: return "Kritisk";
  }
  return "";
}

// A personnummer as staff read it: ÅÅÅÅMMDD-NNNN (the store keeps twelve digits).
std::string pnr_text(std::string_view pnr) {
  const bool digits =
      pnr.size() == 12 && std::all_of(pnr.begin(), pnr.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits ? std::string(pnr.substr(0, 8)) + "-" + std::string(pnr.substr(8)) : clean(pnr);
}

// A time as the store keeps it, in words: a UTC time in the server's local time ("2026-12-06 15:16"),
// a local date as it is.
std::string when_text(std::string_view s) {
  if (auto local = local_minutes(s)) return *local;
  return clean(s);
}

// A number as Swedish is written (a decimal comma, no thousands separator), to `decimals` places when
// given, then its unit.
std::string number_text(double v, std::optional<int> decimals, std::string_view unit) {
  std::string s;
  if (decimals && *decimals >= 0 && *decimals <= 6 && std::isfinite(v) && std::fabs(v) < 1e15) {
    if (std::fabs(v) < 0.5 / std::pow(10.0, *decimals)) v = 0;  // never "-0,0"
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", *decimals, v);
    s = buf;
  } else {
    s = format_number(v);
  }
  std::replace(s.begin(), s.end(), '.', ',');
  if (!unit.empty()) s += " " + clean(unit);
  return s;
}

// A calculation's or a score's result; the core's message when it could not be computed.
struct result_text {
  std::string value;  // "–" when there is none
  std::string note;   // why there is none
};
result_text computed_text(const computed& c, std::optional<int> decimals, std::string_view unit) {
  switch (c.st) {
    case computed::state::number: return {number_text(c.number, decimals, unit), {}};
    case computed::state::text: return {clean(c.text), {}};
    case computed::state::boolean: return {c.number != 0 ? "Ja" : "Nej", {}};
    case computed::state::date: return {format_date(civil_from_days(static_cast<int64_t>(c.number))), {}};
    case computed::state::error: return {"–", message_text(c.error, "sv", {})};
    case computed::state::none: break;
  }
  return {"–", message_text("calc.missing_input", "sv", {})};
}

// A colour from the form ("#rgb" or "#rrggbb"); anything else is grey.
struct rgb {
  double r = 0.62, g = 0.62, b = 0.62;
};
rgb colour_of(std::string_view c) {
  auto hex = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
  };
  if (c.size() != 4 && c.size() != 7) return {};
  if (c[0] != '#') return {};
  for (size_t k = 1; k < c.size(); ++k)
    if (hex(c[k]) < 0) return {};
  if (c.size() == 4) return {hex(c[1]) / 15.0, hex(c[2]) / 15.0, hex(c[3]) / 15.0};
  return {(hex(c[1]) * 16 + hex(c[2])) / 255.0, (hex(c[3]) * 16 + hex(c[4])) / 255.0, (hex(c[5]) * 16 + hex(c[6])) / 255.0};
}

// ---- 2. export -------------------------------------------------------------------------------------

constexpr text_style kLabel{8.5, false, false, kGrey};  // a fact's name above its value
constexpr text_style kValue{10.5, true};
constexpr double kValueX = kLeft + kWidth * 0.56, kValueW = kRight - kValueX;  // results' value column
constexpr double kQx = kLeft + kIndent, kQw = kWidth - kIndent;               // an answer, under its question

class export_layout {
 public:
  export_layout(const answer_export& a, const typesetter& ts, std::string title)
      : a_(a), ev_(*a.answers), f_(ev_.form_def()), ts_(ts), title_(std::move(title)),
        lang_(f_.has_language(a.language) ? std::string_view(a.language) : std::string_view(f_.default_language())) {
    ev_.result(r_);
  }

  std::vector<block> blocks() {
    head();
    if (!f_.calculations.empty()) calculations();
    if (!f_.scores.empty()) scores();
    if (!f_.alerts.empty()) alerts();
    size_t first_axis = 0;
    for (const profile& p : f_.profiles) {
      star_profile(p, first_axis);
      first_axis += p.axes.size();
    }
    answers();
    if (!f_.measurements.empty()) measurements();
    return std::move(out_);
  }

 private:
  const answer_export& a_;
  const evaluation& ev_;
  const form& f_;
  const typesetter& ts_;
  std::string title_;
  std::string_view lang_;
  validation_result r_;
  std::vector<block> out_;

  std::string t(const text& x) const { return clean(x.in(lang_, f_.default_language()), true); }

  // ---- the head: who, what and when ----

  void head() {
    {  // The unit at the left, when it was printed at the right, on one baseline.
      block b;
      const layout_ptr unit = ts_.layout(clean(a_.unit_name), {13, true}, kWidth * 0.62);
      const std::string printed = a_.exported_at.empty() ? "" : "Utskrivet " + when_text(a_.exported_at);
      const layout_ptr when = ts_.layout(printed, kSmall, kWidth * 0.38, PANGO_ALIGN_RIGHT);
      const double shift = baseline_of(unit.get()) - baseline_of(when.get());
      b.rows.push_back({std::max(height_of(unit.get()), height_of(when.get()) + shift),
                        [unit, when, shift](cairo_t* cr, double y) {
                          show(cr, unit.get(), kLeft, y, 0);
                          show(cr, when.get(), kLeft + kWidth * 0.62, y + shift, kGrey);
                        }});
      out_.push_back(std::move(b));
    }
    out_.push_back(paragraph(ts_, title_, {18, true}, 14));
    std::string sub = "Formulärsvar";
    if (a_.version > 0) sub += " · version " + std::to_string(a_.version);
    sub += " · " + std::string(state_text(a_.state));
    out_.push_back(paragraph(ts_, sub, {10, false, false, kGrey}, 3));

    std::vector<std::pair<std::string, std::string>> who, when;
    if (a_.recipient) {
      who.emplace_back("Mottagare", clean(a_.recipient->name));
      who.emplace_back("Personnummer", pnr_text(a_.recipient->pnr));
    } else {
      who.emplace_back("Mottagare", std::string(kNoRecipient));
    }
    if (a_.answered_by == answerer::guardian)
      who.emplace_back("Besvarat av", (a_.proxy ? clean(a_.proxy->name) + ", " : std::string()) + "vårdnadshavare");
    else if (a_.answered_by == answerer::staff)
      who.emplace_back("Besvarat av", "Personal");
    auto date = [&when](std::string_view label, std::string_view value) {
      if (!value.empty()) when.emplace_back(std::string(label), when_text(value));
    };
    date("Skickat", a_.sent_at);
    date("Inskickat", a_.submitted_at.value_or(""));
    date("Besvaras senast", a_.answer_by.value_or(""));
    date("Gallras efter", a_.delete_after.value_or(""));
    date("Dokumenterat", a_.documented_at.value_or(""));
    block b;
    b.before = 12;
    b.rows.push_back({6, [](cairo_t* cr, double y) { draw_hline(cr, kLeft, kRight, y + 1, 0.55, 0.6); }});
    facts(b, who, true);
    facts(b, when, false);
    b.rows.push_back({4, [](cairo_t* cr, double y) { draw_hline(cr, kLeft, kRight, y + 3, 0.55, 0.6); }});
    out_.push_back(std::move(b));
  }

  // Facts in a grid of three columns, each its name small above its value.
  void facts(block& b, const std::vector<std::pair<std::string, std::string>>& cells, bool strong) {
    constexpr double col = kWidth / 3;
    for (size_t k = 0; k < cells.size(); k += 3) {
      std::vector<std::pair<layout_ptr, layout_ptr>> row_cells;
      double h = 0;
      for (size_t c = k; c < cells.size() && c < k + 3; ++c) {
        layout_ptr label = ts_.layout(cells[c].first, kLabel, col - 8);
        layout_ptr value = ts_.layout(cells[c].second, strong ? kValue : kBody, col - 8);
        h = std::max(h, height_of(label.get()) + height_of(value.get()));
        row_cells.emplace_back(std::move(label), std::move(value));
      }
      b.rows.push_back({h + 8, [row_cells](cairo_t* cr, double y) {
                          for (size_t c = 0; c < row_cells.size(); ++c) {
                            const double x = kLeft + col * static_cast<double>(c);
                            show(cr, row_cells[c].first.get(), x, y + 4, kGrey);
                            show(cr, row_cells[c].second.get(), x, y + 4 + height_of(row_cells[c].first.get()), 0);
                          }
                        }});
    }
  }

  // ---- results ----

  // A section's heading over a rule, never the last thing on a page.
  void section(std::string_view title) {
    block b;
    b.before = 20;
    add_lines(b.rows, ts_.layout(title, {13, true}), kLeft, 0);
    b.rows.push_back({7, [](cairo_t* cr, double y) { draw_hline(cr, kLeft, kRight, y + 2.5, 0.55, 0.6); }});
    b.keep_with_next = true;
    out_.push_back(std::move(b));
  }

  // A result: its title at the left, its value (spans: the value bold, what follows it not) in the value
  // column, and grey notes under the title across the page.
  void result_block(const std::string& title, const std::vector<span>& value, const std::vector<std::string>& notes) {
    block b;
    b.before = 9;
    const layout_ptr name = ts_.layout(title, kQuestion, kValueX - kLeft - 12);
    const layout_ptr val = ts_.layout(value, kBody, kValueW);
    const double shift = baseline_of(name.get()) - baseline_of(val.get());
    b.rows.push_back({std::max(height_of(name.get()), height_of(val.get()) + shift) + 2,
                      [name, val, shift](cairo_t* cr, double y) {
                        show(cr, name.get(), kLeft, y, 0);
                        show(cr, val.get(), kValueX, y + shift, 0);
                      }});
    for (const std::string& n : notes)
      if (!n.empty()) add_lines(b.rows, ts_.layout(n, kSmall, kWidth), kLeft, kGrey);
    out_.push_back(std::move(b));
  }

  void calculations() {
    section("Beräkningar");
    for (size_t c = 0; c < f_.calculations.size(); ++c) {
      const calculation& calc = f_.calculations[c];
      const result_text v = computed_text(r_.calculations[c], calc.decimals, calc.unit);
      result_block(t(calc.title), {{v.value, true}}, {t(calc.staff_text), v.note});
    }
  }

  void scores() {
    section("Poäng");
    for (size_t s = 0; s < f_.scores.size(); ++s) {
      const score& def = f_.scores[s];
      const score_result& res = r_.scores[s];
      const result_text v = computed_text(res.value, def.decimals, "");
      std::vector<span> value{{v.value, true}};
      std::vector<std::string> notes{v.note};
      for (size_t k = 0; k < def.bands.size() && k < res.bands.size(); ++k) {
        const band_table& table = def.bands[k];
        const uint8_t sex = k < res.sexes.size() ? res.sexes[k] : 0;
        const auto& ranges = table.ranges_for(sex);
        if (res.bands[k] < 0 || static_cast<size_t>(res.bands[k]) >= ranges.size()) continue;
        const band_range& band = ranges[static_cast<size_t>(res.bands[k])];
        std::string text = "\n" + t(band.label) + " (" + number_text(band.min, std::nullopt, "") + "–" +
                           number_text(band.max, std::nullopt, "") + ")";
        if (table.by_sex) text += sex == 1 ? ", gränser för kvinnor" : ", gränser för män";
        value.push_back({text, false});
        if (!table.version.empty()) notes.push_back("Gränser: " + clean(table.version));
      }
      if (res.value.st == computed::state::number && res.missing > 0)
        notes.push_back(std::to_string(res.answered) + " av " + std::to_string(res.answered + res.missing) +
                        " frågor besvarade.");
      result_block(t(def.title), value, notes);
    }
  }

  void alerts() {
    section("Varningar");
    bool any = false;
    for (size_t k = 0; k < f_.alerts.size(); ++k) {
      if (k >= r_.alerts.size() || !r_.alerts[k]) continue;
      any = true;
      alert_box(f_.alerts[k]);
    }
    if (!any) out_.push_back(paragraph(ts_, "Inga varningar.", kBody, 8));
  }

  // A fired alert: a tinted box with a bar in the severity's colour, the severity in bold, the message.
  void alert_box(const alert& al) {
    static constexpr rgb kBar[] = {{0.08, 0.40, 0.75}, {0.90, 0.45, 0.0}, {0.78, 0.16, 0.16}};
    static constexpr rgb kTint[] = {{0.91, 0.95, 0.99}, {1.0, 0.95, 0.88}, {0.99, 0.92, 0.92}};
    const auto level = static_cast<size_t>(al.severity);
    const rgb bar = kBar[level], tint = kTint[level];
    constexpr double pad = 6;
    block b;
    b.before = 8;
    std::vector<row> lines;
    add_lines(lines, ts_.layout({{std::string(severity_text(al.severity)) + ": ", true}, {t(al.message)}}, kBody,
                                kWidth - 16 - pad),
              kLeft + 14, 0);
    lines.insert(lines.begin(), space(pad));
    lines.push_back(space(pad));
    for (auto& r : lines)
      b.rows.push_back({r.height, [h = r.height, inner = std::move(r.draw), bar, tint](cairo_t* cr, double y) {
                          cairo_set_source_rgb(cr, tint.r, tint.g, tint.b);
                          cairo_rectangle(cr, kLeft, y, kWidth, h);
                          cairo_fill(cr);
                          cairo_set_source_rgb(cr, bar.r, bar.g, bar.b);
                          cairo_rectangle(cr, kLeft, y, 4, h);
                          cairo_fill(cr);
                          inner(cr, y);
                        }});
    out_.push_back(std::move(b));
  }

  // ---- 3. star chart ----

  void star_profile(const profile& p, size_t first_axis) {
    if (p.axes.empty()) return;
    section(t(p.title));
    struct spoke {
      layout_ptr label;
      double reach = 0;  // 0 (the centre) to 1 (the best level)
      rgb colour;
      bool has = false;
    };
    std::vector<spoke> spokes;
    size_t steps = 1;
    for (size_t k = 0; k < p.axes.size(); ++k) {
      const axis& ax = p.axes[k];
      const axis_result& res = r_.axes[first_axis + k];
      steps = std::max(steps, ax.levels.size());
      spoke s;
      s.has = res.level >= 0 && static_cast<size_t>(res.level) < ax.levels.size();
      const double levels = static_cast<double>(std::max<size_t>(ax.levels.size(), 1));
      if (s.has) {
        s.reach = (levels - static_cast<double>(res.level)) / levels;
        s.colour = colour_of(ax.levels[static_cast<size_t>(res.level)].color);
      }
      s.label = ts_.layout(t(ax.title) + (s.has ? "" : " –"), {8.5, false, false, s.has ? 0 : kGrey}, 0);
      spokes.push_back(std::move(s));
    }
    constexpr double radius = 34 * kMm, margin = 30;
    block chart;
    chart.before = 8;
    chart.rows.push_back({2 * radius + 2 * margin, [spokes, steps](cairo_t* cr, double y) {
      const double cx = kLeft + kWidth / 2, cy = y + margin + radius, pi = 3.14159265358979323846;
      const size_t n = spokes.size();
      auto angle = [n, pi](size_t k) { return -pi / 2 + 2 * pi * static_cast<double>(k) / static_cast<double>(n); };
      // Guide circles, one per level of the axis with the most levels, and the spokes' full length.
      cairo_set_line_width(cr, 0.5);
      set_grey(cr, 0.82);
      for (size_t s = 1; s <= steps; ++s) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, cx, cy, radius * static_cast<double>(s) / static_cast<double>(steps), 0, 2 * pi);
      }
      cairo_stroke(cr);
      set_grey(cr, 0.70);
      for (size_t k = 0; k < n; ++k) {
        cairo_move_to(cr, cx, cy);
        cairo_line_to(cr, cx + radius * std::cos(angle(k)), cy + radius * std::sin(angle(k)));
      }
      cairo_stroke(cr);
      // The star through every spoke's end (an axis without a level at the centre).
      for (size_t k = 0; k < n; ++k) {
        const double r = radius * spokes[k].reach;
        if (k == 0) cairo_move_to(cr, cx + r * std::cos(angle(k)), cy + r * std::sin(angle(k)));
        else cairo_line_to(cr, cx + r * std::cos(angle(k)), cy + r * std::sin(angle(k)));
      }
      cairo_close_path(cr);
      cairo_set_source_rgba(cr, 0.13, 0.59, 0.95, 0.14);
      cairo_fill_preserve(cr);
      cairo_set_source_rgb(cr, 0.08, 0.40, 0.75);
      cairo_set_line_width(cr, 1.2);
      cairo_stroke(cr);
      // Each axis as a bar in its level's colour, longer for a better level.
      cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width(cr, 6);
      for (size_t k = 0; k < n; ++k) {
        if (!spokes[k].has) continue;
        const double r = radius * spokes[k].reach;
        cairo_set_source_rgb(cr, spokes[k].colour.r, spokes[k].colour.g, spokes[k].colour.b);
        cairo_move_to(cr, cx, cy);
        cairo_line_to(cr, cx + r * std::cos(angle(k)), cy + r * std::sin(angle(k)));
        cairo_stroke(cr);
      }
      cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
      // The axes' names outside the circle, aligned away from it.
      for (size_t k = 0; k < n; ++k) {
        PangoLayout* l = spokes[k].label.get();
        const double c = std::cos(angle(k)), s = std::sin(angle(k));
        const double w = width_of(l), h = height_of(l);
        double x = cx + (radius + 8) * c, ly = cy + (radius + 8) * s;
        if (c < -0.2) x -= w;
        else if (c <= 0.2) x -= w / 2;
        if (s < -0.2) ly -= h;
        else if (s <= 0.2) ly -= h / 2;
        show(cr, l, x, ly, 0);
      }
    }});
    chart.keep_with_next = true;
    out_.push_back(std::move(chart));
    star_legend(p, first_axis);
  }

  // The legend: per axis its level's colour, its name and the level in words.
  void star_legend(const profile& p, size_t first_axis) {
    block b;
    b.before = 6;
    constexpr double name_x = kLeft + 18, level_x = kLeft + kWidth * 0.42;
    for (size_t k = 0; k < p.axes.size(); ++k) {
      const axis& ax = p.axes[k];
      const axis_result& res = r_.axes[first_axis + k];
      const bool has = res.level >= 0 && static_cast<size_t>(res.level) < ax.levels.size();
      const rgb colour = has ? colour_of(ax.levels[static_cast<size_t>(res.level)].color) : rgb{};
      const layout_ptr name = ts_.layout(t(ax.title), kBody, level_x - name_x - 8);
      // The axis's value itself is left out: it may be a code, and its unit is unknown here; the
      // calculations, scores and measurements above and below show it with its unit.
      const std::string level =
          has ? t(ax.levels[static_cast<size_t>(res.level)].label)
              : "Saknas: " + message_text(res.error.empty() ? "profile.missing_input" : res.error, "sv", {});
      const layout_ptr value = ts_.layout(level, has ? kQuestion : kSmall, kRight - level_x);
      const double base = baseline_of(name.get());
      const double h = std::max(height_of(name.get()), height_of(value.get())) + 4;
      b.rows.push_back({h, [name, value, base, h, has, colour](cairo_t* cr, double y) {
                          if (has) {
                            cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
                            cairo_rectangle(cr, kLeft + 2, y + base - 8.5, 9, 9);
                            cairo_fill(cr);
                          } else {
                            set_grey(cr, 0.55);
                            cairo_set_line_width(cr, 0.8);
                            cairo_rectangle(cr, kLeft + 2.4, y + base - 8.1, 8.2, 8.2);
                            cairo_stroke(cr);
                          }
                          show(cr, name.get(), name_x, y, 0);
                          show(cr, value.get(), level_x, y, has ? 0 : kGrey);
                          draw_hline(cr, kLeft, kRight, y + h - 1, 0.88, 0.4);
                        }});
    }
    out_.push_back(std::move(b));
  }

  // ---- the answers ----

  void answers() {
    section("Svar");
    int number = 0;
    for (uint32_t p = 0; p < f_.pages.size(); ++p) {
      if (!ev_.page_visible(p)) continue;
      const page& pg = f_.pages[p];
      if (!pg.title.empty()) heading(t(pg.title), {12, true}, 16);
      for (uint32_t i : pg.items) item_block(i, number);
    }
  }

  void heading(const std::string& s, const text_style& st, double before) {
    block b;
    b.before = before;
    add_lines(b.rows, ts_.layout(s, st), kLeft, 0);
    b.keep_with_next = true;
    out_.push_back(std::move(b));
  }

  void item_block(uint32_t i, int& number) {
    const item& it = f_.items[i];
    if (it.staff || !ev_.visible(i)) return;
    if (it.type == item_type::group) {
      if (!it.title.empty()) heading(t(it.title), {11, true}, 12);
      for (uint32_t c : it.children) item_block(c, number);
      return;
    }
    if (it.type == item_type::display) {  // what the questions after it refer to ("the last 2 weeks")
      const std::string s = t(it.body.empty() ? it.title : it.body);
      if (s.empty()) return;
      block b = paragraph(ts_, s, kSmall, 10);
      b.keep_with_next = true;
      out_.push_back(std::move(b));
      return;
    }
    block b;
    b.before = 9;
    numbered_title(ts_, b.rows, ++number, t(it.title));
    b.rows.push_back(space(2));
    answer_lines(i, b);
    out_.push_back(std::move(b));
  }

  void line(block& b, const std::string& s, const text_style& st = kBody) {
    add_lines(b.rows, ts_.layout(s, st, kQw), kQx, st.grey);
  }

  // The answer in words, under its question.
  void answer_lines(uint32_t i, block& b) {
    const item& it = f_.items[i];
    const answer_document& doc = ev_.answers();
    if (i >= doc.answers.size() || !doc.answers[i].answered())
      return line(b, std::string(it.staff ? kNotMeasured : kNotAnswered), kNote);
    const answer& a = doc.answers[i];
    if (!a.readable()) return line(b, "Ogiltigt svar", kNote);
    const choice_set* set = f_.choices_of(it);
    auto label = [&](uint32_t c) { return set && c < set->choices.size() ? t(set->choices[c].label) : std::string("?"); };
    switch (a.kind) {
      case value_kind::choice: return line(b, label(a.first));
      case value_kind::choices:
        for (uint32_t c : doc.choices(a)) line(b, "• " + label(c));
        return;
      case value_kind::boolean: return line(b, a.flag ? "Ja" : "Nej");
      case value_kind::integer:
      case value_kind::decimal: return line(b, number_text(a.number, std::nullopt, it.unit));
      case value_kind::matrix: {
        // One line per row: the row's title, then its columns (and a text cell's text).
        uint32_t current = UINT32_MAX;
        std::vector<span> spans;
        auto flush = [&] {
          if (!spans.empty()) add_lines(b.rows, ts_.layout(spans, kBody, kQw), kQx, 0);
          spans.clear();
        };
        for (const matrix_cell& cell : doc.cells(a)) {
          if (cell.row != current) {
            flush();
            current = cell.row;
            spans.push_back({t(it.rows[cell.row].title) + ": ", false});
          } else {
            spans.push_back({", ", false});
          }
          std::string v = label(cell.column);
          if (it.cell == cell_kind::text) v += " " + clean(doc.cell_text(cell), true);
          spans.push_back({v, true});
        }
        flush();
        return;
      }
      case value_kind::attachment:
        for (const blankett::attachment_file& file : doc.files(a)) line(b, clean(doc.file_name(file)) + " (bifogad fil)");
        return;
      case value_kind::week: {  // "2024-W18" as the letter asks for it: "2024 vecka 18"
        const std::string s = clean(doc.text(a));
        const size_t w = s.find("-W");
        return line(b, w == std::string::npos ? s : s.substr(0, w) + " vecka " + s.substr(w + 2));
      }
      case value_kind::datetime: {
        std::string s = clean(doc.text(a));
        std::replace(s.begin(), s.end(), 'T', ' ');
        return line(b, s);
      }
      default: return line(b, clean(doc.text(a), true));  // text, and the calendar types as written
    }
  }

  // ---- the staff's measurements ----

  void measurements() {
    section("Mätvärden");
    const answer_document& doc = ev_.answers();
    for (uint32_t i : f_.measurements) {
      const item& it = f_.items[i];
      std::vector<span> value;
      if (i >= doc.answers.size() || !doc.answers[i].answered()) value.push_back({std::string(kNotMeasured), false});
      else if (!doc.answers[i].readable()) value.push_back({"Ogiltigt värde", false});
      else if (doc.answers[i].kind == value_kind::integer || doc.answers[i].kind == value_kind::decimal)
        value.push_back({number_text(doc.answers[i].number, std::nullopt, it.unit), true});
      else value.push_back({clean(doc.text(doc.answers[i])), true});
      result_block(t(it.title), value, {});
    }
  }
};

// ---- 4. answer_pdf ---------------------------------------------------------------------------------

// Each answer's running header: every page after its first names the unit, the form and the
// recipient, so that a page that comes loose from the others still says whose answers it holds.
struct running_header {
  layout_ptr left, right;
};
running_header header_of(const answer_export& a, const typesetter& ts, const std::string& title) {
  std::string who = a.recipient ? clean(a.recipient->name) : std::string(kNoRecipient);
  if (a.recipient && !a.recipient->pnr.empty()) who += ", " + pnr_text(a.recipient->pnr);
  running_header h{ts.layout(clean(a.unit_name) + " · " + title, {8.5, false, false, kGrey}, kWidth * 0.58 - 8),
                   ts.layout(who, {8.5, false, false, kGrey}, kWidth * 0.42 - 8, PANGO_ALIGN_RIGHT)};
  pango_layout_set_ellipsize(h.left.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_ellipsize(h.right.get(), PANGO_ELLIPSIZE_END);
  return h;
}

std::string title_of(const answer_export& a) {
  const form& f = a.answers->form_def();
  const std::string_view lang =
      f.has_language(a.language) ? std::string_view(a.language) : std::string_view(f.default_language());
  return clean(a.template_name.empty() ? f.title.in(lang, f.default_language()) : a.template_name);
}

// The answers one after another, each from a new page and numbered on its own when there are several.
std::string render(const std::vector<const answer_export*>& all) {
  const std::string doc_title = all.size() == 1 ? title_of(*all.front()) : std::string("Formulärsvar");
  document doc(doc_title);
  if (!doc.ok()) return {};
  const typesetter& ts = doc.ts();

  std::vector<std::vector<block>> blocks;  // they must outlive the pages
  std::vector<running_header> headers;
  std::vector<size_t> first_page;          // each answer's first page
  std::vector<page_plan> pages;
  blocks.reserve(all.size());
  paginator pg(pages);
  for (const answer_export* a : all) {
    const std::string title = title_of(*a);
    blocks.push_back(export_layout(*a, ts, title).blocks());
    headers.push_back(header_of(*a, ts, title));
    first_page.push_back(pages.size());
    pg.part(blocks.back(), true);
  }
  std::vector<size_t> answer_of(pages.size(), 0);
  for (size_t i = 0; i < all.size(); ++i) {
    const size_t end = i + 1 < all.size() ? first_page[i + 1] : pages.size();
    for (size_t p = first_page[i]; p < end; ++p) {
      answer_of[p] = i;
      if (all.size() > 1) pages[p].number = p - first_page[i] + 1, pages[p].of = end - first_page[i];
    }
  }
  return doc.finish(pages, [&](cairo_t* c, const page_plan& page) {
    const size_t p = static_cast<size_t>(&page - pages.data());
    const size_t i = answer_of[p];
    if (p == first_page[i]) return;
    show(c, headers[i].left.get(), kLeft, 10 * kMm, kGrey);
    show(c, headers[i].right.get(), kLeft + kWidth * 0.58 + 8, 10 * kMm, kGrey);
    draw_hline(c, kLeft, kRight, 14.5 * kMm, 0.7, 0.5);
  });
}

}  // namespace

std::string answer_pdf(const answer_export& a) { return answers_pdf({a}); }

std::string answers_pdf(const std::vector<answer_export>& all) {
  if (all.empty()) return {};
  std::vector<const answer_export*> list;
  for (const answer_export& a : all) {
    if (!a.answers || a.answers->form_def().languages.empty()) return {};
    list.push_back(&a);
  }
  try {
    return render(list);
  } catch (...) {  // out of memory while laying out: the caller answers 500
    return {};
  }
}

}  // namespace blankett::server
