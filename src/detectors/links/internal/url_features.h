// The features the learned link model reads (feature set kUrlFeatureSet, "url-v2"). The
// scheme and a leading "www." are left out on purpose: the ISCX training data is almost all
// "http://", and a model that learned "https means safe" would miss today's phishing, most of
// which has a certificate.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "detectors/links/internal/link_config.h"

namespace stalkguard::links::internal {

struct FeatureInput {
  std::string_view host;    // lower-case ASCII, "www." already removed
  std::string_view suffix;  // public suffix of host (left out of the features)
  std::string_view path;    // path as written
  std::string_view query;   // query without '?'
  bool has_query = false;
  std::span<const Reason> reasons;  // heuristic reasons that fired
};

// Replaces `ids` with the distinct feature buckets of `input`, sorted.
void ExtractUrlFeatures(const FeatureInput& input, uint32_t bucket_bits,
                        std::vector<uint32_t>& ids);

}  // namespace stalkguard::links::internal
