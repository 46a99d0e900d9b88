// The paper letter (server/pdf/letter.cpp): its text read back with pdftotext, its pages as PNG files.
//
// pdftotext -layout and pdfinfo (poppler-utils) read the PDF as a printer would show it, so the
// assertions are on what a person reads. Pages 1 and 2 of each letter go to build/screenshots/ as PNG
// (pdftoppm) for a person to look at.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "blankett/form.h"
#include "pdf/letter.h"
#include "pdf/pdf_reader.h"
#include "test_util.h"

namespace blankett::server {
namespace {

namespace fs = std::filesystem;
using blankett::testing::expect_pages;
using blankett::testing::has;
using blankett::testing::printed;
using blankett::testing::read_file;
using blankett::testing::source_path;

// The letter's PDF read back (its temporary file blankett-letter-<name>-<pid>.pdf).
printed print(const std::string& pdf, const std::string& name) { return blankett::testing::read_pdf(pdf, "letter-" + name); }
// Its pages 1 and 2 as build/screenshots/letter-<name>-1.png and -2.png, and letter-<name>.pdf.
void screenshots(const printed& p, const std::string& name) { blankett::testing::save_pages(p, "letter-" + name); }

// The token has no run of digits, so that any 10-12 digits in the text would be something else.
const std::string kToken = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2";

form load(const std::string& relative) {
  auto loaded = load_form(read_file(source_path(relative)));
  EXPECT_TRUE(loaded.ok()) << relative;
  return loaded.ok() ? std::move(*loaded.value) : form{};
}

letter sample_letter(const form& f) {
  letter l;
  l.unit_name = "Vårdcentralen Norr";
  l.recipient_name = "Åsa Öberg-Ärlig";
  l.date = "2026-12-06";
  l.public_url = "https://formular.example.se/";
  l.link = l.public_url + "#/lank/" + kToken;
  l.code = "K7QM-4XTP-9WRD";
  l.answer_by = "2027-12-06";
  l.banner = "Ta med svaren till ditt besök på vårdcentralen den 14 januari.";
  l.form = &f;
  return l;
}

void expect_no_id_number(const std::string& text) {
  std::smatch m;
  EXPECT_FALSE(std::regex_search(text, m, std::regex("[0-9]{10,12}"))) << "a personnummer-like run: " << m.str();
}

TEST(letter_pdf, phq9_cover_and_questions) {
  const form f = load("samples/phq-9/form.json");
  const letter l = sample_letter(f);
  const std::string pdf = letter_pdf(l);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  const printed p = print(pdf, "phq9");
  screenshots(p, "phq9");
  const std::string& t = p.text;

  // The cover letter.
  EXPECT_TRUE(has(t, "Vårdcentralen Norr")) << t;
  EXPECT_TRUE(has(t, "Åsa Öberg-Ärlig"));
  EXPECT_TRUE(has(t, "2026-12-06"));
  EXPECT_TRUE(has(t, "Du har fått ett formulär att besvara"));
  EXPECT_TRUE(has(t, "Hälsoformulär (PHQ-9)"));
  EXPECT_TRUE(has(t, "https://formular.example.se/ "));
  EXPECT_TRUE(has(t, "BankID"));
  EXPECT_TRUE(has(t, "Ange kod"));
  EXPECT_TRUE(has(t, "K7QM-4XTP-9WRD"));
  EXPECT_TRUE(has(t, "https://formular.example.se/#/lank/" + kToken + "\n")) << "the link on one line";
  EXPECT_TRUE(has(t, "Besvaras senast 2027-12-06"));
  EXPECT_TRUE(has(t, "Svara på papper"));
  EXPECT_TRUE(has(t, "This letter contains a form from Vårdcentralen Norr."));
  expect_pages(p, 2);

  // The form: the banner, the first question with its number and its four alternatives.
  EXPECT_TRUE(has(t, "Meddelande från Vårdcentralen Norr"));
  EXPECT_TRUE(has(t, "Ta med svaren till ditt besök på vårdcentralen den 14 januari."));
  EXPECT_TRUE(std::regex_search(t, std::regex(R"(\n\s*1\.\s+Lite intresse eller glädje i att göra saker\n)"))) << t;
  const size_t q1 = t.find("Lite intresse eller glädje i att göra saker");
  const size_t q2 = t.find("Känt dig nedstämd");
  ASSERT_NE(q1, std::string::npos);
  ASSERT_NE(q2, std::string::npos);
  const std::string first = t.substr(q1, q2 - q1);
  for (const char* alternative : {"Inte alls", "Flera dagar", "Mer än hälften av dagarna", "Nästan varje dag"})
    EXPECT_TRUE(std::regex_search(first, std::regex(std::string("\n\\s*") + alternative + "\n"))) << alternative;
  EXPECT_TRUE(std::regex_search(t, std::regex(R"(\n\s*9\.\s+Tankar på att det vore bättre)")));
  EXPECT_TRUE(std::regex_search(t, std::regex(R"(\n\s*10\.\s+Om du har haft något av dessa problem)")));
  EXPECT_TRUE(has(t, "(Besvaras bara om det gäller dig)")) << "q10 is asked only after a symptom";
  EXPECT_FALSE(has(t, "11."));
  expect_no_id_number(t);
  fs::remove(p.pdf_path);
}

TEST(letter_pdf, halsoenkat_leaves_out_measurements) {
  const form f = load("samples/halsoenkat/form.json");
  letter l = sample_letter(f);
  l.recipient_name.clear();  // a form link nobody has claimed yet
  l.answer_by.clear();
  l.banner.reset();
  const printed p = print(letter_pdf(l), "halsoenkat");
  screenshots(p, "halsoenkat");
  const std::string& t = p.text;
  expect_pages(p, 2);
  EXPECT_FALSE(has(t, "Åsa")) << "no name line without a name";
  EXPECT_FALSE(has(t, "Besvaras senast"));
  EXPECT_FALSE(has(t, "Meddelande från"));
  EXPECT_TRUE(has(t, "Namn:")) << "a line for the name to be written on";
  EXPECT_TRUE(has(t, "Hälsoenkät inför hälsosamtal"));
  EXPECT_TRUE(std::regex_search(t, std::regex(R"(\n\s*1\.\s+Hur bedömer du ditt allmänna hälsotillstånd\?)")));
  EXPECT_TRUE(has(t, "Flera svar möjliga")) << "heredity is a multiple choice";
  EXPECT_TRUE(has(t, "Sömn")) << "a group's title as a sub-heading";
  // The measurements (weight, height, waist, blood pressure, lab values) are the staff's.
  for (const char* staff : {"Midjemått", "Systoliskt blodtryck", "Totalkolesterol"}) EXPECT_FALSE(has(t, staff)) << staff;
  expect_no_id_number(t);
  fs::remove(p.pdf_path);
}

TEST(letter_pdf, every_item_type) {
  const form f = load("tests/core/data/all-types.json");
  const letter l = sample_letter(f);
  const std::string pdf = letter_pdf(l);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  const printed p = print(pdf, "all-types");
  screenshots(p, "all-types");
  const std::string& t = p.text;
  expect_pages(p, 2);
  // Every question numbered in document order, its number beside its text.
  int number = 0;
  size_t from = 0;
  for (const item& it : f.items) {
    if (it.type == item_type::display || it.type == item_type::group || it.staff) continue;
    const std::string title(it.title.in("sv", "sv"));
    std::smatch m;
    const std::string rest = t.substr(from);
    ASSERT_TRUE(std::regex_search(rest, m, std::regex("\n\\s*" + std::to_string(++number) + "\\.\\s+" + title)))
        << number << " " << title;
    from += static_cast<size_t>(m.position(0)) + 1;
  }
  EXPECT_EQ(number, 22);
  EXPECT_TRUE(has(t, "Fyll i det du vet.")) << "information as a paragraph";
  EXPECT_TRUE(has(t, "Kontaktuppgifter")) << "the group's title";
  EXPECT_TRUE(has(t, "(ÅÅÅÅ-MM-DD)"));
  EXPECT_TRUE(has(t, "(TT:MM)"));
  EXPECT_TRUE(has(t, "kg")) << "the weight's unit";
  EXPECT_TRUE(has(t, "0 = Ingen smärta, 10 = Värsta tänkbara"));
  EXPECT_TRUE(std::regex_search(t, std::regex(R"(Ja\s+Nej)")));
  EXPECT_TRUE(has(t, "Jag sover gott")) << "a matrix row";
  EXPECT_TRUE(std::regex_search(t, std::regex(R"(Instämmer inte\s+Neutral\s+Instämmer)"))) << "a matrix's columns";
  EXPECT_TRUE(has(t, "Flera svar möjliga på varje rad"));
  EXPECT_TRUE(has(t, "Bifoga som papperskopia."));
  expect_no_id_number(t);
  fs::remove(p.pdf_path);
}

TEST(letter_pdf, english_form_texts) {
  const form f = load("samples/phq-9/form.json");
  letter l = sample_letter(f);
  l.language = "en";
  const printed p = print(letter_pdf(l), "phq9-en");
  EXPECT_TRUE(has(p.text, "Du har fått ett formulär att besvara")) << "the cover letter stays Swedish";
  EXPECT_TRUE(std::regex_search(p.text, std::regex(R"(\n\s*1\.\s+Little interest or pleasure in doing things)")));
  EXPECT_TRUE(has(p.text, "Not at all"));
  EXPECT_TRUE(has(p.text, "(Answer only if it applies to you)"));
  fs::remove(p.pdf_path);
}

TEST(letter_pdf, long_and_hostile_texts) {
  const form f = load("samples/phq-9/form.json");
  letter l = sample_letter(f);
  // Control characters, broken UTF-8 and a banner of many lines: still a PDF, the banner continues
  // over a page break.
  l.recipient_name = std::string("Anna\x01\tAndersson\xff");
  std::string banner;
  for (int k = 0; k < 120; ++k) banner += "Rad " + std::to_string(k) + " av meddelandet.\n";
  l.banner = banner;
  const printed p = print(letter_pdf(l), "hostile");
  screenshots(p, "hostile");
  EXPECT_TRUE(has(p.text, "Anna Andersson\n")) << "the control characters and the broken byte dropped";
  EXPECT_TRUE(has(p.text, "Rad 0 av meddelandet."));
  EXPECT_TRUE(has(p.text, "Rad 119 av meddelandet."));
  expect_pages(p, 2);
  fs::remove(p.pdf_path);
}

// A scale of more steps than fit in a row becomes a number to write; a matrix of more columns than fit
// becomes one list of alternatives per row.
TEST(letter_pdf, wide_scale_and_matrix) {
  std::string columns;
  for (int k = 1; k <= 10; ++k)
    columns += std::string(k > 1 ? "," : "") + R"({"value": ")" + std::to_string(k) + R"(", "label": {"sv": "Kolumn )" +
               std::to_string(k) + R"("}})";
  const std::string json = R"({"format": 1, "id": "wide", "version": 1, "languages": ["sv"], "title": {"sv": "Brett"},
    "pages": [{"id": "p1", "title": {"sv": "Sidan"}, "items": [
      {"id": "vas", "type": "scale", "title": {"sv": "Hur ont har du?"}, "min": 0, "max": 100, "step": 0.5, "unit": "mm"},
      {"id": "grid", "type": "matrix", "title": {"sv": "Rutnät"}, "columns": [)" + columns + R"(],
       "rows": [{"id": "r1", "title": {"sv": "Första raden"}}, {"id": "r2", "title": {"sv": "Andra raden"}}]}]}]})";
  auto loaded = load_form(json);
  ASSERT_TRUE(loaded.ok());
  const printed p = print(letter_pdf(sample_letter(*loaded.value)), "wide");
  screenshots(p, "wide");
  const std::string& t = p.text;
  EXPECT_TRUE(has(t, "Skriv ett tal från 0 till 100.")) << t;
  EXPECT_TRUE(has(t, "mm"));
  const size_t first = t.find("Första raden"), second = t.find("Andra raden");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_TRUE(std::regex_search(t.substr(first, second - first), std::regex(R"(\n\s*Kolumn 10\n)"))) << t;
  EXPECT_TRUE(std::regex_search(t.substr(second), std::regex(R"(\n\s*Kolumn 10\n)")));
  expect_pages(p, 2);
  fs::remove(p.pdf_path);
}

// The server's workers write letters at the same time (pango keeps a font map per thread).
TEST(letter_pdf, threads_at_once) {
  const form f = load("samples/phq-9/form.json");
  const letter l = sample_letter(f);
  blankett::testing::expect_same_on_threads([&l] { return letter_pdf(l); }, "letter", "K7QM-4XTP-9WRD");
}

TEST(letter_pdf, no_form_is_empty) {
  letter l;
  EXPECT_EQ(letter_pdf(l), "");
}

}  // namespace
}  // namespace blankett::server
