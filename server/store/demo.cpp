// Demo data: what a newcomer needs to try every flow on a fresh database.
#include "store/demo.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "auth/crypto.h"
#include "blankett/form.h"
#include "policy.h"

namespace blankett::server {
namespace {

struct staff_seed {
  const char* username;
  const char* name;
  // unit index (0 or 1), role
  std::vector<std::pair<int, const char*>> roles;
};

struct citizen_seed {
  const char* pnr;  // Skatteverket test numbers
  const char* name;
  bool protected_identity;
  const char* email;
};

// How the demo publishes each sample (by form id); anything else: a plain questionnaire.
struct template_seed {
  std::string_view form_id, kind;
  bool national, shared, is_public;
};
constexpr template_seed kTemplateSeeds[] = {
    {"phq-9", "questionnaire", true, false, false},
    {"gad-7", "questionnaire", true, false, false},
    {"audit", "questionnaire", true, false, false},
    {"who-5", "questionnaire", false, true, true},
    {"halsoenkat", "questionnaire", false, false, true},
    {"kontakta-mig", "case", false, false, true},
    {"fornya-recept", "case", false, false, true},
    {"provtagning-info", "information", false, false, false},
};

}  // namespace

std::vector<demo_account> seed_demo(connection& c, const std::string& samples_dir, const clock& time, std::string& warnings) {
  {
    statement any = c.prepare("SELECT 1 FROM units LIMIT 1");
    if (any.step()) return {};
  }
  const std::string now = time.now_iso();
  transaction t(c);
  int64_t units[2];
  const char* unit_rows[2][2] = {{"VCN", "Vårdcentralen Norr"}, {"HCS", "Hälsocentralen Syd"}};
  for (int u = 0; u < 2; ++u) {
    statement ins = c.prepare("INSERT INTO units (code, name, created_at) VALUES (?, ?, ?) RETURNING id");
    ins.args(std::string_view(unit_rows[u][0]), std::string_view(unit_rows[u][1]), std::string_view(now));
    units[u] = ins.returned_id();
  }

  const std::vector<staff_seed> staff = {
      {"admin", "Alva Admin", {{0, "admin"}, {0, "designer"}, {0, "sender"}, {0, "reader"}, {1, "admin"}}},
      {"sjukskoterska", "Sanna Sjöström", {{0, "sender"}, {0, "reader"}}},
      {"designer", "Dan Designer", {{0, "designer"}}},
      {"syd", "Sixten Syd", {{1, "sender"}, {1, "reader"}, {1, "designer"}}},
  };
  std::vector<demo_account> accounts;
  int64_t admin_id = 0;
  for (const auto& s : staff) {
    demo_account a{s.username, random_token().substr(0, 16), ""};
    statement ins = c.prepare(
        "INSERT INTO staff (username, display_name, password_hash, last_unit_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id");
    ins.args(std::string_view(s.username), std::string_view(s.name), std::string_view(password_hash(a.password)),
             units[s.roles.front().first], std::string_view(now));
    const int64_t id = ins.returned_id();
    if (admin_id == 0) admin_id = id;
    for (const auto& [u, role] : s.roles) {
      c.prepare("INSERT INTO staff_roles (staff_id, unit_id, role) VALUES (?, ?, ?)").args(id, units[u], std::string_view(role)).run();
      if (!a.roles.empty()) a.roles += ", ";
      a.roles += std::string(role) + "@" + unit_rows[u][0];
    }
    accounts.push_back(std::move(a));
  }

  const citizen_seed citizens[] = {
      {"197601022382", "Anna Andersson", false, "anna@example.se"},
      {"197601012391", "Erik Svensson", false, nullptr},
      {"198501012382", "Sara Lind", false, "sara@example.se"},
      {"201601022385", "Lova Lind", false, nullptr},
      {"199001032391", "Kim Berg", true, nullptr},
  };
  std::vector<int64_t> citizen_ids;
  for (const auto& p : citizens) {
    statement ins = c.prepare(
        "INSERT INTO citizens (pnr, name, protected_identity, notify_email, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id");
    std::optional<std::string> email;
    if (p.email) email = p.email;
    ins.args(std::string_view(p.pnr), std::string_view(p.name), int64_t{p.protected_identity}, email, std::string_view(now));
    ins.step();
    citizen_ids.push_back(ins.integer(0));
  }
  c.prepare("INSERT INTO guardianships (guardian_id, child_id) VALUES (?, ?)").args(citizen_ids[2], citizen_ids[3]).run();

  // The samples, published by the first unit.
  std::vector<std::filesystem::path> forms;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(samples_dir, ec))
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "form.json")) forms.push_back(entry.path() / "form.json");
  if (ec) warnings += "cannot read the samples folder " + samples_dir + "; no demo templates\n";
  std::sort(forms.begin(), forms.end());
  std::map<std::string, int64_t> versions;  // form id -> version id
  for (const auto& path : forms) {
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    form_load loaded = load_form(text);
    if (!loaded.ok()) {
      warnings += "sample " + path.string() + " does not load; skipped\n";
      continue;
    }
    const form& f = *loaded.value;
    template_seed how{f.id, "questionnaire", false, false, false};
    for (const auto& s : kTemplateSeeds)
      if (s.form_id == f.id) how = s;
    statement ins = c.prepare(
        "INSERT INTO templates (unit_id, form_id, name, kind, national, shared, public, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    ins.args(units[0], std::string_view(f.id), f.title.in("sv", f.default_language()), how.kind, int64_t{how.national}, int64_t{how.shared},
             int64_t{how.is_public}, std::string_view(now));
    const int64_t template_id = ins.returned_id();
    statement v = c.prepare(
        "INSERT INTO template_versions (template_id, version, state, definition, created_by, created_at) "
        "VALUES (?, ?, 'published', ?, ?, ?) RETURNING id");
    v.args(template_id, f.version, std::string_view(text), admin_id, std::string_view(now));
    versions[f.id] = v.returned_id();
  }

  // A few forms already sent, so that the citizens' pages are not empty.
  auto send = [&](const char* form_id, int64_t citizen, const char* banner) {
    auto it = versions.find(form_id);
    if (it == versions.end()) return;
    statement ins = c.prepare(
        "INSERT INTO instances (unit_id, version_id, citizen_id, state, banner, answer_by, delete_after, created_at, updated_at) "
        "VALUES (?, ?, ?, 'ONGOING', ?, ?, ?, ?, ?) RETURNING id");
    ins.args(units[0], it->second, citizen, std::string_view(banner), std::string_view(time.date_in_days(policy::kDispatchAnswerByDays)),
             std::string_view(time.date_in_days(policy::kDispatchDeleteAfterDays)), std::string_view(now), std::string_view(now));
    const int64_t instance = ins.returned_id();
    // Recorded as sent by the admin, as a real dispatch records its sender.
    c.prepare("INSERT INTO instance_events (instance_id, at, kind, actor) VALUES (?, ?, 'sent', ?)")
        .args(instance, std::string_view(now), std::string_view("staff:" + std::to_string(admin_id)))
        .run();
  };
  send("phq-9", citizen_ids[0], "Inför ditt besök hos oss vill vi att du svarar på några frågor om hur du mår.");
  send("halsoenkat", citizen_ids[0], "Välkommen till hälsosamtal! Svara gärna på enkäten före besöket.");
  send("halsoenkat", citizen_ids[1], "Välkommen till hälsosamtal! Svara gärna på enkäten före besöket.");
  send("who-5", citizen_ids[3], "Frågor om hur barnet mår, att besvaras av vårdnadshavare.");
  send("provtagning-info", citizen_ids[0], "Du har fått en tid för provtagning. Läs gärna informationen före besöket.");
  c.prepare("INSERT INTO audit (at, staff_id, unit_id, action, target, details) VALUES (?, NULL, NULL, 'demo.seeded', NULL, ?)")
      .args(std::string_view(now), std::string_view(std::to_string(forms.size()) + " samples"))
      .run();
  t.commit();
  return accounts;
}

}  // namespace blankett::server
