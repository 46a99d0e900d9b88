// Answer documents: {form, version, answers: {itemId: value}, meta}, read against a loaded form.
//
// answer_reader::read() checks the document (syntax, limits, form id, version, types of the top-level
// keys) and turns each answer into a typed value indexed by item. A problem with the document itself
// is a diagnostic; a problem with one answer (wrong JSON type, malformed date, a value that is not an
// alternative, an unknown item) is kept on the answer and reported by validate() as an issue.
// A reader and a document are reused across calls without allocating once warm; neither is
// thread-safe, use one per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "blankett/diagnostic.h"
#include "blankett/form.h"
#include "blankett/schema.h"

namespace blankett {

// Why an answer could not be read as its item's kind (rule::count_ when it was read fine).
struct answer {
  value_kind kind = value_kind::none;  // none: unanswered (absent, null, "" or an empty list)
  rule problem = rule::count_;         // type, format, choice, unknown_row or not_answerable
  std::string_view expected;           // for type problems: "string", "integer", ...
  bool flag = false;                   // yes/no
  double number = 0;                   // numbers; the ordering number of calendar values (dates.h)
  uint32_t first = 0, count = 0;       // text: bytes in the arena; single choice: the alternative in
                                       // first; choices, cells, files: entries in their pools

  bool answered() const noexcept { return kind != value_kind::none; }
  bool readable() const noexcept { return answered() && problem == rule::count_; }
};

struct matrix_cell {
  uint32_t row = 0;     // index into item::rows
  uint32_t column = 0;  // index into the columns' choice set (text cells: also the column)
  uint32_t text_first = 0, text_count = 0;  // text cells
};

struct attachment_file {
  uint32_t name_first = 0, name_count = 0;
  uint8_t media = 0;  // a media_type bit, 0 when not an allowed type
  uint64_t size = 0;
};

class answer_document {
 public:
  std::string form_id;
  int64_t version = 0;
  std::string language;  // from meta, "" when not given
  std::string subject;   // meta.subject as given ("" when none); the logic parses it
  std::vector<answer> answers;  // one per form item, by item index

  std::string_view text(const answer& a) const noexcept { return {arena_.data() + a.first, a.count}; }
  std::span<const uint32_t> choices(const answer& a) const noexcept { return {choice_pool_.data() + a.first, a.count}; }
  std::span<const matrix_cell> cells(const answer& a) const noexcept { return {cells_.data() + a.first, a.count}; }
  std::span<const attachment_file> files(const answer& a) const noexcept { return {files_.data() + a.first, a.count}; }
  std::string_view cell_text(const matrix_cell& c) const noexcept { return {arena_.data() + c.text_first, c.text_count}; }
  std::string_view file_name(const attachment_file& f) const noexcept { return {arena_.data() + f.name_first, f.name_count}; }
  // Ids of answers to items the form does not have, in document order.
  size_t unknown_count() const noexcept { return unknown_.size(); }
  std::string_view unknown_id(size_t i) const noexcept { return {arena_.data() + unknown_[i].first, unknown_[i].second}; }

  void clear(size_t items);

 private:
  friend class answer_reader_impl;
  std::string arena_;                 // strings of the document (unescaped)
  std::vector<uint32_t> choice_pool_;
  std::vector<matrix_cell> cells_;
  std::vector<attachment_file> files_;
  std::vector<std::pair<uint32_t, uint32_t>> unknown_;  // arena ranges
};

struct answer_limits {
  size_t max_bytes = size_t{1} << 20;
  uint32_t max_depth = 8;
};

class answer_reader {
 public:
  answer_reader();
  ~answer_reader();
  answer_reader(answer_reader&&) noexcept;
  answer_reader& operator=(answer_reader&&) noexcept;

  // Reads `json` for `f` into `out`. Returns false, with diagnostics appended to `diags`, when the
  // document itself is broken; then `out` holds nothing usable.
  bool read(const form& f, std::string_view json, answer_document& out, std::vector<diagnostic>& diags,
            const answer_limits& limits = {});

  // Sets the answer of item `index` in `doc` from the JSON text of one value (null: unanswered).
  // False when the text is not JSON (the answer is then unanswered); a value of the wrong shape is
  // kept as a problem answer, as read() does.
  bool set(const form& f, uint32_t index, std::string_view json_value, answer_document& doc);

 private:
  std::unique_ptr<class answer_reader_impl> impl_;
};

}  // namespace blankett
