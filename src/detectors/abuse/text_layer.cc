#include "detectors/abuse/text_layer.h"

#include "detectors/detector.h"

namespace stalkguard::detect {

Result<TextLayer> TextLayer::Load(const std::string& patterns_dir, const std::string& model_path) {
  SG_ASSIGN_OR_RETURN(text::PatternSet patterns, text::PatternSet::Load(patterns_dir));
  SG_ASSIGN_OR_RETURN(classifier::Classifier model, classifier::Classifier::Load(model_path));
  return TextLayer(std::move(patterns), std::move(model));
}

TextLayer::TextLayer(text::PatternSet patterns, classifier::Classifier classifier)
    : patterns_(std::move(patterns)), classifier_(std::move(classifier)) {}

Status TextLayer::Analyze(std::string_view text, text::NormalizedText& normalized,
                          std::vector<Finding>& findings, Scratch& scratch,
                          classifier::Scores* scores_out) const {
  findings.clear();
  text::Normalize(text, normalized);
  if (scores_out != nullptr) scores_out->fill(0);
  if (normalized.text.empty()) return OkStatus();
  const classifier::Scores scores = classifier_.ClassifyNormalized(normalized, scratch.classifier);
  if (scores_out != nullptr) *scores_out = scores;
  findings = classifier_.FindingsNormalized(normalized, scores, scratch.classifier);
  SG_RETURN_IF_ERROR(patterns_.Scan(normalized, findings));
  for (Finding& f : findings) f.excerpt = MakeExcerpt(text, f.span);
  return OkStatus();
}

}  // namespace stalkguard::detect
