// Reading answer documents: document checks as diagnostics, each answer into a typed value.
#include <cmath>

#include "blankett/answers.h"
#include "blankett/dates.h"
#include "json/dom.h"
#include "json/scanner.h"

namespace blankett {

using json::element;
using json::element_type;
using json::param;

void answer_document::clear(size_t items) {
  form_id.clear();
  version = 0;
  language.clear();
  subject.clear();
  answers.assign(items, answer{});
  arena_.clear();
  choice_pool_.clear();
  cells_.clear();
  files_.clear();
  unknown_.clear();
}

class answer_reader_impl {
 public:
  bool set(const form& f, uint32_t index, std::string_view text, answer_document& doc);
  simdjson::dom::parser parser;
  std::vector<char> padded;  // reused copy of the document with simdjson's padding

  bool read(const form& f, std::string_view text, answer_document& doc, std::vector<diagnostic>& diags,
            const answer_limits& limits) {
    doc.clear(f.items.size());
    const size_t first_diag = diags.size();
    element root;
    if (!json::parse_dom(parser, text, limits.max_bytes, limits.max_depth, root, diags, &padded)) return false;
    json::walker w(diags);
    read_root(f, root, doc, w);
    w.finish();
    if (diags.size() > first_diag) {
      std::vector<diagnostic> mine(std::make_move_iterator(diags.begin() + static_cast<std::ptrdiff_t>(first_diag)),
                                   std::make_move_iterator(diags.end()));
      diags.resize(first_diag);
      json::locate_diagnostics(text, mine);
      for (auto& d : mine) diags.push_back(std::move(d));
    }
    return w.error_count() == 0;
  }

 private:
  static uint32_t u32(size_t v) { return static_cast<uint32_t>(v); }

  // Ids are short: compare them byte by byte rather than through memcmp.
  static bool same_id(const std::string& a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < b.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }

  uint32_t store(answer_document& doc, std::string_view s) {
    const uint32_t at = u32(doc.arena_.size());
    doc.arena_.append(s);
    return at;
  }

  void read_root(const form& f, const element& root, answer_document& doc, json::walker& w) {
    if (root.type() != element_type::OBJECT) {
      w.wrong_type(diag_code::answers_wrong_type, "object", root);
      return;
    }
    const auto obj = root.get_object().value_unsafe();
    bool has_form = false, has_version = false, has_answers = false, has_measurements = false;
    element answers_el, measurements_el;
    for (auto [key, value] : obj) {
      auto s = w.at(key);
      if (key == "form") {
        has_form = true;
        if (value.type() != element_type::STRING) {
          w.wrong_type(diag_code::answers_wrong_type, "string", value);
        } else {
          doc.form_id.assign(value.get_string().value_unsafe());
          if (doc.form_id != f.id) w.report(diag_code::answers_form_mismatch, {param("expected", f.id)});
        }
      } else if (key == "version") {
        has_version = true;
        if (!value.is_int64()) {
          w.wrong_type(diag_code::answers_wrong_type, "integer", value);
        } else {
          doc.version = value.get_int64().value_unsafe();
          if (doc.version != f.version)
            w.report(diag_code::answers_version_mismatch, {param("expected", static_cast<double>(f.version))});
        }
      } else if (key == "answers") {
        has_answers = true;
        if (value.type() != element_type::OBJECT) w.wrong_type(diag_code::answers_wrong_type, "object", value);
        else answers_el = value;
      } else if (key == "measurements") {
        if (value.type() != element_type::OBJECT) {
          w.wrong_type(diag_code::answers_wrong_type, "object", value);
        } else {
          has_measurements = true;
          measurements_el = value;
        }
      } else if (key == "meta") {
        read_meta(f, value, doc, w);
      } else {
        w.report_key(diag_code::answers_unknown_key, {param("key", key)});
      }
    }
    if (!has_form) w.report(diag_code::answers_missing_key, {param("key", "form")});
    if (!has_version) w.report(diag_code::answers_missing_key, {param("key", "version")});
    if (!has_answers) w.report(diag_code::answers_missing_key, {param("key", "answers")});
    if (w.error_count() != 0 || !has_answers) return;

    read_answers(f, answers_el, "answers", false, doc, w);
    if (has_measurements) read_answers(f, measurements_el, "measurements", true, doc, w);
  }

