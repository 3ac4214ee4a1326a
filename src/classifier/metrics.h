// BinaryMeter: the figures the evaluation reports for one output on one data set, in the manner
// of fastText's Meter: collect (score, label) pairs, then read ROC-AUC and precision, recall
// and F1 at a threshold. PairedBootstrapAuc: how sure a difference of two AUCs is.
#pragma once

#include <cstdint>
#include <vector>

namespace stalkguard::classifier {

struct BinaryMetrics {
  int64_t positives = 0;
  int64_t negatives = 0;
  double roc_auc = 0;  // 0.5 when one class is missing
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

class BinaryMeter {
 public:
  void Add(double score, bool positive, double weight = 1.0) {
    samples_.push_back({score, positive, weight});
  }
  bool empty() const { return samples_.empty(); }
  int64_t size() const { return static_cast<int64_t>(samples_.size()); }

  // Counts a sample as predicted positive when score >= threshold. Tied scores share their
  // rank in the AUC (the Mann-Whitney statistic).
  BinaryMetrics Compute(double threshold) const;

  // The threshold that maximises F1 (samples counted by weight), searched over the observed
  // scores.
  double BestF1Threshold() const;

 private:
  struct Sample {
    double score;
    bool positive;
    double weight;
  };
  std::vector<Sample> samples_;
};

// Two scorers' ROC-AUC on the same labelled samples, compared by a paired bootstrap (Efron):
// each resample draws whole samples, both scores together, so the spread is that of the
// difference itself rather than of either AUC alone.
struct AucDifference {
  double difference = 0;      // AUC(a) - AUC(b) on the samples as given
  double standard_error = 0;  // over the resamples
  double low = 0, high = 0;   // their 2.5th and 97.5th percentiles
  double share_a_ahead = 0;   // the share of resamples with AUC(a) > AUC(b)
};

// `resamples` draws with a fixed `seed`, so the figures repeat; a draw that lacks either class
// is drawn again.
AucDifference PairedBootstrapAuc(const std::vector<double>& a, const std::vector<double>& b,
                                 const std::vector<bool>& labels, int resamples, uint64_t seed);

}  // namespace stalkguard::classifier
