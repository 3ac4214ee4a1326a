// TextLayer: everything that reads a message's words, run once per event before the event
// detectors: normalisation (text/normalizer.h), the abuse classifier (classifier/) and the
// stalking phrase patterns (text/pattern_set.h). Its findings are the raw material of the
// abuse, whereabouts, rumours and conduct detectors.
//
//   SG_ASSIGN_OR_RETURN(TextLayer layer, TextLayer::Load(patterns_dir, model_path));
//   TextLayer::Scratch scratch;  // one per thread
//   SG_RETURN_IF_ERROR(layer.Analyze(event.text, normalized, findings, scratch));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "classifier/classifier.h"
#include "core/finding.h"
#include "core/result.h"
#include "text/normalizer.h"
#include "text/pattern_set.h"

namespace stalkguard::detect {

class TextLayer {
 public:
  struct Scratch {
    classifier::ClassifierScratch classifier;
  };

  // Loads the pattern files in `patterns_dir` and the model at `model_path`; fails with the
  // reason (which file, which line) when either cannot be used.
  static Result<TextLayer> Load(const std::string& patterns_dir, const std::string& model_path);
  TextLayer(text::PatternSet patterns, classifier::Classifier classifier);

  // Normalises `text` into `normalized` and replaces `findings` with the classifier's and the
  // patterns' findings on it (spans in `text`, event_id empty, excerpts filled), and fills
  // `scores` with the classifier's scores when given. Safe from several threads at once, each
  // with its own scratch.
  Status Analyze(std::string_view text, text::NormalizedText& normalized,
                 std::vector<Finding>& findings, Scratch& scratch,
                 classifier::Scores* scores = nullptr) const;

  const classifier::Classifier& classifier() const { return classifier_; }

 private:
  text::PatternSet patterns_;
  classifier::Classifier classifier_;
};

}  // namespace stalkguard::detect
