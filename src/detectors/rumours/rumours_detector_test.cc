#include "detectors/rumours/rumours_detector.h"

#include <gtest/gtest.h>

#include "text/normalizer.h"

namespace sg = stalkguard;
namespace sgd = stalkguard::detect;

namespace {

sg::Finding TextFinding(const char* detector, const char* category, double score) {
  sg::Finding f;
  f.detector = detector;
  f.category = category;
  f.score = score;
  f.span = {0, 4};
  f.why = std::string(category);
  return f;
}

std::vector<sg::Finding> Inspect(const std::string& text, std::vector<sg::Finding> findings,
                                 bool audience = true,
                                 sg::Direction direction = sg::Direction::kIncoming) {
  sg::Profile profile;
  profile.names = {"Sam Lee"};
  sg::Event e;
  e.id = "e1";
  e.direction = direction;
  e.text = text;
  const sg::text::NormalizedText n = sg::text::Normalize(text);
  std::vector<sg::Finding> out;
  const sgd::EventView view{e, n, findings, {}, audience};
  EXPECT_TRUE(sgd::RumoursDetector(profile).Inspect(view, sgd::Context{profile}, out));
  return out;
}

}  // namespace

TEST(RumoursDetector, AbuseNamingThePersonInAGroupIsARumour) {
  const auto out = Inspect(
      "Sam is a lying slag, everyone should know",
      {TextFinding("text.classifier", "insult", 0.9), TextFinding("text.patterns", "rumour", 0.6)});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].category, "rumour");
  EXPECT_GE(out[0].score, 0.85);
  EXPECT_NE(out[0].why.find("Sam"), std::string::npos);
}

TEST(RumoursDetector, NeedsTheNameAnAudienceAndSomethingBad) {
  const auto insult = TextFinding("text.classifier", "insult", 0.9);
  EXPECT_TRUE(Inspect("Jo is a lying slag", {insult}).empty());          // not the person
  EXPECT_TRUE(Inspect("Sam is a lying slag", {insult}, false).empty());  // said to them
  EXPECT_TRUE(Inspect("Sam scored the winner!", {}).empty());            // nothing bad
  EXPECT_TRUE(Inspect("Samantha is a lying slag", {insult}).empty());    // another name
  EXPECT_FALSE(Inspect("sam lee is a liar", {insult}, false, sg::Direction::kThirdParty).empty());
}
