#include "classifier/metrics.h"

#include <algorithm>

namespace stalkguard::classifier {

BinaryMetrics BinaryMeter::Compute(double threshold) const {
  BinaryMetrics m;
  double true_positives = 0, predicted = 0, positive_weight = 0;
  for (const Sample& s : samples_) {
    (s.positive ? m.positives : m.negatives) += 1;
    positive_weight += s.positive ? s.weight : 0;
    if (s.score >= threshold) {
      predicted += s.weight;
      true_positives += s.positive ? s.weight : 0;
    }
  }
  m.precision = predicted > 0 ? true_positives / predicted : 0;
  m.recall = positive_weight > 0 ? true_positives / positive_weight : 0;
  m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
  if (m.positives == 0 || m.negatives == 0) {
    m.roc_auc = 0.5;
    return m;
  }
  // Weighted Mann-Whitney: the weight of (positive, negative) pairs ranked right, ties half.
  std::vector<Sample> sorted = samples_;
  std::sort(sorted.begin(), sorted.end(),
            [](const Sample& a, const Sample& b) { return a.score < b.score; });
  double negatives_below = 0, right = 0, total_negative = 0;
  size_t i = 0;
  while (i < sorted.size()) {
    size_t j = i;
    double tied_positive = 0, tied_negative = 0;
    for (; j < sorted.size() && sorted[j].score == sorted[i].score; ++j) {
      (sorted[j].positive ? tied_positive : tied_negative) += sorted[j].weight;
    }
    right += tied_positive * (negatives_below + tied_negative / 2);
    negatives_below += tied_negative;
    i = j;
  }
  total_negative = negatives_below;
  m.roc_auc = right / (positive_weight * total_negative);
  return m;
}

double BinaryMeter::BestF1Threshold() const {
  std::vector<Sample> sorted = samples_;
  std::sort(sorted.begin(), sorted.end(),
            [](const Sample& a, const Sample& b) { return a.score > b.score; });
  double positives = 0;
  for (const Sample& s : sorted) positives += s.positive ? s.weight : 0;
  if (positives == 0) return 1.0;
  double best_f1 = -1, best_threshold = 0.5, true_positives = 0, predicted = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    true_positives += sorted[i].positive ? sorted[i].weight : 0;
    predicted += sorted[i].weight;
    // Only a threshold between two different scores can be chosen.
    if (i + 1 < sorted.size() && sorted[i + 1].score == sorted[i].score) continue;
    const double f1 = 2.0 * true_positives / (predicted + positives);
    if (f1 > best_f1) {
      best_f1 = f1;
      best_threshold =
          i + 1 < sorted.size() ? (sorted[i].score + sorted[i + 1].score) / 2 : sorted[i].score;
    }
  }
  return best_threshold;
}

}  // namespace stalkguard::classifier
