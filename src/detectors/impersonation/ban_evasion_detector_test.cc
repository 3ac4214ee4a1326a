#include "detectors/impersonation/ban_evasion_detector.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sg = stalkguard;
namespace detect = stalkguard::detect;

namespace {

const sg::Identity kBlockedPhone{sg::IdentityKind::kPhone, "+447700900999"};
const sg::Identity kNewPhone{sg::IdentityKind::kPhone, "+447700900777"};
const sg::Identity kNewHandle{sg::IdentityKind::kHandle, "instagram:alex_b"};
const sg::Identity kBlockedHandle{sg::IdentityKind::kHandle, "tiktok:alex.b"};

sg::Profile ProfileWithBlocks() {
  sg::Profile p;
  p.names = {"Sam Lee"};
  p.identities = {{sg::IdentityKind::kPhone, "+447700900123"}};
  p.blocked = {kBlockedPhone, kBlockedHandle};
  return p;
}

// 2024-03-10T12:00:00Z plus `days`.
sg::Timestamp Day(int days) { return {1710072000000 + int64_t{days} * 86400000, 0, false}; }

detect::TimelineEntry Entry(std::string id, const sg::Identity& sender, int day) {
  detect::TimelineEntry e;
  e.event_id = std::move(id);
  e.time = Day(day);
  e.sender = sender.Key();
  e.direction = sg::Direction::kIncoming;
  return e;
}

detect::ContactTimeline Linked(std::vector<detect::TimelineEntry> entries) {
  detect::ContactTimeline t;
  t.contact_id = "c1";
  t.display = "Alex";
  t.identities = {kBlockedPhone, kNewPhone};
  t.display_names = {"Alex"};
  t.link_reasons = {"\"Alex\" is the name shown for phone:+447700900999, phone:+447700900777"};
  t.relation.blocked = true;
  t.entries = std::move(entries);
  return t;
}

std::vector<sg::Finding> Inspect(const detect::ContactTimeline& timeline,
                                 std::vector<std::string> blocked_names = {"Alex Brown"}) {
  static const sg::Profile profile = ProfileWithBlocks();
  const detect::BanEvasionDetector detector(std::move(blocked_names));
  std::vector<sg::Finding> out;
  EXPECT_TRUE(detector.Inspect(timeline, detect::Context{profile}, out).has_value());
  for (const sg::Finding& f : out) {
    EXPECT_EQ(f.detector, "ban_evasion");
    EXPECT_EQ(f.category, "ban_evasion");
    EXPECT_FALSE(f.event_id.empty());
  }
  return out;
}

TEST(BanEvasionDetector, ReportsABlockedSenderComingBackUnderANewNumber) {
  const auto findings =
      Inspect(Linked({Entry("e1", kBlockedPhone, 0), Entry("e2", kBlockedPhone, 1),
                      Entry("e3", kNewPhone, 2), Entry("e4", kNewPhone, 3)}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].event_id, "e3");
  EXPECT_EQ(findings[0].excerpt,
            "blocked phone:+447700900999 came back as phone:+447700900777 on 12 Mar 2024 (both "
            "shown as \"Alex\")");
  EXPECT_EQ(findings[0].why, "ban evasion: blocked sender came back as phone:+447700900777");
  EXPECT_DOUBLE_EQ(findings[0].score, 0.8);
}

TEST(BanEvasionDetector, ScoresBothInUseAtOnceLower) {
  const auto findings = Inspect(Linked(
      {Entry("e1", kBlockedPhone, 0), Entry("e2", kNewPhone, 1), Entry("e3", kBlockedPhone, 2)}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].event_id, "e2");
  EXPECT_LT(findings[0].score, 0.8);
  EXPECT_NE(findings[0].excerpt.find("in use at the same time"), std::string::npos);
}

TEST(BanEvasionDetector, ListsEveryIdentityItCameBackAs) {
  auto timeline = Linked(
      {Entry("e1", kBlockedPhone, 0), Entry("e2", kNewPhone, 2), Entry("e3", kNewHandle, 4)});
  timeline.identities.push_back(kNewHandle);
  const auto findings = Inspect(timeline);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].excerpt.find(", and as instagram:alex_b on 14 Mar 2024"), std::string::npos)
      << findings[0].excerpt;
  EXPECT_GT(findings[0].score, 0.8);
}

