// Display-name folding shared by the full and the incremental contact linker, so that both
// link by the same names.
#pragma once

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>

namespace stalkguard::contacts::internal {

// Case- and space-folded name used to compare display names.
inline std::string FoldName(std::string_view name) {
  std::string out;
  bool space = false;
  for (char c : name) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Names that say nothing about who someone is.
inline bool IsLinkableName(const std::string& folded) {
  static const std::set<std::string> kPlaceholders = {"unknown", "(unknown)", "null",     "me",
                                                      "you",     "no name",   "anonymous"};
  if (folded.size() < 3 || kPlaceholders.count(folded)) return false;
  const bool has_letter = std::any_of(folded.begin(), folded.end(),
                                      [](unsigned char c) { return std::isalpha(c) || c >= 0x80; });
  return has_letter && folded.find('@') == std::string::npos;
}

}  // namespace stalkguard::contacts::internal
