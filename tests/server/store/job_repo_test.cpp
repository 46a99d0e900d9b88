// Jobs (server/store/job_repo.cpp, server/jobs.cpp) on both backends: nodes that claim at the same
// time never claim the same job; a claim whose lease ran out is claimed again; a node that lost its
// claim changes nothing; recurring jobs come back when they are due.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "jobs.h"
#include "store/databases.h"
#include "store/store.h"

namespace blankett::server {
namespace {

using namespace std::chrono_literals;

class job_test : public testing::backend_test {
 protected:
  std::string at(std::chrono::seconds from_now) { return format_utc(clock_.now() + from_now); }
};

TEST_P(job_test, two_nodes_claiming_at_once_never_claim_the_same_job) {
  constexpr int kJobs = 400;
  store_->write([&](tx& t) {
    for (int i = 0; i < kJobs; ++i) t.jobs().schedule("occasion", "job-" + std::to_string(i), t.now());
  });
  // Two nodes, each with its own connections, claim small batches as fast as they can and finish
  // what they claimed; each records what it got.
  std::mutex m;
  std::vector<std::vector<int64_t>> claimed(2);
  auto node = [&](int n) {
    auto s = open();
    const std::string name = "node-" + std::to_string(n);
    for (;;) {
      const auto jobs = s->claim([&](tx& t) { return t.jobs().claim("occasion", name, at(60s), 5); });
      if (jobs.empty()) break;
      for (const job& j : jobs) {
        ASSERT_TRUE(s->write([&](tx& t) { return t.jobs().finish(j.id, name); }));
        std::lock_guard<std::mutex> lock(m);
        claimed[static_cast<size_t>(n)].push_back(j.id);
      }
    }
  };
  std::thread a(node, 0), b(node, 1);
  a.join();
  b.join();
  std::set<int64_t> all;
  for (const auto& c : claimed)
    for (int64_t id : c) EXPECT_TRUE(all.insert(id).second) << "job " << id << " was claimed twice";
  EXPECT_EQ(all.size(), static_cast<size_t>(kJobs));
  EXPECT_GT(claimed[0].size() + claimed[1].size(), 0u);
  EXPECT_EQ(store_->read([](tx& t) {
    sql::statement st = t.connection().prepare("SELECT COUNT(*) FROM jobs WHERE done_at IS NULL");
    st.step();
    return st.integer(0);
  }),
            0);
}

TEST_P(job_test, a_lapsed_claim_is_claimed_again_and_the_first_node_then_changes_nothing) {
  store_->write([&](tx& t) { EXPECT_TRUE(t.jobs().schedule("outbox", "m1", t.now())); });
  store_->write([&](tx& t) { EXPECT_FALSE(t.jobs().schedule("outbox", "m1", t.now())); });  // once
  const auto first = store_->claim([&](tx& t) { return t.jobs().claim("outbox", "a", at(60s), 10); });
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].key, "m1");
  EXPECT_EQ(first[0].attempts, 1);
  // While the lease holds, nobody else gets it.
  EXPECT_TRUE(store_->claim([&](tx& t) { return t.jobs().claim("outbox", "b", at(60s), 10); }).empty());
  clock_.advance(61s);  // node a died, say
  const auto second = store_->claim([&](tx& t) { return t.jobs().claim("outbox", "b", at(60s), 10); });
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].attempts, 2);
  EXPECT_FALSE(store_->write([&](tx& t) { return t.jobs().finish(first[0].id, "a"); }));
  EXPECT_TRUE(store_->write([&](tx& t) { return t.jobs().finish(second[0].id, "b"); }));
  clock_.advance(600s);
  EXPECT_TRUE(store_->claim([&](tx& t) { return t.jobs().claim("outbox", "c", at(60s), 10); }).empty()) << "done is done";
}

TEST_P(job_test, a_job_is_not_claimed_before_it_is_due) {
  store_->write([&](tx& t) { t.jobs().schedule("occasion", "week-2", format_utc(clock_.now() + 7 * 24h)); });
  EXPECT_TRUE(store_->claim([&](tx& t) { return t.jobs().claim("occasion", "a", at(60s), 10); }).empty());
  clock_.advance(7 * 24h);
  EXPECT_EQ(store_->claim([&](tx& t) { return t.jobs().claim("occasion", "a", at(60s), 10); }).size(), 1u);
}

TEST_P(job_test, housekeeping_runs_once_across_nodes_and_comes_back_when_due) {
  schedule_recurring_jobs(*store_);
  auto node2 = open();
  schedule_recurring_jobs(*node2);  // every node does this at start; one job exists
  const int64_t citizen = store_->write([](tx& t) { return t.citizens().create("197601022382"); });
  store_->write([&](tx& t) {
    new_session s;
    s.token_hash = "old";
    s.citizen_id = citizen;
    s.csrf = "c";
    s.expires_at = t.now();  // expires now
    t.sessions().create(s);
  });
  // The runners' own threads look only every hour here; the test runs the due jobs itself.
  job_runner a(*store_, "a", {housekeeping_job(*store_)}, std::chrono::hours(1));
  job_runner b(*node2, "b", {housekeeping_job(*node2)}, std::chrono::hours(1));
  int ran = a.run_due() + b.run_due();
  const auto sessions = [&] {
    return store_->read([](tx& t) {
      sql::statement st = t.connection().prepare("SELECT COUNT(*) FROM sessions");
      st.step();
      return st.integer(0);
    });
  };
  EXPECT_EQ(ran, 1) << "one node ran it";
  EXPECT_EQ(sessions(), 0) << "the expired session went";
  EXPECT_EQ(a.run_due() + b.run_due(), 0) << "not due again yet";
  clock_.advance(10min);
  ran = a.run_due() + b.run_due();
  EXPECT_EQ(ran, 1) << "due again after ten minutes, run by one node";
}

INSTANTIATE_TEST_SUITE_P(backends, job_test, testing::kBackends);

}  // namespace
}  // namespace blankett::server
