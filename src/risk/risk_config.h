// RiskConfig: the weights, caps, thresholds and rules that turn findings into a case, read from
// config/risk.toml (docs/cases.md). Defaults equal the shipped file, so a test can build cases
// without reading it.
#pragma once

#include <map>
#include <string>

#include "core/result.h"

namespace stalkguard::risk {

struct CategoryRule {
  std::string form;  // "" when the category adds to the score without being a form
  double weight = 1;
};

struct RiskConfig {
  double danger = 0.85, warning = 0.6, watch = 0.3;
  double repeat_decay = 0.5;
  int max_repeats = 5;
  std::map<std::string, CategoryRule, std::less<>> categories;
  std::map<std::string, double, std::less<>> caps;
  double form_min_score = 0.3;
  double trusted_weight = 0.75;
  double single_incident_cap = 0.55;
  double banter_cap = 0.55;
  double banter_max_unanswered_share = 0.5;
  int repeated_abuse_incidents = 3;
  double repeated_abuse_score = 0.65;
  double explicit_threat = 0.85;
  double combination_score = 0.9;
  double combination_min_finding = 0.6;

  // The shipped values.
  static RiskConfig Defaults();
  // Reads a risk.toml; every key is optional, unknown keys and values out of range are errors
  // that name the file and the key.
  static Result<RiskConfig> Load(const std::string& path);
  static Result<RiskConfig> Parse(const std::string& text, const std::string& name);
};

// config/risk.toml of the shipped tree ($STALKGUARD_RISK overrides).
std::string DefaultRiskConfigPath();

}  // namespace stalkguard::risk
