// Escaping for the renderer's markup writers (HTML and SVG): every text from a form or an answer goes
// through here, so that none of it can become markup.
#pragma once

#include <string>
#include <string_view>

namespace blankett::markup {

inline void escape(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

}  // namespace blankett::markup
