// The package scheduler (server/packages.cpp) on both backends, on a manual clock: an occasion is not
// sent before its time and is sent whole when due; a node whose claim runs out mid-occasion hands the
// rest to another node without anything sent twice, and its own late batch changes nothing; the
// database itself refuses a second form for the same package, occasion, citizen and form.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jobs.h"
#include "packages.h"
#include "store/databases.h"
#include "store/store.h"

namespace blankett::server {
namespace {

using namespace std::chrono_literals;

class package_scheduler_test : public testing::backend_test {
 protected:
  int64_t unit = 0, staff = 0, grundplat = 0;
  std::vector<int64_t> forms, citizens;

  // A unit with two published forms, a package template of them and `n` citizens.
  void seed(int n) {
    store_->write([&](tx& t) {
      unit = t.units().create("VCN", "Vårdcentralen Norr");
      staff = t.staff().create("sjukskoterska", "Sanna", "not-a-hash", unit);
      for (const char* id : {"phq-9", "gad-7"}) {
        const int64_t tmpl = t.templates().create(unit, id, id, template_kind::questionnaire, false);
        t.templates().add_version(tmpl, 1, template_state::published, "{}", staff);
        forms.push_back(tmpl);
      }
      package_template p;
      p.unit_id = unit;
      p.name = p.title = "Inför besök";
      p.inbox_message = "Hej!";
      p.occasions = 2;
      for (int64_t f : forms) p.forms.push_back(package_form{f, "", ""});
      grundplat = t.package_templates().create(p);
      std::vector<std::string> numbers;
      for (int i = 0; i < n; ++i) numbers.push_back("19700101" + std::to_string(1000 + i));
      for (const auto& [pnr, id] : t.citizens().create_many(numbers)) citizens.push_back(id);
    });
  }

  // A package of both forms for every citizen, with occasions `first` and a week later.
  int64_t start(std::chrono::seconds first) {
    new_package p;
    p.unit_id = unit;
    p.package_template_id = grundplat;
    p.staff_id = staff;
    p.name = p.title = "Inför besök";
    p.inbox_message = "Hej!";
    p.forms = forms;
    p.citizens = citizens;
    for (int k = 0; k < 2; ++k) {
      package_occasion o;
      o.number = k + 1;
      o.local_date = "2026-12-01";
      o.local_time = "09:00";
      o.due_at = format_utc(clock_.now() + first + std::chrono::hours(24 * 7 * k));
      p.occasions.push_back(o);
    }
    return store_->write([&](tx& t) { return t.packages().create(p); });
  }

