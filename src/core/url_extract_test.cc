#include "core/url_extract.h"

#include <gtest/gtest.h>

namespace sg = stalkguard;
using V = std::vector<std::string>;

TEST(ExtractUrls, FindsLinksAndTrimsPunctuation) {
  EXPECT_EQ(sg::ExtractUrls("see https://example.com/a?b=1."), V{"https://example.com/a?b=1"});
  EXPECT_EQ(sg::ExtractUrls("(http://x.example/y) and www.example.org!"),
            (V{"http://x.example/y", "www.example.org"}));
  EXPECT_EQ(sg::ExtractUrls("wiki https://en.example.org/Foo_(bar) ok"),
            V{"https://en.example.org/Foo_(bar)"});
  EXPECT_EQ(sg::ExtractUrls("twice http://a.example http://a.example"), V{"http://a.example"});
  EXPECT_TRUE(sg::ExtractUrls("no links here, awww.").empty());
  EXPECT_TRUE(sg::ExtractUrls("https://").empty());
}

TEST(ExtractUrls, FindsBareWwwLinksInAnyCase) {
  EXPECT_EQ(sg::ExtractUrls("WWW.Example.com"), V{"WWW.Example.com"});
  EXPECT_EQ(sg::ExtractUrls("at:www.a.example, then (www.b.example)"),
            (V{"www.a.example", "www.b.example"}));
  EXPECT_EQ(sg::ExtractUrls("end. www.c.example"), V{"www.c.example"});
  EXPECT_TRUE(sg::ExtractUrls("xwww.d.example and ww.e.example").empty());
}
