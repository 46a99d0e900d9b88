// The paper letter as PDF: the cover letter and the form's questions, in the shared flow layout
// (pdf/layout.h: blocks of rows, paginated) drawn with cairo and pango.
//
// Sections:
//   1. cover         page 1, the cover letter (Swedish, with a few lines in English)
//   2. form          the questions laid out for answering by hand, by item type
//   3. letter_pdf    both parts, the running header and "Sida i av N"
//
// Rows are the unbreakable unit (a line of text, an alternative, a ruled line, a table row); a block is
// one question, heading or paragraph, moved whole to the next page when it fits there.
#include "pdf/letter.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "blankett/json_writer.h"
#include "blankett/schema.h"
#include "pdf/layout.h"

namespace blankett::server {
namespace {

using namespace pdf;  // NOLINT: the layout's vocabulary (rows, blocks, styles) is this file's own

// ---- 1. cover --------------------------------------------------------------------------------------

// A numbered step of the instructions: the number hangs left of the text.
block step(const typesetter& ts, std::string_view number, const std::vector<span>& spans) {
  block b = paragraph(ts, spans, kBody, 5, kLeft + 18, kWidth - 18);
  const layout_ptr n = ts.layout(number, kBody, 0);
  auto inner = std::move(b.rows.front().draw);
  b.rows.front().draw = [inner = std::move(inner), n](cairo_t* cr, double y) {
    inner(cr, y);
    show(cr, n.get(), kLeft, y, 0);
  };
  return b;
}

std::vector<block> cover(const letter& l, const typesetter& ts, std::string_view form_title) {
  const std::string unit = clean(l.unit_name), name = clean(l.recipient_name), date = clean(l.date);
  const std::string url = clean(l.public_url), link = clean(l.link), code = clean(l.code);
  const std::string answer_by = clean(l.answer_by), title = clean(form_title);
  std::vector<block> out;

  {  // The sender at the left, the date at the right.
    block b;
    const layout_ptr from = ts.layout(unit, {13, true}, kWidth * 0.65);
    const layout_ptr when = ts.layout(date, kBody, kWidth * 0.35, PANGO_ALIGN_RIGHT);
    const double shift = baseline_of(from.get()) - baseline_of(when.get());  // one baseline for both
    b.rows.push_back({std::max(height_of(from.get()), height_of(when.get()) + shift),
                      [from, when, shift](cairo_t* cr, double y) {
                        show(cr, from.get(), kLeft, y, 0);
                        show(cr, when.get(), kLeft + kWidth * 0.65, y + shift, 0);
                      }});
    out.push_back(std::move(b));
  }
  if (!name.empty()) out.push_back(paragraph(ts, name, {12}, 36));
  out.push_back(paragraph(ts, "Du har fått ett formulär att besvara", {18, true}, name.empty() ? 48 : 32));
  out.push_back(paragraph(ts, title, {13, true}, 6));
  out.push_back(paragraph(ts, unit + " vill att du svarar på formuläret. Du kan svara digitalt eller på papper. "
                                     "Du behöver bara svara på ett av sätten.", kBody, 10));
  if (!answer_by.empty()) out.push_back(paragraph(ts, "Besvaras senast " + answer_by, {11, true}, 10));

  block digital = paragraph(ts, "Svara digitalt", {12.5, true}, 20);
  digital.keep_with_next = true;
  out.push_back(std::move(digital));
  out.push_back(step(ts, "1.", {{"Gå till "}, {url, true}, {" i webbläsaren på din dator, surfplatta eller mobil."}}));
  out.push_back(step(ts, "2.", {{"Logga in med e-legitimation (BankID)."}}));
  out.push_back(step(ts, "3.", {{"Välj "}, {"”Ange kod”", true}, {" och skriv in koden:"}}));
  {  // The code, large and framed: it is what the citizen types.
    block b;
    b.before = 8;
    const layout_ptr c = ts.layout(code, {22, true, false, 0, kMono, 1}, 0);
    const double w = width_of(c.get()) + 36, h = height_of(c.get()) + 20;
    b.rows.push_back({h, [c, w, h](cairo_t* cr, double y) {
                        set_grey(cr, 0);
                        cairo_set_line_width(cr, 1.5);
                        cairo_rectangle(cr, kLeft + 18, y, w, h);
                        cairo_stroke(cr);
                        show(cr, c.get(), kLeft + 36, y + 10, 0);
                      }});
    out.push_back(std::move(b));
  }
  out.push_back(paragraph(ts, "Du kan också skriva in din personliga länk i webbläsarens adressfält. Då öppnas "
                              "formuläret direkt när du har loggat in:", kBody, 12));
  {  // The link on one line when it can be: as small as needed down to 7 points, then wrapped.
    block b;
    b.before = 4;
    double size = 10;
    layout_ptr k = ts.layout(link, {size, false, false, 0, kMono, 1}, 0);
    while (width_of(k.get()) > kWidth - 18 && size > 7) {
      size -= 0.5;
      k = ts.layout(link, {size, false, false, 0, kMono, 1}, 0);
    }
    if (width_of(k.get()) > kWidth - 18) k = ts.layout(link, {size, false, false, 0, kMono, 1}, kWidth - 18);
    add_lines(b.rows, k, kLeft + 18, 0);
    out.push_back(std::move(b));
  }
  out.push_back(paragraph(ts, "Koden och länken är personliga. Visa dem inte för någon annan.", kSmall, 8));

  block paper = paragraph(ts, "Svara på papper", {12.5, true}, 20);
  paper.keep_with_next = true;
  out.push_back(std::move(paper));
  out.push_back(paragraph(ts, "Om du inte kan svara digitalt kan du svara på frågorna på de följande sidorna. "
                              "Skicka eller lämna sedan sidorna till " + unit + ".", kBody, 6));
  out.push_back(paragraph(ts, "Med vänlig hälsning\n" + unit, kBody, 18));

  {  // For a reader who does not read Swedish: a few lines in English under a rule.
    std::string en = "This letter contains a form from " + unit + ". To answer online, go to " + url +
                     ", log in with BankID, choose \"Ange kod\" (Enter code) and type the code above, or open "
                     "the personal link. You can also answer on paper on the following pages and send them "
                     "back to " + unit + ".";
    if (!answer_by.empty()) en += " Please answer by " + answer_by + ".";
    block b = paragraph(ts, en, {9.5, false, true, kGrey}, 10);
    b.rows.insert(b.rows.begin(), row{10, [](cairo_t* cr, double y) { draw_hline(cr, kLeft, kRight, y + 3, 0.6, 0.5); }});
    b.before = 22;
    out.push_back(std::move(b));
  }
  return out;
}

// ---- 2. form ---------------------------------------------------------------------------------------

// The form part's own words, in the form's language (the cover letter is Swedish).
struct words {
  std::string_view only_if, several, several_per_row, attach, yes, no, message_from, name;
  std::string_view date, time, month, week, datetime, pnr, week_pattern, number_from, number_to;
  char decimal_mark;
};
constexpr words kSv{"(Besvaras bara om det gäller dig)", "Flera svar möjliga", "Flera svar möjliga på varje rad",
                    "Bifoga som papperskopia.", "Ja", "Nej", "Meddelande från ", "Namn",
                    "ÅÅÅÅ-MM-DD", "TT:MM", "ÅÅÅÅ-MM", "år och vecka", "ÅÅÅÅ-MM-DD TT:MM", "ÅÅÅÅMMDD-NNNN",
                    "#### vecka ##", "Skriv ett tal från ", " till ", ','};
constexpr words kEn{"(Answer only if it applies to you)", "Several answers possible",
                    "Several answers possible on each row", "Attach as a paper copy.", "Yes", "No", "Message from ",
                    "Name", "YYYY-MM-DD", "HH:MM", "YYYY-MM", "year and week", "YYYY-MM-DD HH:MM", "YYYYMMDD-NNNN",
                    "#### week ##", "Write a number from ", " to ", '.'};

// Pages that routing may skip: every page after a page with a rule, up to the rule's target (all the
// rest for a rule that ends the form). Like a page shown by a condition, they are answered only by some.
std::vector<bool> pages_maybe_skipped(const form& f) {
  std::vector<bool> skipped(f.pages.size(), false);
  for (size_t p = 0; p < f.pages.size(); ++p) {
    if (f.pages[p].visible_if >= 0) skipped[p] = true;
    for (const auto& r : f.pages[p].next) {
      const size_t end = r.target == kEndOfForm ? f.pages.size() : static_cast<size_t>(r.target);
      for (size_t q = p + 1; q < end && q < f.pages.size(); ++q) skipped[q] = true;
    }
  }
  return skipped;
}

// Numbers on paper as the language writes them (a decimal comma in Swedish).
std::string number_text(double v, const words& w) {
  std::string s = format_number(v);
  std::replace(s.begin(), s.end(), '.', w.decimal_mark);
  return s;
}

class form_part {
 public:
  form_part(const letter& l, const typesetter& ts)
      : l_(l), f_(*l.form), ts_(ts),
        lang_(f_.has_language(l.language) ? std::string_view(l.language) : std::string_view(f_.default_language())),
        w_(lang_ == "en" ? kEn : kSv) {}

