// The shipped pattern files in config/patterns/ must load, and every sentence in
// config/patterns/tests/*.tsv must match (or not match) as it says.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "text/internal/pattern_test_runner.h"
#include "text/pattern_set.h"

namespace sg = stalkguard;
namespace text = stalkguard::text;
namespace fs = std::filesystem;

namespace {

const fs::path kPatternDir = fs::path(SG_SOURCE_DIR) / "config" / "patterns";

const text::PatternSet& Shipped() {
  static const text::PatternSet* set = [] {
    auto loaded = text::PatternSet::Load(kPatternDir);
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message;
      std::abort();
    }
    return new text::PatternSet(std::move(*loaded));
  }();
  return *set;
}

TEST(ShippedPatterns, Load) {
  EXPECT_GE(Shipped().patterns().size(), 100u);
  for (const text::Pattern& p : Shipped().patterns()) {
    EXPECT_TRUE(fs::path(p.file).parent_path() == kPatternDir) << p.file;
  }
}

TEST(ShippedPatterns, EveryPatternReportsWhereItsMatchesStart) {
  const auto status = Shipped().CompileAll();
  EXPECT_TRUE(status) << status.error().message;
}

TEST(ShippedPatterns, EveryTestLinePasses) {
  const auto report = text::internal::RunPatternTests(Shipped(), kPatternDir);
  ASSERT_TRUE(report) << report.error().message;
  for (const std::string& failure : report->failures) ADD_FAILURE() << failure;
  EXPECT_GE(report->lines, 500u);
}

TEST(ShippedPatterns, EveryPatternHasAMatchingTest) {
  const auto report = text::internal::RunPatternTests(Shipped(), kPatternDir);
  ASSERT_TRUE(report) << report.error().message;
  for (const text::Pattern& p : Shipped().patterns()) {
    EXPECT_TRUE(report->tested.count(p.id))
        << p.file << ":" << p.line << ": pattern " << p.id << " has no \"match\" line in tests/";
  }
}

TEST(ShippedPatterns, ThreatYieldsAThreatFindingAndKindnessNone) {
  std::vector<sg::Finding> findings;
  const std::string threat = "You think you can ignore me? I'll find you. W4tch y0ur b4ck.";
  ASSERT_TRUE(Shipped().Scan(threat, findings));
  const auto is_threat = [](const sg::Finding& f) { return f.category == "threat"; };
  ASSERT_TRUE(std::any_of(findings.begin(), findings.end(), is_threat));
  for (const sg::Finding& f : findings) {
    if (f.category != "threat") continue;
    EXPECT_EQ(f.detector, "text.patterns");
    EXPECT_GE(f.severity, sg::Severity::kWarning) << f.why;
    const std::string excerpt = threat.substr(f.span.begin, f.span.end - f.span.begin);
    EXPECT_TRUE(excerpt.starts_with("I'll find you") || excerpt.starts_with("W4tch y0ur b4ck"))
        << excerpt;
  }
  findings.clear();
  ASSERT_TRUE(Shipped().Scan(
      "Thank you so much for dinner last night! You're a star, see you at the park on Sunday :)",
      findings));
  EXPECT_TRUE(findings.empty()) << findings.front().why;
}

}  // namespace
