// The PDF documents' flow layout: text, rows and blocks, pagination, and the document that draws them.
#include "pdf/layout.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <utility>

// Fontconfig 2.14 loses a few hundred bytes once per process while it parses its configuration files
// (under FcInitLoadConfigAndFonts, in pango's start-up thread): not ours to free, and LeakSanitizer would
// fail every sanitized program that writes a PDF. The stack LeakSanitizer records ends in
// fontconfig's first frame (it is built without frame pointers), so the library is named, not the
// function; the program never calls fontconfig itself. The hook is LeakSanitizer's own (a program
// defines it at most once); only the sanitized builds have it.
#if defined(__SANITIZE_ADDRESS__)
#define BLANKETT_LSAN_HOOK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BLANKETT_LSAN_HOOK 1
#endif
#endif
#ifdef BLANKETT_LSAN_HOOK
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif

namespace blankett::server::pdf {
namespace {

// cairo's output stream: the PDF's bytes into a string. C calls this, so nothing may be thrown out.
cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

// The font map of this thread: made at its first document and freed when the thread ends. Finding the
// fonts for a description (fontconfig's matching) is most of the cost of a small document when each
// has a font map of its own; a font map is not shared between threads, and pango's default one, which
// is also per thread, stays after the thread (LeakSanitizer reports it at exit).
PangoFontMap* thread_font_map() {
  struct holder {
    PangoFontMap* fonts = nullptr;
    ~holder() {
      if (fonts) g_object_unref(fonts);
    }
  };
  thread_local holder h;
  if (!h.fonts) h.fonts = pango_cairo_font_map_new();
  return h.fonts;
}

}  // namespace

// ---- 1. resources ----------------------------------------------------------------------------------

std::string clean(std::string_view s, bool lines) {
  if (s.empty()) return {};
  gchar* valid = g_utf8_make_valid(s.data(), static_cast<gssize>(s.size()));
  const std::string_view v(valid);
  constexpr std::string_view replacement = "\xEF\xBF\xBD";  // what g_utf8_make_valid puts for a broken byte
  std::string out;
  out.reserve(v.size());
  for (size_t k = 0; k < v.size(); ++k) {
    const auto c = static_cast<unsigned char>(v[k]);
    if (v.substr(k, 3) == replacement) k += 2;
    else if (c == '\n') out += lines ? '\n' : ' ';
    else if (c == '\t') out += ' ';
    else if (c >= 0x20 && c != 0x7f) out += v[k];
  }
  g_free(valid);
  return out;
}

// ---- 2. typesetting --------------------------------------------------------------------------------

layout_ptr typesetter::layout(std::string_view s, const text_style& st, double width, PangoAlignment align) const {
  return layout(std::vector<span>{{std::string(s), false}}, st, width, align);
}

layout_ptr typesetter::layout(const std::vector<span>& spans, const text_style& st, double width,
                              PangoAlignment align) const {
  layout_ptr l(pango_layout_new(ctx_), g_object_unref);
  PangoFontDescription* d = pango_font_description_new();
  pango_font_description_set_family(d, st.family);
  pango_font_description_set_weight(d, st.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(d, st.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(d, st.size * PANGO_SCALE);
  pango_layout_set_font_description(l.get(), d);
  pango_font_description_free(d);
  if (width > 0) {
    pango_layout_set_width(l.get(), pango_units_from_double(width));
    // Long words (a web address) break anywhere rather than run off the page.
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(l.get(), align);
  pango_layout_set_line_spacing(l.get(), static_cast<float>(st.spacing));
  std::string all;
  PangoAttrList* attrs = pango_attr_list_new();
  for (const auto& s : spans) {
    const auto start = static_cast<guint>(all.size());
    all += s.text;
    if (s.bold) {
      PangoAttribute* a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
      a->start_index = start;
      a->end_index = static_cast<guint>(all.size());
      pango_attr_list_insert(attrs, a);
    }
  }
  // No hyphen where a word is broken: a broken web address must still read as the address.
  pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
  pango_layout_set_attributes(l.get(), attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_text(l.get(), all.data(), static_cast<int>(all.size()));
  return l;
}

double width_of(PangoLayout* l) {
  PangoRectangle r;
  pango_layout_get_extents(l, nullptr, &r);
  return units(r.x + r.width);
}
double height_of(PangoLayout* l) {
  PangoRectangle r;
  pango_layout_get_extents(l, nullptr, &r);
  return units(r.height);
}
double baseline_of(PangoLayout* l) { return units(pango_layout_get_baseline(l)); }

void show(cairo_t* cr, PangoLayout* l, double x, double y, double grey) {
  set_grey(cr, grey);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l);
}

void draw_box(cairo_t* cr, double x, double y, double w, double h) {
  set_grey(cr, 0);
  cairo_set_line_width(cr, 0.8);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
}

void draw_hline(cairo_t* cr, double x0, double x1, double y, double grey, double width) {
  set_grey(cr, grey);
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, x0, y);
  cairo_line_to(cr, x1, y);
  cairo_stroke(cr);
}

// ---- 3. rows, blocks -------------------------------------------------------------------------------

double block::height() const {
  double h = 0;
  for (const auto& r : header) h += r.height;
  for (const auto& r : rows) h += r.height;
  return h;
}

double block::start_height() const {
  double h = 0;
  for (const auto& r : header) h += r.height;
  for (size_t i = 0; i < rows.size() && i < 3; ++i) h += rows[i].height;
  return h;
}

row space(double h) {
  return {h, [](cairo_t*, double) {}};
}

double add_lines(std::vector<row>& rows, const layout_ptr& l, double x, double grey) {
  PangoLayoutIter* it = pango_layout_get_iter(l.get());
  double first_baseline = 0;
  int index = 0;
  do {
    int y0 = 0, y1 = 0;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    const double baseline = units(pango_layout_iter_get_baseline(it) - y0);
    if (index == 0) first_baseline = baseline;
    rows.push_back({units(y1 - y0), [l, index, x, baseline, grey](cairo_t* cr, double y) {
                      set_grey(cr, grey);
                      cairo_move_to(cr, x, y + baseline);
                      pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(l.get(), index));
                    }});
    ++index;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return first_baseline;
}

block paragraph(const typesetter& ts, const std::vector<span>& spans, const text_style& st, double before, double x,
                double width) {
  block b;
  b.before = before;
  add_lines(b.rows, ts.layout(spans, st, width), x, st.grey);
  return b;
}

block paragraph(const typesetter& ts, std::string_view s, const text_style& st, double before) {
  return paragraph(ts, std::vector<span>{{std::string(s), false}}, st, before);
}

void numbered_title(const typesetter& ts, std::vector<row>& rows, int number, std::string_view title) {
  const layout_ptr num = ts.layout(std::to_string(number) + ".", kQuestion, kIndent - 6, PANGO_ALIGN_RIGHT);
  const double nb = baseline_of(num.get());
  const size_t first = rows.size();
  const double tb = add_lines(rows, ts.layout(title, kQuestion, kWidth - kIndent), kLeft + kIndent, 0);
  auto inner = std::move(rows[first].draw);
  rows[first].draw = [inner = std::move(inner), num, shift = tb - nb](cairo_t* cr, double y) {
    inner(cr, y);
    show(cr, num.get(), kLeft, y + shift, 0);
  };
}

// ---- 4. pagination ---------------------------------------------------------------------------------

void paginator::part(const std::vector<block>& blocks, bool running_header) {
  running_header_ = running_header;
  new_page();
  for (size_t i = 0; i < blocks.size();) {
    // A run of headings and the block they introduce move together.
    size_t j = i;
    while (blocks[j].keep_with_next && j + 1 < blocks.size()) ++j;
    double all = 0, start = 0;
    for (size_t k = i; k <= j; ++k) {
      const double gap = k == i ? 0 : blocks[k].before;
      all += gap + blocks[k].height();
      start += gap + (k == j ? blocks[k].start_height() : blocks[k].height());
    }
    if (!at_top()) {
      const double before = blocks[i].before;
      if (before + all > room() && all <= kBottom - kTop) new_page();            // fits on the next page
      else if (before + all > room() && before + start > room()) new_page();  // longer than a page
    }
    for (size_t k = i; k <= j; ++k) place(blocks[k]);
    i = j + 1;
  }
}

void paginator::new_page() {
  pages_.push_back({{}, running_header_});
  y_ = kTop;
}

void paginator::put(const row& r) {
  pages_.back().rows.push_back({&r, y_});
  y_ += r.height;
}

void paginator::place(const block& b) {
  if (!at_top()) y_ += b.before;
  for (const auto& r : b.header) put(r);
  for (const auto& r : b.rows) {
    // A row taller than a whole page (a pathological text) is put anyway and clipped at the margin.
    if (r.height > room() && !at_top()) {
      new_page();
      for (const auto& h : b.header) put(h);
    }
    put(r);
  }
}

// ---- 5. document -----------------------------------------------------------------------------------

document::document(std::string_view title) {
  surface_.reset(cairo_pdf_surface_create_for_stream(append_bytes, &pdf_, kPageWidth, kPageHeight));
  if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) return;
  const std::string t(title);
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, t.c_str());
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "Blankett");
  cr_.reset(cairo_create(surface_.get()));
  if (cairo_status(cr_.get()) != CAIRO_STATUS_SUCCESS) return;
  ctx_.reset(pango_font_map_create_context(thread_font_map()));
  pango_cairo_update_context(cr_.get(), ctx_.get());
  // Unhinted outlines and metrics: the layout measured is the layout printed, at any zoom.
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(ctx_.get(), fo);
  cairo_font_options_destroy(fo);
  pango_context_set_language(ctx_.get(), pango_language_from_string("sv"));
  ts_ = std::make_unique<typesetter>(ctx_.get());
}

