// Static files: safe paths under the root, content types by extension.
#include "http/static_files.h"

#include <sys/stat.h>

namespace blankett::server::http {
namespace {

struct type_row {
  std::string_view extension, type;
};

constexpr type_row kTypes[] = {
    {".html", "text/html; charset=utf-8"}, {".js", "text/javascript"}, {".mjs", "text/javascript"},
    {".css", "text/css"},                  {".wasm", "application/wasm"}, {".svg", "image/svg+xml"},
    {".png", "image/png"},                 {".jpg", "image/jpeg"},        {".ico", "image/x-icon"},
    {".json", "application/json"},         {".txt", "text/plain; charset=utf-8"}, {".woff2", "font/woff2"},
};

}  // namespace

std::string_view static_files::content_type(std::string_view path) {
  for (const auto& row : kTypes)
    if (path.size() >= row.extension.size() && path.substr(path.size() - row.extension.size()) == row.extension) return row.type;
  return "application/octet-stream";
}

bool static_files::serve(const request& req, response& res) const {
  if (root_.empty()) return false;
  std::string path = percent_decode(req.path, false);
  if (path.empty() || path[0] != '/') return false;
  if (path.back() == '/') path += "index.html";
  size_t i = 1;
  while (i <= path.size()) {
    const size_t slash = path.find('/', i);
    const std::string_view seg = std::string_view(path).substr(i, slash == std::string::npos ? std::string::npos : slash - i);
    if (seg.empty() || seg == "." || seg == ".." || seg.find('\\') != std::string_view::npos || seg.find('\0') != std::string_view::npos)
      return false;
    if (slash == std::string::npos) break;
    i = slash + 1;
  }
  const std::string full = root_ + path;
  struct stat st {};
  if (stat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  res.status = 200;
  res.file = full;
  res.set_header("Content-Type", content_type(path));
  return true;
}

}  // namespace blankett::server::http
