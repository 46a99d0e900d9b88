// Blankett's side of the side-by-side benchmark (bench/peers/): the same inputs as the JavaScript
// engines (written by bench/peers/inputs.mjs), checked against the same expected results before
// anything is timed. Natively with Google Benchmark; in wasm with bench/wasm/benchmark.h under node.
//   build/release/bench/blankett_peers --input=build/peers --benchmark_format=json
//   node --no-experimental-fetch build/wasm/bench/blankett_peers.js --input=build/peers
// Counters: session_bytes, the heap an evaluation session holds (the evaluation, its answer
// document and the reader's buffers; the loaded form is shared and counted apart as form_bytes).
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <new>
#include <string>
#include <vector>

#include "blankett/answers.h"
#include "blankett/form.h"
#include "blankett/logic.h"
#include "blankett/pnr.h"
#include "blankett/validate.h"
#include "simdjson.h"

// ---- Live heap bytes, for the memory figures: every allocation of this program is counted --------
namespace {
std::atomic<int64_t> g_live{0};
}  // namespace
void* operator new(std::size_t n) {
  void* p = std::malloc(n + 16);
  if (!p) throw std::bad_alloc();
  *static_cast<std::size_t*>(p) = n;
  g_live += static_cast<int64_t>(n);
  return static_cast<char*>(p) + 16;
}
void operator delete(void* p) noexcept {
  if (!p) return;
  char* base = static_cast<char*>(p) - 16;
  g_live -= static_cast<int64_t>(*reinterpret_cast<std::size_t*>(base));
  std::free(base);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }

using namespace blankett;

