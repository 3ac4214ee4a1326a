// Model: the weights and calibration of a trained classifier, and its file format
// (docs/formats/model.md): the magic "SGTXTCLF", a version, the feature settings, per-output
// calibration, a table of int8 weights with one 8-byte row per hash bucket (six outputs and
// two bytes of padding, so one load fetches every output of a feature), and a CRC-32.
//
//   SG_ASSIGN_OR_RETURN(Model model, ReadModelFile("models/classifier.sgm"));
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/features.h"
#include "classifier/outputs.h"
#include "core/result.h"

namespace stalkguard::classifier {

inline constexpr std::string_view kModelMagic = "SGTXTCLF";
inline constexpr uint32_t kModelVersion = 3;
inline constexpr uint32_t kRowStride = 8;  // bytes per bucket row

// How one output's raw sum becomes a score: margin = bias + scale * sum(weights) * norm, where
// norm is 1/sqrt(distinct features) when length_norm is set, and score = 1 / (1 +
// exp(-(platt_a * margin + platt_b))). A finding is raised at score >= threshold.
struct OutputCalibration {
  float scale = 1;
  float bias = 0;
  float platt_a = 1;
  float platt_b = 0;
  float threshold = 0.5f;
};

enum class LengthNorm : uint32_t { kNone = 0, kInverseSqrt = 1 };

struct Model {
  FeatureOptions features;
  LengthNorm length_norm = LengthNorm::kInverseSqrt;
  std::string input_preparation;  // must equal what this build prepares input with
  std::array<OutputCalibration, kNumOutputs> outputs;
  std::vector<int8_t> weights;  // (1 << features.bucket_bits) * kRowStride
};

// The bytes of a model file.
std::string SerializeModel(const Model& model);

// Checks magic, version, sizes and checksum, and that outputs and input preparation match this
// build. `source` names the file in error messages ("models/x.sgm: not a stalkguard model").
Result<Model> ParseModel(std::string_view bytes, std::string_view source);

Status WriteModelFile(const Model& model, const std::string& path);
Result<Model> ReadModelFile(const std::string& path);

}  // namespace stalkguard::classifier
