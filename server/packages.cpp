// The package scheduler (packages.h): one occasion's sending, batch by batch, and its reports.
#include "packages.h"

#include <signal.h>

#include <cstdlib>

#include "blankett/json_writer.h"
#include "log.h"
#include "policy.h"

namespace blankett::server {
namespace {

struct occasion_key {
  int64_t package = 0, number = 0;
};
occasion_key key_of(const job& j) {
  const size_t colon = j.key.find(':');
  if (colon == std::string::npos) return {};
  return {std::strtoll(j.key.c_str(), nullptr, 10), std::strtoll(j.key.c_str() + colon + 1, nullptr, 10)};
}

// What went wrong at an occasion, for the package's page (JSON notes) and the error address (text).
struct report {
  std::vector<std::string> unavailable;  // forms left out
  int64_t unreachable = 0;
  int64_t late_hours = -1;  // skipped as too late
  bool no_forms = false;

  bool empty() const { return unavailable.empty() && unreachable == 0 && late_hours < 0 && !no_forms; }

  std::string notes() const {
    std::string out;
    json_writer w(out);
    w.begin_array();
    if (late_hours >= 0) w.begin_object().key("code").value("late").key("hours").value(late_hours).end_object();
    if (no_forms) w.begin_object().key("code").value("no_forms").end_object();
    for (const std::string& f : unavailable)
      w.begin_object().key("code").value("form_unavailable").key("form").value(std::string_view(f)).end_object();
    if (unreachable > 0) w.begin_object().key("code").value("unreachable").key("count").value(unreachable).end_object();
    w.end_array();
    return out;
  }

