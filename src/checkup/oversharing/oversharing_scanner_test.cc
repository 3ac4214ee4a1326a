#include "checkup/oversharing/oversharing_scanner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace sg = stalkguard;
namespace checkup = stalkguard::checkup;
namespace fs = std::filesystem;
using checkup::Audience;
using checkup::OvershareKind;

namespace {

const fs::path kPatternDir = fs::path(SG_SOURCE_DIR) / "config" / "oversharing";

const sg::Identity kOwnPhone{sg::IdentityKind::kPhone, "+447700900321"};
const sg::Identity kOwnSecondPhone{sg::IdentityKind::kPhone, "+447700900654"};
const sg::Identity kOwnHandle{sg::IdentityKind::kHandle, "instagram:robin.hale"};
const sg::Identity kDadPhone{sg::IdentityKind::kPhone, "+447700900456"};
const sg::Identity kStrangerPhone{sg::IdentityKind::kPhone, "+447700900999"};
const sg::Identity kStrangerHandle{sg::IdentityKind::kHandle, "instagram:jay.marsh"};

sg::Profile RobinProfile() {
  sg::Profile p;
  p.names = {"Robin Hale", "Robs"};
  p.identities = {
      kOwnPhone, kOwnSecondPhone, {sg::IdentityKind::kEmail, "robin.hale@example.com"}, kOwnHandle};
  p.addresses = {"7 Orchard Row, Bristol BS3 4QT"};
  p.schools = {"Greenfield High"};
  p.workplaces = {"Harbourside Bakery"};
  p.places = {"Riverside Climbing Wall"};
  p.trusted = {{"Dad", {kDadPhone}}};
  p.region = "GB";
  return p;
}

const checkup::OversharingScanner& Scanner() {
  static const checkup::OversharingScanner* scanner = [] {
    auto created = checkup::OversharingScanner::Create(RobinProfile(), kPatternDir);
    if (!created) {
      ADD_FAILURE() << created.error().message;
      std::abort();
    }
    return new checkup::OversharingScanner(std::move(*created));
  }();
  return *scanner;
}

// A message Robin sent to `to`.
sg::Event Sent(std::string text, std::vector<sg::Identity> to = {kStrangerPhone}) {
  sg::Event e;
  e.id = "0123456789abcdef0123456789abcdef";
  e.channel = sg::Channel::kSms;
  e.direction = sg::Direction::kOutgoing;
  e.sender.identity = kOwnPhone;
  for (const sg::Identity& id : to) e.recipients.push_back({id, ""});
  e.text = std::move(text);
  return e;
}

// A post on Robin's own account.
sg::Event Posted(std::string text) {
  sg::Event e;
  e.id = "fedcba9876543210fedcba9876543210";
  e.channel = sg::Channel::kPost;
  e.platform = "instagram";
  e.direction = sg::Direction::kPublic;
  e.sender.identity = kOwnHandle;
  e.text = std::move(text);
  return e;
}

std::string SpanText(const sg::Event& e, const checkup::OvershareSpan& s) {
  return e.text.substr(s.span.begin, s.span.end - s.span.begin);
}

// The one span of `kind` in what `event` gives away; fails the test when there is not exactly
// one.
checkup::OvershareSpan OnlySpan(const sg::Event& event, OvershareKind kind) {
  const auto post = Scanner().Scan(event);
  EXPECT_TRUE(post.has_value()) << event.text;
  if (!post) return {};
  std::vector<checkup::OvershareSpan> of_kind;
  std::string all;
  for (const auto& s : post->spans) {
    all += " " + std::string(checkup::ToString(s.kind)) + "[" + SpanText(event, s) + "]";
    if (s.kind == kind) of_kind.push_back(s);
  }
  EXPECT_EQ(of_kind.size(), 1u) << event.text << "\n  found:" << all;
  return of_kind.empty() ? checkup::OvershareSpan{} : of_kind.front();
}

TEST(OversharingScanner, FindsEachKindWithItsSpan) {
  struct Case {
    std::string text;
    OvershareKind kind;
    std::string span;
  };
  const std::vector<Case> cases = {
      {"come round, I'm at 7 Orchard Row", OvershareKind::kAddress, "7 Orchard Row"},
      {"my postcode is BS3 4QT", OvershareKind::kPostcode, "BS3 4QT"},
      {"text my other number 07700 900654", OvershareKind::kPhone, "07700 900654"},
      {"email me at robin.hale@example.com", OvershareKind::kEmail, "robin.hale@example.com"},
      {"I'm in year 10 at Greenfield High", OvershareKind::kSchool, "Greenfield High"},
      {"I do saturdays at Harbourside Bakery", OvershareKind::kWorkplace, "Harbourside Bakery"},
      {"bouldering at Riverside Climbing Wall later", OvershareKind::kPlace,
       "Riverside Climbing Wall"},
      {"Robin Hale, 7 Orchard Row", OvershareKind::kFullName, "Robin Hale"},
      {"lol I'm at the gym every day at 6", OvershareKind::kRoutine, "gym every day at 6"},
      {"ok omw to the gym now", OvershareKind::kLocationNow, "omw to the gym now"},
      {"Home alone tonight 😏", OvershareKind::kHomeAlone, "Home alone tonight"},
      {"sorry, we're away until sunday", OvershareKind::kAway, "we're away until sunday"},
      {"live location shared", OvershareKind::kLiveLocation, "live location shared"},
  };
  for (const Case& c : cases) {
    const sg::Event event = Sent(c.text);
    const auto span = OnlySpan(event, c.kind);
    EXPECT_EQ(SpanText(event, span), c.span) << c.text;
    EXPECT_FALSE(span.what.empty());
    EXPECT_NE(span.excerpt.find(c.span), std::string::npos) << span.excerpt;
  }
}

TEST(OversharingScanner, FindsSharedLocationsInTextAndLinks) {
  const sg::Event whatsapp = Sent("location: https://maps.google.com/?q=53.8,-1.5");
  EXPECT_EQ(SpanText(whatsapp, OnlySpan(whatsapp, OvershareKind::kLiveLocation)), whatsapp.text);

  const sg::Event telegram = Sent("Live location: 51.44012, -2.59741");
  EXPECT_EQ(SpanText(telegram, OnlySpan(telegram, OvershareKind::kLiveLocation)), telegram.text);

  const sg::Event pin = Sent("here: https://www.google.com/maps/@51.4401,-2.5974,17z ok?");
  EXPECT_EQ(SpanText(pin, OnlySpan(pin, OvershareKind::kLiveLocation)),
            "https://www.google.com/maps/@51.4401,-2.5974,17z");

  // A link only in the event's links (a shared card) has no span; it comes last.
  sg::Event shared = Sent("I'm at the gym rn");
  shared.urls = {"https://maps.apple.com/?ll=51.4401,-2.5974&q=Dropped%20Pin"};
  const auto post = Scanner().Scan(shared);
  ASSERT_TRUE(post);
  ASSERT_EQ(post->spans.size(), 2u);
  EXPECT_EQ(post->spans[0].kind, OvershareKind::kLocationNow);
  EXPECT_EQ(post->spans[1].kind, OvershareKind::kLiveLocation);
  EXPECT_TRUE(post->spans[1].span.empty());
  EXPECT_EQ(post->spans[1].excerpt, shared.urls[0]);

  // A maps link to a name, not a point, gives nothing away.
  EXPECT_FALSE(Scanner().Scan(Sent("https://maps.google.com/?q=Elmfield+Park")));
}

TEST(OversharingScanner, PublicPostIsFlaggedWithAdviceToEditIt) {
  const sg::Event event = Posted("Home alone tonight, parents away all weekend 🎉 7 Orchard Row");
  ASSERT_TRUE(Scanner().Applies(event));
  const auto post = Scanner().Scan(event);
  ASSERT_TRUE(post);
  EXPECT_EQ(post->event_id, event.id);
  EXPECT_EQ(post->audience, Audience::kPublic);
  ASSERT_EQ(post->spans.size(), 3u);
  EXPECT_EQ(post->spans[0].kind, OvershareKind::kHomeAlone);
  EXPECT_EQ(SpanText(event, post->spans[0]), "Home alone tonight");
  EXPECT_EQ(post->spans[1].kind, OvershareKind::kHomeAlone);
  EXPECT_EQ(SpanText(event, post->spans[1]), "parents away all weekend");
  EXPECT_EQ(post->spans[2].kind, OvershareKind::kAddress);
  EXPECT_TRUE(post->advice.starts_with(
      "Delete or edit this post: remove that you are home alone and your home address."))
      << post->advice;

  sg::Event comment = event;
  comment.channel = sg::Channel::kComment;
  EXPECT_TRUE(Scanner().Scan(comment)->advice.starts_with("Delete or edit this comment"));
}

TEST(OversharingScanner, TrustedRecipientIsNotOversharing) {
  const sg::Event to_dad = Sent("I'm home alone, 7 Orchard Row, back door's open", {kDadPhone});
  EXPECT_FALSE(Scanner().Applies(to_dad));
  EXPECT_FALSE(Scanner().Scan(to_dad));
  // Nor a note to self.
  EXPECT_FALSE(Scanner().Scan(Sent("7 Orchard Row", {kOwnPhone})));
  // A group with Dad and one stranger is.
  const auto group = Scanner().Scan(Sent("home alone tonight", {kDadPhone, kStrangerPhone}));
  ASSERT_TRUE(group);
  EXPECT_EQ(group->audience, Audience::kGroup);
  EXPECT_EQ(Scanner().Scan(Sent("home alone tonight"))->audience, Audience::kStranger);
  EXPECT_EQ(Scanner().Scan(Sent("home alone tonight", {}))->audience, Audience::kUnknown);
}

TEST(OversharingScanner, OnlyThePersonsOwnWritingCounts) {
  // A stranger quoting the address is doxxing, not the person's over-sharing.
  sg::Event incoming = Sent("I know you're at 7 Orchard Row, home alone tonight");
  incoming.direction = sg::Direction::kIncoming;
  incoming.sender.identity = kStrangerPhone;
  incoming.recipients = {{kOwnPhone, ""}};
  EXPECT_FALSE(Scanner().Applies(incoming));
  EXPECT_FALSE(Scanner().Scan(incoming));

  // Someone else's public post.
  sg::Event their_post = Posted("at the gym every day at 6");
  their_post.sender.identity = kStrangerHandle;
  EXPECT_FALSE(Scanner().Scan(their_post));

  // A post with the person's identity is theirs even when the export left the direction open.
  sg::Event own_unknown = Posted("at the gym every day at 6");
  own_unknown.direction = sg::Direction::kUnknown;
  EXPECT_TRUE(Scanner().Scan(own_unknown));

  // Calls and location points are not posts.
  sg::Event point = Sent("51.44012, -2.59741");
  point.channel = sg::Channel::kLocation;
  EXPECT_FALSE(Scanner().Applies(point));
}

TEST(OversharingScanner, InnocentSentencesGiveNothingAway) {
  for (const char* text : {
           "I love my routine",
           "see you at the gym tomorrow?",
           "Home Alone is my favourite film",
           "can you send me your location?",
           "Robin Hale here, thanks for the card",  // a full name alone
           "the bill was 12.50, 3.99 each",
           "Thank you so much for dinner last night!",
       }) {
    const auto post = Scanner().Scan(Sent(text));
    EXPECT_FALSE(post) << text << ": " << (post ? post->advice : "");
  }
  // "see you at the gym tomorrow?" from someone else is not even looked at.
  sg::Event theirs = Sent("see you at the gym tomorrow?");
  theirs.direction = sg::Direction::kIncoming;
  theirs.sender.identity = kStrangerPhone;
  EXPECT_FALSE(Scanner().Applies(theirs));
}

TEST(OversharingScanner, SeesThroughObfuscation) {
  const sg::Event leet = Sent("h0me al0ne t0night");
  EXPECT_EQ(SpanText(leet, OnlySpan(leet, OvershareKind::kHomeAlone)), "h0me al0ne t0night");

  const sg::Event spaced = Sent("at the g y m every day at 6");
  EXPECT_EQ(SpanText(spaced, OnlySpan(spaced, OvershareKind::kRoutine)), "g y m every day at 6");

  const sg::Event lookalike = Sent("7 Оrchard Rоw");  // Cyrillic О and о
  EXPECT_EQ(SpanText(lookalike, OnlySpan(lookalike, OvershareKind::kAddress)), lookalike.text);

  const sg::Event stretched = Sent("hoooome aloneee tonighttt");
  EXPECT_EQ(SpanText(stretched, OnlySpan(stretched, OvershareKind::kHomeAlone)), stretched.text);
}

TEST(OversharingScanner, TheSendersOwnNumberIsNotGivenAway) {
  // An SMS from 07700 900321 that contains that number tells the reader nothing new.
  EXPECT_FALSE(Scanner().Scan(Sent("it's Robin, my number is 07700 900321")));
  sg::Event from_instagram = Sent("it's Robin, my number is 07700 900321");
  from_instagram.sender.identity = kOwnHandle;
  EXPECT_TRUE(Scanner().Scan(from_instagram));
}

TEST(OversharingScanner, SpansAreOrderedAndMergedByKind) {
  const sg::Event event =
      Sent("we're away until sunday. omw to the airport now, house is empty, 7 Orchard Row");
  const auto post = Scanner().Scan(event);
  ASSERT_TRUE(post);
  for (size_t i = 1; i < post->spans.size(); ++i) {
    EXPECT_LE(post->spans[i - 1].span.begin, post->spans[i].span.begin);
  }
  std::vector<std::string> kinds;
  for (const auto& s : post->spans) kinds.emplace_back(checkup::ToString(s.kind));
  EXPECT_EQ(kinds, (std::vector<std::string>{"away", "location_now", "home_alone", "address"}));
  EXPECT_NE(post->advice.find("Next time"), std::string::npos) << post->advice;
}

// Sam from docs/formats/profile.md, with `places`. A place holding a street word ("Lane" is
// "ln" in PiiFinder's keys) is reported as far as the profile entry goes: all of "Mill Lane
// Gym" when that is the place, only "Mill Lane" when the profile says "Mill Lane" (as
// examples/profile.toml does).
sg::Profile SamProfile(std::vector<std::string> places) {
  sg::Profile p;
  p.names = {"Sam Lee", "Sammy"};
  p.identities = {{sg::IdentityKind::kPhone, "+447700900123"},
                  {sg::IdentityKind::kHandle, "tiktok:sam.lee"}};
  p.addresses = {"12 Mill Lane, Leeds LS6 2AB"};
  p.schools = {"Hillside Academy"};
  p.places = std::move(places);
  p.region = "GB";
  return p;
}

TEST(OversharingScanner, OwnPlaceIsReportedAsFarAsTheProfileEntryGoes) {
  struct Case {
    std::vector<std::string> places;
    std::string text;
    std::string place;  // the one place span expected
  };
  const std::vector<Case> cases = {
      {{"Mill Lane Gym"}, "leg day again at Mill Lane Gym every day at 6", "Mill Lane Gym"},
      {{"Mill Lane Gym"}, "leg day é at Mill Lane Gym now", "Mill Lane Gym"},
      {{"Mill Lane Gym"},
       "leg day again 💪 at Mill Lane Gym every day at 6, come say hi",
       "Mill Lane Gym"},
      {{"Mill Lane Gym"}, "i'm at mill lane gym now", "mill lane gym"},
      {{"Mill Lane Gym"}, "i'm at MILL LN GYM now", "MILL LN GYM"},
      // Both entries: the longer match says more, and the shorter one inside it goes.
      {{"Mill Lane", "Mill Lane Gym"},
       "leg day again at Mill Lane Gym every day at 6",
       "Mill Lane Gym"},
      {{"Mill Lane Gym", "Mill Lane"}, "leg day é at Mill Lane Gym now", "Mill Lane Gym"},
      // The profile's place is "Mill Lane": "Gym" is not part of it.
      {{"Mill Lane"}, "leg day again at Mill Lane Gym every day at 6", "Mill Lane"},
  };
  for (const Case& c : cases) {
    auto created = checkup::OversharingScanner::Create(SamProfile(c.places), kPatternDir);
    ASSERT_TRUE(created) << created.error().message;
    sg::Event event = Posted(c.text);
    event.platform = "tiktok";
    event.sender.identity = {sg::IdentityKind::kHandle, "tiktok:sam.lee"};
    const auto post = created->Scan(event);
    ASSERT_TRUE(post) << c.text;
    std::vector<std::string> places;
    std::string all;
    for (const auto& s : post->spans) {
      all += " " + std::string(checkup::ToString(s.kind)) + "[" + SpanText(event, s) + "]";
      if (s.kind == OvershareKind::kPlace) places.push_back(SpanText(event, s));
    }
    EXPECT_EQ(places, std::vector<std::string>{c.place})
        << c.text << " with places " << c.places.front() << "...\n  found:" << all;
  }
}

TEST(OversharingScanner, NamesAreStable) {
  for (const char* name :
       {"address", "postcode", "phone", "email", "school", "workplace", "place", "full_name",
        "routine", "location_now", "home_alone", "away", "live_location"}) {
    const auto kind = checkup::OvershareKindFromString(name);
    ASSERT_TRUE(kind) << name;
    EXPECT_EQ(checkup::ToString(*kind), name);
  }
  EXPECT_FALSE(checkup::OvershareKindFromString("threat"));
  EXPECT_EQ(checkup::ToString(Audience::kStranger), "stranger");
}

// A scratch pattern directory, removed when the test ends.
class BadPatternDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-oversharing-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  fs::path dir_;
};

