// Translated texts: every text a person reads is a table from language code to string.
//
// Fallback (docs/form-format.md): the requested language if present, else the form's default
// language (the first it declares). A loaded form has every declared language in every text.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace blankett {

struct text {
  std::vector<std::pair<std::string, std::string>> translations;  // (language, text)

  bool empty() const noexcept { return translations.empty(); }
  // The text in exactly `language`, or "" when it has none.
  std::string_view get(std::string_view language) const noexcept {
    for (const auto& [lang, s] : translations)
      if (lang == language) return s;
    return {};
  }
  // The text in `language`, else in `fallback`, else the first translation.
  std::string_view in(std::string_view language, std::string_view fallback) const noexcept {
    if (auto s = get(language); !s.empty()) return s;
    if (auto s = get(fallback); !s.empty()) return s;
    return translations.empty() ? std::string_view{} : std::string_view(translations.front().second);
  }
};

}  // namespace blankett
