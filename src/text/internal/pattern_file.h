// Reading pattern files and their test files (docs/formats/patterns.md). Internal to text/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "text/pattern_set.h"

namespace stalkguard::text::internal {

inline constexpr std::string_view kPatternHeader = "# stalkguard-patterns v1";

// Parses every source: header, defines (global to all sources), pattern lines. Each pattern
// comes back with its defines expanded into Pattern::regex. Errors name the file and line.
Result<std::vector<Pattern>> ParsePatternSources(const std::vector<PatternSource>& sources);

// The regex Hyperscan compiles for one written against normalised text. The text is matched
// with every run of a letter squeezed to one ("kiill", "kill" -> "kil"), because people stretch
// words and normalisation keeps two letters of a run; so doubled letters in the pattern are
// squeezed too ("kill" -> "kil"). Every literal space may be missing, because spaced-out
// letters are joined into one word ("u l i v e" -> "ulive"). Escapes, classes, groups and
// letters with a quantifier are left as written, so "[ ]" is a space that must be there.
std::string Loosen(std::string_view regex);

// One line of a test file: "match|nomatch<TAB>pattern-id or -<TAB>sentence".
struct PatternTest {
  std::string file;
  int line = 0;
  bool match = false;
  std::string pattern_id;  // "-": any pattern (of the pattern file the tests belong to)
  std::string sentence;
};

Result<std::vector<PatternTest>> ParsePatternTests(const std::string& file, std::string_view text);

}  // namespace stalkguard::text::internal
