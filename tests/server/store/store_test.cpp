// The store (server/store/store.cpp and the repositories) on both backends: migrations, the unit of
// work (commit, rollback, retries of colliding transactions), constraints, the append-only audit log,
// sessions and failed logins as several nodes see them.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "store/databases.h"
#include "store/migrations.h"
#include "store/postgres.h"
#include "store/store.h"

namespace blankett::server {
namespace {

using namespace std::chrono_literals;

class store_test : public testing::backend_test {
 protected:
  int64_t count(const std::string& sql) {
    return store_->read([&](tx& t) {
      sql::statement st = t.connection().prepare(sql);
      return st.step() ? st.integer(0) : -1;
    });
  }
};

TEST_P(store_test, migrations_apply_once) {
  EXPECT_EQ(store_->migrate(), schema_version());
  EXPECT_EQ(store_->migrate(), schema_version());
  EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"), schema_version());
  EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations WHERE applied_at = '2026-12-01T12:00:00Z'"), schema_version());
}

TEST_P(store_test, a_write_that_throws_leaves_nothing) {
  EXPECT_THROW(store_->write([](tx& t) {
    t.units().create("A", "Enhet A");
    throw std::runtime_error("a failure half-way");
  }),
               std::runtime_error);
  EXPECT_EQ(count("SELECT COUNT(*) FROM units"), 0);
  const int64_t id = store_->write([](tx& t) { return t.units().create("A", "Enhet A"); });
  EXPECT_GT(id, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM units"), 1);
  EXPECT_TRUE(store_->read([](tx& t) { return t.units().any(); }));
}

TEST_P(store_test, constraints_hold) {
  // A role that does not exist, a foreign key to nothing, a unit code twice.
  auto constraint = [&](const std::string& sql) {
    try {
      store_->write([&](tx& t) { t.connection().prepare(sql).run(); });
    } catch (const sql::error& e) {
      return e.constraint();
    }
    return false;
  };
  EXPECT_FALSE(constraint("INSERT INTO units (code, name, created_at) VALUES ('A', 'A', 'now')"));
  EXPECT_TRUE(constraint("INSERT INTO staff_roles (staff_id, unit_id, role) VALUES (1, 1, 'boss')"));
  EXPECT_TRUE(constraint("INSERT INTO instances (unit_id, version_id, state, created_at, updated_at) VALUES (99, 99, 'ONGOING', 'a', 'a')"));
  EXPECT_TRUE(constraint("INSERT INTO units (code, name, created_at) VALUES ('A', 'B', 'now')"));
}

TEST_P(store_test, the_audit_log_is_append_only) {
  store_->write([](tx& t) { t.audit().append(std::nullopt, std::nullopt, "role.grant", "staff:1", "admin"); });
  EXPECT_THROW(store_->write([](tx& t) { t.connection().prepare("UPDATE audit SET action = 'nothing'").run(); }), sql::error);
  EXPECT_THROW(store_->write([](tx& t) { t.connection().prepare("DELETE FROM audit").run(); }), sql::error);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit WHERE action = 'role.grant' AND at = '2026-12-01T12:00:00Z'"), 1);
}

TEST_P(store_test, writers_from_many_threads_all_land) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) store_->write([&](tx& x) { x.units().create(std::to_string(t * 100 + i), "x"); });
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(count("SELECT COUNT(*) FROM units"), 200);
}

TEST_P(store_test, colliding_read_modify_writes_are_retried_until_none_is_lost) {
  // Two "nodes" (stores with their own connections) read a value and write it back plus one. Without
  // serializable transactions and retries, increments would be lost.
  const int64_t unit = store_->write([](tx& t) { return t.units().create("C", "0"); });
  auto other = open();
  auto bump = [&](store& s) {
    for (int i = 0; i < 40; ++i)
      s.write([&](tx& t) {
        sql::statement st = t.connection().prepare("SELECT name FROM units WHERE id = ?");
        st.args(unit);
        st.step();
        const int n = std::stoi(st.text(0));
        st.reset();
        t.connection().prepare("UPDATE units SET name = ? WHERE id = ?").args(std::to_string(n + 1), unit).run();
      });
  };
  std::thread a([&] { bump(*store_); }), b([&] { bump(*other); });
  a.join();
  b.join();
  EXPECT_EQ(store_->read([&](tx& t) {
    sql::statement st = t.connection().prepare("SELECT name FROM units WHERE id = ?");
    st.args(unit);
    st.step();
    return st.text(0);
  }),
            "80");
}

TEST_P(store_test, a_session_lives_until_it_expires_and_is_seen_by_every_node) {
  const int64_t citizen = store_->write([](tx& t) { return t.citizens().create("197601022382", "Anna Andersson"); });
  store_->write([&](tx& t) {
    new_session s;
    s.token_hash = "h1";
    s.kind = session_kind::citizen;
    s.citizen_id = citizen;
    s.csrf = "c1";
    s.expires_at = "2026-12-01T20:00:00Z";
    t.sessions().create(s);
  });
  auto node2 = open();
  const auto seen = node2->read([](tx& t) { return t.sessions().find("h1"); });
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->kind, session_kind::citizen);
  EXPECT_EQ(seen->citizen_id, citizen);
  EXPECT_EQ(seen->csrf, "c1");
  EXPECT_FALSE(seen->staff_id);
  clock_.advance(8h);  // 20:00: expired
  EXPECT_FALSE(node2->read([](tx& t) { return t.sessions().find("h1"); }));
  EXPECT_EQ(store_->write([](tx& t) { return t.sessions().purge_expired(); }), 1);
}

