// Benchmarks of the core: loading forms, reading, validating and scoring answer documents, the logic
// of a large form (full and incremental), personnummer, the worst pattern a form may hold.
//
// Every benchmark checks its result before timing (SkipWithError on a wrong answer) and has a peer in
// the same run that bounds it from below: simdjson's DOM parse of the same bytes for forms and answer
// documents, a bare Luhn check for personnummer, the class tests alone for the pattern. The same
// source builds natively against Google Benchmark and for WebAssembly against bench/wasm/benchmark.h
// (same API, run under node).
//   build/release/bench/core_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//   node --no-experimental-fetch build/wasm/bench/core_bench.js
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "blankett/answers.h"
#include "blankett/form.h"
#include "blankett/logic.h"
#include "blankett/pattern.h"
#include "blankett/pnr.h"
#include "blankett/validate.h"
#include "simdjson.h"

using namespace blankett;

namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(BLANKETT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A generated form of 500 questions on 5 pages mixing the common item types, with 200 follow-up
// conditions and 50 calculations: question n (n % 5 == 0) is a choice with points 0-3; the next
// question with n % 5 == 1 or 2 (200 of them... every one of those 200) is shown only when that
// choice scores above 0; calculation j sums the points of four choices and adds a number.
constexpr int kItems = 500;
constexpr int kCalculations = 50;

std::string generated_form() {
  std::string s = R"({"format": 1, "id": "generated", "version": 1, "languages": ["sv", "en"],
  "title": {"sv": "Stort formulär", "en": "Large form"},
  "choice_sets": [{"id": "freq", "choices": [
    {"value": "0", "points": 0, "label": {"sv": "Aldrig", "en": "Never"}},
    {"value": "1", "points": 1, "label": {"sv": "Ibland", "en": "Sometimes"}},
    {"value": "2", "points": 2, "label": {"sv": "Ofta", "en": "Often"}},
    {"value": "3", "points": 3, "label": {"sv": "Alltid", "en": "Always"}}]}],
  "pages": [)";
  const int per_page = kItems / 5;
  for (int p = 0; p < 5; ++p) {
    s += (p ? "," : "") + std::string(R"({"id": "p)") + std::to_string(p) + R"(", "items": [)";
    for (int i = 0; i < per_page; ++i) {
      const int n = p * per_page + i;
      const std::string id = "q" + std::to_string(n);
      const std::string title = R"("title": {"sv": "Fråga )" + std::to_string(n) + R"(", "en": "Question )" +
                                std::to_string(n) + R"("})";
      const std::string condition = R"(, "visible_if": "points(q)" + std::to_string(n - n % 5) + R"() > 0")";
      s += i ? "," : "";
      switch (n % 5) {
        case 0: s += R"({"id": ")" + id + R"(", "type": "single_choice", "mandatory": true, "choices": "freq", )" + title + "}"; break;
        case 1: s += R"({"id": ")" + id + R"(", "type": "integer", "min": 0, "max": 120, "unit": "min", )" + title + condition + "}"; break;
        case 2: s += R"({"id": ")" + id + R"(", "type": "text", "max_length": 200, )" + title + condition + "}"; break;
        case 3: s += R"({"id": ")" + id + R"(", "type": "date", "min": "1900-01-01", )" + title + "}"; break;
        case 4: s += R"({"id": ")" + id + R"(", "type": "yes_no", "mandatory": true, )" + title + "}"; break;
      }
    }
    s += "]}";
  }
  s += R"(], "calculations": [)";
  for (int j = 0; j < kCalculations; ++j) {
    const int base = j * 10;
    s += (j ? "," : "") + std::string(R"({"id": "c)") + std::to_string(j) + R"(", "title": {"sv": "C", "en": "C"}, "formula": "sum(points(q)" +
         std::to_string(base) + "), points(q" + std::to_string(base + 5) + "), points(q" + std::to_string((base + 250) % kItems) +
         "), points(q" + std::to_string((base + 255) % kItems) + ")) + value_or(q" + std::to_string(base + 1) + R"B(, 0)"})B";
  }
  return s + "]}";
}

// All 500 answers, choices cycling 0-3 (so some conditions hide their questions).
std::string generated_answers() {
  std::string s = R"({"form": "generated", "version": 1, "answers": {)";
  for (int n = 0; n < kItems; ++n) {
    s += (n ? "," : "") + std::string("\"q") + std::to_string(n) + "\": ";
    switch (n % 5) {
      case 0: s += "\"" + std::to_string((n / 5) % 4) + "\""; break;
      case 1: s += std::to_string(n % 121); break;
      case 2: s += "\"Svar på fråga " + std::to_string(n) + "\""; break;
      case 3: s += "\"2026-11-22\""; break;
      case 4: s += n % 2 ? "true" : "false"; break;
    }
  }
  return s + "}}";
}

