// libFuzzer target: form definitions. Any bytes must give diagnostics or a form, never a crash; a
// form that loads is evaluated with no answers and its result written.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "blankett/form.h"
#include "blankett/logic.h"
#include "blankett/report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  blankett::form_load loaded = blankett::load_form(text);
  std::string out;
  blankett::json_writer w(out);
  blankett::write_check(loaded, "sv", w);
  if (loaded.ok()) {
    blankett::evaluation ev(*loaded.value);
    blankett::validation_result r;
    ev.result(r);
    out.clear();
    blankett::write_result(*loaded.value, ev.answers(), r, w);
  }
  return 0;
}