  std::vector<block> blocks() {
    title();
    const std::vector<bool> skipped = pages_maybe_skipped(f_);
    for (size_t p = 0; p < f_.pages.size(); ++p) {
      const page& pg = f_.pages[p];
      if (!pg.title.empty()) heading(t(pg.title), {14, true}, 22, skipped[p], true);
      else if (skipped[p]) heading("", {14, true}, 22, true, true);
      if (!pg.description.empty()) text_block(t(pg.description), kSmall, 2, kLeft, kWidth, true);
      for (uint32_t i : pg.items) add_item(i);
    }
    return std::move(out_);
  }

 private:
  const letter& l_;
  const form& f_;
  const typesetter& ts_;
  std::string_view lang_;
  const words& w_;
  std::vector<block> out_;
  int number_ = 0;

  std::string t(const text& x) const { return clean(x.in(lang_, f_.default_language()), true); }

  void text_block(const std::string& s, const text_style& st, double before, double x, double width,
                  bool keep_with_next = false) {
    if (s.empty()) return;
    block b = paragraph(ts_, {{s}}, st, before, x, width);
    b.keep_with_next = keep_with_next;
    out_.push_back(std::move(b));
  }

  void heading(const std::string& s, const text_style& st, double before, bool conditional, bool rule) {
    block b;
    b.before = before;
    if (!s.empty()) add_lines(b.rows, ts_.layout(s, st), kLeft, 0);
    if (rule) b.rows.push_back({5, [](cairo_t* cr, double y) { draw_hline(cr, kLeft, kRight, y + 2, 0.55, 0.6); }});
    if (conditional) add_lines(b.rows, ts_.layout(w_.only_if, kNote), kLeft, kGrey);
    b.keep_with_next = true;
    out_.push_back(std::move(b));
  }