  // One source of answers: the citizen's "answers" or the staff's "measurements". An item of the
  // other source is not answerable here.
  void read_answers(const form& f, const element& obj, std::string_view name, bool staff, answer_document& doc,
                    json::walker& w) {
    auto s = w.at(name);
    // Answers usually come in the form's order: try the item after the last one first.
    size_t next = 0;
    for (auto [key, value] : json::object_of(obj)) {
      int32_t index = -1;
      if (next < f.items.size() && same_id(f.items[next].id, key)) index = static_cast<int32_t>(next);
      else index = f.find_item(key);
      if (index >= 0) next = static_cast<size_t>(index) + 1;
      if (index < 0) {
        doc.unknown_.emplace_back(store(doc, key), u32(key.size()));
        continue;
      }
      answer& a = doc.answers[static_cast<size_t>(index)];
      if (a.answered() || a.problem != rule::count_) {
        auto k = w.at(key);
        w.report_key(diag_code::json_duplicate_key, {param("key", key)}).occurrence = 1;
        continue;
      }
      const item& it = f.items[static_cast<size_t>(index)];
      if (it.staff != staff) {
        if (value.type() != element_type::NULL_VALUE) problem(a, value_kind::text, rule::not_answerable);
        continue;
      }
      read_value(f, it, value, a, doc);
    }
  }

  void read_meta(const form& f, const element& value, answer_document& doc, json::walker& w) {
    if (value.type() != element_type::OBJECT) {
      w.wrong_type(diag_code::answers_wrong_type, "object", value);
      return;
    }
    for (auto [key, v] : json::object_of(value)) {
      auto s = w.at(key);
      if (key == "language") {
        if (v.type() != element_type::STRING) {
          w.wrong_type(diag_code::answers_wrong_type, "string", v);
        } else {
          const std::string_view lang = v.get_string().value_unsafe();
          if (!f.has_language(lang)) w.report(diag_code::answers_invalid_value, {param("reason", "undeclared_language")});
          else doc.language.assign(lang);
        }
      } else if (key == "subject") {
        // The form's subject (the server sets it from the form instance). Checked by the logic; a
        // number that is not valid is treated as no subject, never echoed.
        if (v.type() != element_type::STRING) w.wrong_type(diag_code::answers_wrong_type, "string", v);
        else doc.subject.assign(v.get_string().value_unsafe());
      } else if (key == "client") {
        if (v.type() != element_type::STRING) w.wrong_type(diag_code::answers_wrong_type, "string", v);
      } else {
        w.report_key(diag_code::answers_unknown_key, {param("key", key)});
      }
    }
  }

  static void problem(answer& a, value_kind k, rule r, std::string_view expected = {}) {
    a.kind = k;
    a.problem = r;
    a.expected = expected;
  }

  // A string for a value of kind k, "" meaning unanswered; false (with a type problem) otherwise.
  static bool want_string(const element& v, answer& a, value_kind k, std::string_view& s) {
    if (v.type() != element_type::STRING) {
      problem(a, k, rule::type, "string");
      return false;
    }
    s = v.get_string().value_unsafe();
    return !s.empty();
  }

