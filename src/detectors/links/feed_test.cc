#include "detectors/links/feed.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace links = stalkguard::links;

namespace {

const std::string kTestdata = std::string(SG_SOURCE_DIR) + "/src/detectors/links/testdata/";

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

struct FormatCase {
  const char* file;
  links::FeedFormat format;
  std::vector<std::string> domains;
  std::vector<std::string> urls;
};

TEST(Feed, ReadsEveryFormatFromItsContent) {
  const FormatCase cases[] = {
      {"plain.txt",
       links::FeedFormat::kPlainList,
       {"evil.example", "wildcard.example", "198.51.100.7"},
       {"shared-host.example/phish/login.php?id=1"}},
      {"hosts.txt",
       links::FeedFormat::kHosts,
       {"tracker.example", "spy-c2.example", "spy-upload.example"},
       {}},
      {"urlhaus.csv",
       links::FeedFormat::kUrlhausCsv,
       {},
       {"203.0.113.9:8080/bins/mozi.m", "files.example.net/download/Invoice_2024.exe"}},
      {"phishtank.csv",
       links::FeedFormat::kPhishtankCsv,
       {},
       {"secure-bank.example.org/signin/index.html", "login.example.com/a,b/?x=1"}},
      {"phishtank.json",
       links::FeedFormat::kPhishtankJson,
       {},
       {"verify-account.example.info/wp/login.php", "docs.example.com/forms/d/e/abc/viewform"}},
  };
  for (const auto& c : cases) {
    auto feed = links::LoadFeedFile(kTestdata + c.file);
    ASSERT_TRUE(feed) << c.file << ": " << feed.error().message;
    EXPECT_EQ(feed->format, c.format) << c.file;
    EXPECT_EQ(feed->name, c.file);
    EXPECT_EQ(feed->domains.size(), c.domains.size()) << c.file;
    for (const auto& d : c.domains) EXPECT_TRUE(Has(feed->domains, d)) << c.file << ": " << d;
    EXPECT_EQ(feed->urls.size(), c.urls.size()) << c.file;
    for (const auto& u : c.urls) EXPECT_TRUE(Has(feed->urls, u)) << c.file << ": " << u;
    EXPECT_TRUE(feed->warnings.empty()) << c.file << ": " << feed->warnings.front();
  }
}

TEST(Feed, HostsFileSkipsNamesOfTheMachineItself) {
  auto feed = links::LoadFeedFile(kTestdata + "hosts.txt");
  ASSERT_TRUE(feed);
  EXPECT_FALSE(Has(feed->domains, "localhost"));
  EXPECT_FALSE(Has(feed->domains, "ip6-localhost"));
}

TEST(Feed, SkipsABadCsvLineNamingFileAndLine) {
  const std::string path = kTestdata + "malformed.csv";
  auto feed = links::LoadFeedFile(path);
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->urls, std::vector<std::string>{"good-entry.example/x.exe"});
  ASSERT_EQ(feed->warnings.size(), 1u);
  EXPECT_EQ(feed->warnings[0], path + ":3: unterminated quote");
  EXPECT_EQ(feed->skipped, 1u);
}

TEST(Feed, SkipsABadListLineNamingFileAndLine) {
  const std::string path = kTestdata + "malformed.txt";
  auto feed = links::LoadFeedFile(path);
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->domains, std::vector<std::string>{"good.example"});
  ASSERT_EQ(feed->warnings.size(), 1u);
  EXPECT_EQ(feed->warnings[0].rfind(path + ":2: expected a domain", 0), 0u) << feed->warnings[0];
}

TEST(Feed, BrokenJsonFailsNamingFileAndLine) {
  const std::string path = kTestdata + "bad.json";
  auto feed = links::LoadFeedFile(path);
  ASSERT_FALSE(feed);
  EXPECT_EQ(feed.error().message.rfind(path + ":", 0), 0u) << feed.error().message;
  EXPECT_NE(feed.error().message.find("not valid JSON"), std::string::npos) << feed.error().message;
}

TEST(Feed, JsonObjectWithoutUrlIsSkippedWithItsLine) {
  auto feed = links::ParseFeed("[\n{\"url\": \"http://a.example/x\"},\n{\"link\": 1}\n]", "f.json");
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->urls.size(), 1u);
  ASSERT_EQ(feed->warnings.size(), 1u);
  EXPECT_EQ(feed->warnings[0], "f.json:3: no \"url\" string in this object");
}

TEST(Feed, JsonThatIsNotAnArrayFails) {
  auto feed = links::ParseFeed("{\"url\": \"http://a.example/\"}", "f.json");
  ASSERT_FALSE(feed);
  EXPECT_EQ(feed.error().message,
            "f.json:1: a JSON feed must be an array of objects with a \"url\"");
}

TEST(Feed, AllBadRecordsFailWithTheFirst) {
  auto feed = links::ParseFeed("not a domain list\nnor this one\n", "junk.txt");
  ASSERT_FALSE(feed);
  EXPECT_EQ(feed.error().message.rfind("junk.txt:1: ", 0), 0u) << feed.error().message;
}

TEST(Feed, EmptyAndCommentOnlyFeedsAreEmpty) {
  for (const char* content : {"", "# nothing yet\n", "\n\n"}) {
    auto feed = links::ParseFeed(content, "empty.txt");
    ASSERT_TRUE(feed) << content;
    EXPECT_TRUE(feed->domains.empty());
    EXPECT_TRUE(feed->urls.empty());
  }
}

TEST(Feed, LoadsTheStalkerwareNetworkList) {
  const std::string path = "/work/shared/data/stalkerware_indicators/generated/hosts";
  auto feed = links::LoadFeedFile(path);
  if (!feed && feed.error().code == stalkguard::ErrorCode::kNotFound) {
    GTEST_SKIP() << "no stalkerware indicators on this machine";
  }
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_GT(feed->domains.size(), 500u);
  EXPECT_TRUE(Has(feed->domains, "copy9.com"));
  EXPECT_TRUE(feed->warnings.empty()) << feed->warnings.front();
}

TEST(Feed, MissingFileNamesIt) {
  auto feed = links::LoadFeedFile(kTestdata + "nope.txt");
  ASSERT_FALSE(feed);
  EXPECT_EQ(feed.error().code, stalkguard::ErrorCode::kNotFound);
  EXPECT_NE(feed.error().message.find("nope.txt"), std::string::npos);
}

}  // namespace
