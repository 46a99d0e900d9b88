// Copying a whole installation from one database to another (`blankett migrate-db FROM TO`): SQLite
// into PostgreSQL, back, or between two of a kind. Every table, ids kept, in one transaction on the
// target; then each table's rows are counted and checksummed on both sides.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace blankett::server {

struct table_check {
  std::string table;
  int64_t rows = 0;
  std::string checksum;  // hex SHA-256 over the table's rows, independent of their order and the backend
};

// The counts and checksums of every table of the schema.
std::vector<table_check> check_tables(store& db);

struct copy_result {
  bool ok = false;
  std::string error;                          // why not, when !ok (no personal data)
  std::vector<table_check> source, target;    // after the copy
};

// Migrates `to` to the current schema, refuses it unless every table is empty, copies every row of
// `from` (at the same schema version) and compares counts and checksums.
copy_result copy_database(store& from, store& to);

}  // namespace blankett::server
