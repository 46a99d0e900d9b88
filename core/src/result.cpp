// Stable names of the core's error codes.
#include "blankett/result.h"

namespace blankett {

std::string_view error_name(error_code e) noexcept {
  switch (e) {
    case error_code::ok: return "ok";
    case error_code::pnr_format: return "pnr.format";
    case error_code::pnr_date: return "pnr.date";
    case error_code::pnr_checksum: return "pnr.checksum";
    case error_code::pnr_birth_number: return "pnr.birth_number";
    case error_code::pnr_future: return "pnr.future";
    case error_code::pnr_separator: return "pnr.separator";
    case error_code::pnr_interim: return "pnr.interim";
    case error_code::date_format: return "date.format";
    case error_code::date_range: return "date.range";
  }
  return "unknown";
}

}  // namespace blankett
