// The server's configuration: defaults, a JSON file, the environment, flags, in that order.
#include "config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

namespace blankett::server {
namespace {

struct parsed {
  bool ok;
  config c;
  std::string error;
  bool help;
};

parsed load(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  parsed p{};
  p.ok = load_config(static_cast<int>(argv.size()), argv.data(), p.c, p.error, p.help);
  return p;
}

TEST(config, defaults_are_safe) {
  const parsed p = load({});
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.c.host, "127.0.0.1");
  EXPECT_EQ(p.c.port, 8080);
  EXPECT_EQ(p.c.identity, "demo");
  EXPECT_FALSE(p.c.demo) << "demo data and the demo login are asked for, never the default";
  EXPECT_EQ(p.c.client_address_header, "");
  EXPECT_TRUE(p.c.synchronous_full);
  EXPECT_EQ(p.c.max_body, 1u << 20);
  EXPECT_FALSE(p.c.secure_cookies);
}

TEST(config, file_then_environment_then_flags) {
  char path[] = "/tmp/blankett-config-XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << R"({"port": 9000, "database": "file.db", "max_body": 2048, "secure_cookies": true, "log_file": "x.log"})";
  setenv("BLANKETT_DATABASE", "env.db", 1);
  setenv("BLANKETT_MAX_BODY", "4096", 1);
  const parsed p = load({"--config", path, "--max-body", "8192", "--identity=header"});
  unsetenv("BLANKETT_DATABASE");
  unsetenv("BLANKETT_MAX_BODY");
  std::remove(path);
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.c.port, 9000);           // file
  EXPECT_EQ(p.c.database, "env.db");   // environment over file
  EXPECT_EQ(p.c.max_body, 8192u);      // flag over environment
  EXPECT_TRUE(p.c.secure_cookies);
  EXPECT_EQ(p.c.log_file, "x.log");
  EXPECT_EQ(p.c.identity, "header");
}

TEST(config, mistakes_are_named) {
  EXPECT_EQ(load({"--port", "70000"}).error, "--port takes a number from 0 to 65535");
  EXPECT_EQ(load({"--port", "80a"}).error, "--port takes a number from 0 to 65535");
  EXPECT_EQ(load({"--identity", "bankid"}).error, "--identity is demo or header");
  EXPECT_EQ(load({"--demo", "maybe"}).error, "--demo is on or off");
  EXPECT_EQ(load({"--colour", "red"}).error, "unknown option --colour");
  EXPECT_EQ(load({"--port"}).error, "--port needs a value");
  EXPECT_EQ(load({"serve"}).error, "unexpected argument serve");
  EXPECT_EQ(load({"--config", "/nonexistent/blankett.json"}).error, "cannot read /nonexistent/blankett.json");
  EXPECT_EQ(load({"--config=/nonexistent/b.json"}).error, "cannot read /nonexistent/b.json");
  const parsed h = load({"--help"});
  EXPECT_TRUE(h.ok);
  EXPECT_TRUE(h.help);
}

}  // namespace
}  // namespace blankett::server
