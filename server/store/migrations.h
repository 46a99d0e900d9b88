// Versioned schema migrations, applied in order at start, each in its own transaction.
#pragma once

#include "store/db.h"

namespace blankett::server {

// Applies every migration newer than the database's; returns the schema version afterwards.
int migrate(connection& c);

}  // namespace blankett::server
