#include "classifier/classifier.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/data_path.h"
#include "text/severity.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace stalkguard::classifier {
namespace {

// Rows are fetched this many features ahead: far enough to hide a cache miss on the weight
// table (8 MB, larger than L2) behind the work on the features in between.
constexpr size_t kPrefetchDistance = 32;

float Sigmoid(float z) { return 1.0f / (1.0f + std::exp(-z)); }

}  // namespace

Result<Classifier> Classifier::Load(const std::string& path) {
  SG_ASSIGN_OR_RETURN(Model model, ReadModelFile(path));
  return Classifier(std::move(model));
}

Classifier::Classifier(Model model) : model_(std::move(model)), extractor_(model_.features) {
  for (int o = 0; o < kNumOutputs; ++o) {
    const OutputCalibration& c = model_.outputs[o];
    slope_[o] = c.platt_a * c.scale;
    intercept_[o] = c.platt_a * c.bias + c.platt_b;
  }
}

uint32_t Classifier::Accumulate(ClassifierScratch& scratch, std::array<int32_t, 8>& sums) const {
  const std::vector<uint32_t>& ids = scratch.features.ids;
  std::vector<uint64_t>& seen = scratch.seen;
  if (seen.size() != (size_t{extractor_.buckets()} + 63) / 64) {
    seen.assign((size_t{extractor_.buckets()} + 63) / 64, 0);
  }
  const int8_t* table = model_.weights.data();
  const size_t n = ids.size();
  uint32_t distinct = 0;
#if defined(__SSE2__)
  // Each row is eight int8 weights; they are widened to int16 and summed in one register.
  // 256 rows of at most 127 cannot overflow int16, so the sum moves to int32 every 256 rows.
  __m128i sum16 = _mm_setzero_si128();
  __m128i sum_lo = _mm_setzero_si128();
  __m128i sum_hi = _mm_setzero_si128();
  int pending = 0;
  auto flush = [&] {
    sum_lo = _mm_add_epi32(sum_lo, _mm_srai_epi32(_mm_unpacklo_epi16(sum16, sum16), 16));
    sum_hi = _mm_add_epi32(sum_hi, _mm_srai_epi32(_mm_unpackhi_epi16(sum16, sum16), 16));
    sum16 = _mm_setzero_si128();
    pending = 0;
  };
#else
  std::array<int32_t, 8> scalar{};
#endif
  for (size_t i = 0; i < n; ++i) {
    if (i + kPrefetchDistance < n) {
      __builtin_prefetch(table + size_t{ids[i + kPrefetchDistance]} * kRowStride);
    }
    const uint32_t id = ids[i];
    uint64_t& word = seen[id >> 6];
    const uint64_t bit = uint64_t{1} << (id & 63);
    if (word & bit) continue;
    word |= bit;
    ++distinct;
    const int8_t* row = table + size_t{id} * kRowStride;
#if defined(__SSE2__)
    const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(row));
    sum16 = _mm_add_epi16(sum16, _mm_srai_epi16(_mm_unpacklo_epi8(bytes, bytes), 8));
    if (++pending == 256) flush();
#else
    for (int o = 0; o < 8; ++o) scalar[o] += row[o];
#endif
  }
#if defined(__SSE2__)
  flush();
  _mm_storeu_si128(reinterpret_cast<__m128i*>(sums.data()), sum_lo);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(sums.data() + 4), sum_hi);
#else
  sums = scalar;
#endif
  // Clearing whole words is cheaper than clearing bits, and every bit set was ours.
  for (const uint32_t id : ids) seen[id >> 6] = 0;
  return distinct;
}

std::array<float, kNumOutputs> Classifier::Margins(std::string_view message,
                                                   ClassifierScratch& scratch) const {
  extractor_.Extract(message, scratch.features);
  std::array<int32_t, 8> sums{};
  const uint32_t distinct = Accumulate(scratch, sums);
  const float norm = model_.length_norm == LengthNorm::kInverseSqrt && distinct > 0
                         ? 1.0f / std::sqrt(static_cast<float>(distinct))
                         : 1.0f;
  std::array<float, kNumOutputs> margins;
  for (int o = 0; o < kNumOutputs; ++o) {
    const OutputCalibration& c = model_.outputs[o];
    margins[o] = c.bias + c.scale * static_cast<float>(sums[o]) * norm;
  }
  return margins;
}

Scores Classifier::Classify(std::string_view message, ClassifierScratch& scratch) const {
  extractor_.Extract(message, scratch.features);
  return ScoreFeatures(scratch);
}

Scores Classifier::ClassifyNormalized(const text::NormalizedText& normalized,
                                      ClassifierScratch& scratch) const {
  extractor_.TokenizePrepared(normalized.text, scratch.features);
  extractor_.Hash(scratch.features);
  return ScoreFeatures(scratch);
}

Scores Classifier::ScoreFeatures(ClassifierScratch& scratch) const {
  std::array<int32_t, 8> sums{};
  const uint32_t distinct = Accumulate(scratch, sums);
  const float norm = model_.length_norm == LengthNorm::kInverseSqrt && distinct > 0
                         ? 1.0f / std::sqrt(static_cast<float>(distinct))
                         : 1.0f;
  Scores scores;
  for (int o = 0; o < kNumOutputs; ++o) {
    scores[o] = Sigmoid(slope_[o] * static_cast<float>(sums[o]) * norm + intercept_[o]);
  }
  return scores;
}

