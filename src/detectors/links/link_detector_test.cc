#include "detectors/links/link_detector.h"

#include <gtest/gtest.h>

#include "text/normalizer.h"

namespace sg = stalkguard;
namespace links = stalkguard::links;

namespace {

std::shared_ptr<const links::LinkJudge> Judge() {
  static const auto judge = [] {
    links::LinkJudgeOptions options;
    options.config_dir = std::string(SG_SOURCE_DIR) + "/config/links";
    auto created = links::LinkJudge::Create(options);
    if (!created) {
      ADD_FAILURE() << created.error().message;
      std::abort();
    }
    return std::make_shared<const links::LinkJudge>(std::move(*created));
  }();
  return judge;
}

struct Inspected {
  std::vector<sg::Finding> findings;
  sg::Status status;
};

Inspected Inspect(const sg::Event& event, bool from_self = false) {
  const links::LinkDetector detector(Judge());
  const sg::text::NormalizedText normalized = sg::text::Normalize(event.text);
  sg::Profile profile;
  const sg::detect::Context context{profile};
  sg::detect::EventView view{event, normalized, {}, {}, false};
  view.sender.is_self = from_self;
  Inspected out;
  out.status = detector.Inspect(view, context, out.findings);
  return out;
}

sg::Event Message(std::string text) {
  sg::Event event;
  event.id = "0123456789abcdef0123456789abcdef";
  event.channel = sg::Channel::kSms;
  event.direction = sg::Direction::kIncoming;
  event.text = std::move(text);
  return event;
}

TEST(LinkDetector, ReportsALureFoundInTheText) {
  const sg::Event event =
      Message("Your parcel is held, pay the fee at http://paypa1-secure.com/verify today");
  const Inspected got = Inspect(event);
  ASSERT_TRUE(got.status);
  ASSERT_EQ(got.findings.size(), 1u);
  const sg::Finding& f = got.findings[0];
  EXPECT_EQ(f.detector, "links");
  EXPECT_EQ(f.category, "malicious_link");
  EXPECT_EQ(f.event_id, event.id);
  EXPECT_GE(f.score, 0.85);
  EXPECT_EQ(f.severity, sg::Severity::kDanger);
  EXPECT_EQ(event.text.substr(f.span.begin, f.span.end - f.span.begin),
            "http://paypa1-secure.com/verify");
  EXPECT_EQ(f.why, "link: look-alike of paypal.com (paypa1-secure.com)");
  EXPECT_NE(f.excerpt.find("paypa1-secure.com"), std::string::npos) << f.excerpt;
}

TEST(LinkDetector, ReadsTheImportersUrlsFirst) {
  sg::Event event = Message("Tap the button below");
  event.urls = {"http://192.168.3.4/login", "https://www.paypal.com/myaccount"};
  const Inspected got = Inspect(event);
  ASSERT_TRUE(got.status);
  ASSERT_EQ(got.findings.size(), 1u);
  EXPECT_TRUE(got.findings[0].span.empty());
  EXPECT_EQ(got.findings[0].excerpt, "http://192.168.3.4/login");
  EXPECT_EQ(got.findings[0].why, "link: bare IP address (192.168.3.4)");
}

TEST(LinkDetector, SaysNothingAboutCleanLinks) {
  const Inspected got =
      Inspect(Message("see https://www.paypal.com/myaccount and https://www.bbc.co.uk/news"));
  ASSERT_TRUE(got.status);
  EXPECT_TRUE(got.findings.empty());
}

TEST(LinkDetector, IgnoresThePersonsOwnLinks) {
  const Inspected got = Inspect(Message("my link http://paypa1-secure.com/verify"), true);
  ASSERT_TRUE(got.status);
  EXPECT_TRUE(got.findings.empty());
}

TEST(LinkDetector, ReportsEveryBadLinkOnce) {
  const Inspected got =
      Inspect(Message("install http://example.xyz/update.apk or https://bit.ly/3xYz"));
  ASSERT_TRUE(got.status);
  ASSERT_EQ(got.findings.size(), 2u);
  EXPECT_LT(got.findings[0].span.begin, got.findings[1].span.begin);
}

}  // namespace
