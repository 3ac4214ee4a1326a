// PatternSet: the stalking phrases a general toxicity model misses ("I know where you live",
// "why are you ignoring me", "stop texting me", "or I'll post your pics"), matched all at once
// with Hyperscan on normalised text and reported as Findings on the original text.
//
//   SG_ASSIGN_OR_RETURN(PatternSet patterns, PatternSet::Load("config/patterns"));
//   SG_RETURN_IF_ERROR(patterns.Scan(event.text, findings));
//
// Patterns live in versioned data files, one per line: id, category, score, regex
// (docs/formats/patterns.md). Each becomes a Finding from detector "text.patterns" with the
// file's category and score, a severity from SeverityForScore(), the span of original text the
// phrase came from, and the reason "pattern: <id>".
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/result.h"
#include "text/normalizer.h"

namespace stalkguard::text {

inline constexpr std::string_view kPatternDetector = "text.patterns";

// The categories a pattern may report. Refusals are said by the protected person; the conduct
// detectors use them to see contact that goes on after one. Over-sharing is the person saying
// where they are or go (config/oversharing/, loaded on its own by the check-up).
inline constexpr std::string_view kPatternCategories[] = {
    "threat", "whereabouts", "fixation", "refusal", "sexual", "monitoring", "rumour", "oversharing",
};

struct Pattern {
  std::string id;        // "knows-address": unique across all files, stored in findings
  std::string category;  // one of kPatternCategories
  double score = 0;      // in [0, 1]
  std::string regex;     // as written in the file, defines expanded
  std::string file;      // where it was defined, for messages
  int line = 0;
};

// The text of one pattern file and the name used in messages (usually its path).
struct PatternSource {
  std::string name;
  std::string text;
};

// A match in normalised text: byte offsets [begin, end) and the index into patterns().
struct PatternMatch {
  size_t pattern = 0;
  size_t begin = 0;
  size_t end = 0;
};

// Immutable after loading, apart from caches behind the scenes; Scan and Match are safe from
// several threads at once (each thread gets its own Hyperscan scratch space).
class PatternSet {
 public:
  // Reads every *.txt file in `dir`, in name order, and compiles them into one database.
  // Fails when a file cannot be read, lacks the version header, has a malformed line or a
  // regex Hyperscan rejects; the message names the file, the line and the pattern.
  static Result<PatternSet> Load(const std::filesystem::path& dir);
  // The same from texts already in memory (tests, embedded defaults).
  static Result<PatternSet> FromSources(const std::vector<PatternSource>& sources);

  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;
  ~PatternSet();

  // Normalises `original_text` and appends one Finding per match to `out`, spans in
  // `original_text`. Overlapping matches of one pattern are reported once, as their union.
  // Fails only when Hyperscan does (out of memory).
  Status Scan(std::string_view original_text, std::vector<Finding>& out) const;
  // The same for a caller that has normalised the text already (for the classifier).
  Status Scan(const NormalizedText& normalized, std::vector<Finding>& out) const;
  // Matches in normalised text, ordered by pattern then position; replaces `out`'s contents.
  Status Match(std::string_view normalized_text, std::vector<PatternMatch>& out) const;

  // Compiles now what Scan would compile the first time each pattern matches (the databases
  // that find where a match starts), and fails if any pattern cannot have one. Load does not,
  // to stay fast; tests and "check my patterns" tools should.
  Status CompileAll() const;

  const std::vector<Pattern>& patterns() const { return patterns_; }

 private:
  struct Database;
  PatternSet(std::vector<Pattern> patterns, std::unique_ptr<Database> db);

  std::vector<Pattern> patterns_;
  std::unique_ptr<Database> db_;
};

}  // namespace stalkguard::text
