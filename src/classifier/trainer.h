// Train: fits the classifier from labelled data. Per output, a logistic regression over the
// hashed features of every example whose set labels that output, with naive-Bayes feature
// scaling (NB-LR, Wang & Manning 2012) expressed as a per-feature L2 penalty; full-batch L-BFGS;
// weights quantised to int8 with a per-output scale; Platt scaling and an F1-best threshold per
// output fitted on the calibration split, after quantisation, so the shipped file is what was
// calibrated. Deterministic: same data and options, same bytes.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "classifier/datasets.h"
#include "classifier/model_file.h"
#include "core/result.h"

namespace stalkguard::classifier {

struct TrainOptions {
  FeatureOptions features;
  LengthNorm length_norm = LengthNorm::kInverseSqrt;
  double l2 = 1e-4;         // L2 strength, relative to the mean loss per example
  bool naive_bayes = true;  // scale each feature's penalty by its log-count ratio
  double nb_alpha = 1.0;    // smoothing of the naive-Bayes counts
  double nb_floor = 0.1;    // smallest |log-count ratio| used, so no feature is frozen at 0
  // Also scale each feature's penalty by 1/idf^2 (idf = ln((1 + N) / (1 + df)) + 1 over the
  // output's examples): the same as tf-idf input, rare n-grams being cheaper to use.
  bool idf = false;
  int iterations = 150;  // L-BFGS iterations per output
  int threads = 2;       // outputs trained at once
  // Outputs to fit (experiments); the others keep zero weights. Empty: all.
  std::vector<int> only_outputs;
  double clip_quantile = 1.0;  // weights beyond this quantile of |w| saturate in int8
  // Example weight per set (name -> weight); sets not named weigh 1.
  std::map<std::string, double> set_weights;
  // After calibrating, retrain on train + calibration with the same settings, keeping the
  // calibration: more data for the weights at the price of a slightly stale calibration.
  bool refit = false;
};

// Trains on the kTrain split of `sets` and calibrates on their kCalibration split. Progress goes
// to `log` when not null. Fails only when an output has no positive or no negative examples.
Result<Model> Train(const std::vector<DataSet>& sets, const TrainOptions& options,
                    std::ostream* log);

}  // namespace stalkguard::classifier
