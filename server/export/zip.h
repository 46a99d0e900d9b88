// Zip archives in memory (libzip): the CSV export's svar.csv and kodbok.csv, several answers' PDFs.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace blankett::server {

// The files (name, bytes), deflated, as a zip's bytes; "" when libzip fails. Names are UTF-8.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& files);
// One file's bytes out of a zip (the benchmark checks the export with it); nullopt when it is not there.
std::optional<std::string> read_zip(const std::string& zip, const std::string& name);

}  // namespace blankett::server
