#include "detectors/impersonation/impersonation_detector.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sg = stalkguard;
namespace detect = stalkguard::detect;

namespace {

sg::Profile SamProfile() {
  sg::Profile p;
  p.names = {"Sam Lee", "Sammy"};
  p.identities = {{sg::IdentityKind::kPhone, "+447700900123"},
                  {sg::IdentityKind::kHandle, "instagram:sam.lee"},
                  {sg::IdentityKind::kEmail, "sam.lee@example.com"}};
  return p;
}

sg::Identity Handle(std::string value) { return {sg::IdentityKind::kHandle, std::move(value)}; }
sg::Identity Phone(std::string value) { return {sg::IdentityKind::kPhone, std::move(value)}; }

detect::ContactTimeline Contact(std::string display, std::vector<sg::Identity> ids,
                                std::vector<std::string> names = {}) {
  detect::ContactTimeline t;
  t.contact_id = "c1";
  t.display = display;
  t.identities = std::move(ids);
  t.display_names = names.empty() ? std::vector<std::string>{display} : std::move(names);
  for (int i = 0; i < 3; ++i) {
    detect::TimelineEntry e;
    e.event_id = 'e' + std::to_string(i + 1);
    e.time.utc_ms = 1710000000000 + i * 60000;
    e.sender = t.identities.empty() ? "" : t.identities.front().Key();
    t.entries.push_back(e);
  }
  return t;
}

std::vector<sg::Finding> Inspect(const detect::ContactTimeline& timeline) {
  static const sg::Profile profile = SamProfile();
  static const detect::ImpersonationDetector detector(profile);
  const detect::Context context{profile};
  std::vector<sg::Finding> out;
  EXPECT_TRUE(detector.Inspect(timeline, context, out).has_value());
  for (const sg::Finding& f : out) {
    EXPECT_EQ(f.detector, "impersonation");
    EXPECT_EQ(f.category, "impersonation");
    EXPECT_EQ(f.event_id, "e1");  // the contact's first event
    EXPECT_TRUE(f.span.empty());
  }
  return out;
}

struct Case {
  std::string display;
  std::string handle;  // "platform:handle", or empty
  double min_score;    // 0: no finding
  double max_score = 1;
};

TEST(ImpersonationDetector, ScoresAccountsByHowCloselyTheyCopyThePerson) {
  const std::vector<Case> cases = {
      {"Sаm Lее", "", 0.88},                           // Cyrillic look-alike of the full name
      {"Jo", "instagram:sam.lee_official", 0.7, 0.8},  // affix on the handle
      {"Jo", "tiktok:real_sam_lee", 0.7, 0.8},
      {"Jo", "instagram:samlee2", 0.7, 0.8},
      {"Samm Lee", "", 0.6, 0.75},
      {"Jo", "sms:samlee", 0.65, 0.75},  // "sam.lee" without its dot
      {"Sam", "", 0},                    // a first name alone
      {"Sammy", "", 0},
      {"Sam Lee", "", 0},  // exactly the name: another Sam Lee, or the person on a new source
      {"Pam Lee", "", 0},
      {"Jordan Blake", "instagram:jordan.b", 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE("display \"" + c.display + "\", handle \"" + c.handle + "\"");
    std::vector<sg::Identity> ids;
    if (!c.handle.empty()) ids.push_back(Handle(c.handle));
    const auto findings = Inspect(Contact(c.display, ids));
    if (c.min_score == 0) {
      EXPECT_TRUE(findings.empty()) << findings[0].why;
      continue;
    }
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_GE(findings[0].score, c.min_score) << findings[0].why;
    EXPECT_LE(findings[0].score, c.max_score) << findings[0].why;
  }
}

TEST(ImpersonationDetector, ExplainsInASentenceOfFacts) {
  const auto findings = Inspect(Contact("Sаm Lее", {Handle("instagram:sam_lee_official")}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].why,
            "impersonation: name looks like yours (same letters with Cyrillic look-alikes)");
  EXPECT_EQ(findings[0].excerpt,
            "account \"Sаm Lее\" (instagram:sam_lee_official) looks like your name Sam Lee: same "
            "letters with Cyrillic look-alikes; its name and handle both copy yours");
  EXPECT_GE(findings[0].score, 0.95);
  EXPECT_EQ(findings[0].severity, sg::Severity::kDanger);
}

TEST(ImpersonationDetector, NamesTheHandleItCopies) {
  const auto findings = Inspect(Contact("Fan page", {Handle("instagram:sam.lee_official")}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].why, "impersonation: handle looks like yours (adds '_official')");
  EXPECT_EQ(findings[0].excerpt,
            "account \"Fan page\" (instagram:sam.lee_official) looks like your handle "
            "instagram:sam.lee: adds '_official'");
}

TEST(ImpersonationDetector, LooksAtEveryNameTheSourcesShowed) {
  const auto findings = Inspect(Contact("Jo", {Phone("+447700900555")}, {"Jo", "Sam Lее"}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].excerpt,
            "account \"Sam Lее\" (phone:+447700900555) looks like your name Sam Lee: same letters "
            "with Cyrillic look-alikes");
}

TEST(ImpersonationDetector, ComparesEmailLocalParts) {
  const auto findings =
      Inspect(Contact("S", {{sg::IdentityKind::kEmail, "sam.lee.official@mail.example"}}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].why.find("adds '.official'"), std::string::npos) << findings[0].why;
}

TEST(ImpersonationDetector, NeverReportsThePersonOrTrustedContacts) {
  auto self = Contact("Sаm Lее", {});
  self.relation.is_self = true;
  EXPECT_TRUE(Inspect(self).empty());
  auto trusted = Contact("Sаm Lее", {});
  trusted.relation.trusted = true;
  EXPECT_TRUE(Inspect(trusted).empty());
}

TEST(ImpersonationDetector, NameAsAHandleCountsLessThanALookAlike) {
  sg::Profile p;
  p.names = {"Sam Lee"};
  const detect::ImpersonationDetector detector(p);
  std::vector<sg::Finding> out;
  ASSERT_TRUE(
      detector.Inspect(Contact("Jo", {Handle("sms:samlee")}), detect::Context{p}, out).has_value());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_DOUBLE_EQ(out[0].score, 0.6);
  EXPECT_EQ(out[0].why, "impersonation: handle looks like yours (uses your name as its handle)");
}

TEST(ImpersonationDetector, ProfileWithoutFullNamesOrHandlesReportsNothing) {
  sg::Profile p;
  p.names = {"Sam"};
  const detect::ImpersonationDetector detector(p);
  std::vector<sg::Finding> out;
  ASSERT_TRUE(detector.Inspect(Contact("Ѕаm", {}), detect::Context{p}, out).has_value());
  EXPECT_TRUE(out.empty());
}

}  // namespace

TEST(ImpersonationDetector, NumberedPlatformIdsAreNotLookAlikes) {
  // Telegram exports without usernames name people "user<id>"; neighbouring ids mean nothing.
  sg::Profile profile = SamProfile();
  profile.identities.push_back({sg::IdentityKind::kHandle, "telegram:user7703434"});
  const detect::ImpersonationDetector detector(profile);
  std::vector<sg::Finding> out;
  ASSERT_TRUE(detector
                  .Inspect(Contact("Dad", {{sg::IdentityKind::kHandle, "telegram:user7703436"}}),
                           detect::Context{profile}, out)
                  .has_value());
  EXPECT_TRUE(out.empty());
}
