// Staff notifications that a followed form was answered: the job that turns the answers counted
// since a follower's last mail into one mail through the outbox (at most one per follower and
// template per 10 minutes: store/repos.h staff_notice_repo), and the mail's minimal text (the
// template and the unit, never who answered or what).
#pragma once

#include <string>
#include <utility>

#include "jobs.h"
#include "store/model.h"

namespace blankett::server {

// The subject and body of the mail telling `n.pending` new answers.
std::pair<std::string, std::string> answer_notice_text(const answer_notice& n);

// "answer_notice", keyed "<staff>:<unit>:<template>": takes the count and writes the mail (a "mail"
// job delivers it) in one transaction, so each answer is told once however many nodes run.
job_runner::kind answer_notice_job();

}  // namespace blankett::server
