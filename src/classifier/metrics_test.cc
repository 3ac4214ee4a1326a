#include "classifier/metrics.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace stalkguard::classifier
