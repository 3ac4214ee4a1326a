#include "text/pattern_set.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "text/internal/pattern_file.h"
#include "text/severity.h"

namespace sg = stalkguard;
namespace text = stalkguard::text;

namespace {

const char kHeader[] = "# stalkguard-patterns v1\n";

sg::Result<text::PatternSet> FromText(const std::string& name, const std::string& body) {
  return text::PatternSet::FromSources({text::PatternSource{name, body}});
}

std::string ErrorOf(const sg::Result<text::PatternSet>& result) {
  return result ? std::string("(loaded)") : result.error().message;
}

TEST(Loosen, SqueezesLettersAndMakesSpacesOptional) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"kill", "kil"},
      {"i know", "i ?know"},
      {"\\bi'm\\b", "\\bi'm\\b"},
      {"(?:you|u)", "(?:you|u)"},
      {"address", "adres"},
      {"[a-z]+ [ ]x", "[a-z]+ ?[ ]x"},
      {"so?on{2}", "so?on{2}"},
      {"\\x{41}\\Qab\\E\\d", "\\x{41}\\Qab\\E\\d"},
      {"(?i)aab", "(?i)ab"},
      {"a  b", "a ? ?b"},
      {"ll?", "ll?"},
      {"lll", "l"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(text::internal::Loosen(c.in), c.out) << "regex: " << c.in;
  }
}

TEST(SeverityForScore, FollowsTheTable) {
  EXPECT_EQ(text::SeverityForScore(0.95), sg::Severity::kDanger);
  EXPECT_EQ(text::SeverityForScore(0.85), sg::Severity::kDanger);
  EXPECT_EQ(text::SeverityForScore(0.849), sg::Severity::kWarning);
  EXPECT_EQ(text::SeverityForScore(0.6), sg::Severity::kWarning);
  EXPECT_EQ(text::SeverityForScore(0.45), sg::Severity::kWatch);
  EXPECT_EQ(text::SeverityForScore(0.3), sg::Severity::kWatch);
  EXPECT_EQ(text::SeverityForScore(0.29), sg::Severity::kInfo);
  EXPECT_EQ(text::SeverityForScore(-1), sg::Severity::kInfo);
  EXPECT_EQ(text::SeverityForScore(2), sg::Severity::kDanger);
}

TEST(PatternSet, ReportsFindingsOnTheOriginalText) {
  auto set =
      FromText("t.txt", std::string(kHeader) +
                            "knows-address\twhereabouts\t0.9\t\\bi know where (you|u) live\\b\n");
  ASSERT_TRUE(set) << ErrorOf(set);
  const std::string message = "Hey. I kn0w wh3re U   L I V E, see you";
  std::vector<sg::Finding> findings;
  ASSERT_TRUE(set->Scan(message, findings));
  ASSERT_EQ(findings.size(), 1u);
  const sg::Finding& f = findings[0];
  EXPECT_EQ(f.detector, "text.patterns");
  EXPECT_EQ(f.category, "whereabouts");
  EXPECT_DOUBLE_EQ(f.score, 0.9);
  EXPECT_EQ(f.severity, sg::Severity::kDanger);
  EXPECT_EQ(f.why, "pattern: knows-address");
  EXPECT_EQ(message.substr(f.span.begin, f.span.end - f.span.begin), "I kn0w wh3re U   L I V E");
}

TEST(PatternSet, MergesOverlappingMatchesOfOnePattern) {
  auto set =
      FromText("t.txt", std::string(kHeader) + "saw\twhereabouts\t0.5\ti saw you at [a-z]+\n");
  ASSERT_TRUE(set) << ErrorOf(set);
  const std::string message = "i saw you at school and i saw you at home";
  std::vector<sg::Finding> findings;
  ASSERT_TRUE(set->Scan(message, findings));
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(message.substr(findings[0].span.begin, findings[0].span.end - findings[0].span.begin),
            "i saw you at school");
  EXPECT_EQ(message.substr(findings[1].span.begin, findings[1].span.end - findings[1].span.begin),
            "i saw you at home");
}

TEST(PatternSet, ExpandsDefinesAcrossFiles) {
  auto set = text::PatternSet::FromSources(
      {{"a.txt", std::string(kHeader) + "define\tyou\t(?:you|u)\n"},
       {"b.txt", std::string(kHeader) + "hide\tthreat\t0.85\t\\b{you} can't hide\\b\n"}});
  ASSERT_TRUE(set) << ErrorOf(set);
  ASSERT_EQ(set->patterns().size(), 1u);
  EXPECT_EQ(set->patterns()[0].regex, "\\b(?:(?:you|u)) can't hide\\b");
  std::vector<sg::Finding> findings;
  ASSERT_TRUE(set->Scan("U CAN\u2019T HIDE", findings));
  EXPECT_EQ(findings.size(), 1u);
}

