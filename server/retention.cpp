// The unit's deletion policy: the daily retention job, its dates and its warning (retention.h).
#include "retention.h"

#include "log.h"

namespace blankett::server {
namespace {

civil_date add_days(civil_date d, int64_t days) { return civil_from_days(days_from_civil(d) + days); }

clock::time_point run_moment(civil_date d) { return local_moment(d, kRetentionRunMinutes); }

}  // namespace

civil_date retention_run_date(clock::time_point now) {
  civil_date d = local_date(now);
  if (run_moment(d) > now) d = add_days(d, -1);
  return d;
}

std::string retention_before(const retention_policy& p, civil_date run) {
  const civil_date from = add_days(run, -p.days);
  if (p.after == retention_basis::delete_after) return format_date(from);
  return format_utc(local_moment(from, 0));
}

int64_t retention_tomorrow(tx& t, int64_t unit, const retention_policy& p) {
  const civil_date next = add_days(retention_run_date(parse_utc(t.now())), 1);
  return t.retention().count_due(unit, p.after, retention_before(p, next));
}

std::string retention_rule_text(const retention_policy& p) {
  const std::string days = std::to_string(p.days) + (p.days == 1 ? " dag" : " dagar");
  if (p.after == retention_basis::delete_after) return days + " efter Gallras efter";
  return days + " efter att svaret markerats som dokumenterat";
}

job_runner::kind retention_job(std::function<void()> deleted) {
  return job_runner::kind{
      "retention", nullptr,
      [deleted](tx& t, const job&, const act_result&) {
        const auto now = parse_utc(t.now());
        const civil_date run = retention_run_date(now);
        const std::string run_iso = format_date(run);
        const auto u = t.retention().next_unit(run_iso);
        if (!u) {
          // Every unit is done for today's run: due again at the next 02:00.
          job_outcome o = job_outcome::recur(format_utc(run_moment(add_days(run, 1))));
          o.after_commit = [run_iso] { log(log_level::info, "retention.finished", {{"date", run_iso}}); };
          return o;
        }
        const retention_policy& p = *u->retention;
        const std::vector<int64_t> ids = t.retention().due(u->id, p.after, retention_before(p, run), kRetentionBatch);
        if (!ids.empty()) {
          t.webhooks().emit("FormDeleted", ids);
          t.instances().erase_many(ids);
          t.audit().append(std::nullopt, u->id, "answers.retention", "unit:" + std::to_string(u->id),
                           std::to_string(ids.size()) + " answers; rule: " + std::to_string(p.days) + " days after " +
                               std::string(name(p.after)));
        }
        const int64_t unit = u->id;
        const auto count = static_cast<int64_t>(ids.size());
        if (count == kRetentionBatch) {  // more of this unit's answers in the next transaction
          return job_outcome::more([unit, count, deleted] {
            if (deleted) deleted();
            log(log_level::info, "retention.deleted", {{"unit", std::to_string(unit)}, {"answers", std::to_string(count)}});
          });
        }
        // The warning: what the next run deletes, to the unit's address, once (this run is marked
        // done for the unit in the same transaction).
        const int64_t tomorrow = t.retention().count_due(u->id, p.after, retention_before(p, add_days(run, 1)));
        int64_t mail = 0;
        if (tomorrow > 0 && u->email) {
          const std::string n = std::to_string(tomorrow);
          mail = t.mail().add(u->id, *u->email, "Gallring i morgon: " + n + " formulärsvar på " + u->name,
                              "I morgon gallras " + n + " formulärsvar på " + u->name + " enligt enhetens gallringsregel (" +
                                  retention_rule_text(p) +
                                  "). Svaren raderas helt och kan inte återskapas. Logga in i Blankett och öppna Uppföljning "
                                  "om något av dem behöver tas om hand före gallringen.");
        }
        t.retention().mark_run(u->id, run_iso);
        // The deleted content out of SQLite's files first: a reader of the log may rely on it.
        return job_outcome::more([unit, count, tomorrow, mail, run_iso, deleted] {
          if (count > 0 && deleted) deleted();
          log(log_level::info, "retention.unit",
              {{"unit", std::to_string(unit)}, {"date", run_iso}, {"answers", std::to_string(count)},
               {"tomorrow", std::to_string(tomorrow)}, {"mail", std::to_string(mail)}});
        });
      },
      std::chrono::seconds(300)};
}

void schedule_retention(store& db) {
  db.write([](tx& t) {
    const civil_date run = retention_run_date(parse_utc(t.now()));
    t.jobs().schedule("retention", "daily", format_utc(run_moment(civil_date(civil_from_days(days_from_civil(run) + 1)))));
  });
}

}  // namespace blankett::server
