// The server under load from a second process: validated, durably committed PHQ-9 submissions per
// second with their p50 and p99 latency, from concurrent clients on loopback.
//
// The benchmark starts `blankett serve` itself (a child process with a fresh database), prepares the
// forms (sent, answered and reviewed: what a citizen does before "Bekräfta och skicka"), checks that
// a submission is accepted with the right score, and then times only the submissions. Peers in the
// same run: the same load with synchronous=NORMAL (commits survive a killed process, not a power
// cut), and the health endpoint (the HTTP floor: no database, no core). The same load on PostgreSQL
// with one, two and three nodes on one database (submissions_postgresql; SQLite is its peer) needs a
// PostgreSQL server: BLANKETT_BENCH_POSTGRES (or BLANKETT_TEST_POSTGRES) names its maintenance
// database, where each fixture creates a database of its own; scripts/bench-server starts one.
// package_occasion (and its floor instances_4000) runs the package scheduler in this process on a
// store of its own, on both backends: an occasion of 1,000 recipients × 4 forms.
//   scripts/bench-server                                          (builds, starts PostgreSQL, runs)
//   build/release/bench/server_bench --benchmark_counters_tabular=true
//   BLANKETT_BIN=/path/to/other/blankett build/release/bench/server_bench   (another server, same load)
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
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

#include "log.h"
#include "export/csv_job.h"
#include "export/zip.h"
#include "packages.h"
#include "server_process.h"
#include "simdjson.h"
#include "store/demo.h"
#include "store/sql.h"
#include "store/store.h"

namespace {

namespace sql = blankett::server::sql;

constexpr int kClients = 8;          // concurrent client connections
constexpr int kPerClient = 64;       // submissions per client per iteration
constexpr int kBusyAttempts = 20;    // sends of one change while the server answers 503 (busy)
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

  // A change, sent again at once while the server answers 503 server.busy (its transaction kept
  // colliding with other transactions past the server's own retries, and the API asks the client to
  // try again); `busy` counts those answers.
  std::pair<int, std::string> change(const char* method, const std::string& path, const std::string& body,
                                     std::atomic<size_t>& busy) {
    for (int attempt = 1;; ++attempt) {
      auto r = call(method, path, body);
      if (r.first != 503 || attempt == kBusyAttempts) return r;
      ++busy;
    }
  }

 private:
  httplib::Client cli_;
  std::string cookie_, csrf_;
};

// The PostgreSQL server to measure on (its maintenance database's URL), or "".
std::string postgres_admin() {
  for (const char* name : {"BLANKETT_BENCH_POSTGRES", "BLANKETT_TEST_POSTGRES"})
    if (const char* url = std::getenv(name); url && *url) return url;
  return {};
}

// `admin` with database `name` in place of the maintenance database's.
std::string postgres_url(const std::string& admin, const std::string& name) {
  const size_t slash = admin.find('/', admin.find("://") + 3);
  if (slash == std::string::npos) {
    const size_t query = admin.find('?');
    return query == std::string::npos ? admin + "/" + name : admin.substr(0, query) + "/" + name + admin.substr(query);
  }
  const size_t query = admin.find('?', slash);
  return admin.substr(0, slash + 1) + name + (query == std::string::npos ? "" : admin.substr(query));
}

// Where a fixture's server keeps its data.
struct backend {
  bool postgresql = false;
  int nodes = 1;                 // PostgreSQL: `serve` processes on the one database
  bool synchronous_full = true;  // SQLite
  bool operator<(const backend& o) const {
    return std::tie(postgresql, nodes, synchronous_full) < std::tie(o.postgresql, o.nodes, o.synchronous_full);
  }
};

struct fixture {
  std::vector<std::unique_ptr<blankett::testing::server_process>> nodes;
  std::string admin, database;  // PostgreSQL: the maintenance database's URL and the fixture's database
  std::unique_ptr<session> nurse;  // on the first node
  std::vector<std::unique_ptr<session>> citizens;  // client c on node c % nodes
  int64_t phq9 = 0;
  std::string answers;  // the page's answers, JSON
  std::string error;

