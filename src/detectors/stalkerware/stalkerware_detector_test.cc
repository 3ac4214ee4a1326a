#include "detectors/stalkerware/stalkerware_detector.h"

#include <gtest/gtest.h>

#include "text/normalizer.h"

namespace sg = stalkguard;
namespace sd = stalkguard::detect;

namespace {

constexpr const char* kIndicators = R"(- name: TheTruthSpy
  type: stalkerware
  packages: [com.thetruth, com.systemservice]
- name: FamiSafe
  type: watchware
  packages: [com.wondershare.famisafe]
)";

sd::StalkerwareDetector MakeDetector() {
  auto set = sd::IndicatorSet::FromYaml(kIndicators, "test.yaml");
  EXPECT_TRUE(set.has_value());
  return sd::StalkerwareDetector(std::make_shared<const sd::IndicatorSet>(std::move(*set)));
}

sg::Event AppEvent(std::string package, sg::Channel channel = sg::Channel::kApp) {
  sg::Event event;
  event.id = "00000000000000000000000000000042";
  event.channel = channel;
  event.platform = "android";
  event.text = std::move(package);
  return event;
}

std::vector<sg::Finding> Inspect(const sd::StalkerwareDetector& detector, const sg::Event& event) {
  const sg::text::NormalizedText normalized;
  const sd::EventView view{event, normalized, {}, {}, false};
  const sg::Profile profile;
  std::vector<sg::Finding> findings;
  EXPECT_TRUE(detector.Inspect(view, sd::Context{profile}, findings).has_value());
  return findings;
}

}  // namespace

TEST(StalkerwareDetector, FlagsStalkerwarePackages) {
  const sd::StalkerwareDetector detector = MakeDetector();
  const sg::Event event = AppEvent(" com.thetruth\n");
  const auto findings = Inspect(detector, event);
  ASSERT_EQ(findings.size(), 1u);
  const sg::Finding& f = findings[0];
  EXPECT_EQ(f.detector, "stalkerware");
  EXPECT_EQ(f.category, "stalkerware");
  EXPECT_EQ(f.event_id, event.id);
  EXPECT_DOUBLE_EQ(f.score, 0.95);
  EXPECT_EQ(f.severity, sg::Severity::kDanger);
  EXPECT_EQ(f.why, "stalkerware: com.thetruth is TheTruthSpy");
  EXPECT_EQ(f.excerpt, "TheTruthSpy (com.thetruth)");
  EXPECT_EQ(event.text.substr(f.span.begin, f.span.end - f.span.begin), "com.thetruth");
}

TEST(StalkerwareDetector, FlagsWatchwareLessStrongly) {
  const auto findings = Inspect(MakeDetector(), AppEvent("com.wondershare.famisafe"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_DOUBLE_EQ(findings[0].score, 0.7);
  EXPECT_EQ(findings[0].severity, sg::Severity::kWarning);
  EXPECT_EQ(findings[0].why, "watchware: com.wondershare.famisafe is FamiSafe");
}

TEST(StalkerwareDetector, IgnoresOtherAppsAndOtherChannels) {
  const sd::StalkerwareDetector detector = MakeDetector();
  EXPECT_TRUE(Inspect(detector, AppEvent("com.whatsapp")).empty());
  EXPECT_TRUE(Inspect(detector, AppEvent("")).empty());
  // A message that merely mentions the package is not an installed app.
  EXPECT_TRUE(Inspect(detector, AppEvent("com.thetruth", sg::Channel::kSms)).empty());
}

TEST(StalkerwareDetector, CreateNamesAMissingIndicatorFile) {
  const auto detector = sd::StalkerwareDetector::Create("/nonexistent/ioc.yaml");
  ASSERT_FALSE(detector.has_value());
  EXPECT_EQ(detector.error().message, "/nonexistent/ioc.yaml: cannot open");
}
