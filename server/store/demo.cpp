// Demo data: what a newcomer needs to try every flow on a fresh database.
#include "store/demo.h"

#include <algorithm>
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
  std::vector<std::pair<int, role>> roles;
};

struct citizen_seed {
  const char* pnr;  // Skatteverket test numbers
  const char* name;
  bool protected_identity;
  const char* email;
};

// How the demo publishes each sample (by form id); anything else: a plain questionnaire.
struct template_seed {
  std::string_view form_id;
  template_kind kind;
  bool national, shared, is_public;
};
constexpr template_seed kTemplateSeeds[] = {
    {"phq-9", template_kind::questionnaire, true, false, false},
    {"gad-7", template_kind::questionnaire, true, false, false},
    {"audit", template_kind::questionnaire, true, false, false},
    {"who-5", template_kind::questionnaire, false, true, true},
    {"halsoenkat", template_kind::questionnaire, false, false, true},
    {"kontakta-mig", template_kind::case_form, false, false, true},
    {"fornya-recept", template_kind::case_form, false, false, true},
    {"provtagning-info", template_kind::information, false, false, false},
};

// The setting that says whether the demo's submitted answers are still to be seeded ("due", then "done").
constexpr std::string_view kDemoAnswersKey = "demo.answers";

}  // namespace

