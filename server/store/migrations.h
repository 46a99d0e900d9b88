// Versioned schema migrations, applied in order at start, each in its own transaction (both backends).
#pragma once

#include <string>

#include "store/sql.h"

namespace blankett::server {

// Applies every migration newer than the database's; returns the schema version afterwards. `now`
// is recorded with each. On PostgreSQL, nodes that start together migrate one after the other.
int migrate(sql::connection& c, const std::string& now);

// The version this program's migrations lead to.
int schema_version();

}  // namespace blankett::server