TEST(BanEvasionDetector, NothingWhenOnlyTheBlockedIdentityWrites) {
  EXPECT_TRUE(
      Inspect(Linked({Entry("e1", kBlockedPhone, 0), Entry("e2", kBlockedPhone, 1)})).empty());
  // The new number wrote only before the blocked one was ever heard from.
  EXPECT_TRUE(Inspect(Linked({Entry("e1", kNewPhone, 0), Entry("e2", kBlockedPhone, 1)})).empty());
}

detect::ContactTimeline Unlinked(std::string name, sg::Identity id) {
  detect::ContactTimeline t;
  t.contact_id = "c2";
  t.display = name;
  t.display_names = {name};
  t.identities = {id};
  t.entries = {Entry("e9", id, 5)};
  return t;
}

struct NameCase {
  std::string name;
  double min_score;  // 0: no finding
  double max_score = 1;
};

TEST(BanEvasionDetector, ComparesUnlinkedContactsWithBlockedNames) {
  const std::vector<NameCase> cases = {
      {"Alex Brown", 0.4, 0.5},  // the same full name
      {"alex  brown", 0.4, 0.5},
      {"Аlех Вrоwn", 0.4, 0.5},  // Cyrillic look-alike
      {"Alex Browne", 0},        // another name
      {"Alex", 0},               // not the blocked name
      {"Jordan Blake", 0},
  };
  for (const NameCase& c : cases) {
    SCOPED_TRACE(c.name);
    const auto findings = Inspect(Unlinked(c.name, kNewPhone));
    if (c.min_score == 0) {
      EXPECT_TRUE(findings.empty()) << findings[0].why;
      continue;
    }
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_GE(findings[0].score, c.min_score);
    EXPECT_LE(findings[0].score, c.max_score);
    EXPECT_LT(findings[0].score, 0.8);  // below a linked comeback
    EXPECT_EQ(findings[0].event_id, "e9");
  }
  const auto same = Inspect(Unlinked("Alex Brown", kNewPhone));
  EXPECT_EQ(same[0].why, "ban evasion: same name as a blocked sender");
  EXPECT_EQ(same[0].excerpt,
            "account \"Alex Brown\" (phone:+447700900777): same name as a blocked sender \"Alex "
            "Brown\"");
}

TEST(BanEvasionDetector, SingleWordNamesCountLess) {
  const auto single = Inspect(Unlinked("Alex", kNewPhone), {"Alex"});
  const auto full = Inspect(Unlinked("Alex Brown", kNewPhone), {"Alex Brown"});
  ASSERT_EQ(single.size(), 1u);
  ASSERT_EQ(full.size(), 1u);
  EXPECT_LT(single[0].score, full[0].score);
}

TEST(BanEvasionDetector, ReportsABlockedHandleOnAnotherPlatform) {
  const auto findings = Inspect(Unlinked("A", {sg::IdentityKind::kHandle, "instagram:alex.b"}), {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].excerpt, "instagram:alex.b uses the blocked handle alex.b on instagram");
  const auto look_alike =
      Inspect(Unlinked("A", {sg::IdentityKind::kHandle, "tiktok:alex.b_backup"}), {});
  ASSERT_EQ(look_alike.size(), 1u);
  EXPECT_LT(look_alike[0].score, findings[0].score);
}

TEST(BanEvasionDetector, NeverReportsThePersonOrTrustedContacts) {
  auto trusted = Linked({Entry("e1", kBlockedPhone, 0), Entry("e2", kNewPhone, 2)});
  trusted.relation.trusted = true;
  EXPECT_TRUE(Inspect(trusted).empty());
  auto self = Unlinked("Alex Brown", kNewPhone);
  self.relation.is_self = true;
  EXPECT_TRUE(Inspect(self).empty());
}

}  // namespace
