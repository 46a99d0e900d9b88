// The PDF documents' shared flow layout (the paper letter, the answer export): A4 pages, text shaped
// by pango, blocks of rows cut into pages, then drawn by cairo with "Sida i av N" in the footer.
//
// Sections:
//   1. resources     cairo and pango handles, clean text
//   2. typesetting   page geometry, fonts, text layouts, drawing primitives
//   3. rows, blocks  the unbreakable row and the block (a question, a heading, a paragraph)
//   4. pagination    blocks onto pages: a block stays whole when it fits on a page, headings stay
//                    with what follows
//   5. document      one PDF: its surface and pango context, and the pages drawn with their footers
//
// Everything is laid out before anything is drawn: text is measured with the same pango context that
// draws it, the rows are cut into pages, and only then is the number of pages known for the footers.
// Not part of the server's interface: only server/pdf/ includes it. Each document has its own cairo
// surface and pango font map, so documents may be made on several threads at once.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace blankett::server::pdf {

// ---- 1. resources ----------------------------------------------------------------------------------

struct surface_deleter {
  void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct cairo_deleter {
  void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
struct gobject_deleter {
  void operator()(void* o) const noexcept { g_object_unref(o); }
};
using surface_ptr = std::unique_ptr<cairo_surface_t, surface_deleter>;
using cairo_ptr = std::unique_ptr<cairo_t, cairo_deleter>;
using context_ptr = std::unique_ptr<PangoContext, gobject_deleter>;
using layout_ptr = std::shared_ptr<PangoLayout>;  // shared: the rows that draw a layout are copied

// Text as pango takes it: valid UTF-8 without control characters (a banner or a name typed by staff
// may hold anything). Broken bytes are dropped rather than printed as "\uFFFD" in a person's name.
// `lines` keeps line breaks (the banner, descriptions); otherwise they become spaces.
std::string clean(std::string_view s, bool lines = false);

// ---- 2. typesetting --------------------------------------------------------------------------------

inline constexpr double kMm = 72.0 / 25.4;  // cairo's PDF unit is the point
inline constexpr double kPageWidth = 210 * kMm, kPageHeight = 297 * kMm;  // A4 portrait
inline constexpr double kMargin = 20 * kMm;
inline constexpr double kLeft = kMargin, kWidth = kPageWidth - 2 * kMargin, kRight = kLeft + kWidth;
inline constexpr double kTop = kMargin, kBottom = kPageHeight - kMargin;  // the content area
inline constexpr double kIndent = 24;  // a question's text, right of its number
inline constexpr double kGrey = 0.38;  // descriptions and notes: lighter than the questions, still readable when copied

// Liberation Sans is narrower than DejaVu Sans; DejaVu fills in anything Liberation lacks.
inline constexpr const char* kSans = "Liberation Sans,DejaVu Sans";
inline constexpr const char* kMono = "DejaVu Sans Mono";

struct text_style {
  double size = 10.5;
  bool bold = false;
  bool italic = false;
  double grey = 0;  // 0 black
  const char* family = kSans;
  double spacing = 1.15;  // line height, times the font's
};

inline constexpr text_style kBody{};
inline constexpr text_style kQuestion{10.5, true};
inline constexpr text_style kSmall{9.5, false, false, kGrey};
inline constexpr text_style kNote{9, false, true, kGrey};

inline double units(int pango_units) noexcept { return pango_units_to_double(pango_units); }

struct span {
  std::string text;
  bool bold = false;
};

class typesetter {
 public:
  explicit typesetter(PangoContext* c) : ctx_(c) {}

  // A layout of `s` wrapped at `width` points (0: no wrapping).
  layout_ptr layout(std::string_view s, const text_style& st, double width = kWidth,
                    PangoAlignment align = PANGO_ALIGN_LEFT) const;
  // The same from spans, some of them bold.
  layout_ptr layout(const std::vector<span>& spans, const text_style& st, double width = kWidth,
                    PangoAlignment align = PANGO_ALIGN_LEFT) const;

 private:
  PangoContext* ctx_;
};

double width_of(PangoLayout* l);
double height_of(PangoLayout* l);
double baseline_of(PangoLayout* l);

inline void set_grey(cairo_t* cr, double g) { cairo_set_source_rgb(cr, g, g, g); }

// The layout with its top left at (x, y).
void show(cairo_t* cr, PangoLayout* l, double x, double y, double grey);
// An empty box to tick or to write one character in, its top left at (x, y).
void draw_box(cairo_t* cr, double x, double y, double w, double h);
void draw_hline(cairo_t* cr, double x0, double x1, double y, double grey, double width);

// ---- 3. rows, blocks -------------------------------------------------------------------------------

// A row is drawn whole on one page; `draw` gets the row's top.
struct row {
  double height = 0;
  std::function<void(cairo_t*, double)> draw;
};

// A question, heading or paragraph: moved whole to the next page when it does not fit on this one
// but fits on a page; a block longer than a page breaks between rows.
struct block {
  double before = 0;         // space above; none at the top of a page
  std::vector<row> header;   // drawn first, and again at the top of each page the block continues on
  std::vector<row> rows;
  bool keep_with_next = false;  // a heading: never the last thing on a page

  double height() const;
  // What must fit for the block to start on a page: its header and first few rows.
  double start_height() const;
};

row space(double h);

// One row per line of the layout, so that a long paragraph may continue on the next page. Returns the
// first line's baseline below the row's top (to set a question's number beside it).
double add_lines(std::vector<row>& rows, const layout_ptr& l, double x, double grey);

// A paragraph as a block of lines.
block paragraph(const typesetter& ts, const std::vector<span>& spans, const text_style& st, double before,
                double x = kLeft, double width = kWidth);
block paragraph(const typesetter& ts, std::string_view s, const text_style& st, double before);

// A question's text in bold, wrapped right of its number ("12."), which is set on the first line's
// baseline in the indent: one row per line, appended to `rows`.
void numbered_title(const typesetter& ts, std::vector<row>& rows, int number, std::string_view title);

// ---- 4. pagination ---------------------------------------------------------------------------------

struct placed {
  const row* r;
  double y;
};
struct page_plan {
  std::vector<placed> rows;
  bool running_header = false;  // the page carries the document's running header
  // "Sida number av of" in its footer; 0: the page's place in the whole document (several answers
  // in one PDF number each answer's pages on their own).
  size_t number = 0, of = 0;
};

class paginator {
 public:
  explicit paginator(std::vector<page_plan>& pages) : pages_(pages) {}

  // Lays out a part of the document, starting on a new page. The blocks must outlive the pages.
  void part(const std::vector<block>& blocks, bool running_header);

 private:
  std::vector<page_plan>& pages_;
  bool running_header_ = false;
  double y_ = kTop;

  bool at_top() const { return pages_.back().rows.empty(); }
  double room() const { return kBottom - y_; }
  void new_page();
  void put(const row& r);
  void place(const block& b);
};

// ---- 5. document -----------------------------------------------------------------------------------

// One PDF being made: its A4 surface writing into a string, and a pango context of its own (a font
// map of the document's own rather than pango's default one, which stays for the life of each thread
// that ever drew text and which LeakSanitizer reports at exit).
class document {
 public:
  explicit document(std::string_view title);
  document(const document&) = delete;
  document& operator=(const document&) = delete;

  bool ok() const;  // false when cairo could not start; then nothing else is to be called
  const typesetter& ts() const { return *ts_; }

  // Draws the pages: for each, `decorate` (the running header, anything outside the content area),
  // the rows clipped to the content area, and "Sida i av N" centred in the footer. Returns the PDF's
  // bytes, or "" when cairo failed.
  std::string finish(const std::vector<page_plan>& pages,
                     const std::function<void(cairo_t*, const page_plan&)>& decorate);

 private:
  std::string pdf_;
  surface_ptr surface_;
  cairo_ptr cr_;
  context_ptr ctx_;
  std::unique_ptr<typesetter> ts_;
};

}  // namespace blankett::server::pdf
