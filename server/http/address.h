// Client addresses: the key that limits count a client under, and the networks a proxy speaks from.
//
// An IPv4 address is its own key; an IPv6 address is keyed by its /64 (one subscriber's network, so
// that a client cannot step through addresses of its own prefix); an IPv4-mapped IPv6 address is the
// IPv4 address.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace blankett::server {

struct network {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};
  int prefix = 0;  // bits
};

// "10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "::1"; nullopt when it is none of these.
std::optional<network> parse_network(std::string_view text);
// A comma-separated list of networks; false (with `bad` set to the entry) on a mistake.
bool parse_networks(std::string_view list, std::vector<network>& out, std::string& bad);
bool in_network(const network& n, std::string_view address);
bool in_any(const std::vector<network>& nets, std::string_view address);
// The limits' key of an address ("" when it is not an IP address).
std::string address_key(std::string_view address);
// Whether the address is a loopback address (127.0.0.0/8, ::1) or the name localhost.
bool is_loopback_host(std::string_view host);

}  // namespace blankett::server