std::vector<demo_account> seed_demo(store& db, const std::string& samples_dir, std::string& warnings) {
  if (db.read([](tx& t) { return t.units().any(); })) return {};
  const clock& time = db.time();
  const char* unit_rows[2][2] = {{"VCN", "Vårdcentralen Norr"}, {"HCS", "Hälsocentralen Syd"}};
  const std::vector<staff_seed> staff = {
      {"admin", "Alva Admin", {{0, role::admin}, {0, role::designer}, {0, role::sender}, {0, role::reader}, {1, role::admin}}},
      {"sjukskoterska", "Sanna Sjöström", {{0, role::sender}, {0, role::reader}}},
      {"designer", "Dan Designer", {{0, role::designer}}},
      {"syd", "Sixten Syd", {{1, role::sender}, {1, role::reader}, {1, role::designer}}},
  };
  // Passwords and their hashes (argon2id, slow on purpose) before the transaction, which then holds
  // the writer only for the inserts.
  std::vector<demo_account> accounts;
  std::vector<std::string> hashes;
  for (const auto& s : staff) {
    demo_account a{s.username, random_token().substr(0, 16), ""};
    for (const auto& [u, r] : s.roles) {
      if (!a.roles.empty()) a.roles += ", ";
      a.roles += std::string(name(r)) + "@" + unit_rows[u][0];
    }
    hashes.push_back(password_hash(a.password));
    accounts.push_back(std::move(a));
  }

  // The samples, published by the first unit.
  struct sample {
    std::string text;
    std::string id, title;
    int64_t version;
  };
  std::vector<std::filesystem::path> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(samples_dir, ec))
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "form.json")) paths.push_back(entry.path() / "form.json");
  if (ec) warnings += "cannot read the samples folder " + samples_dir + "; no demo templates\n";
  std::sort(paths.begin(), paths.end());
  std::vector<sample> samples;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    form_load loaded = load_form(text);
    if (!loaded.ok()) {
      warnings += "sample " + path.string() + " does not load; skipped\n";
      continue;
    }
    const form& f = *loaded.value;
    samples.push_back(sample{std::move(text), f.id, std::string(f.title.in("sv", f.default_language())), f.version});
  }

  const std::string answer_by = time.date_in_days(policy::kDispatchAnswerByDays);
  const std::string delete_after = time.date_in_days(policy::kDispatchDeleteAfterDays);
  bool seeded = false;
  try {
    seeded = db.write([&](tx& t) {
      if (t.units().any()) return false;  // another node seeded it meanwhile
      int64_t units[2];
      for (int u = 0; u < 2; ++u) units[u] = t.units().create(unit_rows[u][0], unit_rows[u][1]);
      int64_t admin_id = 0;
      for (size_t i = 0; i < staff.size(); ++i) {
        const auto& s = staff[i];
        const int64_t id = t.staff().create(s.username, s.name, hashes[i], units[s.roles.front().first]);
        if (admin_id == 0) admin_id = id;
        for (const auto& [u, r] : s.roles) t.staff().grant(id, units[u], r);
      }

      const citizen_seed citizens[] = {
          {"197601022382", "Anna Andersson", false, "anna@example.se"},
          {"197601012391", "Erik Svensson", false, nullptr},
          {"198501012382", "Sara Lind", false, "sara@example.se"},
          {"201601022385", "Lova Lind", false, nullptr},
          {"199001032391", "Kim Berg", true, nullptr},
          // Who answered the demo's forms yesterday (demo_answers.cpp): for Uppföljning to find.
          {"196205143248", "Greta Holm", false, nullptr},
          {"196205262816", "Olof Nyberg", false, nullptr},
          {"199001012385", "Maja Ek", false, nullptr},
          {"199001072397", "Ali Hassan", false, nullptr},
          {"197604012380", "Ingrid Sjöberg", false, nullptr},
      };
      std::vector<int64_t> citizen_ids;
      for (const auto& p : citizens) {
        std::optional<std::string> email;
        if (p.email) email = p.email;
        citizen_ids.push_back(t.citizens().create(p.pnr, p.name, p.protected_identity, email));
      }
      t.citizens().add_guardianship(citizen_ids[2], citizen_ids[3]);

      std::map<std::string, int64_t> versions;  // form id -> version id
      for (const sample& x : samples) {
        template_seed how{x.id, template_kind::questionnaire, false, false, false};
        for (const auto& s : kTemplateSeeds)
          if (s.form_id == x.id) how = s;
        const int64_t template_id = t.templates().create(units[0], x.id, x.title, how.kind, how.is_public, how.national, how.shared);
        versions[x.id] = t.templates().add_version(template_id, x.version, template_state::published, x.text, admin_id);
      }

      // A few forms already sent, so that the citizens' pages are not empty; recorded as sent by the
      // admin, as a real dispatch records its sender.
      auto send = [&](const char* form_id, int64_t citizen, const char* banner) {
        auto it = versions.find(form_id);
        if (it == versions.end()) return;
        new_instance n;
        n.unit_id = units[0];
        n.version_id = it->second;
        n.citizen_id = citizen;
        n.banner = banner;
        n.answer_by = answer_by;
        n.delete_after = delete_after;
        const int64_t instance = t.instances().create(n);
        t.instances().add_event(instance, "sent", "staff:" + std::to_string(admin_id));
      };
      send("phq-9", citizen_ids[0], "Inför ditt besök hos oss vill vi att du svarar på några frågor om hur du mår.");
      send("halsoenkat", citizen_ids[0], "Välkommen till hälsosamtal! Svara gärna på enkäten före besöket.");
      send("halsoenkat", citizen_ids[1], "Välkommen till hälsosamtal! Svara gärna på enkäten före besöket.");
      send("who-5", citizen_ids[3], "Frågor om hur barnet mår, att besvaras av vårdnadshavare.");
      send("provtagning-info", citizen_ids[0], "Du har fått en tid för provtagning. Läs gärna informationen före besöket.");
      t.settings().set(kDemoAnswersKey, "due");  // serve adds the submitted answers once the core is at hand
      t.audit().append(std::nullopt, std::nullopt, "demo.seeded", "", std::to_string(samples.size()) + " samples");
      return true;
    });
  } catch (const sql::error& e) {
    // Nodes starting at once on an empty PostgreSQL database: the one that lost inserted the same
    // units as the one that won.
    if (!e.constraint()) throw;
  }
  seed_demo_package(db);
  if (!seeded) return {};
  return accounts;
}