  // The mail to the error address: Swedish, then English. It names the package and the forms, and
  // counts people without naming them.
  std::string text(const package_summary& p, const package_occasion& o, int64_t sent) const {
    const std::string when = o.local_date + " " + o.local_time;
    std::string sv = "Paketutskicket \"" + p.name + "\" (nr " + std::to_string(p.id) + "), tillfälle " + std::to_string(o.number) +
                     " av " + std::to_string(p.occasions) + " (" + when + "):\n";
    std::string en = "The package \"" + p.name + "\" (no. " + std::to_string(p.id) + "), occasion " + std::to_string(o.number) +
                     " of " + std::to_string(p.occasions) + " (" + when + "):\n";
    if (late_hours >= 0) {
      sv += "- Tillfället skickades inte: servern nådde det " + std::to_string(late_hours) +
            " timmar för sent (senare än 24 timmar). Skicka formulären med Skicka formulär om de behövs.\n";
      en += "- The occasion was not sent: the server reached it " + std::to_string(late_hours) +
            " hours late (more than 24 hours). Send the forms with Skicka formulär if they are needed.\n";
    }
    for (const std::string& f : unavailable) {
      sv += "- Formuläret \"" + f + "\" är arkiverat, saknar publicerad version eller är en gemensam mall utan prenumeration och skickades inte.\n";
      en += "- The form \"" + f + "\" is archived, has no published version or is a shared template without a subscription, and was not sent.\n";
    }
    if (no_forms) {
      sv += "- Inget formulär kunde skickas: paketutskicket är avbrutet.\n";
      en += "- No form could be sent: the package is aborted.\n";
    }
    if (unreachable > 0) {
      sv += "- " + std::to_string(unreachable) + " mottagare kunde inte nås (skyddad identitet eller spärrad inloggning): använd en formulärlänk.\n";
      en += "- " + std::to_string(unreachable) + " recipients could not be reached (protected identity or a locked login): use a form link.\n";
    }
    if (late_hours < 0 && !no_forms) {
      sv += "Formulären skickades till " + std::to_string(sent) + " mottagare.\n";
      en += "The forms were sent to " + std::to_string(sent) + " recipients.\n";
    }
    return sv + "\n" + en;
  }
};

void mail_report(tx& t, const package_summary& p, const package_occasion& o, const report& r, int64_t sent) {
  if (!p.error_email) {
    log(log_level::warning, "package.report_unsent", {{"package", std::to_string(p.id)}, {"occasion", std::to_string(o.number)}});
    return;
  }
  t.mail().add(p.unit_id, *p.error_email, "Paketutskick \"" + p.name + "\": tillfälle " + std::to_string(o.number),
               r.text(p, o, sent));
}

// The occasion after this one that is still planned, if any.
bool has_later_planned(const std::vector<package_occasion>& all, int64_t number) {
  for (const package_occasion& o : all)
    if (o.number > number && o.state == occasion_state::planned) return true;
  return false;
}

job_outcome send_occasion(tx& t, const job& j, const occasion_faults& faults) {
  const occasion_key k = key_of(j);
  const std::optional<package_summary> p = t.packages().find(k.package, std::nullopt);
  if (!p) return job_outcome::done();
  const std::vector<package_occasion> all = t.packages().occasions(k.package);
  const package_occasion* found = nullptr;
  for (const package_occasion& o : all)
    if (o.number == k.number) found = &o;
  if (!found || found->state != occasion_state::planned) return job_outcome::done();
  const package_occasion& o = *found;
  const bool last = !has_later_planned(all, o.number);
  const std::string pkg = std::to_string(p->id), num = std::to_string(o.number);

  if (p->status == package_status::stopped) {
    // Its next occasion has come: the package can no longer be restarted.
    t.packages().cancel_planned(p->id);
    t.packages().set_status(p->id, package_status::stopped, package_status::aborted, true);
    return job_outcome::done([pkg, num] { log(log_level::info, "package.aborted", {{"package", pkg}, {"occasion", num}, {"why", "stopped"}}); });
  }
  if (p->status != package_status::running) return job_outcome::done();

  const auto now = parse_utc(t.now());
  const auto late = now - parse_utc(o.due_at);
  if (late > kOccasionCatchUp) {
    report r;
    r.late_hours = std::chrono::duration_cast<std::chrono::hours>(late).count();
    t.packages().end_occasion(p->id, o.number, occasion_state::skipped, r.notes());
    if (last) t.packages().set_status(p->id, package_status::running, package_status::done, true);
    mail_report(t, *p, o, r, 0);
    return job_outcome::done([pkg, num, hours = std::to_string(r.late_hours)] {
      log(log_level::warning, "package.occasion_skipped", {{"package", pkg}, {"occasion", num}, {"late_hours", hours}});
    });
  }

  // The forms the unit may send now, in the package's order.
  report r;
  std::vector<occasion_form> forms;
  int64_t position = 0;
  for (const package_form& f : t.packages().forms(p->id)) {
    ++position;
    const sendable s = t.templates().sendable_version(f.template_id, p->unit_id);
    if (s.refusal == send_refusal::none) forms.push_back(occasion_form{position, f.template_id, s.version_id});
    else r.unavailable.push_back(f.name);
  }
  if (forms.empty()) {
    r.no_forms = true;
    t.packages().end_occasion(p->id, o.number, occasion_state::skipped, r.notes());
    t.packages().cancel_planned(p->id);
    t.packages().set_status(p->id, package_status::running, package_status::aborted, true);
    mail_report(t, *p, o, r, 0);
    return job_outcome::done([pkg, num] { log(log_level::warning, "package.aborted", {{"package", pkg}, {"occasion", num}, {"why", "no_forms"}}); });
  }

  // The next batch of recipients this occasion has not reached.
  const std::vector<std::pair<int64_t, bool>> batch = t.packages().next_recipients(p->id, o.number, kOccasionBatch);
  if (!batch.empty()) {
    // This batch's number, from what the database holds (a transaction run again counts once).
    const int64_t batch_number = faults.kill_in_batch > 0 ? t.packages().deliveries(p->id, o.number).first / kOccasionBatch + 1 : 0;
    t.packages().add_deliveries(p->id, o.number, batch);
    std::vector<int64_t> citizens;
    for (const auto& [citizen, reachable] : batch)
      if (reachable) citizens.push_back(citizen);
    if (!citizens.empty()) {
      const int64_t today = days_from_civil(local_date(now));
      new_instance n;
      n.unit_id = p->unit_id;
      n.package_id = p->id;
      n.package_occasion = o.number;
      n.answer_by = format_date(civil_from_days(today + policy::kDispatchAnswerByDays));
      n.delete_after = format_date(civil_from_days(today + policy::kDispatchDeleteAfterDays));
      std::vector<std::pair<int64_t, int64_t>> first;  // (citizen, instance) of the first form: the inbox message's link
      std::vector<int64_t> instances;
      for (const occasion_form& f : forms) {
        n.version_id = f.version_id;
        n.package_position = f.position;
        std::vector<std::pair<int64_t, int64_t>> made = t.instances().create_many(n, citizens);
        for (const auto& [citizen, instance] : made) instances.push_back(instance);
        if (first.empty()) first = std::move(made);
      }
      t.instances().add_events(instances, "sent", "package:" + pkg);
      t.webhooks().emit("FormCreated", instances);
      const std::vector<int64_t> messages = t.inbox().add_for_package(p->unit_id, p->id, policy::kInboxSubject, p->inbox_message, first);
      t.notifications().add_for_messages(messages);
    }
    if (faults.kill_in_batch > 0 && batch_number == faults.kill_in_batch) {
      log(log_level::warning, "test.kill", {{"package", pkg}, {"occasion", num}, {"batch", std::to_string(batch_number)}});
      raise(SIGKILL);
    }
    if (static_cast<int64_t>(batch.size()) == kOccasionBatch)
      return job_outcome::more([pkg, num, size = std::to_string(batch.size())] {
        log(log_level::info, "package.batch", {{"package", pkg}, {"occasion", num}, {"recipients", size}});
      });
  }

  // Every recipient reached: the occasion is sent.
  const auto [reached, unreachable] = t.packages().deliveries(p->id, o.number);
  r.unreachable = unreachable;
  t.packages().end_occasion(p->id, o.number, occasion_state::sent, r.notes());
  if (last) t.packages().set_status(p->id, package_status::running, package_status::done, true);
  if (!r.empty()) mail_report(t, *p, o, r, reached - unreachable);
  return job_outcome::done([pkg, num, sent = std::to_string(reached - unreachable), n = std::to_string(forms.size())] {
    log(log_level::info, "package.occasion_sent", {{"package", pkg}, {"occasion", num}, {"recipients", sent}, {"forms", n}});
  });
}

}  // namespace

job_runner::kind occasion_job(occasion_faults faults) {
  return job_runner::kind{"occasion", nullptr, [faults](tx& t, const job& j, const act_result&) { return send_occasion(t, j, faults); },
                          std::chrono::seconds(60)};
}

}  // namespace blankett::server
