// The CSV export for quality follow-up: one template's answers as svar.csv (a row per answer, a column
// per question) and kodbok.csv (the codebook: a row per column), as docs/api.md ("The CSV export")
// describes them.
//
// Columns are named by item id, so they stay the same across the template's versions: the columns are
// the union of the versions' variables (the newest version's order, variables only older versions have
// placed after their neighbour there), and a variable a version lacks is empty in that version's rows.
// Scores, bands and calculations come from the stored result (instances.result), never from running
// the core again. Nothing here reads the database; the job (csv_job.h) feeds it rows in batches.
// Not thread-safe (one JSON parser, reused): one writer per export.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "blankett/form.h"
#include "simdjson.h"
#include "store/model.h"

namespace blankett::server {

struct csv_options {
  bool labels = false;    // the alternatives' Swedish labels instead of their codes
  bool swedish = true;    // ';' and decimal comma (Swedish Excel, R's read.csv2); else ',' and '.'
  bool identify = false;  // personnummer and name columns
};

// A version of the template the exported answers were given on.
struct csv_version {
  int64_t version = 0;
  std::shared_ptr<const form> f;
};

class answers_csv {
 public:
  // `versions`: every version the answers use (any order).
  answers_csv(std::vector<csv_version> versions, csv_options o);
  ~answers_csv();
  answers_csv(const answers_csv&) = delete;
  answers_csv& operator=(const answers_csv&) = delete;

  // svar.csv's start: the UTF-8 byte order mark and the header line.
  std::string header() const;
  // One answer's row (CRLF-terminated) appended to `out`.
  void append(std::string& out, const export_answer& a);
  // kodbok.csv whole: BOM, header, a row per column of svar.csv.
  std::string codebook() const;
  size_t columns() const;

 private:
  struct impl;
  std::unique_ptr<impl> p_;
};

// The zip's name: formularsvar-<form id>-<YYYY-MM-DD>.zip (the form id cleaned to [a-z0-9-_]).
std::string csv_export_name(std::string_view form_id, std::string_view date);

}  // namespace blankett::server
