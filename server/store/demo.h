// Demo data for a newcomer: two units, staff accounts with every role, the samples as published
// templates and a few citizens with Skatteverket test personnummer (never real people).
#pragma once

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

}  // namespace blankett::server
