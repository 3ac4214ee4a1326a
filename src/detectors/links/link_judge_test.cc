#include "detectors/links/link_judge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace links = stalkguard::links;

namespace {

const std::string kSource = SG_SOURCE_DIR;
const std::string kTestdata = kSource + "/src/detectors/links/testdata/";

links::LinkJudgeOptions Options(bool with_model = false) {
  links::LinkJudgeOptions options;
  options.config_dir = kSource + "/config/links";
  if (with_model) options.model_path = kSource + "/models/links.sgl";
  return options;
}

const links::LinkJudge& Heuristics() {
  static const links::LinkJudge judge = [] {
    auto created = links::LinkJudge::Create(Options());
    if (!created) {
      ADD_FAILURE() << created.error().message;
      std::abort();
    }
    return std::move(*created);
  }();
  return judge;
}

bool HasReason(const links::LinkVerdict& v, std::string_view code) {
  return std::any_of(v.reasons.begin(), v.reasons.end(),
                     [&](const links::LinkReason& r) { return r.code == code; });
}

std::string Codes(const links::LinkVerdict& v) {
  std::string out;
  for (const auto& r : v.reasons) out += r.code + " ";
  return out;
}

struct ReasonCase {
  const char* code;
  const char* url;
  bool fires;
};

// One row per heuristic with links that must and must not show it.
TEST(LinkJudge, EachHeuristicFiresOnlyWhereItShould) {
  const ReasonCase cases[] = {
      {"ip_host", "http://192.168.3.4/login", true},
      {"ip_host", "http://3232236292/", true},
      {"ip_host", "http://0xC0A80304/", true},
      {"ip_host", "http://[2001:db8::1]/", true},
      {"ip_host", "http://1.2.3.4.example.com/", false},
      {"ip_host", "https://www.example.com/", false},
      {"lookalike_domain", "http://paypa1-secure.com/verify", true},
      {"lookalike_domain", "https://rnicrosoft-support.com/reset", true},
      {"lookalike_domain", "https://g00gle.com/", true},
      {"lookalike_domain", "https://1nstagram.com/", true},
      {"lookalike_domain", "https://pаypal.com/", true},  // Cyrillic "а"
      {"lookalike_domain", "https://amazom.com/", true},
      {"lookalike_domain", "https://www.paypal.com/myaccount", false},
      {"lookalike_domain", "https://www.microsoft.com/", false},
      {"lookalike_domain", "https://example.com/", false},
      {"brand_in_domain", "https://instagram-login-help.com/", true},
      {"brand_in_domain", "https://paypalsecure.net/", true},
      {"brand_in_domain", "https://www.instagram.com/accounts/login", false},
      {"brand_in_domain", "https://steaming-hot.example/", false},
      {"brand_in_subdomain", "http://paypal.com.secure-login.xyz/", true},
      {"brand_in_subdomain", "http://appleid.apple.com.verify.example.net/", true},
      {"brand_in_subdomain", "https://paypal.example.com/", true},
      {"brand_in_subdomain", "https://www.paypal.com/", false},
      {"brand_in_subdomain", "https://mail.google.com/", false},
      // Names of two or three letters count only written as a site name.
      {"brand_in_subdomain", "http://login.aol.com.colemantennis.example/", true},
      {"brand_in_subdomain", "https://o2.uk.bill216.example/", true},
      {"brand_in_subdomain", "http://www.ee.cooper.edu/~nuval/", false},
      {"brand_in_subdomain", "http://sky.exquisite-flux.example/", false},
      {"brand_in_path", "http://shop.example.net/paypal/webscr", true},
      {"brand_in_path", "https://www.paypal.com/paypal/", false},
      {"mixed_script", "https://pаypal.com/", true},
      {"mixed_script", "https://münchen.de/", false},
      {"punycode_host", "https://xn--pypal-4ve.com/", true},
      {"punycode_host", "https://paypal.com/", false},
      {"lure_words", "http://example.net/account/verify", true},
      {"lure_words", "http://example.net/signinpage", true},
      {"lure_words", "https://example.net/recipes/apple-pie", false},
      {"http_lure", "http://example.net/login", true},
      {"http_lure", "https://example.net/login", false},
      {"http_lure", "example.net/login", false},
      {"shortener", "https://bit.ly/3xYz", true},
      {"shortener", "https://tinyurl.com/abc", true},
      {"shortener", "https://bitly.example.com/", false},
      {"risky_tld", "http://example.xyz/update.apk", true},
      {"risky_tld", "https://example.co.uk/", false},
      {"executable_download", "http://example.xyz/update.apk", true},
      {"executable_download", "https://example.com/files/setup.EXE?x=1", true},
      {"executable_download", "https://example.com/photo.jpg", false},
      {"executable_download", "https://example.com/apk", false},
      {"userinfo", "http://www.paypal.com@evil.example/", true},
      {"userinfo", "http://evil.example/a@b", false},
      {"many_subdomains", "http://a.b.c.d.evil.example/", true},
      {"many_subdomains", "http://www.news.example.co.uk/", false},
      {"long_host", "http://this-is-a-very-long-host-name-made-to-hide-things.example.com/", true},
      {"long_host", "http://short.example/", false},
      {"nonstandard_port", "http://example.com:8080/", true},
      {"nonstandard_port", "https://example.com:443/", false},
      {"script_scheme", "javascript:alert(document.cookie)", true},
      {"script_scheme", "data:text/html;base64,PHNjcmlwdD4=", true},
      {"script_scheme", "mailto:someone@example.com", false},
      {"embedded_url", "http://redirect.example/go?u=http%3A%2F%2Fevil.example", true},
      {"embedded_url", "https://example.com/a?b=c", false},
      {"free_hosting", "https://my-page.000webhostapp.com/login", true},
      {"free_hosting", "https://sites.google.com/view/paypal", true},
      {"free_hosting", "https://www.google.com/", false},
      {"malformed", "http://exa mple.com/", true},
      {"malformed", "https://example.com/ok", false},
  };
  for (const auto& c : cases) {
    const links::LinkVerdict v = Heuristics().Judge(c.url);
    EXPECT_EQ(HasReason(v, c.code), c.fires)
        << c.url << (c.fires ? " should show " : " should not show ") << c.code
        << "; reasons: " << Codes(v);
  }
}

struct VerdictCase {
  const char* url;
  links::Verdict at_least;
  links::Verdict at_most;
};

TEST(LinkJudge, LuresAreFlaggedAndRealSitesAreNot) {
  constexpr auto kOk = links::Verdict::kOk;
  constexpr auto kSuspicious = links::Verdict::kSuspicious;
  constexpr auto kMalicious = links::Verdict::kMalicious;
  const VerdictCase cases[] = {
      {"https://www.paypal.com/myaccount", kOk, kOk},
      {"https://track.parcelco.example.com/abc", kOk, kSuspicious},
      {"https://www.bbc.co.uk/news", kOk, kOk},
      {"https://github.com/google/leveldb", kOk, kOk},
      {"https://www.stalkinghelpline.org/", kOk, kOk},
      {"https://maps.app.goo.gl/AbCdEf12345", kOk, kOk},
      {"https://docs.google.com/document/d/1AbCdEfGhIjKlMnOp/edit?usp=sharing", kOk, kOk},
      {"http://192.168.3.4/login", kSuspicious, kMalicious},
      {"http://paypa1-secure.com/verify", kMalicious, kMalicious},
      {"https://rnicrosoft-support.com/reset", kMalicious, kMalicious},
      {"https://bit.ly/3xYz", kSuspicious, kMalicious},
      {"http://example.xyz/update.apk", kSuspicious, kMalicious},
      {"javascript:alert(1)", kMalicious, kMalicious},
  };
  for (bool with_model : {false, true}) {
    auto judge = links::LinkJudge::Create(Options(with_model));
    ASSERT_TRUE(judge) << judge.error().message;
    for (const auto& c : cases) {
      const links::LinkVerdict v = judge->Judge(c.url);
      EXPECT_GE(v.verdict, c.at_least)
          << c.url << " model=" << with_model << " score " << v.score << ": " << Codes(v);
      EXPECT_LE(v.verdict, c.at_most)
          << c.url << " model=" << with_model << " score " << v.score << ": " << Codes(v);
    }
  }
}

TEST(LinkJudge, ScoreIsTheNoisyOrOfTheWeights) {
  const links::LinkVerdict v = Heuristics().Judge("http://paypa1-secure.com/verify");
  ASSERT_GE(v.reasons.size(), 2u);
  double keep = 1;
  for (const auto& r : v.reasons) keep *= 1 - r.weight;
  EXPECT_NEAR(v.score, 1 - keep, 1e-12);
  for (size_t i = 1; i < v.reasons.size(); ++i) {
    EXPECT_GE(v.reasons[i - 1].weight, v.reasons[i].weight) << "strongest first";
  }
}

TEST(LinkJudge, ExplainsWithSentencesAndASummary) {
  const links::LinkVerdict v = Heuristics().Judge("http://paypa1-secure.com/verify");
  EXPECT_EQ(v.host, "paypa1-secure.com");
  EXPECT_EQ(v.registrable_domain, "paypa1-secure.com");
  EXPECT_EQ(v.reasons.front().code, "lookalike_domain");
  EXPECT_EQ(links::Summary(v), "look-alike of paypal.com (paypa1-secure.com)");
  const links::LinkVerdict ip = Heuristics().Judge("http://192.168.3.4/login");
  EXPECT_EQ(ip.reasons.front().text,
            "the link goes to a bare IP address (192.168.3.4), not a "
            "named site");
}

TEST(LinkJudge, FindsTheRegistrableDomain) {
  EXPECT_EQ(Heuristics().Judge("https://www.paypal.co.uk/x").registrable_domain, "paypal.co.uk");
  EXPECT_EQ(Heuristics().Judge("https://a.b.example.com/").registrable_domain, "example.com");
  EXPECT_EQ(Heuristics().Judge("https://12d60.appspot.com/").registrable_domain,
            "12d60.appspot.com");
}

TEST(LinkJudge, FeedHitIsMaliciousAndNamesTheFeed) {
  links::LinkJudgeOptions options = Options();
  options.feeds = {{kTestdata + "plain.txt", links::FeedKind::kBlocklist},
                   {kTestdata + "urlhaus.csv", links::FeedKind::kBlocklist},
                   {kTestdata + "hosts.txt", links::FeedKind::kStalkerware}};
  auto judge = links::LinkJudge::Create(options);
  ASSERT_TRUE(judge) << judge.error().message;
  struct FeedCase {
    const char* url;
    const char* code;  // nullptr: not listed
  };
  const FeedCase cases[] = {
      {"https://evil.example/anything", "feed_listed"},
      {"https://login.evil.example/", "feed_listed"},
      {"https://deep.wildcard.example/", "feed_listed"},
      {"http://198.51.100.7/", "feed_listed"},
      {"https://shared-host.example/phish/login.php?id=1#top", "feed_listed"},
      {"https://shared-host.example/other", nullptr},
      {"http://files.example.net/download/Invoice_2024.exe", "feed_listed"},
      {"https://spy-c2.example/upload", "stalkerware_host"},
      {"https://notevil.example/", nullptr},
  };
  for (const auto& c : cases) {
    const links::LinkVerdict v = judge->Judge(c.url);
    if (c.code == nullptr) {
      EXPECT_FALSE(HasReason(v, "feed_listed") || HasReason(v, "stalkerware_host")) << c.url;
      continue;
    }
    EXPECT_EQ(v.verdict, links::Verdict::kMalicious) << c.url;
    ASSERT_TRUE(HasReason(v, c.code)) << c.url << ": " << Codes(v);
    EXPECT_EQ(v.reasons.front().code, c.code) << c.url;
  }
  EXPECT_NE(judge->Judge("https://evil.example/").reasons.front().text.find("plain.txt"),
            std::string::npos);
}

TEST(LinkJudge, BadFeedFailsCreateNamingTheFile) {
  links::LinkJudgeOptions options = Options();
  options.feeds = {{kTestdata + "bad.json", links::FeedKind::kBlocklist}};
  auto judge = links::LinkJudge::Create(options);
  ASSERT_FALSE(judge);
  EXPECT_NE(judge.error().message.find("bad.json:"), std::string::npos) << judge.error().message;
}

TEST(LinkJudge, SkippedFeedRecordsAreWarnings) {
  links::LinkJudgeOptions options = Options();
  options.feeds = {{kTestdata + "malformed.csv", links::FeedKind::kBlocklist}};
  auto judge = links::LinkJudge::Create(options);
  ASSERT_TRUE(judge) << judge.error().message;
  ASSERT_EQ(judge->warnings().size(), 1u);
  EXPECT_NE(judge->warnings()[0].find("malformed.csv:3:"), std::string::npos);
}

TEST(LinkJudge, BrokenConfigFailsNamingFileAndLine) {
  const auto dir = std::filesystem::temp_directory_path() / "links_judge_config_test";
  std::filesystem::remove_all(dir);
  std::filesystem::copy(kSource + "/config/links", dir);
  {
    std::ofstream out(dir / "weights.toml", std::ios::app);
    out << "[weights2]\nx = 1\n";
  }
  links::LinkJudgeOptions options = Options();
  options.config_dir = dir.string();
  auto judge = links::LinkJudge::Create(options);
  ASSERT_FALSE(judge);
  EXPECT_NE(judge.error().message.find("weights.toml:"), std::string::npos)
      << judge.error().message;
  EXPECT_NE(judge.error().message.find("unknown section \"weights2\""), std::string::npos)
      << judge.error().message;
  std::filesystem::remove_all(dir);
}

// The model's weight is scale * p, but never above 0.59 (the model alone makes no warning,
// which starts at 0.6) and, on a bare site name that shows no other sign, never above 0.45
// (weights.toml [model]).
TEST(LinkJudge, ModelWeightStaysUnderItsCaps) {
  auto judge = links::LinkJudge::Create(Options(true));
  ASSERT_TRUE(judge) << judge.error().message;
  struct CapCase {
    const char* url;
    bool bare_without_signs;
  };
  const CapCase cases[] = {
      {"https://samira-and-yusuf.example.com/gallery", false},
      {"https://www.stalkinghelpline.org/", true},
      {"https://www.janeandtomwedding.com/", true},
      {"http://recyclebin.aslplz.com/update/", false},
      {"https://betasusorjinals.blogspot.com/", false},  // bare, but on a free host
  };
  for (const CapCase& c : cases) {
    const links::LinkVerdict v = judge->Judge(c.url);
    ASSERT_GE(v.model_score, 0.3) << c.url << ": the model must have a say for this test";
    const double cap = c.bare_without_signs ? 0.45 : 0.59;
    for (const auto& r : v.reasons) {
      if (r.code == "model") {
        EXPECT_DOUBLE_EQ(r.weight, std::min(cap, 0.6 * v.model_score)) << c.url;
      }
    }
    EXPECT_LT(v.score, 0.6) << c.url << ": " << Codes(v);
  }
}

// A shortened link says nothing but "shortened": the model is not asked, and the link stays
// at the shortener's weight, a watch.
TEST(LinkJudge, ShortenedLinksAreNotScoredByTheModel) {
  auto judge = links::LinkJudge::Create(Options(true));
  ASSERT_TRUE(judge) << judge.error().message;
  const links::LinkVerdict v = judge->Judge("https://bit.ly/3xYz");
  EXPECT_EQ(v.model_score, -1);
  EXPECT_EQ(v.verdict, links::Verdict::kSuspicious);
  EXPECT_DOUBLE_EQ(v.score, 0.5);
}

TEST(LinkJudge, MissingModelFailsCreate) {
  links::LinkJudgeOptions options = Options();
  options.model_path = kTestdata + "no-such-model.sgl";
  auto judge = links::LinkJudge::Create(options);
  ASSERT_FALSE(judge);
  EXPECT_NE(judge.error().message.find("no-such-model.sgl"), std::string::npos);
}

TEST(LinkJudge, GivesTheSameVerdictsFromSeveralThreadsAtOnce) {
  auto judge = links::LinkJudge::Create(Options(true));
  ASSERT_TRUE(judge) << judge.error().message;
  const std::vector<std::string> urls = {"http://paypa1-secure.com/verify",
                                         "https://www.paypal.com/myaccount",
                                         "https://pаypal.com/",
                                         "http://0xC0A80304/login",
                                         "https://bit.ly/3xYz",
                                         "http://example.xyz/update.apk",
                                         "https://xn--pypal-4ve.com/",
                                         "https://docs.google.com/forms/d/x/viewform"};
  std::vector<double> expected;
  for (const auto& url : urls) expected.push_back(judge->Judge(url).score);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 50; ++round) {
        for (size_t i = 0; i < urls.size(); ++i) {
          if (judge->Judge(urls[i]).score != expected[i]) ++mismatches;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(LinkJudge, NeverFailsOnOddInput) {
  for (const char* url : {"", " ", "http://", "https:///x", "::::", "http://[::1", "%%%",
                          "http://a..b/", "\xff\xfe", "http://xn--/"}) {
    const links::LinkVerdict v = Heuristics().Judge(url);
    EXPECT_GE(v.score, 0.0) << url;
    EXPECT_LE(v.score, 1.0) << url;
  }
}

}  // namespace
