// End-to-end checks of the model in models/: what a person would see from `stalkguard classify`.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "classifier/classifier.h"

namespace stalkguard::classifier {
namespace {

class ShippedModel : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = Classifier::Load(std::string(SG_SOURCE_DIR) + "/models/classifier.sgm");
    ASSERT_TRUE(loaded) << loaded.error().message;
    classifier_ = std::make_unique<Classifier>(std::move(*loaded));
  }
  static void TearDownTestSuite() { classifier_.reset(); }

  std::vector<Finding> FindingsFor(std::string_view message) {
    const Scores scores = classifier_->Classify(message, scratch_);
    return classifier_->Findings(message, scores, scratch_);
  }

  static const Finding* Category(const std::vector<Finding>& findings, std::string_view name) {
    for (const Finding& f : findings) {
      if (f.category == name) return &f;
    }
    return nullptr;
  }

  static inline std::unique_ptr<Classifier> classifier_;
  ClassifierScratch scratch_;
};

TEST_F(ShippedModel, ThreatYieldsAThreatFinding) {
  const std::string message = "I know where you live. I'm going to hurt you when you get home.";
  const auto findings = FindingsFor(message);
  const Finding* threat = Category(findings, "threat");
  ASSERT_NE(threat, nullptr);
  EXPECT_EQ(threat->detector, "text.classifier");
  EXPECT_GE(threat->score, classifier_->threshold(kThreat));
  EXPECT_TRUE(threat->why.starts_with("model: threat 0.")) << threat->why;
  EXPECT_LT(threat->span.begin, threat->span.end);
  EXPECT_LE(threat->span.end, message.size());
}

TEST_F(ShippedModel, KindMessageYieldsNoFinding) {
  EXPECT_TRUE(FindingsFor("Thanks so much for dinner tonight, see you on Sunday!").empty());
}

TEST_F(ShippedModel, SextortionYieldsSexualAndThreatFindings) {
  const auto findings = FindingsFor("send me nudes or everyone sees the video");
  EXPECT_NE(Category(findings, "sexual"), nullptr);
  EXPECT_NE(Category(findings, "threat"), nullptr);
}

TEST_F(ShippedModel, SpamYieldsOnlyASpamFinding) {
  const auto findings = FindingsFor("Buy cheap meds online, 90% off, click here");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].category, "spam");
}

TEST_F(ShippedModel, SpanPointsAtTheOriginalBytesOfObfuscatedWords) {
  const std::string message = "ok whatever. I will K I L L you";
  const auto findings = FindingsFor(message);
  const Finding* threat = Category(findings, "threat");
  ASSERT_NE(threat, nullptr);
  const std::string span =
      message.substr(threat->span.begin, threat->span.end - threat->span.begin);
  EXPECT_NE(span.find("K I L L"), std::string::npos) << span;
}

}  // namespace
}  // namespace stalkguard::classifier
