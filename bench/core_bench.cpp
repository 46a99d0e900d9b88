// Benchmarks of the core: loading forms, reading and validating answer documents, personnummer.
//
// Every benchmark checks its result before timing (SkipWithError on a wrong answer) and has a peer in
// the same run that bounds it from below: simdjson's DOM parse of the same bytes for forms and answer
// documents, a bare Luhn check for personnummer.
//   build/release/bench/core_bench                       all, with medians over 5 repetitions:
//   build/release/bench/core_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "blankett/answers.h"
#include "blankett/form.h"
#include "blankett/pnr.h"
#include "blankett/validate.h"
#include "simdjson.h"

using namespace blankett;

namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(BLANKETT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A generated form of `items` questions over 5 pages, mixing the common item types.
std::string generated_form(int items) {
  std::string s = R"({"format": 1, "id": "generated", "version": 1, "languages": ["sv", "en"],
  "title": {"sv": "Stort formulär", "en": "Large form"},
  "choice_sets": [{"id": "freq", "choices": [
    {"value": "0", "points": 0, "label": {"sv": "Aldrig", "en": "Never"}},
    {"value": "1", "points": 1, "label": {"sv": "Ibland", "en": "Sometimes"}},
    {"value": "2", "points": 2, "label": {"sv": "Ofta", "en": "Often"}},
    {"value": "3", "points": 3, "label": {"sv": "Alltid", "en": "Always"}}]}],
  "pages": [)";
  const int per_page = items / 5;
  for (int p = 0; p < 5; ++p) {
    s += (p ? "," : "") + std::string(R"({"id": "p)") + std::to_string(p) + R"(", "items": [)";
    for (int i = 0; i < per_page; ++i) {
      const int n = p * per_page + i;
      const std::string id = "q" + std::to_string(n);
      const std::string title = R"("title": {"sv": "Fråga )" + std::to_string(n) + R"(", "en": "Question )" +
                                std::to_string(n) + R"("})";
      s += i ? "," : "";
      switch (n % 5) {
        case 0: s += R"({"id": ")" + id + R"(", "type": "single_choice", "mandatory": true, "choices": "freq", )" + title + "}"; break;
        case 1: s += R"({"id": ")" + id + R"(", "type": "integer", "min": 0, "max": 120, "unit": "min", )" + title + "}"; break;
        case 2: s += R"({"id": ")" + id + R"(", "type": "text", "max_length": 200, )" + title + "}"; break;
        case 3: s += R"({"id": ")" + id + R"(", "type": "date", "min": "1900-01-01", )" + title + "}"; break;
        case 4: s += R"({"id": ")" + id + R"(", "type": "yes_no", "mandatory": true, )" + title + "}"; break;
      }
    }
    s += "]}";
  }
  return s + "]}";
}

std::string generated_answers(int items) {
  std::string s = R"({"form": "generated", "version": 1, "answers": {)";
  for (int n = 0; n < items; ++n) {
    s += (n ? "," : "") + std::string("\"q") + std::to_string(n) + "\": ";
    switch (n % 5) {
      case 0: s += "\"" + std::to_string(n % 4) + "\""; break;
      case 1: s += std::to_string(n % 121); break;
      case 2: s += "\"Svar på fråga " + std::to_string(n) + "\""; break;
      case 3: s += "\"2026-11-22\""; break;
      case 4: s += n % 2 ? "true" : "false"; break;
    }
  }
  return s + "}}";
}

// PHQ-9 answer documents with deterministic random answers 0-3 (q10 omitted).
std::vector<std::string> phq9_documents(size_t n) {
  std::mt19937 rng(2026);
  std::vector<std::string> docs;
  for (size_t d = 0; d < n; ++d) {
    std::string s = R"({"form": "phq-9", "version": 1, "answers": {)";
    for (int q = 1; q <= 9; ++q) s += (q > 1 ? "," : "") + std::string("\"q") + std::to_string(q) + "\": \"" + std::to_string(rng() % 4) + "\"";
    docs.push_back(s + R"(}, "meta": {"language": "sv"}})");
  }
  return docs;
}

void BM_load_form(benchmark::State& state, const std::string& json) {
  form_loader loader;  // reused, as the server and the designer do
  if (!loader.load(json).ok()) return state.SkipWithError("the form does not load");
  for (auto _ : state) benchmark::DoNotOptimize(loader.load(json));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * json.size()));
}

// Peer: simdjson's DOM parse of the same bytes (what loading costs at the least).
void BM_simdjson_parse(benchmark::State& state, const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  if (parser.parse(padded).error()) return state.SkipWithError("simdjson refuses the document");
  for (auto _ : state) benchmark::DoNotOptimize(parser.parse(padded).error());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * json.size()));
}

