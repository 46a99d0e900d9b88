// Demo data for a newcomer: two units, staff accounts with every role, the samples as published
// templates and a few citizens with Skatteverket test personnummer (never real people).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/store.h"

namespace blankett::server {

struct demo_account {
  std::string username, password, roles;
};

// Seeds an empty database (one without units) and returns the staff accounts with their generated
// passwords, to be printed once; returns nothing when the database already holds data (also when
// another node seeded it at the same moment). Every samples/*/form.json becomes a published template
// of the first unit. Throws sql::error.
std::vector<demo_account> seed_demo(store& db, const std::string& samples_dir, std::string& warnings);
// The demo's package template, "Inför besök" (PHQ-9 and GAD-7, weekly, three occasions), at the first
// unit unless it has package templates already: also for a demo database seeded by an earlier build.
void seed_demo_package(store& db);

// A submitted answer of the demo (serve's demo_answers.cpp computes it with the core, which the store
// cannot call): the form, the demo citizen who answered, the answers and result exactly as a submit
// stores them.
struct demo_answer {
  std::string form_id, pnr;
  std::string answers, result;
  int64_t alert_level = 0;
};
// The version ids of the first unit's templates (form id -> version id) while a database that
// seed_demo seeded still waits for its answers; empty otherwise (seeded already, or by an earlier build).
std::map<std::string, int64_t> demo_answers_due(store& db);
// Writes the answers as if each citizen had submitted theirs yesterday (sent three days ago, opened,
// saved and submitted, the history to match), once: the database then no longer waits for them.
void seed_demo_answers(store& db, const std::vector<demo_answer>& answers);

}  // namespace blankett::server
