// Storage: migrations, transactions, the append-only audit log.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include "store/db.h"
#include "store/migrations.h"

namespace blankett::server {
namespace {

class store_test : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("blankett-store-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "test.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string path_;
};

int64_t count(connection& c, const std::string& sql) {
  statement st = c.prepare(sql);
  return st.step() ? st.integer(0) : -1;
}

TEST_F(store_test, migrations_apply_once_and_set_the_pragmas) {
  connection c(path_, true);
  EXPECT_EQ(migrate(c), 1);
  EXPECT_EQ(migrate(c), 1);
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM schema_migrations"), 1);
  statement mode = c.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.text(0), "wal");
  EXPECT_EQ(count(c, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(count(c, "PRAGMA synchronous"), 2);  // FULL
  EXPECT_EQ(count(c, "PRAGMA secure_delete"), 1);
}

TEST_F(store_test, a_transaction_not_committed_leaves_nothing) {
  connection c(path_, true);
  migrate(c);
  try {
    transaction t(c);
    c.prepare("INSERT INTO units (code, name, created_at) VALUES ('A', 'A', 'now')").run();
    throw std::runtime_error("a failure half-way");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM units"), 0);
  {
    transaction t(c);
    c.prepare("INSERT INTO units (code, name, created_at) VALUES ('A', 'A', 'now')").run();
    t.commit();
  }
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM units"), 1);
}

TEST_F(store_test, constraints_hold) {
  connection c(path_, true);
  migrate(c);
  // A role that does not exist, a staff member that does not exist.
  EXPECT_THROW(c.prepare("INSERT INTO staff_roles (staff_id, unit_id, role) VALUES (1, 1, 'boss')").run(), db_error);
  try {
    c.prepare("INSERT INTO instances (unit_id, version_id, state, created_at, updated_at) VALUES (99, 99, 'ONGOING', 'a', 'a')").run();
    FAIL() << "a foreign key was not enforced";
  } catch (const db_error& e) {
    EXPECT_TRUE(e.constraint());
  }
}

TEST_F(store_test, the_audit_log_is_append_only) {
  connection c(path_, true);
  migrate(c);
  c.prepare("INSERT INTO audit (at, action) VALUES ('2026-11-22T00:00:00Z', 'role.grant')").run();
  EXPECT_THROW(c.prepare("UPDATE audit SET action = 'nothing'").run(), db_error);
  EXPECT_THROW(c.prepare("DELETE FROM audit").run(), db_error);
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM audit WHERE action = 'role.grant'"), 1);
}

TEST_F(store_test, writers_from_many_threads_all_land) {
  {
    connection c(path_, false);
    migrate(c);
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      connection c(path_, false);
      for (int i = 0; i < 50; ++i) {
        transaction tx(c);
        c.prepare("INSERT INTO units (code, name, created_at) VALUES (?, 'x', 'now')").args(std::string_view(std::to_string(t * 100 + i))).run();
        tx.commit();
      }
    });
  for (auto& t : threads) t.join();
  connection c(path_, false);
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM units"), 200);
}

}  // namespace
}  // namespace blankett::server
