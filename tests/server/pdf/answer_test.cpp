// The answer export (server/pdf/answer.cpp): its text read back with pdftotext, its pages as PNG files.
//
// As in letter_test.cpp, poppler reads the PDF as a printer would show it, so the assertions are on
// what staff read. Pages 1 and 2 of each export go to build/screenshots/pdf-answer-<name>-N.png
// (pdftoppm -r 60) for a person to look at.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "blankett/answers.h"
#include "blankett/form.h"
#include "blankett/logic.h"
#include "pdf/answer.h"
#include "pdf/pdf_reader.h"
#include "test_util.h"

namespace blankett::server {
namespace {

namespace fs = std::filesystem;
using namespace blankett::testing;  // NOLINT: files, and the PDF read back (pdf_reader.h)

// A form with one answer document evaluated, as a route has it after evaluate_instance (the
// evaluation points into the form and the document: the three stay together, never moved).
struct evaluated_sample {
  form f;
  answer_document doc;
  std::unique_ptr<evaluation> ev;
};

std::unique_ptr<evaluated_sample> evaluate(const std::string& form_file, const std::string& answers_json,
                                           bool mandatory = true) {
  auto s = std::make_unique<evaluated_sample>();
  auto loaded = load_form(read_file(source_path(form_file)));
  EXPECT_TRUE(loaded.ok()) << form_file;
  if (!loaded.ok()) return s;
  s->f = std::move(*loaded.value);
  answer_reader reader;
  std::vector<diagnostic> diags;
  EXPECT_TRUE(reader.read(s->f, answers_json, s->doc, diags)) << answers_json;
  s->ev = std::make_unique<evaluation>(s->f);
  evaluation_options o;
  o.today = civil_date{2026, 12, 6};
  o.mandatory = mandatory;
  s->ev->set_options(o);
  s->ev->evaluate(s->doc);
  return s;
}

answer_export sample_export(const evaluated_sample& s) {
  answer_export a;
  a.unit_name = "Vårdcentralen Norr";
  a.version = 1;
  a.state = instance_state::completed;
  a.recipient = person{"Åsa Öberg-Ärlig", "191212121212"};
  a.answered_by = answerer::citizen;
  a.sent_at = "2026-12-01T11:00:00Z";
  a.submitted_at = "2026-12-05T11:30:00Z";
  a.answer_by = "2027-12-01";
  a.delete_after = "2028-01-01";
  a.exported_at = "2026-12-06T12:00:00Z";
  a.answers = s.ev.get();
  return a;
}

bool matches(const std::string& text, const std::string& pattern) { return std::regex_search(text, std::regex(pattern)); }

// PHQ-9 with item 9 answered "Mer än hälften av dagarna" (2 points): total 18, moderately severe, the
// critical alert; answered by a guardian.
const std::string kPhq9 = R"({"form": "phq-9", "version": 1, "answers": {"q1": "2", "q2": "2", "q3": "3", "q4": "3",
  "q5": "2", "q6": "2", "q7": "1", "q8": "1", "q9": "2", "q10": "2"}})";

