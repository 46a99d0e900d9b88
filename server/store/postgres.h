// The PostgreSQL backend of the SQL driver (sql.h), over libpq. Private to server/store/.
#pragma once

#include <memory>
#include <string>

#include "store/sql.h"

namespace blankett::server::sql {

// Connects with a libpq URI (postgresql://HOST:PORT/NAME?user=...).
std::unique_ptr<connection> open_postgres(const std::string& uri);

// `?` placeholders as PostgreSQL's $1, $2, ... (outside quoted strings and identifiers).
std::string number_placeholders(std::string_view sql);

}  // namespace blankett::server::sql