  // The form's title, the name line, the banner and the form's description.
  void title() {
    text_block(t(f_.title), {18, true}, 0, kLeft, kWidth);
    {
      block b;
      b.before = 10;
      const std::string name = clean(l_.recipient_name);
      const layout_ptr label = ts_.layout(std::string(w_.name) + ":", kQuestion, 0);
      const double lw = width_of(label.get()) + 6;
      const layout_ptr value = ts_.layout(name, kBody, kWidth - lw);
      const double h = std::max(height_of(value.get()), 14.0) + 6;
      b.rows.push_back({h, [label, value, lw, h, empty = name.empty()](cairo_t* cr, double y) {
                          show(cr, label.get(), kLeft, y, 0);
                          if (empty) draw_hline(cr, kLeft + lw, kLeft + kWidth * 0.6, y + h - 4, 0, 0.6);
                          else show(cr, value.get(), kLeft + lw, y, 0);
                        }});
      out_.push_back(std::move(b));
    }
    if (l_.banner) {
      const std::string message = clean(*l_.banner, true);
      if (message.find_first_not_of(" \n") != std::string::npos) banner(message);
    }
    text_block(t(f_.description), kBody, 10, kLeft, kWidth);
  }

  // The formulärmeddelande in a framed, tinted box; each row draws its slice of the box so that a very
  // long message may continue on the next page.
  void banner(const std::string& message) {
    constexpr double pad = 9;
    block b;
    b.before = 14;
    std::vector<row> inner;
    add_lines(inner, ts_.layout(std::string(w_.message_from) + clean(l_.unit_name), kQuestion, kWidth - 2 * pad),
              kLeft + pad, 0);
    inner.push_back(space(3));
    add_lines(inner, ts_.layout(message, kBody, kWidth - 2 * pad), kLeft + pad, 0);
    auto slice = [](double h, bool top, bool bottom, std::function<void(cairo_t*, double)> draw) {
      return row{h, [h, top, bottom, draw = std::move(draw)](cairo_t* cr, double y) {
                   cairo_set_source_rgb(cr, 1.0, 0.965, 0.80);
                   cairo_rectangle(cr, kLeft, y, kWidth, h);
                   cairo_fill(cr);
                   set_grey(cr, 0.25);
                   cairo_set_line_width(cr, 1);
                   cairo_move_to(cr, kLeft, y);
                   cairo_line_to(cr, kLeft, y + h);
                   cairo_move_to(cr, kRight, y);
                   cairo_line_to(cr, kRight, y + h);
                   if (top) {
                     cairo_move_to(cr, kLeft - 0.5, y);
                     cairo_line_to(cr, kRight + 0.5, y);
                   }
                   if (bottom) {
                     cairo_move_to(cr, kLeft - 0.5, y + h);
                     cairo_line_to(cr, kRight + 0.5, y + h);
                   }
                   cairo_stroke(cr);
                   if (draw) draw(cr, y);
                 }};
    };
    b.rows.push_back(slice(pad, true, false, nullptr));
    for (auto& r : inner) b.rows.push_back(slice(r.height, false, false, std::move(r.draw)));
    b.rows.push_back(slice(pad, false, true, nullptr));
    out_.push_back(std::move(b));
  }

