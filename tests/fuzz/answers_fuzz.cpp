// libFuzzer target: answer documents, read against forms with every item type and with logic, then
// validated, evaluated and written as results; each answer is also set incrementally. The input is
// the "answers" object (the target wraps it in a document for each form), so that mutations reach
// the answers rather than stopping at a form id that does not match.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "blankett/answers.h"
#include "blankett/logic.h"

namespace {

using namespace blankett;

const std::vector<form>& forms() {
  static const std::vector<form> all = [] {
    std::vector<form> out;
    for (const char* path : {"tests/core/data/all-types.json", "samples/halsoenkat/form.json", "samples/audit/form.json"}) {
      std::ifstream in(std::string(BLANKETT_SOURCE_DIR) + "/" + path, std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto r = load_form(text);
      if (r.ok()) out.push_back(std::move(*r.value));
    }
    return out;
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const form& f : forms()) {
    answer_reader reader;
    answer_document doc;
    std::vector<diagnostic> diags;
    const std::string wrapped = R"({"form": ")" + f.id + R"(", "version": )" + std::to_string(f.version) +
                                R"(, "meta": {"subject": "19640823-3234"}, "answers": )" + std::string(text) + "}";
    if (!reader.read(f, wrapped, doc, diags)) continue;
    evaluation ev(f);
    evaluation_options opt;
    opt.today = {2026, 6, 1};
    ev.set_options(opt);
    ev.evaluate(doc);
    validation_result r;
    ev.result(r);
    std::string out;
    json_writer w(out);
    write_result(f, doc, r, w);
    // The same answers one by one, from the document's own text slices.
    for (uint32_t i = 0; i < f.items.size() && i < 64; ++i) ev.set_answer(i, text.substr(0, i % 7 == 0 ? size : 16));
  }
  return 0;
}