TEST(answer_pdf, phq9_with_item_9) {
  const auto s = evaluate("samples/phq-9/form.json", kPhq9);
  answer_export a = sample_export(*s);
  a.answered_by = answerer::guardian;
  a.proxy = person{"Karl Öberg", "198001011234"};
  a.documented_at = "2026-12-06";
  const std::string pdf = answer_pdf(a);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  const printed p = read_pdf(pdf, "answer-phq9");
  save_pages(p, "pdf-answer-phq9");
  const std::string& t = p.text;

  // The head: unit, template and version, recipient with personnummer, the guardian, the dates.
  EXPECT_TRUE(has(t, "Vårdcentralen Norr")) << t;
  EXPECT_TRUE(has(t, "Hälsoformulär (PHQ-9)"));
  EXPECT_TRUE(has(t, "Formulärsvar · version 1 · Besvarat"));
  EXPECT_TRUE(matches(t, R"(Mottagare\s+Personnummer\s+Besvarat av)")) << t;
  EXPECT_TRUE(matches(t, R"(Åsa Öberg-Ärlig\s+19121212-1212\s+Karl Öberg, vårdnadshavare)"));
  EXPECT_FALSE(has(t, "198001011234")) << "the guardian by name only";
  EXPECT_TRUE(matches(t, R"(Skickat\s+Inskickat\s+Besvaras senast)"));
  EXPECT_TRUE(matches(t, R"(2026-12-01 \d\d:00\s+2026-12-05 \d\d:30\s+2027-12-01)")) << "local times";
  EXPECT_TRUE(matches(t, R"(Gallras efter\s+Dokumenterat)"));
  EXPECT_TRUE(matches(t, R"(2028-01-01\s+2026-12-06)"));
  EXPECT_TRUE(matches(t, R"(Utskrivet 2026-12-06 \d\d:00)"));

  // The results before the answers: the score with its band, then the alert.
  const size_t score = t.find("Poäng"), alerts = t.find("Varningar"), answers = t.find("Svar\n");
  ASSERT_NE(score, std::string::npos);
  ASSERT_NE(alerts, std::string::npos);
  ASSERT_NE(answers, std::string::npos);
  EXPECT_LT(score, alerts);
  EXPECT_LT(alerts, answers);
  EXPECT_FALSE(has(t, "Beräkningar")) << "PHQ-9 has no calculations";
  EXPECT_TRUE(matches(t, R"(PHQ-9, summa\s+18\n)")) << t;
  EXPECT_TRUE(matches(t, R"(\n\s+Måttligt svåra \(15–19\)\n)"));
  EXPECT_TRUE(has(t, "Gränser: PHQ-9 severity, Kroenke, Spitzer & Williams 2001"));
  EXPECT_TRUE(has(t, "Kritisk: Fråga 9 (tankar på att det vore bättre att vara död eller på att skada sig"));
  EXPECT_TRUE(has(t, "Bedöm suicidrisken skyndsamt."));

  // Every question numbered, with its answer by its label, never by its code.
  const std::string all = t.substr(answers);
  EXPECT_TRUE(has(all, "Under de senaste 2 veckorna, hur ofta har du besvärats")) << "the introduction";
  EXPECT_TRUE(has(all, "Besvär under de senaste 2 veckorna")) << "the group's title";
  EXPECT_TRUE(matches(all, R"(\n\s*1\.\s+Lite intresse eller glädje i att göra saker\n\s+Mer än hälften av dagarna\n)")) << all;
  EXPECT_TRUE(matches(all, R"(\n\s*3\.\s+Svårt att somna in[^\n]*\n\s+Nästan varje dag\n)"));
  EXPECT_TRUE(matches(all, R"(\n\s*7\.\s+Svårt att koncentrera dig[^\n]*\n(\s+[^\n]*\n)?\s+Flera dagar\n)"));
  EXPECT_TRUE(matches(all, R"(\n\s*9\.\s+Tankar på att det vore bättre[^\n]*\n(\s+[^\n]*\n)?\s+Mer än hälften av dagarna\n)"));
  EXPECT_TRUE(matches(all, R"(\n\s*10\.\s+Om du har haft något av dessa problem)"));
  EXPECT_TRUE(has(all, "Mycket svårt"));
  EXPECT_FALSE(has(all, "Ej besvarad"));
  EXPECT_FALSE(matches(all, R"(\n\s+[0-3]\n)")) << "no answer printed as its code";
  EXPECT_FALSE(has(t, "Mätvärden")) << "PHQ-9 has no measurements";
  expect_pages(p);
  fs::remove(p.pdf_path);
}

