// The star profile (Stjärnprofil) as SVG: one spoke per axis, longer for a better level.
#include <cmath>
#include <cstdio>
#include <string>

#include "blankett/render.h"
#include "markup.h"

namespace blankett {
namespace {

// A colour from the form: "#rgb" / "#rrggbb" or a plain CSS name; anything else is grey, so that a
// form cannot put markup into the picture.
std::string safe_colour(std::string_view c) {
  bool ok = !c.empty() && c.size() <= 20;
  for (size_t i = 0; ok && i < c.size(); ++i) {
    const char ch = c[i];
    ok = (i == 0 && ch == '#') || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  }
  return ok ? std::string(c) : std::string("#9e9e9e");
}

std::string num(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", d);
  return buf;
}

}  // namespace

std::string render_profile_svg(const form& f, const evaluation& ev, size_t profile_index, std::string_view language) {
  std::string out;
  if (profile_index >= f.profiles.size()) return out;
  validation_result r;
  ev.result(r);
  size_t first_axis = 0;
  for (size_t p = 0; p < profile_index; ++p) first_axis += f.profiles[p].axes.size();
  const profile& pr = f.profiles[profile_index];
  const std::string_view lang = f.has_language(language) ? language : std::string_view(f.default_language());
  const double cx = 300, cy = 300, radius = 190, pi = 3.14159265358979323846;
  const size_t n = pr.axes.size();
  out += R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="-100 0 800 600" width="800" height="600" role="img" font-family="sans-serif" font-size="13">)";
  out += "<title>";
  markup::escape(out, pr.title.in(lang, f.default_language()));
  out += "</title>";
  // Guide circles, one per level step of the longest axis.
  size_t steps = 1;
  for (const axis& a : pr.axes) steps = std::max(steps, a.levels.size());
  for (size_t s = 1; s <= steps; ++s)
    out += "<circle cx=\"300\" cy=\"300\" r=\"" + num(radius * double(s) / double(steps)) + "\" fill=\"none\" stroke=\"#dddddd\"/>";
  std::string star;  // the polygon through every spoke's end
  for (size_t k = 0; k < n; ++k) {
    const axis& a = pr.axes[k];
    const axis_result& res = r.axes[first_axis + k];
    const double angle = -pi / 2 + 2 * pi * double(k) / double(n);
    const double levels = double(std::max<size_t>(a.levels.size(), 1));
    const bool has = res.level >= 0 && static_cast<size_t>(res.level) < a.levels.size();
    const double length = has ? radius * (levels - double(res.level)) / levels : 0;
    const double x = cx + length * std::cos(angle), y = cy + length * std::sin(angle);
    const std::string colour = has ? safe_colour(a.levels[static_cast<size_t>(res.level)].color) : "#9e9e9e";
    out += "<g><title>";
    markup::escape(out, a.title.in(lang, f.default_language()));
    out += ": ";
    markup::escape(out, has ? a.levels[static_cast<size_t>(res.level)].label.in(lang, f.default_language()) : std::string_view("–"));
    out += "</title><line x1=\"300\" y1=\"300\" x2=\"" + num(cx + radius * std::cos(angle)) + "\" y2=\"" +
           num(cy + radius * std::sin(angle)) + "\" stroke=\"#bbbbbb\"/>";
    out += "<line x1=\"300\" y1=\"300\" x2=\"" + num(x) + "\" y2=\"" + num(y) + "\" stroke=\"" + colour + "\" stroke-width=\"8\" stroke-linecap=\"round\"/>";
    const double lx = cx + (radius + 24) * std::cos(angle), ly = cy + (radius + 24) * std::sin(angle);
    const char* anchor = std::abs(std::cos(angle)) < 0.2 ? "middle" : (std::cos(angle) > 0 ? "start" : "end");
    out += "<text x=\"" + num(lx) + "\" y=\"" + num(ly + 4) + "\" text-anchor=\"" + anchor + "\">";
    markup::escape(out, a.title.in(lang, f.default_language()));
    if (!has) out += " –";
    out += "</text></g>";
    star += (k ? " " : "") + num(x) + "," + num(y);
  }
  out += "<polygon points=\"" + star + "\" fill=\"rgba(33,150,243,0.12)\" stroke=\"#1565c0\" stroke-width=\"1.5\"/>";
  out += "</svg>";
  return out;
}

}  // namespace blankett