  ~fixture() {
    citizens.clear();
    nurse.reset();
    nodes.clear();  // the servers stop before their database goes
    if (database.empty()) return;
    try {
      sql::open(sql::parse_location(admin), {})->exec("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (const sql::error&) {
    }
  }

  // The database's size in bytes (SQLite: after a checkpoint of the WAL), -1 when unknown.
  int64_t bytes() const;
};

fixture& fixture_for(const backend& where) {
  static std::map<backend, std::unique_ptr<fixture>> all;
  auto& f = all[where];
  if (f) return *f;
  f = std::make_unique<fixture>();
  // BLANKETT_BIN measures another build of the server (an earlier commit's, say) with the same load.
  const char* other = std::getenv("BLANKETT_BIN");
  const std::string binary = other && *other ? other : BLANKETT_BINARY;
  const std::string samples = std::string(BLANKETT_SOURCE_DIR) + "/samples";
  std::vector<std::string> options = {"--rate", "1000000", "--threads", "64"};
  std::string url;  // "": a fresh SQLite file
  if (where.postgresql) {
    f->admin = postgres_admin();
    if (f->admin.empty())
      return f->error = "no PostgreSQL to measure on: run scripts/bench-server, or set BLANKETT_BENCH_POSTGRES to a "
                        "server's maintenance database (postgresql://HOST:PORT/postgres?user=...)",
             *f;
    // A fresh database per fixture, so that every figure starts from the demo data alone.
    const std::string name = "blankett_bench_" + std::to_string(getpid()) + "_" + std::to_string(where.nodes);
    try {
      auto admin = sql::open(sql::parse_location(f->admin), {});
      admin->exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      admin->exec("CREATE DATABASE " + name);
    } catch (const sql::error& e) {
      return f->error = std::string("PostgreSQL: ") + e.what(), *f;
    }
    f->database = name;
    url = postgres_url(f->admin, name);
  } else {
    options.insert(options.end(), {"--synchronous", where.synchronous_full ? "full" : "normal"});
  }
  // The first node migrates and seeds the database before it listens; the others find it ready.
  f->nodes.push_back(std::make_unique<blankett::testing::server_process>(binary, samples, options, url));
  for (int n = 1; n < where.nodes && f->nodes[0]->ok(); ++n) f->nodes.push_back(f->nodes[0]->node());
  for (auto& n : f->nodes)
    if (!n->ok()) return f->error = "the server did not start", *f;
  auto& first = *f->nodes[0];
  if (first.password("sjukskoterska").empty()) return f->error = "the server printed no demo passwords", *f;
  f->nurse = std::make_unique<session>(first.port());
  if (!f->nurse->login("/api/v1/staff/login", R"({"username":"sjukskoterska","password":")" + first.password("sjukskoterska") + "\"}"))
    return f->error = "staff login failed", *f;
  auto [status, body] = f->nurse->call("GET", "/api/v1/templates");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (status != 200 || parser.parse(body).get(doc)) return f->error = "no templates", *f;
  simdjson::dom::array templates;
  if (doc["templates"].get(templates)) return f->error = "no templates", *f;
  for (simdjson::dom::element t : templates)
    if (t["form_id"].get_string().value_unsafe() == "phq-9") f->phq9 = t["id"].get_int64().value_unsafe();
  for (int c = 0; c < kClients; ++c) {
    // Sessions are in the database: the node that made one is the node the client keeps talking to,
    // but any node would serve it.
    f->citizens.push_back(std::make_unique<session>(f->nodes[size_t(c) % f->nodes.size()]->port()));
    if (!f->citizens.back()->login("/api/v1/citizen/login", std::string(R"({"personnummer":")") + kCitizens[c] + "\"}"))
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
  std::atomic<size_t> busy{0};
  for (int c = 0; c < kClients; ++c)
    threads.emplace_back([&, c] {
      for (int64_t id : ids[size_t(c)]) {
        const std::string base = "/api/v1/citizen/forms/" + std::to_string(id);
        const auto saved = f.citizens[size_t(c)]->change("PUT", base + "/pages/p1", "{\"revision\":0,\"answers\":" + f.answers + "}", busy);
        const auto reviewed = f.citizens[size_t(c)]->change("POST", base + "/review", {}, busy);
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

int64_t fixture::bytes() const {
  if (database.empty()) return database_bytes(nodes[0]->database());
  // PostgreSQL: the files of the database, dead row versions that VACUUM has not yet reused included.
  try {
    auto c = sql::open(sql::parse_location(admin), {});
    sql::statement st = c->prepare("SELECT pg_database_size('" + database + "')");
    return st.step() ? st.integer(0) : -1;
  } catch (const sql::error&) {
    return -1;
  }
}

// The answer first: one submission, through the last node's client (so that with several nodes it is
// read back from another one), gives PHQ-9 17, "moderately severe". "" when it does.
std::string check_submission(fixture& f) {
  const size_t c = f.nodes.size() - 1;
  auto ids = prepare(f, 1);
  if (ids.empty()) return "preparing the forms failed";
  const std::string id = std::to_string(ids[c][0]);
  std::atomic<size_t> busy{0};
  auto [status, body] = f.citizens[c]->change("POST", "/api/v1/citizen/forms/" + id + "/submit", {}, busy);
  if (status != 200) return "a submission was refused";
  // The score is in the staff's view of the stored answer (citizens see only what the form shows them).
  std::tie(status, body) = f.nurse->call("GET", "/api/v1/answers/" + id);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  int64_t score = -1;
  std::string_view band;
  if (status != 200 || parser.parse(body).get(doc) || doc["result"]["scores"]["total"]["value"].get(score) ||
      doc["result"]["scores"]["total"]["bands"]["severity"]["code"].get(band) || score != 17 || band != "moderately_severe")
    return "a submission did not give PHQ-9 17, moderately severe";
  return {};
}

// The submissions of kClients clients, kPerClient each per iteration, on the forms prepare() made
// outside the timing; with the database's growth per 1,000 answers. A submission the server answers
// with 503 (busy) is sent again, within its latency, and counted: busy_per_1000.
void measure_submissions(benchmark::State& state, fixture& f) {
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  if (const std::string wrong = check_submission(f); !wrong.empty()) return state.SkipWithError(wrong.c_str());
  const int64_t bytes_before = f.bytes();
  std::vector<double> latencies;
  size_t failures = 0;
  std::atomic<size_t> busy{0};
  for (auto _ : state) {
    auto ids = prepare(f, kPerClient);
    if (ids.empty()) return state.SkipWithError("preparing the forms failed");
    std::atomic<size_t> failed{0};
    const double seconds = run_clients(kPerClient, latencies, [&](int c, int i) {
      const auto [status, body] = f.citizens[size_t(c)]->change(
          "POST", "/api/v1/citizen/forms/" + std::to_string(ids[size_t(c)][size_t(i)]) + "/submit", {}, busy);
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
  state.counters["db_kB_per_1000"] = double(f.bytes() - bytes_before) / answers * 1000.0 / 1024.0;
  state.counters["busy_per_1000"] = double(busy) / answers * 1000.0;
}

void submissions(benchmark::State& state) {
  measure_submissions(state, fixture_for({.postgresql = false, .nodes = 1, .synchronous_full = state.range(0) != 0}));
}

// The same load on PostgreSQL (durable as it is configured: fsync and synchronous_commit on by
// default), with `nodes` servers on one database; client c talks to node c % nodes.
void submissions_postgresql(benchmark::State& state) {
  measure_submissions(state, fixture_for({.postgresql = true, .nodes = int(state.range(0))}));
}

// Saving a page: each client saves PHQ-9's page over and over on its own form (revision after
// revision), as a citizen's browser does when going to the next page. Each save is validated by the
// core (the page's issues come back) and committed durably with its event.
void page_saves(benchmark::State& state) {
  fixture& f = fixture_for({});
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

// A dispatch of 1,000 recipients (Skicka formulär with a list imported from a file): each gets PHQ-9,
// an inbox message and the "sent" event in one transaction. The same 1,000 Skatteverket test numbers
// each time (the first dispatch also creates their citizen records, so the first iteration is the
// slowest); the time is the server's answer to one POST, as a sender waits for it.
void dispatch_1000(benchmark::State& state) {
  fixture& f = fixture_for({.postgresql = state.range(0) != 0, .nodes = 1});
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  simdjson::dom::parser parser;
  simdjson::dom::array all;
  const std::string text = read_file(std::string(BLANKETT_SOURCE_DIR) + "/tests/data/external/personnummer/personnummer-meta-allPins.json");
  if (parser.parse(text).get(all)) return state.SkipWithError("no test personnummer");
  std::string recipients;
  int count = 0;
  for (simdjson::dom::element e : all) {
    const std::string_view p = e.get_string().value_unsafe();
    // Born 1930-1959: none of the demo citizens nor the submissions' clients.
    if (p < "1930" || p >= "1960") continue;
    recipients += std::string(count ? "," : "") + "\"" + std::string(p) + "\"";
    if (++count == 1000) break;
  }
  if (count != 1000) return state.SkipWithError("fewer than 1,000 test personnummer");
  const std::string request = "{\"template\":" + std::to_string(f.phq9) + ",\"recipients\":[" + recipients + "]}";
  // The answer first: 1,000 sent, each with its own form.
  {
    auto [status, body] = f.nurse->call("POST", "/api/v1/dispatches", request);
    simdjson::dom::element doc;
    int64_t sent = 0;
    if (status != 201 || parser.parse(body).get(doc) || doc["sent"].get(sent) || sent != 1000)
      return state.SkipWithError("a dispatch of 1,000 did not send 1,000 forms");
  }
  std::vector<double> latencies;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto [status, body] = f.nurse->call("POST", "/api/v1/dispatches", request);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (status != 201) return state.SkipWithError("a dispatch failed");
    latencies.push_back(ms);
    state.SetIterationTime(ms / 1000.0);
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * 1000);
  state.counters["p50_ms"] = percentile(latencies, 0.50);
  state.counters["max_ms"] = percentile(latencies, 1.0);
}

// ---- package occasions, in this process ---------------------------------------------------------

// A database of the demo data in this process, with 1,000 more citizens, on a clock the benchmark
// moves: what the package scheduler works on.
// A fresh database for a benchmark that runs the store in this process: an SQLite file in a temporary
// folder, or a PostgreSQL database of its own; removed at the end.
struct in_process_database {
  std::string admin, name, dir;

  // The store's location, or "" with `error` set.
  std::string create(bool postgresql, const std::string& tag, std::string& error) {
    if (!postgresql) {
      dir = (std::filesystem::temp_directory_path() / ("blankett_bench_" + tag + "_" + std::to_string(getpid()))).string();
      std::filesystem::create_directories(dir);
      return dir + "/blankett.db";
    }
    admin = postgres_admin();
    if (admin.empty()) return error = "no PostgreSQL to measure on: run scripts/bench-server", "";
    name = "blankett_bench_" + tag + "_" + std::to_string(getpid());
    try {
      auto c = sql::open(sql::parse_location(admin), {});
      c->exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      c->exec("CREATE DATABASE " + name);
    } catch (const sql::error& e) {
      return error = std::string("PostgreSQL: ") + e.what(), "";
    }
    return postgres_url(admin, name);
  }

  ~in_process_database() {
    if (!dir.empty()) std::filesystem::remove_all(dir);
    if (name.empty()) return;
    try {
      sql::open(sql::parse_location(admin), {})->exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (const sql::error&) {
    }
  }
};

struct occasion_fixture {
  in_process_database where;
  std::string error;
  std::unique_ptr<blankett::server::manual_clock> time;
  std::unique_ptr<blankett::server::store> db;
  int64_t unit = 0, staff = 0, package_template = 0;
  std::vector<int64_t> forms, citizens;

  ~occasion_fixture() { db.reset(); }  // the store closes before its database goes
};

occasion_fixture& occasion_fixture_for(bool postgresql) {
  namespace bs = blankett::server;
  static std::map<bool, std::unique_ptr<occasion_fixture>> all;
  auto& f = all[postgresql];
  if (f) return *f;
  f = std::make_unique<occasion_fixture>();
  const std::string url = f->where.create(postgresql, "occasion", f->error);
  if (url.empty()) return *f;
  bs::log_open("/dev/null");  // the scheduler's log lines, not among the figures
  f->time = std::make_unique<bs::manual_clock>(bs::parse_utc("2026-12-01T07:00:00Z"));
  f->db = std::make_unique<bs::store>(bs::store_options{url, true}, *f->time);
  f->db->migrate();
  std::string warnings;
  bs::seed_demo(*f->db, std::string(BLANKETT_SOURCE_DIR) + "/samples", warnings);
  // 1,000 Skatteverket test numbers born 1930-1959, as the dispatch benchmark sends to.
  simdjson::dom::parser parser;
  simdjson::dom::array pins;
  const std::string text = read_file(std::string(BLANKETT_SOURCE_DIR) + "/tests/data/external/personnummer/personnummer-meta-allPins.json");
  if (parser.parse(text).get(pins)) return f->error = "no test personnummer", *f;
  std::vector<std::string> numbers;
  for (simdjson::dom::element e : pins) {
    const std::string_view p = e.get_string().value_unsafe();
    if (p >= "1930" && p < "1960" && numbers.size() < 1000) numbers.emplace_back(p);
  }
  f->db->write([&](bs::tx& t) {
    f->unit = *t.units().id_of("VCN");
    f->staff = *t.staff().id_of("sjukskoterska");
    f->package_template = t.package_templates().at_unit(f->unit).at(0).id;
    for (const char* form : {"phq-9", "gad-7", "who-5", "pss-10"}) f->forms.push_back(t.templates().by_form_id(f->unit, form)->id);
    for (const auto& [pnr, id] : t.citizens().create_many(numbers)) f->citizens.push_back(id);
  });
  if (f->citizens.size() != 1000) f->error = "fewer than 1,000 test personnummer";
  return *f;
}

// A package of `forms` forms for the fixture's 1,000 citizens with one occasion a minute ahead.
int64_t start_package(occasion_fixture& f, size_t forms) {
  namespace bs = blankett::server;
  bs::new_package p;
  p.unit_id = f.unit;
  p.package_template_id = f.package_template;
  p.staff_id = f.staff;
  p.name = p.title = "Bänk";
  p.inbox_message = "Hej!";
  p.forms.assign(f.forms.begin(), f.forms.begin() + static_cast<std::ptrdiff_t>(forms));
  p.citizens = f.citizens;
  const auto due = f.time->now() + std::chrono::minutes(1);
  bs::package_occasion o;
  o.number = 1;
  o.local_date = "2026-12-01";
  o.local_time = "09:00";
  o.due_at = bs::format_utc(due);
  p.occasions.push_back(o);
  return f.db->write([&](bs::tx& t) { return t.packages().create(p); });
}

// One occasion of 1,000 recipients × 4 forms (paketutskick): the scheduler claims the occasion's job
// and sends it in its batches (forms, "sent" events, an inbox message each, the notifications), as a
// node does at the occasion's time; the time is run_due() from claim to the last commit. The answer
// first: every recipient has 4 forms. Peer in the same run: the floor, the same 4,000 forms inserted
// in one transaction with nothing else (instances_4000).
void package_occasion(benchmark::State& state) {
  namespace bs = blankett::server;
  occasion_fixture& f = occasion_fixture_for(state.range(0) != 0);
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  bs::job_runner runner(*f.db, "bench", {bs::occasion_job()}, std::chrono::hours(24));
  auto send_one = [&](int64_t& package) {
    package = start_package(f, 4);
    f.time->advance(std::chrono::minutes(2));
    const auto t0 = std::chrono::steady_clock::now();
    const int ran = runner.run_due();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return ran == 1 ? ms : -1.0;
  };
  {
    int64_t package = 0;
    if (send_one(package) < 0) return state.SkipWithError("the occasion's job did not run once");
    const auto recipients = f.db->read([&](bs::tx& t) { return t.packages().recipients(package); });
    const bool four_each = recipients.size() == 1000 && std::all_of(recipients.begin(), recipients.end(), [](const auto& r) { return r.forms == 4; });
    if (!four_each) return state.SkipWithError("an occasion of 1,000 did not give each recipient 4 forms");
  }
  std::vector<double> latencies;
  for (auto _ : state) {
    int64_t package = 0;
    const double ms = send_one(package);
    if (ms < 0) return state.SkipWithError("the occasion's job did not run once");
    latencies.push_back(ms);
    state.SetIterationTime(ms / 1000.0);
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * 4000);
  state.counters["p50_ms"] = percentile(latencies, 0.50);
  state.counters["max_ms"] = percentile(latencies, 1.0);
}

// The floor under package_occasion: 4,000 form instances for the same 1,000 citizens in one
// transaction and nothing else (no events, inbox, notifications or record of who was reached).
void instances_4000(benchmark::State& state) {
  namespace bs = blankett::server;
  occasion_fixture& f = occasion_fixture_for(state.range(0) != 0);
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  std::vector<int64_t> versions;
  f.db->read([&](bs::tx& t) {
    for (int64_t form : f.forms) versions.push_back(t.templates().sendable_version(form, f.unit).version_id);
  });
  auto insert = [&] {
    return f.db->write([&](bs::tx& t) {
      size_t made = 0;
      bs::new_instance n;
      n.unit_id = f.unit;
      n.answer_by = "2027-12-01";
      n.delete_after = "2028-01-01";
      for (int64_t v : versions) {
        n.version_id = v;
        made += t.instances().create_many(n, f.citizens).size();
      }
      return made;
    });
  };
  if (insert() != 4000) return state.SkipWithError("4,000 instances were not made");
  std::vector<double> latencies;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    insert();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    latencies.push_back(ms);
    state.SetIterationTime(ms / 1000.0);
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * 4000);
  state.counters["p50_ms"] = percentile(latencies, 0.50);
}

// ---- the follow-up list at 100,000 answers, in this process ---------------------------------------

// A unit with 100,000 form instances of four templates for 10,000 citizens, sent over ~700 days (a
// thousand every week), a third of them answered, some with alerts: what Uppföljning lists.
struct followup_fixture {
  in_process_database where;
  std::string error;
  std::unique_ptr<blankett::server::manual_clock> time;
  std::unique_ptr<blankett::server::store> db;
  int64_t unit = 0, phq9 = 0;
  ~followup_fixture() { db.reset(); }
};

followup_fixture& followup_fixture_for(bool postgresql) {
  namespace bs = blankett::server;
  static std::map<bool, std::unique_ptr<followup_fixture>> all;
  auto& f = all[postgresql];
  if (f) return *f;
  f = std::make_unique<followup_fixture>();
  const std::string url = f->where.create(postgresql, "followup", f->error);
  if (url.empty()) return *f;
  bs::log_open("/dev/null");
  f->time = std::make_unique<bs::manual_clock>(bs::parse_utc("2025-01-06T07:00:00Z"));
  f->db = std::make_unique<bs::store>(bs::store_options{url, false}, *f->time);
  f->db->migrate();
  std::string warnings;
  bs::seed_demo(*f->db, std::string(BLANKETT_SOURCE_DIR) + "/samples", warnings);
  std::vector<int64_t> citizens, versions;
  f->db->write([&](bs::tx& t) {
    f->unit = *t.units().id_of("VCN");
    for (const char* form : {"phq-9", "gad-7", "audit", "who-5"}) {
      const int64_t id = t.templates().by_form_id(f->unit, form)->id;
      if (std::string_view(form) == "phq-9") f->phq9 = id;
      versions.push_back(t.templates().sendable_version(id, f->unit).version_id);
    }
    std::vector<std::string> numbers;
    for (int i = 0; i < 10000; ++i) numbers.push_back("1950" + std::to_string(10000000 + i));
    for (const auto& [pnr, id] : t.citizens().create_many(numbers)) citizens.push_back(id);
    sql::connection& c = t.connection();
    c.exec("UPDATE citizens SET name = 'Person ' || CAST(id AS TEXT) WHERE name = ''");
  });
  // A week's thousand at a time, each week's forms answered a third, a few with alerts.
  for (int week = 0; week < 100; ++week) {
    f->db->write([&](bs::tx& t) {
      bs::new_instance n;
      n.unit_id = f->unit;
      n.answer_by = blankett::format_date(bs::local_date(f->time->now() + std::chrono::hours(24 * 30)));
      n.delete_after = blankett::format_date(bs::local_date(f->time->now() + std::chrono::hours(24 * 400)));
      for (int k = 0; k < 4; ++k) {
        n.version_id = versions[size_t(k)];
        std::vector<int64_t> who(citizens.begin() + (week % 10) * 1000 + k * 250, citizens.begin() + (week % 10) * 1000 + k * 250 + 250);
        t.instances().create_many(n, who);
      }
    });
    f->time->advance(std::chrono::hours(24 * 7));
  }
  f->db->write([&](bs::tx& t) {
    t.connection().exec(
        "UPDATE instances SET state = 'COMPLETED', submitted_at = created_at, "
        "alert_level = CASE WHEN id % 97 = 0 THEN 3 WHEN id % 31 = 0 THEN 2 ELSE 0 END WHERE id % 3 = 0");
  });
  // The statistics as a running installation has them: autovacuum's on PostgreSQL, the server's own
  // sampled ANALYZE on SQLite.
  if (postgresql) f->db->with_connection([](sql::connection& c) { c.exec("VACUUM ANALYZE"); });
  else f->db->refresh_statistics();
  const int64_t total = f->db->read([&](bs::tx& t) {
    bs::answer_filter q;
    q.unit_id = f->unit;
    return t.instances().count(q);
  });
  if (total < 100000) f->error = "fewer than 100,000 instances were seeded";
  return *f;
}

// One look at Uppföljning at 100,000 answers: a page of 50 and the total, as GET /answers reads them
// (without the HTTP and the audit row). Cases: 0 the default (newest sent first), 1 answered and
// sorted by answer time, 2 needs attention sorted by alert, 3 one template with Gallras efter in a
// period, 4 sorted by the recipient's name, 5 one recipient by number, 6 sorted by the form's name.
// The answer first: the
// default's total is every instance and its first row the newest.
void followup_list(benchmark::State& state) {
  namespace bs = blankett::server;
  followup_fixture& f = followup_fixture_for(state.range(0) != 0);
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  bs::answer_filter q;
  q.unit_id = f.unit;
  q.limit = 50;
  switch (state.range(1)) {
    case 1: q.state = bs::instance_state::completed, q.sort = bs::answer_sort::answered; break;
    case 2: q.attention = true, q.sort = bs::answer_sort::alert; break;
    case 3: q.template_id = f.phq9, q.delete_after_from = "2026-03-01", q.delete_after_to = "2026-06-30", q.sort = bs::answer_sort::delete_after; break;
    case 4: q.sort = bs::answer_sort::recipient, q.descending = false; break;
    case 5: q.pnr = "195010004242"; break;
    case 6: q.sort = bs::answer_sort::form, q.descending = false; break;
    default: break;
  }
  auto look = [&] {
    return f.db->read([&](bs::tx& t) { return std::make_pair(t.instances().list(q), t.instances().count(q)); });
  };
  {
    bs::answer_filter all;
    all.unit_id = f.unit;
    all.limit = 1;
    const auto [rows, total] = f.db->read([&](bs::tx& t) { return std::make_pair(t.instances().list(all), t.instances().count(all)); });
    if (total < 100000 || rows.empty() || rows[0].created_at < "2026-11-01") return state.SkipWithError("the list's default is not newest first");
    const auto [page, n] = look();
    if (page.empty() || n <= 0) return state.SkipWithError("the case selects nothing");
  }
  std::vector<double> latencies;
  int64_t selected = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto [page, n] = look();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    selected = n;
    benchmark::DoNotOptimize(page.data());
    latencies.push_back(ms);
    state.SetIterationTime(ms / 1000.0);
  }
  state.counters["selected"] = double(selected);
  state.counters["p50_ms"] = percentile(latencies, 0.50);
  state.counters["max_ms"] = percentile(latencies, 1.0);
}

// ---- the CSV export of 100,000 answers, in this process --------------------------------------------

// A unit with 100,000 submitted PHQ-9 answers (the follow-up fixture's way of seeding: the demo, 10,000
// citizens, instances made in bulk), each with the answers and the stored result of one of four
// sample documents, and a running CSV export of all of them (as POST /answers/csv leaves it).
struct csv_fixture {
  in_process_database where;
  std::string error;
  std::unique_ptr<blankett::server::manual_clock> time;
  std::unique_ptr<blankett::server::store> db;
  int64_t export_id = 0, first = 0, total = 0;
  double start_ms = 0;  // listing the answers and storing the running export (the POST's work)
  ~csv_fixture() { db.reset(); }
};

csv_fixture& csv_fixture_for(bool postgresql) {
  namespace bs = blankett::server;
  static std::map<bool, std::unique_ptr<csv_fixture>> all;
  auto& f = all[postgresql];
  if (f) return *f;
  f = std::make_unique<csv_fixture>();
  const std::string url = f->where.create(postgresql, "csv", f->error);
  if (url.empty()) return *f;
  bs::log_open("/dev/null");
  f->time = std::make_unique<bs::manual_clock>(bs::parse_utc("2026-01-05T07:00:00Z"));
  f->db = std::make_unique<bs::store>(bs::store_options{url, false}, *f->time);
  f->db->migrate();
  std::string warnings;
  bs::seed_demo(*f->db, std::string(BLANKETT_SOURCE_DIR) + "/samples", warnings);
  // Four sample documents: their answers and their stored results (the golden expected results).
  std::vector<std::string> answers, results;
  for (const char* name : {"valid-moderately-severe", "valid-mild", "total-0", "maximum"}) {
    const std::string dir = std::string(BLANKETT_SOURCE_DIR) + "/samples/phq-9/";
    simdjson::dom::parser p;
    simdjson::dom::element doc;
    if (p.load(dir + "answers/" + name + ".json").get(doc)) return f->error = "a sample does not read", *f;
    simdjson::dom::element given;
    if (doc["answers"].get(given)) return f->error = "a sample has no answers", *f;
    answers.push_back(simdjson::minify(given));
    if (p.load(dir + "expected/" + name + ".json").get(doc)) return f->error = "a sample does not read", *f;
    results.push_back(simdjson::minify(doc));
  }
  int64_t unit = 0, template_id = 0, version = 0, staff = 0;
  std::vector<int64_t> citizens;
  f->db->write([&](bs::tx& t) {
    unit = *t.units().id_of("VCN");
    template_id = t.templates().by_form_id(unit, "phq-9")->id;
    version = t.templates().sendable_version(template_id, unit).version_id;
    std::vector<std::string> numbers;
    for (int i = 0; i < 10000; ++i) numbers.push_back("1950" + std::to_string(10000000 + i));
    for (const auto& [pnr, id] : t.citizens().create_many(numbers)) citizens.push_back(id);
    sql::statement st = t.connection().prepare("SELECT MIN(id) FROM staff");
    if (st.step()) staff = st.integer(0);
  });
  for (int round = 0; round < 10; ++round) {
    f->db->write([&](bs::tx& t) {
      bs::new_instance n;
      n.unit_id = unit;
      n.version_id = version;
      n.answer_by = "2026-02-01";
      n.delete_after = "2027-01-01";
      t.instances().create_many(n, citizens);
    });
    f->time->advance(std::chrono::hours(24));
  }
  f->db->write([&](bs::tx& t) {
    t.connection()
        .prepare("UPDATE instances SET state = 'COMPLETED', submitted_at = created_at, answered_by = 'citizen', "
                 "answers = CASE id % 4 WHEN 0 THEN ? WHEN 1 THEN ? WHEN 2 THEN ? ELSE ? END, "
                 "result = CASE id % 4 WHEN 0 THEN ? WHEN 1 THEN ? WHEN 2 THEN ? ELSE ? END WHERE version_id = ?")
        .args(answers[0], answers[1], answers[2], answers[3], results[0], results[1], results[2], results[3], version)
        .run();
  });
  if (postgresql) f->db->with_connection([](sql::connection& c) { c.exec("VACUUM ANALYZE"); });
  else f->db->refresh_statistics();
  // What POST /answers/csv does: the filter's answers, and the running export holding them.
  const auto t0 = std::chrono::steady_clock::now();
  f->db->write([&](bs::tx& t) {
    bs::answer_filter q;
    q.unit_id = unit;
    q.template_id = template_id;
    q.state = bs::instance_state::completed;
    const std::vector<int64_t> ids = t.instances().ids(q, 1000001);
    if (ids.size() < 100000) return;  // and the demo's few
    f->total = static_cast<int64_t>(ids.size());
    std::vector<int64_t> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    f->first = sorted[sorted.size() - 100000];  // the first seeded one (the demo's come before)
    bs::export_file e;
    e.unit_id = unit;
    e.staff_id = staff;
    e.kind = "csv";
    e.name = "formularsvar-phq-9-2026-01-15.zip";
    e.expires_at = "2026-01-29T07:00:00Z";
    e.state = "running";
    f->export_id = t.exports().add(e, "", ids, R"({"values":"codes","format":"sv","identify":false})");
  });
  f->start_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!f->export_id) f->error = "100,000 answers were not seeded";
  return *f;
}

// The CSV export's job over 100,000 answers, batch by batch as the job runner runs it, to the stored
// zip (case 0); its floor (case 1): only reading the same rows batch by batch. The answer first: the
// zip's svar.csv has a header and 100,000 rows, and the first answer's row its known score and band.
void csv_export(benchmark::State& state) {
  namespace bs = blankett::server;
  csv_fixture& f = csv_fixture_for(state.range(0) != 0);
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  const bool floor = state.range(1) == 1;
  const bs::job_runner::kind k = bs::csv_export_job();
  bs::job j;
  j.id = 1;
  j.kind = "csv_export";
  j.key = std::to_string(f.export_id);
  auto run = [&] {
    f.db->write([&](bs::tx& t) {
      t.connection().prepare("UPDATE exports SET state = 'running', done = 0 WHERE id = ?").args(f.export_id).run();
    });
    for (;;) {
      bs::job_outcome o;
      f.db->write([&](bs::tx& t) { o = k.work(t, j, {}); });
      if (o.after_commit) o.after_commit();
      if (o.n != bs::job_outcome::next::more) break;
    }
  };
  auto read_only = [&] {
    int64_t after = 0, n = 0;
    for (;;) {
      const auto rows = f.db->read([&](bs::tx& t) { return t.exports().answers(f.export_id, after, bs::kCsvBatch, false); });
      n += static_cast<int64_t>(rows.size());
      if (rows.empty()) break;
      after = rows.back().id;
      benchmark::DoNotOptimize(rows.data());
    }
    return n;
  };
  {
    run();
    const auto zip = f.db->read([&](bs::tx& t) { return t.exports().content(f.export_id); });
    const auto svar = zip ? bs::read_zip(*zip, "svar.csv") : std::nullopt;
    if (!svar) return state.SkipWithError("the export has no svar.csv");
    const auto rows = std::count(svar->begin(), svar->end(), '\n');
    if (rows != f.total + 1) return state.SkipWithError("svar.csv does not have a row per answer");
    // The first answer (id % 4 picks its sample) has its sample's score and band.
    static const std::string_view kEnds[] = {";17;moderately_severe", ";7;mild", ";0;minimal", ";27;severe"};
    const size_t at = svar->find("\r\n" + std::to_string(f.first) + ";1;");
    const size_t end = at == std::string::npos ? at : svar->find("\r\n", at + 2);
    if (end == std::string::npos || !std::string_view(*svar).substr(0, end).ends_with(kEnds[f.first % 4]))
      return state.SkipWithError("the first answer's row is not as its sample");
    if (read_only() != f.total) return state.SkipWithError("the floor does not read every row");
  }
  std::vector<double> latencies;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    if (floor) read_only();
    else run();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    latencies.push_back(ms);
    state.SetIterationTime(ms / 1000.0);
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * f.total);
  state.counters["answers"] = double(f.total);
  state.counters["p50_ms"] = percentile(latencies, 0.50);
  state.counters["start_ms"] = f.start_ms;
}

void health(benchmark::State& state) {
  fixture& f = fixture_for({});
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
BENCHMARK(submissions_postgresql)->ArgName("nodes")->Arg(1)->Arg(2)->Arg(3)->UseManualTime()->Iterations(4)->Unit(benchmark::kMillisecond);
BENCHMARK(page_saves)->UseManualTime()->Iterations(4)->Unit(benchmark::kMillisecond);
BENCHMARK(dispatch_1000)->ArgName("postgresql")->Arg(0)->Arg(1)->UseManualTime()->Iterations(10)->Unit(benchmark::kMillisecond);
BENCHMARK(package_occasion)->ArgName("postgresql")->Arg(0)->Arg(1)->UseManualTime()->Iterations(10)->Unit(benchmark::kMillisecond);
BENCHMARK(instances_4000)->ArgName("postgresql")->Arg(0)->Arg(1)->UseManualTime()->Iterations(10)->Unit(benchmark::kMillisecond);
BENCHMARK(followup_list)->ArgNames({"postgresql", "case"})->ArgsProduct({{0, 1}, {0, 1, 2, 3, 4, 5, 6}})->UseManualTime()->Iterations(20)->Unit(benchmark::kMillisecond);
BENCHMARK(csv_export)->ArgNames({"postgresql", "floor"})->ArgsProduct({{0, 1}, {0, 1}})->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(health)->UseManualTime()->Iterations(4)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
