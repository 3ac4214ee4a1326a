// UrlParts: one link taken apart the way the link judge needs it. Message text holds links in
// every state: without a scheme ("www.x.com/a"), with raw UTF-8, spaces escaped or not,
// "[brackets]" in the path. ParseUrl escapes what RFC 3986 forbids, hands the result to
// uriparser, and falls back to a plain split at "/?#" when even that fails, so there is always
// a host to judge. Pure functions, safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stalkguard::links::internal {

enum class HostKind { kNone, kName, kIpv4, kIpv6 };

struct UrlParts {
  std::string scheme;  // lower case; "http" when the text had none
  bool scheme_given = false;
  bool hierarchical = true;  // false for "data:", "javascript:", "mailto:" and the like
  bool rfc3986 = false;      // uriparser accepted it after escaping
  std::string userinfo;      // before '@' in the authority, as written
  std::string host_text;     // the host as written (percent-decoded), before any clean-up
  std::string host;          // lower-case ASCII (IDNA labels as "xn--"), no trailing dot; IPv4
                             // dotted-decimal, IPv6 without brackets
  std::string unicode_host;  // `host` with "xn--" labels decoded; equals `host` when all ASCII
  bool idna_error = false;   // the host is no valid (internationalised) domain name
  HostKind host_kind = HostKind::kNone;
  bool ip_obfuscated = false;  // an IPv4 host written as decimal, hex, octal or short form
  int port = -1;               // -1 when the text gave none
  std::string path;            // "/a/b" as written (still percent-encoded); may be empty
  std::string query;           // without the '?'
  bool has_query = false;
  std::string fragment;  // without the '#'
  std::string opaque;    // everything after "scheme:" when not hierarchical
};

// Takes `url` apart. Never fails: the worst input gives an empty host.
UrlParts ParseUrl(std::string_view url);

// An IPv4 address in any form a browser accepts: "1.2.3.4", "3232235777", "0xC0A80101",
// "0300.0250.1.1", "192.168.257" (the last part fills the remaining bytes). nullopt otherwise.
std::optional<uint32_t> ParseIpv4(std::string_view host);

// Dotted-decimal text of `address`.
std::string FormatIpv4(uint32_t address);

// The key a URL is looked up under in URL feeds: host and non-default port, path ("/" when
// empty) and query; scheme, user info and fragment are left out so that "http://x/a" on a
// feed also catches "https://x/a#top".
std::string UrlFeedKey(const UrlParts& parts);

// `text` with %XX sequences decoded; malformed ones are kept as they are.
std::string PercentDecode(std::string_view text);

}  // namespace stalkguard::links::internal