// What attributing a score to words needs, computed once per message for all its outputs: the
// tokens, each distinct feature with the bytes it reads, and which token each byte is in.
struct Classifier::Attribution {
  const text::NormalizedText* input = nullptr;  // the prepared message, mapped back to the original
  std::vector<int> token_at;                    // per byte of the joined text; -1 for separators
  std::vector<FeatureOrigin> features;          // distinct features, with the bytes each reads
  std::vector<uint32_t> ids;                    // their bucket ids, parallel to features
  std::vector<double> contribution;             // per token, reused per output
};

void Classifier::Attribute(const text::NormalizedText& input, ClassifierScratch& scratch,
                           Attribution& a) const {
  FeatureScratch& f = scratch.features;
  a.input = &input;
  extractor_.TokenizePrepared(input.text, f);
  std::vector<FeatureOrigin> origins;
  extractor_.HashWithOrigins(f, origins);
  const size_t tokens = f.tokens.size();
  a.token_at.assign(f.joined.size(), -1);
  for (size_t t = 0; t < tokens; ++t) {
    for (uint32_t k = 0; k < f.tokens[t].length; ++k) {
      a.token_at[f.tokens[t].joined + k] = static_cast<int>(t);
    }
  }
  // Each distinct feature counts once, with the bytes of its first occurrence; the scratch's
  // bucket bits (as Accumulate uses them) say which were met, and are cleared again after.
  std::vector<uint64_t>& seen = scratch.seen;
  if (seen.size() != (size_t{extractor_.buckets()} + 63) / 64) {
    seen.assign((size_t{extractor_.buckets()} + 63) / 64, 0);
  }
  a.features.clear();
  a.ids.clear();
  for (size_t i = 0; i < f.ids.size(); ++i) {
    const uint32_t id = f.ids[i];
    uint64_t& word = seen[id >> 6];
    const uint64_t bit = uint64_t{1} << (id & 63);
    if (word & bit) continue;
    word |= bit;
    a.features.push_back(origins[i]);
    a.ids.push_back(id);
  }
  for (const uint32_t id : a.ids) seen[id >> 6] = 0;
}

TextSpan Classifier::Attributed(const Attribution& a, int output, ClassifierScratch& scratch,
                                std::vector<double>& contribution) const {
  const FeatureScratch& f = scratch.features;
  const size_t tokens = f.tokens.size();
  if (tokens == 0) return {};
  // Each distinct feature's weight is shared among the tokens it overlaps, in proportion to
  // the bytes it reads from each.
  contribution.assign(tokens, 0.0);
  for (size_t i = 0; i < a.ids.size(); ++i) {
    const double weight = model_.weights[size_t{a.ids[i]} * kRowStride + output];
    if (weight == 0) continue;
    int covered = 0;
    for (uint32_t k = a.features[i].begin; k < a.features[i].end; ++k)
      covered += a.token_at[k] >= 0;
    if (covered == 0) continue;
    for (uint32_t k = a.features[i].begin; k < a.features[i].end; ++k) {
      if (a.token_at[k] >= 0) contribution[a.token_at[k]] += weight / covered;
    }
  }
  const double best = *std::max_element(contribution.begin(), contribution.end());
  if (best <= 0) return {};
  // The contiguous run of tokens with the largest total contribution, each token paying a
  // small toll so that a run does not grow over neutral words.
  const double toll = 0.15 * best;
  double run = 0, best_run = -1;
  size_t run_begin = 0, best_begin = 0, best_end = 0;
  for (size_t t = 0; t < tokens; ++t) {
    if (run <= 0) {
      run = 0;
      run_begin = t;
    }
    run += contribution[t] - toll;
    if (run > best_run) {
      best_run = run;
      best_begin = run_begin;
      best_end = t + 1;
    }
  }
  return internal::ToOriginal(*a.input, f.tokens[best_begin].begin, f.tokens[best_end - 1].end);
}

TextSpan Classifier::MostContributing(std::string_view message, int output,
                                      ClassifierScratch& scratch) const {
  Attribution a;
  internal::PrepareInput(message, scratch.features.input);
  Attribute(scratch.features.input, scratch, a);
  return Attributed(a, output, scratch, a.contribution);
}

std::vector<Finding> Classifier::Findings(std::string_view message, const Scores& scores,
                                          ClassifierScratch& scratch) const {
  for (int o = 0; o < kNumOutputs; ++o) {
    if (scores[o] < model_.outputs[o].threshold) continue;
    internal::PrepareInput(message, scratch.features.input);
    return FindingsNormalized(scratch.features.input, scores, scratch);
  }
  return {};
}

std::vector<Finding> Classifier::FindingsNormalized(const text::NormalizedText& normalized,
                                                    const Scores& scores,
                                                    ClassifierScratch& scratch) const {
  std::vector<Finding> findings;
  Attribution attribution;
  bool attributed = false;
  const size_t message_size = normalized.original_size;
  for (int o = 0; o < kNumOutputs; ++o) {
    if (scores[o] < model_.outputs[o].threshold) continue;
    if (!attributed) {
      Attribute(normalized, scratch, attribution);
      attributed = true;
    }
    Finding finding;
    finding.detector = std::string(kDetectorName);
    finding.category = std::string(kOutputNames[o]);
    finding.score = scores[o];
    finding.severity = text::SeverityForScore(scores[o]);
    finding.span = Attributed(attribution, o, scratch, attribution.contribution);
    if (finding.span.empty()) finding.span = {0, message_size};
    char why[64];
    std::snprintf(why, sizeof why, "model: %s %.2f", finding.category.c_str(), scores[o]);
    finding.why = why;
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::string DefaultModelPath() { return FindDataPath("models/classifier.sgm", "STALKGUARD_MODEL"); }

}  // namespace stalkguard::classifier
