// The server under load from a second process: validated, durably committed PHQ-9 submissions per
// second with their p50 and p99 latency, from concurrent clients on loopback.
//
// The benchmark starts `blankett serve` itself (a child process with a fresh database), prepares the
// forms (sent, answered and reviewed: what a citizen does before "Bekräfta och skicka"), checks that
// a submission is accepted with the right score, and then times only the submissions. Peers in the
// same run: the same load with synchronous=NORMAL (commits survive a killed process, not a power
// cut), and the health endpoint (the HTTP floor: no database, no core).
//   build/release/bench/server_bench --benchmark_counters_tabular=true
//   BLANKETT_BIN=/path/to/other/blankett build/release/bench/server_bench   (another server, same load)
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "server_process.h"
#include "simdjson.h"

namespace {

constexpr int kClients = 8;          // concurrent client connections
constexpr int kPerClient = 64;       // submissions per client per iteration
// Skatteverket test personnummer, one per client.
constexpr const char* kCitizens[kClients] = {"198501012382", "198501012390", "198501022381", "198501022399",
                                             "198501032380", "198501032398", "199001012385", "199001022384"};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One logged-in client: its own connection (keep-alive), session cookie and CSRF token.
class session {
 public:
  explicit session(int port) : cli_("127.0.0.1", port) {
    cli_.set_keep_alive(true);
    cli_.set_tcp_nodelay(true);
  }

  bool login(const std::string& path, const std::string& body) {
    auto r = cli_.Post(path.c_str(), body, "application/json");
    if (!r || r->status != 200) return false;
    const std::string set = r->get_header_value("Set-Cookie");
    cookie_ = set.substr(0, set.find(';'));
    const size_t at = r->body.find("\"csrf\":\"");
    if (at == std::string::npos) return false;
    csrf_ = r->body.substr(at + 8, 64);
    return true;
  }

  // Status and body; status 0 when the connection failed.
  std::pair<int, std::string> call(const char* method, const std::string& path, const std::string& body = {}) {
    httplib::Headers h = {{"Cookie", cookie_}, {"X-CSRF-Token", csrf_}};
    httplib::Result r = std::string_view(method) == "GET"  ? cli_.Get(path.c_str(), h)
                        : std::string_view(method) == "PUT" ? cli_.Put(path.c_str(), h, body, "application/json")
                                                            : cli_.Post(path.c_str(), h, body, "application/json");
    if (!r) return {0, httplib::to_string(r.error())};
    return {r->status, r->body};
  }

 private:
  httplib::Client cli_;
  std::string cookie_, csrf_;
};

struct fixture {
  std::unique_ptr<blankett::testing::server_process> server;
  std::unique_ptr<session> nurse;
  std::vector<std::unique_ptr<session>> citizens;
  int64_t phq9 = 0;
  std::string answers;  // the page's answers, JSON
  std::string error;
};

fixture& fixture_for(bool synchronous_full) {
  static std::map<bool, std::unique_ptr<fixture>> all;
  auto& f = all[synchronous_full];
  if (f) return *f;
  f = std::make_unique<fixture>();
  // BLANKETT_BIN measures another build of the server (an earlier commit's, say) with the same load.
  const char* other = std::getenv("BLANKETT_BIN");
  f->server = std::make_unique<blankett::testing::server_process>(
      other && *other ? other : BLANKETT_BINARY, std::string(BLANKETT_SOURCE_DIR) + "/samples",
      std::vector<std::string>{"--rate", "1000000", "--threads", "64", "--synchronous", synchronous_full ? "full" : "normal"});
  if (!f->server->ok() || f->server->password("sjukskoterska").empty()) return f->error = "the server did not start", *f;
  f->nurse = std::make_unique<session>(f->server->port());
  if (!f->nurse->login("/api/v1/staff/login", R"({"username":"sjukskoterska","password":")" + f->server->password("sjukskoterska") + "\"}"))
    return f->error = "staff login failed", *f;
  auto [status, body] = f->nurse->call("GET", "/api/v1/templates");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (status != 200 || parser.parse(body).get(doc)) return f->error = "no templates", *f;
  simdjson::dom::array templates;
  if (doc["templates"].get(templates)) return f->error = "no templates", *f;
  for (simdjson::dom::element t : templates)
    if (t["form_id"].get_string().value_unsafe() == "phq-9") f->phq9 = t["id"].get_int64().value_unsafe();
  for (const char* p : kCitizens) {
    f->citizens.push_back(std::make_unique<session>(f->server->port()));
    if (!f->citizens.back()->login("/api/v1/citizen/login", std::string(R"({"personnummer":")") + p + "\"}"))
      return f->error = "citizen login failed", *f;
  }
  simdjson::dom::element sample;
  const std::string text = read_file(std::string(BLANKETT_SOURCE_DIR) + "/samples/phq-9/answers/valid-moderately-severe.json");
  if (parser.parse(text).get(sample)) return f->error = "no sample answers", *f;
  simdjson::dom::element answers;
  if (sample["answers"].get(answers)) return f->error = "no sample answers", *f;
  f->answers = simdjson::minify(answers);
  return *f;
}

