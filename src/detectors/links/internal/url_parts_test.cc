#include "detectors/links/internal/url_parts.h"

#include <gtest/gtest.h>

namespace links = stalkguard::links::internal;

namespace {

struct PartsCase {
  const char* url;
  const char* host;
  links::HostKind kind;
  const char* path;
  int port;
};

TEST(ParseUrl, FindsHostPathAndPort) {
  const PartsCase cases[] = {
      {"https://www.PayPal.com/myaccount", "www.paypal.com", links::HostKind::kName, "/myaccount",
       -1},
      {"www.example.com/a b", "www.example.com", links::HostKind::kName, "/a%20b", -1},
      {"example.com:8080/x", "example.com", links::HostKind::kName, "/x", 8080},
      {"http://192.168.3.4/login", "192.168.3.4", links::HostKind::kIpv4, "/login", -1},
      {"http://[2001:db8::1]:81/", "2001:db8::1", links::HostKind::kIpv6, "/", 81},
      {"http://3232236292/", "192.168.3.4", links::HostKind::kIpv4, "/", -1},
      {"http://0xC0A80304/", "192.168.3.4", links::HostKind::kIpv4, "/", -1},
      {"http://0300.0250.3.4/", "192.168.3.4", links::HostKind::kIpv4, "/", -1},
      {"http://example.com./", "example.com", links::HostKind::kName, "/", -1},
      {"http:\\\\evil.example\\a", "evil.example", links::HostKind::kName, "/a", -1},
      {"http://x.example/[kickass.to]film", "x.example", links::HostKind::kName,
       "/%5Bkickass.to%5Dfilm", -1},
      {"http://bad%host.example/%zz", "bad%host.example", links::HostKind::kName, "/%25zz", -1},
  };
  for (const auto& c : cases) {
    const links::UrlParts parts = links::ParseUrl(c.url);
    EXPECT_EQ(parts.host, c.host) << c.url;
    EXPECT_EQ(parts.host_kind, c.kind) << c.url;
    EXPECT_EQ(parts.path, c.path) << c.url;
    EXPECT_EQ(parts.port, c.port) << c.url;
  }
}

TEST(ParseUrl, DecodesInternationalHosts) {
  const links::UrlParts raw = links::ParseUrl("https://pаypal.com/");  // Cyrillic "а"
  EXPECT_EQ(raw.host, "xn--pypal-4ve.com");
  EXPECT_EQ(raw.unicode_host, "pаypal.com");
  const links::UrlParts puny = links::ParseUrl("https://xn--pypal-4ve.com/");
  EXPECT_EQ(puny.unicode_host, "pаypal.com");
}

TEST(ParseUrl, SplitsUserInfoQueryAndFragment) {
  const links::UrlParts parts = links::ParseUrl("http://www.paypal.com@evil.example/a?b=1#frag");
  EXPECT_EQ(parts.userinfo, "www.paypal.com");
  EXPECT_EQ(parts.host, "evil.example");
  EXPECT_TRUE(parts.has_query);
  EXPECT_EQ(parts.query, "b=1");
  EXPECT_EQ(parts.fragment, "frag");
  EXPECT_TRUE(parts.rfc3986);
}

TEST(ParseUrl, KeepsOpaqueSchemesApart) {
  for (const char* url : {"javascript:alert(1)",
                          "data:text/html;base64,PHNjcmlwdD4=", "mailto:someone@example.com"}) {
    const links::UrlParts parts = links::ParseUrl(url);
    EXPECT_FALSE(parts.hierarchical) << url;
    EXPECT_TRUE(parts.host.empty()) << url;
  }
  EXPECT_TRUE(links::ParseUrl("localhost:8080/x").hierarchical);
}

TEST(ParseIpv4, AcceptsWhatBrowsersAccept) {
  EXPECT_EQ(links::ParseIpv4("1.2.3.4"), 0x01020304u);
  EXPECT_EQ(links::ParseIpv4("16909060"), 0x01020304u);
  EXPECT_EQ(links::ParseIpv4("0x1020304"), 0x01020304u);
  EXPECT_EQ(links::ParseIpv4("1.2.772"), 0x01020304u);
  EXPECT_EQ(links::ParseIpv4("01.02.03.04"), 0x01020304u);
  EXPECT_FALSE(links::ParseIpv4("1.2.3.256"));
  EXPECT_FALSE(links::ParseIpv4("1.2.3.4.5"));
  EXPECT_FALSE(links::ParseIpv4("123.com"));
  EXPECT_FALSE(links::ParseIpv4("08.1.1.1"));
  EXPECT_FALSE(links::ParseIpv4(""));
}

TEST(UrlFeedKey, IgnoresSchemeFragmentAndDefaultPort) {
  EXPECT_EQ(links::UrlFeedKey(links::ParseUrl("http://Evil.Example:80/a?b#c")),
            links::UrlFeedKey(links::ParseUrl("https://evil.example/a?b")));
  EXPECT_EQ(links::UrlFeedKey(links::ParseUrl("http://evil.example")), "evil.example/");
  EXPECT_EQ(links::UrlFeedKey(links::ParseUrl("http://evil.example:8080/")), "evil.example:8080/");
}

}  // namespace
