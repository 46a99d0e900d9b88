// Staff notifications and the units' deletion rules (server/staff_notify.h, server/retention.h) on both
// backends, with two nodes' runners on one database: a follower's answers become one mail now and then
// one per 10 minutes with the count; the nightly retention run deletes each unit's due answers once,
// warns once, and comes back the next night at 02:00 local time.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jobs.h"
#include "retention.h"
#include "staff_notify.h"
#include "store/databases.h"
#include "store/store.h"

namespace blankett::server {
namespace {

using namespace std::chrono_literals;

class notify_retention_test : public testing::backend_test {
 protected:
  int64_t count(const std::string& sql) {
    return store_->read([&](tx& t) {
      sql::statement st = t.connection().prepare(sql);
      st.step();
      return st.integer(0);
    });
  }
  std::vector<std::string> mail_subjects() {
    return store_->read([&](tx& t) {
      sql::statement st = t.connection().prepare("SELECT address || ' ' || subject FROM staff_mail ORDER BY id");
      std::vector<std::string> out;
      while (st.step()) out.push_back(st.text(0));
      return out;
    });
  }
  struct seeded {
    int64_t unit = 0, other_unit = 0, staff = 0, tmpl = 0, version = 0;
  };
  seeded seed() {
    return store_->write([&](tx& t) {
      seeded s;
      s.unit = t.units().create("VCN", "Vårdcentralen Norr");
      s.other_unit = t.units().create("HCS", "Hälsocentralen Syd");
      s.staff = t.staff().create("s", "S", "not-a-hash", s.unit);
      t.staff().grant(s.staff, s.unit, role::reader);
      s.tmpl = t.templates().create(s.unit, "phq-9", "PHQ-9", template_kind::questionnaire, false);
      s.version = t.templates().add_version(s.tmpl, 1, template_state::published, "{}", s.staff);
      return s;
    });
  }
};

TEST_P(notify_retention_test, answers_make_one_mail_now_then_one_per_ten_minutes_across_two_nodes) {
  const seeded s = seed();
  store_->write([&](tx& t) {
    t.staff_notices().set_email(s.staff, std::string("s@example.se"));
    t.staff_notices().set_templates(s.staff, s.unit, {s.tmpl});
    EXPECT_EQ(t.staff_notices().answered(s.unit, s.tmpl), 1);
    EXPECT_EQ(t.staff_notices().answered(s.other_unit, s.tmpl), 0) << "another unit's answer";
  });
  auto node2 = open();
  job_runner a(*store_, "a", {answer_notice_job()}, 1h);
  job_runner b(*node2, "b", {answer_notice_job()}, 1h);
  EXPECT_EQ(a.run_due() + b.run_due(), 1);
  EXPECT_EQ(mail_subjects(), std::vector<std::string>{"s@example.se Nytt formulärsvar: PHQ-9"});

  clock_.advance(1min);
  store_->write([&](tx& t) { t.staff_notices().answered(s.unit, s.tmpl); });
  store_->write([&](tx& t) { t.staff_notices().answered(s.unit, s.tmpl); });
  store_->write([&](tx& t) { t.staff_notices().answered(s.unit, s.tmpl); });
  EXPECT_EQ(a.run_due() + b.run_due(), 0) << "not before 10 minutes after the last mail";
  clock_.advance(9min);
  EXPECT_EQ(a.run_due() + b.run_due(), 1);
  EXPECT_EQ(mail_subjects().back(), "s@example.se 3 nya formulärsvar: PHQ-9");
  EXPECT_EQ(a.run_due() + b.run_due(), 0);

  // Disabled meanwhile: the answer counted before is not told.
  store_->write([&](tx& t) { t.staff_notices().answered(s.unit, s.tmpl); });
  store_->write([&](tx& t) { t.staff().set_disabled(s.staff, true); });
  clock_.advance(10min);
  EXPECT_EQ(a.run_due() + b.run_due(), 1);
  EXPECT_EQ(mail_subjects().size(), 2u);
  store_->write([&](tx& t) { EXPECT_EQ(t.staff_notices().answered(s.unit, s.tmpl), 0) << "a disabled account is not counted"; });
}

TEST_P(notify_retention_test, the_nightly_run_deletes_the_due_answers_once_warns_once_and_comes_back_at_two) {
  const seeded s = seed();
  // The test clock stands at 2026-12-01T12:00:00Z: today's run (02:00 local) has passed.
  const civil_date run = retention_run_date(clock_.now());
  const auto day = [&](int64_t d) { return format_date(civil_from_days(days_from_civil(run) + d)); };
  std::vector<int64_t> due_now, due_tomorrow, later;
  store_->write([&](tx& t) {
    t.retention().set_email(s.unit, std::string("enheten@example.se"));
    t.retention().set_policy(s.unit, retention_policy{3, retention_basis::delete_after});
    const int64_t anna = t.citizens().create("197601022382", "Anna");
    new_instance n;
    n.unit_id = s.unit;
    n.version_id = s.version;
    n.citizen_id = anna;
    n.answer_by = day(30);
    for (auto [delete_after, into] : {std::pair{day(-4), &due_now}, std::pair{day(-5), &due_now}, std::pair{day(-3), &due_tomorrow},
                                      std::pair{day(-2), &later}}) {
      n.delete_after = delete_after;
      into->push_back(t.instances().create(n));
    }
    n.unit_id = s.other_unit;  // no rule there
    n.delete_after = day(-100);
    later.push_back(t.instances().create(n));
  });
  EXPECT_EQ(store_->read([&](tx& t) { return retention_tomorrow(t, s.unit, {3, retention_basis::delete_after}); }), 3)
      << "the next run also takes what is already past";
  store_->write([&](tx& t) { t.jobs().schedule("retention", "daily", t.now()); });
  auto node2 = open();
  int deletions = 0;
  job_runner a(*store_, "a", {retention_job([&] { ++deletions; })}, 1h);
  job_runner b(*node2, "b", {retention_job([&] { ++deletions; })}, 1h);
  EXPECT_EQ(a.run_due() + b.run_due(), 1);
  EXPECT_EQ(deletions, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM instances WHERE id IN (" + std::to_string(due_now[0]) + ", " + std::to_string(due_now[1]) + ")"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM instances"), 1 + static_cast<int64_t>(later.size()));
  EXPECT_EQ(mail_subjects(), std::vector<std::string>{"enheten@example.se Gallring i morgon: 1 formulärsvar på Vårdcentralen Norr"});
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit WHERE action = 'answers.retention' AND details = '2 answers; rule: 3 days after delete_after'"), 1);
  // Due again at the next 02:00 local time, not before.
  const std::string next = store_->read([](tx& t) {
    sql::statement st = t.connection().prepare("SELECT due_at FROM jobs WHERE kind = 'retention'");
    st.step();
    return st.text(0);
  });
  EXPECT_EQ(next, format_utc(local_moment(civil_from_days(days_from_civil(run) + 1), kRetentionRunMinutes)));
  EXPECT_EQ(a.run_due() + b.run_due(), 0);
  clock_.set(parse_utc(next));
  EXPECT_EQ(a.run_due() + b.run_due(), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM instances WHERE id = " + std::to_string(due_tomorrow[0])), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM instances"), static_cast<int64_t>(later.size()));
  EXPECT_EQ(mail_subjects().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(backends, notify_retention_test, testing::kBackends);

}  // namespace
}  // namespace blankett::server
