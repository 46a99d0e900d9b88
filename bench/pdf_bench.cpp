// Benchmarks of the server's PDFs (issue 15: "A PDF of a PHQ-9 answer is made in under 20 ms").
//
// answer_pdf_phq9 is what an export route does once it has the instance: read the stored answers,
// evaluate them with the core, and lay out and write the answer's PDF. Its peer in the same run is the
// paper letter of the same form (letter_pdf_phq9), the PDF the server already makes; the health survey
// (four pages with the star chart) shows how the time grows with a form. Each checks its PDF before
// timing it: the bytes are a PDF, and pdftotext (poppler-utils) finds the texts staff must read.
//   build/release/bench/pdf_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "blankett/answers.h"
#include "blankett/form.h"
#include "blankett/logic.h"
#include "pdf/answer.h"
#include "pdf/letter.h"

using namespace blankett;
using namespace blankett::server;

namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(BLANKETT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// PHQ-9 with item 9 answered: total 18 (moderately severe) and the critical alert.
const std::string kPhq9 = R"({"form": "phq-9", "version": 1, "answers": {"q1": "2", "q2": "2", "q3": "3", "q4": "3",
  "q5": "2", "q6": "2", "q7": "1", "q8": "1", "q9": "2", "q10": "2"}})";

// The text poppler reads from a PDF, "" when it cannot.
std::string pdf_text(const std::string& pdf) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("blankett-pdf-bench-" + std::to_string(getpid()) + ".pdf")).string();
  std::ofstream(path, std::ios::binary) << pdf;
  std::string out;
  if (FILE* p = popen(("pdftotext -layout '" + path + "' -").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(path);
  return out;
}

bool holds(const std::string& pdf, const std::vector<std::string>& texts) {
  if (pdf.rfind("%PDF-", 0) != 0) return false;
  const std::string t = pdf_text(pdf);
  for (const auto& s : texts)
    if (t.find(s) == std::string::npos) return false;
  return true;
}

const form* load(const std::string& relative) {
  static std::vector<std::unique_ptr<form>> forms;  // kept for the program's life
  auto loaded = load_form(read(relative));
  if (!loaded.ok()) return nullptr;
  forms.push_back(std::make_unique<form>(std::move(*loaded.value)));
  return forms.back().get();
}

// What the route does: the stored answers read and evaluated, then the PDF.
std::string export_pdf(const form& f, const std::string& answers, answer_reader& reader) {
  answer_document doc;
  std::vector<diagnostic> diags;
  if (!reader.read(f, answers, doc, diags)) return {};
  evaluation ev(f);
  evaluation_options o;
  o.today = civil_date{2026, 12, 6};
  ev.set_options(o);
  ev.evaluate(doc);
  return answer_pdf({.unit_name = "Vårdcentralen Norr",
                      .template_name = {},
                      .version = f.version,
                      .state = instance_state::completed,
                      .recipient = person{"Åsa Öberg-Ärlig", "191212121212"},
                      .proxy = {},
                      .answered_by = answerer::citizen,
                      .sent_at = "2026-12-01T11:00:00Z",
                      .submitted_at = "2026-12-05T11:30:00Z",
                      .answer_by = "2027-12-01",
                      .delete_after = "2028-01-01",
                      .documented_at = {},
                      .exported_at = "2026-12-06T12:00:00Z",
                      .answers = &ev,
                      .language = "sv"});
}

void answer_pdf_bench(benchmark::State& state, const char* form_file, const std::string& answers,
                      const std::vector<std::string>& expected) {
  const form* f = load(form_file);
  if (!f) return state.SkipWithError("the form does not load");
  answer_reader reader;
  const std::string first = export_pdf(*f, answers, reader);
  if (!holds(first, expected)) return state.SkipWithError("the answer's PDF lacks its texts");
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string pdf = export_pdf(*f, answers, reader);
    bytes = pdf.size();
    benchmark::DoNotOptimize(pdf.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}

void answer_pdf_phq9(benchmark::State& state) {
  answer_pdf_bench(state, "samples/phq-9/form.json", kPhq9,
                   {"Hälsoformulär (PHQ-9)", "19121212-1212", "PHQ-9, summa", "Måttligt svåra (15–19)",
                    "Kritisk: Fråga 9", "Mer än hälften av dagarna", "Sida 1 av 2"});
}
BENCHMARK(answer_pdf_phq9)->Unit(benchmark::kMillisecond);

void answer_pdf_halsoenkat(benchmark::State& state) {
  answer_pdf_bench(state, "samples/halsoenkat/form.json", read("samples/halsoenkat/answers/near-limits.json"),
                   {"Stjärnprofil", "Tillräckligt aktiv", "BMI", "34,6 kg/m²", "Mätvärden", "Sida 1 av 4"});
}
BENCHMARK(answer_pdf_halsoenkat)->Unit(benchmark::kMillisecond);

// The peer: the paper letter of the same form (a cover page and the questions to answer by hand).
void letter_pdf_phq9(benchmark::State& state) {
  const form* f = load("samples/phq-9/form.json");
  if (!f) return state.SkipWithError("the form does not load");
  letter l;
  l.unit_name = "Vårdcentralen Norr";
  l.recipient_name = "Åsa Öberg-Ärlig";
  l.date = "2026-12-06";
  l.public_url = "https://formular.example.se/";
  l.link = l.public_url + "#/lank/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2";
  l.code = "K7QM-4XTP-9WRD";
  l.answer_by = "2027-12-06";
  l.form = f;
  if (!holds(letter_pdf(l), {"K7QM-4XTP-9WRD", "Lite intresse eller glädje i att göra saker", "Sida 1 av"}))
    return state.SkipWithError("the letter lacks its texts");
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string pdf = letter_pdf(l);
    bytes = pdf.size();
    benchmark::DoNotOptimize(pdf.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(letter_pdf_phq9)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
