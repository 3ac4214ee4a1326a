#include "core/profile.h"

#include <algorithm>

namespace stalkguard {

bool Profile::IsSelf(const Identity& id) const {
  return !id.empty() && std::find(identities.begin(), identities.end(), id) != identities.end();
}

const TrustedContact* Profile::TrustedFor(const Identity& id) const {
  if (id.empty()) return nullptr;
  for (const TrustedContact& t : trusted)
    if (std::find(t.identities.begin(), t.identities.end(), id) != t.identities.end()) return &t;
  return nullptr;
}

}  // namespace stalkguard