namespace {

// The inputs' folder: --input=DIR (wasm programs do not see the environment), else
// BLANKETT_PEERS_INPUT, else build/peers.
std::string& input_flag() {
  static std::string d;
  return d;
}
std::string dir() {
  if (!input_flag().empty()) return input_flag();
  const char* d = std::getenv("BLANKETT_PEERS_INPUT");
  return d ? d : "build/peers";
}

std::string read(const std::string& name) {
  std::ifstream in(dir() + "/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> lines(const std::string& name) {
  std::vector<std::string> out;
  const std::string all = read(name);
  size_t at = 0;
  while (at < all.size()) {
    size_t end = all.find('\n', at);
    if (end == std::string::npos) end = all.size();
    if (end > at) out.emplace_back(all, at, end - at);
    at = end + 1;
  }
  return out;
}

const civil_date kToday{2026, 11, 30};

struct phq9_inputs {
  std::string form;
  std::vector<std::string> docs;
  std::vector<int> totals;
  std::vector<std::string> bands;
};

const phq9_inputs& phq9() {
  static phq9_inputs in = [] {
    phq9_inputs p;
    p.form = read("phq9-form.json");
    p.docs = lines("phq9.jsonl");
    simdjson::dom::parser parser;
    for (const auto& e : lines("phq9-expected.jsonl")) {
      simdjson::dom::element el;
      int64_t total = -1;
      std::string_view band;
      if (parser.parse(e).get(el) || el["total"].get(total) || el["band"].get(band)) break;
      p.totals.push_back(static_cast<int>(total));
      p.bands.emplace_back(band);
    }
    return p;
  }();
  return in;
}

// From the bytes of an answer document to the full result (every answer checked, q10's visibility,
// the total, its band, the item-9 alert), over the 10,000 documents in turn.
void BM_phq9_response(benchmark::State& state) {
  const phq9_inputs& in = phq9();
  if (in.docs.size() != 10000 || in.totals.size() != in.docs.size()) return state.SkipWithError("inputs missing: run bench/peers/inputs.mjs");
  const int64_t before_form = g_live;
  form_load loaded = load_form(in.form);
  if (!loaded.ok()) return state.SkipWithError("PHQ-9 does not load");
  const form f = std::move(*loaded.value);
  const int64_t form_bytes = g_live - before_form;
  const int64_t before = g_live;
  answer_reader reader;
  answer_document doc;
  evaluation ev(f);
  evaluation_options opt;
  opt.today = kToday;
  ev.set_options(opt);
  validation_result result;
  std::vector<diagnostic> diags;
  for (size_t d = 0; d < in.docs.size(); ++d) {
    if (!reader.read(f, in.docs[d], doc, diags)) return state.SkipWithError("a document does not read");
    ev.evaluate(doc);
    ev.result(result);
    const int32_t b = result.scores[0].bands[0];
    if (!result.valid() || result.scores[0].value.number != in.totals[d] || b < 0 ||
        f.scores[0].bands[0].ranges[static_cast<size_t>(b)].code != in.bands[d])
      return state.SkipWithError("wrong validity, total or band");
  }
  const int64_t session = g_live - before;
  size_t i = 0;
  for (auto _ : state) {
    reader.read(f, in.docs[i++ % in.docs.size()], doc, diags);
    ev.evaluate(doc);
    ev.result(result);
    benchmark::DoNotOptimize(result.scores.data());
  }
  state.counters["session_bytes"] = static_cast<double>(session);
  state.counters["form_bytes"] = static_cast<double>(form_bytes);
}

struct generated_inputs {
  std::string form, answers;
  std::vector<std::string> visible;
  std::vector<std::pair<std::string, double>> calculations;
};

const generated_inputs& generated() {
  static generated_inputs in = [] {
    generated_inputs g;
    g.form = read("generated-form.json");
    g.answers = read("generated-answers.json");
    simdjson::dom::parser parser;
    simdjson::dom::element el;
    const std::string expected = read("generated-expected.json");
    if (parser.parse(expected).get(el)) return g;
    simdjson::dom::array visible;
    simdjson::dom::object calcs;
    if (el["visible"].get(visible) || el["calculations"].get(calcs)) return g;
    for (auto v : visible) g.visible.emplace_back(v.get_string().value_unsafe());
    for (auto c : calcs) g.calculations.emplace_back(std::string(c.key), c.value.get_double().value_unsafe());
    return g;
  }();
  return in;
}

// The generated form's answers read and evaluated, checked against the expected visibility and
// calculations; false when something differs.
bool generated_ok(const form& f, const evaluation& ev, const validation_result& r, const generated_inputs& in) {
  if (!r.valid()) return false;
  size_t visible = 0;
  for (uint32_t i = 0; i < f.items.size(); ++i) visible += ev.visible(i) ? 1 : 0;
  if (visible != in.visible.size()) return false;
  for (const auto& id : in.visible)
    if (!ev.visible(static_cast<uint32_t>(f.find_item(id)))) return false;
  for (size_t c = 0; c < f.calculations.size(); ++c)
    if (f.calculations[c].id != in.calculations[c].first || r.calculations[c].number != in.calculations[c].second) return false;
  return in.calculations.size() == f.calculations.size();
}

// Loading the 500-question form and evaluating its answers in full: SurveyJS's build + data +
// validate.
void BM_generated_load_and_evaluate(benchmark::State& state) {
  const generated_inputs& in = generated();
  if (in.visible.empty()) return state.SkipWithError("inputs missing: run bench/peers/inputs.mjs");
  form_loader loader;
  answer_reader reader;
  answer_document doc;
  std::vector<diagnostic> diags;
  validation_result result;
  {
    form_load loaded = loader.load(in.form);
    if (!loaded.ok() || !reader.read(*loaded.value, in.answers, doc, diags)) return state.SkipWithError("the form or answers do not read");
    evaluation ev(*loaded.value);
    ev.evaluate(doc);
    ev.result(result);
    if (!generated_ok(*loaded.value, ev, result, in)) return state.SkipWithError("wrong visibility or calculations");
  }
  for (auto _ : state) {
    form_load loaded = loader.load(in.form);
    reader.read(*loaded.value, in.answers, doc, diags);
    evaluation ev(*loaded.value);
    ev.evaluate(doc);
    ev.result(result);
    benchmark::DoNotOptimize(result.calculations.data());
  }
}

// One validation pass over the 500 answers on a loaded form (SurveyJS: data set, hasErrors, values).
void BM_generated_evaluate(benchmark::State& state) {
  const generated_inputs& in = generated();
  if (in.visible.empty()) return state.SkipWithError("inputs missing: run bench/peers/inputs.mjs");
  const int64_t before_form = g_live;
  form_load loaded = load_form(in.form);
  if (!loaded.ok()) return state.SkipWithError("the form does not load");
  const form f = std::move(*loaded.value);
  const int64_t form_bytes = g_live - before_form;
  const int64_t before = g_live;
  answer_reader reader;
  answer_document doc;
  std::vector<diagnostic> diags;
  validation_result result;
  evaluation ev(f);
  if (!reader.read(f, in.answers, doc, diags)) return state.SkipWithError("the answers do not read");
  ev.evaluate(doc);
  ev.result(result);
  if (!generated_ok(f, ev, result, in)) return state.SkipWithError("wrong visibility or calculations");
  const int64_t session = g_live - before;
  for (auto _ : state) {
    reader.read(f, in.answers, doc, diags);
    ev.evaluate(doc);
    ev.result(result);
    benchmark::DoNotOptimize(result.calculations.data());
  }
  state.counters["session_bytes"] = static_cast<double>(session);
  state.counters["form_bytes"] = static_cast<double>(form_bytes);
}

// One answer change: q250 between "0" (hides q251 and q252, changes calculations) and "3".
void BM_generated_change(benchmark::State& state) {
  const generated_inputs& in = generated();
  if (in.visible.empty()) return state.SkipWithError("inputs missing: run bench/peers/inputs.mjs");
  form_load loaded = load_form(in.form);
  if (!loaded.ok()) return state.SkipWithError("the form does not load");
  const form f = std::move(*loaded.value);
  answer_reader reader;
  answer_document doc;
  std::vector<diagnostic> diags;
  if (!reader.read(f, in.answers, doc, diags)) return state.SkipWithError("the answers do not read");
  evaluation ev(f);
  ev.evaluate(doc);
  const auto q250 = static_cast<uint32_t>(f.find_item("q250"));
  const auto q251 = static_cast<uint32_t>(f.find_item("q251"));
  ev.set_answer(q250, "\"0\"");
  const bool hidden = !ev.visible(q251);
  ev.set_answer(q250, "\"3\"");
  if (!hidden || !ev.visible(q251)) return state.SkipWithError("the change does not show its follow-ups");
  bool flip = false;
  for (auto _ : state) {
    flip = !flip;
    benchmark::DoNotOptimize(ev.set_answer(q250, flip ? "\"0\"" : "\"3\"").size());
  }
}

// Loading PHQ-9's definition (SurveyJS: building its model).
void BM_phq9_load(benchmark::State& state) {
  const phq9_inputs& in = phq9();
  form_loader loader;  // reused, as the server does
  if (!loader.load(in.form).ok()) return state.SkipWithError("PHQ-9 does not load");
  for (auto _ : state) benchmark::DoNotOptimize(loader.load(in.form));
}

// Entering the 450 visible answers of the 500-question form one by one into a fresh session, as a
// citizen does (SurveyJS: setValue for each), re-evaluating what each answer changes.
void BM_generated_enter_answers(benchmark::State& state) {
  const generated_inputs& in = generated();
  if (in.visible.empty()) return state.SkipWithError("inputs missing: run bench/peers/inputs.mjs");
  form_load loaded = load_form(in.form);
  if (!loaded.ok()) return state.SkipWithError("the form does not load");
  const form f = std::move(*loaded.value);
  simdjson::dom::parser parser;
  simdjson::dom::element answers;
  if (parser.parse(in.answers).get(answers)) return state.SkipWithError("the answers do not parse");
  // The visible answers as (item, JSON value), in the form's order.
  std::vector<std::pair<uint32_t, std::string>> values;
  for (const auto& id : in.visible) {
    simdjson::dom::element v;
    if (answers["answers"][id].get(v)) return state.SkipWithError("an answer is missing");
    values.emplace_back(static_cast<uint32_t>(f.find_item(id)), simdjson::minify(v));
  }
  answer_reader reader;
  answer_document empty;
  std::vector<diagnostic> diags;
  if (!reader.read(f, R"({"form": "generated", "version": 1, "answers": {}})", empty, diags)) return state.SkipWithError("no empty document");
  {
    evaluation ev(f);
    ev.evaluate(empty);
    for (const auto& [item, json] : values) ev.set_answer(item, json);
    validation_result result;
    ev.result(result);
    if (!generated_ok(f, ev, result, in)) return state.SkipWithError("wrong visibility or calculations after entering every answer");
  }
  for (auto _ : state) {
    evaluation ev(f);
    ev.evaluate(empty);
    for (const auto& [item, json] : values) ev.set_answer(item, json);
    benchmark::DoNotOptimize(ev.visible(1));
  }
  state.counters["answers"] = static_cast<double>(values.size());
}

// Personnummer: the million numbers in turn, each checked (format, date, Luhn) as the form does.
void BM_pnr_validate(benchmark::State& state) {
  static const std::vector<std::string> numbers = lines("pnr.txt");
  static const std::vector<std::string> expected = lines("pnr-expected.txt");
  if (numbers.size() != 1000000 || expected.size() != numbers.size()) return state.SkipWithError("inputs missing: run bench/peers/inputs.mjs");
  const pnr_options opt{kToday, false};
  for (size_t i = 0; i < numbers.size(); ++i)
    if (parse_pnr(numbers[i], opt).ok() != (expected[i] == "1")) return state.SkipWithError("a number is judged wrongly");
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(parse_pnr(numbers[i++ % numbers.size()], opt).ok());
}

}  // namespace

int main(int argc, char** argv) {
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]).substr(0, 8) == "--input=") input_flag() = argv[i] + 8;
    else argv[kept++] = argv[i];
  }
  argc = kept;
  benchmark::RegisterBenchmark("phq9/load", BM_phq9_load);
  benchmark::RegisterBenchmark("phq9/response", BM_phq9_response);
  benchmark::RegisterBenchmark("generated/load_and_evaluate", BM_generated_load_and_evaluate);
  benchmark::RegisterBenchmark("generated/evaluate", BM_generated_evaluate);
  benchmark::RegisterBenchmark("generated/change", BM_generated_change);
  benchmark::RegisterBenchmark("generated/enter_answers", BM_generated_enter_answers);
  benchmark::RegisterBenchmark("pnr/validate", BM_pnr_validate);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();  // a wrong answer is reported as an error of its benchmark
  benchmark::Shutdown();
  return 0;
}
