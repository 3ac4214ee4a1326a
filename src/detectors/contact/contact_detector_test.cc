#include "detectors/contact/contact_detector.h"

#include <gtest/gtest.h>

namespace sg = stalkguard;
namespace sgd = stalkguard::detect;

namespace {

constexpr int64_t kHour = 3600 * 1000;
constexpr int64_t kStart = 1700006400000;  // 2023-11-15 00:00 UTC

// A timeline built message by message: In() from the contact, Out() from the person.
class TimelineBuilder {
 public:
  TimelineBuilder& In(int64_t at_ms, sg::Channel channel = sg::Channel::kSms,
                      std::vector<std::string> categories = {}) {
    return Add(at_ms, sg::Direction::kIncoming, channel, std::move(categories));
  }
  TimelineBuilder& Out(int64_t at_ms, std::vector<std::string> categories = {}) {
    return Add(at_ms, sg::Direction::kOutgoing, sg::Channel::kSms, std::move(categories));
  }
  TimelineBuilder& MissedCall(int64_t at_ms) {
    In(at_ms, sg::Channel::kCall);
    timeline_.entries.back().call_type = sg::CallType::kMissed;
    return *this;
  }
  sgd::ContactTimeline Build() const { return timeline_; }

 private:
  TimelineBuilder& Add(int64_t at_ms, sg::Direction direction, sg::Channel channel,
                       std::vector<std::string> categories) {
    sgd::TimelineEntry e;
    e.event_id = std::to_string(timeline_.entries.size());
    e.time = {at_ms, 0, true};
    e.direction = direction;
    e.channel = channel;
    e.platform = "sms";
    for (auto& c : categories) {
      sg::Finding f;
      f.category = c;
      f.detector = c == "refusal" || c == "fixation" ? "text.patterns" : "abuse";
      f.score = c == "threat" ? 0.9 : 0.5;
      f.excerpt = c;
      e.findings.push_back(f);
    }
    timeline_.entries.push_back(std::move(e));
    return *this;
  }
  sgd::ContactTimeline timeline_;
};

std::vector<sg::Finding> Inspect(const sgd::ContactTimeline& timeline,
                                 double typical_incoming = 0) {
  std::vector<sg::Finding> out;
  const sg::Profile profile;
  EXPECT_TRUE(
      sgd::ContactDetector().Inspect(timeline, sgd::Context{profile, typical_incoming}, out));
  return out;
}

const sg::Finding* Find(const std::vector<sg::Finding>& findings, std::string_view category) {
  for (const auto& f : findings)
    if (f.category == category) return &f;
  return nullptr;
}

}  // namespace

TEST(ContactDetector, UnansweredFloodIsExcessive) {
  TimelineBuilder b;
  for (int i = 0; i < 25; ++i) b.In(kStart + 10 * kHour + i * 20 * 60 * 1000);
  const auto findings = Inspect(b.Build());
  const sg::Finding* f = Find(findings, "excessive_contact");
  ASSERT_NE(f, nullptr);
  EXPECT_GE(f->score, 0.6);
  EXPECT_NE(f->excerpt.find("25 attempts"), std::string::npos) << f->excerpt;
  EXPECT_NE(f->excerpt.find("25 never answered"), std::string::npos) << f->excerpt;
}

TEST(ContactDetector, ABusyConversationThePersonAnswersIsNot) {
  TimelineBuilder b;
  for (int i = 0; i < 30; ++i) {
    b.In(kStart + 10 * kHour + i * 10 * 60 * 1000);
    b.Out(kStart + 10 * kHour + i * 10 * 60 * 1000 + 60 * 1000);
  }
  const auto findings = Inspect(b.Build());
  EXPECT_EQ(Find(findings, "excessive_contact"), nullptr);
  EXPECT_EQ(Find(findings, "night_contact"), nullptr);
}

TEST(ContactDetector, ContactAfterARefusalPersists) {
  TimelineBuilder b;
  b.In(kStart + 9 * kHour).Out(kStart + 10 * kHour, {"refusal"});
  for (int i = 0; i < 5; ++i) b.In(kStart + 11 * kHour + i * kHour);
  const auto timeline = b.Build();
  const auto findings = Inspect(timeline);
  const sg::Finding* f = Find(findings, "persistence_after_refusal");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->event_id, timeline.entries[2].event_id);  // the first attempt after it
  EXPECT_GE(f->score, 0.6);
  EXPECT_NE(f->why.find("5 attempts"), std::string::npos);
}