// The health survey: calculations with the staff's texts, scores by sex, the star profile with its
// legend, the measurements last.
TEST(answer_pdf, halsoenkat_with_star_profile) {
  // Good, fair and poor axes; a man (the document's meta.subject, which the evaluation reads).
  const auto s = evaluate("samples/halsoenkat/form.json", read_file(source_path("samples/halsoenkat/answers/near-limits.json")));
  answer_export a = sample_export(*s);
  a.recipient = person{"Erik Lind", "197606012396"};
  a.template_name = "Hälsoenkät 50 år";
  a.version = 3;
  const printed p = read_pdf(answer_pdf(a), "answer-halsoenkat");
  save_pages(p, "pdf-answer-halsoenkat");
  const std::string& t = p.text;
  EXPECT_TRUE(has(t, "Hälsoenkät 50 år")) << "the template's name before the form's title";
  EXPECT_TRUE(has(t, "version 3"));
  EXPECT_TRUE(has(t, "19760601-2396"));

  const size_t calcs = t.find("Beräkningar"), scores = t.find("Poäng\n"), profile = t.find("Stjärnprofil"),
               answers = t.find("Svar\n"), measured = t.find("Mätvärden");
  ASSERT_NE(calcs, std::string::npos) << t;
  ASSERT_NE(scores, std::string::npos);
  ASSERT_NE(profile, std::string::npos);
  ASSERT_NE(answers, std::string::npos);
  ASSERT_NE(measured, std::string::npos);
  EXPECT_LT(calcs, scores);
  EXPECT_LT(scores, profile);
  EXPECT_LT(profile, answers);
  EXPECT_LT(answers, measured);

  const std::string calc = t.substr(calcs, scores - calcs);
  EXPECT_TRUE(matches(calc, R"(\n\s*Ålder\s+50\n)")) << calc;
  EXPECT_TRUE(matches(calc, R"(\n\s*BMI\s+34,6 kg/m²\n)"));
  EXPECT_TRUE(has(calc, "Vikt / längd² (kg/m²), avrundat till en decimal.")) << "the staff's text";
  EXPECT_TRUE(matches(calc, R"(Aktivitetsminuter per vecka\s+240 min)"));
  EXPECT_TRUE(matches(t, R"(AUDIT-C\s+12\n\s+Riskkonsumtion \(6–12\), gränser för män)")) << "the recipient's sex chose the bands";
  EXPECT_TRUE(has(t, "Gränser: Folkhälsomyndigheten")) << "AUDIT-C's bands";

  const std::string star = t.substr(profile, answers - profile);
  for (const char* axis : {"Fysisk aktivitet", "Matvanor", "Alkohol", "Tobak och nikotin", "Sömn och stress",
                           "Vikt (BMI)", "Midjemått", "Blodtryck", "Blodsocker", "Blodfetter"})
    EXPECT_TRUE(has(star, axis)) << axis << "\n" << star;
  EXPECT_TRUE(matches(star, R"(Fysisk aktivitet\s+Tillräckligt aktiv\n)")) << "a level in words";
  EXPECT_TRUE(matches(star, R"(Alkohol\s+Riskbruk\n)"));
  EXPECT_TRUE(matches(star, R"(Sömn och stress\s+Delvis bra\n)"));

  const std::string all = t.substr(answers, measured - answers);
  EXPECT_TRUE(has(all, "Din hälsa")) << "the page's title";
  EXPECT_TRUE(has(all, "Sömn")) << "a group's title";
  EXPECT_FALSE(has(all, "Midjemått")) << "measurements are not questions";
  const std::string m = t.substr(measured);
  EXPECT_TRUE(matches(m, R"(Vikt\s+\d+(,\d)? kg)")) << m;
  EXPECT_TRUE(matches(m, R"(Systoliskt blodtryck\s+\d+ mm Hg)"));
  expect_pages(p);
  EXPECT_GE(p.pages, 2);
  fs::remove(p.pdf_path);
}

// Without the staff's measurements: the calculations and axes that need them say what is missing.
TEST(answer_pdf, halsoenkat_without_measurements) {
  const auto s = evaluate("samples/halsoenkat/form.json", read_file(source_path("samples/halsoenkat/answers/no-measurements.json")));
  answer_export a = sample_export(*s);
  a.recipient = person{"Erik Lind", "197606012396"};
  const printed p = read_pdf(answer_pdf(a), "answer-halsoenkat-no-measurements");
  save_pages(p, "pdf-answer-halsoenkat-no-measurements");
  const std::string& t = p.text;
  EXPECT_TRUE(matches(t, R"(\n\s*BMI\s+–\n)")) << t;
  EXPECT_TRUE(has(t, "Svar som uträkningen behöver saknas."));
  EXPECT_TRUE(matches(t, R"(Vikt \(BMI\)\s+Saknas: Svar som axeln behöver saknas.)"));
  EXPECT_TRUE(matches(t, R"(Alkohol\s+Riskbruk\n)"));
  const std::string m = t.substr(t.find("Mätvärden"));
  EXPECT_TRUE(matches(m, R"(Vikt\s+Ej ifyllt\n)")) << m;
  EXPECT_TRUE(matches(m, R"(Totalkolesterol \(fP-kolesterol\)\s+Ej ifyllt\n)"));
  expect_pages(p);
  fs::remove(p.pdf_path);
}