  int64_t count(const std::string& query) {
    return store_->read([&](tx& t) {
      sql::statement st = t.connection().prepare(query);
      st.step();
      return st.integer(0);
    });
  }
};

TEST_P(package_scheduler_test, an_occasion_waits_for_its_time_then_goes_whole) {
  seed(600);
  const int64_t pkg = start(1h);
  job_runner runner(*store_, "node-a", {occasion_job()}, 24h);
  EXPECT_EQ(runner.run_due(), 0) << "not before its time";
  clock_.advance(1h);
  EXPECT_EQ(runner.run_due(), 1);
  const std::string of = " WHERE package_id = " + std::to_string(pkg);
  EXPECT_EQ(count("SELECT COUNT(*) FROM package_deliveries" + of), 600);  // three batches: 250, 250, 100
  EXPECT_EQ(count("SELECT COUNT(*) FROM instances" + of + " AND package_occasion = 1"), 1200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbox_messages" + of), 600);
  const auto occasions = store_->read([&](tx& t) { return t.packages().occasions(pkg); });
  EXPECT_EQ(occasions[0].state, occasion_state::sent);
  EXPECT_EQ(occasions[1].state, occasion_state::planned);
  EXPECT_EQ(runner.run_due(), 0) << "sent once";
}

TEST_P(package_scheduler_test, a_claim_that_runs_out_mid_occasion_hands_over_without_repeats) {
  seed(600);
  const int64_t pkg = start(1min);
  clock_.advance(1min);
  const job_runner::kind k = occasion_job();
  auto a = open(), b = open();
  const std::string lease = format_utc(clock_.now() + 60s);
  // One batch, as the runner does it: the work and the claim's extension in one transaction.
  auto batch = [&](store& s, const job& j, const std::string& node) {
    return s.write([&](tx& t) {
      const job_outcome o = k.work(t, j, {});
      const bool kept = o.n == job_outcome::next::more ? t.jobs().extend(j.id, node, format_utc(parse_utc(t.now()) + 60s))
                                                         : t.jobs().finish(j.id, node);
      if (!kept) throw sql::error("the claim was lost", sql::failure::other);
      return o.n;
    });
  };
  const auto claimed_a = a->claim([&](tx& t) { return t.jobs().claim("occasion", "node-a", lease, 1); });
  ASSERT_EQ(claimed_a.size(), 1u);
  EXPECT_EQ(batch(*a, claimed_a[0], "node-a"), job_outcome::next::more);
  const std::string of = " WHERE package_id = " + std::to_string(pkg);
  EXPECT_EQ(count("SELECT COUNT(*) FROM package_deliveries" + of), 250);

  // Node a stalls past its lease; node b claims the occasion and sends the next batch.
  clock_.advance(2min);
  const auto claimed_b = b->claim([&](tx& t) { return t.jobs().claim("occasion", "node-b", format_utc(clock_.now() + 60s), 1); });
  ASSERT_EQ(claimed_b.size(), 1u);
  EXPECT_EQ(claimed_b[0].id, claimed_a[0].id);
  EXPECT_EQ(batch(*b, claimed_b[0], "node-b"), job_outcome::next::more);
  EXPECT_EQ(count("SELECT COUNT(*) FROM package_deliveries" + of), 500);

  // Node a wakes and tries its next batch: its claim is gone, so the batch is rolled back.
  EXPECT_THROW(batch(*a, claimed_a[0], "node-a"), sql::error);
  EXPECT_EQ(count("SELECT COUNT(*) FROM package_deliveries" + of), 500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM instances" + of), 1000);

  // Node b finishes: everyone once.
  EXPECT_EQ(batch(*b, claimed_b[0], "node-b"), job_outcome::next::done);
  EXPECT_EQ(count("SELECT COUNT(*) FROM package_deliveries" + of), 600);
  EXPECT_EQ(count("SELECT COUNT(*) FROM instances" + of), 1200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT DISTINCT citizen_id, package_position FROM instances" + of + ") x"), 1200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbox_messages" + of), 600);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'occasion' AND done_at IS NOT NULL"), 1);
}

TEST_P(package_scheduler_test, the_database_refuses_a_second_form_for_the_same_occasion) {
  seed(1);
  const int64_t pkg = start(1min);
  clock_.advance(1min);
  job_runner runner(*store_, "node-a", {occasion_job()}, 24h);
  ASSERT_EQ(runner.run_due(), 1);
  const int64_t version = store_->read([&](tx& t) { return t.templates().sendable_version(forms[0], unit).version_id; });
  new_instance n;
  n.unit_id = unit;
  n.version_id = version;
  n.citizen_id = citizens[0];
  n.package_id = pkg;
  n.package_occasion = 1;
  n.package_position = 1;
  n.answer_by = "2027-12-01";
  n.delete_after = "2028-01-01";
  try {
    store_->write([&](tx& t) { t.instances().create_many(n, {citizens[0]}); });
    FAIL() << "a second form for the same package, occasion, citizen and form was stored";
  } catch (const sql::error& e) {
    EXPECT_TRUE(e.constraint()) << e.what();
  }
  n.package_occasion = 2;  // the next occasion's form is another row
  EXPECT_EQ(store_->write([&](tx& t) { return t.instances().create_many(n, {citizens[0]}); }).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(backends, package_scheduler_test, testing::kBackends);

}  // namespace
}  // namespace blankett::server
