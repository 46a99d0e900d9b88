// Fresh databases for the store's tests, on each backend: an SQLite file in a temporary folder, and
// (when BLANKETT_TEST_POSTGRES names a PostgreSQL server's maintenance database, as scripts/test
// sets it) a new PostgreSQL database, dropped afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "store/sql.h"
#include "store/store.h"

namespace blankett::testing {

// The PostgreSQL server of the tests, or "" (the PostgreSQL cases are then skipped, except in CI,
// where scripts/test always starts one and a missing server is a failure).
inline std::string postgres_admin() {
  const char* url = std::getenv("BLANKETT_TEST_POSTGRES");
  if (!url && std::getenv("CI")) ADD_FAILURE() << "CI without BLANKETT_TEST_POSTGRES: scripts/test starts PostgreSQL";
  return url ? url : "";
}

// One database for one test, by backend ("sqlite" or "postgresql"): `url` for store_options.
class scratch_database {
 public:
  explicit scratch_database(const std::string& backend) {
    static std::atomic<int> counter{0};
    const std::string name = "blankett_t_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    if (backend == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() / name;
      std::filesystem::create_directories(dir_);
      url = (dir_ / "test.db").string();
      return;
    }
    admin_ = postgres_admin();
    if (admin_.empty()) return;
    auto c = server::sql::open(server::sql::parse_location(admin_), {});
    c->exec("CREATE DATABASE " + name);
    name_ = name;
    // The admin URL with the new database's name in place of the maintenance database's.
    const size_t slash = admin_.find('/', admin_.find("://") + 3);
    const size_t query = admin_.find('?', slash);
    url = admin_.substr(0, slash + 1) + name + (query == std::string::npos ? "" : admin_.substr(query));
  }
  ~scratch_database() {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
    if (!name_.empty()) {
      try {
        auto c = server::sql::open(server::sql::parse_location(admin_), {});
        c->exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
      } catch (const server::sql::error&) {
      }
    }
  }
  scratch_database(const scratch_database&) = delete;
  scratch_database& operator=(const scratch_database&) = delete;

  bool available() const { return !url.empty(); }
  std::string url;

 private:
  std::filesystem::path dir_;
  std::string admin_, name_;
};

// The backends a parameterised store test runs on.
inline const auto kBackends = ::testing::Values(std::string("sqlite"), std::string("postgresql"));

// A test on one backend (the parameter): a fresh, migrated database and a store on it, on a clock
// that stands at 2026-12-01T12:00:00Z until the test moves it. open() gives another store on the
// same database: another node, with connections of its own.
class backend_test : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<scratch_database>(GetParam());
    if (!db_->available()) GTEST_SKIP() << "no PostgreSQL for the tests (BLANKETT_TEST_POSTGRES)";
    store_ = open();
    store_->migrate();
  }
  std::unique_ptr<server::store> open() { return std::make_unique<server::store>(server::store_options{db_->url, false}, clock_); }

  server::manual_clock clock_{std::chrono::system_clock::from_time_t(1796126400)};
  std::unique_ptr<scratch_database> db_;
  std::unique_ptr<server::store> store_;
};

}  // namespace blankett::testing