  void read_value(const form& f, const item& it, const element& v, answer& a, answer_document& doc) {
    if (v.type() == element_type::NULL_VALUE) return;  // unanswered
    const value_kind k = type_info(it.type).value;
    std::string_view s;
    switch (k) {
      case value_kind::none:
        problem(a, value_kind::text, rule::not_answerable);
        return;
      case value_kind::text:
        if (!want_string(v, a, k, s)) return;
        a.kind = k;
        a.first = store(doc, s);
        a.count = u32(s.size());
        return;
      case value_kind::integer:
      case value_kind::decimal: {
        if (!v.is_number()) return problem(a, k, rule::type, k == value_kind::integer ? "integer" : "number");
        const double d = v.get_double().value_unsafe();
        if (k == value_kind::integer && (d != std::floor(d) || std::fabs(d) > 9007199254740992.0))
          return problem(a, k, rule::type, "integer");
        a.kind = k;
        a.number = d;
        return;
      }
      case value_kind::date:
      case value_kind::time:
      case value_kind::month:
      case value_kind::week:
      case value_kind::datetime: {
        if (!want_string(v, a, k, s)) return;
        result<int64_t> n = k == value_kind::date    ? parse_date(s)
                            : k == value_kind::time  ? parse_time(s)
                            : k == value_kind::month ? parse_month(s)
                            : k == value_kind::week  ? parse_week(s)
                                                     : parse_datetime(s);
        if (!n) return problem(a, k, rule::format);
        a.kind = k;
        a.number = static_cast<double>(*n);
        a.first = store(doc, s);
        a.count = u32(s.size());
        return;
      }
      case value_kind::choice: {
        if (!want_string(v, a, k, s)) return;
        const int32_t c = f.choices_of(it) ? f.choices_of(it)->find(s) : -1;
        if (c < 0) return problem(a, k, rule::choice);
        a.kind = k;
        a.first = static_cast<uint32_t>(c);
        a.count = 1;
        return;
      }
      case value_kind::choices: {
        if (v.type() != element_type::ARRAY) return problem(a, k, rule::type, "array");
        const choice_set* set = f.choices_of(it);
        const uint32_t first = u32(doc.choice_pool_.size());
        for (element e : json::array_of(v)) {
          if (e.type() != element_type::STRING) {
            doc.choice_pool_.resize(first);
            return problem(a, k, rule::type, "array");
          }
          const int32_t c = set ? set->find(e.get_string().value_unsafe()) : -1;
          bool repeated = false;
          for (uint32_t i = first; i < doc.choice_pool_.size(); ++i) repeated |= doc.choice_pool_[i] == u32(c);
          if (c < 0 || repeated) {
            doc.choice_pool_.resize(first);
            return problem(a, k, rule::choice);
          }
          doc.choice_pool_.push_back(u32(c));
        }
        if (doc.choice_pool_.size() == first) return;  // [] is unanswered
        a.kind = k;
        a.first = first;
        a.count = u32(doc.choice_pool_.size() - first);
        return;
      }
      case value_kind::boolean:
        if (v.type() != element_type::BOOL) return problem(a, k, rule::type, "boolean");
        a.kind = k;
        a.flag = v.get_bool().value_unsafe();
        return;
      case value_kind::matrix:
        return read_matrix(f, it, v, a, doc);
      case value_kind::attachment:
        return read_attachments(v, a, doc);
    }
  }

  void read_matrix(const form& f, const item& it, const element& v, answer& a, answer_document& doc) {
    const value_kind k = value_kind::matrix;
    if (v.type() != element_type::OBJECT) return problem(a, k, rule::type, "object");
    const choice_set* cols = f.choices_of(it);
    const uint32_t first = u32(doc.cells_.size());
    auto fail = [&](rule r, std::string_view expected = {}) {
      doc.cells_.resize(first);
      problem(a, k, r, expected);
    };
    for (auto [row_id, cell] : json::object_of(v)) {
      const int32_t row = it.find_row(row_id);
      if (row < 0) return fail(rule::unknown_row);
      for (uint32_t i = first; i < doc.cells_.size(); ++i)
        if (doc.cells_[i].row == u32(row)) return fail(rule::unknown_row);  // a row twice
      if (cell.type() == element_type::NULL_VALUE) continue;
      auto column_of = [&](const element& e, int32_t& out) {
        if (e.type() != element_type::STRING) return false;
        out = cols ? cols->find(e.get_string().value_unsafe()) : -1;
        return true;
      };
      switch (it.cell) {
        case cell_kind::radio: {
          int32_t c = -1;
          if (!column_of(cell, c)) return fail(rule::type, "string");
          if (cell.get_string().value_unsafe().empty()) continue;
          if (c < 0) return fail(rule::choice);
          doc.cells_.push_back({u32(row), u32(c)});
          break;
        }
        case cell_kind::checkbox: {
          if (cell.type() != element_type::ARRAY) return fail(rule::type, "array");
          const uint32_t row_start = u32(doc.cells_.size());
          for (element e : json::array_of(cell)) {
            int32_t c = -1;
            if (!column_of(e, c)) return fail(rule::type, "array");
            if (c < 0) return fail(rule::choice);
            for (uint32_t i = row_start; i < doc.cells_.size(); ++i)
              if (doc.cells_[i].column == u32(c)) return fail(rule::choice);
            doc.cells_.push_back({u32(row), u32(c)});
          }
          break;
        }
        case cell_kind::text: {
          if (cell.type() != element_type::OBJECT) return fail(rule::type, "object");
          for (auto [col_value, t] : json::object_of(cell)) {
            const int32_t c = cols ? cols->find(col_value) : -1;
            if (c < 0) return fail(rule::choice);
            if (t.type() == element_type::NULL_VALUE) continue;
            if (t.type() != element_type::STRING) return fail(rule::type, "string");
            const std::string_view s = t.get_string().value_unsafe();
            if (s.empty()) continue;
            doc.cells_.push_back({u32(row), u32(c), store(doc, s), u32(s.size())});
          }
          break;
        }
      }
    }
    if (doc.cells_.size() == first) return;  // {} is unanswered
    a.kind = k;
    a.first = first;
    a.count = u32(doc.cells_.size() - first);
  }

