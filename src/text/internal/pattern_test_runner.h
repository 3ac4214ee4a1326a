// Runs the sentence tests of a pattern directory (<dir>/tests/*.tsv, docs/formats/patterns.md)
// against a loaded PatternSet. Header-only and free of gtest, for the tests of each shipped
// pattern directory (config/patterns, config/oversharing) to share.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/result.h"
#include "text/internal/pattern_file.h"
#include "text/normalizer.h"
#include "text/pattern_set.h"

namespace stalkguard::text::internal {

struct PatternTestReport {
  size_t lines = 0;                   // test lines run
  std::vector<std::string> failures;  // one message per failed line, with what did match
  std::set<std::string> tested;       // pattern ids some "match" line names
};

inline std::vector<std::filesystem::path> PatternTestFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "tests", ec)) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Every line of every test file of `dir`, run through `set.Scan` like a real message. `-` means
// any pattern of the file the tests belong to (<stem>.txt), or any pattern at all when there is
// no such file (benign.tsv). Fails only when a test file cannot be read or parsed, or names a
// pattern that does not exist.
inline Result<PatternTestReport> RunPatternTests(const PatternSet& set,
                                                 const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> file_of;  // pattern id -> pattern file stem
  for (const Pattern& p : set.patterns()) file_of[p.id] = fs::path(p.file).stem().string();

  PatternTestReport report;
  for (const fs::path& path : PatternTestFiles(dir)) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return MakeError(ErrorCode::kIo, path.string() + ": cannot read");
    std::ostringstream content;
    content << in.rdbuf();
    SG_ASSIGN_OR_RETURN(const std::vector<PatternTest> tests,
                        ParsePatternTests(path.string(), content.str()));
    const std::string stem = path.stem().string();
    const bool has_pattern_file = fs::exists(dir / (stem + ".txt"));
    for (const PatternTest& t : tests) {
      ++report.lines;
      const std::string where = t.file + ":" + std::to_string(t.line) + ": \"" + t.sentence + "\"";
      if (t.pattern_id != "-" && !file_of.count(t.pattern_id)) {
        return MakeError(ErrorCode::kInvalidInput, where + ": no pattern " + t.pattern_id);
      }
      if (t.match) report.tested.insert(t.pattern_id);
      std::vector<Finding> findings;
      SG_RETURN_IF_ERROR(set.Scan(t.sentence, findings));
      std::string found;
      bool hit = false;
      for (const Finding& f : findings) {
        const std::string id = f.why.substr(f.why.find(": ") + 2);  // "pattern: <id>"
        found += " " + id;
        if (f.span.begin >= f.span.end || f.span.end > t.sentence.size()) {
          report.failures.push_back(where + ": " + id + " has an empty or outside span");
        }
        if (t.pattern_id == "-") {
          hit = hit || !has_pattern_file || file_of[id] == stem;
        } else {
          hit = hit || id == t.pattern_id;
        }
      }
      if (hit != t.match) {
        report.failures.push_back(where + (t.match ? " should match" : " should not match") +
                                  "\n  normalised: \"" + Normalize(t.sentence).text +
                                  "\"\n  found:" + (found.empty() ? " nothing" : found));
      }
    }
  }
  return report;
}

}  // namespace stalkguard::text::internal
