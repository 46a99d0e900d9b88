// Checking one answer against its item: types were read already; here the rules that need the
// value (mandatory, bounds, lengths, pattern, choices, formats, personnummer, attachments).
#include "answers/check.h"

#include <cmath>

#include "blankett/formats.h"
#include "blankett/pnr.h"

namespace blankett {
namespace {

size_t code_points(std::string_view s) noexcept {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view pnr_reason(error_code e) noexcept {
  switch (e) {
    case error_code::pnr_format: return "format";
    case error_code::pnr_date: return "date";
    case error_code::pnr_checksum: return "checksum";
    case error_code::pnr_birth_number: return "birth_number";
    case error_code::pnr_future: return "future";
    case error_code::pnr_separator: return "separator";
    case error_code::pnr_interim: return "interim";
    default: return "format";
  }
}

class checker {
 public:
  checker(const form& f, const answer_document& d, civil_date today, std::vector<issue>& out)
      : f_(f), doc_(d), today_(today), issues_(out) {}

  void add(uint32_t item, rule r, int32_t row = -1) { issues_.push_back(issue{item, r, row}); }
  void add(uint32_t item, rule r, std::string_view name, double number) {
    issue i{item, r};
    i.nparams = 1;
    i.params[0] = {name, number, {}};
    issues_.push_back(i);
  }

  void check(uint32_t index, bool required) {
    const item& it = f_.items[index];
    const answer& a = doc_.answers[index];
    if (!a.answered()) {
      if (required) add(index, rule::mandatory);
      return;
    }
    if (a.problem != rule::count_) {
      issue i{index, a.problem};
      if (a.problem == rule::type) {
        i.nparams = 1;
        i.params[0] = {"expected", 0, a.expected};
      }
      issues_.push_back(i);
      return;
    }
    switch (a.kind) {
      case value_kind::text: check_text(index, it, doc_.text(a)); break;
      case value_kind::integer:
      case value_kind::decimal: check_number(index, it, a.number); break;
      case value_kind::date:
      case value_kind::time:
      case value_kind::month:
      case value_kind::week:
      case value_kind::datetime:
        if (it.min.number && a.number < *it.min.number) add_text(index, rule::min, "min", it.min.text);
        if (it.max.number && a.number > *it.max.number) add_text(index, rule::max, "max", it.max.text);
        break;
      case value_kind::choices:
        if (it.min_choices && a.count < *it.min_choices) add(index, rule::min_choices, "min_choices", *it.min_choices);
        if (it.max_choices && a.count > *it.max_choices) add(index, rule::max_choices, "max_choices", *it.max_choices);
        break;
      case value_kind::matrix: check_matrix(index, it, a, required); break;
      case value_kind::attachment: check_files(index, it, a); break;
      case value_kind::choice:
      case value_kind::boolean:
      case value_kind::none: break;
    }
  }

 private:
  void add_text(uint32_t item, rule r, std::string_view name, std::string_view text) {
    issue i{item, r};
    i.nparams = 1;
    i.params[0] = {name, 0, text};
    issues_.push_back(i);
  }

  void check_text(uint32_t index, const item& it, std::string_view s) {
    switch (it.type) {
      case item_type::email:
        if (!valid_email(s)) return add(index, rule::format);
        break;
      case item_type::url:
        if (!valid_url(s)) return add(index, rule::format);
        break;
      case item_type::phone:
        if (!valid_phone(s)) return add(index, rule::format);
        break;
      case item_type::personnummer: {
        auto p = parse_pnr(s, pnr_options{today_, false});
        if (!p) {
          issue i{index, rule::format};
          i.detail = p.error();
          i.nparams = 1;
          i.params[0] = {"reason", 0, pnr_reason(p.error())};
          issues_.push_back(i);
          return;
        }
        break;
      }
      default: break;
    }
    if (it.min_length || it.max_length) {
      const size_t n = code_points(s);
      if (it.min_length && n < *it.min_length) add(index, rule::min_length, "min_length", *it.min_length);
      if (it.max_length && n > *it.max_length) add(index, rule::max_length, "max_length", *it.max_length);
    }
    if (it.pattern >= 0 && !f_.patterns[static_cast<size_t>(it.pattern)].matches(s)) add(index, rule::pattern);
  }

  void check_number(uint32_t index, const item& it, double v) {
    if (it.min.number && v < *it.min.number) add(index, rule::min, "min", *it.min.number);
    if (it.max.number && v > *it.max.number) add(index, rule::max, "max", *it.max.number);
    if (it.step) {
      const double base = it.min.number.value_or(0.0);
      const double k = (v - base) / *it.step;
      // Relative tolerance: decimal steps such as 0.1 are not exact in binary.
      if (std::fabs(k - std::round(k)) > 1e-9 * std::max(1.0, std::fabs(k))) add(index, rule::step, "step", *it.step);
    }
  }

  void check_matrix(uint32_t index, const item& it, const answer& a, bool required) {
    const auto cells = doc_.cells(a);
    if (required) {
      for (size_t r = 0; r < it.rows.size(); ++r) {
        bool any = false;
        for (const auto& c : cells) any |= c.row == r;
        if (!any) add(index, rule::mandatory, static_cast<int32_t>(r));
      }
    }
    if (it.cell == cell_kind::text && it.max_length) {
      for (const auto& c : cells) {
        if (code_points(doc_.cell_text(c)) > *it.max_length) {
          issue i{index, rule::max_length, static_cast<int32_t>(c.row)};
          i.nparams = 1;
          i.params[0] = {"max_length", static_cast<double>(*it.max_length), {}};
          issues_.push_back(i);
        }
      }
    }
  }

  void check_files(uint32_t index, const item& it, const answer& a) {
    const auto files = doc_.files(a);
    for (const auto& file : files) {
      if ((file.media & it.media_types) == 0) {
        add(index, rule::media_type);
        break;
      }
    }
    if (it.max_size) {
      for (const auto& file : files) {
        if (file.size > *it.max_size) {
          add(index, rule::max_size, "max_size", static_cast<double>(*it.max_size));
          break;
        }
      }
    }
    const uint32_t max_files = it.max_files.value_or(1);
    if (files.size() > max_files) add(index, rule::max_files, "max_files", max_files);
  }

  const form& f_;
  const answer_document& doc_;
  civil_date today_;
  std::vector<issue>& issues_;
};

}  // namespace

void check_answer_rules(const form& f, const answer_document& doc, uint32_t index, bool required, civil_date today,
                        std::vector<issue>& out) {
  checker(f, doc, today, out).check(index, required);
}

}  // namespace blankett
