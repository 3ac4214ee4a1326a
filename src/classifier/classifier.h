// Classifier: scores a message for six kinds of abuse (outputs.h) with a hashed linear model,
// and turns the scores over their thresholds into findings. Scoring a 5-60-word message takes a
// few microseconds and allocates nothing once the scratch buffers have grown.
//
//   SG_ASSIGN_OR_RETURN(Classifier classifier, Classifier::Load(DefaultModelPath()));
//   ClassifierScratch scratch;  // one per thread
//   Scores scores = classifier.Classify(message, scratch);
//   std::vector<Finding> findings = classifier.Findings(message, scores, scratch);
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/features.h"
#include "classifier/model_file.h"
#include "classifier/outputs.h"
#include "core/finding.h"
#include "core/result.h"
#include "text/normalizer.h"

namespace stalkguard::classifier {

// Calibrated scores in [0, 1], indexed by Output.
using Scores = std::array<float, kNumOutputs>;

// Stored detector name of the classifier's findings.
inline constexpr std::string_view kDetectorName = "text.classifier";

// Reusable buffers for Classify and Findings. One per thread; never shared.
struct ClassifierScratch {
  FeatureScratch features;
  std::vector<uint64_t> seen;  // one bit per bucket, all clear between calls
};

class Classifier {
 public:
  // Reads and checks a model file (model_file.h); fails with the reason when it is missing,
  // corrupt, of another version or trained on differently prepared input.
  static Result<Classifier> Load(const std::string& path);
  explicit Classifier(Model model);

  // Scores one message (any bytes; invalid UTF-8 is tolerated). Safe to call from several
  // threads at once, each with its own scratch.
  Scores Classify(std::string_view message, ClassifierScratch& scratch) const;

  // The same for a message normalised already with text::Normalize (so that the pattern layer
  // and the classifier share one normalisation).
  Scores ClassifyNormalized(const text::NormalizedText& normalized,
                            ClassifierScratch& scratch) const;

  // Raw margins (before calibration) of the last message; for training tools and tests.
  std::array<float, kNumOutputs> Margins(std::string_view message,
                                         ClassifierScratch& scratch) const;

  // One finding per output whose score is at or over its threshold: detector "text.classifier",
  // category the output's name, severity from text::SeverityForScore, span the words that
  // pushed the score up most (in `message`'s bytes), why "model: threat 0.93". event_id is left
  // empty for the caller to fill.
  std::vector<Finding> Findings(std::string_view message, const Scores& scores,
                                ClassifierScratch& scratch) const;
  // The same, from the message normalised already (as for ClassifyNormalized): spans still in
  // the original message's bytes, without normalising it a second time.
  std::vector<Finding> FindingsNormalized(const text::NormalizedText& normalized,
                                          const Scores& scores, ClassifierScratch& scratch) const;

  // The span of `message` that contributes most to `output`; empty when nothing does.
  TextSpan MostContributing(std::string_view message, int output, ClassifierScratch& scratch) const;

  float threshold(int output) const { return model_.outputs[output].threshold; }
  const Model& model() const { return model_; }

 private:
  struct Attribution;
  // Tokenises the prepared message into scratch and gathers what attributing any output needs;
  // `input` must outlive `a`.
  void Attribute(const text::NormalizedText& input, ClassifierScratch& scratch,
                 Attribution& a) const;
  // The span of the message behind `output`, from an Attribution of it.
  TextSpan Attributed(const Attribution& a, int output, ClassifierScratch& scratch,
                      std::vector<double>& contribution) const;
  // Sums each output's int8 weights over the message's distinct buckets; returns how many.
  uint32_t Accumulate(ClassifierScratch& scratch, std::array<int32_t, 8>& sums) const;
  // Scores from scratch.features.ids.
  Scores ScoreFeatures(ClassifierScratch& scratch) const;

  Model model_;
  FeatureExtractor extractor_;
  std::array<float, kNumOutputs> slope_;      // platt_a * scale
  std::array<float, kNumOutputs> intercept_;  // platt_a * bias + platt_b
};

// The shipped model: $STALKGUARD_MODEL when set, else models/classifier.sgm in the directory of
// the running binary or a directory above it (the build tree sits inside the source tree), else
// models/classifier.sgm relative to the working directory.
std::string DefaultModelPath();

}  // namespace stalkguard::classifier
