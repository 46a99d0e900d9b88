// Publishing from the designer against the real server: log in as the demo designer, upload a form
// (a new version), see the server refuse a broken one with its diagnostics, list the templates and
// fetch a published one.
#include <gtest/gtest.h>

#include "document.h"
#include "publish.h"
#include "server_process.h"
#include "test_util.h"

namespace blankett::designer {
namespace {

TEST(designer_publish, upload_refusal_list_and_fetch) {
  const testing::server_process srv(BLANKETT_BINARY, testing::source_path("samples"), {"--rate", "100000"});
  ASSERT_TRUE(srv.ok());
  const std::string password = srv.password("designer");
  ASSERT_EQ(password.size(), 16u);
  publisher p;
  std::string error;
  EXPECT_FALSE(p.login(srv.url(), "designer", "wrong-password", error));
  EXPECT_EQ(error, "Wrong user name or password. (401)");
  ASSERT_TRUE(p.login(srv.url(), "designer", password, error)) << error;
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
