// evaluate_classifier: figures of the classifier on our validation split of every data set,
// next to the plain fastText baseline, and its recall on perturbed abusive messages.
// tools/evaluate.sh runs the whole comparison; the steps are:
//
//   evaluate_classifier --export-fasttext DIR     # fastText train/valid files per set/output
//   evaluate_classifier --model M --baseline DIR  # our figures next to fastText's predictions
//   evaluate_classifier --model M --robustness    # recall before and after perturbation
#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "classifier/classifier.h"
#include "classifier/datasets.h"
#include "classifier/metrics.h"
#include "classifier/perturb.h"

namespace sg = stalkguard;
namespace cls = stalkguard::classifier;

namespace {

// fastText reads whitespace-separated tokens: lower case, punctuation split off, one line.
std::string FastTextLine(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else if (c < 0x80 && !std::isalnum(c) && c != '\'') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      out.push_back(static_cast<char>(c));
      out.push_back(' ');
    } else {
      out.push_back(static_cast<char>(std::tolower(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string RowName(const cls::DataSet& set, int output) {
  return set.name + "." + std::string(cls::kOutputNames[output]);
}

int ExportFastText(const std::vector<cls::DataSet>& sets, const std::string& dir) {
  for (const cls::DataSet& set : sets) {
    for (const int o : set.reported) {
      std::ofstream train(dir + "/" + RowName(set, o) + ".train.txt");
      std::ofstream valid(dir + "/" + RowName(set, o) + ".valid.txt");
      if (!train || !valid) {
        std::cerr << "cannot write into " << dir << "\n";
        return 1;
      }
      for (const cls::LabeledText& e : set.examples) {
        if (e.labels[o] == cls::kUnknown) continue;
        std::ofstream& out = cls::SplitOf(e.text) == cls::Split::kValidation ? valid : train;
        out << "__label__" << int{e.labels[o]} << " " << FastTextLine(e.text) << "\n";
      }
    }
  }
  return 0;
}

// P(label 1) per line of `fasttext predict-prob MODEL FILE 2`: "__label__1 0.93 __label__0 0.07".
bool ReadBaseline(const std::string& path, std::vector<double>& scores) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string label;
    double p = 0, positive = -1;
    while (fields >> label >> p) {
      if (label == "__label__1") positive = p;
      if (label == "__label__0" && positive < 0) positive = 1 - p;
    }
    // fastText prints probabilities clipped to [1e-5, 1]; ties among them are real ties.
    scores.push_back(positive < 0 ? 0 : positive);
  }
  return true;
}

std::string Fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string Signed(double v) { return (v >= 0 ? "+" : "") + Fixed(v, 4); }

// `bootstrap`: resamples of the paired bootstrap of our AUC minus fastText's (0: none).
void PrintEvaluation(const std::vector<cls::DataSet>& sets, const cls::Classifier& classifier,
                     const std::string& baseline_dir, bool oracle, int bootstrap) {
  cls::ClassifierScratch scratch;
  const bool compare = !baseline_dir.empty() && bootstrap > 0;
  std::cout << "| data set | output | n | pos | AUC | P | R | F1 |";
  if (!baseline_dir.empty()) std::cout << " fastText AUC | P | R | F1 |";
  if (compare) std::cout << " AUC difference | standard error | 95 % interval | ours ahead |";
  std::cout << "\n|---|---|---:|---:|---:|---:|---:|---:|";
  if (!baseline_dir.empty()) std::cout << "---:|---:|---:|---:|";
  if (compare) std::cout << "---:|---:|---:|---:|";
  std::cout << "\n";
  for (const cls::DataSet& set : sets) {
    std::vector<std::pair<const cls::LabeledText*, cls::Scores>> scored;
    for (const cls::LabeledText& e : set.examples) {
      if (cls::SplitOf(e.text) != cls::Split::kValidation) continue;
      scored.emplace_back(&e, classifier.Classify(e.text, scratch));
    }
    for (const int o : set.reported) {
      cls::BinaryMeter ours;
      std::vector<bool> labels;
      std::vector<double> our_scores;
      for (const auto& [e, scores] : scored) {
        if (e->labels[o] == cls::kUnknown) continue;
        ours.Add(scores[o], e->labels[o] == 1);
        labels.push_back(e->labels[o] == 1);
        our_scores.push_back(scores[o]);
      }
      const cls::BinaryMetrics m = ours.Compute(classifier.threshold(o));
      std::cout << "| " << set.name << " | " << cls::kOutputNames[o] << " | " << ours.size()
                << " | " << m.positives << " | " << Fixed(m.roc_auc, 4) << " | "
                << Fixed(m.precision, 3) << " | " << Fixed(m.recall, 3) << " | " << Fixed(m.f1, 3)
                << " |";
      if (oracle) {
        // What a threshold chosen on the validation split itself would give: an upper bound
        // for diagnosis, never a reported figure.
        const double t = ours.BestF1Threshold();
        std::cout << " oracle " << Fixed(t, 3) << " F1 " << Fixed(ours.Compute(t).f1, 3) << " |";
      }
      if (!baseline_dir.empty()) {
        std::vector<double> predictions;
        const std::string path = baseline_dir + "/" + RowName(set, o) + ".pred";
        if (!ReadBaseline(path, predictions) || predictions.size() != labels.size()) {
          std::cout << " missing | | | |";
        } else {
          cls::BinaryMeter baseline;
          for (size_t i = 0; i < labels.size(); ++i) baseline.Add(predictions[i], labels[i]);
          const cls::BinaryMetrics b = baseline.Compute(0.5);
          std::cout << " " << Fixed(b.roc_auc, 4) << " | " << Fixed(b.precision, 3) << " | "
                    << Fixed(b.recall, 3) << " | " << Fixed(b.f1, 3) << " |";
          if (compare) {
            const cls::AucDifference d =
                cls::PairedBootstrapAuc(our_scores, predictions, labels, bootstrap, 1);
            std::cout << " " << Signed(d.difference) << " | " << Fixed(d.standard_error, 4) << " | "
                      << Signed(d.low) << " to " << Signed(d.high) << " | "
                      << Fixed(100 * d.share_a_ahead, 0) << " % |";
          }
        }
      }
      std::cout << "\n";
    }
  }
}

// How many examples of each set fall in each split.
void PrintSplits(const std::vector<cls::DataSet>& sets) {
  std::cout << "| data set | train | calibration | validation |\n|---|---:|---:|---:|\n";
  for (const cls::DataSet& set : sets) {
    int64_t counts[3] = {0, 0, 0};
    for (const cls::LabeledText& e : set.examples) ++counts[static_cast<int>(cls::SplitOf(e.text))];
    std::cout << "| " << set.name << " | " << counts[0] << " | " << counts[1] << " | " << counts[2]
              << " |\n";
  }
}

uint64_t TextSeed(std::string_view text, cls::Perturbation kind) {
  uint64_t h = 1469598103934665603ULL ^ (static_cast<uint64_t>(kind) + 1) * 0x9E3779B97F4A7C15ULL;
  for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

// Recall at the shipped thresholds on abusive validation messages, as written and perturbed.
void PrintRobustness(const std::vector<cls::DataSet>& sets, const cls::Classifier& classifier) {
  cls::ClassifierScratch scratch;
  std::cout << "| output | positives | recall as written |";
  for (const cls::Perturbation kind : cls::kAllPerturbations) {
    std::cout << " " << cls::PerturbationName(kind) << " |";
  }
  std::cout << " largest drop (points) |\n|---|---:|---:|";
  for (size_t k = 0; k < std::size(cls::kAllPerturbations); ++k) std::cout << "---:|";
  std::cout << "---:|\n";
  for (int o = 0; o < cls::kNumOutputs; ++o) {
    if (o == cls::kSpam) continue;  // spam is not abuse; nobody obfuscates to get flagged
    int64_t positives = 0, caught = 0;
    std::vector<int64_t> caught_after(std::size(cls::kAllPerturbations), 0);
    for (const cls::DataSet& set : sets) {
      for (const cls::LabeledText& e : set.examples) {
        if (e.labels[o] != 1 || cls::SplitOf(e.text) != cls::Split::kValidation) continue;
        ++positives;
        caught += classifier.Classify(e.text, scratch)[o] >= classifier.threshold(o);
        for (size_t k = 0; k < std::size(cls::kAllPerturbations); ++k) {
          const cls::Perturbation kind = cls::kAllPerturbations[k];
          const std::string perturbed = cls::Perturb(e.text, kind, TextSeed(e.text, kind));
          caught_after[k] += classifier.Classify(perturbed, scratch)[o] >= classifier.threshold(o);
        }
      }
    }
    if (positives == 0) continue;
    const double before = 100.0 * static_cast<double>(caught) / static_cast<double>(positives);
    std::cout << "| " << cls::kOutputNames[o] << " | " << positives << " | " << Fixed(before, 1)
              << " |";
    double worst = 0;
    for (const int64_t after : caught_after) {
      const double recall = 100.0 * static_cast<double>(after) / static_cast<double>(positives);
      worst = std::max(worst, before - recall);
      std::cout << " " << Fixed(recall, 1) << " |";
    }
    std::cout << " " << Fixed(worst, 1) << " |\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Evaluate the stalkguard text classifier on the validation split"};
  std::string data_dir = "../shared/data";
  std::string own = "data/own_examples.tsv";
  std::string model_path = "models/classifier.sgm";
  std::string export_dir, baseline_dir, perturb_kind;
  bool robustness = false, oracle = false, splits = false;
  app.add_option("--data", data_dir, "folder of the public data sets")->capture_default_str();
  app.add_option("--own", own, "our own labelled examples")->capture_default_str();
  app.add_option("--model", model_path)->capture_default_str();
  app.add_option("--export-fasttext", export_dir, "write fastText train/valid files here");
  app.add_option("--baseline", baseline_dir, "folder of fastText .pred files to compare with");
  app.add_flag("--robustness", robustness, "recall on perturbed abusive messages");
  app.add_flag("--splits", splits, "print the size of each split of each set and exit");
  app.add_flag("--oracle", oracle, "also print the F1-best threshold of each row (diagnosis)");
  int bootstrap = 0;
  app.add_option("--bootstrap", bootstrap,
                 "N: with --baseline, our AUC minus fastText's with its spread over N paired "
                 "bootstrap resamples of each row");
  app.add_option("--perturb", perturb_kind, "print stdin lines perturbed this way and exit");
  std::string dump;
  app.add_option("--dump", dump,
                 "SET.OUTPUT: print label, score and text of that set's validation messages "
                 "(diagnosis)");
  bool prepare = false;
  app.add_flag("--prepare", prepare,
               "print each stdin line as the model reads it (normalised, tokens joined) and exit");
  CLI11_PARSE(app, argc, argv);

  if (!perturb_kind.empty()) {
    const auto kind = cls::PerturbationFromName(perturb_kind);
    if (!kind) {
      std::cerr << "unknown perturbation " << perturb_kind << "\n";
      return 1;
    }
    std::string line;
    while (std::getline(std::cin, line)) {
      std::cout << cls::Perturb(line, *kind, TextSeed(line, *kind)) << "\n";
    }
    return 0;
  }
  if (prepare) {
    const cls::FeatureExtractor extractor(cls::FeatureOptions{});
    cls::FeatureScratch scratch;
    std::string line;
    while (std::getline(std::cin, line)) {
      extractor.Tokenize(line, scratch);
      std::cout << scratch.joined << "\n";
    }
    return 0;
  }
  auto sets = cls::LoadDataSets(data_dir, own);
  if (!sets) {
    std::cerr << "evaluate_classifier: " << sets.error().message << "\n";
    return 1;
  }
  if (!export_dir.empty()) return ExportFastText(*sets, export_dir);
  if (splits) {
    PrintSplits(*sets);
    return 0;
  }

  const auto start = std::chrono::steady_clock::now();
  auto classifier = cls::Classifier::Load(model_path);
  if (!classifier) {
    std::cerr << "evaluate_classifier: " << classifier.error().message << "\n";
    return 1;
  }
  const double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::cout << "Model " << model_path << " loaded in " << Fixed(load_ms, 1) << " ms. Thresholds:";
  for (int o = 0; o < cls::kNumOutputs; ++o) {
    std::cout << " " << cls::kOutputNames[o] << " " << Fixed(classifier->threshold(o), 3);
  }
  std::cout << "\n\n";
  if (!dump.empty()) {
    const size_t dot = dump.rfind('.');
    const auto output =
        dot == std::string::npos ? std::nullopt : cls::OutputFromName(dump.substr(dot + 1));
    if (!output) {
      std::cerr << "--dump wants SET.OUTPUT, got " << dump << "\n";
      return 1;
    }
    cls::ClassifierScratch scratch;
    for (const cls::DataSet& set : *sets) {
      if (set.name != dump.substr(0, dot)) continue;
      for (const cls::LabeledText& e : set.examples) {
        if (cls::SplitOf(e.text) != cls::Split::kValidation || e.labels[*output] == cls::kUnknown)
          continue;
        std::string line = e.text;
        for (char& c : line) c = c == '\n' || c == '\t' ? ' ' : c;
        std::cout << int{e.labels[*output]} << "\t"
                  << Fixed(classifier->Classify(e.text, scratch)[*output], 4) << "\t" << line
                  << "\n";
      }
    }
    return 0;
  }
  if (robustness) {
    PrintRobustness(*sets, *classifier);
  } else {
    PrintEvaluation(*sets, *classifier, baseline_dir, oracle, bootstrap);
  }
  return 0;
}
