#include "classifier/trainer.h"

#include <gtest/gtest.h>

#include <random>

#include "classifier/classifier.h"

namespace stalkguard::classifier {
namespace {

// A filler of random made-up words, so that every example is a different text.
std::string Filler(std::mt19937& rng) {
  static constexpr std::array<std::string_view, 12> kWords = {
      "lorem",      "ipsum", "dolor", "sit", "amet",    "consectetur",
      "adipiscing", "elit",  "sed",   "do",  "eiusmod", "tempor"};
  std::string text;
  for (int i = 0; i < 6; ++i) {
    text += kWords[rng() % kWords.size()];
    text += ' ';
  }
  return text + std::to_string(rng() % 100000);
}

// The next text made with `make` that falls in `split`.
template <typename Make>
std::string TextIn(Split split, Make make) {
  while (true) {
    std::string text = make();
    if (SplitOf(text) == split) return text;
  }
}

LabeledText Example(std::string text, int output, bool positive) {
  LabeledText example;
  example.text = std::move(text);
  example.labels[output] = positive ? 1 : 0;
  return example;
}

// Threat is learnt from "gamma" (1) and "delta" (0) in the training split. Toxic's training
// examples carry no signal at all; only its calibration examples say that "gamma" is toxic.
std::vector<DataSet> ToxicOnlyKnownThroughThreat() {
  std::mt19937 rng(7);
  DataSet toxic{"toxic_set", {}, {}};
  DataSet threat{"threat_set", {}, {}};
  for (int i = 0; i < 300; ++i) {
    const bool positive = i % 2 == 0;
    threat.examples.push_back(Example(
        TextIn(Split::kTrain, [&] { return (positive ? "gamma " : "delta ") + Filler(rng); }),
        kThreat, positive));
    toxic.examples.push_back(
        Example(TextIn(Split::kTrain, [&] { return Filler(rng); }), kToxic, rng() % 2 == 0));
  }
  for (int i = 0; i < 100; ++i) {
    const bool positive = i % 2 == 0;
    toxic.examples.push_back(Example(
        TextIn(Split::kCalibration, [&] { return (positive ? "gamma " : "delta ") + Filler(rng); }),
        kToxic, positive));
    threat.examples.push_back(Example(
        TextIn(Split::kCalibration, [&] { return (positive ? "gamma " : "delta ") + Filler(rng); }),
        kThreat, positive));
  }
  return {toxic, threat};
}

TrainOptions TwoOutputs() {
  TrainOptions options;
  options.only_outputs = {kToxic, kThreat};
  options.output_blend.clear();
  options.blend_l2.clear();
  options.stack_outputs.clear();
  options.set_weights.clear();
  options.set_output_weights.clear();
  options.output_l2.clear();
  options.output_naive_bayes.clear();
  options.output_specialist.clear();
  options.iterations = 60;
  return options;
}

TEST(Train, StackedOutputReadsAnotherOutputsMargin) {
  const auto sets = ToxicOnlyKnownThroughThreat();
  TrainOptions options = TwoOutputs();
  const auto plain = Train(sets, options, nullptr);
  ASSERT_TRUE(plain) << plain.error().message;
  options.stack_outputs = {kToxic};
  const auto stacked = Train(sets, options, nullptr);
  ASSERT_TRUE(stacked) << stacked.error().message;

  ClassifierScratch scratch;
  const Classifier without(*plain), with(*stacked);
  const std::string gamma = "gamma sit amet elit", delta = "delta sit amet elit";
  // Alone, toxic has nothing to tell the two apart; stacked, it borrows threat's evidence.
  EXPECT_NEAR(without.Classify(gamma, scratch)[kToxic], without.Classify(delta, scratch)[kToxic],
              0.15);
  EXPECT_GT(with.Classify(gamma, scratch)[kToxic], with.Classify(delta, scratch)[kToxic] + 0.4);
  // The stacked output is calibrated by its weights alone.
  EXPECT_EQ(stacked->outputs[kToxic].platt_a, 1.0f);
  EXPECT_EQ(stacked->outputs[kToxic].platt_b, 0.0f);
  // Threat, not stacked, is the same model either way.
  EXPECT_EQ(stacked->outputs[kThreat].scale, plain->outputs[kThreat].scale);
  EXPECT_EQ(stacked->outputs[kThreat].platt_a, plain->outputs[kThreat].platt_a);
}

TEST(Train, FullBlendIsTheFitWithNaiveBayesSwitched) {
  const auto sets = ToxicOnlyKnownThroughThreat();
  TrainOptions blended = TwoOutputs();
  blended.output_blend = {{"threat", 1.0}};
  blended.blend_l2 = {{"threat", 2e-6}};
  TrainOptions switched = TwoOutputs();
  switched.output_naive_bayes = {{"threat", false}};
  switched.output_l2 = {{"threat", 2e-6}};
  const auto a = Train(sets, blended, nullptr);
  const auto b = Train(sets, switched, nullptr);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->outputs[kThreat].scale, b->outputs[kThreat].scale);
  EXPECT_EQ(a->outputs[kThreat].bias, b->outputs[kThreat].bias);
  for (size_t row = 0; row < a->weights.size(); row += kRowStride) {
    ASSERT_EQ(a->weights[row + kThreat], b->weights[row + kThreat]) << "row " << row / kRowStride;
  }
  // Half a blend lies between the two fits.
  blended.output_blend = {{"threat", 0.5}};
  const auto half = Train(sets, blended, nullptr);
  const auto nb = Train(sets, TwoOutputs(), nullptr);
  ASSERT_TRUE(half && nb);
  EXPECT_NE(half->outputs[kThreat].bias, nb->outputs[kThreat].bias);
  EXPECT_NE(half->outputs[kThreat].bias, b->outputs[kThreat].bias);
  // A share of 0, or an output left out of the fit, blends nothing.
  blended.output_blend = {{"threat", 0.0}, {"insult", 0.5}};
  const auto none = Train(sets, blended, nullptr);
  ASSERT_TRUE(none);
  EXPECT_EQ(SerializeModel(*none), SerializeModel(*nb));
}

TEST(Train, FullSpecialistIsTheFitOnItsSetsAlone) {
  auto sets = ToxicOnlyKnownThroughThreat();
  // threat_set labels toxic too, the other way round: "delta" is toxic there.
  for (LabeledText& example : sets[1].examples) {
    example.labels[kToxic] = example.text.starts_with("delta") ? 1 : 0;
  }
  TrainOptions specialist = TwoOutputs();
  specialist.output_specialist = {{"toxic", 1.0}};
  specialist.specialist_sets = {{"toxic", {"toxic_set"}}};
  TrainOptions alone = TwoOutputs();
  alone.set_output_weights = {{"threat_set.toxic", 0.0}};
  const auto a = Train(sets, specialist, nullptr);
  const auto b = Train(sets, alone, nullptr);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(SerializeModel(*a), SerializeModel(*b));
  // Shared with threat_set, toxic learns that "delta" is toxic; half a specialist pulls back.
  const auto shared = Train(sets, TwoOutputs(), nullptr);
  specialist.output_specialist = {{"toxic", 0.5}};
  const auto half = Train(sets, specialist, nullptr);
  ASSERT_TRUE(shared && half);
  ClassifierScratch scratch;
  const auto delta_margin = [&](const Model& model) {
    return Classifier(model).Margins("delta sit amet elit", scratch)[kToxic];
  };
  EXPECT_LT(delta_margin(*half), delta_margin(*shared));
  EXPECT_LT(delta_margin(*b), delta_margin(*half));
  // A specialist needs its sets named.
  specialist.specialist_sets.clear();
  const auto unnamed = Train(sets, specialist, nullptr);
  ASSERT_FALSE(unnamed);
  EXPECT_NE(unnamed.error().message.find("no specialist sets for toxic"), std::string::npos);
  specialist.specialist_sets = {{"toxic", {"toxic_sett"}}};
  const auto misspelt = Train(sets, specialist, nullptr);
  ASSERT_FALSE(misspelt);
  EXPECT_NE(misspelt.error().message.find("no data set named toxic_sett"), std::string::npos);
}

TEST(Train, IsDeterministic) {
  const auto sets = ToxicOnlyKnownThroughThreat();
  TrainOptions options = TwoOutputs();
  options.stack_outputs = {kToxic};
  options.output_blend = {{"threat", 0.5}};
  const auto a = Train(sets, options, nullptr);
  const auto b = Train(sets, options, nullptr);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(SerializeModel(*a), SerializeModel(*b));
}

}  // namespace
}  // namespace stalkguard::classifier
