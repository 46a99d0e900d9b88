// Publishing from the designer: log in to a Blankett server as staff, upload the form as a new
// version (the server checks it with the same core), list the unit's templates, fetch one to edit.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace blankett::designer {

struct template_row {
  int64_t id = 0;
  std::string form_id, name, state;
  int64_t version = 0;
};

struct upload_result {
  int64_t template_id = 0, version = 0;
  std::string state;
  std::vector<std::string> problems;  // the server's diagnostics when it refused the form
};

class publisher {
 public:
  publisher();
  ~publisher();
  // `url`: http://host:port. The unit is the one the server chooses for the account (see the API).
  bool login(const std::string& url, const std::string& username, const std::string& password, std::string& error);
  bool logged_in() const;
  const std::string& unit_name() const { return unit_; }
  // False with `error` when the request failed; a form the server refuses is true with problems.
  bool upload(const std::string& definition, upload_result& out, std::string& error);
  bool templates(std::vector<template_row>& out, std::string& error);
  bool fetch(int64_t template_id, std::string& definition, std::string& error);

 private:
  struct impl;
  std::unique_ptr<impl> p_;
  std::string unit_;
};

}  // namespace blankett::designer
