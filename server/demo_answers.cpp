// The demo's submitted answers: each evaluated by the core as a submit is (server/http/instance.cpp),
// then written by the store (store/demo.cpp) as submitted yesterday.
#include "demo_answers.h"

#include <cstdio>

#include "http/instance.h"
#include "store/demo.h"

namespace blankett::server {
namespace {

struct planned {
  const char* form_id;
  const char* pnr;
  const char* answers;
};

// Who answered what (the citizens are seed_demo's). Greta's PHQ-9 answers item 9 with "Flera dagar":
// the critical alert Uppföljning shows first.
constexpr planned kAnswers[] = {
    {"phq-9", "196205143248",
     R"({"q1":"2","q2":"2","q3":"3","q4":"3","q5":"2","q6":"2","q7":"1","q8":"1","q9":"1","q10":"2"})"},
    {"phq-9", "196205262816",
     R"({"q1":"1","q2":"1","q3":"2","q4":"1","q5":"0","q6":"1","q7":"1","q8":"0","q9":"0","q10":"1"})"},
    {"phq-9", "199001012385",
     R"({"q1":"2","q2":"2","q3":"2","q4":"2","q5":"2","q6":"0","q7":"0","q8":"0","q9":"0","q10":"2"})"},
    {"phq-9", "199001072397",
     R"({"q1":"1","q2":"1","q3":"0","q4":"0","q5":"0","q6":"0","q7":"0","q8":"0","q9":"0","q10":"0"})"},
    {"gad-7", "199001012385", R"({"q1":"1","q2":"1","q3":"1","q4":"0","q5":"1","q6":"1","q7":"1","q8":"1"})"},
    {"halsoenkat", "197604012380",
     R"({"general_health":"good","medication":false,"exercise":"60_89","everyday":"150_299","vegetables":"1_per_day",)"
     R"("fruit":"1_per_day","fish":"1_per_week","sweets":"few_per_week","audit1":"2","audit2":"0","audit3":"1",)"
     R"("smoking":"never","snus":"never","work":"retired","finances":"no","social_support":true,"living":"alone",)"
     R"("sleep_hours":"7_8","sleep_quality":"fairly_good","rested":"often","stress":"a_little","recovery":"daily",)"
     R"("talk_topics":["diet"]})"},
};

}  // namespace

void seed_demo_answers(app& a) {
  const auto versions = demo_answers_due(a.db());
  if (versions.empty()) return;
  std::vector<demo_answer> out;
  for (const planned& p : kAnswers) {
    const auto v = versions.find(p.form_id);
    if (v == versions.end()) continue;
    instance_row row;
    row.version_id = v->second;
    row.measurements = "{}";
    evaluated e;
    evaluate_instance(a, row, p.answers, std::string(p.pnr), -1, true, e);
    // A sample that changed so that these answers no longer pass is left out (and said), never stored wrong.
    if (!e.readable || !e.result.valid()) {
      std::fprintf(stderr, "blankett serve: the demo's %s answers do not validate; not seeded\n", p.form_id);
      continue;
    }
    out.push_back(demo_answer{p.form_id, p.pnr, drop_hidden(e, p.answers), result_json(e), alert_level(e)});
  }
  seed_demo_answers(a.db(), out);
}

}  // namespace blankett::server
