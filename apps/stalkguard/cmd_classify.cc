// `stalkguard classify [--model FILE]`: scores one message per line of standard input and prints
// one JSON object per line: {"scores": {...}, "findings": [...]}.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "apps/stalkguard/commands.h"
#include "classifier/classifier.h"
#include "core/utf8.h"

namespace stalkguard::cli {
namespace {

// Keys in the order a reader expects them: scores before findings, outputs in model order.
using json = nlohmann::ordered_json;

// Four decimals are all a score means; full float precision only adds noise to the output.
double Round4(double v) { return std::round(v * 10000.0) / 10000.0; }

int RunClassify(const std::string& model_path) {
  auto classifier = classifier::Classifier::Load(model_path);
  if (!classifier) {
    std::fprintf(stderr, "stalkguard classify: %s\n", classifier.error().message.c_str());
    return kExitFailed;
  }
  classifier::ClassifierScratch scratch;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const classifier::Scores scores = classifier->Classify(line, scratch);
    json out;
    json& score_object = out["scores"] = json::object();
    for (int o = 0; o < classifier::kNumOutputs; ++o) {
      score_object[std::string(classifier::kOutputNames[o])] = Round4(scores[o]);
    }
    json& findings = out["findings"] = json::array();
    for (const Finding& f : classifier->Findings(line, scores, scratch)) {
      findings.push_back({{"detector", f.detector},
                          {"category", f.category},
                          {"score", Round4(f.score)},
                          {"severity", ToString(f.severity)},
                          {"span", {{"begin", f.span.begin}, {"end", f.span.end}}},
                          {"excerpt", SanitizeUtf8(std::string_view(line).substr(
                                          f.span.begin, f.span.end - f.span.begin))},
                          {"why", f.why}});
    }
    // Invalid UTF-8 in the input only reaches the excerpt, which is sanitised above.
    std::cout << out.dump() << '\n';
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace

void AddClassifyCommand(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "classify", "Score messages (one per line on stdin) for abuse; print JSON lines");
  auto model = std::make_shared<std::string>();
  command->add_option("--model", *model,
                      "model file (default: $STALKGUARD_MODEL, else models/classifier.sgm beside "
                      "the binary's tree)");
  command->callback([&exit_code, model] {
    exit_code = RunClassify(model->empty() ? classifier::DefaultModelPath() : *model);
  });
}

}  // namespace stalkguard::cli
