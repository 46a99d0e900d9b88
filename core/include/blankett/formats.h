// Formats of text values that HTML's input types and Blankett's settings share: e-mail, URL, phone.
//
// Pure functions of the text (no I/O): the core checks answers with them, and the server checks a
// citizen's notification settings with the same rules, so that they cannot differ.
#pragma once

#include <string_view>

namespace blankett {

// HTML's "valid e-mail address": local@label(.label)*, labels of 1-63 letters, digits and inner '-'.
// ASCII only, so no space, CR or LF can pass.
bool valid_email(std::string_view s) noexcept;
// An absolute http: or https: URL with a host; no spaces or control characters.
bool valid_url(std::string_view s) noexcept;
// Digits, spaces, '-', '(', ')' and one leading '+'; 7 to 15 digits (E.164 allows 15).
bool valid_phone(std::string_view s) noexcept;

}  // namespace blankett