// A form still being answered: the questions not yet answered say so, the score says why it is
// missing, and no alert fired. No recipient: a form link nobody has claimed.
TEST(answer_pdf, unanswered_questions) {
  const auto s = evaluate("samples/phq-9/form.json", read_file(source_path("samples/phq-9/answers/incomplete.json")), false);
  answer_export a = sample_export(*s);
  a.state = instance_state::ongoing;
  a.recipient.reset();
  a.answered_by.reset();
  a.submitted_at.reset();
  const printed p = read_pdf(answer_pdf(a), "answer-unanswered");
  save_pages(p, "pdf-answer-unanswered");
  const std::string& t = p.text;
  EXPECT_TRUE(has(t, "· Pågående")) << t;
  EXPECT_TRUE(has(t, "Formulärlänk som ingen har använt"));
  EXPECT_FALSE(has(t, "Personnummer"));
  EXPECT_FALSE(has(t, "Inskickat"));
  EXPECT_TRUE(matches(t, R"(PHQ-9, summa\s+–\n)")) << t;
  EXPECT_TRUE(has(t, "För många frågor är obesvarade för att räkna poängen."));
  EXPECT_TRUE(has(t, "Inga varningar."));
  const std::string all = t.substr(t.find("Svar\n"));
  EXPECT_TRUE(matches(all, R"(\n\s*1\.\s+Lite intresse[^\n]*\n\s+Flera dagar\n)")) << all;
  EXPECT_TRUE(matches(all, R"(\n\s*2\.\s+Känt dig nedstämd[^\n]*\n(\s+[^\n]*\n)?\s+Inte alls\n)"));
  for (int q = 5; q <= 9; ++q)
    EXPECT_TRUE(matches(all, "\n\\s*" + std::to_string(q) + "\\.\\s+[^\\n]+\\n(\\s+[^\\n]*\\n)?\\s+Ej besvarad\\n")) << q;
  // Question 10 is asked once a symptom is answered: here it is visible and not answered either.
  EXPECT_TRUE(matches(all, R"(\n\s*10\.\s+Om du har haft)"));
  size_t count = 0;
  for (size_t k = all.find("Ej besvarad"); k != std::string::npos; k = all.find("Ej besvarad", k + 1)) ++count;
  EXPECT_EQ(count, 6u);
  expect_pages(p);
  fs::remove(p.pdf_path);
}

// A hidden question is not printed, answered or not: "all zero" hides question 10.
TEST(answer_pdf, hidden_question_left_out) {
  const auto s = evaluate("samples/phq-9/form.json", read_file(source_path("samples/phq-9/answers/total-0.json")));
  const printed p = read_pdf(answer_pdf(sample_export(*s)), "answer-hidden");
  EXPECT_TRUE(matches(p.text, R"(\n\s*9\.\s+Tankar)")) << p.text;
  EXPECT_FALSE(has(p.text, "Om du har haft något av dessa problem"));
  EXPECT_TRUE(matches(p.text, R"(Minimala eller inga symtom \(0–4\))"));
  fs::remove(p.pdf_path);
}

