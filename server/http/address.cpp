// Addresses and networks through inet_pton/inet_ntop.
#include "http/address.h"

#include <arpa/inet.h>

#include <cstring>

namespace blankett::server {
namespace {

struct parsed {
  bool v6;
  std::array<uint8_t, 16> bytes{};
};

std::optional<parsed> parse_address(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  parsed p{};
  in_addr a4{};
  if (inet_pton(AF_INET, s.c_str(), &a4) == 1) {
    p.v6 = false;
    std::memcpy(p.bytes.data(), &a4, 4);
    return p;
  }
  in6_addr a6{};
  if (inet_pton(AF_INET6, s.c_str(), &a6) == 1) {
    std::memcpy(p.bytes.data(), &a6, 16);
    static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (std::memcmp(p.bytes.data(), kMapped, 12) == 0) {  // ::ffff:a.b.c.d is IPv4
      p.v6 = false;
      std::memmove(p.bytes.data(), p.bytes.data() + 12, 4);
      std::memset(p.bytes.data() + 4, 0, 12);
    } else {
      p.v6 = true;
    }
    return p;
  }
  return std::nullopt;
}

}  // namespace

std::optional<network> parse_network(std::string_view text) {
  const size_t slash = text.find('/');
  auto a = parse_address(text.substr(0, slash));
  if (!a) return std::nullopt;
  network n;
  n.v6 = a->v6;
  n.bytes = a->bytes;
  const int max = a->v6 ? 128 : 32;
  n.prefix = max;
  if (slash != std::string_view::npos) {
    const std::string_view bits = text.substr(slash + 1);
    if (bits.empty() || bits.size() > 3) return std::nullopt;
    int v = 0;
    for (char c : bits) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    if (v > max) return std::nullopt;
    n.prefix = v;
  }
  return n;
}

bool parse_networks(std::string_view list, std::vector<network>& out, std::string& bad) {
  out.clear();
  while (!list.empty()) {
    const size_t comma = list.find(',');
    std::string_view part = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    while (!part.empty() && (part.front() == ' ' || part.front() == '\t')) part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\t')) part.remove_suffix(1);
    if (part.empty()) continue;
    auto n = parse_network(part);
    if (!n) {
      bad = std::string(part);
      return false;
    }
    out.push_back(*n);
  }
  return true;
}

bool in_network(const network& n, std::string_view address) {
  auto a = parse_address(address);
  if (!a || a->v6 != n.v6) return false;
  int bits = n.prefix;
  for (size_t i = 0; bits > 0; ++i, bits -= 8) {
    const int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
    if ((a->bytes[i] & mask) != (n.bytes[i] & mask)) return false;  // both promoted to int: compared as such
  }
  return true;
}

bool in_any(const std::vector<network>& nets, std::string_view address) {
  for (const network& n : nets)
    if (in_network(n, address)) return true;
  return false;
}

std::string address_key(std::string_view address) {
  auto a = parse_address(address);
  if (!a) return {};
  char buf[INET6_ADDRSTRLEN];
  if (!a->v6) {
    in_addr a4{};
    std::memcpy(&a4, a->bytes.data(), 4);
    return inet_ntop(AF_INET, &a4, buf, sizeof buf) ? std::string(buf) : std::string();
  }
  std::memset(a->bytes.data() + 8, 0, 8);
  in6_addr a6{};
  std::memcpy(&a6, a->bytes.data(), 16);
  return inet_ntop(AF_INET6, &a6, buf, sizeof buf) ? std::string(buf) + "/64" : std::string();
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost") return true;
  static const auto v4 = parse_network("127.0.0.0/8");
  static const auto v6 = parse_network("::1/128");
  return in_network(*v4, host) || in_network(*v6, host);
}

}  // namespace blankett::server
