// The shipped pattern files in config/patterns/ must load, and every sentence in
// config/patterns/tests/*.tsv must match (or not match) as it says.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "text/internal/pattern_file.h"
#include "text/normalizer.h"
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

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> TestFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kPatternDir / "tests")) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The pattern id in a finding's reason, "pattern: knows-address" -> "knows-address".
std::string IdOf(const sg::Finding& f) { return f.why.substr(f.why.find(": ") + 2); }

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
  const text::PatternSet& set = Shipped();
  std::map<std::string, std::string> file_of;  // pattern id -> pattern file stem
  for (const text::Pattern& p : set.patterns()) file_of[p.id] = fs::path(p.file).stem().string();
  size_t lines = 0;
  for (const fs::path& path : TestFiles()) {
    const std::string stem = path.stem().string();
    const bool has_pattern_file = fs::exists(kPatternDir / (stem + ".txt"));
    auto tests = text::internal::ParsePatternTests(path.string(), ReadAll(path));
    ASSERT_TRUE(tests) << tests.error().message;
    for (const text::internal::PatternTest& t : *tests) {
      ++lines;
      const std::string where = t.file + ":" + std::to_string(t.line) + ": \"" + t.sentence + "\"";
      if (t.pattern_id != "-") {
        ASSERT_TRUE(file_of.count(t.pattern_id)) << where << ": no pattern " << t.pattern_id;
      }
      std::vector<sg::Finding> findings;
      ASSERT_TRUE(set.Scan(t.sentence, findings)) << where;
      std::string found;
      bool hit = false;
      for (const sg::Finding& f : findings) {
        const std::string id = IdOf(f);
        found += " " + id;
        EXPECT_LT(f.span.begin, f.span.end) << where << " " << id;
        EXPECT_LE(f.span.end, t.sentence.size()) << where << " " << id;
        if (t.pattern_id == "-") {
          hit = hit || !has_pattern_file || file_of[id] == stem;
        } else {
          hit = hit || id == t.pattern_id;
        }
      }
      EXPECT_EQ(hit, t.match) << where << "\n  normalised: \"" << text::Normalize(t.sentence).text
                              << "\"\n  found:" << (found.empty() ? " nothing" : found);
    }
  }
  EXPECT_GE(lines, 500u);
}

TEST(ShippedPatterns, EveryPatternHasAMatchingTest) {
  std::set<std::string> tested;
  for (const fs::path& path : TestFiles()) {
    auto tests = text::internal::ParsePatternTests(path.string(), ReadAll(path));
    ASSERT_TRUE(tests) << tests.error().message;
    for (const auto& t : *tests) {
      if (t.match) tested.insert(t.pattern_id);
    }
  }
  for (const text::Pattern& p : Shipped().patterns()) {
    EXPECT_TRUE(tested.count(p.id))
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
