// The golden runner: every sample's answer documents validated and compared with expected/.
//
//   golden_runner SAMPLES_DIR            compare; exit 1 on any difference
//   golden_runner SAMPLES_DIR --update   rewrite expected/ from the current results
//
// A sample is a folder with form.json, answers/*.json and expected/*.json (same names). The form
// must load without any diagnostic. Results are compared as canonical JSON (the expected file is
// re-printed by the same writer), so hand-written expectations need not match byte for byte.
// The reference date is fixed (2026-06-01) so that results never depend on the day of the run.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "blankett/answers.h"
#include "blankett/form.h"
#include "blankett/json_writer.h"
#include "blankett/report.h"
#include "blankett/validate.h"
#include "simdjson.h"

namespace fs = std::filesystem;
using namespace blankett;

namespace {

// Copies of the handles for range-for (value_unsafe() on a temporary result returns a dangling T&&).
simdjson::dom::object object_of(simdjson::dom::element e) { return e.get_object().value_unsafe(); }
simdjson::dom::array array_of(simdjson::dom::element e) { return e.get_array().value_unsafe(); }

constexpr civil_date kReferenceDate{2026, 6, 1};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void canonical(simdjson::dom::element e, json_writer& w) {
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::OBJECT:
      w.begin_object();
      for (auto [k, v] : object_of(e)) {
        w.key(k);
        canonical(v, w);
      }
      w.end_object();
      break;
    case element_type::ARRAY:
      w.begin_array();
      for (auto v : array_of(e)) canonical(v, w);
      w.end_array();
      break;
    case element_type::STRING: w.value(e.get_string().value_unsafe()); break;
    case element_type::BOOL: w.value(e.get_bool().value_unsafe()); break;
    case element_type::NULL_VALUE: w.null(); break;
    default: w.value(e.get_double().value_unsafe()); break;
  }
}

std::vector<fs::path> sorted(const fs::path& dir, const char* ext) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: golden_runner SAMPLES_DIR [--update]\n");
    return 2;
  }
  const fs::path root = argv[1];
  const bool update = argc > 2 && std::string(argv[2]) == "--update";
  std::vector<fs::path> samples;
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory() && fs::exists(e.path() / "form.json")) samples.push_back(e.path());
  std::sort(samples.begin(), samples.end());

  size_t documents = 0, failures = 0, written = 0;
  simdjson::dom::parser parser;
  answer_reader reader;
  answer_document doc;
  validation_result result;
  for (const auto& dir : samples) {
    const std::string name = dir.filename().string();
    form_load loaded = load_form(read(dir / "form.json"));
    if (!loaded.diagnostics.empty()) {
      std::string report;
      json_writer w(report, true);
      write_diagnostics(loaded.diagnostics, "en", w);
      std::printf("FAIL %s/form.json has diagnostics:\n%s\n", name.c_str(), report.c_str());
      ++failures;
      continue;
    }
    const form& f = *loaded.value;
    const auto answers = sorted(dir / "answers", ".json");
    for (const auto& a : answers) {
      ++documents;
      const fs::path expected_path = dir / "expected" / a.filename();
      std::vector<diagnostic> diags;
      std::string got;
      json_writer w(got, true);
      if (reader.read(f, read(a), doc, diags)) {
        validate_options opt;
        opt.today = kReferenceDate;
        validate(f, doc, opt, result);
        write_result(f, doc, result, w);
      } else {
        w.begin_object().key("diagnostics");
        write_diagnostics(diags, "en", w);
        w.end_object();
      }
      got += '\n';
      if (update) {
        fs::create_directories(expected_path.parent_path());
        if (!fs::exists(expected_path) || read(expected_path) != got) {
          std::ofstream(expected_path, std::ios::binary) << got;
          std::printf("wrote %s/expected/%s\n", name.c_str(), a.filename().string().c_str());
          ++written;
        }
        continue;
      }
      if (!fs::exists(expected_path)) {
        std::printf("FAIL %s/answers/%s has no expected result (run scripts/update-golden)\n", name.c_str(),
                    a.filename().string().c_str());
        ++failures;
        continue;
      }
      const std::string expected_text = read(expected_path);
      auto parsed = parser.parse(expected_text);
      std::string want;
      if (parsed.error() == simdjson::SUCCESS) {
        json_writer ew(want, true);
        canonical(parsed.value_unsafe(), ew);
        want += '\n';
      }
      if (want != got) {
        std::printf("FAIL %s/answers/%s\n--- expected\n%s--- got\n%s", name.c_str(), a.filename().string().c_str(),
                    want.c_str(), got.c_str());
        ++failures;
      }
    }
    // An expectation without its answer document is stale.
    for (const auto& e : sorted(dir / "expected", ".json")) {
      if (!fs::exists(dir / "answers" / e.filename())) {
        std::printf("FAIL %s/expected/%s has no answer document\n", name.c_str(), e.filename().string().c_str());
        ++failures;
      }
    }
  }
  if (update) {
    std::printf("golden: %zu samples, %zu answer documents, %zu expected files written\n", samples.size(), documents, written);
    return 0;
  }
  std::printf("golden: %zu samples, %zu answer documents, %zu failures\n", samples.size(), documents, failures);
  return failures == 0 && documents > 0 ? 0 : 1;
}
