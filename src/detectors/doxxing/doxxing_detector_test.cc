#include "detectors/doxxing/doxxing_detector.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/normalizer.h"

namespace sg = stalkguard;
namespace detect = stalkguard::detect;

namespace {

sg::Profile SamProfile() {
  sg::Profile p;
  p.names = {"Sam Lee"};
  p.identities = {{sg::IdentityKind::kPhone, "+447700900123"},
                  {sg::IdentityKind::kEmail, "sam.lee@example.com"}};
  p.addresses = {"12 Mill Lane, Leeds LS6 2AB"};
  p.schools = {"Hillside Academy"};
  p.workplaces = {"Leeds Central Library"};
  p.region = "GB";
  return p;
}

enum class Where { kPrivate, kGroup, kPublic, kThirdParty };

// Inspects one event with `text`, sent where `where` says, by a stranger unless `relation`
// says otherwise.
std::vector<sg::Finding> Inspect(const std::string& text, Where where,
                                 detect::Relation relation = {},
                                 std::vector<sg::Finding> text_findings = {}) {
  static const sg::Profile profile = SamProfile();
  static const detect::DoxxingDetector detector(profile);
  sg::Event event;
  event.id = "e1";
  event.text = text;
  event.channel = where == Where::kPublic ? sg::Channel::kPost : sg::Channel::kChat;
  event.direction = where == Where::kPublic       ? sg::Direction::kPublic
                    : where == Where::kThirdParty ? sg::Direction::kThirdParty
                    : relation.is_self            ? sg::Direction::kOutgoing
                                                  : sg::Direction::kIncoming;
  const sg::text::NormalizedText normalized = sg::text::Normalize(text);
  const detect::EventView view{event, normalized, text_findings, relation,
                               where == Where::kGroup || where == Where::kPublic};
  const detect::Context context{profile};
  std::vector<sg::Finding> out;
  EXPECT_TRUE(detector.Inspect(view, context, out).has_value());
  for (const sg::Finding& f : out) {
    EXPECT_EQ(f.event_id, "e1");
    EXPECT_EQ(f.detector, "doxxing");
    EXPECT_EQ(f.category, "doxxing");
    EXPECT_GE(f.score, 0.0);
    EXPECT_LE(f.score, 1.0);
    EXPECT_LE(f.span.end, text.size());
  }
  return out;
}

std::string SpanText(const std::string& text, const sg::Finding& f) {
  return text.substr(f.span.begin, f.span.end - f.span.begin);
}

TEST(DoxxingDetector, ReportsHomeAddressAndSchoolPostedInAGroup) {
  const std::string text = "lol she lives at 12 Mill Lane and goes to Hillside Academy";
  const auto findings = Inspect(text, Where::kGroup);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].why, "doxxing: home address and school posted in a group");
  EXPECT_EQ(SpanText(text, findings[0]), "12 Mill Lane and goes to Hillside Academy");
  EXPECT_NE(findings[0].excerpt.find("12 Mill Lane"), std::string::npos) << findings[0].excerpt;
  EXPECT_GE(findings[0].score, 0.7);
  EXPECT_EQ(findings[0].severity, sg::Severity::kWarning);
}

TEST(DoxxingDetector, ScoresAddressAndPhoneAboveSchoolAndSeveralAboveOne) {
  auto score = [](const std::string& text) {
    const auto f = Inspect(text, Where::kPublic);
    return f.empty() ? 0.0 : f[0].score;
  };
  const double school = score("she goes to Hillside Academy");
  const double address = score("she lives at 12 mill ln");
  const double phone = score("text her on 07700 900123");
  const double both = score("12 Mill Lane, 07700 900123");
  const double everything = score("Sam Lee, 12 Mill Lane LS6 2AB, 07700 900123, Hillside Academy");
  EXPECT_GT(school, 0);
  EXPECT_GT(address, school);
  EXPECT_GT(phone, school);
  EXPECT_GT(both, address);
  EXPECT_GT(both, phone);
  EXPECT_GT(everything, both);
  EXPECT_LE(everything, 0.97);
}

TEST(DoxxingDetector, SaysWhereItWasPosted) {
  EXPECT_EQ(Inspect("07700 900123", Where::kPublic)[0].why,
            "doxxing: phone number posted publicly");
  EXPECT_EQ(Inspect("her number is 07700 900123", Where::kThirdParty)[0].why,
            "doxxing: phone number shared between other people");
}

