#include "detectors/abuse/abuse_detector.h"

#include <gtest/gtest.h>

#include <memory>

#include "detectors/abuse/text_layer.h"

namespace sg = stalkguard;
namespace sgd = stalkguard::detect;

namespace {

sgd::Relation Trusted() {
  sgd::Relation r;
  r.trusted = true;
  return r;
}

sgd::Relation Self() {
  sgd::Relation r;
  r.is_self = true;
  return r;
}

// The shipped model and patterns, loaded once for the whole suite (compiling takes seconds).
const sgd::TextLayer& Layer() {
  static const auto* layer = [] {
    auto loaded = sgd::TextLayer::Load(SG_SOURCE_DIR "/config/patterns",
                                       SG_SOURCE_DIR "/models/classifier.sgm");
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message;
      std::abort();
    }
    return new sgd::TextLayer(std::move(*loaded));
  }();
  return *layer;
}

struct Judged {
  std::vector<sg::Finding> text;
  std::vector<sg::Finding> abuse;
};

Judged Judge(const std::string& message, sgd::Relation sender = {},
             sg::Direction direction = sg::Direction::kIncoming, bool audience = false) {
  sg::Event event;
  event.id = std::string(32, '1');
  event.direction = direction;
  event.text = message;
  sg::text::NormalizedText normalized;
  Judged out;
  sgd::TextLayer::Scratch scratch;
  EXPECT_TRUE(Layer().Analyze(message, normalized, out.text, scratch));
  sg::Profile profile;
  profile.names = {"Sam Lee"};
  const sgd::EventView view{event, normalized, out.text, sender, audience};
  EXPECT_TRUE(sgd::AbuseDetector(profile).Inspect(view, sgd::Context{profile}, out.abuse));
  return out;
}

const sg::Finding* Find(const std::vector<sg::Finding>& findings, std::string_view category) {
  for (const auto& f : findings)
    if (f.category == category) return &f;
  return nullptr;
}

}  // namespace

TEST(AbuseDetector, AThreatYieldsAThreatFindingOnItsWords) {
  const std::string message = "answer me or I will kill you, I swear";
  const Judged j = Judge(message);
  const sg::Finding* threat = Find(j.abuse, "threat");
  ASSERT_NE(threat, nullptr);
  EXPECT_EQ(threat->detector, "abuse");
  EXPECT_EQ(threat->event_id, std::string(32, '1'));
  EXPECT_GE(threat->score, 0.6);
  EXPECT_GE(threat->severity, sg::Severity::kWarning);
  EXPECT_FALSE(threat->span.empty());
  EXPECT_NE(message.substr(threat->span.begin, threat->span.end - threat->span.begin).find("kill"),
            std::string::npos);
  EXPECT_NE(threat->excerpt.find("kill"), std::string::npos);
  EXPECT_NE(threat->why.find("threat"), std::string::npos);
}

TEST(AbuseDetector, AKindMessageYieldsNothing) {
  for (const char* kind : {"Thanks so much for dinner, see you on Sunday!",
                           "Happy birthday! Hope you have a lovely day x",
                           "Can you pick up some milk on the way home?"}) {
    EXPECT_TRUE(Judge(kind).abuse.empty()) << kind;
  }
}

TEST(AbuseDetector, ObfuscationDoesNotHideAThreat) {
  const Judged j = Judge("I w1ll k i l l y0u");
  EXPECT_NE(Find(j.abuse, "threat"), nullptr);
}

TEST(AbuseDetector, WeighsDownTrustedContactsAndIgnoresThePersonsOwnMessages) {
  const std::string message = "you are a stupid idiot";
  const Judged from_stranger = Judge(message);
  const sg::Finding* stranger = Find(from_stranger.abuse, "insult");
  ASSERT_NE(stranger, nullptr);
  const Judged from_friend = Judge(message, Trusted());
  const sg::Finding* trusted = Find(from_friend.abuse, "insult");
  if (trusted != nullptr) {
    EXPECT_LT(trusted->score, stranger->score);
    EXPECT_NE(trusted->why.find("trusted"), std::string::npos);
  }
  EXPECT_TRUE(Judge(message, Self()).abuse.empty());
  EXPECT_TRUE(Judge(message, {}, sg::Direction::kOutgoing).abuse.empty());
}

TEST(AbuseDetector, InAGroupOnlyMessagesNamingThePersonCount) {
  const Judged at_others = Judge("shut up you stupid idiot", {}, sg::Direction::kIncoming, true);
  EXPECT_FALSE(at_others.text.empty());
  EXPECT_TRUE(at_others.abuse.empty());
  const Judged at_sam = Judge("shut up Sam you stupid idiot", {}, sg::Direction::kIncoming, true);
  EXPECT_NE(Find(at_sam.abuse, "insult"), nullptr);
}

TEST(TextLayer, FindsRefusalsInThePersonsOwnWords) {
  const Judged j =
      Judge("please stop texting me, leave me alone", Self(), sg::Direction::kOutgoing);
  const sg::Finding* refusal = Find(j.text, "refusal");
  ASSERT_NE(refusal, nullptr);
  EXPECT_EQ(refusal->detector, "text.patterns");
}
