// Helpers shared by the test suites: repository paths and file contents.
#pragma once

#include <fstream>
#include <iterator>
#include <string>

namespace blankett::testing {

// A path inside the repository (tests are built with BLANKETT_SOURCE_DIR).
inline std::string source_path(const std::string& relative) { return std::string(BLANKETT_SOURCE_DIR) + "/" + relative; }

// The whole file, or "" when it cannot be read (tests then fail on the content they expect).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace blankett::testing