  void read_attachments(const element& v, answer& a, answer_document& doc) {
    const value_kind k = value_kind::attachment;
    const uint32_t first = u32(doc.files_.size());
    auto one = [&](const element& e) {
      if (e.type() != element_type::OBJECT) return false;
      attachment_file file;
      bool has_name = false, has_type = false, has_size = false;
      for (auto [key, val] : json::object_of(e)) {
        if (key == "name" && val.type() == element_type::STRING) {
          const std::string_view s = val.get_string().value_unsafe();
          file.name_first = store(doc, s);
          file.name_count = u32(s.size());
          has_name = !s.empty();
        } else if (key == "media_type" && val.type() == element_type::STRING) {
          const std::string_view s = val.get_string().value_unsafe();
          for (auto t : {media_pdf, media_jpeg, media_png})
            if (media_type_name(t) == s) file.media = t;
          has_type = true;
        } else if (key == "size" && val.is_uint64()) {
          file.size = val.get_uint64().value_unsafe();
          has_size = true;
        } else if (key == "id" && val.type() == element_type::STRING) {
          // The server's reference to the stored file; the core does not use it.
        } else {
          return false;
        }
      }
      if (!(has_name && has_type && has_size)) return false;
      doc.files_.push_back(file);
      return true;
    };
    bool ok = true;
    if (v.type() == element_type::OBJECT) {
      ok = one(v);
    } else if (v.type() == element_type::ARRAY) {
      for (element e : json::array_of(v)) ok = ok && one(e);
    } else {
      ok = false;
    }
    if (!ok) {
      doc.files_.resize(first);
      return problem(a, k, rule::type, "object");
    }
    if (doc.files_.size() == first) return;
    a.kind = k;
    a.first = first;
    a.count = u32(doc.files_.size() - first);
  }
};

bool answer_reader_impl::set(const form& f, uint32_t index, std::string_view text, answer_document& doc) {
  answer& a = doc.answers[index];
  a = answer{};
  std::vector<diagnostic> diags;
  element root;
  if (!json::parse_dom(parser, text, size_t{1} << 20, 8, root, diags, &padded)) return false;
  read_value(f, f.items[index], root, a, doc);
  return true;
}

answer_reader::answer_reader() : impl_(std::make_unique<answer_reader_impl>()) {}
answer_reader::~answer_reader() = default;
answer_reader::answer_reader(answer_reader&&) noexcept = default;
answer_reader& answer_reader::operator=(answer_reader&&) noexcept = default;

bool answer_reader::read(const form& f, std::string_view json, answer_document& out, std::vector<diagnostic>& diags,
                         const answer_limits& limits) {
  return impl_->read(f, json, out, diags, limits);
}

bool answer_reader::set(const form& f, uint32_t index, std::string_view json_value, answer_document& doc) {
  BLANKETT_ASSERT(index < f.items.size() && doc.answers.size() == f.items.size());
  return impl_->set(f, index, json_value, doc);
}

}  // namespace blankett