  void add_item(uint32_t index) {
    const item& it = f_.items[index];
    if (it.staff) return;  // measurements: staff fill them in at the visit
    if (it.type == item_type::group) {
      if (!it.title.empty() || it.visible_if >= 0) heading(t(it.title), {12, true}, 16, it.visible_if >= 0, false);
      if (!it.description.empty()) text_block(t(it.description), kSmall, 2, kLeft, kWidth, true);
      for (uint32_t c : it.children) add_item(c);
      return;
    }
    if (it.type == item_type::display) {
      block b;
      b.before = 10;
      if (!it.title.empty()) add_lines(b.rows, ts_.layout(t(it.title), kQuestion), kLeft, 0);
      if (it.visible_if >= 0) add_lines(b.rows, ts_.layout(w_.only_if, kNote), kLeft, kGrey);
      if (!it.body.empty()) add_lines(b.rows, ts_.layout(t(it.body), kBody), kLeft, 0);
      if (!it.description.empty()) add_lines(b.rows, ts_.layout(t(it.description), kSmall), kLeft, kGrey);
      if (!b.rows.empty()) out_.push_back(std::move(b));
      return;
    }
    question(it);
  }

  // ---- questions: the text with its number, then the place to answer by type ----

  static constexpr double kQx = kLeft + kIndent, kQw = kWidth - kIndent;

  void question(const item& it) {
    block b;
    b.before = 14;
    numbered_title(ts_, b.rows, ++number_, t(it.title));
    if (it.visible_if >= 0) add_lines(b.rows, ts_.layout(w_.only_if, kNote, kQw), kQx, kGrey);
    if (!it.description.empty()) add_lines(b.rows, ts_.layout(t(it.description), kSmall, kQw), kQx, kGrey);
    const bool several = it.type == item_type::multiple_choice ||
                         (it.type == item_type::matrix && it.cell == cell_kind::checkbox);
    if (several)
      add_lines(b.rows, ts_.layout(it.type == item_type::matrix ? w_.several_per_row : w_.several, kNote, kQw), kQx,
                kGrey);
    b.rows.push_back(space(4));
    answer(it, b);
    out_.push_back(std::move(b));
  }

