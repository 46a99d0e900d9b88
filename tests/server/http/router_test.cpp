// The route table and the request helpers (server/http/router.cpp, message.cpp, static_files.cpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/router.h"
#include "http/static_files.h"

namespace blankett::server::http {
namespace {

router table() {
  router r;
  r.get("/api/v1/health", [](const request&, response& res) { res.body = "health"; });
  r.get("/api/v1/citizen/forms/{id}", [](const request&, response& res) { res.body = "form"; });
  r.put("/api/v1/citizen/forms/{id}/pages/{name}", [](const request&, response& res) { res.body = "page"; });
  r.post("/api/v1/citizen/forms/{id}/attachments/{name}", [](const request&, response& res) { res.body = "upload"; }, 1234);
  return r;
}

TEST(router, matches_literals_and_typed_parameters) {
  const router r = table();
  std::vector<std::string> params;
  auto m = r.match("PUT", "/api/v1/citizen/forms/42/pages/p1", params);
  ASSERT_NE(m.found, nullptr);
  EXPECT_EQ(m.found->pattern, "/api/v1/citizen/forms/{id}/pages/{name}");
  EXPECT_EQ(params, (std::vector<std::string>{"42", "p1"}));
  m = r.match("HEAD", "/api/v1/citizen/forms/7", params);
  ASSERT_NE(m.found, nullptr);
  EXPECT_EQ(params, (std::vector<std::string>{"7"}));
  EXPECT_EQ(r.match("POST", "/api/v1/citizen/forms/7/attachments/photo", params).found->max_body, 1234u);
}

TEST(router, ids_are_positive_integers_and_names_are_item_ids) {
  const router r = table();
  std::vector<std::string> params;
  for (const char* bad : {"/api/v1/citizen/forms/0", "/api/v1/citizen/forms/007", "/api/v1/citizen/forms/abc",
                          "/api/v1/citizen/forms/1234567890123456789", "/api/v1/citizen/forms/", "/api/v1/citizen/forms/1/"})
    EXPECT_EQ(r.match("GET", bad, params).found, nullptr) << bad;
  EXPECT_EQ(r.match("PUT", "/api/v1/citizen/forms/1/pages/1p", params).found, nullptr);
  EXPECT_EQ(r.match("PUT", "/api/v1/citizen/forms/1/pages/" + std::string(65, 'p'), params).found, nullptr);
  EXPECT_NE(r.match("PUT", "/api/v1/citizen/forms/1/pages/" + std::string(64, 'p'), params).found, nullptr);
}

TEST(router, another_method_on_a_known_path_is_told_what_it_allows) {
  const router r = table();
  std::vector<std::string> params;
  auto m = r.match("DELETE", "/api/v1/citizen/forms/3", params);
  EXPECT_EQ(m.found, nullptr);
  EXPECT_EQ(m.allow, "GET");
  m = r.match("GET", "/api/v1/nothing", params);
  EXPECT_EQ(m.found, nullptr);
  EXPECT_EQ(m.allow, "");
}

TEST(message, headers_keep_every_line_and_compare_without_case) {
  request req;
  req.headers = {{"X-Forwarded-For", "10.0.0.1"}, {"content-type", "application/json"}, {"x-forwarded-for", "192.0.2.1, 10.0.0.9"}};
  EXPECT_EQ(req.get_header_value("x-forwarded-for"), "10.0.0.1");
  EXPECT_EQ(req.last_header_value("X-FORWARDED-FOR"), "192.0.2.1, 10.0.0.9");
  EXPECT_EQ(req.header_count("X-Forwarded-For"), 2u);
  EXPECT_EQ(req.get_header_value("Content-Type"), "application/json");
  EXPECT_FALSE(req.has_header("Cookie"));
}

TEST(message, query_strings_are_decoded) {
  const auto q = parse_query("name=r%C3%B6ntgen+bild.pdf&x&lang=sv&bad=%zz%4");
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].second, "röntgen bild.pdf");
  EXPECT_EQ(q[1], (std::pair<std::string, std::string>{"x", ""}));
  EXPECT_EQ(q[2].second, "sv");
  EXPECT_EQ(q[3].second, "%zz%4");
  EXPECT_EQ(percent_decode("a+b%2Fc", false), "a+b/c");
}

TEST(static_files, serves_files_inside_the_root_only) {
  const auto root = std::filesystem::temp_directory_path() / ("blankett-static-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "lib");
  std::ofstream(root / "index.html") << "<!doctype html>";
  std::ofstream(root / "lib" / "app.js") << "export {}";
  std::ofstream(root / "core.wasm") << "\0asm";
  std::filesystem::create_directories(root.parent_path() / "outside");
  const static_files files(root.string());
  auto get = [&](const std::string& path) {
    request req;
    req.method = "GET";
    req.path = path;
    response res;
    const bool ok = files.serve(req, res);
    return ok ? res.header("Content-Type") + " " + res.file.substr(root.string().size()) : std::string("none");
  };
  EXPECT_EQ(get("/"), "text/html; charset=utf-8 /index.html");
  EXPECT_EQ(get("/lib/app.js"), "text/javascript /lib/app.js");
  EXPECT_EQ(get("/core.wasm"), "application/wasm /core.wasm");
  EXPECT_EQ(get("/lib%2Fapp.js"), "text/javascript /lib/app.js");
  for (const char* bad : {"/../outside", "/lib/../index.html", "/%2e%2e/outside", "/lib/./app.js", "/lib//app.js",
                          "/lib\\app.js", "/lib", "/missing.js", "/index.html%00.js", "relative"})
    EXPECT_EQ(get(bad), "none") << bad;
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace blankett::server::http
