// Publishing from the designer against the real server: log in as the demo designer, upload a form
// (a new version), see the server refuse a broken one with its diagnostics, list the templates and
// fetch a published one.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "document.h"
#include "publish.h"
#include "test_util.h"

extern char** environ;

namespace blankett::designer {
namespace {

// `blankett serve` on a free port with the demo data; the designer account's password from its output.
struct server {
  std::string dir, url, password;
  pid_t pid = -1;
  server() {
    char tmpl[] = "/tmp/blankett-publish-XXXXXX";
    dir = mkdtemp(tmpl);
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> args = {BLANKETT_BINARY, "serve", "--port", "0", "--database", dir + "/b.db", "--demo", "on",
                                     "--samples", testing::source_path("samples"), "--log-file", dir + "/log", "--rate", "100000"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid, BLANKETT_BINARY, &actions, nullptr, argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    std::string text;
    char buf[4096];
    ssize_t n;
    while (text.find("listens on") == std::string::npos && (n = read(out[0], buf, sizeof buf)) > 0) text.append(buf, size_t(n));
    close(out[0]);
    if (const size_t at = text.find("http://127.0.0.1:"); at != std::string::npos) url = "http://127.0.0.1:" + std::to_string(std::atoi(text.c_str() + at + 17));
    const std::string key = "designer       password ";
    if (const size_t at = text.find(key); at != std::string::npos) password = text.substr(at + key.size(), 16);
  }
  ~server() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

TEST(designer_publish, upload_refusal_list_and_fetch) {
  server srv;
  ASSERT_FALSE(srv.url.empty());
  ASSERT_EQ(srv.password.size(), 16u);
  publisher p;
  std::string error;
  EXPECT_FALSE(p.login(srv.url, "designer", "wrong-password", error));
  EXPECT_EQ(error, "Wrong user name or password. (401)");
  ASSERT_TRUE(p.login(srv.url, "designer", srv.password, error)) << error;
  EXPECT_EQ(p.unit_name(), "Vårdcentralen Norr");

  document d;
  ASSERT_TRUE(d.apply(set_value("/id", "designer-test"), error));
  upload_result up;
  ASSERT_TRUE(p.upload(d.text(), up, error)) << error;
  EXPECT_GT(up.template_id, 0);
  EXPECT_EQ(up.version, 1);
  EXPECT_EQ(up.state, "unpublished");
  EXPECT_TRUE(up.problems.empty());

  // A broken form is refused by the server's core, with the problem located.
  upload_result refused;
  ASSERT_TRUE(p.upload(R"({"format": 1, "id": "x", "version": 1, "languages": ["sv"], "title": "X", "pages": []})", refused, error)) << error;
  ASSERT_EQ(refused.problems.size(), 1u);
  EXPECT_EQ(refused.template_id, 0);

  std::vector<template_row> rows;
  ASSERT_TRUE(p.templates(rows, error)) << error;
  const auto mine = std::find_if(rows.begin(), rows.end(), [](const template_row& r) { return r.form_id == "designer-test"; });
  ASSERT_NE(mine, rows.end());
  EXPECT_EQ(mine->state, "unpublished");
  const auto phq = std::find_if(rows.begin(), rows.end(), [](const template_row& r) { return r.form_id == "phq-9"; });
  ASSERT_NE(phq, rows.end());
  std::string definition;
  ASSERT_TRUE(p.fetch(phq->id, definition, error)) << error;
  document fetched;
  ASSERT_TRUE(fetched.open_text(definition, error));
  EXPECT_EQ(fetched.errors(), 0u);
  EXPECT_EQ(fetched.definition()["id"], "phq-9");
  EXPECT_FALSE(p.fetch(mine->id, definition, error));  // not published yet
}

}  // namespace
}  // namespace blankett::designer
