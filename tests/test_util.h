// Helpers shared by the test suites: repository paths and file contents.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace blankett::testing {

// A path inside the repository (tests are built with BLANKETT_SOURCE_DIR).
inline std::string source_path(const std::string& relative) { return std::string(BLANKETT_SOURCE_DIR) + "/" + relative; }

// The whole file, or "" when it cannot be read (tests then fail on the content they expect).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The regular files of a folder, sorted by name.
inline std::vector<std::string> list_files(const std::string& folder) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(folder, ec))
    if (e.is_regular_file()) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace blankett::testing
