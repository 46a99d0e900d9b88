// Demo data for a newcomer: two units, staff accounts with every role, the samples as published
// templates and a few citizens with Skatteverket test personnummer (never real people).
#pragma once

#include <string>
#include <vector>

#include "clock.h"
#include "store/db.h"

namespace blankett::server {

struct demo_account {
  std::string username, password, roles;
};

// Seeds an empty database (one without units) and returns the staff accounts with their generated
// passwords, to be printed once; returns nothing when the database already holds data. Every
// samples/*/form.json becomes a published template of the first unit. Throws db_error.
std::vector<demo_account> seed_demo(connection& c, const std::string& samples_dir, const clock& time, std::string& warnings);

}  // namespace blankett::server
