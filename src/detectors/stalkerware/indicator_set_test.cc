#include "detectors/stalkerware/indicator_set.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sd = stalkguard::detect;

namespace {

// The shared data sits beside the source tree; machines without it skip the tests that read it.
const std::string kIocPath = SG_SOURCE_DIR "/../shared/data/stalkerware_indicators/ioc.yaml";

constexpr const char* kSmallSet = R"(- name: TheTruthSpy
  names:
  - Copy9
  - TheTruthSpy
  type: stalkerware
  packages:
  - com.thetruth
  - com.shared
  websites:
  - thetruthspy.com
  distribution:
  - https://github.com/example/spy
  c2:
    ips:
    - 69.64.74.239
    domains:
    - thetruth-db94a.firebaseio.com
- name: FamilyWatch
  type: watchware
  packages: com.familywatch
  websites:
  - familywatch.example
- name: OtherSpy
  type: stalkerware
  packages:
  - com.shared
  c2:
    ip:
    - 10.1.2.3
- names: [NoName]
  type: stalkerware
- name: Future
  type: adware
)";

sd::IndicatorSet Small() {
  auto set = sd::IndicatorSet::FromYaml(kSmallSet, "small.yaml");
  EXPECT_TRUE(set.has_value()) << set.error().message;
  return std::move(*set);
}

}  // namespace

TEST(IndicatorSet, ReadsAppsAndSkipsUnusableRecords) {
  const sd::IndicatorSet set = Small();
  ASSERT_EQ(set.apps().size(), 3u);
  EXPECT_EQ(set.apps()[0].name, "TheTruthSpy");
  EXPECT_EQ(set.apps()[0].names, std::vector<std::string>{"Copy9"});
  EXPECT_EQ(set.apps()[0].source, "small.yaml:1");
  EXPECT_EQ(set.apps()[1].type, sd::AppType::kWatchware);
  EXPECT_EQ(set.apps()[1].packages, std::vector<std::string>{"com.familywatch"});
  EXPECT_EQ(set.apps()[2].c2_ips, std::vector<std::string>{"10.1.2.3"});
  EXPECT_EQ(set.skipped(), (std::vector<std::string>{
                               "small.yaml:30: app has no name; skipped",
                               "small.yaml:32: app \"Future\" has unknown type \"adware\"; skipped",
                           }));
}

TEST(IndicatorSet, MatchesPackagesExactly) {
  const sd::IndicatorSet set = Small();
  const std::vector<std::string> phone = {"com.whatsapp", "com.thetruth",       "com.familywatch",
                                          "COM.THETRUTH", "com.thetruth.extra", "com.shared"};
  const std::vector<sd::AppMatch> matches = set.Match(phone);
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0].package, "com.thetruth");
  EXPECT_EQ(matches[0].app, "TheTruthSpy");
  EXPECT_EQ(matches[0].type, sd::AppType::kStalkerware);
  EXPECT_EQ(matches[0].also_known_as, std::vector<std::string>{"Copy9"});
  EXPECT_TRUE(matches[0].what_it_does.starts_with("Stalkerware: ")) << matches[0].what_it_does;
  EXPECT_EQ(matches[1].app, "FamilyWatch");
  EXPECT_EQ(matches[1].type, sd::AppType::kWatchware);
  EXPECT_EQ(matches[2].app, "TheTruthSpy");
  EXPECT_EQ(matches[2].other_apps, std::vector<std::string>{"OtherSpy"});
}

TEST(IndicatorSet, FindsHostsAndTheirSubdomains) {
  const sd::IndicatorSet set = Small();
  EXPECT_TRUE(set.IsIndicatorHost("thetruthspy.com"));
  EXPECT_TRUE(set.IsIndicatorHost("WWW.TheTruthSpy.com."));
  EXPECT_TRUE(set.IsIndicatorHost("69.64.74.239"));
  EXPECT_FALSE(set.IsIndicatorHost("1.69.64.74.239"));
  EXPECT_FALSE(set.IsIndicatorHost("notthetruthspy.com"));
  EXPECT_FALSE(set.IsIndicatorHost("firebaseio.com"));
  EXPECT_FALSE(set.IsIndicatorHost("github.com"));  // listed only as a URL
  EXPECT_FALSE(set.IsIndicatorHost(""));
  const auto c2 = set.FindHost("thetruth-db94a.firebaseio.com");
  ASSERT_TRUE(c2.has_value());
  EXPECT_EQ(c2->app, "TheTruthSpy");
  EXPECT_EQ(c2->kind, sd::HostKind::kC2);
  const auto site = set.FindHost("shop.familywatch.example");
  ASSERT_TRUE(site.has_value());
  EXPECT_EQ(site->indicator, "familywatch.example");
  EXPECT_EQ(site->kind, sd::HostKind::kWebsite);
  EXPECT_EQ(site->type, sd::AppType::kWatchware);
}

