// The package scheduler: each occasion of a package (paketutskick) is a job ("occasion", keyed
// "<package>:<number>") due at its time. The node that claims it sends the occasion to the package's
// recipients in batches, one transaction each, holding the claim throughout (job_outcome::more);
// a node that dies mid-occasion leaves the rest to whichever node claims it when the lease runs out.
//
// Exactly once: each batch records the recipients it reached (package_deliveries, keyed by package,
// occasion and citizen) in the transaction that creates their forms, inbox message and notifications,
// and the forms themselves are unique per (package, occasion, citizen, form). A batch either commits
// all of that or none of it, and the next batch starts from the recipients not yet reached.
//
// Rules (docs/api.md, "The scheduler"): an occasion found late by less than 24 hours is sent at once,
// one later than that is skipped and reported; a form no longer available is left out and reported;
// with no form left the occasion is skipped and the package aborted; a stopped package whose occasion
// comes is aborted (it can no longer be restarted). Reports go by mail to the package's error address.
#pragma once

#include <chrono>

#include "jobs.h"

namespace blankett::server {

// Recipients per transaction: large enough that an occasion of 1,000 × 4 forms takes four
// transactions, small enough that a transaction stays short on a busy database.
constexpr int64_t kOccasionBatch = 250;
// How late an occasion may be sent (after downtime); later ones are skipped and reported.
constexpr std::chrono::hours kOccasionCatchUp{24};

// For the crash tests only (BLANKETT_TEST_KILL_IN_BATCH, honoured with --test-clock on): the process
// kills itself (SIGKILL) in an occasion's n-th batch (counted from the recipients the database holds as reached), after that batch's rows are written and before
// they are committed. 0: never.
struct occasion_faults {
  int kill_in_batch = 0;
};

job_runner::kind occasion_job(occasion_faults faults = {});

}  // namespace blankett::server
