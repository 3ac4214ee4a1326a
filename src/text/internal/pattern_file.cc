#include "text/internal/pattern_file.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <utility>

namespace stalkguard::text::internal {
namespace {

// A define may use other defines; deeper than this is a cycle.
constexpr int kMaxDefineDepth = 8;

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

std::string Where(const std::string& file, int line) { return file + ":" + std::to_string(line); }

bool IsIdChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

bool IsCategory(std::string_view category) {
  return std::find(std::begin(kPatternCategories), std::end(kPatternCategories), category) !=
         std::end(kPatternCategories);
}

struct Define {
  std::string body;
  std::string where;
};

// Replaces each {name} with "(?:" + the define + ")". Braces around digits and commas are
// regex repeats ("{1,3}") and stay.
Result<std::string> Expand(std::string_view regex, const std::map<std::string, Define>& defines,
                           const std::string& where, int depth) {
  if (depth > kMaxDefineDepth) {
    return MakeError(ErrorCode::kInvalidInput, where + ": defines nest too deep (a cycle?)");
  }
  std::string out;
  for (size_t i = 0; i < regex.size(); ++i) {
    if (regex[i] == '\\' && i + 1 < regex.size()) {
      out += regex.substr(i, 2);
      ++i;
      continue;
    }
    if (regex[i] != '{') {
      out += regex[i];
      continue;
    }
    const size_t close = regex.find('}', i);
    const std::string_view name =
        close == std::string_view::npos ? std::string_view() : regex.substr(i + 1, close - i - 1);
    const bool is_name =
        !name.empty() && std::all_of(name.begin(), name.end(), IsNameChar) &&
        !std::all_of(name.begin(), name.end(), [](char c) { return (c >= '0' && c <= '9'); });
    if (!is_name) {
      out += regex[i];
      continue;
    }
    const auto it = defines.find(std::string(name));
    if (it == defines.end()) {
      return MakeError(ErrorCode::kInvalidInput,
                       where + ": unknown define {" + std::string(name) + "}");
    }
    SG_ASSIGN_OR_RETURN(std::string body, Expand(it->second.body, defines, where, depth + 1));
    out += "(?:" + body + ")";
    i = close;
  }
  return out;
}

bool IsQuantifier(char c) { return c == '*' || c == '+' || c == '?' || c == '{'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

}  // namespace

std::string Loosen(std::string_view r) {
  std::string out;
  const size_t n = r.size();
  size_t i = 0;
  const auto quantified = [&](size_t at) { return at + 1 < n && IsQuantifier(r[at + 1]); };
  while (i < n) {
    const char c = r[i];
    if (c == '\\' && i + 1 < n) {
      size_t end = i + 2;
      const char e = r[i + 1];
      if ((e == 'x' || e == 'p' || e == 'P' || e == 'N') && end < n && r[end] == '{') {
        const size_t close = r.find('}', end);
        end = close == std::string_view::npos ? n : close + 1;
      } else if (e == 'Q') {
        const size_t close = r.find("\\E", end);
        end = close == std::string_view::npos ? n : close + 2;
      }
      out += r.substr(i, end - i);
      i = end;
    } else if (c == '[') {
      size_t j = i + 1;
      if (j < n && r[j] == '^') ++j;
      if (j < n && r[j] == ']') ++j;
      while (j < n && r[j] != ']') {
        if (r[j] == '\\') {
          j += 2;
        } else if (r[j] == '[' && j + 1 < n && r[j + 1] == ':') {
          const size_t close = r.find(":]", j + 2);
          j = close == std::string_view::npos ? n : close + 2;
        } else {
          ++j;
        }
      }
      j = std::min(j + 1, n);
      out += r.substr(i, j - i);
      i = j;
    } else if (c == '(' && i + 1 < n && r[i + 1] == '?') {
      // "(?:", "(?i)", "(?i-s:": the letters are flags, not text.
      size_t j = i + 2;
      while (j < n && (IsAsciiLetter(r[j]) || r[j] == '-' || r[j] == '^')) ++j;
      if (j < n && (r[j] == ':' || r[j] == ')')) ++j;
      out += r.substr(i, j - i);
      i = j;
    } else if (c == '{') {
      const size_t close = r.find('}', i);
      const size_t end = close == std::string_view::npos ? n : close + 1;
      out += r.substr(i, end - i);
      i = end;
    } else if (IsAsciiLetter(c) && !quantified(i)) {
      // "ll" becomes "l": the text is matched with every run of a letter squeezed to one.
      size_t j = i + 1;
      while (j < n && Lower(r[j]) == Lower(c) && !quantified(j)) ++j;
      out += c;
      i = j;
    } else if (c == ' ' && !quantified(i)) {
      out += " ?";
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

Result<std::vector<Pattern>> ParsePatternSources(const std::vector<PatternSource>& sources) {
  struct Line {
    const PatternSource* source;
    int number;
    std::vector<std::string_view> fields;
  };
  std::vector<Line> pattern_lines;
  std::map<std::string, Define> defines;
  for (const PatternSource& source : sources) {
    std::string_view text = source.text;
    int number = 0;
    bool first = true;
    while (!text.empty() || first) {
      const size_t newline = text.find('\n');
      std::string_view line = text.substr(0, newline);
      text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
      ++number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const std::string where = Where(source.name, number);
      if (first) {
        first = false;
        if (line.substr(0, 22) == kPatternHeader.substr(0, 22) && line != kPatternHeader) {
          return MakeError(ErrorCode::kUnsupported,
                           where + ": unsupported version \"" + std::string(line) + "\", this " +
                               "stalkguard reads \"" + std::string(kPatternHeader) + "\"");
        }
        if (line != kPatternHeader) {
          return MakeError(ErrorCode::kInvalidInput, where + ": the first line must be \"" +
                                                         std::string(kPatternHeader) + "\"");
        }
        continue;
      }
      if (line.empty() || line.front() == '#') continue;
      std::vector<std::string_view> fields = SplitTabs(line);
      if (fields[0] == "define") {
        if (fields.size() != 3 || fields[1].empty() || fields[2].empty() ||
            !std::all_of(fields[1].begin(), fields[1].end(), IsNameChar)) {
          return MakeError(ErrorCode::kInvalidInput,
                           where +
                               ": expected \"define<TAB>name<TAB>regex\" with a name of "
                               "a-z, 0-9 and _");
        }
        const auto [it, inserted] =
            defines.emplace(std::string(fields[1]), Define{std::string(fields[2]), where});
        if (!inserted) {
          return MakeError(ErrorCode::kInvalidInput, where + ": define {" + std::string(fields[1]) +
                                                         "} is already defined at " +
                                                         it->second.where);
        }
        continue;
      }
      if (fields.size() != 4) {
        return MakeError(ErrorCode::kInvalidInput,
                         where +
                             ": expected 4 tab-separated fields (id, category, score, "
                             "regex), found " +
                             std::to_string(fields.size()));
      }
      pattern_lines.push_back(Line{&source, number, std::move(fields)});
    }
  }

  std::vector<Pattern> patterns;
  std::map<std::string, std::string> seen_ids;
  for (const Line& line : pattern_lines) {
    const std::string where = Where(line.source->name, line.number);
    const std::string_view id = line.fields[0];
    const std::string_view category = line.fields[1];
    const std::string_view score_text = line.fields[2];
    const std::string_view regex = line.fields[3];
    if (id.empty() || !std::all_of(id.begin(), id.end(), IsIdChar)) {
      return MakeError(ErrorCode::kInvalidInput,
                       where + ": pattern id \"" + std::string(id) + "\" must be a-z, 0-9 and -");
    }
    const std::string named = where + ": pattern \"" + std::string(id) + "\"";
    if (const auto [it, inserted] = seen_ids.emplace(std::string(id), where); !inserted) {
      return MakeError(ErrorCode::kInvalidInput, named + " is already defined at " + it->second);
    }
    if (!IsCategory(category)) {
      return MakeError(ErrorCode::kInvalidInput,
                       named + ": unknown category \"" + std::string(category) + "\"");
    }
    double score = -1;
    const auto [end, ec] =
        std::from_chars(score_text.data(), score_text.data() + score_text.size(), score);
    if (ec != std::errc() || end != score_text.data() + score_text.size() || !(score >= 0) ||
        score > 1) {
      return MakeError(ErrorCode::kInvalidInput, named + ": score \"" + std::string(score_text) +
                                                     "\" is not a number in [0, 1]");
    }
    if (regex.empty()) return MakeError(ErrorCode::kInvalidInput, named + ": empty regex");
    SG_ASSIGN_OR_RETURN(std::string expanded, Expand(regex, defines, named, 0));
    patterns.push_back(Pattern{std::string(id), std::string(category), score, std::move(expanded),
                               line.source->name, line.number});
  }
  if (patterns.empty()) {
    std::string names;
    for (const PatternSource& source : sources) names += (names.empty() ? "" : ", ") + source.name;
    return MakeError(ErrorCode::kInvalidInput,
                     "no patterns in " + (names.empty() ? "(no files)" : names));
  }
  return patterns;
}

Result<std::vector<PatternTest>> ParsePatternTests(const std::string& file, std::string_view text) {
  std::vector<PatternTest> tests;
  int number = 0;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string_view> fields = SplitTabs(line);
    if (fields.size() != 3 || (fields[0] != "match" && fields[0] != "nomatch") ||
        fields[1].empty() || fields[2].empty()) {
      return MakeError(
          ErrorCode::kInvalidInput,
          Where(file, number) + ": expected \"match|nomatch<TAB>pattern-id or -<TAB>sentence\"");
    }
    tests.push_back(PatternTest{file, number, fields[0] == "match", std::string(fields[1]),
                                std::string(fields[2])});
  }
  return tests;
}

}  // namespace stalkguard::text::internal
