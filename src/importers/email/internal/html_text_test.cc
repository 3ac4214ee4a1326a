#include "importers/email/internal/html_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace stalkguard::importers::email_internal {
namespace {

TEST(HtmlToText, ConvertsMarkupToReadableText) {
  struct Case {
    std::string html;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"<p>Hello</p><p>there</p>", "Hello\nthere"},
      {"a<br>b<br/>c", "a\nb\nc"},
      {"a<br><br><br>b", "a\n\nb"},
      {"<div><p>a</p></div><div>b</div>", "a\nb"},
      {"one   two\n\tthree", "one two three"},
      {"<b>bold</b> and <i>italic</i>", "bold and italic"},
      {"Tom &amp; Jerry &lt;3 &#233;&#xE9; &euro;5&nbsp;off",
       "Tom & Jerry <3 \u00e9\u00e9 \u20ac5 off"},
      {"&bogus; &amp", "&bogus; &amp"},
      {"a < b and c > d", "a < b and c > d"},
      {"<script>var x = '<p>';</script>shown<style>p{}</style>", "shown"},
      {"<head><title>T</title></head><body>B</body>", "B"},
      {"<!-- hidden <p>x</p> -->seen", "seen"},
      {"<td>a</td><td>b</td>", "a b"},
      {"<p>unterminated <a href=\"x", "unterminated"},
      {"&#0;&#1114112;", "\uFFFD\uFFFD"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(HtmlToText(c.html).text, c.want) << c.html;
  }
}

TEST(HtmlToText, CollectsWebLinksOnce) {
  const HtmlText out = HtmlToText(
      "<a href=\"https://a.example.com/x?a=1&amp;b=2\">x</a>"
      "<A HREF='http://198.51.100.7/login'>y</A>"
      "<a title=\"a > b\" href=https://a.example.com/x?a=1&amp;b=2>again</a>"
      "<a href=\"mailto:x@example.com\">m</a><a href=\"#top\">t</a>"
      "<area href=\" www.example.net/map \">");
  EXPECT_EQ(out.hrefs,
            (std::vector<std::string>{"https://a.example.com/x?a=1&b=2",
                                      "http://198.51.100.7/login", "www.example.net/map"}));
}

}  // namespace
}  // namespace stalkguard::importers::email_internal
