// Client addresses and networks (server/http/address.cpp).
#include <gtest/gtest.h>

#include "http/address.h"

namespace blankett::server {
namespace {

TEST(address, ipv4_is_its_own_key_and_ipv6_is_keyed_by_its_64) {
  EXPECT_EQ(address_key("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(address_key("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(address_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_key("2001:db8:1:2::1"), address_key("2001:db8:1:2:ffff::9"));
  EXPECT_NE(address_key("2001:db8:1:2::1"), address_key("2001:db8:1:3::1"));
  EXPECT_EQ(address_key("::1"), "::/64");
  EXPECT_EQ(address_key(""), "");
  EXPECT_EQ(address_key("10.0.0.1, 10.0.0.2"), "");
  EXPECT_EQ(address_key("not an address"), "");
}

TEST(address, networks_contain_their_addresses) {
  auto n = parse_network("10.1.0.0/16");
  ASSERT_TRUE(n);
  EXPECT_TRUE(in_network(*n, "10.1.200.3"));
  EXPECT_FALSE(in_network(*n, "10.2.0.1"));
  EXPECT_FALSE(in_network(*n, "::ffff:10.2.0.1"));
  EXPECT_TRUE(in_network(*n, "::ffff:10.1.0.1"));
  auto one = parse_network("192.0.2.7");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->prefix, 32);
  EXPECT_TRUE(in_network(*one, "192.0.2.7"));
  EXPECT_FALSE(in_network(*one, "192.0.2.8"));
  auto v6 = parse_network("2001:db8::/33");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(in_network(*v6, "2001:db8:7fff::1"));
  EXPECT_FALSE(in_network(*v6, "2001:db8:8000::1"));
  EXPECT_FALSE(in_network(*v6, "192.0.2.7"));
  EXPECT_FALSE(parse_network("10.0.0.0/33"));
  EXPECT_FALSE(parse_network("10.0.0.0/"));
  EXPECT_FALSE(parse_network("example.org"));
  std::vector<network> nets;
  std::string bad;
  EXPECT_TRUE(parse_networks("127.0.0.1, 10.0.0.0/8,::1", nets, bad));
  EXPECT_EQ(nets.size(), 3u);
  EXPECT_TRUE(in_any(nets, "10.9.9.9"));
  EXPECT_FALSE(parse_networks("127.0.0.1,nonsense", nets, bad));
  EXPECT_EQ(bad, "nonsense");
}

TEST(address, loopback_hosts) {
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.3.2.1"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_TRUE(is_loopback_host("localhost"));
  EXPECT_FALSE(is_loopback_host("0.0.0.0"));
  EXPECT_FALSE(is_loopback_host("::"));
  EXPECT_FALSE(is_loopback_host("192.168.1.10"));
}

}  // namespace
}  // namespace blankett::server
