#include "risk/risk_config.h"

#include <gtest/gtest.h>

namespace sgr = stalkguard::risk;

TEST(RiskConfig, TheShippedFileEqualsTheDefaults) {
  auto loaded = sgr::RiskConfig::Load(SG_SOURCE_DIR "/config/risk.toml");
  ASSERT_TRUE(loaded) << loaded.error().message;
  const sgr::RiskConfig d = sgr::RiskConfig::Defaults();
  EXPECT_EQ(loaded->danger, d.danger);
  EXPECT_EQ(loaded->warning, d.warning);
  EXPECT_EQ(loaded->watch, d.watch);
  EXPECT_EQ(loaded->max_repeats, d.max_repeats);
  ASSERT_EQ(loaded->categories.size(), d.categories.size());
  for (const auto& [category, rule] : d.categories) {
    ASSERT_TRUE(loaded->categories.count(category)) << category;
    EXPECT_EQ(loaded->categories.at(category).form, rule.form) << category;
    EXPECT_EQ(loaded->categories.at(category).weight, rule.weight) << category;
  }
  EXPECT_EQ(loaded->caps, d.caps);
  EXPECT_EQ(loaded->trusted_weight, d.trusted_weight);
  EXPECT_EQ(loaded->banter_cap, d.banter_cap);
  EXPECT_EQ(loaded->combination_score, d.combination_score);
  EXPECT_EQ(loaded->repeated_abuse_incidents, d.repeated_abuse_incidents);
  EXPECT_EQ(loaded->repeated_abuse_score, d.repeated_abuse_score);
}

TEST(RiskConfig, ErrorsNameTheFileAndTheKey) {
  struct Case {
    const char* text;
    const char* expected;
  } cases[] = {
      {"[rules]\ntrusted = 0.5\n", "unknown key \"rules.trusted\""},
      {"[severity]\nwarning = 1.5\n", "severity.warning must be a number from 0 to 1"},
      {"[severity]\nwarning = 0.9\ndanger = 0.8\n", "must rise"},
      {"[categories]\nthreat = \"abusive_messages\"\n", "categories.threat must be [form, weight]"},
      {"[categories]\nstalking = [\"stalking\", 1.0]\n", "form \"stalking\" has no cap"},
      {"[severity\n", "risk.toml: 1"},
  };
  for (const auto& c : cases) {
    auto parsed = sgr::RiskConfig::Parse(c.text, "risk.toml");
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_NE(parsed.error().message.find(c.expected), std::string::npos)
        << c.text << " -> " << parsed.error().message;
    EXPECT_EQ(parsed.error().message.rfind("risk.toml", 0), 0u) << parsed.error().message;
  }
}