TEST_P(store_test, failed_logins_count_across_nodes) {
  auto node2 = open();
  store_->write([](tx& t) { t.logins().record_failure("user:x"); });
  clock_.advance(1min);
  node2->write([](tx& t) { t.logins().record_failure("user:x"); });
  EXPECT_EQ(store_->read([](tx& t) { return t.logins().failures_since("user:x", "2026-12-01T11:45:00Z"); }), 2);
  EXPECT_EQ(store_->read([](tx& t) { return t.logins().failures_since("user:x", "2026-12-01T12:00:00Z"); }), 1);
  node2->write([](tx& t) { t.logins().clear("user:x"); });
  EXPECT_EQ(store_->read([](tx& t) { return t.logins().failures_since("user:x", "2026-01-01T00:00:00Z"); }), 0);
}

TEST_P(store_test, states_and_roles_are_stored_by_their_names) {
  const int64_t unit = store_->write([](tx& t) { return t.units().create("U", "Enheten"); });
  const int64_t staff = store_->write([&](tx& t) {
    const int64_t id = t.staff().create("sanna", "Sanna", "hash", unit);
    t.staff().grant(id, unit, role::reader);
    t.staff().grant(id, unit, role::sender);
    t.staff().grant(id, unit, role::sender);  // twice is once
    return id;
  });
  EXPECT_EQ(count("SELECT COUNT(*) FROM staff_roles WHERE role IN ('reader', 'sender')"), 2);
  const auto units = store_->read([&](tx& t) { return t.staff().units(staff); });
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "Enheten");
  EXPECT_EQ(units[0].roles, (std::vector<role>{role::reader, role::sender}));
  EXPECT_EQ(parse_name<instance_state>("PENDING_COMPLETION"), instance_state::pending_completion);
  EXPECT_EQ(parse_name<instance_state>("pending_completion"), std::nullopt);
  EXPECT_EQ(name(template_kind::case_form), "case");
}

INSTANTIATE_TEST_SUITE_P(backends, store_test, testing::kBackends);

TEST(sqlite_store, connections_use_wal_foreign_keys_full_sync_and_secure_delete) {
  testing::scratch_database db("sqlite");
  auto c = sql::open(sql::parse_location(db.url), sql::open_options{true});
  auto one = [&](const char* pragma) {
    sql::statement st = c->prepare(pragma);
    st.step();
    return st.text(0);
  };
  EXPECT_EQ(one("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(one("PRAGMA foreign_keys"), "1");
  EXPECT_EQ(one("PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(one("PRAGMA secure_delete"), "1");
}

TEST(postgres_driver, numbers_placeholders_outside_quotes) {
  EXPECT_EQ(sql::number_placeholders("SELECT ? , '?' , \"a?\" WHERE x = ? AND y = ?"), "SELECT $1 , '?' , \"a?\" WHERE x = $2 AND y = $3");
  EXPECT_EQ(sql::number_placeholders("SELECT 'it''s ?' , ?"), "SELECT 'it''s ?' , $1");
}

TEST(sql_location, a_postgresql_url_is_shown_without_its_password) {
  EXPECT_EQ(sql::parse_location("var/blankett.db").kind, sql::backend::sqlite);
  const sql::location pg = sql::parse_location("postgresql://blankett:hemligt@db:5432/blankett?sslmode=require&password=x");
  EXPECT_EQ(pg.kind, sql::backend::postgresql);
  EXPECT_EQ(pg.display(), "postgresql://blankett:***@db:5432/blankett?sslmode=require&password=***");
}

}  // namespace
}  // namespace blankett::server
