// Small text helpers the impersonation folder shares. Pure functions, safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/identity.h"

namespace stalkguard::detect::internal {

// ASCII lower case with runs of white space made one space and trimmed: "Sam  Lee" and
// "sam lee" are the same name written twice, not a look-alike.
inline std::string LooseName(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  }
  return out;
}

// How an identity is shown in an excerpt: handles as "instagram:sam_lee_official", the rest as
// their key, "phone:+447700900999".
inline std::string ShownIdentity(const Identity& id) {
  return id.kind == IdentityKind::kHandle ? id.value : id.Key();
}

}  // namespace stalkguard::detect::internal
