// The CSV export's job (csv_job.h).
#include "export/csv_job.h"

#include <map>
#include <memory>
#include <mutex>

#include "blankett/form.h"
#include "export/answers_csv.h"
#include "export/zip.h"
#include "log.h"
#include "simdjson.h"

namespace blankett::server {
namespace {

// A job's file so far on this node: the answers up to `after` written into `rows`.
struct partial {
  std::unique_ptr<answers_csv> writer;
  std::string rows;
  int64_t after = 0, done = 0;
  bool identify = false;
};

struct partials {
  std::mutex m;
  std::map<int64_t, std::shared_ptr<partial>> by_job;
  std::shared_ptr<partial> get(int64_t job) {
    std::lock_guard<std::mutex> lock(m);
    auto it = by_job.find(job);
    return it == by_job.end() ? nullptr : it->second;
  }
  void put(int64_t job, std::shared_ptr<partial> p) {
    std::lock_guard<std::mutex> lock(m);
    by_job[job] = std::move(p);
  }
  void drop(int64_t job) {
    std::lock_guard<std::mutex> lock(m);
    by_job.erase(job);
  }
};

csv_options options_of(const std::string& json) {
  csv_options o;
  simdjson::dom::parser parser;
  simdjson::dom::element e;
  if (parser.parse(json).get(e)) return o;
  std::string_view s;
  bool b = false;
  if (!e["values"].get(s)) o.labels = s == "labels";
  if (!e["format"].get(s)) o.swedish = s != "international";
  if (!e["identify"].get(b)) o.identify = b;
  return o;
}

// A new writer for the export: its versions' forms loaded; null when one does not load.
std::shared_ptr<partial> start(tx& t, int64_t id) {
  const csv_options o = options_of(t.exports().options(id));
  std::vector<csv_version> versions;
  for (const auto& [version_id, version] : t.exports().versions(id)) {
    const auto definition = t.templates().definition(version_id);
    if (!definition) return nullptr;
    form_load loaded = load_form(*definition);
    if (!loaded.ok()) return nullptr;
    versions.push_back(csv_version{version, std::make_shared<const form>(std::move(*loaded.value))});
  }
  auto p = std::make_shared<partial>();
  p->writer = std::make_unique<answers_csv>(std::move(versions), o);
  p->identify = o.identify;
  return p;
}

}  // namespace

job_runner::kind csv_export_job(int64_t batch) {
  auto all = std::make_shared<partials>();
  return job_runner::kind{
      "csv_export", nullptr,
      [all, batch](tx& t, const job& j, const act_result&) {
        const int64_t id = std::strtoll(j.key.c_str(), nullptr, 10);
        const auto e = t.exports().find(id);
        if (!e || e->state != "running") {
          all->drop(j.id);
          return job_outcome::done();
        }
        std::shared_ptr<partial> p = all->get(j.id);
        if (!p) {
          p = start(t, id);
          if (!p) {
            t.exports().fail(id, "export.form");
            return job_outcome::done([id] { log(log_level::error, "export.failed", {{"export", std::to_string(id)}, {"what", "a form does not load"}}); });
          }
          all->put(j.id, p);
        }
        const std::vector<export_answer> rows_read = t.exports().answers(id, p->after, batch, p->identify);
        std::string rows;
        for (const export_answer& a : rows_read) p->writer->append(rows, a);
        const int64_t done = p->done + static_cast<int64_t>(rows_read.size());
        if (static_cast<int64_t>(rows_read.size()) == batch) {
          t.exports().progress(id, done);
          const int64_t after = rows_read.back().id;
          return job_outcome::more([p, rows = std::move(rows), after, done, id]() mutable {
            p->rows += rows;
            p->after = after;
            p->done = done;
            log(log_level::info, "export.progress", {{"export", std::to_string(id)}, {"done", std::to_string(done)}});
          });
        }
        std::string svar = p->writer->header();
        svar.reserve(svar.size() + p->rows.size() + rows.size());
        svar += p->rows;
        svar += rows;
        const std::string file = make_zip({{"svar.csv", svar}, {"kodbok.csv", p->writer->codebook()}});
        const int64_t job_id = j.id;
        if (file.empty()) {
          t.exports().fail(id, "export.failed");
          return job_outcome::done([all, job_id, id] {
            all->drop(job_id);
            log(log_level::error, "export.failed", {{"export", std::to_string(id)}, {"what", "the zip could not be made"}});
          });
        }
        t.exports().finish(id, file);
        return job_outcome::done([all, job_id, id, done] {
          all->drop(job_id);
          log(log_level::info, "export.ready", {{"export", std::to_string(id)}, {"answers", std::to_string(done)}});
        });
      },
      std::chrono::seconds(300)};
}

}  // namespace blankett::server