// Every item type's answer in words: choices by label, numbers with a decimal comma and a unit, dates
// and times as written, a text's lines kept, a matrix row by row, files by name.
TEST(answer_pdf, every_item_type) {
  const std::string doc = R"({"form": "all-types", "version": 3, "answers": {
    "name": "Anna", "notes": "Rad ett\nRad två", "postal": "123 45", "cigarettes": 3, "weight": 70.5, "pain": 5,
    "visit": "2024-05-01", "bedtime": "22:30", "week": "2024-W18", "onset": "2024-05-01T10:00", "smoker": false,
    "mood": "2", "symptoms": ["cough", "fever"], "habits": {"sleep": "1", "food": "3"},
    "doses": {"med1": {"morning": "1 st"}}, "when": {"r1": ["1", "3"]}, "email": "anna@example.se",
    "site": "https://www.1177.se/", "files": [{"name": "remiss.pdf", "media_type": "application/pdf", "size": 1234}]}})";
  const auto s = evaluate("tests/core/data/all-types.json", doc, false);
  const form& f = s->f;
  const printed p = read_pdf(answer_pdf(sample_export(*s)), "answer-all-types");
  save_pages(p, "pdf-answer-all-types");
  const std::string& t = p.text;
  auto label = [&f](std::string_view id, std::string_view value) {
    const item& it = f.items[static_cast<size_t>(f.find_item(id))];
    const choice_set* set = f.choices_of(it);
    return std::string(set->choices[static_cast<size_t>(set->find(value))].label.in("sv", "sv"));
  };
  auto answered = [&t](const std::string& title, const std::string& answer) {
    return std::regex_search(t, std::regex("\\d+\\.\\s+" + title + "\\n\\s+" + answer + "\\n"));
  };
  EXPECT_TRUE(answered("Namn", "Anna")) << t;
  EXPECT_TRUE(answered("Övrigt", "Rad ett\\n\\s+Rad två"));
  EXPECT_TRUE(answered("Cigaretter per dag", "3 st"));
  EXPECT_TRUE(answered("Vecka", "2024 vecka 18"));
  EXPECT_TRUE(answered("Vikt", "70,5 kg"));
  EXPECT_TRUE(answered("Besöksdatum", "2024-05-01"));
  EXPECT_TRUE(answered("Läggdags", "22:30"));
  EXPECT_TRUE(answered("Debut", "2024-05-01 10:00"));
  EXPECT_TRUE(answered("Röker du\\?", "Nej"));
  EXPECT_TRUE(answered("Jag mår bra", label("mood", "2")));
  EXPECT_TRUE(answered("Besvär", "• " + label("symptoms", "cough") + "\\n\\s+• " + label("symptoms", "fever")));
  EXPECT_TRUE(has(t, "Jag sover gott: " + label("habits", "1"))) << "a matrix row with its column";
  EXPECT_TRUE(has(t, "remiss.pdf (bifogad fil)"));
  EXPECT_TRUE(answered("Sedan när\\?", "Ej besvarad"));
  EXPECT_TRUE(has(t, "Kontaktuppgifter")) << "the group's title";
  EXPECT_TRUE(answered("Telefon", "Ej besvarad"));
  expect_pages(p);
  fs::remove(p.pdf_path);
}

TEST(answer_pdf, english_form_texts_swedish_labels) {
  const auto s = evaluate("samples/phq-9/form.json", kPhq9);
  answer_export a = sample_export(*s);
  a.language = "en";
  const printed p = read_pdf(answer_pdf(a), "answer-phq9-en");
  EXPECT_TRUE(has(p.text, "Patient Health Questionnaire (PHQ-9)")) << p.text;
  EXPECT_TRUE(has(p.text, "More than half the days"));
  EXPECT_TRUE(has(p.text, "Moderately severe (15–19)"));
  EXPECT_TRUE(has(p.text, "Mottagare")) << "the export's own labels stay Swedish";
  EXPECT_TRUE(has(p.text, "Kritisk: Item 9"));
  fs::remove(p.pdf_path);
}

TEST(answer_pdf, hostile_names) {
  const auto s = evaluate("samples/phq-9/form.json", kPhq9);
  answer_export a = sample_export(*s);
  a.recipient = person{std::string("Anna\x01\tAndersson\xff"), "not a number"};
  a.unit_name = std::string(400, 'W');
  const printed p = read_pdf(answer_pdf(a), "answer-hostile");
  EXPECT_TRUE(has(p.text, "Anna Andersson")) << p.text;
  expect_pages(p);
  fs::remove(p.pdf_path);
}

// The server's workers make PDFs at the same time, each thread with its own font map.
TEST(answer_pdf, threads_at_once) {
  const auto s = evaluate("samples/phq-9/form.json", kPhq9);
  const answer_export a = sample_export(*s);
  expect_same_on_threads([&a] { return answer_pdf(a); }, "answer", "19121212-1212");
}

TEST(answer_pdf, no_answers_is_empty) {
  answer_export a;
  EXPECT_EQ(answer_pdf(a), "");
}

}  // namespace
}  // namespace blankett::server
