// Train: fits the classifier from labelled data. Per output, a logistic regression over the
// hashed features of every example whose set labels that output, with naive-Bayes feature
// scaling (NB-LR, Wang & Manning 2012) expressed as a per-feature L2 penalty; full-batch L-BFGS;
// for some outputs averaged with a second fit that has the scaling switched the other way or
// with a fit on a few sets alone, and for some read from the margins of every output
// (stacking) instead of their own alone; weights quantised to int8 with a per-output scale;
// Platt scaling and an F1-best threshold per output fitted on the calibration split, after
// quantisation, so the shipped file is what was calibrated. Deterministic: same data and
// options, same bytes.
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
  // Per output (name -> share): a second fit with naive-Bayes scaling switched the other way,
  // averaged into the weights with this share (Wang & Manning interpolate NB and plain weights
  // in the same spirit). Both fits are linear in the same features, so the blend costs nothing
  // at inference. Its L2 strength comes from blend_l2 (name -> l2), or is the output's own.
  // Insult: OLID +0.0003, own +0.012; spam (stacked as well): SMS F1 0.942 -> 0.963 at the
  // calibrated threshold, AUC unchanged (docs/evaluation.md, What we tried).
  std::map<std::string, double> output_blend = {{"insult", 0.5}, {"spam", 0.5}};
  std::map<std::string, double> blend_l2 = {{"insult", 1.6e-5}, {"spam", 1e-6}};
  // Per output (name -> share): a third fit, with the output's own settings, on the sets that
  // specialist_sets names for it alone, averaged in with this share. A shared output also has
  // to agree with every set's notion of it; toxic's tweets (Davidson, OLID, trolls, HateCheck)
  // outnumber the talk-page comments and our own stalking messages, and a fit on those two
  // alone, a third of the weights, raised Jigsaw 0.9653 -> 0.9666 and own toxic 0.856 -> 0.875,
  // for OLID 0.799 -> 0.786 and Davidson 0.985 -> 0.981. Threat: only HateCheck and our
  // examples hold threats, the other sets give it negatives alone; half its weights from a fit
  // on those two: own threat 0.880 -> 0.888, HateCheck 1.000 -> 0.999, and "see you saturday
  // x" falls under its threshold (docs/evaluation.md, What we tried).
  std::map<std::string, double> output_specialist = {{"toxic", 0.3}, {"threat", 0.5}};
  std::map<std::string, std::vector<std::string>> specialist_sets = {
      {"toxic", {"jigsaw_toxic_subset", "own_examples"}},
      {"threat", {"hatecheck", "own_examples"}}};
  std::map<std::string, double> specialist_l2;  // name -> L2 of the specialist fit
  // Outputs whose score is stacked: read from the margins of all six outputs (a logistic
  // regression on the calibration split) instead of Platt scaling of their own margin; their
  // weights become that mix of every output's weights. stack_l2 is the penalty on the other
  // outputs' coefficients, relative to the total calibration weight. Insult gains from the
  // toxic margin (OLID +0.015), spam a little from the others (SMS +0.002); toxic itself lost
  // 0.008 on Jigsaw and 0.035 on OLID, and threat, blended and stacked, scored short friendly
  // messages ("see you saturday x") over its lower threshold, so neither is.
  std::vector<int> stack_outputs = {kInsult, kSpam};
  double stack_l2 = 1e-3;
  // After calibrating, retrain on train + calibration with the same settings, keeping the
  // calibration: more data for the weights at the price of a slightly stale calibration.
  bool refit = false;
};

// Trains on the kTrain split of `sets` and calibrates on their kCalibration split. Progress goes
// to `log` when not null. Fails only when an output has no positive or no negative examples.
Result<Model> Train(const std::vector<DataSet>& sets, const TrainOptions& options,
                    std::ostream* log);

}  // namespace stalkguard::classifier
