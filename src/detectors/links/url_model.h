// UrlModel: the small learned part of the link judge, a logistic regression over hashed
// features of one link (character 3- to 5-grams of its host and path, its words, its shape and
// the heuristic reasons it showed), with int8 weights. `evaluate_links train` fits it on the
// ISCX-URL-2016 training split; docs/evaluation-links.md has the command and its figures, and
// docs/detectors/links.md the file layout: "SGURLMDL", a version, the feature set, bias, scale,
// the weights and a CRC-32.
//
//   SG_ASSIGN_OR_RETURN(UrlModel model, ReadUrlModelFile("models/links.sgl"));
//   double p = model.Score(ids);  // ids from LinkJudge::ModelFeatures
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace stalkguard::links {

inline constexpr std::string_view kUrlModelMagic = "SGURLMDL";
inline constexpr uint32_t kUrlModelVersion = 1;
// Names the features this build extracts; a model made for other features is refused.
inline constexpr std::string_view kUrlFeatureSet = "url-v2";

struct UrlModel {
  uint32_t bucket_bits = 20;
  std::string feature_set = std::string(kUrlFeatureSet);
  float bias = 0;
  float scale = 1;              // a weight is scale * weights[bucket]
  std::vector<int8_t> weights;  // 1 << bucket_bits

  // The probability in [0, 1] that a link with these features is malicious. `ids` are
  // distinct buckets below 1 << bucket_bits; their sum is scaled by 1/sqrt(ids.size()).
  double Score(std::span<const uint32_t> ids) const;
};

std::string SerializeUrlModel(const UrlModel& model);
// Checks magic, version, feature set, sizes and checksum; `source` names the file in messages.
Result<UrlModel> ParseUrlModel(std::string_view bytes, std::string_view source);
Status WriteUrlModelFile(const UrlModel& model, const std::string& path);
Result<UrlModel> ReadUrlModelFile(const std::string& path);

struct UrlTrainOptions {
  uint32_t bucket_bits = 20;
  int epochs = 16;
  double learning_rate = 0.2;  // AdaGrad step
  double l2 = 1e-5;            // per update, on the weights touched
  uint64_t seed = 20160101;    // example order; the same seed gives the same bytes
};

// Fits a model on `features` (one list of distinct ids per example), `labels` (1 for
// malicious) and per-example `weights` (empty: all 1), then quantises it to int8.
// Deterministic for the same input and options.
UrlModel TrainUrlModel(std::span<const std::vector<uint32_t>> features,
                       std::span<const uint8_t> labels, std::span<const float> weights,
                       const UrlTrainOptions& options);

}  // namespace stalkguard::links
