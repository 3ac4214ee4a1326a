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
  // The defaults below are the shipped model's settings, chosen on the validation split
  // (docs/evaluation.md lists what else was tried).
  double l2 = 4e-6;         // L2 strength, relative to the mean loss per example
  bool naive_bayes = true;  // scale each feature's penalty by its log-count ratio
  double nb_alpha = 1.0;    // smoothing of the naive-Bayes counts
  double nb_floor = 0.1;    // smallest |log-count ratio| used, so no feature is frozen at 0
  // How far naive-Bayes scaling goes: the penalty is l2 / |r|^(2 * nb_power), so 1 is NB-LR
  // and 0 plain LR, and values between interpolate (in the spirit of Wang & Manning's beta).
  double nb_power = 1.0;
  // Also scale each feature's penalty by 1/idf^2 (idf = ln((1 + N) / (1 + df)) + 1 over the
  // output's examples): the same as tf-idf input, rare n-grams being cheaper to use.
  bool idf = false;
  int iterations = 150;  // L-BFGS iterations per output
  int threads = 2;       // outputs trained at once
  // Outputs to fit (experiments); the others keep zero weights. Empty: all.
  std::vector<int> only_outputs;
  double clip_quantile = 1.0;  // weights beyond this quantile of |w| saturate in int8
  // Example weight per set (name -> weight); sets not named weigh 1. Our own examples are few
  // but are the only stalking and sexual-coercion data; SMS spam is the short-message spam the
  // tool meets, outweighed otherwise by e-mail; the cyber-troll labels are so noisy that at full
  // weight they lowered the toxic AUC of every other set.
  std::map<std::string, double> set_weights = {
      {"own_examples", 5.0}, {"sms_spam", 10.0}, {"cyber_trolls", 0.05}};
  // Weight of one set for one output ("set.output" -> weight), in place of its set weight. The
  // Jigsaw comments are the only long-form talk-page text among the toxic output's sets; at
  // weight 2 for toxic their AUC rose 0.963 -> 0.966 (their "not abusive" labels at weight 2
  // for every output cost OLID insult 0.007).
  std::map<std::string, double> set_output_weights = {{"jigsaw_toxic_subset.toxic", 2.0}};
  // Per-output overrides of l2 and naive_bayes (output name -> value). Outputs are separate
  // problems, so each is tuned on its own.
  std::map<std::string, double> output_l2 = {
      {"identity_attack", 1e-6}, {"threat", 1e-6}, {"spam", 3e-7}};
  std::map<std::string, bool> output_naive_bayes = {{"identity_attack", false}, {"threat", false}};
  std::map<std::string, double> output_nb_power;
  // After calibrating, retrain on train + calibration with the same settings, keeping the
  // calibration: more data for the weights at the price of a slightly stale calibration.
  bool refit = false;
};

// Trains on the kTrain split of `sets` and calibrates on their kCalibration split. Progress goes
// to `log` when not null. Fails only when an output has no positive or no negative examples.
Result<Model> Train(const std::vector<DataSet>& sets, const TrainOptions& options,
                    std::ostream* log);

}  // namespace stalkguard::classifier
