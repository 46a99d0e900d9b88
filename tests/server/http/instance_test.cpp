// Form instances on the server: what the citizen may see of a result.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "blankett/form.h"
#include "http/instance.h"

namespace blankett::server {
namespace {

std::string read(const std::string& rel) {
  std::ifstream in(std::string(BLANKETT_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(citizen_result, keeps_only_citizen_visible_calculations_and_links) {
  auto loaded = load_form(read("samples/halsoenkat/form.json"));
  ASSERT_TRUE(loaded.ok());
  const std::string full = read("samples/halsoenkat/expected/fair-edges.json");
  ASSERT_NE(full.find("\"scores\""), std::string::npos);
  // bmi and activity_minutes are marked citizen_visible; age, bmi_class, waist_risk and bp_level are
  // staff-only, and so are scores, profiles and alerts.
  const std::string shown = citizen_result_json(*loaded.value, full);
  simdjson::dom::parser p, q;
  simdjson::dom::element e, whole, calc, bmi, bmi_whole, routes, routes_whole;
  simdjson::dom::object top, calcs;
  ASSERT_FALSE(p.parse(shown).get(e));
  ASSERT_FALSE(q.parse(full).get(whole));
  ASSERT_FALSE(e.get_object().get(top));
  ASSERT_FALSE(e["calculations"].get(calc));
  ASSERT_FALSE(calc.get_object().get(calcs));
  std::vector<std::string> keys, calc_ids;
  for (auto f : top) keys.emplace_back(f.key);
  for (auto f : calcs) calc_ids.emplace_back(f.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"valid", "issues", "calculations", "routes"}));
  EXPECT_EQ(calc_ids, (std::vector<std::string>{"bmi", "activity_minutes"}));
  ASSERT_FALSE(e["calculations"]["bmi"].get(bmi));
  ASSERT_FALSE(whole["calculations"]["bmi"].get(bmi_whole));
  EXPECT_EQ(simdjson::minify(bmi), simdjson::minify(bmi_whole));
  ASSERT_FALSE(e["routes"].get(routes));
  ASSERT_FALSE(whole["routes"].get(routes_whole));
  EXPECT_EQ(simdjson::minify(routes), simdjson::minify(routes_whole));
  EXPECT_EQ(simdjson::minify(routes), R"([{"id":"fyss","url":"https://www.fyss.se/for-vuxna/"}])");
}

TEST(citizen_result, unreadable_is_null) {
  auto loaded = load_form(read("samples/who-5/form.json"));
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(citizen_result_json(*loaded.value, "{not json"), "null");
}

}  // namespace
}  // namespace blankett::server