  void answer(const item& it, block& b) {
    switch (it.type) {
      case item_type::single_choice:
      case item_type::multiple_choice: alternatives(it, b); break;
      case item_type::yes_no: in_a_row({std::string(w_.yes), std::string(w_.no)}, b); break;
      case item_type::scale: scale(it, b); break;
      case item_type::matrix: matrix(it, b); break;
      case item_type::textarea: ruled(b, 4); break;
      case item_type::text:
      case item_type::url:
      case item_type::email:
      case item_type::phone: ruled(b, 1); break;
      case item_type::integer:
      case item_type::decimal: number_box(it.unit, b); break;
      case item_type::date: comb("####-##-##", w_.date, b); break;
      case item_type::time: comb("##:##", w_.time, b); break;
      case item_type::month: comb("####-##", w_.month, b); break;
      case item_type::week: comb(w_.week_pattern, w_.week, b); break;
      case item_type::datetime: comb("####-##-##  ##:##", w_.datetime, b); break;
      case item_type::personnummer: comb("########-####", w_.pnr, b); break;
      case item_type::attachment: add_lines(b.rows, ts_.layout(w_.attach, kNote, kQw), kQx, 0); break;
      case item_type::display:
      case item_type::group:
      case item_type::count_: break;
    }
  }

  static constexpr double kBox = 9;  // a box to tick

  // One alternative under the other, each with a box level with its label's first line.
  void alternatives(const item& it, block& b, double indent = 0) {
    const choice_set* set = f_.choices_of(it);
    if (!set) return;
    const double x = kQx + indent;
    for (const choice& c : set->choices) {
      const layout_ptr label = ts_.layout(t(c.label), kBody, kQw - indent - 16);
      const double base = baseline_of(label.get());
      b.rows.push_back({height_of(label.get()) + 4, [label, base, x](cairo_t* cr, double y) {
                          draw_box(cr, x, y + base - kBox + 0.5, kBox, kBox);
                          show(cr, label.get(), x + 16, y, 0);
                        }});
    }
  }

  // Short alternatives side by side (yes and no).
  void in_a_row(const std::vector<std::string>& labels, block& b) {
    std::vector<layout_ptr> ls;
    for (const auto& s : labels) ls.push_back(ts_.layout(s, kBody, 0));
    const double base = baseline_of(ls.front().get());
    b.rows.push_back({height_of(ls.front().get()) + 4, [ls, base](cairo_t* cr, double y) {
                        double x = kQx;
                        for (const auto& l : ls) {
                          draw_box(cr, x, y + base - kBox + 0.5, kBox, kBox);
                          show(cr, l.get(), x + 16, y, 0);
                          x += 16 + width_of(l.get()) + 28;
                        }
                      }});
  }

