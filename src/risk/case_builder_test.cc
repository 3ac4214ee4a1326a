#include "risk/case_builder.h"

#include <gtest/gtest.h>

namespace sg = stalkguard;
namespace sgd = stalkguard::detect;
namespace sgr = stalkguard::risk;

namespace {

constexpr int64_t kHour = 3600 * 1000;
constexpr int64_t kStart = 1700006400000;  // 2023-11-15 00:00 UTC

sg::Finding Make(const char* detector, const char* category, double score) {
  sg::Finding f;
  f.detector = detector;
  f.category = category;
  f.score = score;
  f.why = category;
  return f;
}

class Timeline {
 public:
  Timeline& In(std::vector<sg::Finding> findings = {}) {
    return Add(sg::Direction::kIncoming, std::move(findings));
  }
  Timeline& Out(std::vector<sg::Finding> findings = {}) {
    return Add(sg::Direction::kOutgoing, std::move(findings));
  }
  Timeline& Trusted() {
    t_.relation.trusted = true;
    return *this;
  }
  const sgd::ContactTimeline& get() const { return t_; }

 private:
  Timeline& Add(sg::Direction direction, std::vector<sg::Finding> findings) {
    sgd::TimelineEntry e;
    e.event_id = std::to_string(t_.entries.size());
    e.time = {kStart + static_cast<int64_t>(t_.entries.size()) * 3 * kHour, 0, true};
    e.direction = direction;
    e.channel = sg::Channel::kSms;
    e.platform = "sms";
    for (auto& f : findings) f.event_id = e.event_id;
    e.findings = std::move(findings);
    t_.entries.push_back(std::move(e));
    return *this;
  }
  sgd::ContactTimeline t_ = [] {
    sgd::ContactTimeline t;
    t.contact_id = "c1";
    t.display = "Jordan Blake";
    return t;
  }();
};

sg::Case Build(const Timeline& t, std::vector<sg::Finding> conduct = {}) {
  auto c = sgr::BuildCase(t.get(), conduct, sgr::RiskConfig::Defaults());
  EXPECT_TRUE(c.has_value());
  return c.value_or(sg::Case{});
}

bool HasForm(const sg::Case& c, std::string_view form) {
  return std::find(c.forms.begin(), c.forms.end(), form) != c.forms.end();
}

}  // namespace

TEST(BuildCase, NoFindingsNoCase) {
  Timeline t;
  t.In().Out().In();
  EXPECT_FALSE(sgr::BuildCase(t.get(), {}, sgr::RiskConfig::Defaults()).has_value());
}

TEST(BuildCase, TextLayerFindingsAloneMakeNoCase) {
  Timeline t;
  t.In({Make("text.classifier", "insult", 0.9)});
  EXPECT_FALSE(sgr::BuildCase(t.get(), {}, sgr::RiskConfig::Defaults()).has_value());
}

TEST(BuildCase, OneRudeMessageIsNotAPattern) {
  Timeline t;
  t.In({Make("abuse", "insult", 0.95)}).In();
  const sg::Case c = Build(t);
  EXPECT_EQ(c.severity, sg::Severity::kWatch);
  EXPECT_TRUE(HasForm(c, "abusive_messages"));
}

TEST(BuildCase, BanterInAConversationStaysBelowWarning) {
  Timeline t;
  for (int i = 0; i < 6; ++i) t.In({Make("abuse", "insult", 0.9)}).Out();
  EXPECT_LT(Build(t).severity, sg::Severity::kWarning);
}

TEST(BuildCase, RepeatedUnansweredAbuseIsAWarning) {
  Timeline t;
  for (int i = 0; i < 6; ++i) t.In({Make("abuse", "insult", 0.9)});
  EXPECT_GE(Build(t).severity, sg::Severity::kWarning);
}

TEST(BuildCase, ThreatsAfterARefusalAreADanger) {
  Timeline t;
  t.In().Out({Make("text.patterns", "refusal", 0.6)}).In().In({Make("abuse", "threat", 0.8)});
  const sg::Case c = Build(t, {Make("contact", "persistence_after_refusal", 0.57)});
  EXPECT_EQ(c.severity, sg::Severity::kDanger);
  EXPECT_TRUE(HasForm(c, "abusive_messages"));
  EXPECT_TRUE(HasForm(c, "excessive_contact"));
  EXPECT_TRUE(c.facts.refused);
  EXPECT_EQ(c.facts.messages_after_refusal, 2);
  EXPECT_NE(c.actions.front().find("emergency"), std::string::npos);
  // Findings come most severe first.
  EXPECT_EQ(c.findings.front().category, "threat");
}