// From the answer document's bytes to the validation result, over many different documents.
void BM_read_validate(benchmark::State& state, const std::string& form_json, const std::vector<std::string>& docs) {
  const form f = std::move(*load_form(form_json).value);
  answer_reader reader;
  answer_document doc;
  validation_result result;
  std::vector<diagnostic> diags;
  validate_options opt;
  opt.today = {2026, 11, 22};
  for (const auto& d : docs) {  // every document must read and be valid before anything is timed
    if (!reader.read(f, d, doc, diags)) return state.SkipWithError("an answer document does not read");
    validate(f, doc, opt, result);
    if (!result.valid()) return state.SkipWithError("an answer document is not valid");
  }
  size_t i = 0;
  for (auto _ : state) {
    const std::string& d = docs[i++ % docs.size()];
    reader.read(f, d, doc, diags);
    validate(f, doc, opt, result);
    benchmark::DoNotOptimize(result.issues.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_simdjson_parse_many(benchmark::State& state, const std::vector<std::string>& docs) {
  simdjson::dom::parser parser;
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(parser.parse(docs[i++ % docs.size()]).error());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

std::vector<std::string> ten_digit_pins() {
  const std::string all = read("tests/data/external/personnummer/personnummer-meta-allPins.json");
  std::vector<std::string> out;
  const civil_date today{2026, 11, 22};
  for (size_t i = all.find('"'); i != std::string::npos; i = all.find('"', i + 14)) {
    auto p = parse_pnr(std::string_view(all).substr(i + 1, 12), {today, false});
    if (p) out.push_back(p->ten(today));
  }
  return out;
}

void BM_pnr_parse(benchmark::State& state, const std::vector<std::string>& pins) {
  const pnr_options opt{{2026, 11, 22}, false};
  size_t valid = 0;
  for (const auto& p : pins) valid += parse_pnr(p, opt).ok();
  if (pins.size() != 41129 || valid != pins.size()) return state.SkipWithError("not all 41129 numbers are valid");
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(parse_pnr(pins[i++ % pins.size()], opt).ok());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// Peer: the Luhn check alone over "YYMMDD-NNNC" (the least any validator must do).
bool luhn_only(std::string_view s) {
  int sum = 0, k = 0;
  for (char c : s) {
    if (c < '0' || c > '9') continue;
    int d = c - '0';
    if (k < 9 && k % 2 == 0 && (d *= 2) > 9) d -= 9;
    if (k++ < 9) sum += d;
    else return (10 - sum % 10) % 10 == d;
  }
  return false;
}

void BM_luhn_only(benchmark::State& state, const std::vector<std::string>& pins) {
  for (const auto& p : pins)
    if (!luhn_only(p)) return state.SkipWithError("the Luhn peer is wrong");
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(luhn_only(pins[i++ % pins.size()]));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

}  // namespace

int main(int argc, char** argv) {
  static std::vector<std::pair<std::string, std::string>> forms;
  for (const char* s : {"phq-9", "gad-7", "audit", "who-5"}) forms.emplace_back(s, read(std::string("samples/") + s + "/form.json"));
  forms.emplace_back("all-types", read("tests/core/data/all-types.json"));
  forms.emplace_back("generated-500", generated_form(500));
  for (const auto& [name, json] : forms) {
    benchmark::RegisterBenchmark(("load_form/" + name).c_str(), BM_load_form, json);
    benchmark::RegisterBenchmark(("peer_simdjson_parse/" + name).c_str(), BM_simdjson_parse, json);
  }

  static const std::vector<std::string> phq9 = phq9_documents(10000);
  static const std::string phq9_form = read("samples/phq-9/form.json");
  benchmark::RegisterBenchmark("read_validate/phq-9", BM_read_validate, phq9_form, phq9);
  benchmark::RegisterBenchmark("peer_simdjson_parse/phq-9-answers", BM_simdjson_parse_many, phq9);
  static const std::vector<std::string> big{generated_answers(500)};
  static const std::string big_form = generated_form(500);
  benchmark::RegisterBenchmark("read_validate/generated-500", BM_read_validate, big_form, big);
  benchmark::RegisterBenchmark("peer_simdjson_parse/generated-500-answers", BM_simdjson_parse_many, big);

  static const std::vector<std::string> pins = ten_digit_pins();
  benchmark::RegisterBenchmark("pnr_parse/skatteverket", BM_pnr_parse, pins);
  benchmark::RegisterBenchmark("peer_luhn_only/skatteverket", BM_luhn_only, pins);

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
