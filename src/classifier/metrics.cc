#include "classifier/metrics.h"

#include <algorithm>
#include <cmath>
#include <random>

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

AucDifference PairedBootstrapAuc(const std::vector<double>& a, const std::vector<double>& b,
                                 const std::vector<bool>& labels, int resamples, uint64_t seed) {
  const auto auc = [&](const std::vector<size_t>& rows, const std::vector<double>& scores) {
    BinaryMeter meter;
    for (const size_t i : rows) meter.Add(scores[i], labels[i]);
    return meter.Compute(0.5).roc_auc;
  };
  const size_t n = labels.size();
  std::vector<size_t> rows(n);
  for (size_t i = 0; i < n; ++i) rows[i] = i;
  AucDifference d;
  d.difference = auc(rows, a) - auc(rows, b);
  const auto positives = std::count(labels.begin(), labels.end(), true);
  if (n == 0 || resamples <= 0 || positives == 0 || positives == static_cast<int64_t>(n)) {
    d.low = d.high = d.difference;
    return d;
  }
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<size_t> pick(0, n - 1);
  std::vector<double> differences;
  differences.reserve(static_cast<size_t>(resamples));
  while (differences.size() < static_cast<size_t>(resamples)) {
    int64_t drawn_positives = 0;
    for (size_t& row : rows) {
      row = pick(rng);
      drawn_positives += labels[row] ? 1 : 0;
    }
    if (drawn_positives == 0 || drawn_positives == static_cast<int64_t>(n)) continue;
    differences.push_back(auc(rows, a) - auc(rows, b));
  }
  double sum = 0, squares = 0, ahead = 0;
  for (const double x : differences) {
    sum += x;
    ahead += x > 0 ? 1 : 0;
  }
  const double mean = sum / static_cast<double>(differences.size());
  for (const double x : differences) squares += (x - mean) * (x - mean);
  d.standard_error = std::sqrt(squares / static_cast<double>(differences.size()));
  d.share_a_ahead = ahead / static_cast<double>(differences.size());
  std::sort(differences.begin(), differences.end());
  // As many resamples below the interval as above it.
  const auto outside = static_cast<size_t>(0.025 * static_cast<double>(differences.size() - 1));
  d.low = differences[outside];
  d.high = differences[differences.size() - 1 - outside];
  return d;
}

}  // namespace stalkguard::classifier
