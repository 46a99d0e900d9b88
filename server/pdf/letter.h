// The paper letter staff print for a recipient who cannot be notified digitally: a PDF (cairo, pango).
//
// Page 1 is a cover letter in Swedish (how to answer digitally with the personal link or the code,
// and how to answer on paper), the following pages are the form's questions laid out to be answered
// by hand. No personnummer is printed: the recipient is named only by name. Thread-safe: each call
// uses its own cairo surface and pango context (pango's default font map is per thread).
#pragma once

#include <optional>
#include <string>

#include "blankett/form.h"

namespace blankett::server {

struct letter {
  std::string unit_name;        // the sender: "Vårdcentralen Norr"
  std::string recipient_name;   // may be empty (a form link not yet claimed): then no name line
  std::string date;             // "2026-12-06"
  std::string public_url;       // where to log in: "https://formular.example.se/"
  std::string link;             // the personal link: public_url + "#/lank/<64 hex>"
  std::string code;             // the code typed by hand: "K7QM-4XTP-9WRD"
  std::string answer_by;        // "2027-12-06" (besvaras senast) or empty
  std::optional<std::string> banner;  // formulärmeddelande, printed in a framed box at the top of the form part
  const blankett::form* form = nullptr;  // the form, never null
  std::string language = "sv";  // the form's texts in this language (else the form's default language)
};

// The letter as PDF bytes: page 1 a cover letter, then the form's questions laid out for answering on
// paper. Empty when cairo fails (or the form is missing); never throws.
std::string letter_pdf(const letter& l);

}  // namespace blankett::server
