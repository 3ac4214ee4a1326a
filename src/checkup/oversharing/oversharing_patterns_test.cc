// The shipped over-sharing patterns (config/oversharing/) must load into a scanner, and every
// sentence in config/oversharing/tests/*.tsv must match (or not match) as it says.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "checkup/oversharing/oversharing_scanner.h"
#include "text/internal/pattern_test_runner.h"

namespace sg = stalkguard;
namespace fs = std::filesystem;

namespace {

const fs::path kPatternDir = fs::path(SG_SOURCE_DIR) / "config" / "oversharing";

const sg::text::PatternSet& Shipped() {
  static const sg::checkup::OversharingScanner* scanner = [] {
    auto created = sg::checkup::OversharingScanner::Create(sg::Profile{}, kPatternDir);
    if (!created) {
      ADD_FAILURE() << created.error().message;
      std::abort();
    }
    return new sg::checkup::OversharingScanner(std::move(*created));
  }();
  return scanner->patterns();
}

TEST(OversharingPatterns, LoadAsPhraseKinds) {
  EXPECT_GE(Shipped().patterns().size(), 25u);
  for (const auto& p : Shipped().patterns()) {
    EXPECT_EQ(p.category, "oversharing") << p.id;
    EXPECT_TRUE(sg::checkup::OvershareKindFromString(fs::path(p.file).stem().string())) << p.file;
  }
}

TEST(OversharingPatterns, EveryPatternReportsWhereItsMatchesStart) {
  const auto status = Shipped().CompileAll();
  EXPECT_TRUE(status) << status.error().message;
}

TEST(OversharingPatterns, EveryTestLinePassesAndEveryPatternIsTested) {
  const auto report = sg::text::internal::RunPatternTests(Shipped(), kPatternDir);
  ASSERT_TRUE(report) << report.error().message;
  for (const std::string& failure : report->failures) ADD_FAILURE() << failure;
  EXPECT_GE(report->lines, 200u);
  for (const auto& p : Shipped().patterns()) {
    EXPECT_TRUE(report->tested.count(p.id))
        << p.file << ":" << p.line << ": pattern " << p.id << " has no \"match\" line in tests/";
  }
}

TEST(OversharingPatterns, DefaultDirectoryIsTheShippedOne) {
  const fs::path found = sg::checkup::DefaultOversharingPatternDir();
  EXPECT_TRUE(fs::exists(found / "routine.txt")) << found;
}

}  // namespace