// Sends PHQ-9 to every client's citizen `count` times (a dispatch per round: one form per person and
// dispatch); each citizen answers and reviews them. Returns the instance ids per client (empty on an error).
std::vector<std::vector<int64_t>> prepare(fixture& f, int count) {
  std::vector<std::vector<int64_t>> ids(kClients);
  std::string recipients;
  for (int c = 0; c < kClients; ++c) recipients += std::string(c ? "," : "") + "\"" + kCitizens[c] + "\"";
  const std::string request = "{\"template\":" + std::to_string(f.phq9) + ",\"recipients\":[" + recipients + "]}";
  simdjson::dom::parser parser;
  for (int round = 0; round < count; ++round) {
    auto [status, body] = f.nurse->call("POST", "/api/v1/dispatches", request);
    simdjson::dom::element doc;
    simdjson::dom::array list;
    if (status != 201 || parser.parse(body).get(doc) || doc["recipients"].get(list)) {
      std::fprintf(stderr, "dispatch: %d %s\n", status, body.substr(0, 200).c_str());
      return {};
    }
    size_t index = 0;
    for (simdjson::dom::element r : list) {
      int64_t id = 0;
      if (r["instance"].get(id)) return {};
      ids[index++].push_back(id);
    }
  }
  std::vector<std::thread> threads;
  std::atomic<bool> ok{true};
  for (int c = 0; c < kClients; ++c)
    threads.emplace_back([&, c] {
      for (int64_t id : ids[size_t(c)]) {
        const std::string base = "/api/v1/citizen/forms/" + std::to_string(id);
        const auto saved = f.citizens[size_t(c)]->call("PUT", base + "/pages/p1", "{\"revision\":0,\"answers\":" + f.answers + "}");
        const auto reviewed = f.citizens[size_t(c)]->call("POST", base + "/review");
        if (saved.first != 200 || reviewed.first != 200) {
          std::fprintf(stderr, "preparing: %d %s / %d %s\n", saved.first, saved.second.substr(0, 200).c_str(), reviewed.first,
                       reviewed.second.substr(0, 200).c_str());
          ok = false;
        }
      }
    });
  for (auto& t : threads) t.join();
  if (!ok) return {};
  return ids;
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

// Runs `work(client, i)` on every client thread; returns the wall time and fills the latencies.
template <class F>
double run_clients(int per_client, std::vector<double>& latencies_ms, F work) {
  std::vector<std::vector<double>> lat(kClients);
  std::vector<std::thread> threads;
  const auto start = std::chrono::steady_clock::now();
  for (int c = 0; c < kClients; ++c)
    threads.emplace_back([&, c] {
      for (int i = 0; i < per_client; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        work(c, i);
        lat[size_t(c)].push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      }
    });
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (auto& l : lat) latencies_ms.insert(latencies_ms.end(), l.begin(), l.end());
  return seconds;
}

int64_t database_bytes(const std::string& path) {
  sqlite3* db = nullptr;
  int64_t bytes = -1;
  if (sqlite3_open(path.c_str(), &db) == SQLITE_OK) {
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", -1, &st, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      bytes = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return bytes;
}

void submissions(benchmark::State& state) {
  const bool full = state.range(0) != 0;
  fixture& f = fixture_for(full);
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  // The answer first: one submission, checked.
  {
    auto ids = prepare(f, 1);
    if (ids.empty()) return state.SkipWithError("preparing the forms failed");
    auto [status, body] = f.citizens[0]->call("POST", "/api/v1/citizen/forms/" + std::to_string(ids[0][0]) + "/submit");
    if (status != 200) return state.SkipWithError("a submission was refused");
    // The score is in the staff's view of the stored answer (citizens see only what the form shows them).
    std::tie(status, body) = f.nurse->call("GET", "/api/v1/answers/" + std::to_string(ids[0][0]));
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    int64_t score = -1;
    std::string_view band;
    if (status != 200 || parser.parse(body).get(doc) || doc["result"]["scores"]["total"]["value"].get(score) ||
        doc["result"]["scores"]["total"]["bands"]["severity"]["code"].get(band) || score != 17 || band != "moderately_severe")
      return state.SkipWithError("a submission did not give PHQ-9 17, moderately severe");
  }
  const int64_t bytes_before = database_bytes(f.server->database());
  std::vector<double> latencies;
  size_t failures = 0;
  for (auto _ : state) {
    auto ids = prepare(f, kPerClient);
    if (ids.empty()) return state.SkipWithError("preparing the forms failed");
    std::atomic<size_t> failed{0};
    const double seconds = run_clients(kPerClient, latencies, [&](int c, int i) {
      const auto [status, body] =
          f.citizens[size_t(c)]->call("POST", "/api/v1/citizen/forms/" + std::to_string(ids[size_t(c)][size_t(i)]) + "/submit");
      if (status != 200) ++failed;
    });
    failures += failed;
    state.SetIterationTime(seconds);
  }
  if (failures) return state.SkipWithError("a submission failed");
  state.SetItemsProcessed(int64_t(state.iterations()) * kClients * kPerClient);
  state.counters["p50_ms"] = percentile(latencies, 0.50);
  state.counters["p99_ms"] = percentile(latencies, 0.99);
  // The database's growth per 1,000 answers sent, answered and submitted (events included).
  const double answers = double(state.iterations()) * kClients * kPerClient;
  state.counters["db_kB_per_1000"] = double(database_bytes(f.server->database()) - bytes_before) / answers * 1000.0 / 1024.0;
}

// Saving a page: each client saves PHQ-9's page over and over on its own form (revision after
// revision), as a citizen's browser does when going to the next page. Each save is validated by the
// core (the page's issues come back) and committed durably with its event.
void page_saves(benchmark::State& state) {
  fixture& f = fixture_for(true);
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  std::string recipients;
  for (int c = 0; c < kClients; ++c) recipients += std::string(c ? "," : "") + "\"" + kCitizens[c] + "\"";
  auto [status, body] = f.nurse->call("POST", "/api/v1/dispatches", "{\"template\":" + std::to_string(f.phq9) + ",\"recipients\":[" + recipients + "]}");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array list;
  if (status != 201 || parser.parse(body).get(doc) || doc["recipients"].get(list)) return state.SkipWithError("dispatch failed");
  std::vector<int64_t> ids;
  for (simdjson::dom::element r : list) ids.push_back(r["instance"].get_int64().value_unsafe());
  std::vector<int64_t> revision(kClients, 0);
  // The answer first: a save is accepted, valid, and moves the revision on.
  {
    auto [st, text] = f.citizens[0]->call("PUT", "/api/v1/citizen/forms/" + std::to_string(ids[0]) + "/pages/p1",
                                          "{\"revision\":0,\"answers\":" + f.answers + "}");
    simdjson::dom::element saved;
    int64_t rev = -1;
    bool valid = false;
    if (st != 200 || parser.parse(text).get(saved) || saved["revision"].get(rev) || saved["result"]["valid"].get(valid) || rev != 1 || !valid)
      return state.SkipWithError("a page save did not give revision 1 and a valid page");
    revision[0] = 1;
  }
  for (auto& c : f.citizens) c->call("GET", "/api/v1/health");  // reopen idle connections
  std::vector<double> latencies;
  std::atomic<size_t> failed{0};
  for (auto _ : state) {
    const double seconds = run_clients(kPerClient, latencies, [&](int c, int i) {
      const std::string answers = i % 2 ? f.answers : "{\"q1\":\"0\",\"q2\":\"1\"}";
      const auto r = f.citizens[size_t(c)]->call("PUT", "/api/v1/citizen/forms/" + std::to_string(ids[size_t(c)]) + "/pages/p1",
                                                 "{\"revision\":" + std::to_string(revision[size_t(c)]) + ",\"answers\":" + answers + "}");
      if (r.first == 200) ++revision[size_t(c)];
      else ++failed;
    });
    state.SetIterationTime(seconds);
  }
  if (failed) return state.SkipWithError("a page save failed");
  state.SetItemsProcessed(int64_t(state.iterations()) * kClients * kPerClient);
  state.counters["p50_ms"] = percentile(latencies, 0.50);
  state.counters["p99_ms"] = percentile(latencies, 0.99);
}

void health(benchmark::State& state) {
  fixture& f = fixture_for(true);
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  if (f.citizens[0]->call("GET", "/api/v1/health") != std::pair<int, std::string>{200, R"({"status":"ok","format":1})"})
    return state.SkipWithError("the health endpoint answered wrongly");
  // Idle connections were closed by the server: open them again before timing.
  for (auto& c : f.citizens) c->call("GET", "/api/v1/health");
  std::vector<double> latencies;
  std::atomic<size_t> failed{0};
  for (auto _ : state) {
    const double seconds = run_clients(kPerClient, latencies, [&](int c, int) {
      if (f.citizens[size_t(c)]->call("GET", "/api/v1/health").first != 200) ++failed;
    });
    state.SetIterationTime(seconds);
  }
  if (failed) return state.SkipWithError("a request failed");
  state.SetItemsProcessed(int64_t(state.iterations()) * kClients * kPerClient);
  state.counters["p50_ms"] = percentile(latencies, 0.50);
  state.counters["p99_ms"] = percentile(latencies, 0.99);
}

}  // namespace

BENCHMARK(submissions)->ArgName("synchronous_full")->Arg(1)->Arg(0)->UseManualTime()->Iterations(4)->Unit(benchmark::kMillisecond);
BENCHMARK(page_saves)->UseManualTime()->Iterations(4)->Unit(benchmark::kMillisecond);
BENCHMARK(health)->UseManualTime()->Iterations(4)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
