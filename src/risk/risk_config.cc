#include "risk/risk_config.h"

#include <toml++/toml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/data_path.h"

namespace stalkguard::risk {
namespace {

Error Bad(const std::string& name, const std::string& what) {
  return Error{ErrorCode::kInvalidInput, name + ": " + what};
}

Status CheckKeys(const toml::table& table, const std::set<std::string>& allowed,
                 const std::string& section, const std::string& name) {
  for (const auto& [key, node] : table) {
    if (!allowed.count(std::string(key.str())))
      return tl::unexpected(Bad(name, "unknown key \"" + section + std::string(key.str()) + "\""));
  }
  return OkStatus();
}

// Reads table[key] into `out` when present; it must be a number in [0, 1].
Status Score(const toml::table& table, const char* key, const std::string& section,
             const std::string& name, double& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return OkStatus();
  const std::optional<double> value = node->value<double>();
  if (!value || *value < 0 || *value > 1)
    return tl::unexpected(Bad(name, section + key + " must be a number from 0 to 1"));
  out = *value;
  return OkStatus();
}

}  // namespace

RiskConfig RiskConfig::Defaults() {
  RiskConfig c;
  c.categories = {
      {"threat", {"abusive_messages", 1.0}},
      {"sexual", {"abusive_messages", 0.9}},
      {"identity_attack", {"abusive_messages", 0.8}},
      {"insult", {"abusive_messages", 0.6}},
      {"toxic", {"abusive_messages", 0.5}},
      {"spam", {"abusive_messages", 0.3}},
      {"excessive_contact", {"excessive_contact", 1.0}},
      {"night_contact", {"excessive_contact", 0.8}},
      {"persistence_after_refusal", {"excessive_contact", 1.0}},
      {"escalation", {"excessive_contact", 1.0}},
      {"doxxing", {"public_shaming", 1.0}},
      {"intimate_image", {"public_shaming", 1.0}},
      {"malicious_link", {"device_compromise", 1.0}},
      {"malicious_attachment", {"device_compromise", 1.0}},
      {"stalkerware", {"device_compromise", 1.0}},
      {"monitoring", {"device_compromise", 1.0}},
      {"impersonation", {"impersonation", 1.0}},
      {"ban_evasion", {"impersonation", 0.9}},
      {"rumour", {"rumours", 1.0}},
      {"whereabouts", {"", 1.0}},
  };
  c.caps = {{"abusive_messages", 0.95},
            {"excessive_contact", 0.95},
            {"public_shaming", 0.95},
            {"device_compromise", 0.95},
            {"impersonation", 0.9},
            {"rumours", 0.9},
            {"", 0.95}};
  return c;
}

Result<RiskConfig> RiskConfig::Parse(const std::string& text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& err) {
    return tl::unexpected(
        Bad(name, std::to_string(err.source().begin.line) + ": " + std::string(err.description())));
  }
  RiskConfig c = Defaults();
  SG_RETURN_IF_ERROR(
      CheckKeys(root, {"severity", "evidence", "categories", "caps", "rules"}, "", name));
  if (const toml::table* t = root["severity"].as_table()) {
    SG_RETURN_IF_ERROR(CheckKeys(*t, {"danger", "warning", "watch"}, "severity.", name));
    SG_RETURN_IF_ERROR(Score(*t, "danger", "severity.", name, c.danger));
    SG_RETURN_IF_ERROR(Score(*t, "warning", "severity.", name, c.warning));
    SG_RETURN_IF_ERROR(Score(*t, "watch", "severity.", name, c.watch));
    if (!(c.watch <= c.warning && c.warning <= c.danger))
      return tl::unexpected(Bad(name, "severity thresholds must rise: watch <= warning <= danger"));
  }
  if (const toml::table* t = root["evidence"].as_table()) {
    SG_RETURN_IF_ERROR(CheckKeys(*t, {"repeat_decay", "max_repeats"}, "evidence.", name));
    SG_RETURN_IF_ERROR(Score(*t, "repeat_decay", "evidence.", name, c.repeat_decay));
    if (const toml::node* n = t->get("max_repeats")) {
      const auto v = n->value<int64_t>();
      if (!v || *v < 1 || *v > 100)
        return tl::unexpected(Bad(name, "evidence.max_repeats must be a whole number 1..100"));
      c.max_repeats = static_cast<int>(*v);
    }
  }
  if (const toml::table* t = root["categories"].as_table()) {
    for (const auto& [key, node] : *t) {
      const toml::array* pair = node.as_array();
      const std::string where = "categories." + std::string(key.str());
      if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_string())
        return tl::unexpected(Bad(name, where + " must be [form, weight]"));
      const auto weight = (*pair)[1].value<double>();
      if (!weight || *weight < 0 || *weight > 1)
        return tl::unexpected(Bad(name, where + ": the weight must be a number from 0 to 1"));
      c.categories[std::string(key.str())] = {*(*pair)[0].value<std::string>(), *weight};
    }
  }
  if (const toml::table* t = root["caps"].as_table()) {
    for (const auto& [key, node] : *t) {
      double cap = 0;
      SG_RETURN_IF_ERROR(Score(*t, std::string(key.str()).c_str(), "caps.", name, cap));
      c.caps[std::string(key.str())] = cap;
    }
  }
  if (const toml::table* t = root["rules"].as_table()) {
    SG_RETURN_IF_ERROR(CheckKeys(
        *t,
        {"form_min_score", "trusted_weight", "single_incident_cap", "banter_cap",
         "banter_max_unanswered_share", "repeated_abuse_incidents", "repeated_abuse_score",
         "explicit_threat", "combination_score", "combination_min_finding"},
        "rules.", name));
    SG_RETURN_IF_ERROR(Score(*t, "form_min_score", "rules.", name, c.form_min_score));
    SG_RETURN_IF_ERROR(Score(*t, "trusted_weight", "rules.", name, c.trusted_weight));
    SG_RETURN_IF_ERROR(Score(*t, "single_incident_cap", "rules.", name, c.single_incident_cap));
    SG_RETURN_IF_ERROR(Score(*t, "banter_cap", "rules.", name, c.banter_cap));
    SG_RETURN_IF_ERROR(
        Score(*t, "banter_max_unanswered_share", "rules.", name, c.banter_max_unanswered_share));
    if (const toml::node* n = t->get("repeated_abuse_incidents")) {
      const auto v = n->value<int64_t>();
      if (!v || *v < 1 || *v > 1000)
        return tl::unexpected(
            Bad(name, "rules.repeated_abuse_incidents must be a whole number 1..1000"));
      c.repeated_abuse_incidents = static_cast<int>(*v);
    }
    SG_RETURN_IF_ERROR(Score(*t, "repeated_abuse_score", "rules.", name, c.repeated_abuse_score));
    SG_RETURN_IF_ERROR(Score(*t, "explicit_threat", "rules.", name, c.explicit_threat));
    SG_RETURN_IF_ERROR(Score(*t, "combination_score", "rules.", name, c.combination_score));
    SG_RETURN_IF_ERROR(
        Score(*t, "combination_min_finding", "rules.", name, c.combination_min_finding));
  }
  for (const auto& [category, rule] : c.categories) {
    if (!c.caps.count(rule.form))
      return tl::unexpected(
          Bad(name, "categories." + category + ": form \"" + rule.form + "\" has no cap"));
  }
  return c;
}

Result<RiskConfig> RiskConfig::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open the risk config");
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

std::string DefaultRiskConfigPath() { return FindDataPath("config/risk.toml", "STALKGUARD_RISK"); }

}  // namespace stalkguard::risk
