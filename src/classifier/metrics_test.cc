#include "classifier/metrics.h"

#include <gtest/gtest.h>

#include <random>

namespace stalkguard::classifier {
namespace {

TEST(BinaryMeter, AucOfPerfectReversedAndTiedScores) {
  BinaryMeter perfect, reversed, tied;
  for (int i = 0; i < 10; ++i) {
    perfect.Add(i, i >= 5);
    reversed.Add(i, i < 5);
    tied.Add(0.3, i % 2 == 0);
  }
  EXPECT_DOUBLE_EQ(perfect.Compute(0.5).roc_auc, 1.0);
  EXPECT_DOUBLE_EQ(reversed.Compute(0.5).roc_auc, 0.0);
  EXPECT_DOUBLE_EQ(tied.Compute(0.5).roc_auc, 0.5);
}

TEST(BinaryMeter, PrecisionRecallAndF1AtAThreshold) {
  BinaryMeter meter;
  meter.Add(0.9, true);
  meter.Add(0.8, false);
  meter.Add(0.7, true);
  meter.Add(0.2, true);
  meter.Add(0.1, false);
  const BinaryMetrics m = meter.Compute(0.5);
  EXPECT_EQ(m.positives, 3);
  EXPECT_EQ(m.negatives, 2);
  EXPECT_DOUBLE_EQ(m.precision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.recall, 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.f1, 2.0 / 3);
  // Pairs ranked right: (0.9,0.8) (0.9,0.1) (0.7,0.1) (0.2,0.1) of 6.
  EXPECT_DOUBLE_EQ(m.roc_auc, 4.0 / 6);
}

TEST(BinaryMeter, BestF1ThresholdSeparatesTheClasses) {
  BinaryMeter meter;
  for (int i = 0; i < 10; ++i) meter.Add(i / 10.0, i >= 7);
  const double threshold = meter.BestF1Threshold();
  EXPECT_GT(threshold, 0.6);
  EXPECT_LE(threshold, 0.7);
  EXPECT_DOUBLE_EQ(meter.Compute(threshold).f1, 1.0);
}

TEST(BinaryMeter, OneClassOnlyGivesHalfAuc) {
  BinaryMeter meter;
  meter.Add(0.2, true);
  meter.Add(0.9, true);
  EXPECT_DOUBLE_EQ(meter.Compute(0.5).roc_auc, 0.5);
}

TEST(PairedBootstrapAuc, SameScoresDifferByNothing) {
  const std::vector<double> scores = {0.1, 0.4, 0.35, 0.8, 0.2, 0.9};
  const std::vector<bool> labels = {false, false, true, true, false, true};
  const AucDifference d = PairedBootstrapAuc(scores, scores, labels, 200, 7);
  EXPECT_EQ(d.difference, 0);
  EXPECT_EQ(d.standard_error, 0);
  EXPECT_EQ(d.low, 0);
  EXPECT_EQ(d.high, 0);
  EXPECT_EQ(d.share_a_ahead, 0);
}

TEST(PairedBootstrapAuc, ClearWinnerAndCoinFlipAndRepeatability) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<double> good, noisy, random;
  std::vector<bool> labels;
  for (int i = 0; i < 300; ++i) {
    const bool positive = i % 3 == 0;
    labels.push_back(positive);
    good.push_back((positive ? 0.6 : 0.0) + 0.5 * unit(rng));
    noisy.push_back((positive ? 0.6 : 0.0) + 0.5 * unit(rng) + 0.2 * unit(rng));
    random.push_back(unit(rng));
  }
  // A scorer that separates the classes against a coin: the whole interval is above 0.
  const AucDifference clear = PairedBootstrapAuc(good, random, labels, 300, 1);
  EXPECT_GT(clear.difference, 0.3);
  EXPECT_GT(clear.low, 0.2);
  EXPECT_GT(clear.standard_error, 0);
  EXPECT_EQ(clear.share_a_ahead, 1.0);
  EXPECT_LE(clear.low, clear.difference);
  EXPECT_GE(clear.high, clear.difference);
  // Swapping the two scorers mirrors the figures.
  const AucDifference mirrored = PairedBootstrapAuc(random, good, labels, 300, 1);
  EXPECT_DOUBLE_EQ(mirrored.difference, -clear.difference);
  EXPECT_DOUBLE_EQ(mirrored.low, -clear.high);
  // The same seed, the same figures.
  const AucDifference again = PairedBootstrapAuc(good, noisy, labels, 300, 1);
  const AucDifference once_more = PairedBootstrapAuc(good, noisy, labels, 300, 1);
  EXPECT_EQ(again.low, once_more.low);
  EXPECT_EQ(again.standard_error, once_more.standard_error);
}

}  // namespace
}  // namespace stalkguard::classifier