void seed_demo_package(store& db) {
  try {
    db.write([](tx& t) {
      const auto unit = t.units().id_of("VCN");
      if (!unit || !t.package_templates().at_unit(*unit).empty()) return;
      package_template p;
      p.unit_id = *unit;
      p.name = "Inför besök";
      p.title = "Inför ditt besök på mottagningen";
      p.weekday = 1;
      p.time_of_day = "09:00";
      p.interval_count = 1;
      p.unit = interval_unit::weeks;
      p.occasions = 3;
      p.inbox_message =
          "Hej!\nInför ditt nästa besök på mottagningen vill vi att du besvarar två formulär. Svara gärna i god tid och välj en tid "
          "och plats då du har lugnt omkring dig. Glöm inte att skicka in dina svar när du är klar.\nOm du har frågor är du "
          "välkommen att kontakta oss på mottagningen.";
      p.error_email = "formularhantering@example.se";
      for (const char* form_id : {"phq-9", "gad-7"}) {
        const auto a = t.templates().by_form_id(*unit, form_id);
        if (!a) return;  // the samples were not seeded
        p.forms.push_back(package_form{a->id, form_id, form_id});
      }
      t.package_templates().create(p);
    });
  } catch (const sql::error& e) {
    if (!e.constraint()) throw;  // another node added it meanwhile
  }
}

std::map<std::string, int64_t> demo_answers_due(store& db) {
  return db.read([](tx& t) {
    std::map<std::string, int64_t> out;
    const auto unit = t.units().id_of("VCN");
    if (!unit || t.settings().get(kDemoAnswersKey) != "due") return out;
    for (const auto& s : t.templates().visible_to(*unit)) {
      if (s.unit_id != *unit) continue;
      if (const auto v = t.templates().newest_published(s.id)) out[s.form_id] = v->id;
    }
    return out;
  });
}

void seed_demo_answers(store& db, const std::vector<demo_answer>& answers) {
  const clock& time = db.time();
  const int64_t yesterday = days_from_civil(time.today()) - 1;
  // A local moment `days` before yesterday at hh:mm, as the store writes times.
  const auto at = [&](int64_t days, int hour, int minute) {
    return format_utc(local_moment(civil_from_days(yesterday - days), hour * 60 + minute));
  };
  const std::string answer_by = time.date_in_days(policy::kDispatchAnswerByDays);
  const std::string delete_after = time.date_in_days(policy::kDispatchDeleteAfterDays);
  try {
    db.write([&](tx& t) {
      if (t.settings().get(kDemoAnswersKey) != "due") return;  // another node did it meanwhile
      const auto unit = t.units().id_of("VCN");
      const auto admin = t.staff().id_of("admin");
      if (!unit || !admin) return;
      int minute = 0;
      for (const demo_answer& d : answers) {
        const auto tmpl = t.templates().by_form_id(*unit, d.form_id);
        const auto citizen = t.citizens().by_pnr(d.pnr);
        const auto version = tmpl ? t.templates().newest_published(tmpl->id) : std::nullopt;
        if (!citizen || !version) continue;
        // Each step in a repository whose "now" is that step's moment, so that the list's dates and
        // the history read as a real answer's would.
        // (A repository keeps a reference to its time: each time lives as long as its repository.)
        const std::string sent_at = at(2, 8, 30), opened_at = at(0, 9, minute), saved_at = at(0, 9, minute + 6),
                          submitted_at = at(0, 9, minute + 7);
        instance_repo sent{t.connection(), sent_at};
        new_instance n;
        n.unit_id = *unit;
        n.version_id = version->id;
        n.citizen_id = citizen->id;
        n.answer_by = answer_by;
        n.delete_after = delete_after;
        const int64_t id = sent.create(n);
        sent.add_event(id, "sent", "staff:" + std::to_string(*admin));
        const std::string by = "citizen:" + std::to_string(citizen->id);
        instance_repo opened{t.connection(), opened_at};
        opened.mark_opened(id);
        opened.add_event(id, "opened", by);
        instance_repo saved{t.connection(), saved_at};
        saved.save_answers(id, 0, d.answers, answerer::citizen, citizen->id);
        saved.add_event(id, "page_saved", by);
        saved.to_review(id, 1);
        saved.add_event(id, "reviewed", by);
        instance_repo submitted{t.connection(), submitted_at};
        submitted.submit(id, 1, d.answers, d.result, d.alert_level);
        submitted.add_event(id, "submitted", by);
        minute += 9;
      }
      t.settings().set(kDemoAnswersKey, "done");
      t.audit().append(std::nullopt, std::nullopt, "demo.answers", "", std::to_string(answers.size()) + " answers");
    });
  } catch (const sql::error& e) {
    if (!e.constraint()) throw;
  }
}

}  // namespace blankett::server
