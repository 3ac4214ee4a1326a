// LinkJudge: judges one link the way a careful friend would before tapping it, and says why.
// Each check that fires is a reason with a stable code ("ip_host", "lookalike_domain"), a
// sentence for a person, and a weight from config/links/weights.toml; the score is the
// noisy-or of the weights, 1 - (1 - w1)(1 - w2)..., so that independent signs add up without
// ever passing 1. A learned URL model (models/links.sgl) joins as one more reason, and a link
// on a blocklist feed is malicious whatever else it looks like. docs/detectors/links.md lists
// every reason, the weights and the feed formats.
//
//   SG_ASSIGN_OR_RETURN(LinkJudge judge, LinkJudge::Create(DefaultLinkJudgeOptions()));
//   LinkVerdict v = judge.Judge("http://paypa1-secure.com/verify");  // malicious, 0.97
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace stalkguard::links {

enum class Verdict { kOk, kSuspicious, kMalicious };

std::string_view ToString(Verdict verdict);  // "ok", "suspicious", "malicious"

struct LinkReason {
  std::string code;   // stable stored name, e.g. "ip_host"; docs/detectors/links.md lists them
  std::string text;   // a sentence for a person: "the link goes to a bare IP address (...)"
  std::string brief;  // a few words for a finding's why: "bare IP address"
  double weight = 0;  // its part in the noisy-or, in [0, 1]
};

struct LinkVerdict {
  std::string url;  // as given
  Verdict verdict = Verdict::kOk;
  double score = 0;                 // in [0, 1]
  std::vector<LinkReason> reasons;  // strongest first; empty for a clean link
  std::string host;                 // lower-case ASCII ("xn--" labels); empty when none
  std::string unicode_host;         // the host as a person reads it
  std::string registrable_domain;   // "paypal.co.uk" for "www.paypal.co.uk"; the host for IPs
  double model_score = -1;          // the learned model's probability; -1 when it did not run
  // The host is a listed brand's own site or a well-known one (config/links/brands.txt,
  // well_known.txt): only feeds and host checks (IP, port, '@') apply to it.
  bool known_site = false;
};

enum class FeedKind {
  kBlocklist,    // phishing and malware lists: reason "feed_listed"
  kStalkerware,  // servers of stalkerware apps: reason "stalkerware_host"
};

struct FeedSpec {
  std::string path;
  FeedKind kind = FeedKind::kBlocklist;
};

struct LinkJudgeOptions {
  std::string config_dir;  // holds weights.toml, brands.txt and the word lists
  std::string model_path;  // the learned model; empty for heuristics only
  std::vector<FeedSpec> feeds;
  // libpsl reads this file (.dafsa or .dat); when it cannot, its built-in list is used.
  std::string public_suffix_list = "/usr/share/publicsuffix/public_suffix_list.dafsa";
};

// config/links and models/links.sgl found beside the running binary or above it (FindDataPath;
// $STALKGUARD_LINKS_CONFIG and $STALKGUARD_LINK_MODEL override them), and the stalkerware
// network list as a kStalkerware feed when DefaultStalkerwareHostsPath finds one.
LinkJudgeOptions DefaultLinkJudgeOptions();

// The stalkerware indicators' network list, a hosts-format file of the servers stalkerware
// apps talk to: $STALKGUARD_STALKERWARE_HOSTS, else
// shared/data/stalkerware_indicators/generated/hosts above the binary or the working
// directory. kNotFound when there is none.
Result<std::string> DefaultStalkerwareHostsPath();

class LinkJudge {
 public:
  // Loads the configuration, the model and every feed. Fails when a file cannot be read or is
  // malformed; the message names the file and line. Feed records that are merely bad are
  // skipped and listed in warnings().
  static Result<LinkJudge> Create(const LinkJudgeOptions& options);

  LinkJudge(LinkJudge&&) noexcept;
  LinkJudge& operator=(LinkJudge&&) noexcept;
  ~LinkJudge();

  // Judges `url` (any text: with or without scheme, raw UTF-8, "javascript:"). Never fails.
  // Safe to call from several threads at once.
  LinkVerdict Judge(std::string_view url) const;

  // The hashed features the learned model reads for `url`, for training: distinct buckets
  // below 1 << bucket_bits. Heuristic reasons are among them, so train with the config the
  // model will ship with.
  std::vector<uint32_t> ModelFeatures(std::string_view url, uint32_t bucket_bits) const;

  // Messages about feed records that were skipped, "feed.csv:12: unterminated quote", and one
  // line per feed that had more than could be listed.
  const std::vector<std::string>& warnings() const;

  bool has_model() const;
  // The lowest scores called suspicious and malicious (weights.toml [verdict]).
  double suspicious_threshold() const;
  double malicious_threshold() const;

 private:
  struct Impl;
  explicit LinkJudge(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A few words for a finding: the strongest reason's brief and the host, "look-alike of
// paypal.com (paypa1-secure.com)". Empty for a verdict with no reasons.
std::string Summary(const LinkVerdict& verdict);

}  // namespace stalkguard::links
