// The form loader: JSON -> form model, reporting every problem at once with its JSON pointer. The
// readers of each part are in form/context.h (structure) and form/logic_reader.cpp (logic).
#include <algorithm>

#include "blankett/logic.h"
#include "form/context.h"
#include "json/scanner.h"

namespace blankett {
using namespace form_detail;

// -------------------------------------------------------------------------------------------------
// [SECTION] load_form()
// -------------------------------------------------------------------------------------------------

struct form_loader_impl {
  simdjson::dom::parser parser;
};

form_loader::form_loader() : impl_(std::make_unique<form_loader_impl>()) {}
form_loader::~form_loader() = default;
form_loader::form_loader(form_loader&&) noexcept = default;
form_loader& form_loader::operator=(form_loader&&) noexcept = default;

form_load form_loader::load(std::string_view json_text, const load_options& options) {
  form_load out;
  json::element root;
  if (!json::parse_dom(impl_->parser, json_text, options.max_bytes, options.max_depth, root, out.diagnostics))
    return out;

  context ctx(options, out.diagnostics);
  ctx.f.items.reserve(json_text.size() / 128);  // about one item per 128 bytes in real forms
  ctx.read_form(root);
  if (ctx.w.error_count() == 0) {
    // The dependency graph; a cycle is an error at the expression where it closes.
    std::vector<logic_cycle> cycles;
    ctx.f.graph = build_logic_graph(ctx.f, cycles);
    for (const logic_cycle& c : cycles) {
      std::string ids;
      for (const auto& id : c.ids) ids += id + " → ";
      if (!c.ids.empty()) ids += c.ids.front();
      diagnostic& d = ctx.w.report(diag_code::form_cycle, {param("cycle", ids)});
      for (const auto& e : ctx.expressions)
        if (e.program == c.program) d.pointer = e.pointer;
    }
  }
  if (!out.diagnostics.empty()) {
    json::locate_diagnostics(json_text, out.diagnostics);
    std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const diagnostic& a, const diagnostic& b) {
      return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
  }
  ctx.w.finish();  // after sorting: "and N more" stays last
  if (ctx.w.error_count() == 0) {
    ctx.f.items.shrink_to_fit();
    for (auto& set : ctx.f.choice_sets) set.index_values();
    ctx.f.index_.build(ctx.f.items);
    out.value = std::move(ctx.f);
  }
  return out;
}

form_load load_form(std::string_view json_text, const load_options& options) {
  return form_loader().load(json_text, options);
}

}  // namespace blankett
