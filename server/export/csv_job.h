// The CSV export's job ("csv_export", keyed by the export's id): writes a running export's zip in
// batches of answers, one transaction each (job_outcome::more), updating its progress, then stores
// the file (state 'ready') or the failure (state 'failed' with an error code).
//
// The batch's rows are added to the file in memory only once the batch's transaction has committed
// (its after_commit), so that a transaction run again does not write rows twice; a node that takes
// over a job another node left (its lease ran out) starts the file again from the first answer.
// An export deleted meanwhile (by its maker, or with an answer it holds) ends the job.
#pragma once

#include <cstdint>

#include "jobs.h"

namespace blankett::server {

// Answers per batch (and per progress update).
constexpr int64_t kCsvBatch = 5000;

// `batch`: answers per batch (kCsvBatch; the tests make it small, BLANKETT_TEST_CSV_BATCH with
// --test-clock on). After each batch's commit the log says "export.progress export=<id> done=<n>".
job_runner::kind csv_export_job(int64_t batch = kCsvBatch);

}  // namespace blankett::server
