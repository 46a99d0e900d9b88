// libsodium: argon2id passwords, random tokens, SHA-256.
#include "auth/crypto.h"

#include <sodium.h>

#include <semaphore>

namespace blankett::server {

namespace {

// Each argon2id hash takes 64 MiB and a core for ~85 ms: a burst of logins waits for one of a few
// slots instead of taking the machine's memory.
std::counting_semaphore<>& hash_slots() {
  static std::counting_semaphore<> slots(4);
  return slots;
}

struct hash_slot {
  hash_slot() { hash_slots().acquire(); }
  ~hash_slot() { hash_slots().release(); }
};

}  // namespace

bool crypto_init() { return sodium_init() >= 0; }

std::string password_hash(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  hash_slot slot;
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return {};
  return out;
}

bool password_verify(std::string_view hash, std::string_view password) {
  const std::string h(hash);  // NUL-terminated
  hash_slot slot;
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

namespace {
constexpr std::string_view kCodeSymbols = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
}

std::string letter_code() {
  std::string out;
  for (int i = 0; i < 12; ++i) {
    if (i == 4 || i == 8) out += '-';
    out += kCodeSymbols[randombytes_uniform(static_cast<uint32_t>(kCodeSymbols.size()))];
  }
  return out;
}

std::string normalize_letter_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kCodeSymbols.find(c) == std::string_view::npos || out.size() == 12) return {};
    out += c;
  }
  return out.size() == 12 ? out : std::string();
}

std::string sha256_hex(std::string_view bytes) { return token_hash(bytes); }

std::string token_hash(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace blankett::server
