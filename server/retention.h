// The unit's deletion policy (gallringsregel): a daily job, once across the cluster, that deletes each
// unit's answers whose rule says so, completely (as POST /answers/gallra), and warns the unit's
// address the day before. The rule: none, N days after the answer's delete-after date (Gallras
// efter), or N days after it was marked documented. Days are local calendar days (clock.h).
#pragma once

#include <functional>
#include <string>

#include "clock.h"
#include "jobs.h"
#include "store/model.h"

namespace blankett::server {

// The run's time of day, local time (the process's TZ): 02:00, a quiet hour (docs/operations.md).
inline constexpr int kRetentionRunMinutes = 2 * 60;
// At most this many answers are deleted in one transaction; a unit with more is done in several.
inline constexpr int64_t kRetentionBatch = 5000;

// The date of the latest run at or before `now` (its 02:00 has passed); the next run is a day on.
civil_date retention_run_date(clock::time_point now);
// What the rule's query compares with for a run on `run`: answers whose delete-after date is before
// the date returned (delete_after), or documented before the UTC time returned (documented), are
// deleted by that run. So an answer is kept through day X + N (X its delete-after or documented
// date) and deleted by the run of the day after.
std::string retention_before(const retention_policy& p, civil_date run);
// How many of the unit's answers the next run deletes (GET /answers/retention's "tomorrow").
int64_t retention_tomorrow(tx& t, int64_t unit, const retention_policy& p);
// The rule in Swedish words, for the unit's warning ("30 dagar efter Gallras efter").
std::string retention_rule_text(const retention_policy& p);

// The daily run: one unit a transaction (its deletions, its audit row with the count only, its
// warning for tomorrow); then due again at the next 02:00. `deleted` runs after a unit's answers
// were deleted (the server purges SQLite's write-ahead log).
job_runner::kind retention_job(std::function<void()> deleted);
// Makes sure the daily job exists (each node at start; the first adds it), due at the next run.
void schedule_retention(store& db);

}  // namespace blankett::server