TEST(DoxxingDetector, ReportsSensitiveNumbersOfAnyone) {
  const auto card = Inspect("here's her card 4111 1111 1111 1111 lol", Where::kGroup);
  ASSERT_EQ(card.size(), 1u);
  EXPECT_EQ(card[0].why, "doxxing: payment card number posted in a group");
  const auto ni = Inspect("NI number AB123456C", Where::kPublic);
  ASSERT_EQ(ni.size(), 1u);
  EXPECT_EQ(ni[0].why, "doxxing: National Insurance number posted publicly");
}

TEST(DoxxingDetector, NameAloneOrGenericContactDataIsNotDoxxing) {
  EXPECT_TRUE(Inspect("Sam Lee is in my class", Where::kGroup).empty());
  EXPECT_TRUE(Inspect("call the plumber on 07123 456789", Where::kGroup).empty());
  EXPECT_TRUE(Inspect("party at 14 Oak Road, bring snacks", Where::kGroup).empty());
  EXPECT_TRUE(Inspect("born on 3 May 2009", Where::kPublic).empty());
}

TEST(DoxxingDetector, NameCountsBesideAnotherItem) {
  const auto alone = Inspect("she goes to Hillside Academy", Where::kGroup);
  const auto named = Inspect("Sam Lee goes to Hillside Academy", Where::kGroup);
  ASSERT_EQ(alone.size(), 1u);
  ASSERT_EQ(named.size(), 1u);
  EXPECT_GT(named[0].score, alone[0].score);
  EXPECT_EQ(named[0].why, "doxxing: school and full name posted in a group");
}

TEST(DoxxingDetector, CuedAddressThatIsNotTheProfilesCounts) {
  const auto f = Inspect("sam's new place, she lives at 14 Oak Road", Where::kPublic);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].why, "doxxing: an address posted publicly");
}

TEST(DoxxingDetector, IgnoresThePersonsOwnMessages) {
  detect::Relation self;
  self.is_self = true;
  EXPECT_TRUE(Inspect("I live at 12 Mill Lane LS6 2AB", Where::kGroup, self).empty());
  EXPECT_TRUE(Inspect("I'll post your address", Where::kPrivate, self).empty());
}

TEST(DoxxingDetector, IgnoresOwnNumberQuotedInAPrivateMessage) {
  EXPECT_TRUE(Inspect("is this still your number? 07700 900123", Where::kPrivate).empty());
  EXPECT_TRUE(Inspect("see you at 12 Mill Lane", Where::kPrivate).empty());
}

TEST(DoxxingDetector, ReportsAThreatToPublishAtALowerScore) {
  const std::string text = "if you block me I'll post your address everywhere";
  const auto threat = Inspect(text, Where::kPrivate);
  ASSERT_EQ(threat.size(), 1u);
  EXPECT_EQ(threat[0].why, "doxxing threat: threatens to publish your address");
  EXPECT_EQ(SpanText(text, threat[0]), "post your address");
  const auto leak = Inspect("12 Mill Lane", Where::kGroup);
  ASSERT_EQ(leak.size(), 1u);
  EXPECT_LT(threat[0].score, leak[0].score);

  sg::Finding text_threat;
  text_threat.category = "threat";
  const auto shown =
      Inspect("I'm gonna share your address, 12 Mill Lane", Where::kPrivate, {}, {text_threat});
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_GT(shown[0].score, threat[0].score);
  EXPECT_EQ(shown[0].why, "doxxing threat: threatens to publish your address, and shows it");

  EXPECT_TRUE(Inspect("can you send me your address for the invite", Where::kPrivate).empty());
  EXPECT_TRUE(Inspect("I posted your parcel to your address", Where::kPrivate).empty());
  EXPECT_EQ(Inspect("watch me dox you", Where::kPrivate).size(), 1u);
}

TEST(DoxxingDetector, HalvesTheScoreForTrustedSenders) {
  detect::Relation trusted;
  trusted.trusted = true;
  const auto stranger = Inspect("12 Mill Lane", Where::kGroup);
  const auto family = Inspect("12 Mill Lane", Where::kGroup, trusted);
  ASSERT_EQ(family.size(), 1u);
  EXPECT_DOUBLE_EQ(family[0].score, stranger[0].score / 2);
  EXPECT_EQ(family[0].why, "doxxing: home address posted in a group by a trusted contact");
}

TEST(DoxxingDetector, SpansMapToTheOriginalPastEmojiAndLookAlikes) {
  const std::string text = "😈😈 ＳＡＭ's house: 12 Мill Lаne 🏠";
  const auto f = Inspect(text, Where::kPublic);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(SpanText(text, f[0]), "12 Мill Lаne");
  EXPECT_NE(f[0].excerpt.find("12 Мill Lаne"), std::string::npos);
}

}  // namespace
