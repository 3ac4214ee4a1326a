#include "classifier/classifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "classifier/internal/input_text.h"

namespace stalkguard::classifier {
namespace {

// A model with random weights at full int8 range, to check the vectorised sum against a plain
// one: duplicates counted once, no int16 overflow over many features.
Model RandomModel(uint32_t bits) {
  Model model;
  model.features.bucket_bits = bits;
  model.input_preparation = std::string(internal::kInputPreparation);
  std::mt19937 rng(11);
  model.weights.resize((size_t{1} << bits) * kRowStride);
  for (size_t i = 0; i < model.weights.size(); ++i) {
    model.weights[i] = i % kRowStride < kNumOutputs ? (rng() % 2 ? 127 : -127) : 0;
  }
  for (int o = 0; o < kNumOutputs; ++o) model.outputs[o] = {0.001f, 0.1f * o, 1, 0, 0.5f};
  return model;
}

TEST(Classifier, MarginsEqualThePlainSumOverDistinctFeatures) {
  const Model model = RandomModel(12);
  const Classifier classifier(model);
  const FeatureExtractor extractor(model.features);
  std::string long_message;
  for (int i = 0; i < 200; ++i) long_message += "word" + std::to_string(i) + " ";
  for (const std::string& message :
       {std::string("i will find you"), std::string("spam spam spam spam"), long_message,
        std::string()}) {
    ClassifierScratch scratch;
    const auto margins = classifier.Margins(message, scratch);
    FeatureScratch features;
    const auto ids = extractor.ExtractUnique(message, features);
    const float norm = ids.empty() ? 1.0f : 1.0f / std::sqrt(static_cast<float>(ids.size()));
    for (int o = 0; o < kNumOutputs; ++o) {
      int64_t sum = 0;
      for (const uint32_t id : ids) sum += model.weights[size_t{id} * kRowStride + o];
      const float expected = model.outputs[o].bias + model.outputs[o].scale * sum * norm;
      EXPECT_NEAR(margins[o], expected, 1e-4) << message.size() << " output " << o;
    }
    // The scratch's bitset is clear again, so a second call gives the same answer.
    EXPECT_EQ(classifier.Margins(message, scratch), margins);
  }
}

TEST(Classifier, ScoresAreProbabilities) {
  const Classifier classifier(RandomModel(10));
  ClassifierScratch scratch;
  for (const auto score : classifier.Classify("anything at all", scratch)) {
    EXPECT_GE(score, 0.0f);
    EXPECT_LE(score, 1.0f);
  }
}

}  // namespace
}  // namespace stalkguard::classifier
