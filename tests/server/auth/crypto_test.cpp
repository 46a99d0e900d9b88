// Passwords (argon2id), tokens and their hashes (server/auth/crypto.cpp).
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "auth/crypto.h"

namespace blankett::server {
namespace {

TEST(crypto, passwords_are_argon2id_and_tokens_random) {
  ASSERT_TRUE(crypto_init());
  const std::string h = password_hash("correct horse");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u) << h;
  EXPECT_TRUE(password_verify(h, "correct horse"));
  EXPECT_FALSE(password_verify(h, "correct hors"));
  EXPECT_NE(password_hash("correct horse"), h);  // salted
  const std::string a = random_token(), b = random_token();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // SHA-256 test vector
  EXPECT_TRUE(same_secret(a, a));
  EXPECT_FALSE(same_secret(a, b));
  EXPECT_FALSE(same_secret(a, a.substr(1)));
}

TEST(crypto, many_logins_at_once_all_verify) {
  // The hashing slots queue a burst; every verification still gives the right answer.
  ASSERT_TRUE(crypto_init());
  const std::string h = password_hash("pw");
  std::atomic<int> right{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) threads.emplace_back([&, i] { right += password_verify(h, i % 2 ? "pw" : "nope") == (i % 2 == 1); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(right.load(), 12);
  EXPECT_EQ(sha256_hex("abc"), token_hash("abc"));
}

TEST(crypto, letter_codes_are_twelve_unmistakable_symbols_in_three_groups) {
  ASSERT_TRUE(crypto_init());
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string c = letter_code();
    ASSERT_EQ(c.size(), 14u);
    EXPECT_EQ(c[4], '-');
    EXPECT_EQ(c[9], '-');
    EXPECT_EQ(c.find_first_of("01OI"), std::string::npos) << c;
    EXPECT_EQ(normalize_letter_code(c), c.substr(0, 4) + c.substr(5, 4) + c.substr(10, 4));
    seen.insert(c);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(crypto, a_typed_code_is_read_with_spaces_dashes_and_lower_case) {
  EXPECT_EQ(normalize_letter_code("k7qm 4xtp-9wrd"), "K7QM4XTP9WRD");
  EXPECT_EQ(normalize_letter_code(" K7QM-4XTP-9WRD "), "K7QM4XTP9WRD");
  EXPECT_EQ(normalize_letter_code("K7QM-4XTP-9WR"), "");      // too short
  EXPECT_EQ(normalize_letter_code("K7QM-4XTP-9WRDD"), "");    // too long
  EXPECT_EQ(normalize_letter_code("K7QM-4XTP-9WR0"), "");     // 0 is not a symbol of codes
  EXPECT_EQ(normalize_letter_code("K7QM-4XTP-9WR\n"), "");
}

}  // namespace
}  // namespace blankett::server