TEST(IndicatorSet, NamesFileAndLineOfBadYaml) {
  struct Case {
    const char* text;
    const char* error_start;
  };
  const Case cases[] = {
      {"- name: A\n  type: stalkerware\n  packages: [a, b\n", "bad.yaml:4: "},
      {"name: A\ntype: stalkerware\n", "bad.yaml:1: expected a list of apps"},
      {"- name: A\n\t- broken\n", "bad.yaml:2: "},
  };
  for (const Case& c : cases) {
    const auto set = sd::IndicatorSet::FromYaml(c.text, "bad.yaml");
    ASSERT_FALSE(set.has_value()) << c.text;
    EXPECT_EQ(set.error().code, stalkguard::ErrorCode::kInvalidInput);
    EXPECT_TRUE(set.error().message.starts_with(c.error_start))
        << c.text << " gave " << set.error().message;
  }
  const auto empty = sd::IndicatorSet::FromYaml("", "empty.yaml");
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->apps().empty());
}

TEST(IndicatorSet, LoadNamesAMissingFile) {
  const auto set = sd::IndicatorSet::Load("/nonexistent/ioc.yaml");
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code, stalkguard::ErrorCode::kNotFound);
  EXPECT_EQ(set.error().message, "/nonexistent/ioc.yaml: cannot open");
}

TEST(IndicatorSet, LoadsTheEchapData) {
  if (!std::filesystem::exists(kIocPath)) GTEST_SKIP() << kIocPath << " is not here";
  const auto set = sd::IndicatorSet::Load(kIocPath);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  // ioc.yaml and watchware.yaml at a04c5c1 hold 147 and 27 apps; later versions hold more.
  EXPECT_GE(set->apps().size(), 170u);
  EXPECT_TRUE(set->skipped().empty()) << set->skipped().front();

  const std::vector<std::string> phone = {"com.whatsapp", "com.thetruth", "com.android.chrome",
                                          "com.systemservice", "com.wondershare.famisafe"};
  const auto matches = set->Match(phone);
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0].package, "com.thetruth");
  EXPECT_EQ(matches[0].app, "TheTruthSpy");
  EXPECT_EQ(matches[0].type, sd::AppType::kStalkerware);
  EXPECT_EQ(matches[1].package, "com.systemservice");
  EXPECT_EQ(matches[1].app, "TheTruthSpy");
  EXPECT_EQ(matches[2].app, "FamiSafe");
  EXPECT_EQ(matches[2].type, sd::AppType::kWatchware);
  // WiseMo is stalkerware in ioc.yaml and watchware in watchware.yaml: the stronger claim wins.
  const auto wisemo = set->MatchPackage("com.wisemo.host.v10");
  ASSERT_TRUE(wisemo.has_value());
  EXPECT_EQ(wisemo->type, sd::AppType::kStalkerware);
  EXPECT_TRUE(wisemo->other_apps.empty());

  EXPECT_TRUE(set->IsIndicatorHost("thetruthspy.com"));
  EXPECT_TRUE(set->IsIndicatorHost("69.64.74.239"));
  EXPECT_FALSE(set->IsIndicatorHost("github.com"));
  EXPECT_FALSE(set->IsIndicatorHost("example.org"));
}

TEST(IndicatorSet, NothingMatchesAnOrdinaryPhone) {
  if (!std::filesystem::exists(kIocPath)) GTEST_SKIP() << kIocPath << " is not here";
  const auto set = sd::IndicatorSet::Load(kIocPath);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  const std::vector<std::string> phone = {"com.android.chrome",
                                          "com.google.android.gm",
                                          "com.whatsapp",
                                          "org.telegram.messenger",
                                          "com.instagram.android",
                                          "com.spotify.music",
                                          "com.google.android.apps.maps",
                                          "android"};
  EXPECT_TRUE(set->Match(phone).empty());
}

TEST(DefaultIndicatorPath, PrefersTheEnvironment) {
  ::setenv("STALKGUARD_INDICATORS", "/somewhere/ioc.yaml", 1);
  const auto path = sd::DefaultIndicatorPath();
  ::unsetenv("STALKGUARD_INDICATORS");
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(*path, "/somewhere/ioc.yaml");
}

TEST(DefaultIndicatorPath, FindsTheSharedDataAboveTheBuildTree) {
  if (!std::filesystem::exists(kIocPath)) GTEST_SKIP() << kIocPath << " is not here";
  // The test binary sits in the build tree inside the source tree, whose parent holds shared/.
  const auto path = sd::DefaultIndicatorPath();
  ASSERT_TRUE(path.has_value()) << path.error().message;
  EXPECT_TRUE(std::filesystem::equivalent(*path, kIocPath)) << *path;
}