TEST(ContactDetector, ALongRefusalIsQuotedWhole) {
  TimelineBuilder b;
  b.In(kStart + 9 * kHour).Out(kStart + 10 * kHour, {"refusal"});
  for (int i = 0; i < 3; ++i) b.In(kStart + 11 * kHour + i * kHour);
  auto timeline = b.Build();
  std::string refusal;
  while (refusal.size() < 400) refusal += "please stop writing to me, Zoë ";
  timeline.entries[1].findings[0].excerpt = refusal;
  const auto findings = Inspect(timeline);
  const sg::Finding* f = Find(findings, "persistence_after_refusal");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->excerpt, "you wrote \"" + refusal + "\"; 3 more attempts followed");
}

TEST(ContactDetector, NoRefusalFindingWhenTheyStop) {
  TimelineBuilder b;
  b.In(kStart + 9 * kHour).Out(kStart + 10 * kHour, {"refusal"});
  EXPECT_EQ(Find(Inspect(b.Build()), "persistence_after_refusal"), nullptr);
  // One last polite message is not persistence; one last threat is.
  b.In(kStart + 11 * kHour);
  EXPECT_EQ(Find(Inspect(b.Build()), "persistence_after_refusal"), nullptr);
  TimelineBuilder threat;
  threat.In(kStart + 9 * kHour).Out(kStart + 10 * kHour, {"refusal"});
  threat.In(kStart + 11 * kHour, sg::Channel::kSms, {"threat"});
  EXPECT_NE(Find(Inspect(threat.Build()), "persistence_after_refusal"), nullptr);
}

TEST(ContactDetector, RepeatedMissedCallsAtNight) {
  TimelineBuilder b;
  for (int day = 0; day < 4; ++day)
    for (int i = 0; i < 3; ++i) b.MissedCall(kStart + day * 24 * kHour + (1 + i) * kHour);
  const auto findings = Inspect(b.Build());
  const sg::Finding* night = Find(findings, "night_contact");
  ASSERT_NE(night, nullptr);
  EXPECT_GE(night->score, 0.6);
  const sg::Finding* excessive = Find(findings, "excessive_contact");
  ASSERT_NE(excessive, nullptr);
  EXPECT_NE(excessive->excerpt.find("12 calls missed"), std::string::npos) << excessive->excerpt;
}

TEST(ContactDetector, ThreatAfterSilenceIsEscalation) {
  TimelineBuilder b;
  b.In(kStart)
      .In(kStart + kHour)
      .In(kStart + 2 * kHour)
      .In(kStart + 3 * kHour, sg::Channel::kSms, {"threat"});
  const auto timeline = b.Build();
  const auto findings = Inspect(timeline);
  const sg::Finding* f = Find(findings, "escalation");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->event_id, timeline.entries[3].event_id);
}

TEST(ContactDetector, ThePersonsOwnTimelineIsNotJudged) {
  TimelineBuilder b;
  for (int i = 0; i < 30; ++i) b.In(kStart + i * 60 * 1000);
  auto timeline = b.Build();
  timeline.relation.is_self = true;
  EXPECT_TRUE(Inspect(timeline).empty());
}

TEST(ContactDetector, AutomatedSendersAreNotJudgedOnSilence) {
  TimelineBuilder b;
  for (int i = 0; i < 30; ++i) b.In(kStart + i * kHour);
  auto timeline = b.Build();
  timeline.identities = {{sg::IdentityKind::kHandle, "sms:harbourbnk"}};
  EXPECT_TRUE(Inspect(timeline).empty());
  timeline.identities = {{sg::IdentityKind::kPhone, "+447700900999"}};
  EXPECT_FALSE(Inspect(timeline).empty());
  EXPECT_TRUE(
      sgd::ContactDetector::IsAutomated({sg::IdentityKind::kEmail, "no-reply@bank.example"}));
  EXPECT_FALSE(sgd::ContactDetector::IsAutomated({sg::IdentityKind::kEmail, "jo@example.com"}));
}

TEST(ContactDetector, ComparesWithTheirOwnUsualAndWithEveryoneElse) {
  // Two a day for ten days, answered, then 16 in one morning that go unanswered (with the
  // evening before, 17 in one 24 h window).
  TimelineBuilder b;
  for (int day = 0; day < 10; ++day) {
    b.In(kStart + day * 24 * kHour + 9 * kHour).Out(kStart + day * 24 * kHour + 10 * kHour);
    b.In(kStart + day * 24 * kHour + 18 * kHour).Out(kStart + day * 24 * kHour + 19 * kHour);
  }
  for (int i = 0; i < 16; ++i) b.In(kStart + 10 * 24 * kHour + 8 * kHour + i * 30 * 60 * 1000);
  const auto findings = Inspect(b.Build(), /*typical_incoming=*/8);
  const sg::Finding* f = Find(findings, "excessive_contact");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->excerpt.find("a burst of 17 against their usual 2 a day"), std::string::npos)
      << f->excerpt;
  EXPECT_NE(f->excerpt.find("what your busiest contacts send"), std::string::npos) << f->excerpt;
}
