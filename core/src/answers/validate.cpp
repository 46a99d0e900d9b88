// Validation through the form's logic, and the result contract's JSON.
#include "blankett/validate.h"

#include "blankett/logic.h"

namespace blankett {

void validate(const form& f, const answer_document& doc, const validate_options& options, const pnr* subject,
              validation_result& out) {
  BLANKETT_ASSERT(doc.answers.size() == f.items.size());
  evaluation ev(f);
  evaluation_options eo;
  eo.today = options.today;
  eo.page = options.page;
  eo.mandatory = options.mandatory;
  if (subject) eo.subject = *subject;
  ev.set_options(eo);
  ev.evaluate(doc);
  ev.result(out);
}

void validate(const form& f, const answer_document& doc, const validate_options& options, validation_result& out) {
  validate(f, doc, options, nullptr, out);
}

std::string issue_key(const form& f, const issue& i) {
  std::string key(rule_lookup(i.r).message_key);
  if (i.r == rule::format) {
    key += '.';
    key += type_info(f.items[i.item].type).name;
  }
  return key;
}

namespace {

void write_computed(const computed& c, json_writer& out) {
  out.begin_object();
  switch (c.st) {
    case computed::state::number: out.key("value").value(c.number); break;
    case computed::state::text: out.key("value").value(std::string_view(c.text)); break;
    case computed::state::boolean: out.key("value").value(c.number != 0); break;
    case computed::state::date:
      out.key("value").value(std::string_view(format_date(civil_from_days(static_cast<int64_t>(c.number)))));
      break;
    case computed::state::error: out.key("error").value(c.error); break;
    case computed::state::none: out.key("error").value("calc.missing_input"); break;
  }
  out.end_object();
}

// What the form's logic computed: calculations, scores, star profiles, alerts, follow-on routes.
void write_logic(const form& f, const validation_result& r, json_writer& out) {
  out.key("calculations").begin_object();
  for (size_t c = 0; c < f.calculations.size() && c < r.calculations.size(); ++c) {
    out.key(f.calculations[c].id);
    write_computed(r.calculations[c], out);
  }
  out.end_object();

  out.key("scores").begin_object();
  for (size_t s = 0; s < f.scores.size() && s < r.scores.size(); ++s) {
    const score& def = f.scores[s];
    const score_result& sr = r.scores[s];
    out.key(def.id).begin_object();
    if (sr.value.st == computed::state::number) out.key("value").value(sr.value.number);
    else out.key("error").value(sr.value.error);
    out.key("answered").value(sr.answered);
    out.key("missing").value(sr.missing);
    out.key("bands").begin_object();
    for (size_t t = 0; t < def.bands.size() && t < sr.bands.size(); ++t) {
      if (sr.bands[t] < 0) continue;
      const band_table& table = def.bands[t];
      const auto& ranges = table.ranges_for(sr.sexes[t]);
      const band_range& range = ranges[static_cast<size_t>(sr.bands[t])];
      out.key(table.id).begin_object();
      out.key("code").value(std::string_view(range.code));
      out.key("min").value(range.min);
      out.key("max").value(range.max);
      out.key("version").value(std::string_view(table.version));
      out.end_object();
    }
    out.end_object();
    out.end_object();
  }
  out.end_object();

  out.key("profiles").begin_object();
  size_t a = 0;
  for (const profile& p : f.profiles) {
    out.key(p.id).begin_object().key("axes").begin_object();
    for (const axis& x : p.axes) {
      out.key(x.id).begin_object();
      if (a < r.axes.size() && r.axes[a].error.empty()) {
        const axis_result& ar = r.axes[a];
        const axis_level& lv = x.levels[static_cast<size_t>(ar.level)];
        if (ar.value.st == computed::state::number) out.key("value").value(ar.value.number);
        else out.key("value").value(std::string_view(ar.value.text));
        out.key("level").value(std::string_view(lv.code));
        out.key("rank").value(ar.level);
        out.key("color").value(std::string_view(lv.color));
      } else {
        out.key("error").value(a < r.axes.size() ? r.axes[a].error : std::string_view("profile.missing_input"));
      }
      out.end_object();
      ++a;
    }
    out.end_object().end_object();
  }
  out.end_object();

  out.key("alerts").begin_array();
  for (size_t i = 0; i < f.alerts.size() && i < r.alerts.size(); ++i) {
    if (!r.alerts[i]) continue;
    out.begin_object();
    out.key("id").value(std::string_view(f.alerts[i].id));
    out.key("severity").value(alert_severity_name(f.alerts[i].severity));
    out.end_object();
  }
  out.end_array();

  out.key("routes").begin_array();
  for (const auto& [c, l] : r.routes) {
    const link& lk = f.calculations[c].links[l];
    out.begin_object();
    out.key("id").value(std::string_view(lk.id));
    out.key("url").value(std::string_view(lk.url));
    out.end_object();
  }
  out.end_array();
}

}  // namespace

void write_result(const form& f, const answer_document& doc, const validation_result& r, json_writer& out) {
  out.begin_object();
  out.key("valid").value(r.valid());
  out.key("issues").begin_array();
  for (const issue& i : r.issues) {
    out.begin_object();
    const bool unknown = i.r == rule::unknown_item;
    out.key("item").value(unknown ? doc.unknown_id(i.item) : std::string_view(f.items[i.item].id));
    if (i.row >= 0) out.key("row").value(std::string_view(f.items[i.item].rows[static_cast<size_t>(i.row)].id));
    out.key("rule").value(rule_lookup(i.r).name);
    out.key("key").value(unknown ? std::string(rule_lookup(i.r).message_key) : issue_key(f, i));
    out.key("params").begin_object();
    for (uint8_t p = 0; p < i.nparams; ++p) {
      out.key(i.params[p].name);
      if (!i.params[p].text.empty()) out.value(i.params[p].text);
      else out.value(i.params[p].number);
    }
    out.end_object();
    out.end_object();
  }
  out.end_array();
  write_logic(f, r, out);
  out.end_object();
}

}  // namespace blankett
