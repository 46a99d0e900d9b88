// The static web apps (the citizen app, later the staff app): files under one root folder.
//
// A path is percent-decoded and must name a regular file inside the root: no "." or ".." segments,
// no backslashes or NUL; a path ending in "/" means its index.html. The content type comes from the
// extension (a fixed table, so that nothing is sniffed). Read-only after construction.
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace blankett::server::http {

class static_files {
 public:
  explicit static_files(std::string root) : root_(std::move(root)) {}
  bool enabled() const { return !root_.empty(); }
  // Fills `res` with the file for `req.path` (GET or HEAD); false when there is none.
  bool serve(const request& req, response& res) const;
  static std::string_view content_type(std::string_view path);

 private:
  std::string root_;
};

}  // namespace blankett::server::http