  // A scale: one box per step with its number above and the end labels below; a scale of too many
  // steps for a row becomes a number to write.
  void scale(const item& it, block& b) {
    if (!it.min.number || !it.max.number) return;
    const double lo = *it.min.number, hi = *it.max.number, by = it.step.value_or(1);
    const double count = by > 0 ? std::floor((hi - lo) / by + 1e-9) + 1 : 0;
    constexpr double cell = 30;
    if (count < 1 || count * cell > kQw) {
      const std::string hint =
          std::string(w_.number_from) + number_text(lo, w_) + std::string(w_.number_to) + number_text(hi, w_) + ".";
      add_lines(b.rows, ts_.layout(hint, kNote, kQw), kQx, kGrey);
      b.rows.push_back(space(3));
      number_box(it.unit, b);
      return;
    }
    const auto n = static_cast<size_t>(count);
    std::vector<layout_ptr> nums;
    for (size_t k = 0; k < n; ++k)
      nums.push_back(ts_.layout(number_text(lo + by * static_cast<double>(k), w_), kSmall, cell, PANGO_ALIGN_CENTER));
    const double nh = height_of(nums.front().get());
    b.rows.push_back({nh + kBox + 14 + 4, [nums, nh](cairo_t* cr, double y) {
                        for (size_t k = 0; k < nums.size(); ++k) {
                          const double x = kQx + cell * static_cast<double>(k);
                          show(cr, nums[k].get(), x, y, 0);
                          draw_box(cr, x + (cell - kBox - 4) / 2, y + nh + 2, kBox + 4, kBox + 4);
                        }
                      }});
    // The ends' meanings in one line under the boxes ("0 = Ingen smärta, 10 = Värsta tänkbara"): beside
    // the boxes, long labels would leave too little room for either.
    std::string ends;
    if (!it.min_label.empty()) ends = number_text(lo, w_) + " = " + t(it.min_label);
    if (!it.max_label.empty()) {
      if (!ends.empty()) ends += ", ";
      ends += number_text(lo + by * (count - 1), w_) + " = " + t(it.max_label);
    }
    if (!ends.empty()) add_lines(b.rows, ts_.layout(ends, kSmall, kQw), kQx, kGrey);
  }

  void ruled(block& b, int lines) {
    for (int k = 0; k < lines; ++k)
      b.rows.push_back({24, [](cairo_t* cr, double y) { draw_hline(cr, kQx, kRight, y + 21, 0.2, 0.6); }});
  }

  // A box to write a number in, with the unit after it.
  void number_box(const std::string& unit, block& b) {
    const layout_ptr u = ts_.layout(clean(unit), kBody, 0);
    b.rows.push_back({26, [u](cairo_t* cr, double y) {
                        draw_box(cr, kQx, y + 2, 96, 22);
                        show(cr, u.get(), kQx + 104, y + 18 - baseline_of(u.get()), 0);  // on the box's writing line
                      }});
  }

  // One box per character: '#' is a box, anything else is printed between the boxes; then the format.
  void comb(std::string_view pattern, std::string_view format, block& b) {
    struct piece {
      bool box;
      layout_ptr literal;
    };
    std::vector<piece> pieces;
    for (size_t k = 0; k < pattern.size();) {
      if (pattern[k] == '#') {
        pieces.push_back({true, nullptr});
        ++k;
        continue;
      }
      const size_t e = std::min(pattern.find('#', k), pattern.size());
      pieces.push_back({false, ts_.layout(pattern.substr(k, e - k), kBody, 0)});
      k = e;
    }
    const layout_ptr hint = ts_.layout("(" + std::string(format) + ")", kNote, 0);
    constexpr double bw = 15, bh = 19;
    b.rows.push_back({bh + 7, [pieces, hint](cairo_t* cr, double y) {
                        double x = kQx;
                        const double base = y + 2 + bh - 5;  // literals sit on the boxes' writing line
                        for (const auto& p : pieces) {
                          if (p.box) {
                            draw_box(cr, x, y + 2, bw, bh);
                            x += bw;
                          } else {
                            const double w = width_of(p.literal.get());
                            show(cr, p.literal.get(), x + 3, base - baseline_of(p.literal.get()), 0);
                            x += w + 6;
                          }
                        }
                        show(cr, hint.get(), x + 10, base - baseline_of(hint.get()), kGrey);
                      }});
  }

