// `stalkguard classify [--model FILE] [--patterns DIR]`: scores one message per line of standard
// input and prints one JSON object per line: {"scores": {...}, "findings": [...]}, the findings
// of the classifier and of the stalking phrase patterns together.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "apps/stalkguard/commands.h"
#include "classifier/classifier.h"
#include "core/data_path.h"
#include "core/utf8.h"
#include "detectors/abuse/text_layer.h"

namespace stalkguard::cli {
namespace {

// Keys in the order a reader expects them: scores before findings, outputs in model order.
using json = nlohmann::ordered_json;

// Four decimals are all a score means; full float precision only adds noise to the output.
double Round4(double v) { return std::round(v * 10000.0) / 10000.0; }

int RunClassify(const std::string& model_path, const std::string& patterns_dir) {
  auto layer = detect::TextLayer::Load(patterns_dir, model_path);
  if (!layer) {
    std::fprintf(stderr, "stalkguard classify: %s\n", layer.error().message.c_str());
    return kExitFailed;
  }
  detect::TextLayer::Scratch scratch;
  text::NormalizedText normalized;
  std::vector<Finding> findings;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    classifier::Scores scores;
    if (auto analysed = layer->Analyze(line, normalized, findings, scratch, &scores); !analysed) {
      std::fprintf(stderr, "stalkguard classify: %s\n", analysed.error().message.c_str());
      return kExitFailed;
    }
    json out;
    json& score_object = out["scores"] = json::object();
    for (int o = 0; o < classifier::kNumOutputs; ++o) {
      score_object[std::string(classifier::kOutputNames[o])] = Round4(scores[o]);
    }
    json& listed = out["findings"] = json::array();
    for (const Finding& f : findings) {
      listed.push_back({{"detector", f.detector},
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
  auto patterns = std::make_shared<std::string>();
  command->add_option("--model", *model,
                      "model file (default: $STALKGUARD_MODEL, else models/classifier.sgm beside "
                      "the binary's tree)");
  command->add_option("--patterns", *patterns,
                      "pattern folder (default: $STALKGUARD_PATTERNS, else config/patterns)");
  command->callback([&exit_code, model, patterns] {
    exit_code = RunClassify(
        model->empty() ? classifier::DefaultModelPath() : *model,
        patterns->empty() ? FindDataPath("config/patterns", "STALKGUARD_PATTERNS") : *patterns);
  });
}

}  // namespace stalkguard::cli