TEST(BuildCase, TrustedContactsNeedStrongerEvidence) {
  Timeline t;
  t.Trusted();
  for (int i = 0; i < 6; ++i) t.In();
  const sg::Case c = Build(t, {Make("contact", "excessive_contact", 0.7)});
  EXPECT_LT(c.severity, sg::Severity::kWarning);
  EXPECT_TRUE(c.trusted);
}

TEST(BuildCase, OnePhishingLinkIsAWarning) {
  Timeline t;
  t.In({Make("links", "malicious_link", 0.9)});
  const sg::Case c = Build(t);
  EXPECT_GE(c.severity, sg::Severity::kWarning);
  EXPECT_TRUE(HasForm(c, "device_compromise"));
}

TEST(BuildCase, FactsCountTheConduct) {
  Timeline t;
  t.In({Make("whereabouts", "whereabouts", 0.85)}).In().Out().In({Make("abuse", "threat", 0.7)});
  const sg::Case c = Build(t);
  EXPECT_EQ(c.facts.incidents, 2);
  EXPECT_EQ(c.facts.incoming, 3);
  EXPECT_EQ(c.facts.outgoing, 1);
  EXPECT_TRUE(c.facts.knows_whereabouts);
  EXPECT_EQ(c.facts.channels, std::vector<std::string>{"sms"});
  EXPECT_EQ(c.severity, sg::Severity::kDanger);  // threats from someone who knows where
}

TEST(BuildCase, AnEventAConductFindingPointsAtIsAnIncident) {
  Timeline t;
  t.In({Make("abuse", "threat", 0.9)}).In().In();
  sg::Finding after_refusal = Make("contact", "contact_after_refusal", 0.8);
  after_refusal.event_id = "2";
  sg::Finding burst = Make("contact", "excessive_contact", 0.7);  // about the whole conduct
  // Events 0 (threat) and 2 (after the refusal): the report lists the same two.
  EXPECT_EQ(Build(t, {after_refusal, burst}).facts.incidents, 2);
  after_refusal.event_id = "0";  // an event already flagged counts once
  EXPECT_EQ(Build(t, {after_refusal, burst}).facts.incidents, 1);
}

TEST(BuildCase, FindingsStrongestFirstEqualOnesInTimelineThenConductOrder) {
  auto named = [](sg::Finding f, const char* why) {
    f.why = why;
    return f;
  };
  Timeline t;
  t.In({named(Make("abuse", "insult", 0.7), "first"), Make("text.patterns", "threat", 0.99)})
      .In({named(Make("abuse", "threat", 0.9), "strongest")})
      .In({named(Make("links", "phishing", 0.7), "second")});
  const sg::Case c = Build(t, {named(Make("contact", "excessive_contact", 0.7), "conduct")});
  std::vector<std::string> order;
  for (const sg::Finding& f : c.findings) order.push_back(f.why);
  EXPECT_EQ(order, (std::vector<std::string>{"strongest", "first", "second", "conduct"}));
  EXPECT_EQ(c.facts.incidents, 3);
}

TEST(BuildCase, OneFigureOfSpeechInALivelyConversationIsNotADanger) {
  Timeline t;
  t.In({Make("abuse", "threat", 0.93)}).Out().In({Make("abuse", "toxic", 0.7)}).Out().In().Out();
  EXPECT_LT(Build(t).severity, sg::Severity::kWarning);
  // The same threat from someone the person does not answer is serious at once.
  Timeline stranger;
  stranger.In({Make("abuse", "threat", 0.93)}).In();
  EXPECT_GE(Build(stranger).severity, sg::Severity::kWarning);
}

TEST(BuildCase, AFakeAccountIsSeriousButNoEmergency) {
  Timeline t;
  t.In();
  const sg::Case c = Build(t, {Make("impersonation", "impersonation", 0.97)});
  EXPECT_GE(c.severity, sg::Severity::kWarning);
  for (const auto& action : c.actions) EXPECT_EQ(action.find("emergency"), std::string::npos);
  bool report_fake = false;
  for (const auto& action : c.actions)
    report_fake |= action.find("impersonation") != std::string::npos;
  EXPECT_TRUE(report_fake);
}

TEST(RecommendedActions, StalkerwareOnThePhoneGetsSafeRemovalAdvice) {
  sg::Case device;
  device.contact_id = std::string(sg::kDeviceCaseId);
  device.display = "Apps on your phone";
  device.severity = sg::Severity::kWarning;
  device.forms = {"device_compromise"};
  const auto actions = sgr::RecommendedActions(device);
  ASSERT_FALSE(actions.empty());
  EXPECT_NE(actions[0].find("removing it can alert the person who installed it"), std::string::npos)
      << actions[0];
  for (const std::string& a : actions) {
    EXPECT_EQ(a.find("Do not reply"), std::string::npos) << a;
    EXPECT_EQ(a.find("Block "), std::string::npos) << a;
  }
}
