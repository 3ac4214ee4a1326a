#include "detectors/stalkerware/package_list.h"

#include <unordered_set>

#include "core/strings.h"
#include "core/utf8.h"

namespace stalkguard::detect {
namespace {

constexpr size_t kMaxPackageName = 255;
// Bad lines are quoted in rejections up to this many bytes.
constexpr size_t kMaxQuoted = 60;

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Quote(std::string_view line) {
  std::string quoted = SanitizeUtf8(Utf8Prefix(line, kMaxQuoted));
  if (quoted.size() < line.size()) quoted += "...";
  return "\"" + quoted + "\"";
}

// The package named by one line, or an explanation of why there is none.
struct LineResult {
  std::string_view package;
  std::string error;
};

LineResult ParseLine(std::string_view line) {
  std::string_view rest = line;
  const bool pm = rest.starts_with("package:");
  if (pm) rest.remove_prefix(8);
  rest = TrimAscii(rest);
  // The package is the first word; pm adds "installer=..." (-i), "uid:..." (-U) and
  // "versionCode:..." (--show-versioncode) after it, separated by spaces.
  const size_t space = rest.find_first_of(" \t");
  std::string_view first = rest.substr(0, space);
  if (space != std::string_view::npos) {
    for (std::string_view tail = TrimAscii(rest.substr(space)); !tail.empty();) {
      const size_t end = tail.find_first_of(" \t");
      const std::string_view word = tail.substr(0, end);
      if (word.find_first_of("=:") == std::string_view::npos) {
        return {{}, Quote(line) + " has unexpected text after the package name"};
      }
      tail = end == std::string_view::npos ? std::string_view() : TrimAscii(tail.substr(end));
    }
  }
  // -f: "package:/data/app/~~Ab3==/com.foo-Xy==/base.apk=com.foo". The path can hold '=' (its
  // base64 parts do), the package never does, so the package follows the last '='.
  if (first.starts_with("/")) {
    const size_t eq = first.rfind('=');
    if (eq == std::string_view::npos) {
      return {{}, Quote(line) + " has an APK path but no \"=package\" after it"};
    }
    first = first.substr(eq + 1);
  }
  if (first.empty()) return {{}, Quote(line) + " names no package"};
  if (!IsPackageName(first)) return {{}, Quote(line) + " is not a package name"};
  return {first, {}};
}

}  // namespace

bool IsPackageName(std::string_view name) {
  if (name.empty() || name.size() > kMaxPackageName) return false;
  bool segment_start = true;
  bool first_segment = true;
  for (char c : name) {
    if (c == '.') {
      if (segment_start) return false;  // empty segment
      segment_start = true;
      first_segment = false;
      continue;
    }
    if (segment_start) {
      if (!IsLetter(c) && (first_segment || !IsDigit(c))) return false;
      segment_start = false;
    } else if (!IsLetter(c) && !IsDigit(c)) {
      return false;
    }
  }
  return !segment_start;
}

PackageList ParsePackageList(std::string_view text, std::string_view source_name) {
  PackageList list;
  std::unordered_set<std::string_view> seen;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    line = TrimAscii(line);
    if (line.empty() || line.starts_with('#')) continue;
    LineResult result = ParseLine(line);
    if (!result.error.empty()) {
      list.rejected.push_back(std::string(source_name) + ":" + std::to_string(line_number) + ": " +
                              result.error);
      continue;
    }
    if (seen.insert(result.package).second) list.packages.emplace_back(result.package);
  }
  return list;
}

}  // namespace stalkguard::detect
