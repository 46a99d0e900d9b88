// Benchmarks of the designer on a 1,000-question form, without a window: opening it (the document's
// JSON, the core's load and check, the test panel's evaluation), one committed edit (undo snapshot,
// load, check, evaluation), checking an expression while it is typed, and one frame of the interface
// laid out (Dear ImGui, headless). Each checks its result first. The peers bound them from below: the
// core's load of the same bytes, and the JSON library's parse of them.
//   build/release/bench/designer_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <imgui.h>

#include <string>

#include "panels/panels.h"
#include "platform.h"
#include "state.h"

using namespace blankett;
using namespace blankett::designer;

namespace {

constexpr int kPages = 10, kPerPage = 100;

// Ten pages of 100 questions: choices with points, numbers, texts and yes/no; every tenth question
// is a follow-up of the one before it; a score over the choice questions with its bands.
std::string thousand_questions() {
  json f = {{"format", 1}, {"id", "tusen"}, {"version", 1}, {"languages", {"sv", "en"}},
            {"title", {{"sv", "Tusen frågor"}, {"en", "A thousand questions"}}}};
  json choices = json::array();
  for (int v = 0; v < 4; ++v)
    choices.push_back({{"value", std::to_string(v)}, {"points", v}, {"label", {{"sv", "Val " + std::to_string(v)}, {"en", "Choice " + std::to_string(v)}}}});
  f["choice_sets"] = json::array({json{{"id", "c"}, {"choices", choices}}});
  json pages = json::array(), counted = json::array();
  for (int p = 0, n = 0; p < kPages; ++p) {
    json items = json::array();
    for (int k = 0; k < kPerPage; ++k, ++n) {
      const std::string id = "q" + std::to_string(n);
      json it = {{"id", id}, {"title", {{"sv", "Fråga " + std::to_string(n) + " om hur du mår"}, {"en", "Question " + std::to_string(n) + " on how you feel"}}}};
      switch (n % 4) {
        case 0: it["type"] = "single_choice"; it["choices"] = "c"; counted.push_back(id); break;
        case 1: it["type"] = "integer"; it["min"] = 0; it["max"] = 100; break;
        case 2: it["type"] = "text"; break;
        default: it["type"] = "yes_no"; break;
      }
      if (n % 10 == 5) it["visible_if"] = "answered(q" + std::to_string(n - 1) + ")";
      items.push_back(it);
    }
    pages.push_back({{"id", "p" + std::to_string(p)}, {"title", {{"sv", "Sida " + std::to_string(p + 1)}, {"en", "Page " + std::to_string(p + 1)}}}, {"items", items}});
  }
  f["pages"] = pages;
  f["scores"] = json::array({json{{"id", "total"}, {"title", {{"sv", "Summa"}, {"en", "Total"}}}, {"items", counted}, {"missing", {{"policy", "zero"}}},
                                  {"bands", json::array({json{{"id", "niva"}, {"version", "1"}, {"ranges", json::array({
                                      json{{"code", "low"}, {"min", 0}, {"max", 374}}, json{{"code", "high"}, {"min", 375}, {"max", 750}}})}}})}}});
  return f.dump(2);
}

const std::string& form_text() {
  static const std::string text = thousand_questions();
  return text;
}

bool opened(state& s) {
  std::string error;
  if (!s.doc.open_text(form_text(), error)) return false;
  s.retest();
  return s.doc.errors() == 0 && s.doc.loaded()->items.size() == kPages * kPerPage && s.test != nullptr;
}

void BM_open(benchmark::State& st) {
  state s;
  if (!opened(s)) return st.SkipWithError("the form does not open without problems");
  for (auto _ : st) {
    std::string error;
    s.doc.open_text(form_text(), error);
    s.retest();
    benchmark::DoNotOptimize(s.test.get());
  }
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * form_text().size()));
}

// Peers: what opening costs at the least.
void BM_core_load(benchmark::State& st) {
  form_loader loader;
  if (!loader.load(form_text()).ok()) return st.SkipWithError("the core does not load the form");
  for (auto _ : st) benchmark::DoNotOptimize(loader.load(form_text()));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * form_text().size()));
}

void BM_json_parse(benchmark::State& st) {
  if (json::parse(form_text())["pages"].size() != kPages) return st.SkipWithError("the JSON does not parse");
  for (auto _ : st) benchmark::DoNotOptimize(json::parse(form_text()));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * form_text().size()));
}

// A title changed in the property panel (committed): the command, the undo snapshot, the core's load
// and check, and the test panel's evaluation.
void BM_edit(benchmark::State& st) {
  state s;
  if (!opened(s)) return st.SkipWithError("the form does not open without problems");
  if (!s.apply(set_value("/pages/4/items/50/title/sv", "Ändrad")) || s.doc.loaded()->items[450].title.get("sv") != "Ändrad")
    return st.SkipWithError("the edit did not take");
  int n = 0;
  for (auto _ : st) s.apply(set_value("/pages/4/items/50/title/sv", "Ändrad " + std::to_string(n++)));
}

// An expression checked as it is typed (one keystroke).
void BM_expression_keystroke(benchmark::State& st) {
  state s;
  if (!opened(s)) return st.SkipWithError("the form does not open without problems");
  if (s.doc.check_trial("/pages/4/items/55/visible_if", "answered(q454) and").size() != 1 ||
      !s.doc.check_trial("/pages/4/items/55/visible_if", "answered(q454) and q453 > 2").empty())
    return st.SkipWithError("the check does not find the unfinished expression");
  for (auto _ : st) benchmark::DoNotOptimize(s.doc.check_trial("/pages/4/items/55/visible_if", "answered(q454) and q453 > 2"));
}

// One frame of the whole interface laid out (no pixels: that is the renderer's part), with a question
// on page 5 selected and the preview on its page.
void BM_frame(benchmark::State& st) {
  state s;
  if (!opened(s)) return st.SkipWithError("the form does not open without problems");
  s.selected = "/pages/4/items/50";
  auto p = make_headless_platform(1440, 900);
  bool quit = false;
  for (int warm = 0; warm < 3; ++warm) {
    p->begin_frame();
    draw_frame(s, p->width(), p->height(), quit);
    p->end_frame();
  }
  if (s.preview_page != 4 || ImGui::GetDrawData()->TotalVtxCount < 5000) return st.SkipWithError("the frame does not show page 5");
  for (auto _ : st) {
    p->begin_frame();
    draw_frame(s, p->width(), p->height(), quit);
    p->end_frame();
  }
}

}  // namespace

BENCHMARK(BM_open)->Name("designer_open/1000")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_core_load)->Name("peer_core_load/1000")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_json_parse)->Name("peer_json_parse/1000")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_edit)->Name("designer_edit/1000")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_expression_keystroke)->Name("designer_expression_keystroke/1000")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_frame)->Name("designer_frame/1000")->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
