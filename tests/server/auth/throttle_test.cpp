// Sliding-window throttles on the server's clock (server/auth/throttle.cpp): tests move the clock.
#include <gtest/gtest.h>

#include "auth/throttle.h"

namespace blankett::server {
namespace {

using std::chrono::seconds;

manual_clock at_noon() { return manual_clock(std::chrono::system_clock::from_time_t(1796385600)); }  // 2026-12-04T12:00:00Z

TEST(throttle, blocks_at_the_limit_per_key_and_clears) {
  manual_clock c = at_noon();
  throttle t(3, seconds(60), c);
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(t.blocked("anna"));
    t.record("anna");
  }
  EXPECT_TRUE(t.blocked("anna"));
  EXPECT_FALSE(t.blocked("erik"));
  t.clear("anna");
  EXPECT_FALSE(t.blocked("anna"));
  EXPECT_FALSE(t.hit("x"));
  EXPECT_FALSE(t.hit("x"));
  EXPECT_FALSE(t.hit("x"));
  EXPECT_TRUE(t.hit("x"));
}

TEST(throttle, the_window_slides_with_the_clock) {
  manual_clock c = at_noon();
  throttle t(2, seconds(60), c);
  t.record("k");
  c.advance(seconds(30));
  t.record("k");
  EXPECT_TRUE(t.blocked("k"));
  c.advance(seconds(29));
  EXPECT_TRUE(t.blocked("k")) << "59 s after the first event both are in the window";
  c.advance(seconds(1));
  EXPECT_FALSE(t.blocked("k")) << "60 s after the first event it has left the window";
  c.advance(seconds(30));
  EXPECT_FALSE(t.blocked("k"));
  EXPECT_EQ(t.keys(), 1u);
}

TEST(throttle, long_keys_count_as_their_first_256_bytes) {
  manual_clock c = at_noon();
  throttle t(1, seconds(60), c);
  const std::string a = std::string(256, 'n') + "a", b = std::string(256, 'n') + "b";
  t.record(std::string(1 << 20, 'n'));
  EXPECT_TRUE(t.blocked(a));
  EXPECT_TRUE(t.blocked(b));
  EXPECT_EQ(t.keys(), 1u);
}

TEST(throttle, a_flood_of_keys_is_counted_together_beyond_the_cap) {
  manual_clock c = at_noon();
  throttle t(5, seconds(60), c, 100);
  for (int i = 0; i < 100; ++i) t.record("user" + std::to_string(i));
  EXPECT_EQ(t.keys(), 100u);
  // New keys while 100 are live: they share the overflow key, so the flood is limited as one.
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(t.hit("new" + std::to_string(i)));
  EXPECT_TRUE(t.hit("new5"));
  EXPECT_EQ(t.keys(), 101u);
  // Once the window has passed, expired keys are swept and new keys get their own counters again.
  c.advance(seconds(61));
  EXPECT_FALSE(t.hit("fresh"));
  EXPECT_FALSE(t.blocked("new5"));
  EXPECT_EQ(t.keys(), 1u);
}

}  // namespace
}  // namespace blankett::server
