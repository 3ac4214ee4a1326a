// train_classifier: reproduces the shipped model from ../shared/data and data/own_examples.tsv.
//
//   build/release/src/classifier/train_classifier --out models/classifier.sgm
//
// models/README.md has the exact command behind the shipped file.
#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <tuple>

#include "classifier/datasets.h"
#include "classifier/trainer.h"

namespace sg = stalkguard;
namespace cls = stalkguard::classifier;

int main(int argc, char** argv) {
  CLI::App app{"Train the stalkguard text classifier"};
  std::string data_dir = "../shared/data";
  std::string own = "data/own_examples.tsv";
  std::string out = "models/classifier.sgm";
  cls::TrainOptions options;
  bool no_nb = false, no_norm = false;
  std::vector<std::string> set_weights;
  std::vector<std::string> only, output_l2, output_nb, output_nb_power, blend, blend_l2, specialist,
      specialist_l2;
  app.add_option("--data", data_dir, "folder of the public data sets")->capture_default_str();
  app.add_option("--own", own, "our own labelled examples")->capture_default_str();
  app.add_option("--out", out, "model file to write")->capture_default_str();
  app.add_option("--bucket-bits", options.features.bucket_bits, "log2 of hash buckets")
      ->capture_default_str();
  app.add_option("--char-min", options.features.char_min)->capture_default_str();
  app.add_option("--char-max", options.features.char_max)->capture_default_str();
  app.add_option("--word-ngrams", options.features.word_ngrams)->capture_default_str();
  app.add_option("--squeeze", options.features.squeeze_repeats,
                 "letter runs: 0 kept; 1 squeezed in character n-grams; 2 also a word's squeezed "
                 "form as a second feature")
      ->capture_default_str();
  app.add_option("--shapes", options.features.shapes, "0: no digit-shape features")
      ->capture_default_str();
  app.add_option("--l2", options.l2, "L2 strength")->capture_default_str();
  app.add_option("--iterations", options.iterations, "L-BFGS iterations")->capture_default_str();
  app.add_option("--nb-floor", options.nb_floor)->capture_default_str();
  app.add_option("--nb-power", options.nb_power, "0: plain LR .. 1: NB-LR")->capture_default_str();
  app.add_option("--output-nb-power", output_nb_power, "OUTPUT=POWER: --nb-power for one output");
  app.add_option("--clip-quantile", options.clip_quantile)->capture_default_str();
  app.add_option("--threads", options.threads)->capture_default_str();
  app.add_option("--set-weight", set_weights,
                 "NAME=WEIGHT or NAME.OUTPUT=WEIGHT, e.g. own_examples=3, olid.toxic=0.5");
  app.add_option("--only", only, "fit only these outputs (experiments)");
  app.add_option("--output-l2", output_l2, "OUTPUT=L2, e.g. spam=1e-5");
  app.add_option("--output-nb", output_nb, "OUTPUT=0|1: naive-Bayes scaling for one output");
  app.add_option("--blend", blend,
                 "OUTPUT=SHARE: average in a fit with naive-Bayes scaling switched the other way");
  app.add_option("--blend-l2", blend_l2, "OUTPUT=L2: the L2 strength of that second fit");
  app.add_option("--specialist", specialist,
                 "OUTPUT=SHARE: average in a fit on its --specialist-sets alone");
  app.add_option("--specialist-l2", specialist_l2, "OUTPUT=L2: the L2 strength of that fit");
  std::vector<std::string> specialist_sets;
  app.add_option("--specialist-sets", specialist_sets,
                 "OUTPUT=SET,SET...: the sets that output's specialist fit learns from");
  std::vector<std::string> stack;
  app.add_option("--stack", stack,
                 "OUTPUT ...: the outputs scored from every output's margin, in place of the "
                 "default list (none: no stacking)");
  app.add_option("--stack-l2", options.stack_l2, "penalty on the other outputs' coefficients")
      ->capture_default_str();
  app.add_flag("--no-nb", no_nb, "plain logistic regression, no naive-Bayes scaling");
  app.add_flag("--no-length-norm", no_norm, "no 1/sqrt(features) length factor");
  app.add_flag("--idf", options.idf, "scale penalties by 1/idf^2 (tf-idf)");
  app.add_flag("--refit", options.refit, "retrain on train+calibration after calibrating");
  CLI11_PARSE(app, argc, argv);
  options.naive_bayes = !no_nb;
  if (no_norm) options.length_norm = cls::LengthNorm::kNone;
  for (const std::string& sw : set_weights) {
    const size_t eq = sw.find('=');
    if (eq == std::string::npos) {
      std::cerr << "--set-weight wants NAME=WEIGHT, got " << sw << "\n";
      return 1;
    }
    // NAME.OUTPUT=WEIGHT weighs a set for one output only.
    const std::string name = sw.substr(0, eq);
    const size_t dot = name.rfind('.');
    if (dot != std::string::npos && cls::OutputFromName(name.substr(dot + 1))) {
      options.set_output_weights[name] = std::stod(sw.substr(eq + 1));
    } else {
      options.set_weights[name] = std::stod(sw.substr(eq + 1));
    }
  }
  // OUTPUT=VALUE options, each into its map of the training options.
  const auto naive_bayes = [&](const std::string& name, double value) {
    options.output_naive_bayes[name] = value != 0;
  };
  const auto into = [](std::map<std::string, double>& map) {
    return [&map](const std::string& name, double value) { map[name] = value; };
  };
  const std::vector<std::tuple<const std::vector<std::string>*, const char*,
                               std::function<void(const std::string&, double)>>>
      per_output = {{&output_l2, "--output-l2", into(options.output_l2)},
                    {&output_nb, "--output-nb", naive_bayes},
                    {&output_nb_power, "--output-nb-power", into(options.output_nb_power)},
                    {&blend, "--blend", into(options.output_blend)},
                    {&blend_l2, "--blend-l2", into(options.blend_l2)},
                    {&specialist, "--specialist", into(options.output_specialist)},
                    {&specialist_l2, "--specialist-l2", into(options.specialist_l2)}};
  for (const auto& [list, flag, set] : per_output) {
    for (const std::string& item : *list) {
      const size_t eq = item.find('=');
      if (eq == std::string::npos || !cls::OutputFromName(item.substr(0, eq))) {
        std::cerr << flag << " wants OUTPUT=VALUE, got " << item << "\n";
        return 1;
      }
      set(item.substr(0, eq), std::stod(item.substr(eq + 1)));
    }
  }
  for (const std::string& item : specialist_sets) {
    const size_t eq = item.find('=');
    if (eq == std::string::npos || !cls::OutputFromName(item.substr(0, eq))) {
      std::cerr << "--specialist-sets wants OUTPUT=SET,SET..., got " << item << "\n";
      return 1;
    }
    std::vector<std::string>& names = options.specialist_sets[item.substr(0, eq)];
    names.clear();
    for (size_t start = eq + 1; start <= item.size();) {
      const size_t comma = std::min(item.find(',', start), item.size());
      if (comma > start) names.push_back(item.substr(start, comma - start));
      start = comma + 1;
    }
  }
  for (const std::string& name : only) {
    const auto output = cls::OutputFromName(name);
    if (!output) {
      std::cerr << "--only: no output named " << name << "\n";
      return 1;
    }
    options.only_outputs.push_back(*output);
  }
  if (!stack.empty()) options.stack_outputs.clear();
  for (const std::string& name : stack) {
    if (name == "none") continue;
    const auto output = cls::OutputFromName(name);
    if (!output) {
      std::cerr << "--stack: no output named " << name << "\n";
      return 1;
    }
    options.stack_outputs.push_back(*output);
  }
  auto sets = cls::LoadDataSets(data_dir, own);
  if (!sets) {
    std::cerr << "train_classifier: " << sets.error().message << "\n";
    return 1;
  }
  auto model = cls::Train(*sets, options, &std::cerr);
  if (!model) {
    std::cerr << "train_classifier: " << model.error().message << "\n";
    return 1;
  }
  if (auto status = cls::WriteModelFile(*model, out); !status) {
    std::cerr << "train_classifier: " << status.error().message << "\n";
    return 1;
  }
  std::cerr << "wrote " << out << "\n";
  return 0;
}