bool document::ok() const { return ts_ != nullptr; }

std::string document::finish(const std::vector<page_plan>& pages,
                             const std::function<void(cairo_t*, const page_plan&)>& decorate) {
  cairo_t* c = cr_.get();
  const std::string total = std::to_string(pages.size());
  for (size_t p = 0; p < pages.size(); ++p) {
    if (decorate) decorate(c, pages[p]);
    cairo_save(c);
    cairo_rectangle(c, 0, kTop - 4, kPageWidth, kBottom - kTop + 8);
    cairo_clip(c);
    for (const placed& r : pages[p].rows) r.r->draw(c, r.y);
    cairo_restore(c);
    const std::string place = pages[p].of ? std::to_string(pages[p].number) + " av " + std::to_string(pages[p].of)
                                          : std::to_string(p + 1) + " av " + total;
    const layout_ptr foot = ts_->layout("Sida " + place, {9, false, false, kGrey},
                                        kWidth, PANGO_ALIGN_CENTER);
    show(c, foot.get(), kLeft, kPageHeight - 13 * kMm, kGrey);
    cairo_show_page(c);
  }
  cr_.reset();
  cairo_surface_finish(surface_.get());
  if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) return {};
  return std::move(pdf_);
}

}  // namespace blankett::server::pdf
