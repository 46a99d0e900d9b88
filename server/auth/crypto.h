// Passwords (argon2id), session tokens and their hashes, through libsodium.
#pragma once

#include <string>
#include <string_view>

namespace blankett::server {

// libsodium must be initialised once before any of these (sodium_init at start).
bool crypto_init();

// An argon2id hash in libsodium's string form (salt and parameters included). At most four hash or
// verify at once (each takes 64 MiB); more wait their turn.
std::string password_hash(std::string_view password);
bool password_verify(std::string_view hash, std::string_view password);

// 32 random bytes as 64 hex characters: session tokens, CSRF tokens, public form links.
std::string random_token();
// A code for typing by hand (a paper letter's): 12 symbols of 32 that cannot be mistaken for each
// other (no 0, O, 1 or I), 60 random bits, as "K7QM-4XTP-9WRD".
std::string letter_code();
// A typed code as stored (12 upper-case symbols; spaces and dashes dropped, lower case raised), or ""
// when it cannot be one.
std::string normalize_letter_code(std::string_view typed);
// SHA-256 of a token, hex: what the database keeps instead of the token.
std::string token_hash(std::string_view token);
// SHA-256 of any bytes, hex (an attachment's checksum).
std::string sha256_hex(std::string_view bytes);
// Constant-time comparison of two strings of equal length.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace blankett::server