TEST_F(BadPatternDir, FileNotNamedAfterAKindIsRefused) {
  Write("threats.txt", "# stalkguard-patterns v1\nx\toversharing\t0.5\t\\bhome alone\\b\n");
  const auto created = checkup::OversharingScanner::Create(RobinProfile(), dir_);
  ASSERT_FALSE(created);
  EXPECT_NE(created.error().message.find("threats.txt:2"), std::string::npos)
      << created.error().message;
}

TEST_F(BadPatternDir, OtherCategoryIsRefused) {
  Write("away.txt", "# stalkguard-patterns v1\nx\tthreat\t0.5\t\\bhome alone\\b\n");
  const auto created = checkup::OversharingScanner::Create(RobinProfile(), dir_);
  ASSERT_FALSE(created);
  EXPECT_NE(created.error().message.find("category must be"), std::string::npos)
      << created.error().message;
}

TEST_F(BadPatternDir, MissingDirectoryIsAnError) {
  EXPECT_FALSE(checkup::OversharingScanner::Create(RobinProfile(), dir_ / "missing"));
}

TEST(OversharingScanner, GivesTheSameAnswersFromSeveralThreads) {
  const sg::Event event = Posted("at the gym every day at 6, home alone tonight, 7 Orchard Row");
  const auto expected = Scanner().Scan(event);
  ASSERT_TRUE(expected);
  std::vector<std::thread> threads;
  std::vector<size_t> counts(4);
  for (size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) counts[t] = Scanner().Scan(event)->spans.size();
    });
  }
  for (auto& th : threads) th.join();
  for (size_t n : counts) EXPECT_EQ(n, expected->spans.size());
}

}  // namespace
