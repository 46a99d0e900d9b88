// A reminder's notification (server/jobs.cpp, the outbox) on both backends: it goes while its form
// waits for an answer, and stays unsent when the form was submitted between the reminder and the
// moment the notification would go.
#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "jobs.h"
#include "store/databases.h"
#include "store/store.h"

namespace blankett::server {
namespace {

using namespace std::chrono_literals;

// Takes every message and remembers where it went.
class recording_courier final : public courier {
 public:
  std::string send(const outgoing& m) override {
    std::lock_guard<std::mutex> lock(m_);
    sent.push_back(m.to);
    return "";
  }
  std::vector<std::string> sent;

 private:
  std::mutex m_;
};

class reminder_test : public testing::backend_test {};

TEST_P(reminder_test, goes_only_while_its_form_waits) {
  int64_t waiting = 0, answered = 0;
  store_->write([&](tx& t) {
    const int64_t unit = t.units().create("VCN", "Vårdcentralen Norr");
    const int64_t staff = t.staff().create("s", "S", "not-a-hash", unit);
    const int64_t tmpl = t.templates().create(unit, "phq-9", "PHQ-9", template_kind::questionnaire, false);
    const int64_t version = t.templates().add_version(tmpl, 1, template_state::published, "{}", staff);
    const int64_t anna = t.citizens().create("197601022382", "Anna", false, std::string("anna@example.se"));
    const int64_t sara = t.citizens().create("198501012382", "Sara", false, std::string("sara@example.se"));
    new_instance n;
    n.unit_id = unit;
    n.version_id = version;
    n.answer_by = "2027-12-01";
    n.delete_after = "2028-01-01";
    const auto made = t.instances().create_many(n, {anna, sara});
    waiting = made[0].second;
    answered = made[1].second;
    const auto messages = t.inbox().add_for_package(unit, std::nullopt, "Påminnelse", "Hej!", made);
    EXPECT_EQ(t.notifications().add_for_messages(messages, true), 2);
    // Sara submits before the notifications go.
    t.connection().prepare("UPDATE instances SET state = 'COMPLETED', submitted_at = ? WHERE id = ?").args(t.now(), answered).run();
  });
  recording_courier post;
  {
    job_runner runner(*store_, "node-a", {notification_job(*store_, post, "https://formular.example/")}, 24h);
    EXPECT_EQ(runner.run_due(), 2);
  }
  EXPECT_EQ(post.sent, std::vector<std::string>{"anna@example.se"});
  const auto status = [&](int64_t instance) {
    return store_->read([&](tx& t) {
      sql::statement st = t.connection().prepare("SELECT status, COALESCE(last_error, '') FROM notifications WHERE instance_id = ?");
      st.args(instance);
      st.step();
      return st.text(0) + " " + st.text(1);
    });
  };
  EXPECT_EQ(status(waiting), "sent ");
  EXPECT_EQ(status(answered), "failed not sent: the form no longer waits for an answer");
}

INSTANTIATE_TEST_SUITE_P(backends, reminder_test, testing::kBackends);

}  // namespace
}  // namespace blankett::server