TEST(PatternSet, LoadErrorsNameFileAndLine) {
  struct Case {
    std::string body;
    std::string expected;  // substring of the message
  } cases[] = {
      {"id\tthreat\t0.9\tx\n", "t.txt:1: the first line must be"},
      {"# stalkguard-patterns v2\nid\tthreat\t0.9\tx\n", "t.txt:1: unsupported version"},
      {std::string(kHeader) + "# ok\n\nbad line\n", "t.txt:4: expected 4 tab-separated fields"},
      {std::string(kHeader) + "a\tthreats\t0.9\tx\n", "t.txt:2: pattern \"a\": unknown category"},
      {std::string(kHeader) + "a\tthreat\t1.5\tx\n", "t.txt:2: pattern \"a\": score \"1.5\""},
      {std::string(kHeader) + "a\tthreat\thigh\tx\n", "t.txt:2: pattern \"a\": score \"high\""},
      {std::string(kHeader) + "A B\tthreat\t0.5\tx\n", "t.txt:2: pattern id \"A B\""},
      {std::string(kHeader) + "a\tthreat\t0.5\tx\na\tthreat\t0.5\ty\n",
       "t.txt:3: pattern \"a\" is already defined at t.txt:2"},
      {std::string(kHeader) + "a\tthreat\t0.5\t{nope} x\n",
       "t.txt:2: pattern \"a\": unknown define"},
      {std::string(kHeader) + "\n\na\tthreat\t0.5\t(unclosed\n",
       "t.txt:4: pattern \"a\" does not compile"},
      {std::string(kHeader) + "a\tthreat\t0.5\tx(?=y)\n",
       "t.txt:2: pattern \"a\" does not compile"},
      {std::string(kHeader), "no patterns in t.txt"},
  };
  for (const Case& c : cases) {
    const auto set = FromText("t.txt", c.body);
    ASSERT_FALSE(set) << c.body;
    EXPECT_NE(set.error().message.find(c.expected), std::string::npos)
        << "body: " << c.body << "\nmessage: " << set.error().message;
  }
}

TEST(PatternSet, LoadFailsOnAMissingDirectory) {
  const auto set = text::PatternSet::Load("/nonexistent/patterns");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, sg::ErrorCode::kNotFound);
}

TEST(PatternSet, IsMovable) {
  auto set = FromText("t.txt", std::string(kHeader) + "a\tthreat\t0.9\twatch your back\n");
  ASSERT_TRUE(set) << ErrorOf(set);
  text::PatternSet moved = std::move(*set);
  std::vector<sg::Finding> findings;
  ASSERT_TRUE(moved.Scan("WATCH YOUR BACK", findings));
  EXPECT_EQ(findings.size(), 1u);
}

}  // namespace

TEST(PatternSet, KeepsTheCompiledDatabaseInTheCacheAndSurvivesABadOne) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("sg-hs-cache-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ::setenv("STALKGUARD_CACHE", dir.c_str(), 1);
  const std::vector<text::PatternSource> sources = {
      {"t.txt",
       "# stalkguard-patterns v1\nknows-address\twhereabouts\t0.9\ti know where you live\n"}};
  std::vector<sg::Finding> findings;
  {
    auto first = text::PatternSet::FromSources(sources);
    ASSERT_TRUE(first) << first.error().message;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].extension(), ".hsdb");
  // Loaded from the cache, it finds the same.
  auto cached = text::PatternSet::FromSources(sources);
  ASSERT_TRUE(cached);
  ASSERT_TRUE(cached->Scan("I know where you live", findings));
  EXPECT_EQ(findings.size(), 1u);
  // A damaged file is ignored: compiled again, and replaced.
  std::ofstream(files[0], std::ios::binary | std::ios::trunc) << "stalkguard-hsdb v1\ngarbage";
  findings.clear();
  auto recompiled = text::PatternSet::FromSources(sources);
  ASSERT_TRUE(recompiled);
  ASSERT_TRUE(recompiled->Scan("I know where you live", findings));
  EXPECT_EQ(findings.size(), 1u);
  std::ifstream replaced(files[0], std::ios::binary);
  const std::string content((std::istreambuf_iterator<char>(replaced)),
                            std::istreambuf_iterator<char>());
  EXPECT_GT(content.size(), 100u);
  ::unsetenv("STALKGUARD_CACHE");
  fs::remove_all(dir);
}
