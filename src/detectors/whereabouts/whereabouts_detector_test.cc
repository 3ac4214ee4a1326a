#include "detectors/whereabouts/whereabouts_detector.h"

#include <gtest/gtest.h>

#include "text/normalizer.h"

namespace sg = stalkguard;
namespace sgd = stalkguard::detect;

namespace {

sgd::Relation Trusted() {
  sgd::Relation r;
  r.trusted = true;
  return r;
}

sg::Profile SamLee() {
  sg::Profile p;
  p.names = {"Sam Lee"};
  p.addresses = {"12 Mill Lane, Leeds LS6 2AB"};
  p.schools = {"Hillside Academy"};
  p.places = {"Mill Lane Gym"};
  return p;
}

sg::Finding Phrase(const std::string& text, const std::string& words, const char* category,
                   double score) {
  sg::Finding f;
  f.detector = "text.patterns";
  f.category = category;
  f.score = score;
  const size_t at = text.find(words);
  f.span = {at, at + words.size()};
  f.why = std::string("pattern: ") + category;
  return f;
}

std::vector<sg::Finding> Inspect(const std::string& text, std::vector<sg::Finding> text_findings,
                                 sgd::Relation sender = {}) {
  sg::Event e;
  e.id = "e1";
  e.direction = sg::Direction::kIncoming;
  e.text = text;
  const sg::text::NormalizedText n = sg::text::Normalize(text);
  const sg::Profile profile = SamLee();
  std::vector<sg::Finding> out;
  const sgd::EventView view{e, n, text_findings, sender, false};
  EXPECT_TRUE(sgd::WhereaboutsDetector(profile).Inspect(view, sgd::Context{profile}, out));
  return out;
}

}  // namespace

TEST(WhereaboutsDetector, PlaceWithASurveillancePhraseIsADanger) {
  const std::string text = "I saw you at Hillside Academy today";
  const auto out = Inspect(text, {Phrase(text, "I saw you at", "whereabouts", 0.55)});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].category, "whereabouts");
  EXPECT_GE(out[0].score, 0.85);
  EXPECT_EQ(text.substr(out[0].span.begin, out[0].span.end - out[0].span.begin),
            "Hillside Academy");
  EXPECT_NE(out[0].why.find("school"), std::string::npos);
}

TEST(WhereaboutsDetector, FindsTheAddressWrittenDifferently) {
  for (const std::string text :
       {"still at 12 MILL LANE i see", "nice flat near ls6 2ab", "going to the mill lane gym?"}) {
    const auto out = Inspect(text, {});
    ASSERT_EQ(out.size(), 1u) << text;
    EXPECT_LT(out[0].score, 0.6) << text;  // a place alone is worth watching, no more
  }
}

TEST(WhereaboutsDetector, NoPlaceNoPhraseNoFinding) {
  EXPECT_TRUE(Inspect("see you at the cinema", {}).empty());
  EXPECT_TRUE(Inspect("the hillside was lovely", {}).empty());
}

TEST(WhereaboutsDetector, TrustedContactsAreWeighedDown) {
  const std::string text = "see you at Hillside Academy";
  const auto out = Inspect(text, {}, Trusted());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_LT(out[0].score, 0.45);
}

TEST(WhereaboutsDetector, ReportsMonitoring) {
  const std::string text = "I put a tracker on your car";
  const auto out = Inspect(text, {Phrase(text, "I put a tracker on your", "monitoring", 0.95)});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].category, "monitoring");
  EXPECT_EQ(out[0].detector, "whereabouts");
}
