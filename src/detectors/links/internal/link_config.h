// The shipped settings of the link judge, read from a directory (config/links/): the reason
// weights and verdict thresholds (weights.toml), the brands people are phished with
// (brands.txt) and word lists (shorteners.txt, risky_tlds.txt, lure_words.txt,
// download_extensions.txt). docs/detectors/links.md describes every file.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/result.h"

namespace stalkguard::links::internal {

// Every reason the judge can give. The names are stored with verdicts and are the keys of
// weights.toml: renaming one is a migration.
enum class Reason : uint8_t {
  kFeedListed,
  kStalkerwareHost,
  kScriptScheme,
  kIpHost,
  kUserinfo,
  kLookalikeDomain,
  kBrandInDomain,
  kBrandInSubdomain,
  kBrandInPath,
  kMixedScript,
  kPunycodeHost,
  kExecutableDownload,
  kShortener,
  kRiskyTld,
  kLureWords,
  kHttpLure,
  kManySubdomains,
  kLongHost,
  kNonstandardPort,
  kEmbeddedUrl,
  kFreeHosting,
  kMalformed,
  kModel,
  kCount,
};
inline constexpr size_t kReasonCount = static_cast<size_t>(Reason::kCount);

inline constexpr std::array<std::string_view, kReasonCount> kReasonNames = {
    "feed_listed",
    "stalkerware_host",
    "script_scheme",
    "ip_host",
    "userinfo",
    "lookalike_domain",
    "brand_in_domain",
    "brand_in_subdomain",
    "brand_in_path",
    "mixed_script",
    "punycode_host",
    "executable_download",
    "shortener",
    "risky_tld",
    "lure_words",
    "http_lure",
    "many_subdomains",
    "long_host",
    "nonstandard_port",
    "embedded_url",
    "free_hosting",
    "malformed",
    "model",
};

inline std::string_view ReasonName(Reason reason) {
  return kReasonNames[static_cast<size_t>(reason)];
}

// One name a brand is known by and the registrable domains it really owns. A brand can have
// several names ("microsoft", "office365", "outlook"), one line each in brands.txt.
struct Brand {
  std::string name;                  // lower case, as looked for in hosts and paths
  bool whole_word = false;           // never looked for inside longer words ("revolut=")
  std::string skeleton;              // FoldSkeleton(name), filled by the judge
  std::vector<std::string> domains;  // "paypal.com"; a host at or under one is the brand's own
};

struct LinkConfig {
  std::array<double, kReasonCount> weights{};
  double suspicious = 0.5;  // score at or above which a link is suspicious
  double malicious = 0.85;  // ... and malicious
  int many_subdomains = 4;  // labels in front of the registrable domain that count as many
  int long_host = 50;       // bytes of host that count as very long
  // The learned model's score m joins the noisy-or as a reason of weight model_scale * m, and
  // only once m reaches model_floor.
  double model_scale = 1.0;
  double model_floor = 0.5;
  // The model's weight never passes model_cap, and on a bare site name (no path, no query)
  // with no other reason never passes model_bare_cap: a guess from the address alone is worth
  // a "watch" at most, and a name alone says too little (new sites have long, wordy names,
  // like phishers').
  double model_cap = 1.0;
  double model_bare_cap = 1.0;
  // Reasons the model reads as features and weighs better than a fixed weight can; when the
  // model has run they are still shown but add nothing of their own to the noisy-or.
  std::array<bool, kReasonCount> absorbed{};
  std::vector<Brand> brands;
  std::unordered_set<std::string> shorteners;           // registrable domains or hosts
  std::unordered_set<std::string> risky_tlds;           // "xyz", "top"
  std::unordered_set<std::string> lure_words;           // "login", "verify"
  std::unordered_set<std::string> download_extensions;  // "apk", "exe"
  // Hosts or registrable domains where anyone can publish a page ("sites.google.com",
  // "000webhostapp.com"): never a brand's own page, whatever the brand list says.
  std::unordered_set<std::string> free_hosting;
  // Registrable domains or hosts of popular sites that are nobody's look-alike: links to them
  // skip the brand, lure and model checks, like a brand's own domains.
  std::unordered_set<std::string> well_known;
};

// Reads every file of `dir`. Errors name the file and line: "config/links/brands.txt:12: ...".
Result<LinkConfig> LoadLinkConfig(const std::string& dir);

// Parses weights.toml text into `config`; `name` is used in messages.
Status ParseWeights(std::string_view text, const std::string& name, LinkConfig& config);

// The bytes of the file at `path`; kNotFound or kIo naming the path.
Result<std::string> ReadFileBytes(const std::string& path);

}  // namespace stalkguard::links::internal