  // A table: the rows' titles at the left, a column per alternative with its box (or a line to write
  // on for text cells). Its column labels repeat when the table continues on the next page. Columns
  // too many for the page's width make each row a question of its own.
  void matrix(const item& it, block& b) {
    const choice_set* set = f_.choices_of(it);
    if (!set || set->choices.empty()) return;
    const double n = static_cast<double>(set->choices.size());
    const double col = std::min(90.0, kQw * 0.62 / n);
    if (col < 34) {
      for (const matrix_row& r : it.rows) {
        add_lines(b.rows, ts_.layout(t(r.title), kBody, kQw), kQx, 0);
        alternatives(it, b, 16);
        b.rows.push_back(space(4));
      }
      return;
    }
    const double label_w = kQw - col * n;
    std::vector<layout_ptr> heads;
    double hh = 0;
    for (const choice& c : set->choices) {
      heads.push_back(ts_.layout(t(c.label), {8.5, false, false, 0, kSans, 1.05}, col - 4, PANGO_ALIGN_CENTER));
      hh = std::max(hh, height_of(heads.back().get()));
    }
    // A block's header comes before its rows, so the question's text moves to a block of its own
    // ahead of the table (kept with it), and the table's block holds the column labels and the rows.
    std::vector<row> text_rows = std::move(b.rows);
    b.rows.clear();
    b.header.push_back({hh + 4, [heads, label_w, col, hh](cairo_t* cr, double y) {
                          for (size_t k = 0; k < heads.size(); ++k)
                            show(cr, heads[k].get(), kQx + label_w + col * static_cast<double>(k) + 2,
                                 y + hh - height_of(heads[k].get()), 0);
                          draw_hline(cr, kQx, kRight, y + hh + 3, 0.55, 0.5);
                        }});
    for (const matrix_row& r : it.rows) {
      const layout_ptr title = ts_.layout(t(r.title), kBody, label_w - 8);
      const double base = baseline_of(title.get());
      const double h = std::max(height_of(title.get()), 14.0) + 9;
      b.rows.push_back({h, [title, base, h, label_w, col, n, cell = it.cell](cairo_t* cr, double y) {
                          show(cr, title.get(), kQx, y + 4, 0);
                          for (double k = 0; k < n; ++k) {
                            const double x = kQx + label_w + col * k;
                            if (cell == cell_kind::text) draw_hline(cr, x + 4, x + col - 4, y + h - 5, 0.2, 0.6);
                            else draw_box(cr, x + (col - kBox) / 2, y + 4 + base - kBox + 0.5, kBox, kBox);
                          }
                          draw_hline(cr, kQx, kRight, y + h, 0.8, 0.4);
                        }});
    }
    // The question's own text goes first, once: as rows of a block of its own kept with the table.
    block lead;
    lead.before = b.before;
    lead.rows = std::move(text_rows);
    lead.keep_with_next = true;
    b.before = 0;
    out_.push_back(std::move(lead));
  }
};

// ---- 3. letter_pdf ---------------------------------------------------------------------------------

std::string render(const letter& l) {
  const std::string title = clean(l.form->title.in(l.language, l.form->default_language()));
  document doc(title);
  if (!doc.ok()) return {};
  const typesetter& ts = doc.ts();

  const std::vector<block> first = cover(l, ts, title);
  const std::vector<block> rest = form_part(l, ts).blocks();
  std::vector<page_plan> pages;
  paginator pager(pages);
  pager.part(first, false);
  pager.part(rest, true);

  const std::string unit = clean(l.unit_name), name = clean(l.recipient_name);
  const layout_ptr head_left = ts.layout(unit, {8.5, false, false, kGrey}, kWidth / 2 - 8);
  const layout_ptr head_right = ts.layout(name, {8.5, false, false, kGrey}, kWidth / 2 - 8, PANGO_ALIGN_RIGHT);
  pango_layout_set_ellipsize(head_left.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_ellipsize(head_right.get(), PANGO_ELLIPSIZE_END);
  return doc.finish(pages, [&](cairo_t* c, const page_plan& page) {
    if (!page.running_header) return;  // who sent it and who answers, on every page that may be sent back
    show(c, head_left.get(), kLeft, 10 * kMm, kGrey);
    show(c, head_right.get(), kLeft + kWidth / 2 + 8, 10 * kMm, kGrey);
    draw_hline(c, kLeft, kRight, 14.5 * kMm, 0.7, 0.5);
  });
}

}  // namespace

std::string letter_pdf(const letter& l) {
  if (!l.form || l.form->languages.empty()) return {};
  try {
    return render(l);
  } catch (...) {  // out of memory while laying out: the caller answers 500
    return {};
  }
}

}  // namespace blankett::server
