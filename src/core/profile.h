// The protected person: who they are (their identities decide which events are outgoing),
// where they live and go (for doxxing and whereabouts checks) and whom they trust.
// Loaded from TOML by profile/profile_loader.h; plain data, safe to share read-only.
#pragma once

#include <string>
#include <vector>

#include "core/identity.h"

namespace stalkguard {

struct TrustedContact {
  std::string name;
  std::vector<Identity> identities;
};

struct Profile {
  std::vector<std::string> names;       // "Sam Lee", "Sammy"
  std::vector<Identity> identities;     // normalised phones, e-mails and handles
  std::vector<std::string> addresses;   // "12 Mill Lane, Leeds LS6 2AB"
  std::vector<std::string> schools;     // "Hillside Academy"
  std::vector<std::string> workplaces;  // "Leeds Central Library"
  std::vector<std::string> places;      // other places they go: "Mill Lane Gym"
  std::vector<TrustedContact> trusted;
  // Identities the person has blocked: contact from a new identity of the same person is
  // ban evasion.
  std::vector<Identity> blocked;
  std::string region;  // ISO region for phone numbers without "+"

  // True when `id` is one of the person's own identities.
  bool IsSelf(const Identity& id) const;
  // The trusted contact `id` belongs to, or nullptr.
  const TrustedContact* TrustedFor(const Identity& id) const;
};

}  // namespace stalkguard
