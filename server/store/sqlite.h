// The SQLite backend of the SQL driver (sql.h). Private to server/store/.
#pragma once

#include <memory>
#include <string>

#include "store/sql.h"

namespace blankett::server::sql {

// Opens (creating) the database file with WAL, foreign keys, secure_delete, a busy timeout and
// `synchronous` FULL (every commit survives power loss) or NORMAL (survives a killed process).
std::unique_ptr<connection> open_sqlite(const std::string& path, bool synchronous_full);

}  // namespace blankett::server::sql
