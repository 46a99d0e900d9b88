// The server's log: no id number survives, one event stays one line.
#include "log.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>

namespace blankett::server {
namespace {

TEST(log_scrub, every_written_form_of_a_personnummer_is_replaced) {
  EXPECT_EQ(log_scrub("login 197601022382 ok"), "login [id] ok");
  EXPECT_EQ(log_scrub("login 19760102-2382 ok"), "login [id] ok");
  EXPECT_EQ(log_scrub("login 760102-2382 ok"), "login [id] ok");
  EXPECT_EQ(log_scrub("login 7601022382"), "login [id]");
  EXPECT_EQ(log_scrub("old 191001019802+ 100101+9802"), "old [id]+ [id]");
  EXPECT_EQ(log_scrub("interim 760102-T382"), "interim [id]");
  EXPECT_EQ(log_scrub("x=197601022382y"), "x=[id]y");
}

TEST(log_scrub, other_numbers_stay) {
  EXPECT_EQ(log_scrub("instance=12345 status=200 port=8080"), "instance=12345 status=200 port=8080");
  EXPECT_EQ(log_scrub("2026-11-22T08:43:42Z"), "2026-11-22T08:43:42Z");
  EXPECT_EQ(log_scrub("bytes=1234567890123"), "bytes=1234567890123");  // 13 digits: not an id number
  EXPECT_EQ(log_scrub("abc"), "abc");
  EXPECT_EQ(log_scrub(""), "");
}

TEST(log, a_value_cannot_forge_a_line_and_ids_are_scrubbed) {
  char path[] = "/tmp/blankett-log-XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  log_open(path);
  log(log_level::warning, "staff.login_failed", {{"user", "eve\n2026-01-01T00:00:00Z info forged"}, {"number", "19760102-2382"}});
  log_open("");
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(path);
  ASSERT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
  EXPECT_NE(text.find(" warning staff.login_failed user=\"eve?2026-01-01T00:00:00Z info forged\" number=[id]\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace blankett::server
