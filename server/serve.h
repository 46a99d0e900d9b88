// Running the server: `blankett serve` reads its options (config.h) and calls serve().
#pragma once

#include <string>

#include "config.h"

namespace blankett::server {

// Opens and migrates the database, seeds demo data into an empty one (--demo on), starts the job
// runner and serves until SIGINT or SIGTERM. Returns the exit status: 0, or 2 after a message on
// stderr when it cannot start (the database, the port, an unsafe demo setup).
int serve(const config& cfg);

// Where notifications go without SMTP or an SMS gateway: --outbox-dir, else beside an SQLite database
// (DATABASE.outbox), else ./outbox.
std::string outbox_dir(const config& cfg);

// Where the demo accounts' passwords are kept: --demo-accounts, else beside an SQLite database, else
// nowhere (PostgreSQL: they are printed once by the node that seeds).
std::string demo_accounts_file(const config& cfg);

}  // namespace blankett::server