// PHQ-9 answer documents with deterministic random answers 0-3 (q10 when shown), and their totals.
struct phq9_set {
  std::vector<std::string> docs;
  std::vector<int> totals;
};
phq9_set phq9_documents(size_t n) {
  std::mt19937 rng(2026);
  phq9_set out;
  for (size_t d = 0; d < n; ++d) {
    std::string s = R"({"form": "phq-9", "version": 1, "answers": {)";
    int total = 0;
    for (int q = 1; q <= 9; ++q) {
      const int v = static_cast<int>(rng() % 4);
      total += v;
      s += (q > 1 ? "," : "") + std::string("\"q") + std::to_string(q) + "\": \"" + std::to_string(v) + "\"";
    }
    if (total > 0) s += R"(, "q10": "1")";
    out.docs.push_back(s + R"(}, "meta": {"language": "sv"}})");
    out.totals.push_back(total);
  }
  return out;
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

// From the answer document's bytes to the full result (issues, the score and its band, the alert),
// over 10,000 different documents in turn: what the server does for each submission.
void BM_phq9_result(benchmark::State& state, const std::string& form_json, const phq9_set& set) {
  const form f = std::move(*load_form(form_json).value);
  answer_reader reader;
  answer_document doc;
  evaluation ev(f);
  evaluation_options opt;
  opt.today = {2026, 11, 22};
  ev.set_options(opt);
  validation_result result;
  std::vector<diagnostic> diags;
  for (size_t d = 0; d < set.docs.size(); ++d) {  // every answer must be right before anything is timed
    if (!reader.read(f, set.docs[d], doc, diags)) return state.SkipWithError("a document does not read");
    ev.evaluate(doc);
    ev.result(result);
    if (!result.valid() || result.scores.size() != 1 || result.scores[0].value.number != set.totals[d] ||
        result.scores[0].bands[0] < 0)
      return state.SkipWithError("wrong validity, total or band");
  }
  size_t i = 0;
  for (auto _ : state) {
    reader.read(f, set.docs[i++ % set.docs.size()], doc, diags);
    ev.evaluate(doc);
    ev.result(result);
    benchmark::DoNotOptimize(result.scores.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_simdjson_parse_many(benchmark::State& state, const std::vector<std::string>& docs) {
  simdjson::dom::parser parser;
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(parser.parse(docs[i++ % docs.size()]).error());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// The generated form's expected state, computed here independently of the core.
bool generated_ok(const form& f, const evaluation& ev, const validation_result& r) {
  int hidden = 0;
  for (int n = 0; n < kItems; ++n) {
    const bool shown = ev.visible(static_cast<uint32_t>(n));
    const bool want = !(n % 5 == 1 || n % 5 == 2) || ((n / 5) % 4) != 0;
    if (shown != want) return false;
    hidden += !shown;
  }
  if (hidden != 50 || r.calculations.size() != kCalculations) return false;
  for (int j = 0; j < kCalculations; ++j) {
    const int base = j * 10;
    auto pts = [](int n) { return (n / 5) % 4; };
    const int value_q = base + 1;
    const double extra = pts(base) != 0 ? value_q % 121 : 0;  // hidden questions are null
    const double want = pts(base) + pts(base + 5) + pts((base + 250) % kItems) + pts((base + 255) % kItems) + extra;
    if (r.calculations[j].number != want) return false;
  }
  return f.items.size() == kItems;
}

void BM_full_evaluation(benchmark::State& state, const std::string& form_json, const std::string& answers) {
  const form f = std::move(*load_form(form_json).value);
  answer_reader reader;
  answer_document doc;
  std::vector<diagnostic> diags;
  if (!reader.read(f, answers, doc, diags)) return state.SkipWithError("the answers do not read");
  evaluation ev(f);
  ev.evaluate(doc);
  validation_result result;
  ev.result(result);
  if (!result.valid() || !generated_ok(f, ev, result)) return state.SkipWithError("wrong visibility or calculations");
  for (auto _ : state) {
    ev.evaluate(doc);
    benchmark::DoNotOptimize(ev.visible(0));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// One answer changed in the 500-question form: the choice q250 between "0" (hiding two follow-up
// questions and changing a calculation) and "3", re-evaluating only what depends on it.
void BM_incremental_change(benchmark::State& state, const std::string& form_json, const std::string& answers) {
  const form f = std::move(*load_form(form_json).value);
  answer_reader reader;
  answer_document doc;
  std::vector<diagnostic> diags;
  if (!reader.read(f, answers, doc, diags)) return state.SkipWithError("the answers do not read");
  evaluation ev(f);
  ev.evaluate(doc);
  const auto q250 = static_cast<uint32_t>(f.find_item("q250"));
  const auto q251 = static_cast<uint32_t>(f.find_item("q251"));
  ev.set_answer(q250, "\"0\"");
  const bool hidden = !ev.visible(q251);
  const size_t changed = ev.set_answer(q250, "\"3\"").size();
  if (!hidden || !ev.visible(q251) || changed < 5) return state.SkipWithError("the change does not show its follow-ups");
  bool flip = false;
  for (auto _ : state) {
    flip = !flip;
    benchmark::DoNotOptimize(ev.set_answer(q250, flip ? "\"0\"" : "\"3\"").size());
  }
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

// The worst accepted pattern (as in tests/core/pattern_test.cpp): 314 loops over a class of 511
// ranges, 4,084 units of work per character, every thread alive on every character of a 16 KB value.
constexpr uint64_t kWorstLoops = 314;
std::string worst_class() {
  std::string c = "[a";
  for (uint32_t k = 0; k < 510; ++k) {  // U+0100, U+0102, ...: two bytes each, none adjacent
    const uint32_t cp = 0x100 + 2 * k;
    c += static_cast<char>(0xC0 | (cp >> 6));
    c += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return c + "]";
}
const std::string kWorstValue(pattern::max_value, 'a');

void BM_pattern_worst(benchmark::State& state) {
  pattern p;
  pattern::compile_error err;
  if (!pattern::compile("(?:" + worst_class() + "*){" + std::to_string(kWorstLoops) + "}", p, err))
    return state.SkipWithError("the pattern does not compile");
  uint64_t steps = 0;
  const uint64_t n = kWorstLoops, l = kWorstValue.size();
  if (p.work() != 13 * n + 2 || !p.matches(kWorstValue, steps) || steps != 3 * n + 2 + l * (13 * n + 1))
    return state.SkipWithError("wrong work, match or step count");
  for (auto _ : state) benchmark::DoNotOptimize(p.matches(kWorstValue));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * l));
  state.counters["steps"] = static_cast<double>(steps);
}

// Peer: only the class tests the VM makes, one binary search per loop and character.
void BM_class_tests_only(benchmark::State& state) {
  pattern p;
  pattern::compile_error err;
  if (!pattern::compile(worst_class(), p, err)) return state.SkipWithError("the class does not compile");
  const std::vector<pattern::range>& r = p.ranges();
  auto inside = [&](uint32_t cp) {
    auto it = std::lower_bound(r.begin(), r.end(), cp, [](const pattern::range& x, uint32_t c) { return x.hi < c; });
    return it != r.end() && it->lo <= cp;
  };
  auto hits = [&] {
    uint64_t n = 0;
    for (char c : kWorstValue)
      for (uint64_t k = 0; k < kWorstLoops; ++k) {
        n += inside(static_cast<unsigned char>(c));
        benchmark::DoNotOptimize(n);  // one search per loop: the compiler may not hoist it
      }
    return n;
  };
  if (r.size() != 511 || inside('b') || hits() != kWorstLoops * kWorstValue.size())
    return state.SkipWithError("wrong ranges");
  for (auto _ : state) benchmark::DoNotOptimize(hits());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kWorstValue.size()));
}

}  // namespace

int main(int argc, char** argv) {
  static std::vector<std::pair<std::string, std::string>> forms;
  // Every sample form, in name order.
  std::vector<std::string> samples;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("samples", ec))
    if (entry.is_directory()) samples.push_back(entry.path().filename().string());
  std::sort(samples.begin(), samples.end());
  for (const auto& s : samples) {
    std::string text = read("samples/" + s + "/form.json");
    if (!text.empty()) forms.emplace_back(s, std::move(text));
  }
  forms.emplace_back("all-types", read("tests/core/data/all-types.json"));
  static const std::string big_form = generated_form();
  static const std::string big_answers = generated_answers();
  forms.emplace_back("generated-500", big_form);
  for (const auto& [name, json] : forms) {
    benchmark::RegisterBenchmark(("load_form/" + name).c_str(), BM_load_form, json);
    benchmark::RegisterBenchmark(("peer_simdjson_parse/" + name).c_str(), BM_simdjson_parse, json);
  }

  static const phq9_set phq9 = phq9_documents(10000);
  static const std::string phq9_form = read("samples/phq-9/form.json");
  benchmark::RegisterBenchmark("result/phq-9", BM_phq9_result, phq9_form, phq9);
  benchmark::RegisterBenchmark("peer_simdjson_parse/phq-9-answers", BM_simdjson_parse_many, phq9.docs);
  benchmark::RegisterBenchmark("full_evaluation/generated-500", BM_full_evaluation, big_form, big_answers);
  benchmark::RegisterBenchmark("incremental_change/generated-500", BM_incremental_change, big_form, big_answers);
  static const std::vector<std::string> big_docs{big_answers};
  benchmark::RegisterBenchmark("peer_simdjson_parse/generated-500-answers", BM_simdjson_parse_many, big_docs);

  static const std::vector<std::string> pins = ten_digit_pins();
  benchmark::RegisterBenchmark("pnr_parse/skatteverket", BM_pnr_parse, pins);
  benchmark::RegisterBenchmark("peer_luhn_only/skatteverket", BM_luhn_only, pins);
  benchmark::RegisterBenchmark("pattern_worst/16k", BM_pattern_worst);
  benchmark::RegisterBenchmark("peer_class_tests_only/16k", BM_class_tests_only);

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
