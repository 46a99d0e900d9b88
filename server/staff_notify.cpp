// Staff notifications that a followed form was answered (staff_notify.h).
#include "staff_notify.h"

#include <cstdlib>

#include "log.h"

namespace blankett::server {

std::pair<std::string, std::string> answer_notice_text(const answer_notice& n) {
  const std::string tail = " har kommit in till " + n.unit_name + ". Logga in i Blankett och öppna Uppföljning för att läsa ";
  if (n.pending == 1) return {"Nytt formulärsvar: " + n.template_name, "Ett nytt svar på " + n.template_name + tail + "det."};
  const std::string count = std::to_string(n.pending);
  return {count + " nya formulärsvar: " + n.template_name, count + " nya svar på " + n.template_name + tail + "dem."};
}

job_runner::kind answer_notice_job() {
  return job_runner::kind{"answer_notice", nullptr,
                          [](tx& t, const job& j, const act_result&) {
                            char* rest = nullptr;
                            const int64_t staff = std::strtoll(j.key.c_str(), &rest, 10);
                            const int64_t unit = std::strtoll(rest + (*rest == ':'), &rest, 10);
                            const int64_t tmpl = std::strtoll(rest + (*rest == ':'), &rest, 10);
                            const auto n = t.staff_notices().take(staff, unit, tmpl);
                            if (!n || n->pending == 0 || n->address.empty()) return job_outcome::done();
                            const auto [subject, body] = answer_notice_text(*n);
                            const int64_t mail = t.mail().add(unit, n->address, subject, body);
                            const int64_t answers = n->pending;
                            return job_outcome::done([=] {
                              log(log_level::info, "staff_notice.queued",
                                  {{"mail", std::to_string(mail)}, {"staff", std::to_string(staff)}, {"unit", std::to_string(unit)},
                                   {"template", std::to_string(tmpl)}, {"answers", std::to_string(answers)}});
                            });
                          },
                          std::chrono::seconds(60)};
}

}  // namespace blankett::server
